//! Input checks at the core boundary. Each check names the field and the rule; a form's checks
//! are collected so the user sees every problem at once.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, FieldError, Result, Rule};

/// Collects field errors.
#[derive(Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn fail(&mut self, field: &'static str, rule: Rule) {
        if !self.errors.iter().any(|e| e.field == field) {
            self.errors.push(FieldError { field, rule });
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// A required text of at most `max` characters, trimmed.
    pub fn text(&mut self, field: &'static str, value: &str, max: usize) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.fail(field, Rule::Required);
        } else if v.chars().count() > max {
            self.fail(field, Rule::TooLong { max });
        }
        v.to_string()
    }

    /// Optional text: trimmed, at most `max` characters, may be empty.
    pub fn optional_text(&mut self, field: &'static str, value: &str, max: usize) -> String {
        let v = value.trim();
        if v.chars().count() > max {
            self.fail(field, Rule::TooLong { max });
        }
        v.to_string()
    }

    pub fn email(&mut self, field: &'static str, value: &str) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.fail(field, Rule::Required);
        } else if v.chars().count() > 254 {
            self.fail(field, Rule::TooLong { max: 254 });
        } else if !is_email(v) {
            self.fail(field, Rule::EmailForm);
        }
        v.to_string()
    }

    /// An optional phone number; empty becomes `None`.
    pub fn phone(&mut self, field: &'static str, value: &str) -> Option<String> {
        let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if v.is_empty() {
            return None;
        }
        let digits = v.chars().filter(char::is_ascii_digit).count();
        let body = v.strip_prefix('+').unwrap_or(&v);
        let ok = body.chars().all(|c| c.is_ascii_digit() || c == ' ') && (5..=15).contains(&digits);
        if !ok {
            self.fail(field, Rule::PhoneForm);
        }
        Some(v)
    }

    pub fn date(&mut self, field: &'static str, value: &str) -> Option<NaiveDate> {
        let v = value.trim();
        if v.is_empty() {
            self.fail(field, Rule::Required);
            return None;
        }
        match parse_date(v) {
            Some(d) if (1950..=2100).contains(&d.year()) => Some(d),
            Some(_) => {
                self.fail(
                    field,
                    Rule::DateRange {
                        from: 1950,
                        to: 2100,
                    },
                );
                None
            }
            None => {
                self.fail(field, Rule::DateForm);
                None
            }
        }
    }

    /// Working hours per week (`40`, `30,5`), as minutes; empty is full time (40 h).
    pub fn weekly_hours(&mut self, field: &'static str, value: &str) -> i64 {
        let v = value.trim().replace(',', ".");
        if v.is_empty() {
            return 40 * 60;
        }
        match v.parse::<f64>() {
            Ok(h) if (1.0..=48.0).contains(&h) => (h * 60.0).round() as i64,
            _ => {
                self.fail(field, Rule::NumberRange { min: 1, max: 48 });
                40 * 60
            }
        }
    }

    pub fn login(&mut self, field: &'static str, value: &str) -> String {
        let v = value.trim().to_string();
        if v.is_empty() {
            self.fail(field, Rule::Required);
        } else if !(3..=32).contains(&v.len())
            || !v.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')
            })
        {
            self.fail(field, Rule::LoginForm);
        }
        v
    }

    pub fn password(
        &mut self,
        field: &'static str,
        repeat_field: &'static str,
        value: &str,
        repeat: &str,
    ) {
        if value.is_empty() {
            self.fail(field, Rule::Required);
        } else if value.chars().count() < 8 {
            self.fail(field, Rule::TooShort { min: 8 });
        } else if value != repeat {
            self.fail(repeat_field, Rule::PasswordMismatch);
        }
    }

    /// A whole number within `min..=max`.
    pub fn range(&mut self, field: &'static str, value: i64, min: i64, max: i64) {
        if !(min..=max).contains(&value) {
            self.fail(field, Rule::NumberRange { min, max });
        }
    }

    pub fn finish(self) -> Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.errors))
        }
    }
}

/// `dd.mm.yyyy` (also `d.m.yyyy`) or ISO `yyyy-mm-dd`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// A practical address check: one `@`, a local part, a dotted domain of letters, digits and
/// hyphens, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.contains('@') {
        return false;
    }
    if !local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_forms() {
        for ok in ["mari.maasikas@smit.ee", "a@b.ee", "x+y@sub.domain.eu"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "mari",
            "mari@",
            "@smit.ee",
            "mari@smit",
            "mari maasikas@smit.ee",
            "a@@b.ee",
            "a@b.e",
            "a..b@c.ee",
            "a@-b.ee",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 24).unwrap();
        assert_eq!(parse_date("24.02.2026"), Some(d));
        assert_eq!(parse_date("2026-02-24"), Some(d));
        assert_eq!(parse_date("30.02.2026"), None);
        assert_eq!(parse_date("24/02/2026"), None);
    }

    #[test]
    fn phone_numbers() {
        let mut c = Checker::new();
        assert_eq!(
            c.phone("phone", "  +372  5123 4567 "),
            Some("+372 5123 4567".into())
        );
        assert_eq!(c.phone("phone", ""), None);
        assert!(c.finish().is_ok());
        let mut c = Checker::new();
        c.phone("phone", "51-23");
        assert!(c.has("phone"));
    }
}
