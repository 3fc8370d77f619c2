//! The search: simulated annealing over whole rosters, hard rules as heavily weighted
//! penalties (a roster with none broken always beats one with any), restarted from the best found
//! in cycles. Moves: one day's shift changed, two employees' days swapped, a block of days swapped
//! between two employees, a block of days set to one shift or off. Reproducible with a seed (for
//! a fixed number of moves); stoppable at any moment with the best found.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::model::*;
use crate::rng::Rng;

/// What one broken unit of a hard rule costs in the search at most, and at least. The weight
/// moves between them (strategic oscillation): up while the current roster breaks rules, down
/// while it keeps them, so the search can cross a rule to reach a better roster within the rules.
/// The best is always the one breaking fewest rules, then the cheapest.
const HARD_MAX: i64 = 5_000;
const HARD_MIN: i64 = 200;

#[derive(Debug, Clone)]
pub struct Options {
    pub time_limit: Duration,
    /// Stop after this many moves instead (for reproducible runs); `None`: the time limit.
    pub max_moves: Option<u64>,
    pub seed: u64,
    /// A starting roster (e.g. the month as the head left it).
    pub initial: Option<Roster>,
    /// Cells the search may not change (by employee, then day).
    pub locked: Option<Vec<Vec<bool>>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            time_limit: Duration::from_secs(10),
            max_moves: None,
            seed: 1,
            initial: None,
            locked: None,
        }
    }
}

/// The best so far, as the progress bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub elapsed: Duration,
    pub objective: u64,
    /// Broken hard-rule units of the best (0 once a roster within the rules is found).
    pub hard: u64,
    pub moves: u64,
}

#[derive(Debug, Clone)]
pub struct Solution {
    pub roster: Roster,
    pub objective: u64,
    pub hard: u64,
    pub time_to_best: Duration,
    pub elapsed: Duration,
    pub moves: u64,
}

struct State<'a> {
    p: &'a Problem,
    s: usize,
    roster: Roster,
    /// Request cost of each value: by employee, day, value (`s` = off).
    req: Vec<Vec<Vec<u32>>>,
    count: Vec<Vec<u32>>,
    /// Skill cover: its indices by day and shift, and how many with the skill are on each.
    sc_at: Vec<Vec<Vec<usize>>>,
    sc_count: Vec<u32>,
    row_pen: Vec<i64>,
    /// The soft cost that belongs to one employee's whole row (fairness, hours).
    row_soft: Vec<i64>,
    soft: i64,
    hard: i64,
    frozen: Vec<Vec<bool>>,
    unit_minutes: u32,
    /// The current weight of a broken rule unit.
    w: i64,
}

