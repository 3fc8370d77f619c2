//! The roster checks: coverage for every hour of every day by skill (§ 2.2.1) and Estonian
//! working-time law (TLS § 46, § 48, § 51, § 52, § 44 with § 43/§ 53 norms), computed in real
//! elapsed time in Europe/Tallinn. Pure: data in, findings and totals out.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use ts_rs::TS;

use super::{
    skill_bits, Assignment, CoverageNeed, CoverageOverride, DayKind, Month, ShiftType, Skill,
};
use crate::calendar;

/// An employee as the checker sees them.
#[derive(Debug, Clone)]
pub struct RosterEmployee {
    pub id: i64,
    pub skills: u8,
    /// The contractual week in minutes (full time 2400).
    pub weekly_minutes: i64,
    pub birth_date: Option<NaiveDate>,
    /// Absences as inclusive date ranges.
    pub absences: Vec<(NaiveDate, NaiveDate)>,
}

impl RosterEmployee {
    pub fn absent_on(&self, date: NaiveDate) -> bool {
        self.absences.iter().any(|(a, b)| *a <= date && date <= *b)
    }
}

pub struct CheckInput<'a> {
    pub month: Month,
    pub employees: &'a [RosterEmployee],
    pub shift_types: &'a [ShiftType],
    pub needs: &'a [CoverageNeed],
    pub overrides: &'a [CoverageOverride],
    /// Every assignment from the start of the reference period (and at least 7 days before the
    /// month) to the end of the month.
    pub assignments: &'a [Assignment],
    /// The reference period of summarised working time, 1–4 months (TLS § 46).
    pub reference_months: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    Absence,
    SkillMissing,
    ShiftLength,
    DailyRest,
    WeeklyRest,
    Average48,
    NightMinor,
    NightWorker,
    Overtime,
    CoverageGap,
    OverCover,
}

impl RuleId {
    /// The rule's source, cited with every finding (none for the department's own settings).
    pub fn section(self) -> Option<&'static str> {
        match self {
            RuleId::Absence | RuleId::SkillMissing => None,
            RuleId::ShiftLength | RuleId::DailyRest => Some("TLS § 51"),
            RuleId::WeeklyRest => Some("TLS § 52"),
            RuleId::Average48 => Some("TLS § 46"),
            RuleId::NightMinor | RuleId::NightWorker => Some("TLS § 48"),
            RuleId::Overtime => Some("TLS § 44"),
            RuleId::CoverageGap | RuleId::OverCover => Some("§ 2.2.1"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem the checks found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub employee_id: Option<i64>,
    /// The day it concerns (for rest: the day of the later shift).
    pub date: NaiveDate,
    /// The earlier day (rest between two shifts) or the last day of a range (a week, a period).
    pub other_date: Option<NaiveDate>,
    /// Local start and end of a coverage gap.
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    pub skill: Option<Skill>,
    /// What was found and what the rule requires: minutes for time rules, people for coverage.
    pub found: i64,
    pub required: i64,
}

/// An employee's month in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Totals {
    pub employee_id: i64,
    pub shifts: u32,
    pub minutes: i64,
    pub night_minutes: i64,
    pub holiday_minutes: i64,
    pub weekend_shifts: u32,
    /// The month's norm less absences on working days (TLS § 43, § 53).
    pub norm_minutes: i64,
}

/// One shift type on one day: how many are on it and how many it needs at least.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ShiftCount {
    pub shift_type_id: i64,
    pub assigned: u32,
    pub min: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DayCoverage {
    pub date: NaiveDate,
    pub shifts: Vec<ShiftCount>,
    /// Hours of the day with a coverage gap for any skill.
    pub gap_hours: u32,
}

#[derive(Debug, Clone, Default)]
pub struct CheckOutput {
    pub findings: Vec<Finding>,
    pub totals: Vec<Totals>,
    pub days: Vec<DayCoverage>,
}

const MIN_DAILY_REST: i64 = 11 * 60;
const MAX_SHIFT: i64 = 13 * 60;
const MIN_WEEKLY_REST: i64 = 36 * 60;
const MAX_WEEKLY_AVERAGE: i64 = 48 * 60;
const NIGHT_WORKER_WEEK: i64 = 7 * 8 * 60;
const NIGHT_WORKER_SHIFT_NIGHT: i64 = 3 * 60;

fn local_midnight_utc(date: NaiveDate) -> NaiveDateTime {
    calendar::tallinn_to_utc(date.and_time(NaiveTime::MIN))
}

fn overlap(a: (NaiveDateTime, NaiveDateTime), b: (NaiveDateTime, NaiveDateTime)) -> i64 {
    let start = a.0.max(b.0);
    let end = a.1.min(b.1);
    (end - start).num_minutes().max(0)
}

/// Minutes of `iv` in night time, 22:00–06:00 local (TLS § 48).
fn night_minutes(iv: (NaiveDateTime, NaiveDateTime), start_date: NaiveDate) -> i64 {
    let t = |d: NaiveDate, h: u32| {
        calendar::tallinn_to_utc(d.and_hms_opt(h, 0, 0).expect("valid hour"))
    };
    (-1..=1)
        .map(|k| {
            let d = start_date + Duration::days(k);
            overlap(iv, (t(d, 22), t(d + Duration::days(1), 6)))
        })
        .sum()
}

struct Shift<'a> {
    date: NaiveDate,
    ty: &'a ShiftType,
    start: NaiveDateTime,
    end: NaiveDateTime,
    night: i64,
}

