//! Performance indicators (§ 2.3) and their annual targets (§ 3.7.4): the types the fronts see,
//! the mapping profiles that say how an export's columns and values are read, the streaming
//! importers of ticket and call exports, and the computation of the six indicators.

pub mod compute;
pub mod dates;
pub mod import;
pub mod profile;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::model::Kpi;

/// How an indicator's monthly figure is computed from imported records (none: entered by hand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Computation {
    /// § 2.3.1: resolved tickets with a deadline, resolved by it.
    OnTime,
    /// § 2.3.2: resolved tickets never reopened.
    Quality,
    /// § 2.3.3: rated resolved tickets rated "satisfied".
    Satisfaction,
    /// § 2.3.4: resolved tickets resolved at the first level.
    FirstLevel,
    /// § 2.3.5: calls answered within the SLA time.
    CallsSla,
    /// § 2.3.6: escalated tickets not returned by the receiving team.
    RightTeam,
}

impl Computation {
    pub const ALL: [Computation; 6] = [
        Computation::OnTime,
        Computation::Quality,
        Computation::Satisfaction,
        Computation::FirstLevel,
        Computation::CallsSla,
        Computation::RightTeam,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Computation::OnTime => "on_time",
            Computation::Quality => "quality",
            Computation::Satisfaction => "satisfaction",
            Computation::FirstLevel => "first_level",
            Computation::CallsSla => "calls_sla",
            Computation::RightTeam => "right_team",
        }
    }

    pub fn parse(s: &str) -> Option<Computation> {
        Computation::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A new indicator or a change to one (its code is its identity).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct KpiInput {
    pub code: String,
    pub name_et: String,
    pub name_en: String,
    pub unit: String,
    pub higher_is_better: bool,
    pub numerator_et: String,
    pub numerator_en: String,
    pub denominator_et: String,
    pub denominator_en: String,
}

/// One change of a year's target.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct TargetRevision {
    /// The calendar date of the change (Tallinn).
    pub changed_on: String,
    pub changed_by: String,
    /// Hundredths of the unit (85.5 % = 8550); none for the first setting.
    pub old_value: Option<i64>,
    pub new_value: i64,
    pub reason: String,
}

/// A year's target of one indicator with its history, oldest change first.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct Target {
    pub kpi_code: String,
    pub year: i32,
    /// Hundredths of the unit.
    pub value: i64,
    pub history: Vec<TargetRevision>,
}

/// Sets or revises a target. The value is as typed ("85,5"); a revision needs a reason.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct TargetInput {
    pub kpi_code: String,
    pub year: i32,
    pub value: String,
    pub reason: String,
}

/// A month's actual entered by hand: counts, not only a percentage.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ActualInput {
    pub kpi_code: String,
    /// `YYYY-MM`.
    pub month: String,
    pub numerator: i64,
    pub denominator: i64,
    pub note: String,
}

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FigureSource {
    /// Entered by hand (it overrides a computed figure of the same month).
    Manual,
    /// Computed from imported tickets.
    Tickets,
    /// Computed from imported calls.
    Calls,
    /// No figure.
    None,
}

/// One month's figure of one indicator.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct MonthFigure {
    /// `YYYY-MM`.
    pub month: String,
    pub numerator: i64,
    pub denominator: i64,
    /// Hundredths of the unit; none without a denominator.
    pub value: Option<i64>,
    pub source: FigureSource,
    /// Who entered a manual figure and why, or what a computed one was read with.
    pub source_note: String,
    /// The computed figure a manual one replaces, if there is one.
    pub computed: Option<(i64, i64)>,
}

/// Whether the year so far meets the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    OnTrack,
    OffTrack,
    NoTarget,
    NoData,
}

impl TrackStatus {
    /// With its symbol, so that the status does not rest on colour alone.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            TrackStatus::OnTrack => lang.pick("▲ eesmärk täidetud", "▲ on track"),
            TrackStatus::OffTrack => lang.pick("▼ eesmärgist maas", "▼ off track"),
            TrackStatus::NoTarget => lang.pick("sihtväärtus määramata", "no target"),
            TrackStatus::NoData => lang.pick("andmed puuduvad", "no data"),
        }
    }
}

