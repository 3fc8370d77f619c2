//! Contracts and budget (§ 3.7.8–3.7.9, § 3.7.13, § 3.8.2): the pure rules. Money is integer
//! cents, VAT rates are basis points (2400 = 24 %); nothing here touches the database.

pub mod model;
pub mod warnings;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;
pub use model::*;

/// The Estonian standard VAT rate on a date: 20 % until 2023-12-31, 22 % from 2024-01-01,
/// 24 % from 2025-07-01.
pub fn vat_rate_on(date: NaiveDate) -> i64 {
    let ymd = (date.year(), date.month(), date.day());
    if ymd < (2024, 1, 1) {
        2000
    } else if ymd < (2025, 7, 1) {
        2200
    } else {
        2400
    }
}

/// VAT on an amount, rounded half up to the cent.
pub fn vat_of(net_cents: i64, rate_bp: i64) -> i64 {
    (net_cents * rate_bp + 5_000).div_euclid(10_000)
}

/// Splits the VAT-inclusive cost over parts of one value so that the parts add up to exactly
/// the cost of the whole (cumulative rounding: no cent is lost or made).
pub fn split_gross(parts: &[i64], rate_bp: i64) -> Vec<i64> {
    let mut out = Vec::with_capacity(parts.len());
    let mut cum = 0;
    let mut prev_gross = 0;
    for p in parts {
        cum += p;
        let gross = cum + vat_of(cum, rate_bp);
        out.push(gross - prev_gross);
        prev_gross = gross;
    }
    out
}

/// An Estonian registry code (äriregistri kood): 8 digits, the last a check digit computed
/// like the personal identification code's (weights 1–7, then 3–9, modulo 11).
pub fn reg_code_ok(code: &str) -> bool {
    let digits: Vec<i64> = code
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(i64::from)
        .collect();
    if code.len() != 8 || digits.len() != 8 {
        return false;
    }
    let sum = |weights: [i64; 7]| -> i64 {
        digits[..7]
            .iter()
            .zip(weights)
            .map(|(d, w)| d * w)
            .sum::<i64>()
            % 11
    };
    let mut check = sum([1, 2, 3, 4, 5, 6, 7]);
    if check == 10 {
        check = sum([3, 4, 5, 6, 7, 8, 9]);
        if check == 10 {
            check = 0;
        }
    }
    digits[7] == check
}

/// Completes a 7-digit registry code base with its check digit.
pub fn with_check_digit(base: &str) -> Option<String> {
    (0..10)
        .map(|d| format!("{base}{d}"))
        .find(|c| reg_code_ok(c))
}

/// A registry code's check digit is wrong (as opposed to the code having the wrong form).
pub fn reg_code_form_ok(code: &str) -> bool {
    code.len() == 8 && code.chars().all(|c| c.is_ascii_digit())
}

/// A CPV code: 8 digits, optionally a hyphen and the check digit (`72000000-5`).
pub fn cpv_ok(code: &str) -> bool {
    let (main, check) = match code.split_once('-') {
        Some((m, c)) => (m, Some(c)),
        None => (code, None),
    };
    main.len() == 8
        && main.chars().all(|c| c.is_ascii_digit())
        && check.is_none_or(|c| c.len() == 1 && c.chars().all(|c| c.is_ascii_digit()))
}

