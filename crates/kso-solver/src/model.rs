//! A rostering problem: who may work which shift on which day, and what a roster costs.

/// A day's value in a roster: a shift type's index, or [`OFF`].
pub type Cell = u8;
/// Not working that day.
pub const OFF: Cell = u8::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftType {
    pub code: String,
    pub minutes: u32,
    /// Shift types that may not follow this one on the next day.
    pub cannot_follow: Vec<usize>,
}

/// One employee's hard rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    pub code: String,
    /// The most shifts of each type (by shift type index).
    pub max_shifts: Vec<u32>,
    pub max_minutes: u32,
    pub min_minutes: u32,
    pub max_consecutive: u32,
    pub min_consecutive: u32,
    pub min_days_off: u32,
    pub max_weekends: u32,
    /// Days the employee cannot work.
    pub days_off: Vec<bool>,
}

/// A wish to work (or not to work) a shift on a day, with its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub employee: usize,
    pub day: usize,
    pub shift: usize,
    pub weight: u32,
}

/// How many are needed on a day in a shift, and what each one missing or too many costs:
/// fewer than `requirement` cost `under` each, more than `optimal` cost `over` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cover {
    pub requirement: u32,
    pub optimal: u32,
    pub under: u32,
    pub over: u32,
}

/// How many with a skill are needed on a day in a shift; each one missing costs `under`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillCover {
    pub day: usize,
    pub shift: usize,
    /// The skill's bit in [`Extras::skills`].
    pub skill: u32,
    pub requirement: u32,
    pub under: u32,
}

/// The week rules of Estonian working-time law, over Monday–Sunday weeks (day 0 is a Monday),
/// computed from each shift type's nominal start and end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weekly {
    /// By shift type: start and end in minutes from the start of its day (end may pass 1440).
    pub start: Vec<i64>,
    pub end: Vec<i64>,
    /// By shift type: its minutes of night time.
    pub night: Vec<u32>,
    /// The shortest uninterrupted rest a week must hold (TLS § 52: 36 h).
    pub min_rest: i64,
    /// A shift with at least this much night time makes a night worker (TLS § 48: 3 h)…
    pub night_shift: u32,
    /// …whose week may hold at most this much work (7 × 8 h).
    pub night_week_max: i64,
}

/// A fair share of counted shifts (nights, weekends, holidays): each employee's deviation from
/// the target costs `weight × deviation²`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fair {
    pub weight: u32,
    /// By day: the shift types (bits) that count.
    pub counts: Vec<u64>,
    /// By employee: the fair number this horizon.
    pub target: Vec<i64>,
}

/// Rules beyond the benchmark's, for the department's own roster (all empty for a benchmark).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extras {
    /// By employee, then day: shift types (bits) the employee may not work that day (missing
    /// skill, under 18 at night, too little rest after the shift before the horizon). Empty: none.
    pub blocked: Vec<Vec<u64>>,
    /// By employee: skills as bits, for [`SkillCover`].
    pub skills: Vec<u64>,
    pub skill_cover: Vec<SkillCover>,
    pub weekly: Option<Weekly>,
    pub fairness: Vec<Fair>,
    /// By employee: minutes of work wanted (the norm); each hour short costs `hours_weight`.
    pub hours_target: Vec<u32>,
    pub hours_weight: u32,
    /// By employee: minutes of work beyond which each hour costs `over_weight` (overtime).
    pub hours_over: Vec<u32>,
    pub over_weight: u32,
}

impl Extras {
    pub fn blocked(&self, e: usize, d: usize, shift: usize) -> bool {
        self.blocked
            .get(e)
            .and_then(|row| row.get(d))
            .is_some_and(|bits| shift < 64 && bits & (1u64 << shift) != 0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The horizon; day 0 is a Monday.
    pub days: usize,
    pub shifts: Vec<ShiftType>,
    pub employees: Vec<Employee>,
    pub on_requests: Vec<Request>,
    pub off_requests: Vec<Request>,
    /// By day, then by shift type.
    pub cover: Vec<Vec<Cover>>,
    pub extras: Extras,
}

impl Problem {
    /// Whether a day is a Saturday or a Sunday (day 0 is a Monday).
    pub fn is_weekend(day: usize) -> bool {
        day % 7 >= 5
    }

    pub fn shift_index(&self, code: &str) -> Option<usize> {
        self.shifts.iter().position(|s| s.code == code)
    }
}

/// A roster: by employee, then by day.
pub type Roster = Vec<Vec<Cell>>;