/// One indicator's year on the dashboard.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct KpiYear {
    pub kpi: Kpi,
    /// Hundredths of the unit.
    pub target: Option<i64>,
    pub numerator: i64,
    pub denominator: i64,
    /// The year to date, hundredths of the unit.
    pub actual: Option<i64>,
    pub status: TrackStatus,
    /// Twelve months, January first.
    pub months: Vec<MonthFigure>,
    /// How the computed figures read the exports (the profiles' interpretation).
    pub definition: String,
}

/// The KPI dashboard of a year.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct KpiDashboard {
    pub year: i32,
    pub indicators: Vec<KpiYear>,
    pub tickets: i64,
    pub calls: i64,
    pub last_import: Option<ImportBatch>,
}

/// `kso kpi report --json`: per indicator the target, actual, counts and months.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KpiReportRow {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub numerator: i64,
    pub denominator: i64,
    pub status: TrackStatus,
    pub months: Vec<MonthFigure>,
}

/// Which part of a month's figure to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum DrillPart {
    /// Every record counted in the denominator.
    #[default]
    All,
    /// The records in the numerator.
    Numerator,
    /// The records in the denominator but not the numerator (e.g. late tickets).
    Missed,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct DrillQuery {
    pub kpi_code: String,
    /// `YYYY-MM`.
    pub month: String,
    pub part: DrillPart,
    pub offset: u32,
    pub limit: u32,
}

/// A ticket behind a figure.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct DrillTicket {
    pub system: String,
    pub key: String,
    pub title: String,
    pub status: String,
    pub group: String,
    /// Instants as RFC 3339 UTC.
    pub created_at: String,
    pub resolved_at: Option<String>,
    pub due_at: Option<String>,
    pub on_time: Option<bool>,
    pub reopened: bool,
    pub first_level: bool,
    pub escalated: bool,
    pub returned: bool,
    pub satisfaction: Option<i32>,
    pub in_numerator: bool,
}

/// A call behind a figure.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct DrillCall {
    pub system: String,
    pub call_id: String,
    pub queue: String,
    pub entered_at: String,
    pub outcome: CallOutcome,
    pub wait_seconds: i64,
    pub in_numerator: bool,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct Drill {
    pub kpi_code: String,
    pub month: String,
    /// How many records match (the lists hold one page).
    pub total: i64,
    pub tickets: Vec<DrillTicket>,
    pub calls: Vec<DrillCall>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    Answered,
    Abandoned,
    /// Left the queue unanswered by a timeout, key press or empty queue.
    Timeout,
}

impl CallOutcome {
    pub fn as_i64(self) -> i64 {
        match self {
            CallOutcome::Answered => 0,
            CallOutcome::Abandoned => 1,
            CallOutcome::Timeout => 2,
        }
    }

    pub fn from_i64(v: i64) -> CallOutcome {
        match v {
            0 => CallOutcome::Answered,
            1 => CallOutcome::Abandoned,
            _ => CallOutcome::Timeout,
        }
    }
}

/// § 2.3.5's settings: the SLA time and what counts as a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallSettings {
    /// Answered within this many seconds counts as within the SLA.
    pub sla_seconds: i64,
    /// Calls abandoned within this many seconds…
    pub short_abandon_seconds: i64,
    /// …are left out of the denominator when this is set.
    pub exclude_short_abandons: bool,
}

impl Default for CallSettings {
    fn default() -> Self {
        CallSettings {
            sla_seconds: 30,
            short_abandon_seconds: 5,
            exclude_short_abandons: true,
        }
    }
}

/// The ticket export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TicketFormat {
    Jira,
    Zammad,
    Znuny,
    Glpi,
    /// Any CSV, read through a saved column mapping.
    Mapped,
}

