//! The roster rules, each on a small hand-made month.

use chrono::{Duration, NaiveDate};
use kso_core::roster::check::{check, CheckInput, CheckOutput, RosterEmployee, RuleId, Severity};
use kso_core::roster::{skill_bits, Assignment, CoverageNeed, DayKind, Month, ShiftType, Skill};

const DAY: i64 = 1;
const NIGHT: i64 = 2;
const EARLY: i64 = 3;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn types() -> Vec<ShiftType> {
    let t = |id, code: &str, start_h: u32, len_h: u32| ShiftType {
        id,
        code: code.into(),
        name: code.into(),
        start_minute: start_h * 60,
        length_minutes: len_h * 60,
        skills: vec![],
        active: true,
    };
    vec![
        t(DAY, "P", 8, 12),
        t(NIGHT, "Ö", 20, 12),
        t(EARLY, "H", 7, 8),
    ]
}

fn emp(id: i64) -> RosterEmployee {
    RosterEmployee {
        id,
        skills: skill_bits(&[Skill::Et, Skill::FirstLine]),
        weekly_minutes: 40 * 60,
        birth_date: Some(d(1990, 1, 1)),
        absences: vec![],
    }
}

fn a(employee_id: i64, date: NaiveDate, shift_type_id: i64) -> Assignment {
    Assignment {
        employee_id,
        date,
        shift_type_id,
    }
}

fn run(
    month: Month,
    employees: &[RosterEmployee],
    assignments: &[Assignment],
    needs: &[CoverageNeed],
) -> CheckOutput {
    check(&CheckInput {
        month,
        employees,
        shift_types: &types(),
        needs,
        overrides: &[],
        assignments,
        reference_months: 4,
    })
}

fn rules(out: &CheckOutput, employee: i64) -> Vec<(RuleId, NaiveDate)> {
    out.findings
        .iter()
        .filter(|f| f.employee_id == Some(employee))
        .map(|f| (f.rule, f.date))
        .collect()
}

fn month(y: i32, m: u32) -> Month {
    Month { year: y, month: m }
}

#[test]
fn a_night_shift_across_the_spring_dst_change_lasts_11_hours_and_the_autumn_one_13() {
    let e = [emp(1)];
    let out = run(month(2026, 3), &e, &[a(1, d(2026, 3, 28), NIGHT)], &[]);
    let t = &out.totals[0];
    assert_eq!(t.minutes, 11 * 60);
    // 22:00–06:00 is 8 wall-clock hours, 7 real ones on the night the clocks go forward.
    assert_eq!(t.night_minutes, 7 * 60);

    let out = run(month(2026, 10), &e, &[a(1, d(2026, 10, 24), NIGHT)], &[]);
    assert_eq!(out.totals[0].minutes, 13 * 60);
    assert_eq!(out.totals[0].night_minutes, 9 * 60);
    // 13 hours is still within TLS § 51 (at most 13 h in 24 h).
    assert!(!rules(&out, 1)
        .iter()
        .any(|(r, _)| *r == RuleId::ShiftLength));

    // The same shift on an ordinary night is 12 hours.
    let out = run(month(2026, 11), &e, &[a(1, d(2026, 11, 10), NIGHT)], &[]);
    assert_eq!(out.totals[0].minutes, 12 * 60);
}

#[test]
fn daily_rest_is_checked_across_the_month_boundary() {
    let e = [emp(1)];
    // The night shift of 30 Nov ends on 1 Dec at 08:00, when the day shift of 1 Dec starts.
    let out = run(
        month(2026, 12),
        &e,
        &[a(1, d(2026, 11, 30), NIGHT), a(1, d(2026, 12, 1), DAY)],
        &[],
    );
    let rest: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::DailyRest)
        .collect();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].date, d(2026, 12, 1));
    assert_eq!(rest[0].other_date, Some(d(2026, 11, 30)));
    assert_eq!((rest[0].found, rest[0].required), (0, 11 * 60));
    assert_eq!(rest[0].rule.section(), Some("TLS § 51"));

    // Day shift 08–20, next day's early shift at 07:00: 11 h of rest is exactly enough.
    let out = run(
        month(2026, 12),
        &e,
        &[a(1, d(2026, 12, 2), DAY), a(1, d(2026, 12, 3), EARLY)],
        &[],
    );
    assert!(!rules(&out, 1).iter().any(|(r, _)| *r == RuleId::DailyRest));
    // A day shift then a night shift the same evening is no rest at all.
    let out = run(
        month(2026, 12),
        &e,
        &[a(1, d(2026, 12, 2), DAY), a(1, d(2026, 12, 2), NIGHT)],
        &[],
    );
    assert!(rules(&out, 1).contains(&(RuleId::DailyRest, d(2026, 12, 2))));
}

