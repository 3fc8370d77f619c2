//! Roster proposals: a draft month turned into a rostering problem for `kso-solver` (the hard
//! rules of the roster checks as rules of the problem, the department's needs, wishes and fair
//! shares as its costs), the solver's roster turned back into changed cells, checked again by the
//! roster checks (a cell they still reject is dropped from the proposal), and the gaps left
//! explained. Pure: data in, data out.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicBool;
use std::time::Duration as StdDuration;

use chrono::{Datelike, Duration, NaiveDate};
use kso_solver::model::{self as sm, Cell, Roster, OFF};
use kso_solver::search::{self, Options, Progress};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::check::{self, CheckInput, Finding, RuleId, Severity};
use super::{skill_bits, Assignment, DayKind, Skill};
use crate::calendar;
use crate::i18n::Lang;
use crate::roster_service::MonthInput;

/// The weights of a proposal's objective, in this order of importance by default (settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterWeights {
    /// Each hour a needed person (with a needed skill) is missing.
    pub uncovered_hour: u32,
    /// Each unmet wish to work a shift, or met shift one wished not to work.
    pub request: u32,
    /// Each squared step of a person's nights, weekends or holidays away from their fair share.
    pub fairness: u32,
    /// Each person on a shift beyond its optimum.
    pub over_cover: u32,
    /// Each hour a person is planned below their norm.
    pub norm_hour: u32,
    /// Each cell changed from what the head planned (keeps a proposal close to the draft).
    pub change: u32,
    /// Whether hours over the reference period's norm (overtime, TLS § 44) may be planned.
    pub allow_overtime: bool,
}

impl Default for RosterWeights {
    fn default() -> RosterWeights {
        RosterWeights {
            uncovered_hour: 1000,
            request: 200,
            fairness: 40,
            over_cover: 20,
            norm_hour: 1,
            change: 50,
            allow_overtime: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Wants to work this shift that day.
    On,
    /// Wants the day off (no shift type) or not this shift.
    Off,
}

impl RequestKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::On => "on",
            RequestKind::Off => "off",
        }
    }
    pub fn parse(s: &str) -> Option<RequestKind> {
        match s {
            "on" => Some(RequestKind::On),
            "off" => Some(RequestKind::Off),
            _ => None,
        }
    }
}

/// An employee's wish for a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ShiftRequest {
    pub id: i64,
    pub employee_id: i64,
    pub date: NaiveDate,
    pub kind: RequestKind,
    pub shift_type_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ShiftRequestInput {
    pub employee_id: i64,
    pub date: String,
    pub kind: RequestKind,
    pub shift_type_id: Option<i64>,
    pub note: String,
}

/// A cell the proposal changes: its shift type before and after (`None`: no shift).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellChange {
    pub employee_id: i64,
    pub date: NaiveDate,
    pub before: Option<i64>,
    pub after: Option<i64>,
}

/// A proposal's run: when, by whom, with which seed and time, how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProposalRun {
    pub month: String,
    pub created_at: String,
    pub created_by: String,
    pub seed: u64,
    pub seconds: u32,
    pub elapsed_ms: u64,
    pub moves: u64,
    pub objective: u64,
    /// Stopped by the user before its time was up.
    pub stopped: bool,
}

/// A month made ready for the solver.
pub struct Prepared {
    pub input: MonthInput,
    pub problem: sm::Problem,
    /// The horizon's first day: the Monday on or before the month's first (days before the
    /// month are locked as they are, so the week rules see whole weeks).
    pub start: NaiveDate,
    /// The month's first day's index in the horizon.
    pub offset: usize,
    /// Solver index → employee id, shift type id.
    pub employees: Vec<i64>,
    pub types: Vec<i64>,
    pub initial: Roster,
    pub locked: Vec<Vec<bool>>,
    pub locks: HashSet<(i64, NaiveDate)>,
    pub requests: Vec<ShiftRequest>,
    pub weights: RosterWeights,
}

/// What a run found: the changed cells, after the roster checks' second look.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub changes: Vec<CellChange>,
    pub objective: u64,
    pub elapsed: StdDuration,
    pub moves: u64,
    /// Cells the roster checks still rejected and the proposal therefore leaves out.
    pub dropped: u32,
}