impl TicketFormat {
    pub const ALL: [TicketFormat; 5] = [
        TicketFormat::Jira,
        TicketFormat::Zammad,
        TicketFormat::Znuny,
        TicketFormat::Glpi,
        TicketFormat::Mapped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketFormat::Jira => "jira",
            TicketFormat::Zammad => "zammad",
            TicketFormat::Znuny => "znuny",
            TicketFormat::Glpi => "glpi",
            TicketFormat::Mapped => "mapped",
        }
    }

    pub fn parse(s: &str) -> Option<TicketFormat> {
        TicketFormat::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// The call export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallFormat {
    /// Asterisk's `queue_log`: `time|callid|queue|agent|EVENT|data…`.
    Asterisk,
    /// One row per call: call id, queue, entered, outcome, wait in seconds.
    Csv,
}

impl CallFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            CallFormat::Asterisk => "asterisk",
            CallFormat::Csv => "csv",
        }
    }

    pub fn parse(s: &str) -> Option<CallFormat> {
        [CallFormat::Asterisk, CallFormat::Csv]
            .into_iter()
            .find(|f| f.as_str() == s)
    }
}

/// A column of an export: its header and which of the columns of that name (1 = the first;
/// exports repeat names such as Jira's "Comment").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnRef {
    pub name: String,
    pub occurrence: u32,
}

impl ColumnRef {
    pub fn new(name: &str) -> ColumnRef {
        ColumnRef {
            name: name.into(),
            occurrence: 1,
        }
    }
}

/// A yes/no fact read from a column: yes when the cell holds one of the tokens (whole words,
/// case-insensitive), or — with no tokens — when it is not empty, "0", "no", "ei" or "false".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct FlagRule {
    pub column: Option<ColumnRef>,
    pub tokens: Vec<String>,
}

/// Which time zone an export's dates without an offset are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    #[default]
    Tallinn,
    Utc,
}

/// How a ticket export is read: its columns and what its values mean. The built-in formats
/// come with a profile of their usual columns; any CSV is read through a saved one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TicketProfile {
    pub name: String,
    pub format: TicketFormat,
    /// The ticket system the keys belong to: re-imports from the same system update in place.
    pub system: String,
    /// `,`, `;` or a tab.
    pub delimiter: String,
    /// `auto` or a pattern such as `%d/%b/%y %I:%M %p`.
    pub date_format: String,
    pub time_basis: TimeBasis,
    pub key: ColumnRef,
    pub title: Option<ColumnRef>,
    pub created: ColumnRef,
    pub resolved: Option<ColumnRef>,
    pub status: Option<ColumnRef>,
    pub group: Option<ColumnRef>,
    /// The originally agreed deadline (a date or instant).
    pub due: Option<ColumnRef>,
    /// An SLA cell whose value below zero (`-2h`, `-15`) means the deadline was missed.
    pub sla_remaining: Option<ColumnRef>,
    pub satisfaction: Option<ColumnRef>,
    /// Statuses that mean resolved (empty: any ticket with a resolution date).
    pub resolved_statuses: Vec<String>,
    /// Groups (teams, queues) of the first level (the department's service desk).
    pub first_level_groups: Vec<String>,
    /// Escalated to a second-level team (besides ending in a group not of the first level).
    pub escalated: FlagRule,
    /// Returned or rejected by the receiving team.
    pub returned: FlagRule,
    /// Reopened after being resolved.
    pub reopened: FlagRule,
    /// A rating at least this counts as satisfied.
    pub satisfied_min: i64,
    /// The top of the rating scale.
    pub scale_max: i64,
}

/// The start of an export, for the column-mapping screen.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct FilePreview {
    pub delimiter: String,
    pub columns: Vec<ColumnRef>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Tickets,
    Calls,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Tickets => "tickets",
            ImportKind::Calls => "calls",
        }
    }
}

/// What to import. `format` is a [`TicketFormat`] or [`CallFormat`] name; tickets are read
/// through `profile` (default: the format's own).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct KpiImportInput {
    pub kind: ImportKind,
    pub format: String,
    pub profile: Option<String>,
    pub file_name: String,
    /// Import the valid rows even if some are rejected (otherwise a rejected row imports nothing).
    pub accept_valid: bool,
}