/// Parses an amount of money as the user types it (`10 000`, `9 200,50`, `1234.5 €`) into
/// cents without going through floating point. Negative amounts are refused.
pub fn parse_money(s: &str) -> Option<i64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches('€')
        .trim_end_matches("EUR")
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let normal = cleaned.replace(',', ".");
    let (whole, frac) = match normal.split_once('.') {
        Some((w, f)) => (w, f),
        None => (normal.as_str(), ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 12
    {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let f: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some(w * 100 + f)
}

/// A VAT rate as the user types it (`24`, `22 %`, `9,5`) in basis points.
pub fn parse_rate(s: &str) -> Option<i64> {
    let v = s.trim().trim_end_matches('%').trim();
    let bp = parse_money(v)?;
    (0..=10_000).contains(&bp).then_some(bp)
}

/// Cents as Estonian money: `10 000,01 €` (non-breaking space between thousands).
pub fn format_money(cents: i64) -> String {
    let sign = if cents < 0 { "−" } else { "" };
    let abs = cents.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02}\u{a0}€", abs % 100)
}

/// A VAT rate for people: `24 %`, `9,5 %`.
pub fn format_rate(bp: i64) -> String {
    if bp % 100 == 0 {
        format!("{}\u{a0}%", bp / 100)
    } else {
        format!(
            "{}\u{a0}%",
            format!("{:.2}", bp as f64 / 100.0)
                .trim_end_matches('0')
                .replace('.', ",")
        )
    }
}

/// SHA-256 of a file, lowercase hex (documents are kept and registered with it).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The status a contract shows on `today`: drafts and terminated contracts as stored; a signed
/// one is "signed" before its start, "in force" until its end date, "ended" after it.
pub fn status_on(
    state: ContractState,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> ContractStatus {
    match state {
        ContractState::Draft => ContractStatus::Draft,
        ContractState::Terminated => ContractStatus::Terminated,
        ContractState::Signed if today < start => ContractStatus::Signed,
        ContractState::Signed if today <= end => ContractStatus::InForce,
        ContractState::Signed => ContractStatus::Ended,
    }
}

/// One part of a contract on one budget line, as the budget computation needs it.
#[derive(Debug, Clone)]
pub struct ShareFact {
    pub contract_id: i64,
    pub budget_line_id: i64,
    pub value_cents: i64,
    /// The contract's budget cost of this share (with VAT when the budget counts it).
    pub cost_cents: i64,
    pub state: ContractState,
}

/// One invoice, as the budget computation needs it.
#[derive(Debug, Clone)]
pub struct InvoiceFact {
    pub contract_id: i64,
    pub budget_line_id: i64,
    pub cost_cents: i64,
}

/// Committed and invoiced budget cost per budget line. A draft commits nothing; a signed
/// contract commits its share's cost, or what was invoiced against it if that is more; a
/// terminated contract commits only what was invoiced (the unspent rest returns to the line).
pub fn budget_use(shares: &[ShareFact], invoices: &[InvoiceFact]) -> BTreeMap<i64, (i64, i64)> {
    // (contract, line) → (share cost, state, invoiced)
    let mut pairs: BTreeMap<(i64, i64), (i64, Option<ContractState>, i64)> = BTreeMap::new();
    for s in shares {
        let e = pairs.entry((s.contract_id, s.budget_line_id)).or_default();
        e.0 += s.cost_cents;
        e.1 = Some(s.state);
    }
    for i in invoices {
        pairs
            .entry((i.contract_id, i.budget_line_id))
            .or_default()
            .2 += i.cost_cents;
    }
    let mut out: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for ((_, line), (cost, state, invoiced)) in pairs {
        let committed = match state {
            Some(ContractState::Draft) => 0,
            Some(ContractState::Terminated) | None => invoiced,
            Some(ContractState::Signed) => cost.max(invoiced),
        };
        let e = out.entry(line).or_default();
        e.0 += committed;
        e.1 += invoiced;
    }
    out
}

/// What stands between the signer and a signature under § 3.8.2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The value excl. VAT (after all amendments) is over the head's limit.
    OverLimit { value_cents: i64, limit_cents: i64 },
    /// A budget line has less free than the contract needs of it.
    OverBudget {
        line: String,
        year: i32,
        need_cents: i64,
        free_cents: i64,
    },
}

impl Refusal {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::OverLimit {
                value_cents,
                limit_cents,
            } => match lang {
                Lang::Et => format!(
                    "§ 3.8.2: lepingu maksumus ilma käibemaksuta {} ületab juhataja allkirjaõiguse piiri {}; lepingu allkirjastab direktor",
                    format_money(*value_cents),
                    format_money(*limit_cents)
                ),
                Lang::En => format!(
                    "§ 3.8.2: the contract value excluding VAT {} is over the head's signing limit {}; the director signs this contract",
                    format_money(*value_cents),
                    format_money(*limit_cents)
                ),
            },
            Refusal::OverBudget {
                line,
                year,
                need_cents,
                free_cents,
            } => match lang {
                Lang::Et => format!(
                    "§ 3.8.2: eelarvereal {line} ({year}) on vaba {}, leping vajab {}; juhataja allkirjastab ainult kinnitatud eelarve piires",
                    format_money(*free_cents),
                    format_money(*need_cents)
                ),
                Lang::En => format!(
                    "§ 3.8.2: budget line {line} ({year}) has {} free, the contract needs {}; the head signs only within the approved budget",
                    format_money(*free_cents),
                    format_money(*need_cents)
                ),
            },
        }
    }
}

