//! The engine on the Curtois & Qu instances: every instance reads; the independent checker
//! counts an empty roster as the rules say; a solved instance breaks no hard rule, and the
//! checker's objective is the search's own; the same seed and number of moves give the same roster.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use kso_solver::model::OFF;
use kso_solver::{check, curtois, search};

fn instance(n: u32) -> kso_solver::model::Problem {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("benchmarks/curtois/Instance{n}.txt"));
    curtois::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_instance_reads_with_the_sizes_of_the_best_known_table() {
    let table = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benchmarks/curtois/BEST_KNOWN.tsv"),
    )
    .unwrap();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("instance"))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 24);
    for r in rows {
        let n: u32 = r[0].parse().unwrap();
        let p = instance(n);
        assert_eq!(p.days, r[1].parse::<usize>().unwrap(), "instance {n} days");
        assert_eq!(
            p.employees.len(),
            r[2].parse::<usize>().unwrap(),
            "instance {n} staff"
        );
        assert_eq!(
            p.shifts.len(),
            r[3].parse::<usize>().unwrap(),
            "instance {n} shift types"
        );
    }
}

#[test]
fn the_checker_counts_an_empty_roster_as_the_rules_say() {
    let p = instance(1);
    let empty = vec![vec![OFF; p.days]; p.employees.len()];
    let r = check::check(&p, &empty);
    // Everyone short of their minimum minutes; every cover short at 100 a person; every
    // shift-on request unmet.
    let need: u64 = p
        .cover
        .iter()
        .map(|d| d[0].requirement as u64 * d[0].under as u64)
        .sum();
    let on: u64 = p.on_requests.iter().map(|r| r.weight as u64).sum();
    assert_eq!(r.under_cover, need);
    assert_eq!(r.requests, on);
    assert_eq!(r.objective, need + on);
    assert_eq!(
        r.violations
            .iter()
            .filter(|v| v.rule == "min_minutes")
            .count(),
        p.employees.len()
    );
    assert!(!r.feasible());
    // A written roster reads back the same.
    let text = curtois::write_solution(&p, &empty);
    assert_eq!(curtois::read_solution(&p, &text).unwrap(), empty);
}

#[test]
fn instance_1_is_solved_within_the_rules_and_the_two_counts_agree() {
    let p = instance(1);
    let opts = search::Options {
        max_moves: Some(3_000_000),
        seed: 7,
        ..Default::default()
    };
    let s = search::solve(&p, &opts, &AtomicBool::new(false), |_| {});
    let r = check::check(&p, &s.roster);
    assert!(r.feasible(), "{:?}", r.violations);
    assert_eq!(s.hard, 0);
    assert_eq!(
        r.objective, s.objective,
        "the checker and the search count alike"
    );
    // The proven optimum is 607; a few million moves get close.
    assert!(r.objective <= 700, "objective {}", r.objective);
    // Reproducible: the same seed and number of moves, the same roster.
    let again = search::solve(&p, &opts, &AtomicBool::new(false), |_| {});
    assert_eq!(again.roster, s.roster);
}

#[test]
fn a_stop_ends_the_search_at_once_with_the_best_found() {
    let p = instance(5);
    let stop = AtomicBool::new(true);
    let opts = search::Options {
        time_limit: std::time::Duration::from_secs(60),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let s = search::solve(&p, &opts, &stop, |_| {});
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(s.roster.len(), p.employees.len());
}
