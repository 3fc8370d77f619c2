//! The Estonian calendar of working time: public holidays (Pühade ja tähtpäevade seadus, with
//! Easter by the Gregorian computus), the days shortened by 3 hours (TLS § 53), the monthly norm
//! of working hours, and Europe/Tallinn local time with daylight saving time.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("a valid Easter date")
}

/// A public holiday: its date and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name_et: &'static str,
    pub name_en: &'static str,
}

/// The public holidays of a year, in date order.
pub fn holidays(year: i32) -> Vec<Holiday> {
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(year, m, day).expect("valid date");
    let e = easter(year);
    let mut list = vec![
        Holiday {
            date: d(1, 1),
            name_et: "uusaasta",
            name_en: "New Year's Day",
        },
        Holiday {
            date: d(2, 24),
            name_et: "iseseisvuspäev",
            name_en: "Independence Day",
        },
        Holiday {
            date: e - Duration::days(2),
            name_et: "suur reede",
            name_en: "Good Friday",
        },
        Holiday {
            date: e,
            name_et: "ülestõusmispühade 1. püha",
            name_en: "Easter Sunday",
        },
        Holiday {
            date: d(5, 1),
            name_et: "kevadpüha",
            name_en: "Spring Day",
        },
        Holiday {
            date: e + Duration::days(49),
            name_et: "nelipühade 1. püha",
            name_en: "Pentecost",
        },
        Holiday {
            date: d(6, 23),
            name_et: "võidupüha",
            name_en: "Victory Day",
        },
        Holiday {
            date: d(6, 24),
            name_et: "jaanipäev",
            name_en: "Midsummer Day",
        },
        Holiday {
            date: d(8, 20),
            name_et: "taasiseseisvumispäev",
            name_en: "Day of Restoration of Independence",
        },
        Holiday {
            date: d(12, 24),
            name_et: "jõululaupäev",
            name_en: "Christmas Eve",
        },
        Holiday {
            date: d(12, 25),
            name_et: "esimene jõulupüha",
            name_en: "Christmas Day",
        },
        Holiday {
            date: d(12, 26),
            name_et: "teine jõulupüha",
            name_en: "Boxing Day",
        },
    ];
    list.sort_by_key(|h| h.date);
    list
}

pub fn holiday(date: NaiveDate) -> Option<Holiday> {
    holidays(date.year()).into_iter().find(|h| h.date == date)
}

pub fn is_holiday(date: NaiveDate) -> bool {
    holiday(date).is_some()
}

pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A working day of the standard week: Monday to Friday, not a public holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !is_weekend(date) && !is_holiday(date)
}

/// TLS § 53: the working day before 24 Feb, 23 Jun, 24 Dec and 1 Jan is 3 hours shorter
/// (23 Feb, 22 Jun, 23 Dec, 31 Dec, when they are working days).
pub fn is_shortened_day(date: NaiveDate) -> bool {
    let next = date + Duration::days(1);
    matches!(
        (next.month(), next.day()),
        (2, 24) | (6, 23) | (12, 24) | (1, 1)
    ) && is_working_day(date)
}

/// The days of a month.
pub fn month_days(year: i32, month: u32) -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
    first
        .iter_days()
        .take_while(|d| d.month() == month)
        .collect()
}

/// The norm of a month in minutes for a full-time week of 40 hours: 8 h per working day, less
/// 3 h per shortened day (TLS § 43, § 53), scaled to `weekly_minutes`.
pub fn month_norm_minutes(year: i32, month: u32, weekly_minutes: i64) -> i64 {
    let full: i64 = month_days(year, month)
        .into_iter()
        .filter(|d| is_working_day(*d))
        .map(|d| if is_shortened_day(d) { 5 * 60 } else { 8 * 60 })
        .sum();
    full * weekly_minutes / (40 * 60)
}

// ---- Europe/Tallinn ---------------------------------------------------------------------------

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let last = NaiveDate::from_ymd_opt(next.0, next.1, 1).expect("valid month") - Duration::days(1);
    last - Duration::days(last.weekday().num_days_from_sunday() as i64)
}

/// Is daylight saving time in force at this UTC instant? (EU rule, in force in Estonia since
/// 2002: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.)
pub fn is_summer_time(utc: NaiveDateTime) -> bool {
    let year = utc.year();
    let one = NaiveTime::from_hms_opt(1, 0, 0).expect("valid time");
    let start = last_sunday(year, 3).and_time(one);
    let end = last_sunday(year, 10).and_time(one);
    utc >= start && utc < end
}

/// The offset of Tallinn time from UTC at a UTC instant, in hours (+2 or +3).
pub fn tallinn_offset_hours(utc: NaiveDateTime) -> i64 {
    if is_summer_time(utc) {
        3
    } else {
        2
    }
}

