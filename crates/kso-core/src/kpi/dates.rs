//! Reading the dates of ticket and call exports, fast: a million rows carry three dates each.
//! Instants become Unix seconds (UTC); a date without an offset is in the profile's time basis
//! (Tallinn wall-clock time with its daylight saving time, or UTC).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

use crate::calendar::tallinn_to_utc;
use crate::kpi::TimeBasis;

/// A parsed cell: an instant, and whether it had only a date (a deadline date means the end
/// of that day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub unix: i64,
    pub date_only: bool,
}

/// How the cells of a column are read.
#[derive(Debug, Clone)]
pub enum DateFormat {
    /// ISO 8601, Jira's `25/Feb/26 10:17 PM`, `25.02.2026 14:05`, `02/25/2026` is not guessed.
    Auto,
    /// A chrono pattern, e.g. `%d/%b/%y %I:%M %p`.
    Pattern(String),
}

impl DateFormat {
    pub fn from_profile(s: &str) -> DateFormat {
        let t = s.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("auto") {
            DateFormat::Auto
        } else {
            DateFormat::Pattern(t.to_string())
        }
    }
}

/// Unix seconds of a wall-clock time in the basis.
pub fn to_unix(local: NaiveDateTime, basis: TimeBasis) -> i64 {
    match basis {
        TimeBasis::Utc => local.and_utc().timestamp(),
        TimeBasis::Tallinn => tallinn_to_utc(local).and_utc().timestamp(),
    }
}