const DAY: i64 = 24 * 60;
const MIN_DAILY_REST: i64 = 11 * 60;
const MAX_SHIFT: i64 = 13 * 60;
/// A shift with this much night time is a night shift (TLS § 48), for the week rule and fairness.
const NIGHT_SHIFT: u32 = 3 * 60;

/// Minutes of night (22:00–06:00) in a shift by its wall-clock times.
fn nominal_night(start: i64, end: i64) -> u32 {
    (-1..=1)
        .map(|k| {
            let (a, b) = (k * DAY + 22 * 60, k * DAY + DAY + 6 * 60);
            (end.min(b) - start.max(a)).max(0)
        })
        .sum::<i64>() as u32
}

fn minutes_of(
    types: &HashMap<i64, i64>,
    list: &[&Assignment],
    from: NaiveDate,
    to: NaiveDate,
) -> i64 {
    list.iter()
        .filter(|a| a.date >= from && a.date < to)
        .map(|a| types.get(&a.shift_type_id).copied().unwrap_or(0))
        .sum()
}

/// Builds the problem of one draft month.
pub fn prepare(
    input: MonthInput,
    locks: HashSet<(i64, NaiveDate)>,
    requests: Vec<ShiftRequest>,
    weights: RosterWeights,
) -> Prepared {
    let month = input.month;
    let first = month.first();
    let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let offset = (first - start).num_days() as usize;
    let days = (month.last() - start).num_days() as usize + 1;
    let date_of = |d: usize| start + Duration::days(d as i64);

    let active: Vec<&super::ShiftType> = input.types.iter().filter(|t| t.active).collect();
    let types: Vec<i64> = active.iter().map(|t| t.id).collect();
    let index: HashMap<i64, usize> = types.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let lengths: HashMap<i64, i64> = input
        .types
        .iter()
        .map(|t| (t.id, i64::from(t.length_minutes)))
        .collect();
    let starts: Vec<i64> = active.iter().map(|t| i64::from(t.start_minute)).collect();
    let ends: Vec<i64> = active
        .iter()
        .map(|t| i64::from(t.start_minute + t.length_minutes))
        .collect();
    let night: Vec<u32> = (0..active.len())
        .map(|i| nominal_night(starts[i], ends[i]))
        .collect();
    let shifts: Vec<sm::ShiftType> = active
        .iter()
        .enumerate()
        .map(|(a, t)| sm::ShiftType {
            code: t.code.clone(),
            minutes: t.length_minutes,
            // TLS § 51: 11 hours of rest between the end of one and the start of the next.
            cannot_follow: (0..active.len())
                .filter(|&b| DAY + starts[b] - ends[a] < MIN_DAILY_REST)
                .collect(),
        })
        .collect();

    let mut by_employee: HashMap<i64, Vec<&Assignment>> = HashMap::new();
    for a in &input.assignments {
        by_employee.entry(a.employee_id).or_default().push(a);
    }
    let (period_start, _) = month.reference_period(input.reference_months);
    let period_from = period_start.first();
    let period_days = (month.last() - period_from).num_days() + 1;
    let cap48 = 48 * 60 * period_days / 7;

    // Who is on the roster: anyone with a shift in the reference period or the month (everyone,
    // while nobody has one yet). The others (the head, say) are not planned.
    let anyone = !input.assignments.is_empty();
    let n = input.staff.len();
    let mut employees = Vec::with_capacity(n);
    let mut initial = vec![vec![OFF; days]; n];
    let mut locked = vec![vec![false; days]; n];
    let mut blocked = vec![vec![0u64; days]; n];
    let mut skills = vec![0u64; n];
    let mut hours_target = vec![0u32; n];
    let mut hours_over = vec![u32::MAX; n];
    let mut solver_employees = Vec::with_capacity(n);
    for (e, (staff, emp)) in input.staff.iter().zip(&input.employees).enumerate() {
        employees.push(staff.id);
        skills[e] = u64::from(emp.skills);
        let mine = by_employee.get(&staff.id).cloned().unwrap_or_default();
        let cells: HashMap<NaiveDate, i64> =
            mine.iter().map(|a| (a.date, a.shift_type_id)).collect();
        let mut days_off = vec![false; days];
        for d in 0..days {
            let date = date_of(d);
            let existing = cells.get(&date).copied();
            match existing {
                Some(id) => match index.get(&id) {
                    Some(&i) => initial[e][d] = i as Cell,
                    // A retired shift type stays as it is.
                    None => locked[e][d] = true,
                },
                None => initial[e][d] = OFF,
            }
            if d < offset {
                locked[e][d] = true;
                continue;
            }
            if locks.contains(&(staff.id, date)) {
                locked[e][d] = true;
            }
            let employed = staff.start_date <= date && staff.end_date.is_none_or(|end| end >= date);
            let on_roster = !anyone || !mine.is_empty();
            days_off[d] = !employed || !on_roster || emp.absent_on(date);
            for (i, t) in active.iter().enumerate() {
                let (from, to) = t.interval(date);
                let missing = skill_bits(&t.skills) & !emp.skills != 0;
                let too_long = (to - from).num_minutes() > MAX_SHIFT;
                let minor_night = night[i] > 0 && check::is_minor_on(emp.birth_date, date);
                if missing || too_long || minor_night {
                    blocked[e][d] |= 1u64 << i;
                }
            }
        }
        // TLS § 46 (48 h a week on average over the reference period), a hard limit, and the
        // period's norm: hours short of it cost `norm_hour`, hours over it (overtime, which
        // needs agreement, TLS § 44) a tenth of an uncovered hour unless overtime is allowed.
        // What is left of them for the horizon's days.
        let norm = check::period_norm_minutes(emp, period_start, month);
        let before = minutes_of(&lengths, &mine, period_from, start);
        let context_outside = minutes_of(&lengths, &mine, start, period_from.max(start));
        let left = |total: i64| (total - before + context_outside).max(0) as u32;
        let max_minutes = left(cap48);
        hours_target[e] = left(norm).min(max_minutes);
        hours_over[e] = if weights.allow_overtime {
            u32::MAX
        } else {
            left(norm)
        };
        solver_employees.push(sm::Employee {
            code: staff.id.to_string(),
            max_shifts: vec![u32::MAX; active.len()],
            max_minutes,
            min_minutes: 0,
            max_consecutive: u32::MAX,
            min_consecutive: 0,
            min_days_off: 0,
            max_weekends: u32::MAX,
            days_off,
        });
    }

    // Needs: people (with a skill) per day and shift; each hour missing costs its weight.
    let kinds: Vec<DayKind> = (0..days).map(|d| DayKind::of(date_of(d))).collect();
    let mut cover = vec![vec![sm::Cover::default(); active.len()]; days];
    let mut skill_cover = Vec::new();
    for d in offset..days {
        for (i, t) in active.iter().enumerate() {
            let under = weights.uncovered_hour * t.length_minutes / 60;
            let mut has_total = false;
            for (skill, min, optimal) in
                check::day_needs(&input.needs, &input.overrides, date_of(d), kinds[d], t.id)
            {
                match skill {
                    None => {
                        has_total = true;
                        cover[d][i] = sm::Cover {
                            requirement: min,
                            optimal,
                            under,
                            over: weights.over_cover,
                        }
                    }
                    Some(k) => skill_cover.push(sm::SkillCover {
                        day: d,
                        shift: i,
                        skill: k as u32,
                        requirement: min,
                        under,
                    }),
                }
            }
            if !has_total {
                // No need of everyone together: as many as the skill needs want at most (none
                // on a day the shift is not needed at all), more is over-cover.
                let optimal =
                    check::day_needs(&input.needs, &input.overrides, date_of(d), kinds[d], t.id)
                        .iter()
                        .map(|n| n.2)
                        .sum();
                cover[d][i] = sm::Cover {
                    requirement: 0,
                    optimal,
                    under,
                    over: weights.over_cover,
                };
            }
        }
    }

    // Wishes.
    let row_of: HashMap<i64, usize> = employees
        .iter()
        .enumerate()
        .map(|(e, id)| (*id, e))
        .collect();
    let (mut on_requests, mut off_requests) = (Vec::new(), Vec::new());
    // What the head planned is itself a wish of weight `change`: a cell changed costs it, so a
    // proposal mends the draft instead of redrawing it (for everyone with a shift in the month).
    for e in 0..n {
        let planned = (offset..days).any(|d| initial[e][d] != OFF);
        if !planned || weights.change == 0 {
            continue;
        }
        for d in (offset..days).filter(|&d| !locked[e][d]) {
            let keep = |shift| sm::Request {
                employee: e,
                day: d,
                shift,
                weight: weights.change,
            };
            match initial[e][d] {
                OFF => off_requests.extend((0..active.len()).map(keep)),
                c => on_requests.push(keep(c as usize)),
            }
        }
    }
    for r in &requests {
        let (Some(&e), true) = (row_of.get(&r.employee_id), month.contains(r.date)) else {
            continue;
        };
        let d = (r.date - start).num_days() as usize;
        let shift = r.shift_type_id.and_then(|id| index.get(&id).copied());
        let req = |shift| sm::Request {
            employee: e,
            day: d,
            shift,
            weight: weights.request,
        };
        match (r.kind, shift) {
            (RequestKind::On, Some(s)) => on_requests.push(req(s)),
            (RequestKind::Off, Some(s)) => off_requests.push(req(s)),
            (RequestKind::Off, None) if r.shift_type_id.is_none() => {
                off_requests.extend((0..active.len()).map(req));
            }
            _ => {}
        }
    }

    // Fair shares over the reference period: nights, weekend days and public holidays.
    let night_bits: u64 = (0..active.len())
        .filter(|&i| night[i] >= NIGHT_SHIFT)
        .fold(0, |b, i| b | 1u64 << i);
    let all_bits: u64 = (0..active.len()).fold(0, |b, i| b | 1u64 << i);
    let categories: [Box<dyn Fn(NaiveDate) -> u64>; 3] = [
        Box::new(|_| night_bits),
        Box::new(|d: NaiveDate| if calendar::is_weekend(d) { all_bits } else { 0 }),
        Box::new(|d: NaiveDate| if calendar::is_holiday(d) { all_bits } else { 0 }),
    ];
    let mut fairness = Vec::new();
    for counts_on in &categories {
        let counts: Vec<u64> = (0..days)
            .map(|d| if d < offset { 0 } else { counts_on(date_of(d)) })
            .collect();
        if counts.iter().all(|b| *b == 0) {
            continue;
        }
        let history: Vec<i64> = employees
            .iter()
            .map(|id| {
                by_employee
                    .get(id)
                    .map(|list| {
                        list.iter()
                            .filter(|a| a.date >= period_from && a.date < first)
                            .filter(|a| {
                                index
                                    .get(&a.shift_type_id)
                                    .is_some_and(|&i| counts_on(a.date) & (1u64 << i) != 0)
                            })
                            .count() as i64
                    })
                    .unwrap_or(0)
            })
            .collect();
        // This month's counted shifts: as many as the needs ask, or as the draft has if more.
        let needed: i64 = (offset..days)
            .flat_map(|d| (0..active.len()).map(move |i| (d, i)))
            .filter(|&(d, i)| counts[d] & (1u64 << i) != 0)
            .map(|(d, i)| i64::from(cover[d][i].requirement))
            .sum();
        let planned = (0..n)
            .flat_map(|e| (offset..days).map(move |d| (e, d)))
            .filter(|&(e, d)| {
                let c = initial[e][d];
                c != OFF && counts[d] & (1u64 << c) != 0
            })
            .count() as i64;
        let month_total = needed.max(planned);
        // Comparable employees: those who work such shifts (one in the reference period so far
        // or in the draft), or everyone while nobody does yet. Each one's capacity: the days they
        // can take a counted shift, by their working time.
        let drafted: Vec<bool> = (0..n)
            .map(|e| {
                (offset..days).any(|d| {
                    let c = initial[e][d];
                    c != OFF && counts[d] & (1u64 << c) != 0
                })
            })
            .collect();
        let any_such = (0..n).any(|e| history[e] > 0 || drafted[e]);
        let capacity: Vec<i64> = (0..n)
            .map(|e| {
                if any_such && history[e] == 0 && !drafted[e] {
                    return 0;
                }
                // Someone who cannot take such a shift this month has no share of it.
                let able = (offset..days)
                    .any(|d| !solver_employees[e].days_off[d] && counts[d] & !blocked[e][d] != 0);
                if !able {
                    return 0;
                }
                // The share is of the whole period so far: the counted days they were employed
                // and present, by their working time.
                let (staff, emp) = (&input.staff[e], &input.employees[e]);
                let present = period_from
                    .iter_days()
                    .take_while(|d| *d <= month.last())
                    .filter(|d| counts_on(*d) != 0)
                    .filter(|d| {
                        staff.start_date <= *d
                            && staff.end_date.is_none_or(|end| end >= *d)
                            && !emp.absent_on(*d)
                    })
                    .count() as i64;
                present * emp.weekly_minutes
            })
            .collect();
        let total_capacity: i64 = capacity.iter().sum();
        if total_capacity == 0 {
            continue;
        }
        let total = history.iter().sum::<i64>() + month_total;
        let target = (0..n)
            .map(|e| {
                let share = (total * capacity[e] + total_capacity / 2) / total_capacity;
                (share - history[e]).max(0)
            })
            .collect();
        fairness.push(sm::Fair {
            weight: weights.fairness,
            counts,
            target,
        });
    }

    let problem = sm::Problem {
        days,
        shifts,
        employees: solver_employees,
        on_requests,
        off_requests,
        cover,
        extras: sm::Extras {
            blocked,
            skills,
            skill_cover,
            weekly: Some(sm::Weekly {
                start: starts,
                end: ends,
                night,
                min_rest: 36 * 60,
                night_shift: NIGHT_SHIFT,
                night_week_max: 7 * 8 * 60,
            }),
            fairness,
            hours_target,
            hours_weight: weights.norm_hour,
            hours_over,
            over_weight: weights.uncovered_hour / 10,
        },
    };
    Prepared {
        input,
        problem,
        start,
        offset,
        employees,
        types,
        initial,
        locked,
        locks,
        requests,
        weights,
    }
}