impl Shift<'_> {
    fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

/// Holidays of the years a check touches, so each date is looked up once.
struct Days {
    holidays: HashSet<NaiveDate>,
    /// Full-time norm of each month touched, in minutes.
    norms: HashMap<Month, i64>,
}

impl Days {
    fn new(from: NaiveDate, to: NaiveDate) -> Days {
        let holidays = (from.year()..=to.year())
            .flat_map(calendar::holidays)
            .map(|h| h.date)
            .collect();
        let mut norms = HashMap::new();
        let mut m = Month::of(from);
        while m <= Month::of(to) {
            norms.insert(m, calendar::month_norm_minutes(m.year, m.month, 40 * 60));
            m = m.next();
        }
        Days { holidays, norms }
    }

    /// TLS § 53, from the cached holidays.
    fn shortened(&self, d: NaiveDate) -> bool {
        let next = d + Duration::days(1);
        matches!(
            (next.month(), next.day()),
            (2, 24) | (6, 23) | (12, 24) | (1, 1)
        ) && self.kind(d) == DayKind::Weekday
    }
    fn kind(&self, d: NaiveDate) -> DayKind {
        if self.holidays.contains(&d) {
            DayKind::Holiday
        } else if calendar::is_weekend(d) {
            DayKind::Weekend
        } else {
            DayKind::Weekday
        }
    }
}

pub fn check(input: &CheckInput) -> CheckOutput {
    let month_start = input.month.first();
    let month_end = input.month.last();
    let types: HashMap<i64, &ShiftType> = input.shift_types.iter().map(|t| (t.id, t)).collect();
    let (period_start, _) = input.month.reference_period(input.reference_months);
    let earliest = period_start.first().min(month_start - Duration::days(7));
    let days = Days::new(earliest, month_end + Duration::days(7));

    // Each employee's shifts in time order. A shift type's interval and night time on a date
    // are computed once, however many people work it.
    let mut intervals: HashMap<(NaiveDate, i64), (NaiveDateTime, NaiveDateTime, i64)> =
        HashMap::new();
    let mut shifts: HashMap<i64, Vec<Shift>> = HashMap::new();
    for a in input.assignments {
        let Some(ty) = types.get(&a.shift_type_id) else {
            continue;
        };
        if a.date < earliest || a.date > month_end {
            continue;
        }
        let (start, end, night) = *intervals.entry((a.date, ty.id)).or_insert_with(|| {
            let (start, end) = ty.interval(a.date);
            (start, end, night_minutes((start, end), a.date))
        });
        shifts.entry(a.employee_id).or_default().push(Shift {
            date: a.date,
            ty,
            start,
            end,
            night,
        });
    }
    for list in shifts.values_mut() {
        list.sort_by_key(|s| s.start);
    }

    let mut out = CheckOutput::default();
    let weeks = iso_weeks(month_start, month_end);
    let empty = Vec::new();
    for emp in input.employees {
        let list = shifts.get(&emp.id).unwrap_or(&empty);
        check_employee(input, emp, list, &days, &weeks, &mut out);
    }
    check_coverage(input, &types, &days, &mut out);
    out
}

/// Monday-to-Sunday weeks that touch the month, as (Monday, Sunday).
fn iso_weeks(first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut monday = first - Duration::days(first.weekday().num_days_from_monday() as i64);
    let mut weeks = Vec::new();
    while monday <= last {
        weeks.push((monday, monday + Duration::days(6)));
        monday += Duration::days(7);
    }
    weeks
}

