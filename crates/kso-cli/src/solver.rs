//! `kso roster bench-curtois` and `kso roster check-curtois`: the rostering engine on the
//! Curtois & Qu benchmark instances, and the independent check of a written solution.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use kso_solver::{check, curtois, search};

use crate::outln;

fn read(path: &Path) -> Result<kso_solver::model::Problem, kso_solver::Error> {
    curtois::parse(&std::fs::read_to_string(path)?)
}

/// Solves an instance: the objective, the time to the best, and the roster written to `out`.
pub fn bench(
    file: &Path,
    seconds: f64,
    seed: u64,
    write: Option<&Path>,
    out: &mut String,
) -> Result<bool, kso_solver::Error> {
    let p = read(file)?;
    let opts = search::Options {
        time_limit: Duration::from_secs_f64(seconds),
        seed,
        ..Default::default()
    };
    let stop = AtomicBool::new(false);
    let verbose = std::env::var_os("KSO_PROGRESS").is_some();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let s = search::solve_parallel(&p, &opts, threads, &stop, |pr| {
        if verbose {
            eprintln!(
                "{:>7.1} s  objective {}  hard {}  moves {}",
                pr.elapsed.as_secs_f64(),
                pr.objective,
                pr.hard,
                pr.moves
            );
        }
    });
    // The independent checker's count is the one reported.
    let report = check::check(&p, &s.roster);
    if let Some(path) = write {
        std::fs::write(path, curtois::write_solution(&p, &s.roster))?;
    }
    outln!(
        out,
        "objective {}\tfeasible {}\ttime_to_best {:.1}\telapsed {:.1}\tmoves {}\tthreads {threads}",
        report.objective,
        report.feasible(),
        s.time_to_best.as_secs_f64(),
        s.elapsed.as_secs_f64(),
        s.moves
    );
    for v in report.violations.iter().take(20) {
        outln!(out, "violation {} {} {}", v.employee, v.rule, v.detail);
    }
    Ok(report.feasible())
}

/// Checks a written solution: its objective and every broken hard rule.
pub fn check_file(
    file: &Path,
    solution: &Path,
    out: &mut String,
) -> Result<bool, kso_solver::Error> {
    let p = read(file)?;
    let roster = curtois::read_solution(&p, &std::fs::read_to_string(solution)?)?;
    let r = check::check(&p, &roster);
    outln!(
        out,
        "objective {}\tunder {}\tover {}\trequests {}\tfeasible {}",
        r.objective,
        r.under_cover,
        r.over_cover,
        r.requests,
        r.feasible()
    );
    for v in &r.violations {
        outln!(out, "violation {} {} {}", v.employee, v.rule, v.detail);
    }
    Ok(r.feasible())
}