/// How far an import has come.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq, Default)]
pub struct ImportProgress {
    pub bytes: i64,
    pub rows: i64,
    pub rejected: i64,
}

/// A row the importer could not read, with its line in the file.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct RejectedRow {
    pub line: i64,
    pub reason: String,
}

/// The outcome of an import.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct KpiImportReport {
    /// Whether anything was stored (false when rows were rejected and valid rows were not
    /// asked for, or nothing was read).
    pub committed: bool,
    pub batch_id: Option<i64>,
    pub rows: i64,
    pub inserted: i64,
    pub updated: i64,
    /// The rejected rows with their reasons: the first 10 000 (all are counted).
    pub rejected: Vec<RejectedRow>,
    pub rejected_count: i64,
    /// Columns of the mapping profile that the file does not have (their facts are unknown
    /// and stay out of the indicators' denominators).
    pub missing_columns: Vec<String>,
    /// Queue-log calls with no outcome yet (the export ends mid-call): left for a later export.
    pub incomplete: i64,
    /// The first and last month of the imported records, `YYYY-MM`.
    pub first_month: Option<String>,
    pub last_month: Option<String>,
    pub elapsed_ms: i64,
}

/// One import, as listed.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ImportBatch {
    pub id: i64,
    pub kind: ImportKind,
    pub format: String,
    pub profile: String,
    pub file_name: String,
    pub imported_at: String,
    pub imported_by: String,
    pub rows: i64,
    pub inserted: i64,
    pub updated: i64,
    pub rejected: i64,
}

/// Parses a target or a figure as typed (`85,5`, `85.5 %`, `1 200`) into hundredths, the way
/// money is read (no floating point).
pub fn parse_hundredths(s: &str) -> Option<i64> {
    crate::contracts::parse_money(s.trim().trim_end_matches('%'))
}

/// Hundredths of a unit as shown: `85,5 %` (Estonian), `85.5 %`; `–` for none.
pub fn format_hundredths(v: Option<i64>, unit: &str, lang: crate::i18n::Lang) -> String {
    let Some(v) = v else {
        return "–".into();
    };
    let sign = if v < 0 { "-" } else { "" };
    let a = v.abs();
    let mut s = format!("{sign}{}.{:02}", a / 100, a % 100);
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if lang == crate::i18n::Lang::Et {
        s = s.replace('.', ",");
    }
    if unit.is_empty() {
        s
    } else {
        format!("{s} {unit}")
    }
}

/// A figure in hundredths of its unit: a percentage for `%`, else the plain ratio (e.g. an
/// average of minutes entered as a total and a count).
pub fn value_hundredths(unit: &str, numerator: i64, denominator: i64) -> Option<i64> {
    if unit.trim() == "%" {
        percent_hundredths(numerator, denominator)
    } else if denominator <= 0 {
        None
    } else {
        Some((numerator * 100 * 2 + denominator) / (2 * denominator))
    }
}

/// A ratio in hundredths of a per cent, rounded half up; none without a denominator.
pub fn percent_hundredths(numerator: i64, denominator: i64) -> Option<i64> {
    if denominator <= 0 {
        return None;
    }
    Some((numerator * 10_000 * 2 + denominator) / (2 * denominator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_as_typed() {
        assert_eq!(parse_hundredths("85,5"), Some(8550));
        assert_eq!(parse_hundredths("85.25 %"), Some(8525));
        assert_eq!(parse_hundredths("90"), Some(9000));
        assert_eq!(parse_hundredths("8,555"), None);
        assert_eq!(parse_hundredths("abc"), None);
        assert_eq!(parse_hundredths(""), None);
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent_hundredths(2, 3), Some(6667));
        assert_eq!(percent_hundredths(1, 8), Some(1250));
        assert_eq!(percent_hundredths(0, 0), None);
    }
}