/// What the head may sign: the value excl. VAT at most the limit, and every budget line with
/// at least the free amount the contract (or the increase of an amendment) needs of it.
pub fn authority(value_cents: i64, limit_cents: i64, needs: &[LineNeed]) -> Vec<Refusal> {
    let mut out = Vec::new();
    if value_cents > limit_cents {
        out.push(Refusal::OverLimit {
            value_cents,
            limit_cents,
        });
    }
    for n in needs {
        if n.need_cents > n.free_cents {
            out.push(Refusal::OverBudget {
                line: n.code.clone(),
                year: n.year,
                need_cents: n.need_cents,
                free_cents: n.free_cents,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn vat_rates_by_date() {
        assert_eq!(vat_rate_on(d(2023, 12, 31)), 2000);
        assert_eq!(vat_rate_on(d(2024, 1, 1)), 2200);
        assert_eq!(vat_rate_on(d(2025, 6, 30)), 2200);
        assert_eq!(vat_rate_on(d(2025, 7, 1)), 2400);
    }

    #[test]
    fn money_parses_without_floats() {
        assert_eq!(parse_money("10 000,00"), Some(1_000_000));
        assert_eq!(parse_money("10000.01"), Some(1_000_001));
        assert_eq!(parse_money("1\u{a0}234,5 €"), Some(123_450));
        assert_eq!(parse_money("0,07"), Some(7));
        assert_eq!(parse_money(",5"), Some(50));
        assert_eq!(parse_money("12"), Some(1200));
        for bad in ["", "-5", "1,234", "1.2.3", "abc", "1e5", "€"] {
            assert_eq!(parse_money(bad), None, "{bad}");
        }
        assert_eq!(format_money(1_000_001), "10\u{a0}000,01\u{a0}€");
        assert_eq!(format_money(7), "0,07\u{a0}€");
        assert_eq!(format_money(-123_456), "−1\u{a0}234,56\u{a0}€");
        assert_eq!(format_rate(2400), "24\u{a0}%");
        assert_eq!(format_rate(950), "9,5\u{a0}%");
    }

    #[test]
    fn registry_check_digits() {
        // SMIT and a few registered companies.
        for ok in ["70008440", "10234957", "10137319"] {
            assert!(reg_code_ok(ok), "{ok}");
        }
        for bad in ["70008441", "10234958", "1023495", "1023495a", "102349570"] {
            assert!(!reg_code_ok(bad), "{bad}");
        }
    }

    #[test]
    fn vat_split_adds_up() {
        // 3 × 33,33 € at 24 %: rounding each part would give 41,33 × 3 = 123,99.
        let parts = [3333, 3333, 3334];
        let gross = split_gross(&parts, 2400);
        assert_eq!(gross.iter().sum::<i64>(), 10_000 + vat_of(10_000, 2400));
    }
}
