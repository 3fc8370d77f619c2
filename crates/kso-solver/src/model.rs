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

/// How many are needed on a day in a shift, and what each one missing or too many costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cover {
    pub requirement: u32,
    pub under: u32,
    pub over: u32,
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