/// Whether a finding is a hard one the proposal must not leave (coverage is the objective).
pub fn is_hard(f: &Finding) -> bool {
    f.severity == Severity::Error && f.rule != RuleId::CoverageGap
}

impl Prepared {
    fn date_of(&self, d: usize) -> NaiveDate {
        self.start + Duration::days(d as i64)
    }

    /// The month's assignments with `changes` made.
    pub fn with_changes(&self, changes: &[CellChange]) -> Vec<Assignment> {
        let changed: HashSet<(i64, NaiveDate)> =
            changes.iter().map(|c| (c.employee_id, c.date)).collect();
        let mut list: Vec<Assignment> = self
            .input
            .assignments
            .iter()
            .filter(|a| !changed.contains(&(a.employee_id, a.date)))
            .copied()
            .collect();
        list.extend(changes.iter().filter_map(|c| {
            c.after.map(|shift_type_id| Assignment {
                employee_id: c.employee_id,
                date: c.date,
                shift_type_id,
            })
        }));
        list
    }

    /// The roster checks of the month with `changes` made.
    pub fn check(&self, changes: &[CellChange]) -> check::CheckOutput {
        let assignments = self.with_changes(changes);
        check::check(&CheckInput {
            month: self.input.month,
            employees: &self.input.employees,
            shift_types: &self.input.types,
            needs: &self.input.needs,
            overrides: &self.input.overrides,
            assignments: &assignments,
            reference_months: self.input.reference_months,
        })
    }

