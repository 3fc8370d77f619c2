//! The 24/7 duty roster (§ 2.2.1): shift types, coverage needs, assignments, and the checks of
//! coverage and Estonian working-time law (`check`).

pub mod check;
pub mod propose;
pub mod view;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar;

/// A skill an employee has and a shift may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Skill {
    Et,
    Ru,
    En,
    FirstLine,
    SecondLine,
    Monitoring,
}

impl Skill {
    pub const ALL: [Skill; 6] = [
        Skill::Et,
        Skill::Ru,
        Skill::En,
        Skill::FirstLine,
        Skill::SecondLine,
        Skill::Monitoring,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Skill::Et => "et",
            Skill::Ru => "ru",
            Skill::En => "en",
            Skill::FirstLine => "first_line",
            Skill::SecondLine => "second_line",
            Skill::Monitoring => "monitoring",
        }
    }

    pub fn parse(s: &str) -> Option<Skill> {
        Skill::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
    }

    /// A short label for grids and messages.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Skill::Et => "ET",
            Skill::Ru => "RU",
            Skill::En => "EN",
            Skill::FirstLine => lang.pick("I tase", "1st line"),
            Skill::SecondLine => lang.pick("II tase", "2nd line"),
            Skill::Monitoring => lang.pick("seire", "monitoring"),
        }
    }

    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of skills as bits, for the checker's inner loops.
pub fn skill_bits(skills: &[Skill]) -> u8 {
    skills.iter().fold(0, |b, s| b | s.bit())
}

/// Which coverage needs apply on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    Weekday,
    Weekend,
    Holiday,
}

impl DayKind {
    pub fn of(date: NaiveDate) -> DayKind {
        if calendar::is_holiday(date) {
            DayKind::Holiday
        } else if calendar::is_weekend(date) {
            DayKind::Weekend
        } else {
            DayKind::Weekday
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Weekday => "weekday",
            DayKind::Weekend => "weekend",
            DayKind::Holiday => "holiday",
        }
    }

    pub fn parse(s: &str) -> Option<DayKind> {
        [DayKind::Weekday, DayKind::Weekend, DayKind::Holiday]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A kind of shift: a wall-clock start in Tallinn and a nominal length. Its real length is
/// computed in elapsed time, so a night shift across a DST change lasts 11 or 13 hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShiftType {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// Minutes after local midnight.
    pub start_minute: u32,
    /// Nominal (wall-clock) length in minutes.
    pub length_minutes: u32,
    /// Skills everyone on this shift must have.
    pub skills: Vec<Skill>,
    pub active: bool,
}

impl ShiftType {
    /// The shift's real interval in UTC when it starts on `date`.
    pub fn interval(&self, date: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
        let start_local =
            date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(self.start_minute));
        let end_local = start_local + Duration::minutes(i64::from(self.length_minutes));
        (
            calendar::tallinn_to_utc(start_local),
            calendar::tallinn_to_utc(end_local),
        )
    }

    /// `08:00–20:00`.
    pub fn hours_label(&self) -> String {
        let end = (self.start_minute + self.length_minutes) % (24 * 60);
        format!(
            "{:02}:{:02}–{:02}:{:02}",
            self.start_minute / 60,
            self.start_minute % 60,
            end / 60,
            end % 60
        )
    }
}

/// How many people a shift needs on a kind of day, in total (`skill` none) or with a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CoverageNeed {
    pub shift_type_id: i64,
    pub day_kind: DayKind,
    pub skill: Option<Skill>,
    pub min: u32,
    pub optimal: u32,
}

/// A need for one date that replaces the day kind's needs of that shift type and skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CoverageOverride {
    pub date: NaiveDate,
    pub shift_type_id: i64,
    pub skill: Option<Skill>,
    pub min: u32,
    pub optimal: u32,
}

/// One employee's shift on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Assignment {
    pub employee_id: i64,
    pub date: NaiveDate,
    pub shift_type_id: i64,
}

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (y.len() == 4 && (1..=12).contains(&month) && (2000..=2100).contains(&year))
            .then_some(Month { year, month })
    }

    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn last(self) -> NaiveDate {
        self.next().first() - Duration::days(1)
    }

    pub fn days(self) -> Vec<NaiveDate> {
        calendar::month_days(self.year, self.month)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }

    /// The reference period of `months` months (1–4) that contains this month, aligned to the
    /// start of the year (e.g. 4 → January–April, May–August, September–December).
    pub fn reference_period(self, months: u32) -> (Month, Month) {
        let months = months.clamp(1, 4);
        let start = (self.month - 1) / months * months + 1;
        let end = (start + months - 1).min(12);
        (
            Month {
                year: self.year,
                month: start,
            },
            Month {
                year: self.year,
                month: end,
            },
        )
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}