#[test]
fn a_shift_on_an_absence_day_is_refused() {
    let mut e = emp(1);
    e.absences = vec![(d(2026, 12, 14), d(2026, 12, 20))];
    let out = run(
        month(2026, 12),
        &[e],
        &[a(1, d(2026, 12, 13), DAY), a(1, d(2026, 12, 15), DAY)],
        &[],
    );
    let absence: Vec<_> = rules(&out, 1)
        .into_iter()
        .filter(|(r, _)| *r == RuleId::Absence)
        .collect();
    assert_eq!(absence, [(RuleId::Absence, d(2026, 12, 15))]);
    // The norm drops by the absent working days: December 2026 has 162 h, 14–18 Dec are five
    // working days (40 h).
    assert_eq!(out.totals[0].norm_minutes, (162 - 40) * 60);
}

#[test]
fn public_holiday_hours_follow_easter_and_weekend_shifts_are_counted() {
    let e = [emp(1)];
    // Good Friday 2026 is 3 April, Pentecost 24 May; in 2025 18 April and 8 June.
    for (m, day) in [
        (month(2026, 4), d(2026, 4, 3)),
        (month(2026, 5), d(2026, 5, 24)),
        (month(2025, 4), d(2025, 4, 18)),
        (month(2025, 6), d(2025, 6, 8)),
    ] {
        let out = run(m, &e, &[a(1, day, DAY)], &[]);
        assert_eq!(out.totals[0].holiday_minutes, 12 * 60, "{day}");
        // Three days later is an ordinary day (Easter Monday is no public holiday in Estonia).
        let ordinary = run(m, &e, &[a(1, day + Duration::days(3), DAY)], &[]);
        assert_eq!(ordinary.totals[0].holiday_minutes, 0, "{day} + 3");
    }
    // A night shift from 23 Dec into Christmas Eve: 8 of its 12 hours fall on the holiday.
    let out = run(
        month(2026, 12),
        &e,
        &[a(1, d(2026, 12, 23), NIGHT), a(1, d(2026, 12, 26), DAY)],
        &[],
    );
    assert_eq!(out.totals[0].holiday_minutes, 8 * 60 + 12 * 60);
    assert_eq!(out.totals[0].weekend_shifts, 1, "26.12.2026 is a Saturday");
}

#[test]
fn the_shortened_day_before_24_february_lowers_the_norm() {
    // February 2027: 20 weekdays; 24 Feb (Wed) is a holiday, 23 Feb (Tue) is 3 h shorter.
    let out = run(month(2027, 2), &[emp(1)], &[], &[]);
    assert_eq!(out.totals[0].norm_minutes, (19 * 8 - 3) * 60);
}

#[test]
fn a_gap_of_one_hour_inside_an_otherwise_covered_day_is_flagged_for_that_hour() {
    let e = [emp(1), emp(2), emp(3)];
    // The night shift runs 21:00–08:00 here: night of 30 Nov until 08:00, day shift 08–20, the
    // night of 1 Dec from 21:00 — 20:00–21:00 on 1 Dec has nobody.
    let mut ty = types();
    ty[1].start_minute = 21 * 60;
    ty[1].length_minutes = 11 * 60;
    let assignments = [
        a(1, d(2026, 11, 30), NIGHT),
        a(2, d(2026, 12, 1), DAY),
        a(3, d(2026, 12, 1), NIGHT),
    ];
    let out = check(&CheckInput {
        month: month(2026, 12),
        employees: &e,
        shift_types: &ty,
        needs: &[],
        overrides: &[],
        assignments: &assignments,
        reference_months: 1,
    });
    let gaps: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::CoverageGap && f.date == d(2026, 12, 1))
        .collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(
        gaps[0].from,
        Some(d(2026, 12, 1).and_hms_opt(20, 0, 0).unwrap())
    );
    assert_eq!(
        gaps[0].to,
        Some(d(2026, 12, 1).and_hms_opt(21, 0, 0).unwrap())
    );
    assert_eq!((gaps[0].found, gaps[0].required), (0, 1));
    assert_eq!(out.days[0].gap_hours, 1);
}