fn check_employee(
    input: &CheckInput,
    emp: &RosterEmployee,
    list: &[Shift],
    days: &Days,
    weeks: &[(NaiveDate, NaiveDate)],
    out: &mut CheckOutput,
) {
    let month = input.month;
    let finding = |rule, severity, date, found, required| Finding {
        rule,
        severity,
        employee_id: Some(emp.id),
        date,
        other_date: None,
        from: None,
        to: None,
        skill: None,
        found,
        required,
    };
    let mut totals = Totals {
        employee_id: emp.id,
        ..Totals::default()
    };

    for (i, s) in list.iter().enumerate() {
        let in_month = month.contains(s.date);
        if in_month {
            let minutes = s.minutes();
            let night = s.night;
            totals.shifts += 1;
            totals.minutes += minutes;
            totals.night_minutes += night;
            totals.holiday_minutes += (-1..=1)
                .map(|k| s.date + Duration::days(k))
                .filter(|d| days.kind(*d) == DayKind::Holiday)
                .map(|d| {
                    overlap(
                        (s.start, s.end),
                        (
                            local_midnight_utc(d),
                            local_midnight_utc(d + Duration::days(1)),
                        ),
                    )
                })
                .sum::<i64>();
            if calendar::is_weekend(s.date) {
                totals.weekend_shifts += 1;
            }
            if emp.absent_on(s.date) {
                out.findings
                    .push(finding(RuleId::Absence, Severity::Error, s.date, 0, 0));
            }
            let missing = skill_bits(&s.ty.skills) & !emp.skills;
            if missing != 0 {
                let skill = Skill::ALL.into_iter().find(|k| missing & k.bit() != 0);
                out.findings.push(Finding {
                    skill,
                    ..finding(RuleId::SkillMissing, Severity::Error, s.date, 0, 0)
                });
            }
            if minutes > MAX_SHIFT {
                out.findings.push(finding(
                    RuleId::ShiftLength,
                    Severity::Error,
                    s.date,
                    minutes,
                    MAX_SHIFT,
                ));
            }
            if night > 0 && is_minor_on(emp.birth_date, s.date) {
                out.findings.push(finding(
                    RuleId::NightMinor,
                    Severity::Error,
                    s.date,
                    night,
                    0,
                ));
            }
            // Daily rest before this shift, also after last month's last shift.
            if i > 0 {
                let prev = &list[i - 1];
                let rest = (s.start - prev.end).num_minutes();
                if rest < MIN_DAILY_REST {
                    out.findings.push(Finding {
                        other_date: Some(prev.date),
                        ..finding(
                            RuleId::DailyRest,
                            Severity::Error,
                            s.date,
                            rest,
                            MIN_DAILY_REST,
                        )
                    });
                }
            }
        }
    }

    // Weekly rest and night workers, per Monday–Sunday week.
    for &(monday, sunday) in weeks {
        let window = (
            local_midnight_utc(monday),
            local_midnight_utc(sunday + Duration::days(1)),
        );
        let in_week: Vec<&Shift> = list
            .iter()
            .filter(|s| s.end > window.0 && s.start < window.1)
            .collect();
        if in_week.is_empty() {
            continue;
        }
        let mut longest = 0;
        let mut free_from = window.0;
        let mut worked = 0;
        let mut night_worker = false;
        for s in &in_week {
            longest = longest.max((s.start - free_from).num_minutes());
            free_from = free_from.max(s.end);
            worked += overlap((s.start, s.end), window);
            night_worker |= s.night >= NIGHT_WORKER_SHIFT_NIGHT;
        }
        longest = longest.max((window.1 - free_from).num_minutes());
        let week_finding = |rule, found, required| Finding {
            other_date: Some(sunday),
            ..finding(rule, Severity::Error, monday, found, required)
        };
        if longest < MIN_WEEKLY_REST {
            out.findings
                .push(week_finding(RuleId::WeeklyRest, longest, MIN_WEEKLY_REST));
        }
        if night_worker && worked > NIGHT_WORKER_WEEK {
            out.findings
                .push(week_finding(RuleId::NightWorker, worked, NIGHT_WORKER_WEEK));
        }
    }

    // The 48-hour average over the reference period so far (TLS § 46).
    let (period_start, _) = month.reference_period(input.reference_months);
    let from = period_start.first();
    let until = month.last();
    let period_minutes: i64 = list
        .iter()
        .filter(|s| s.date >= from && s.date <= until)
        .map(Shift::minutes)
        .sum();
    let period_days = (until - from).num_days() + 1;
    if period_minutes * 7 > MAX_WEEKLY_AVERAGE * period_days {
        out.findings.push(Finding {
            other_date: Some(until),
            ..finding(
                RuleId::Average48,
                Severity::Error,
                from,
                period_minutes * 7 / period_days,
                MAX_WEEKLY_AVERAGE,
            )
        });
    }

    totals.norm_minutes = month_norm(emp, month, days);
    // With summarised working time the norm holds over the reference period: planning over the
    // period's norm so far is overtime, which needs agreement (TLS § 44).
    let period_norm = norms_between(emp, period_start, month, days);
    if period_minutes > period_norm {
        out.findings.push(Finding {
            other_date: Some(until),
            ..finding(
                RuleId::Overtime,
                Severity::Warning,
                from,
                period_minutes,
                period_norm,
            )
        });
    }
    out.totals.push(totals);
}

