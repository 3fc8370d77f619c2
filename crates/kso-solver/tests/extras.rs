//! The department's own rules (blocked shifts, skill cover, week rules, fair shares, hours
//! wanted): the search's objective agrees with the independent checker's, and what it returns
//! keeps every hard rule.

use std::sync::atomic::AtomicBool;

use kso_solver::check::check;
use kso_solver::model::*;
use kso_solver::search::{solve, Options};

fn problem() -> Problem {
    let days = 14;
    let n = 7;
    let shifts = vec![
        ShiftType {
            code: "D".into(),
            minutes: 720,
            cannot_follow: vec![],
        },
        ShiftType {
            code: "N".into(),
            minutes: 720,
            // A day shift the morning after a night leaves no rest.
            cannot_follow: vec![0],
        },
    ];
    let employees = (0..n)
        .map(|e| Employee {
            code: format!("E{e}"),
            max_shifts: vec![u32::MAX; 2],
            max_minutes: 8 * 720,
            min_minutes: 0,
            max_consecutive: u32::MAX,
            min_consecutive: 0,
            min_days_off: 0,
            max_weekends: u32::MAX,
            days_off: (0..days).map(|d| e == 3 && (4..9).contains(&d)).collect(),
        })
        .collect();
    let cover = vec![
        vec![
            Cover {
                requirement: 1,
                optimal: 2,
                under: 12_000,
                over: 20,
            };
            2
        ];
        days
    ];
    // E0 never works nights (under 18); only E1 and E2 speak Russian, one needed on nights.
    let blocked = (0..n)
        .map(|e| vec![if e == 0 { 0b10 } else { 0 }; days])
        .collect();
    let skills = (0..n)
        .map(|e| if e == 1 || e == 2 { 1 } else { 0 })
        .collect();
    let skill_cover = (0..days)
        .map(|d| SkillCover {
            day: d,
            shift: 1,
            skill: 0,
            requirement: 1,
            under: 12_000,
        })
        .collect();
    Problem {
        days,
        shifts,
        employees,
        on_requests: vec![Request {
            employee: 4,
            day: 2,
            shift: 1,
            weight: 200,
        }],
        off_requests: vec![Request {
            employee: 5,
            day: 6,
            shift: 0,
            weight: 200,
        }],
        cover,
        extras: Extras {
            blocked,
            skills,
            skill_cover,
            weekly: Some(Weekly {
                start: vec![480, 1200],
                end: vec![1200, 1920],
                night: vec![0, 480],
                min_rest: 36 * 60,
                night_shift: 180,
                night_week_max: 56 * 60,
            }),
            fairness: vec![Fair {
                weight: 40,
                counts: vec![0b10; days],
                target: vec![0, 4, 4, 2, 3, 3, 3],
            }],
            hours_target: vec![6 * 720; n],
            hours_weight: 1,
            hours_over: vec![7 * 720; n],
            over_weight: 100,
        },
    }
}

#[test]
fn the_search_and_the_checker_agree_and_no_hard_rule_is_broken() {
    let p = problem();
    for seed in 1..=3 {
        let opts = Options {
            max_moves: Some(200_000),
            seed,
            ..Default::default()
        };
        let s = solve(&p, &opts, &AtomicBool::new(false), |_| {});
        let report = check(&p, &s.roster);
        assert!(report.feasible(), "seed {seed}: {:?}", report.violations);
        assert_eq!(s.hard, 0);
        assert_eq!(report.objective, s.objective, "seed {seed}");
        // The night nobody else may work and the Russian speaker on every night.
        for d in 0..p.days {
            assert_ne!(s.roster[0][d], 1, "E0 on a night");
            assert!(
                (1..=2).any(|e| s.roster[e][d] == 1),
                "no RU speaker on night {d}"
            );
        }
        assert_eq!(report.under_cover, 0);
    }
}

#[test]
fn the_checker_finds_each_department_rule_broken() {
    let p = problem();
    // Everybody on nights every day: E0 blocked, weekly rest and night work broken.
    let roster: Roster = vec![vec![1; p.days]; p.employees.len()];
    let report = check(&p, &roster);
    let rules: Vec<&str> = report.violations.iter().map(|v| v.rule).collect();
    for rule in ["blocked", "weekly_rest", "night_worker", "day_off"] {
        assert!(rules.contains(&rule), "{rule} not found in {rules:?}");
    }
    // Nobody at all: every day and night uncovered, and the RU nights too.
    let empty: Roster = vec![vec![OFF; p.days]; p.employees.len()];
    let r = check(&p, &empty);
    assert_eq!(r.under_cover, (14 * 2 + 14) * 12_000);
    assert!(r.violations.is_empty());
    // Fairness: each night-worker short of the target by it; hours: 72 h each short.
    assert_eq!(r.fairness, 40 * (16 + 16 + 4 + 9 + 9 + 9));
    assert_eq!(r.hours, 7 * 72);
}