// A million rows carry millions of instants: the Tallinn clock below is integer arithmetic
// (the same EU rule as `calendar`, which the tests compare it with), without chrono's types.

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (the inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The last Sunday of a month as a day number.
fn last_sunday(y: i64, m: u32) -> i64 {
    let last = days_from_civil(y, m, days_in_month(y, m));
    // 1970-01-01 was a Thursday: (days + 4) mod 7 is 0 on Sundays.
    last - (last + 4).rem_euclid(7)
}

/// Summer time in Tallinn, as Unix seconds: from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October.
fn summer(y: i64) -> (i64, i64) {
    (
        last_sunday(y, 3) * 86_400 + 3_600,
        last_sunday(y, 10) * 86_400 + 3_600,
    )
}

/// Unix seconds of a Tallinn wall-clock time given as seconds since 1970 on the wall clock
/// (the earlier instant in the autumn's repeated hour; the spring gap reads as winter time).
pub fn tallinn_local_to_unix(y: i64, local: i64) -> i64 {
    let (start, end) = summer(y);
    let as_summer = local - 3 * 3_600;
    if as_summer >= start && as_summer < end {
        as_summer
    } else {
        local - 2 * 3_600
    }
}

/// An instant on the wall clock of the basis: (year, seconds since 1970 on that clock).
fn wall_of(unix: i64, basis: TimeBasis) -> (i64, i64) {
    let (y, _, _) = civil_from_days(unix.div_euclid(86_400));
    match basis {
        TimeBasis::Utc => (y, unix),
        TimeBasis::Tallinn => {
            let (start, end) = summer(y);
            let offset = if unix >= start && unix < end { 3 } else { 2 } * 3_600;
            (y, unix + offset)
        }
    }
}

/// The Tallinn calendar month (YYYYMM) of an instant.
pub fn tallinn_month(unix: i64) -> i64 {
    let (_, wall) = wall_of(unix, TimeBasis::Tallinn);
    let (y, m, _) = civil_from_days(wall.div_euclid(86_400));
    y * 100 + m as i64
}

/// The last second, in Tallinn, of the calendar day (read in the basis) an instant falls on: a
/// deadline given as a date means that whole day where the department works.
pub fn end_of_day(unix: i64, basis: TimeBasis) -> i64 {
    let (_, wall) = wall_of(unix, basis);
    let next = (wall.div_euclid(86_400) + 1) * 86_400;
    let (y, _, _) = civil_from_days(next / 86_400);
    tallinn_local_to_unix(y, next) - 1
}

/// An instant as RFC 3339 UTC text.
pub fn rfc3339(unix: i64) -> String {
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Parses a cell; `None` when it is not a date in the format.
pub fn parse(cell: &str, format: &DateFormat, basis: TimeBasis) -> Option<Stamp> {
    let s = cell.trim();
    if s.is_empty() {
        return None;
    }
    match format {
        DateFormat::Auto => parse_auto(s, basis),
        DateFormat::Pattern(p) => {
            if let Ok(dt) = DateTime::parse_from_str(s, p) {
                return Some(Stamp {
                    unix: dt.timestamp(),
                    date_only: false,
                });
            }
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, p) {
                return Some(Stamp {
                    unix: to_unix(dt, basis),
                    date_only: false,
                });
            }
            NaiveDate::parse_from_str(s, p).ok().map(|d| Stamp {
                unix: to_unix(d.and_time(NaiveTime::MIN), basis),
                date_only: true,
            })
        }
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        let mut v: u32 = 0;
        while self.i < self.b.len() && self.i - start < max && self.b[self.i].is_ascii_digit() {
            v = v * 10 + (self.b[self.i] - b'0') as u32;
            self.i += 1;
        }
        (self.i - start >= min).then_some(v)
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.i < self.b.len() && self.b[self.i] == c {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }

    fn rest(&self) -> &[u8] {
        &self.b[self.i..]
    }

    fn done(&self) -> bool {
        self.i >= self.b.len()
    }
}

const MONTHS: [&[u8; 3]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];

fn month_name(c: &mut Cursor) -> Option<u32> {
    let r = c.rest();
    if r.len() < 3 {
        return None;
    }
    let lower = [
        r[0].to_ascii_lowercase(),
        r[1].to_ascii_lowercase(),
        r[2].to_ascii_lowercase(),
    ];
    let m = MONTHS.iter().position(|m| **m == lower)? as u32 + 1;
    c.i += 3;
    // Longer names ("February") are accepted too.
    while c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
        c.i += 1;
    }
    Some(m)
}

/// `HH:MM[:SS[.fff]]` and an optional AM/PM.
fn time(c: &mut Cursor) -> Option<(u32, u32, u32)> {
    let mut h = c.digits(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let m = c.digits(2, 2)?;
    let mut s = 0;
    if c.eat(b':') {
        s = c.digits(2, 2)?;
        if c.eat(b'.') || c.eat(b',') {
            c.digits(1, 9)?;
        }
    }
    let save = c.i;
    c.skip_spaces();
    let r = c.rest();
    if r.len() >= 2 && (r[1] == b'M' || r[1] == b'm') {
        match r[0].to_ascii_uppercase() {
            b'A' => {
                if h == 12 {
                    h = 0;
                }
                c.i += 2;
            }
            b'P' => {
                if h < 12 {
                    h += 12;
                }
                c.i += 2;
            }
            _ => c.i = save,
        }
    } else {
        c.i = save;
    }
    (h < 24 && m < 60 && s < 61).then_some((h, m, s.min(59)))
}

/// A zone after the time: `Z`, `UTC`, `+02:00`, `+0200`; `None` when there is none.
fn offset(c: &mut Cursor) -> Option<Option<i64>> {
    c.skip_spaces();
    if c.done() {
        return Some(None);
    }
    if c.eat(b'Z') {
        return Some(Some(0));
    }
    if c.rest().eq_ignore_ascii_case(b"UTC") || c.rest().eq_ignore_ascii_case(b"GMT") {
        c.i += 3;
        return Some(Some(0));
    }
    let sign = match c.peek()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    c.i += 1;
    let h = c.digits(2, 2)? as i64;
    c.eat(b':');
    let m = c.digits(2, 2)? as i64;
    Some(Some(sign * (h * 3600 + m * 60)))
}

/// A checked calendar date as its year and day number.
fn date_days(y: i64, m: u32, d: u32) -> Option<(i64, i64)> {
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) && (1900..=2200).contains(&y))
        .then(|| (y, days_from_civil(y, m, d)))
}

fn wall_to_unix(y: i64, wall: i64, basis: TimeBasis) -> i64 {
    match basis {
        TimeBasis::Utc => wall,
        TimeBasis::Tallinn => tallinn_local_to_unix(y, wall),
    }
}

fn finish(
    c: &mut Cursor,
    (year, days): (i64, i64),
    basis: TimeBasis,
    time_sep: &[u8],
) -> Option<Stamp> {
    if c.done() {
        return Some(Stamp {
            unix: wall_to_unix(year, days * 86_400, basis),
            date_only: true,
        });
    }
    if !time_sep.iter().any(|s| c.eat(*s)) {
        return None;
    }
    c.skip_spaces();
    let (h, m, s) = time(c)?;
    let wall = days * 86_400 + (h * 3_600 + m * 60 + s) as i64;
    let unix = match offset(c)? {
        Some(off) => wall - off,
        None => wall_to_unix(year, wall, basis),
    };
    c.skip_spaces();
    c.done().then_some(Stamp {
        unix,
        date_only: false,
    })
}