    /// The cells where `roster` differs from the month as it is (locked cells never do).
    fn changes_of(&self, roster: &Roster) -> Vec<CellChange> {
        let mut out = Vec::new();
        for (e, row) in roster.iter().enumerate() {
            for (d, &cell) in row.iter().enumerate().skip(self.offset) {
                if self.locked[e][d] || cell == self.initial[e][d] {
                    continue;
                }
                let id = |c: Cell| (c != OFF).then(|| self.types[c as usize]);
                out.push(CellChange {
                    employee_id: self.employees[e],
                    date: self.date_of(d),
                    before: id(self.initial[e][d]),
                    after: id(cell),
                });
            }
        }
        out
    }

    /// Runs the solver (both cores), then lets the roster checks have the last word: while a
    /// hard finding touches a proposed shift, that shift is taken out (taking a shift out never
    /// breaks a rule of rest or hours).
    pub fn run(
        &self,
        seconds: u32,
        seed: u64,
        stop: &AtomicBool,
        progress: impl FnMut(Progress) + Send,
    ) -> Outcome {
        let opts = Options {
            time_limit: StdDuration::from_secs(u64::from(seconds.max(1))),
            max_moves: None,
            seed,
            initial: Some(self.initial.clone()),
            locked: Some(self.locked.clone()),
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
        let solution = search::solve_parallel(&self.problem, &opts, threads, stop, progress);
        self.finish(&solution)
    }

    /// Like [`Prepared::run`], for a fixed number of moves on one core (reproducible).
    pub fn run_moves(&self, moves: u64, seed: u64) -> Outcome {
        let opts = Options {
            time_limit: StdDuration::from_secs(3600),
            max_moves: Some(moves),
            seed,
            initial: Some(self.initial.clone()),
            locked: Some(self.locked.clone()),
        };
        let solution = search::solve(&self.problem, &opts, &AtomicBool::new(false), |_| {});
        self.finish(&solution)
    }

    fn finish(&self, solution: &search::Solution) -> Outcome {
        let mut changes = self.changes_of(&solution.roster);
        let mut dropped = 0;
        loop {
            let out = self.check(&changes);
            let proposed = |id: i64, date: NaiveDate| {
                changes
                    .iter()
                    .position(|c| c.employee_id == id && c.date == date && c.after.is_some())
            };
            let culprit = out.findings.iter().filter(|f| is_hard(f)).find_map(|f| {
                let id = f.employee_id?;
                match f.rule {
                    RuleId::DailyRest => {
                        proposed(id, f.date).or_else(|| f.other_date.and_then(|d| proposed(id, d)))
                    }
                    RuleId::WeeklyRest | RuleId::NightWorker | RuleId::Average48 => {
                        let last = f.other_date.unwrap_or(f.date);
                        let mut d = last;
                        while d >= f.date {
                            if let Some(i) = proposed(id, d) {
                                return Some(i);
                            }
                            d -= Duration::days(1);
                        }
                        None
                    }
                    _ => proposed(id, f.date),
                }
            });
            match culprit {
                Some(i) => {
                    changes[i].after = None;
                    if changes[i].before.is_none() {
                        changes.remove(i);
                    }
                    dropped += 1;
                }
                None => break,
            }
        }
        Outcome {
            changes,
            objective: solution.objective,
            elapsed: solution.elapsed,
            moves: solution.moves,
            dropped,
        }
    }
}

/// Why nobody could fill a gap: how many of those with the skill were away, already on a shift
/// that day, kept by rest after or before a neighbouring shift, out of hours, locked, or held by
/// the other rules (weekly rest, night work, the proposal's costs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct GapReasons {
    pub absent: u32,
    pub on_shift: u32,
    pub rest: u32,
    pub hours: u32,
    pub locked: u32,
    pub other: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GapExplanation {
    pub date: NaiveDate,
    /// Local start and end, `YYYY-MM-DDTHH:MM`.
    pub from: String,
    pub to: String,
    pub skill: Option<Skill>,
    pub missing: i64,
    /// Of how many with the skill (or of everyone).
    pub candidates: u32,
    pub reasons: GapReasons,
    pub message: String,
}

/// Explains each coverage gap the month still has with `changes` made.
pub fn explain(p: &Prepared, changes: &[CellChange], lang: Lang) -> Vec<GapExplanation> {
    let out = p.check(changes);
    let assignments = p.with_changes(changes);
    let month = p.input.month;
    let cell: HashMap<(i64, NaiveDate), i64> = assignments
        .iter()
        .map(|a| ((a.employee_id, a.date), a.shift_type_id))
        .collect();
    let lengths: HashMap<i64, i64> = p
        .input
        .types
        .iter()
        .map(|t| (t.id, i64::from(t.length_minutes)))
        .collect();
    let minutes: HashMap<i64, i64> = p
        .employees
        .iter()
        .map(|id| {
            let m = assignments
                .iter()
                .filter(|a| a.employee_id == *id && month.contains(a.date))
                .map(|a| lengths.get(&a.shift_type_id).copied().unwrap_or(0))
                .sum();
            (*id, m)
        })
        .collect();
    let context_minutes = |e: usize| -> i64 {
        (0..p.offset)
            .filter_map(|d| cell.get(&(p.employees[e], p.date_of(d))))
            .map(|t| lengths.get(t).copied().unwrap_or(0))
            .sum()
    };
    let shortest = p
        .problem
        .shifts
        .iter()
        .map(|s| i64::from(s.minutes))
        .min()
        .unwrap_or(0);
    // Whether a shift over the gap (minutes from the day's midnight) would leave too little rest
    // after the day before's shift or before the next day's.
    let rests = |id: i64, date: NaiveDate, from_minute: i64, to_minute: i64| -> bool {
        let ty = |d: NaiveDate| {
            cell.get(&(id, d))
                .and_then(|t| p.input.types.iter().find(|x| x.id == *t))
        };
        let before = ty(date - Duration::days(1)).is_some_and(|t| {
            let end = i64::from(t.start_minute + t.length_minutes) - DAY;
            from_minute - end < MIN_DAILY_REST
        });
        let after = ty(date + Duration::days(1))
            .is_some_and(|t| DAY + i64::from(t.start_minute) - to_minute < MIN_DAILY_REST);
        before || after
    };
    out.findings
        .iter()
        .filter(|f| f.rule == RuleId::CoverageGap && month.contains(f.date))
        .take(60)
        .map(|f| {
            let date = f.date;
            let from = f.from.expect("a gap has a start");
            let to = f.to.expect("a gap has an end");
            let midnight = date.and_time(chrono::NaiveTime::MIN);
            let (from_minute, to_minute) = (
                (from - midnight).num_minutes(),
                (to - midnight).num_minutes(),
            );
            let mut r = GapReasons::default();
            let mut candidates = 0;
            for (e, emp) in p.input.employees.iter().enumerate() {
                if f.skill.is_some_and(|k| emp.skills & k.bit() == 0) {
                    continue;
                }
                let staff = &p.input.staff[e];
                if staff.start_date > date || staff.end_date.is_some_and(|end| end < date) {
                    continue;
                }
                candidates += 1;
                let d = (date - p.start).num_days() as usize;
                let cap = i64::from(p.problem.employees[e].max_minutes) - context_minutes(e);
                if emp.absent_on(date) {
                    r.absent += 1;
                } else if cell.contains_key(&(emp.id, date)) {
                    r.on_shift += 1;
                } else if p.locked[e][d] {
                    r.locked += 1;
                } else if rests(emp.id, date, from_minute, to_minute) {
                    r.rest += 1;
                } else if minutes.get(&emp.id).copied().unwrap_or(0) + shortest > cap {
                    r.hours += 1;
                } else {
                    r.other += 1;
                }
            }
            let span = format!(
                "{} {}–{}",
                from.format("%d.%m"),
                from.format("%H:%M"),
                to.format("%H:%M")
            );
            let skill = f
                .skill
                .map(|k| format!(", {}", k.label(lang)))
                .unwrap_or_default();
            let parts: Vec<String> = [
                (r.absent, lang.pick("puudub", "absent")),
                (
                    r.on_shift,
                    lang.pick("samal päeval tööl", "on another shift that day"),
                ),
                (
                    r.rest,
                    lang.pick("vajab puhkeaega (TLS § 51)", "needs daily rest (TLS § 51)"),
                ),
                (r.hours, lang.pick("tunnid täis", "out of hours")),
                (r.locked, lang.pick("lukus lahter", "cell locked")),
                (
                    r.other,
                    lang.pick(
                        "nädalapuhkus, öötöö piir või kulu",
                        "weekly rest, night-work limit or cost",
                    ),
                ),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{what} {n}"))
            .collect();
            let missing = f.required - f.found;
            let message = match (lang, candidates) {
                (Lang::Et, 0) => {
                    format!("{span}{skill}: puudu {missing}. Sobivaid töötajaid ei ole.")
                }
                (Lang::En, 0) => {
                    format!("{span}{skill}: {missing} short. Nobody has what it needs.")
                }
                (Lang::Et, _) => format!(
                    "{span}{skill}: puudu {missing}. Sobivaid {candidates}: {}.",
                    parts.join(", ")
                ),
                (Lang::En, _) => format!(
                    "{span}{skill}: {missing} short. {candidates} could: {}.",
                    parts.join(", ")
                ),
            };
            GapExplanation {
                date,
                from: from.format("%Y-%m-%dT%H:%M").to_string(),
                to: to.format("%Y-%m-%dT%H:%M").to_string(),
                skill: f.skill,
                missing,
                candidates,
                reasons: r,
                message,
            }
        })
        .collect()
}