/// A Tallinn wall-clock time as a UTC instant. In the autumn hour that happens twice the
/// earlier (summer-time) one is meant; a time in the spring gap (03:00–04:00) is read as if the
/// clocks had not yet moved, so it lands one hour later on the wall clock.
pub fn tallinn_to_utc(local: NaiveDateTime) -> NaiveDateTime {
    let summer = local - Duration::hours(3);
    if is_summer_time(summer) {
        summer
    } else {
        local - Duration::hours(2)
    }
}

/// A UTC instant as Tallinn wall-clock time.
pub fn utc_to_tallinn(utc: NaiveDateTime) -> NaiveDateTime {
    utc + Duration::hours(tallinn_offset_hours(utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_and_the_holidays_that_follow_it() {
        assert_eq!(easter(2024), d(2024, 3, 31));
        assert_eq!(easter(2025), d(2025, 4, 20));
        assert_eq!(easter(2026), d(2026, 4, 5));
        assert_eq!(easter(2027), d(2027, 3, 28));
        assert_eq!(easter(2038), d(2038, 4, 25));
        // Good Friday and Pentecost move with Easter.
        assert_eq!(holiday(d(2025, 4, 18)).unwrap().name_en, "Good Friday");
        assert_eq!(holiday(d(2026, 4, 3)).unwrap().name_en, "Good Friday");
        assert_eq!(holiday(d(2025, 6, 8)).unwrap().name_en, "Pentecost");
        assert_eq!(holiday(d(2026, 5, 24)).unwrap().name_en, "Pentecost");
        assert!(
            !is_holiday(d(2026, 4, 6)),
            "Easter Monday is no holiday in Estonia"
        );
        assert_eq!(holidays(2026).len(), 12);
    }

    #[test]
    fn shortened_days_before_holidays() {
        assert!(is_shortened_day(d(2026, 2, 23))); // Monday
        assert!(is_shortened_day(d(2026, 12, 23))); // Wednesday
        assert!(is_shortened_day(d(2026, 12, 31))); // Thursday
        assert!(
            !is_shortened_day(d(2025, 2, 23)),
            "a Sunday is not a working day"
        );
        assert!(
            !is_shortened_day(d(2025, 6, 20)),
            "only the day right before counts"
        );
        assert!(
            !is_shortened_day(d(2026, 6, 23)),
            "23 June is itself a holiday"
        );
    }

    #[test]
    fn monthly_norm() {
        // December 2026: 23 weekdays, of which 24, 25 Dec are holidays → 21 working days,
        // 23 and 31 Dec shortened: 19 × 8 + 2 × 5 = 162 h.
        assert_eq!(month_norm_minutes(2026, 12, 40 * 60), 162 * 60);
        // February 2026: 20 weekdays, 24 Feb (Tue) holiday, 23 Feb shortened: 18 × 8 + 5 = 149 h.
        assert_eq!(month_norm_minutes(2026, 2, 40 * 60), 149 * 60);
        // Half time halves it.
        assert_eq!(month_norm_minutes(2026, 12, 20 * 60), 81 * 60);
    }

    #[test]
    fn daylight_saving_time_in_tallinn() {
        let at = |y, m, day, h, min| d(y, m, day).and_hms_opt(h, min, 0).unwrap();
        // 2026: summer time from 29 March to 25 October.
        assert_eq!(
            tallinn_to_utc(at(2026, 3, 28, 20, 0)),
            at(2026, 3, 28, 18, 0)
        );
        assert_eq!(tallinn_to_utc(at(2026, 3, 29, 8, 0)), at(2026, 3, 29, 5, 0));
        // A night shift 20:00–08:00 across the spring change lasts 11 hours …
        let spring = tallinn_to_utc(at(2026, 3, 29, 8, 0)) - tallinn_to_utc(at(2026, 3, 28, 20, 0));
        assert_eq!(spring, Duration::hours(11));
        // … and across the autumn change 13 hours.
        let autumn =
            tallinn_to_utc(at(2026, 10, 25, 8, 0)) - tallinn_to_utc(at(2026, 10, 24, 20, 0));
        assert_eq!(autumn, Duration::hours(13));
        assert_eq!(utc_to_tallinn(at(2026, 7, 1, 12, 0)), at(2026, 7, 1, 15, 0));
        assert_eq!(
            utc_to_tallinn(at(2026, 12, 1, 12, 0)),
            at(2026, 12, 1, 14, 0)
        );
        // The repeated autumn hour: 03:30 is read as summer time (00:30 UTC).
        assert_eq!(
            tallinn_to_utc(at(2026, 10, 25, 3, 30)),
            at(2026, 10, 25, 0, 30)
        );
    }
}
