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
    /// Fairness and hours short of the wanted (the department's own terms).
    pub fairness: u64,
    pub hours: u64,
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
    for (ei, (e, row)) in p.employees.iter().zip(roster).enumerate() {
        assert_eq!(row.len(), p.days, "a cell per day");
        // One shift a day is the format itself; a known shift type.
        for (d, &c) in row.iter().enumerate() {
            if c != OFF && c as usize >= p.shifts.len() {
                v(e, "unknown_shift", format!("day {d}"));
            }
            if c != OFF && e.days_off[d] {
                v(e, "day_off", format!("works on day {d}"));
            }
            let blocked = p.extras.blocked.get(ei).and_then(|r| r.get(d)).copied();
            if c != OFF && blocked.is_some_and(|b| (b >> c) & 1 == 1) {
                v(
                    e,
                    "blocked",
                    format!("{} on day {d}", p.shifts[c as usize].code),
                );
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
        if let Some(w) = &p.extras.weekly {
            for (rule, detail) in week_rules(w, row) {
                v(e, rule, detail);
            }
        }
    }
    let (mut under, mut over) = (0u64, 0u64);
    for d in 0..p.days {
        for (s, c) in p.cover[d].iter().enumerate() {
            let n = roster
                .iter()
                .filter(|r| r[d] != OFF && r[d] as usize == s)
                .count() as u64;
            if n < c.requirement as u64 {
                under += (c.requirement as u64 - n) * c.under as u64;
            }
            if n > c.optimal as u64 {
                over += (n - c.optimal as u64) * c.over as u64;
            }
        }
    }
    for c in &p.extras.skill_cover {
        let n = roster
            .iter()
            .enumerate()
            .filter(|(e, r)| {
                r[c.day] != OFF
                    && r[c.day] as usize == c.shift
                    && (p.extras.skills[*e] >> c.skill) & 1 == 1
            })
            .count() as u64;
        under += (c.requirement as u64).saturating_sub(n) * c.under as u64;
    }
    let mut fairness = 0u64;
    for f in &p.extras.fairness {
        for (e, row) in roster.iter().enumerate() {
            let n = (0..p.days)
                .filter(|&d| row[d] != OFF && (f.counts[d] >> row[d]) & 1 == 1)
                .count() as i64;
            let dev = n - f.target[e];
            fairness += f.weight as u64 * (dev * dev) as u64;
        }
    }
    let mut hours = 0u64;
    for (e, &target) in p.extras.hours_target.iter().enumerate() {
        let minutes: u32 = roster[e]
            .iter()
            .filter(|&&c| c != OFF)
            .map(|&c| p.shifts[c as usize].minutes)
            .sum();
        if minutes < target {
            hours += ((target - minutes) / 60) as u64 * p.extras.hours_weight as u64;
        }
    }
    for (e, &max) in p.extras.hours_over.iter().enumerate() {
        let minutes: u32 = roster[e]
            .iter()
            .filter(|&&c| c != OFF)
            .map(|&c| p.shifts[c as usize].minutes)
            .sum();
        if minutes > max {
            hours += (minutes - max).div_ceil(60) as u64 * p.extras.over_weight as u64;
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
        objective: under + over + requests + fairness + hours,
        under_cover: under,
        over_cover: over,
        requests,
        fairness,
        hours,
        violations,
    }
}

/// The week rules, shift by shift over the real minutes: each Monday–Sunday week's longest
/// free stretch (with the Sunday-night shift before it), and a night worker's hours in it.
fn week_rules(w: &Weekly, row: &[Cell]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    // Every shift as (start, end, night) in minutes from the start of day 0.
    let shifts: Vec<(i64, i64, u32)> = row
        .iter()
        .enumerate()
        .filter(|(_, &c)| c != OFF)
        .map(|(d, &c)| {
            let base = d as i64 * 24 * 60;
            let c = c as usize;
            (base + w.start[c], base + w.end[c], w.night[c])
        })
        .collect();
    let weeks = row.len().div_ceil(7);
    for k in 0..weeks {
        let from = k as i64 * 7 * 24 * 60;
        let to = from + 7 * 24 * 60;
        let inside: Vec<&(i64, i64, u32)> =
            shifts.iter().filter(|s| s.1 > from && s.0 < to).collect();
        let mut edges = vec![from];
        for s in &inside {
            edges.push(s.0.max(from));
            edges.push(s.1.min(to));
        }
        edges.push(to);
        // Free stretches lie between an end (or the week's start) and the next start.
        let longest = edges
            .chunks(2)
            .map(|pair| pair[1] - pair[0])
            .max()
            .unwrap_or(0);
        if longest < w.min_rest {
            out.push((
                "weekly_rest",
                format!("week {k}: longest rest {longest} min"),
            ));
        }
        let night = inside.iter().any(|s| s.2 >= w.night_shift);
        let worked: i64 = inside.iter().map(|s| s.1.min(to) - s.0.max(from)).sum();
        if night && worked > w.night_week_max {
            out.push(("night_worker", format!("week {k}: {worked} min of work")));
        }
    }
    out
}
