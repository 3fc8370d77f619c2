//! What the roster screen and the command-line tool show: the month grid, totals, coverage and
//! the findings with their messages in the user's language.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::check::{DayCoverage, RuleId, Severity, Totals};
use super::{DayKind, ShiftType, Skill};
use crate::model::AbsenceKind;

#[derive(Debug, Clone, Serialize, TS)]
pub struct RosterDay {
    pub date: NaiveDate,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    pub kind: DayKind,
    pub holiday: Option<String>,
    /// TLS § 53: 3 hours shorter.
    pub shortened: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RosterRow {
    pub employee_id: i64,
    pub name: String,
    pub email: String,
    pub skills: Vec<Skill>,
    /// The shift code of each day of the month, or null.
    pub cells: Vec<Option<String>>,
    /// The absence of each day, or null.
    pub absences: Vec<Option<AbsenceKind>>,
    /// Whether the head locked the cell of each day (a proposal keeps it as it is).
    pub locked: Vec<bool>,
    /// The employee's wishes of each day: `+P` to work P, `−` a day off, `−Ö` not Ö.
    pub requests: Vec<Option<String>>,
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FindingView {
    pub rule: RuleId,
    pub section: Option<String>,
    pub severity: Severity,
    pub employee_id: Option<i64>,
    pub employee_name: Option<String>,
    pub date: NaiveDate,
    /// The other day of a pair (rest between two shifts) or the last day of a week or period.
    pub other_date: Option<NaiveDate>,
    /// Local start and end of a coverage gap or over-cover, `YYYY-MM-DDTHH:MM`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub skill: Option<Skill>,
    /// What was found and what the rule requires, in `unit`s.
    pub found: i64,
    pub required: i64,
    /// `minutes` for the time rules, `people` for coverage.
    pub unit: String,
    /// The day index (0-based) in the month, for jumping to the grid cell.
    pub day_index: Option<u32>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RosterChangeView {
    pub at: String,
    pub user_name: String,
    pub acting_as: Option<String>,
    pub employee_name: String,
    pub date: NaiveDate,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RosterView {
    /// `YYYY-MM`.
    pub month: String,
    pub published: bool,
    pub published_at: Option<String>,
    pub published_by: Option<String>,
    pub days: Vec<RosterDay>,
    pub shift_types: Vec<ShiftType>,
    pub rows: Vec<RosterRow>,
    pub coverage: Vec<DayCoverage>,
    pub findings: Vec<FindingView>,
    /// The full-time norm of the month.
    pub norm_minutes: i64,
    pub changes: Vec<RosterChangeView>,
}

/// One cell typed into the grid: a shift code, or empty to clear.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RosterCellInput {
    pub month: String,
    pub employee_id: i64,
    pub date: String,
    pub code: String,
    /// Required once the month is published.
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ShiftTypeInput {
    pub id: Option<i64>,
    pub code: String,
    pub name: String,
    /// `08:00`
    pub start: String,
    /// Hours, e.g. `12` or `7,5`.
    pub length: String,
    pub skills: Vec<Skill>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportRejection {
    pub line: u32,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportReport {
    pub imported: u32,
    pub rejected: Vec<ImportRejection>,
    /// False when rejected rows stopped the whole file.
    pub applied: bool,
}

/// A date-specific need as typed: the date as text, so a bad one is reported on its field.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CoverageOverrideInput {
    pub date: String,
    pub shift_type_id: i64,
    pub skill: Option<Skill>,
    pub min: u32,
    pub optimal: u32,
}

/// A cell a proposal changes, by shift code.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProposalCellView {
    pub employee_id: i64,
    pub date: NaiveDate,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A month's proposal as the head reviews it: what changes, what it gains, what is still
/// missing and why, and the month as it would be.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProposalView {
    pub run: super::propose::ProposalRun,
    pub cells: Vec<ProposalCellView>,
    /// Hours with a coverage gap (any skill), in the month now and with the proposal.
    pub gap_hours_before: u32,
    pub gap_hours_after: u32,
    /// Hard findings (rules of law, absences, skills) now and with the proposal.
    pub hard_before: u32,
    pub hard_after: u32,
    /// Warnings (overtime over the period's norm, over-cover) now and with the proposal.
    pub warnings_before: u32,
    pub warnings_after: u32,
    pub requests: u32,
    pub requests_met_before: u32,
    pub requests_met_after: u32,
    /// The most and fewest night shifts among those who work nights, over the reference period
    /// so far, now and with the proposal.
    pub nights_spread_before: (u32, u32),
    pub nights_spread_after: (u32, u32),
    /// The month changed after the proposal was made: it can only be discarded.
    pub stale: bool,
    pub explanations: Vec<super::propose::GapExplanation>,
    pub preview: RosterView,
}

/// A run of the proposal as the progress bar shows it.
#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct ProposeStatus {
    pub month: String,
    pub running: bool,
    pub elapsed_ms: u64,
    pub limit_ms: u64,
    pub objective: u64,
    /// Broken rule units of the best so far (0 once it keeps every rule).
    pub hard: u64,
    pub moves: u64,
}