fn parse_auto(s: &str, basis: TimeBasis) -> Option<Stamp> {
    let mut c = Cursor {
        b: s.as_bytes(),
        i: 0,
    };
    let first = c.digits(1, 4)?;
    match c.peek()? {
        // 2026-02-25[ T]22:17[:03][Z|+02:00| UTC]
        b'-' if c.i == 4 => {
            c.i += 1;
            let m = c.digits(1, 2)?;
            if !c.eat(b'-') {
                return None;
            }
            let d = c.digits(1, 2)?;
            finish(&mut c, date_days(first as i64, m, d)?, basis, b"T ")
        }
        // 25/Feb/26 10:17 PM, 25/Feb/2026 22:17
        b'/' => {
            c.i += 1;
            let m = month_name(&mut c)?;
            if !c.eat(b'/') {
                return None;
            }
            let y = year(&mut c)?;
            finish(&mut c, date_days(y as i64, m, first)?, basis, b" ")
        }
        // 25.02.2026 22:17
        b'.' => {
            c.i += 1;
            let m = c.digits(1, 2)?;
            if !c.eat(b'.') {
                return None;
            }
            let y = year(&mut c)?;
            finish(&mut c, date_days(y as i64, m, first)?, basis, b" ")
        }
        _ => None,
    }
}

/// A two- or four-digit year (`26` is 2026).
fn year(c: &mut Cursor) -> Option<i32> {
    let start = c.i;
    let y = c.digits(2, 4)? as i32;
    match c.i - start {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn unix(s: &str) -> i64 {
        parse(s, &DateFormat::Auto, TimeBasis::Tallinn)
            .unwrap()
            .unix
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    }

    #[test]
    fn the_formats_of_the_exports() {
        // Winter: Tallinn is UTC+2; summer UTC+3.
        assert_eq!(unix("25/Feb/26 10:17 PM"), utc(2026, 2, 25, 20, 17));
        assert_eq!(unix("25/Feb/2026 10:17 am"), utc(2026, 2, 25, 8, 17));
        assert_eq!(unix("1/Jul/26 12:05 AM"), utc(2026, 6, 30, 21, 5));
        assert_eq!(unix("2026-07-01 12:00"), utc(2026, 7, 1, 9, 0));
        assert_eq!(unix("2026-07-01T12:00:00Z"), utc(2026, 7, 1, 12, 0));
        assert_eq!(
            unix("2026-07-01T12:00:00.123+02:00"),
            utc(2026, 7, 1, 10, 0)
        );
        assert_eq!(unix("2026-07-01 12:00:00 UTC"), utc(2026, 7, 1, 12, 0));
        assert_eq!(unix("24.12.2026 14:00"), utc(2026, 12, 24, 12, 0));
        let d = parse("2026-03-02", &DateFormat::Auto, TimeBasis::Tallinn).unwrap();
        assert!(d.date_only);
        assert_eq!(d.unix, utc(2026, 3, 1, 22, 0));
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "32/Jan/26",
            "25/Foo/26",
            "2026-02-25 25:00",
        ] {
            assert!(
                parse(bad, &DateFormat::Auto, TimeBasis::Tallinn).is_none(),
                "{bad}"
            );
        }
        let p = DateFormat::Pattern("%m/%d/%Y %H:%M".into());
        assert_eq!(
            parse("02/25/2026 22:17", &p, TimeBasis::Utc).unwrap().unix,
            utc(2026, 2, 25, 22, 17)
        );
    }

    #[test]
    fn the_integer_clock_agrees_with_the_calendar() {
        use crate::calendar;
        let mut t = utc(2019, 1, 1, 0, 0) + 7;
        while t < utc(2031, 1, 1, 0, 0) {
            let naive = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
            let local = calendar::utc_to_tallinn(naive);
            assert_eq!(
                tallinn_month(t),
                local.year() as i64 * 100 + local.month() as i64,
                "{naive}"
            );
            let wall = local.and_utc().timestamp();
            assert_eq!(
                tallinn_local_to_unix(local.year() as i64, wall),
                calendar::tallinn_to_utc(local).and_utc().timestamp(),
                "{local}"
            );
            let (y, m, d) = civil_from_days(t.div_euclid(86_400));
            assert_eq!((y as i32, m, d), (naive.year(), naive.month(), naive.day()));
            t += 3_541; // about an hour, drifting across the DST changes
        }
    }

    #[test]
    fn months_are_tallinn_months() {
        // 31.12.2026 23:30 in Tallinn is still December; in UTC it is 21:30.
        assert_eq!(tallinn_month(unix("31.12.2026 23:30")), 202612);
        assert_eq!(tallinn_month(utc(2026, 12, 31, 22, 30)), 202701);
    }
}