#[test]
fn coverage_needs_are_counted_by_skill_and_day_kind() {
    let mut ru = emp(3);
    ru.skills = skill_bits(&[Skill::Ru, Skill::FirstLine]);
    let e = [emp(1), emp(2), ru];
    let needs = [
        CoverageNeed {
            shift_type_id: DAY,
            day_kind: DayKind::Weekday,
            skill: None,
            min: 2,
            optimal: 2,
        },
        CoverageNeed {
            shift_type_id: DAY,
            day_kind: DayKind::Weekday,
            skill: Some(Skill::Ru),
            min: 1,
            optimal: 1,
        },
    ];
    // Tuesday 1 Dec: two on the day shift, neither speaks Russian.
    let out = run(
        month(2026, 12),
        &e,
        &[a(1, d(2026, 12, 1), DAY), a(2, d(2026, 12, 1), DAY)],
        &needs,
    );
    let ru_gap: Vec<_> = out
        .findings
        .iter()
        .filter(|f| {
            f.rule == RuleId::CoverageGap && f.skill == Some(Skill::Ru) && f.date == d(2026, 12, 1)
        })
        .collect();
    assert_eq!(ru_gap.len(), 1);
    assert_eq!(
        ru_gap[0].from.unwrap().time().format("%H").to_string(),
        "08"
    );
    assert_eq!(ru_gap[0].to.unwrap().time().format("%H").to_string(), "20");
    assert_eq!(
        out.days[0]
            .shifts
            .iter()
            .find(|s| s.shift_type_id == DAY)
            .unwrap()
            .assigned,
        2
    );
    assert_eq!(
        out.days[0]
            .shifts
            .iter()
            .find(|s| s.shift_type_id == DAY)
            .unwrap()
            .min,
        2
    );

    // With the Russian speaker instead of one of them there is no RU gap; three is over-cover.
    let out = run(
        month(2026, 12),
        &e,
        &[
            a(1, d(2026, 12, 1), DAY),
            a(2, d(2026, 12, 1), DAY),
            a(3, d(2026, 12, 1), DAY),
        ],
        &needs,
    );
    assert!(!out
        .findings
        .iter()
        .any(|f| f.skill == Some(Skill::Ru) && f.date == d(2026, 12, 1)));
    let over: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::OverCover)
        .collect();
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].severity, Severity::Warning);
    // Saturday 5 Dec has no weekday needs: only the § 2.2.1 minimum of one person.
    assert!(out.days[4].shifts.iter().all(|s| s.min == 0));
}

#[test]
fn weekly_rest_of_36_hours_and_the_night_worker_limit() {
    let e = [emp(1)];
    // Seven day shifts in a row, Monday 7 to Sunday 13 Dec: the longest rest is 12 h.
    let week: Vec<_> = (7..=13).map(|day| a(1, d(2026, 12, day), DAY)).collect();
    let out = run(month(2026, 12), &e, &week, &[]);
    let weekly: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::WeeklyRest)
        .collect();
    assert_eq!(weekly.len(), 1);
    assert_eq!(
        (weekly[0].date, weekly[0].other_date),
        (d(2026, 12, 7), Some(d(2026, 12, 13)))
    );
    assert_eq!(weekly[0].rule.section(), Some("TLS § 52"));

    // Five nights in a week: 60 h > 56 h for a night worker; four nights (48 h) are fine.
    let nights: Vec<_> = (14..=18).map(|day| a(1, d(2026, 12, day), NIGHT)).collect();
    let out = run(month(2026, 12), &e, &nights, &[]);
    assert!(rules(&out, 1).contains(&(RuleId::NightWorker, d(2026, 12, 14))));
    let out = run(month(2026, 12), &e, &nights[..4], &[]);
    assert!(!rules(&out, 1)
        .iter()
        .any(|(r, _)| *r == RuleId::NightWorker));
}

#[test]
fn minors_may_not_work_at_night() {
    let mut young = emp(1);
    young.birth_date = Some(d(2009, 6, 1));
    let out = run(
        month(2026, 12),
        &[young],
        &[a(1, d(2026, 12, 1), NIGHT), a(1, d(2026, 12, 3), DAY)],
        &[],
    );
    let found: Vec<_> = rules(&out, 1)
        .into_iter()
        .filter(|(r, _)| *r == RuleId::NightMinor)
        .collect();
    assert_eq!(found, [(RuleId::NightMinor, d(2026, 12, 1))]);
}

#[test]
fn the_48_hour_average_and_overtime_against_the_norm() {
    let e = [emp(1)];
    // Every day a 12-hour shift in December with a 1-month reference period: 84 h a week.
    let every_day: Vec<_> = (1..=31).map(|day| a(1, d(2026, 12, day), DAY)).collect();
    let out = check(&CheckInput {
        month: month(2026, 12),
        employees: &e,
        shift_types: &types(),
        needs: &[],
        overrides: &[],
        assignments: &every_day,
        reference_months: 1,
    });
    let avg = out
        .findings
        .iter()
        .find(|f| f.rule == RuleId::Average48)
        .expect("over 48 h");
    assert_eq!(avg.found, 31 * 12 * 60 * 7 / 31);
    let over = out
        .findings
        .iter()
        .find(|f| f.rule == RuleId::Overtime)
        .expect("over the norm");
    assert_eq!(
        (over.found, over.required, over.severity),
        (31 * 12 * 60, 162 * 60, Severity::Warning)
    );

    // Fourteen day shifts (168 h) stay within both.
    let fair: Vec<_> = (1..=28)
        .step_by(2)
        .map(|day| a(1, d(2026, 12, day), DAY))
        .collect();
    let out = run(month(2026, 12), &e, &fair, &[]);
    assert!(!out.findings.iter().any(|f| f.rule == RuleId::Average48));
    assert_eq!(out.totals[0].minutes, 14 * 12 * 60);
}