/// Whether someone born on `birth` is under 18 on `date` (TLS § 48: no night work).
pub fn is_minor_on(birth: Option<NaiveDate>, date: NaiveDate) -> bool {
    birth.is_some_and(|born| {
        let adult = born
            .with_year(born.year() + 18)
            .unwrap_or(born + Duration::days(365 * 18 + 5));
        date < adult
    })
}

/// The month's norm, less absences on working days (TLS § 43, § 53).
fn month_norm(emp: &RosterEmployee, m: Month, days: &Days) -> i64 {
    let full = days.norms.get(&m).copied().unwrap_or(0);
    let absent: i64 = if emp.absences.is_empty() {
        0
    } else {
        m.first()
            .iter_days()
            .take_while(|d| d.month() == m.month)
            .filter(|d| days.kind(*d) == DayKind::Weekday && emp.absent_on(*d))
            .map(|d| if days.shortened(d) { 5 * 60 } else { 8 * 60 })
            .sum()
    };
    (full - absent) * emp.weekly_minutes / (40 * 60)
}

fn norms_between(emp: &RosterEmployee, from: Month, to: Month, days: &Days) -> i64 {
    let mut total = 0;
    let mut m = from;
    while m <= to {
        total += month_norm(emp, m, days);
        m = m.next();
    }
    total
}

/// An employee's norm from the first day of `from` to the last of `to`, in minutes.
pub fn period_norm_minutes(emp: &RosterEmployee, from: Month, to: Month) -> i64 {
    let days = Days::new(from.first(), to.last());
    norms_between(emp, from, to, &days)
}

/// The needs of a shift type on a date, as (skill, min, optimal): the date's own needs win over
/// its day kind's for the same skill.
pub fn day_needs(
    needs: &[CoverageNeed],
    overrides: &[CoverageOverride],
    date: NaiveDate,
    kind: DayKind,
    type_id: i64,
) -> Vec<(Option<Skill>, u32, u32)> {
    let own: Vec<&CoverageOverride> = overrides
        .iter()
        .filter(|o| o.date == date && o.shift_type_id == type_id)
        .collect();
    needs
        .iter()
        .filter(|n| n.shift_type_id == type_id && n.day_kind == kind)
        .filter(|n| !own.iter().any(|o| o.skill == n.skill))
        .map(|n| (n.skill, n.min, n.optimal))
        .chain(own.iter().map(|o| (o.skill, o.min, o.optimal)))
        .collect()
}

/// Slot bookkeeping: index 0..6 are the skills, 6 is "anyone".
const ANY: usize = 6;