impl<'a> State<'a> {
    fn new(p: &'a Problem, roster: Roster, frozen: Vec<Vec<bool>>) -> State<'a> {
        let s = p.shifts.len();
        let mut req = vec![vec![vec![0u32; s + 1]; p.days]; p.employees.len()];
        for r in &p.on_requests {
            for (v, w) in req[r.employee][r.day].iter_mut().enumerate() {
                if v != r.shift {
                    *w += r.weight;
                }
            }
        }
        for r in &p.off_requests {
            req[r.employee][r.day][r.shift] += r.weight;
        }
        let mut sc_at = vec![vec![Vec::new(); s]; p.days];
        for (i, c) in p.extras.skill_cover.iter().enumerate() {
            sc_at[c.day][c.shift].push(i);
        }
        let mut st = State {
            p,
            s,
            roster,
            req,
            count: vec![vec![0; s]; p.days],
            sc_count: vec![0; p.extras.skill_cover.len()],
            sc_at,
            row_pen: vec![0; p.employees.len()],
            row_soft: vec![0; p.employees.len()],
            soft: 0,
            hard: 0,
            frozen,
            unit_minutes: p
                .shifts
                .iter()
                .map(|x| x.minutes)
                .min()
                .unwrap_or(60)
                .max(1),
            w: HARD_MAX,
        };
        st.recompute();
        st
    }

    fn idx(&self, c: Cell) -> usize {
        if c == OFF {
            self.s
        } else {
            c as usize
        }
    }

    fn cover_cost(&self, d: usize, sh: usize, n: u32) -> i64 {
        let c = self.p.cover[d][sh];
        if n < c.requirement {
            ((c.requirement - n) * c.under) as i64
        } else if n > c.optimal {
            ((n - c.optimal) * c.over) as i64
        } else {
            0
        }
    }

    fn has_skill(&self, e: usize, skill: u32) -> bool {
        self.p
            .extras
            .skills
            .get(e)
            .is_some_and(|b| b & (1u64 << skill) != 0)
    }

    fn skill_cost(&self, i: usize, n: u32) -> i64 {
        let c = &self.p.extras.skill_cover[i];
        (c.requirement.saturating_sub(n) * c.under) as i64
    }

    /// Adds (`up`) or removes one employee on a day's shift in the skill cover counts.
    fn skill_step(&mut self, e: usize, d: usize, sh: usize, up: bool) {
        for k in 0..self.sc_at[d][sh].len() {
            let i = self.sc_at[d][sh][k];
            if !self.has_skill(e, self.p.extras.skill_cover[i].skill) {
                continue;
            }
            let n = self.sc_count[i];
            let m = if up { n + 1 } else { n - 1 };
            self.soft += self.skill_cost(i, m) - self.skill_cost(i, n);
            self.sc_count[i] = m;
        }
    }

    fn recompute(&mut self) {
        for row in &mut self.count {
            row.iter_mut().for_each(|x| *x = 0);
        }
        self.sc_count.iter_mut().for_each(|x| *x = 0);
        for (e, row) in self.roster.iter().enumerate() {
            for (d, &c) in row.iter().enumerate() {
                if c != OFF {
                    self.count[d][c as usize] += 1;
                    for &i in &self.sc_at[d][c as usize] {
                        if self.has_skill(e, self.p.extras.skill_cover[i].skill) {
                            self.sc_count[i] += 1;
                        }
                    }
                }
            }
        }
        let mut soft = 0i64;
        for i in 0..self.sc_count.len() {
            soft += self.skill_cost(i, self.sc_count[i]);
        }
        for d in 0..self.p.days {
            for sh in 0..self.s {
                soft += self.cover_cost(d, sh, self.count[d][sh]);
            }
        }
        for (e, row) in self.roster.iter().enumerate() {
            for (d, &c) in row.iter().enumerate() {
                soft += self.req[e][d][self.idx(c)] as i64;
            }
        }
        self.soft = soft;
        self.hard = 0;
        for e in 0..self.p.employees.len() {
            let (hard, soft) = self.row_penalty(e);
            self.row_pen[e] = hard;
            self.row_soft[e] = soft;
            self.hard += hard;
            self.soft += soft;
        }
    }

    /// Broken hard-rule units of one employee's row, and the row's own soft cost.
    fn row_penalty(&self, e: usize) -> (i64, i64) {
        let p = self.p;
        let emp = &p.employees[e];
        let row = &self.roster[e];
        let mut pen = 0i64;
        let mut counts = [0u32; 64];
        let mut minutes = 0u32;
        let mut weekends = 0u32;
        let mut weekend_worked = false;
        let mut run_start = 0usize;
        let mut prev: Cell = OFF;
        for (d, &c) in row.iter().enumerate() {
            let working = c != OFF;
            if d > 0 && working != (prev != OFF) {
                pen += self.run_penalty(emp, run_start, d - run_start, prev != OFF);
                run_start = d;
            }
            if working {
                let ci = c as usize;
                if ci < 64 {
                    counts[ci] += 1;
                }
                minutes += p.shifts[ci].minutes;
                if emp.days_off[d] || p.extras.blocked(e, d, ci) {
                    pen += 1;
                }
                if prev != OFF && p.shifts[prev as usize].cannot_follow.contains(&ci) {
                    pen += 1;
                }
                if Problem::is_weekend(d) {
                    weekend_worked = true;
                }
            }
            if d % 7 == 6 || d + 1 == p.days {
                if weekend_worked {
                    weekends += 1;
                }
                weekend_worked = false;
            }
            prev = c;
        }
        pen += self.run_penalty(emp, run_start, p.days - run_start, prev != OFF);
        for (sh, &max) in emp.max_shifts.iter().enumerate() {
            let n = counts.get(sh).copied().unwrap_or(0);
            if n > max {
                pen += (n - max) as i64;
            }
        }
        if minutes > emp.max_minutes {
            pen += (minutes - emp.max_minutes).div_ceil(self.unit_minutes) as i64;
        }
        if minutes < emp.min_minutes {
            pen += (emp.min_minutes - minutes).div_ceil(self.unit_minutes) as i64;
        }
        if weekends > emp.max_weekends {
            pen += (weekends - emp.max_weekends) as i64;
        }
        let x = &p.extras;
        if let Some(w) = &x.weekly {
            pen += weekly_penalty(w, row, self.unit_minutes as i64);
        }
        let mut soft = 0i64;
        for f in &x.fairness {
            let n = row
                .iter()
                .enumerate()
                .filter(|&(d, &c)| c != OFF && (c as usize) < 64 && f.counts[d] & (1u64 << c) != 0)
                .count() as i64;
            let dev = n - f.target.get(e).copied().unwrap_or(0);
            soft += f.weight as i64 * dev * dev;
        }
        if let Some(&target) = x.hours_target.get(e) {
            if minutes < target {
                soft += ((target - minutes) / 60) as i64 * x.hours_weight as i64;
            }
        }
        if let Some(&max) = x.hours_over.get(e) {
            if minutes > max {
                soft += (minutes - max).div_ceil(60) as i64 * x.over_weight as i64;
            }
        }
        (pen, soft)
    }

    fn run_penalty(&self, emp: &Employee, start: usize, len: usize, working: bool) -> i64 {
        let touches = start == 0 || start + len == self.p.days;
        let len = len as u32;
        let mut pen = 0;
        if working {
            if len > emp.max_consecutive {
                pen += (len - emp.max_consecutive) as i64;
            }
            if !touches && len < emp.min_consecutive {
                pen += (emp.min_consecutive - len) as i64;
            }
        } else if !touches && len < emp.min_days_off {
            pen += (emp.min_days_off - len) as i64;
        }
        pen
    }

    fn cost(&self) -> i64 {
        self.soft + self.w * self.hard
    }

    /// Sets a cell, keeping the cover counts and the soft cost (not the row penalty).
    fn set(&mut self, e: usize, d: usize, v: Cell) {
        let old = self.roster[e][d];
        if old == v {
            return;
        }
        if old != OFF {
            let sh = old as usize;
            let n = self.count[d][sh];
            self.soft += self.cover_cost(d, sh, n - 1) - self.cover_cost(d, sh, n);
            self.count[d][sh] = n - 1;
            self.skill_step(e, d, sh, false);
        }
        if v != OFF {
            let sh = v as usize;
            let n = self.count[d][sh];
            self.soft += self.cover_cost(d, sh, n + 1) - self.cover_cost(d, sh, n);
            self.count[d][sh] = n + 1;
            self.skill_step(e, d, sh, true);
        }
        self.soft += self.req[e][d][self.idx(v)] as i64 - self.req[e][d][self.idx(old)] as i64;
        self.roster[e][d] = v;
    }

    fn refresh_rows(&mut self, employees: &[usize]) {
        for &e in employees {
            let (hard, soft) = self.row_penalty(e);
            self.hard += hard - self.row_pen[e];
            self.soft += soft - self.row_soft[e];
            self.row_pen[e] = hard;
            self.row_soft[e] = soft;
        }
    }

    fn movable(&self, e: usize, d: usize) -> bool {
        !self.frozen[e][d]
    }

    /// Whether `v` may be put on (e, d) at all (a day off takes no shift, a blocked shift type
    /// is not put).
    fn allowed(&self, e: usize, d: usize, v: Cell) -> bool {
        v == OFF || !(self.p.employees[e].days_off[d] || self.p.extras.blocked(e, d, v as usize))
    }
}

/// Broken units of the week rules in one row: a week without its uninterrupted rest (a unit per
/// 12 hours short, at least one), a night worker's week over its limit (a unit per
/// `unit` minutes over). A shift of the Sunday before a week counts where it reaches into it.
fn weekly_penalty(w: &Weekly, row: &[Cell], unit: i64) -> i64 {
    const DAY: i64 = 1440;
    let days = row.len();
    let mut pen = 0i64;
    for k in 0..days.div_ceil(7) {
        let (ws, we) = ((7 * k) as i64 * DAY, (7 * k + 7) as i64 * DAY);
        let mut free_from = ws;
        let mut longest = 0i64;
        let mut worked = 0i64;
        let mut night = false;
        let first = (7 * k).saturating_sub(1);
        for (d, &c) in row
            .iter()
            .enumerate()
            .take((7 * k + 7).min(days))
            .skip(first)
        {
            if c == OFF {
                continue;
            }
            let c = c as usize;
            let (s, e) = (d as i64 * DAY + w.start[c], d as i64 * DAY + w.end[c]);
            if e <= ws || s >= we {
                continue;
            }
            longest = longest.max(s - free_from);
            free_from = free_from.max(e);
            worked += e.min(we) - s.max(ws);
            night |= w.night[c] >= w.night_shift;
        }
        longest = longest.max(we - free_from);
        if longest < w.min_rest {
            pen += ((w.min_rest - longest + 719) / 720).max(1);
        }
        if night && worked > w.night_week_max {
            let unit = unit.max(1);
            pen += (worked - w.night_week_max + unit - 1) / unit;
        }
    }
    pen
}

/// Solves the problem within the options' limits, calling `progress` about five times a
/// second with the best so far; `stop` ends it early with the best found.
pub fn solve(
    p: &Problem,
    opts: &Options,
    stop: &AtomicBool,
    mut progress: impl FnMut(Progress),
) -> Solution {
    let started = Instant::now();
    let n_emp = p.employees.len();
    let frozen = opts
        .locked
        .clone()
        .unwrap_or_else(|| vec![vec![false; p.days]; n_emp]);
    let mut rng = Rng::new(opts.seed);
    let initial = greedy(p, &frozen, opts.initial.clone(), &mut rng);
    let mut st = State::new(p, initial, frozen);
    let mut best = st.roster.clone();
    // The best: fewest broken rule units first, then the lowest objective.
    let mut best_key = (st.hard, st.soft);
    let mut best_at = started.elapsed();
    let mut moves = 0u64;
    let limit = opts.time_limit.as_secs_f64().max(0.01);
    // Cycles: cool from T0 to T1, then restart from the best at a lower T0.
    let cycle = (limit / 6.0).max(0.5);
    let (t0, t1) = (40.0f64, 0.3f64);
    let mut cycle_start = 0.0;
    let mut temp = t0;
    let mut last_report = Instant::now();
    let mut changes: Vec<(usize, usize, Cell)> = Vec::with_capacity(16);
    let mut rows: Vec<usize> = Vec::with_capacity(2);
    if n_emp == 0 || p.days == 0 {
        return finish(p, best, best_at, started, moves);
    }
    loop {
        if moves.is_multiple_of(256) {
            let now = started.elapsed().as_secs_f64();
            let done = match opts.max_moves {
                Some(m) => moves >= m,
                None => now >= limit,
            };
            if done || stop.load(Ordering::Relaxed) {
                break;
            }
            let frac = match opts.max_moves {
                Some(m) => moves as f64 / m as f64 * (limit / cycle),
                None => now / cycle,
            };
            let in_cycle = frac - cycle_start;
            if in_cycle >= 1.0 {
                cycle_start = frac.floor();
                // Intensify: start the next cycle from the best.
                st.roster = best.clone();
                st.recompute();
            }
            temp = t0 * (t1 / t0).powf((frac - cycle_start).clamp(0.0, 1.0));
            if moves.is_multiple_of(4096) {
                st.w = if st.hard > 0 {
                    (st.w + st.w / 8 + 1).min(HARD_MAX)
                } else {
                    (st.w - st.w / 8).max(HARD_MIN)
                };
            }
            if last_report.elapsed() >= Duration::from_millis(200) {
                last_report = Instant::now();
                progress(Progress {
                    elapsed: started.elapsed(),
                    objective: best_key.1 as u64,
                    hard: best_key.0 as u64,
                    moves,
                });
            }
        }
        moves += 1;
        changes.clear();
        rows.clear();
        let before = st.cost();
        let kind = rng.below(100);
        if kind < 15 {
            // One employee's shift moved to another day near it (totals kept), or its type
            // changed on the same day (the pattern of work and rest kept).
            let e = rng.below(n_emp);
            let d1 = rng.below(p.days);
            if rng.below(2) == 0 {
                let d2 = (d1 + 1 + rng.below(7)).min(p.days - 1);
                let (a, b) = (st.roster[e][d1], st.roster[e][d2]);
                if d1 == d2
                    || a == b
                    || !st.movable(e, d1)
                    || !st.movable(e, d2)
                    || !st.allowed(e, d1, b)
                    || !st.allowed(e, d2, a)
                {
                    continue;
                }
                changes.push((e, d1, a));
                changes.push((e, d2, b));
                st.set(e, d1, b);
                st.set(e, d2, a);
            } else {
                let a = st.roster[e][d1];
                if a == OFF || st.s < 2 || !st.movable(e, d1) {
                    continue;
                }
                let v = rng.below(st.s) as Cell;
                if v == a {
                    continue;
                }
                changes.push((e, d1, a));
                st.set(e, d1, v);
            }
            rows.push(e);
        } else if kind < 45 {
            // One day's shift changed.
            let e = rng.below(n_emp);
            let d = rng.below(p.days);
            if !st.movable(e, d) {
                continue;
            }
            let v = random_value(&mut rng, st.s);
            if v == st.roster[e][d] || !st.allowed(e, d, v) {
                continue;
            }
            changes.push((e, d, st.roster[e][d]));
            st.set(e, d, v);
            rows.push(e);
        } else if kind < 70 {
            // Two employees' days swapped.
            let d = rng.below(p.days);
            let (e1, e2) = (rng.below(n_emp), rng.below(n_emp));
            let (a, b) = (st.roster[e1][d], st.roster[e2][d]);
            if e1 == e2
                || a == b
                || !st.movable(e1, d)
                || !st.movable(e2, d)
                || !st.allowed(e1, d, b)
                || !st.allowed(e2, d, a)
            {
                continue;
            }
            changes.push((e1, d, a));
            changes.push((e2, d, b));
            st.set(e1, d, b);
            st.set(e2, d, a);
            rows.extend([e1, e2]);
        } else if kind < 88 {
            // A block of days swapped between two employees.
            let (e1, e2) = (rng.below(n_emp), rng.below(n_emp));
            if e1 == e2 {
                continue;
            }
            let len = 2 + rng.below(6);
            let d0 = rng.below(p.days);
            for d in d0..(d0 + len).min(p.days) {
                let (a, b) = (st.roster[e1][d], st.roster[e2][d]);
                if a != b
                    && st.movable(e1, d)
                    && st.movable(e2, d)
                    && st.allowed(e1, d, b)
                    && st.allowed(e2, d, a)
                {
                    changes.push((e1, d, a));
                    changes.push((e2, d, b));
                    st.set(e1, d, b);
                    st.set(e2, d, a);
                }
            }
            if changes.is_empty() {
                continue;
            }
            rows.extend([e1, e2]);
        } else {
            // A block of days set to one shift, or off.
            let e = rng.below(n_emp);
            let len = 2 + rng.below(5);
            let d0 = rng.below(p.days);
            let v = if rng.below(3) == 0 {
                OFF
            } else {
                rng.below(st.s) as Cell
            };
            for d in d0..(d0 + len).min(p.days) {
                if st.roster[e][d] != v && st.movable(e, d) && st.allowed(e, d, v) {
                    changes.push((e, d, st.roster[e][d]));
                    st.set(e, d, v);
                }
            }
            if changes.is_empty() {
                continue;
            }
            rows.push(e);
        }
        st.refresh_rows(&rows);
        let delta = st.cost() - before;
        let accept = delta <= 0 || rng.unit() < (-(delta as f64) / temp).exp();
        if accept {
            if (st.hard, st.soft) < best_key {
                best_key = (st.hard, st.soft);
                best = st.roster.clone();
                best_at = started.elapsed();
            }
        } else {
            for &(e, d, old) in changes.iter().rev() {
                st.set(e, d, old);
            }
            st.refresh_rows(&rows);
        }
    }
    progress(Progress {
        elapsed: started.elapsed(),
        objective: best_key.1 as u64,
        hard: best_key.0 as u64,
        moves,
    });
    finish(p, best, best_at, started, moves)
}

fn finish(p: &Problem, best: Roster, best_at: Duration, started: Instant, moves: u64) -> Solution {
    // The search's own count, recomputed whole (the checker is the independent one).
    let st = State::new(
        p,
        best.clone(),
        vec![vec![false; p.days]; p.employees.len()],
    );
    Solution {
        roster: best,
        objective: st.soft as u64,
        hard: st.hard as u64,
        time_to_best: best_at,
        elapsed: started.elapsed(),
        moves,
    }
}

/// A shift type's index, or off (one chance in `s + 1`).
fn random_value(rng: &mut Rng, s: usize) -> Cell {
    let v = rng.below(s + 1);
    if v == s {
        OFF
    } else {
        v as Cell
    }
}

/// A first roster: the given one (or an empty one) with each day's cover filled by employees
/// free that day, those with a needed skill first, fewest shifts first.
fn greedy(p: &Problem, frozen: &[Vec<bool>], initial: Option<Roster>, rng: &mut Rng) -> Roster {
    let n = p.employees.len();
    let mut roster = initial.unwrap_or_else(|| vec![vec![OFF; p.days]; n]);
    let mut worked: Vec<u32> = roster
        .iter()
        .map(|r| {
            r.iter()
                .filter(|&&c| c != OFF)
                .map(|&c| p.shifts[c as usize].minutes)
                .sum()
        })
        .collect();
    let x = &p.extras;
    let has = |e: usize, skill: Option<u32>| {
        skill.is_none_or(|k| x.skills.get(e).is_some_and(|b| b & (1u64 << k) != 0))
    };
    for d in 0..p.days {
        // (shift, skill, how many more)
        let mut wants: Vec<(usize, Option<u32>, u32)> = Vec::new();
        for c in x.skill_cover.iter().filter(|c| c.day == d) {
            let on = (0..n)
                .filter(|&e| roster[e][d] as usize == c.shift && roster[e][d] != OFF)
                .filter(|&e| has(e, Some(c.skill)))
                .count() as u32;
            wants.push((c.shift, Some(c.skill), c.requirement.saturating_sub(on)));
        }
        for sh in 0..p.shifts.len() {
            let on = (0..n)
                .filter(|&e| roster[e][d] as usize == sh && roster[e][d] != OFF)
                .count() as u32;
            wants.push((sh, None, p.cover[d][sh].requirement.saturating_sub(on)));
        }
        for (sh, skill, need) in wants {
            for _ in 0..need {
                let mut pick: Option<usize> = None;
                let offset = rng.below(n.max(1));
                for k in 0..n {
                    let e = (k + offset) % n;
                    let emp = &p.employees[e];
                    if roster[e][d] != OFF
                        || emp.days_off[d]
                        || frozen[e][d]
                        || x.blocked(e, d, sh)
                        || !has(e, skill)
                    {
                        continue;
                    }
                    if worked[e] + p.shifts[sh].minutes > emp.max_minutes {
                        continue;
                    }
                    let after = |a: Cell, b: usize| {
                        a != OFF && p.shifts[a as usize].cannot_follow.contains(&b)
                    };
                    if d > 0 && after(roster[e][d - 1], sh) {
                        continue;
                    }
                    if d + 1 < p.days
                        && roster[e][d + 1] != OFF
                        && p.shifts[sh]
                            .cannot_follow
                            .contains(&(roster[e][d + 1] as usize))
                    {
                        continue;
                    }
                    if pick.is_none_or(|q| worked[e] < worked[q]) {
                        pick = Some(e);
                    }
                }
                if let Some(e) = pick {
                    roster[e][d] = sh as Cell;
                    worked[e] += p.shifts[sh].minutes;
                }
            }
        }
    }
    roster
}

/// Runs `threads` searches at once (seeds `seed`, `seed + 1`, …) and keeps the best: fewest
/// broken rule units, then the lowest objective, then the lowest seed. Progress is the first
/// search's; `stop` ends them all.
pub fn solve_parallel(
    p: &Problem,
    opts: &Options,
    threads: usize,
    stop: &AtomicBool,
    progress: impl FnMut(Progress) + Send,
) -> Solution {
    let threads = threads.max(1);
    if threads == 1 {
        return solve(p, opts, stop, progress);
    }
    let mut progress = Some(progress);
    let results: Vec<Solution> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let mut o = opts.clone();
                o.seed = opts.seed.wrapping_add(i as u64);
                let mut report = if i == 0 { progress.take() } else { None };
                scope.spawn(move || {
                    solve(p, &o, stop, |pr| {
                        if let Some(f) = report.as_mut() {
                            f(pr);
                        }
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a search thread"))
            .collect()
    });
    results
        .into_iter()
        .min_by_key(|s| (s.hard, s.objective))
        .expect("at least one search")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Problem {
        // Two days, one shift of 8 h, two people; one needed each day.
        let e = |code: &str| Employee {
            code: code.into(),
            max_shifts: vec![2],
            max_minutes: 960,
            min_minutes: 0,
            max_consecutive: 2,
            min_consecutive: 1,
            min_days_off: 1,
            max_weekends: 1,
            days_off: vec![false, false],
        };
        Problem {
            days: 2,
            shifts: vec![ShiftType {
                code: "D".into(),
                minutes: 480,
                cannot_follow: vec![],
            }],
            employees: vec![e("A"), e("B")],
            on_requests: vec![],
            off_requests: vec![],
            cover: vec![
                vec![Cover {
                    requirement: 1,
                    optimal: 1,
                    under: 100,
                    over: 1
                }];
                2
            ],
            extras: Extras::default(),
        }
    }

    #[test]
    fn a_tiny_problem_is_covered_exactly() {
        let opts = Options {
            max_moves: Some(20_000),
            ..Default::default()
        };
        let s = solve(&tiny(), &opts, &AtomicBool::new(false), |_| {});
        assert_eq!((s.objective, s.hard), (0, 0));
    }

    #[test]
    fn locked_cells_stay() {
        let p = tiny();
        let opts = Options {
            max_moves: Some(20_000),
            initial: Some(vec![vec![0, 0], vec![OFF, OFF]]),
            locked: Some(vec![vec![true, false], vec![true, false]]),
            ..Default::default()
        };
        let s = solve(&p, &opts, &AtomicBool::new(false), |_| {});
        assert_eq!(s.roster[0][0], 0);
        assert_eq!(s.roster[1][0], OFF);
    }
}
