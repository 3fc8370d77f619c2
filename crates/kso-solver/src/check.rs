//! The independent checker: a roster's objective and every hard rule it breaks, recomputed from
//! the problem alone, the plain way (it shares nothing with the search's incremental counts).

use crate::model::*;

/// A broken hard rule: the employee, what, and by how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub employee: String,
    pub rule: &'static str,
    pub detail: String,
}

/// What a roster costs and breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub objective: u64,
    pub under_cover: u64,
    pub over_cover: u64,
    pub requests: u64,
    pub violations: Vec<Violation>,
}

impl Report {
    pub fn feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Runs of equal "working" flags: (start, length, working).
fn runs(work: &[bool]) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    for (d, &w) in work.iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.2 == w => last.1 += 1,
            _ => out.push((d, 1, w)),
        }
    }
    out
}

pub fn check(p: &Problem, roster: &Roster) -> Report {
    let mut violations = Vec::new();
    let mut v = |e: &Employee, rule: &'static str, detail: String| {
        violations.push(Violation {
            employee: e.code.clone(),
            rule,
            detail,
        })
    };
    assert_eq!(roster.len(), p.employees.len(), "a row per employee");
    for (e, row) in p.employees.iter().zip(roster) {
        assert_eq!(row.len(), p.days, "a cell per day");
        // One shift a day is the format itself; a known shift type.
        for (d, &c) in row.iter().enumerate() {
            if c != OFF && c as usize >= p.shifts.len() {
                v(e, "unknown_shift", format!("day {d}"));
            }
            if c != OFF && e.days_off[d] {
                v(e, "day_off", format!("works on day {d}"));
            }
        }
        for d in 1..p.days {
            let (a, b) = (row[d - 1], row[d]);
            if a != OFF && b != OFF && p.shifts[a as usize].cannot_follow.contains(&(b as usize)) {
                v(
                    e,
                    "succession",
                    format!(
                        "{} then {} on days {}–{d}",
                        p.shifts[a as usize].code,
                        p.shifts[b as usize].code,
                        d - 1
                    ),
                );
            }
        }
        for (s, shift) in p.shifts.iter().enumerate() {
            let n = row.iter().filter(|&&c| c as usize == s && c != OFF).count() as u32;
            if n > e.max_shifts[s] {
                v(
                    e,
                    "max_shifts",
                    format!("{n} × {} > {}", shift.code, e.max_shifts[s]),
                );
            }
        }
        let minutes: u32 = row
            .iter()
            .filter(|&&c| c != OFF)
            .map(|&c| p.shifts[c as usize].minutes)
            .sum();
        if minutes > e.max_minutes {
            v(e, "max_minutes", format!("{minutes} > {}", e.max_minutes));
        }
        if minutes < e.min_minutes {
            v(e, "min_minutes", format!("{minutes} < {}", e.min_minutes));
        }
        let work: Vec<bool> = row.iter().map(|&c| c != OFF).collect();
        for (start, len, working) in runs(&work) {
            let touches = start == 0 || start + len == p.days;
            if working {
                if len as u32 > e.max_consecutive {
                    v(e, "max_consecutive", format!("{len} days from day {start}"));
                }
                if !touches && (len as u32) < e.min_consecutive {
                    v(e, "min_consecutive", format!("{len} days from day {start}"));
                }
            } else if !touches && (len as u32) < e.min_days_off {
                v(
                    e,
                    "min_days_off",
                    format!("{len} days off from day {start}"),
                );
            }
        }
        let weekends = (0..p.days.div_ceil(7))
            .filter(|w| (w * 7 + 5..(w * 7 + 7).min(p.days)).any(|d| work[d]))
            .count() as u32;
        if weekends > e.max_weekends {
            v(
                e,
                "max_weekends",
                format!("{weekends} > {}", e.max_weekends),
            );
        }
    }
    let (mut under, mut over) = (0u64, 0u64);
    for d in 0..p.days {
        for (s, c) in p.cover[d].iter().enumerate() {
            let n = roster
                .iter()
                .filter(|r| r[d] != OFF && r[d] as usize == s)
                .count() as u64;
            let req = c.requirement as u64;
            if n < req {
                under += (req - n) * c.under as u64;
            } else {
                over += (n - req) * c.over as u64;
            }
        }
    }
    let mut requests = 0u64;
    for r in &p.on_requests {
        if roster[r.employee][r.day] as usize != r.shift || roster[r.employee][r.day] == OFF {
            requests += r.weight as u64;
        }
    }
    for r in &p.off_requests {
        if roster[r.employee][r.day] != OFF && roster[r.employee][r.day] as usize == r.shift {
            requests += r.weight as u64;
        }
    }
    Report {
        objective: under + over + requests,
        under_cover: under,
        over_cover: over,
        requests,
        violations,
    }
}