fn check_coverage(
    input: &CheckInput,
    types: &HashMap<i64, &ShiftType>,
    days: &Days,
    out: &mut CheckOutput,
) {
    let month_days = input.month.days();
    let base = local_midnight_utc(input.month.first());
    let end = local_midnight_utc(input.month.last() + Duration::days(1));
    let slots = (end - base).num_hours() as usize;
    let mut required = vec![[0u32; 7]; slots];
    let mut actual = vec![[0u32; 7]; slots];

    // The slots a shift covers completely.
    let covered = |start: NaiveDateTime, finish: NaiveDateTime| -> std::ops::Range<usize> {
        let from = ((start - base).num_minutes() + 59).div_euclid(60).max(0) as usize;
        let to = ((finish - base).num_minutes().div_euclid(60)).clamp(0, slots as i64) as usize;
        from.min(to)..to
    };
    let skill_index = |s: Option<Skill>| s.map(|k| k as usize).unwrap_or(ANY);

    let first = input.month.first() - Duration::days(1);
    for date in first.iter_days().take(month_days.len() + 1) {
        let kind = days.kind(date);
        for ty in input.shift_types.iter().filter(|t| t.active) {
            let (start, finish) = ty.interval(date);
            let range = covered(start, finish);
            if range.is_empty() {
                continue;
            }
            for (skill, min, _) in day_needs(input.needs, input.overrides, date, kind, ty.id) {
                let k = skill_index(skill);
                for slot in range.clone() {
                    required[slot][k] += min;
                }
            }
        }
    }
    let employees: HashMap<i64, u8> = input.employees.iter().map(|e| (e.id, e.skills)).collect();
    let mut per_day: HashMap<(NaiveDate, i64), u32> = HashMap::new();
    for a in input
        .assignments
        .iter()
        .filter(|a| a.date >= first && a.date <= input.month.last())
    {
        let Some(ty) = types.get(&a.shift_type_id) else {
            continue;
        };
        *per_day.entry((a.date, ty.id)).or_default() += 1;
        let (start, finish) = ty.interval(a.date);
        let skills = employees.get(&a.employee_id).copied().unwrap_or(0);
        for slot in covered(start, finish) {
            actual[slot][ANY] += 1;
            for (k, count) in actual[slot].iter_mut().take(6).enumerate() {
                if skills & (1 << k) != 0 {
                    *count += 1;
                }
            }
        }
    }
    // § 2.2.1: someone on duty every hour, whatever the needs say.
    for r in &mut required {
        r[ANY] = r[ANY].max(1);
    }

    // Gaps and over-cover, merged into runs of hours with the same shortfall.
    let local = |slot: usize| calendar::utc_to_tallinn(base + Duration::hours(slot as i64));
    let mut gap_slots = vec![false; slots];
    for k in 0..7 {
        let skill = (k != ANY).then(|| Skill::ALL[k]);
        let mut run: Option<(usize, u32, u32)> = None;
        for slot in 0..=slots {
            let cur = (slot < slots && actual[slot][k] < required[slot][k])
                .then(|| (actual[slot][k], required[slot][k]));
            if let Some((_, f, r)) = run {
                if cur != Some((f, r)) {
                    let (s, f, r) = run.take().expect("a run");
                    out.findings.push(Finding {
                        rule: RuleId::CoverageGap,
                        severity: Severity::Error,
                        employee_id: None,
                        date: local(s).date(),
                        other_date: None,
                        from: Some(local(s)),
                        to: Some(local(slot)),
                        skill,
                        found: i64::from(f),
                        required: i64::from(r),
                    });
                }
            }
            if let Some((f, r)) = cur {
                gap_slots[slot] = true;
                if run.is_none() {
                    run = Some((slot, f, r));
                }
            }
        }
    }
    for date in month_days {
        let kind = days.kind(date);
        // A shift type's need of everyone together on this date: (min, optimal); the date's
        // own need wins over its day kind's.
        let total_need = |type_id: i64| -> Option<(u32, u32)> {
            day_needs(input.needs, input.overrides, date, kind, type_id)
                .into_iter()
                .find(|n| n.0.is_none())
                .map(|n| (n.1, n.2))
        };
        let shifts = input
            .shift_types
            .iter()
            .filter(|t| t.active)
            .map(|t| ShiftCount {
                shift_type_id: t.id,
                assigned: per_day.get(&(date, t.id)).copied().unwrap_or(0),
                min: total_need(t.id).map_or(0, |n| n.0),
            })
            .collect();
        // Over-cover: more people on a shift than its optimum (a warning, § 2.2.1 needs).
        for t in input.shift_types.iter().filter(|t| t.active) {
            let assigned = per_day.get(&(date, t.id)).copied().unwrap_or(0);
            let optimum = total_need(t.id).map(|n| n.1);
            if let Some(optimum) = optimum.filter(|o| assigned > *o) {
                let (start, finish) = t.interval(date);
                out.findings.push(Finding {
                    rule: RuleId::OverCover,
                    severity: Severity::Warning,
                    employee_id: None,
                    date,
                    other_date: None,
                    from: Some(calendar::utc_to_tallinn(start)),
                    to: Some(calendar::utc_to_tallinn(finish)),
                    skill: None,
                    found: i64::from(assigned),
                    required: i64::from(optimum),
                });
            }
        }
        let gap_hours = (0..slots)
            .filter(|s| gap_slots[*s] && local(*s).date() == date)
            .count() as u32;
        out.days.push(DayCoverage {
            date,
            shifts,
            gap_hours,
        });
    }
    out.findings
        .sort_by_key(|f| (f.date, f.from, f.employee_id, f.rule as u8));
}
