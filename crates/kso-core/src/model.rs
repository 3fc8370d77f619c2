//! The types that cross the core's boundary: to the Tauri shell, the UI (as generated
//! TypeScript) and the command-line tool.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::Role;
use crate::i18n::Lang;
use crate::roster::Skill;

/// What the app needs to know before anyone signs in.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub initialized: bool,
    pub department: Option<String>,
    pub db_path: String,
    pub language: Lang,
    pub schema_version: i64,
}

/// First run: the department and the head's account.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct SetupInput {
    pub department: String,
    pub head_name: String,
    pub head_login: String,
    pub password: String,
    pub password_repeat: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LoginInput {
    pub login: String,
    pub password: String,
}

/// How big a demo department to generate.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
pub struct DemoInput {
    pub employees: u32,
    pub years: u32,
}

impl Default for DemoInput {
    fn default() -> Self {
        DemoInput {
            employees: 25,
            years: 1,
        }
    }
}

/// A key performance indicator of § 2.3.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct Kpi {
    pub code: String,
    pub name_et: String,
    pub name_en: String,
    pub unit: String,
    pub higher_is_better: bool,
    /// What is counted above the line, and below it.
    pub numerator_et: String,
    pub numerator_en: String,
    pub denominator_et: String,
    pub denominator_en: String,
    /// How monthly figures are computed from imported records; none: entered by hand.
    pub computation: Option<crate::kpi::Computation>,
}

/// The department and its statute settings.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Department {
    pub name: String,
    /// § 3.8.2 signing limit, excluding VAT, in cents.
    pub signing_limit_cents: i64,
    pub currency: String,
    pub kpis: Vec<Kpi>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct Position {
    pub id: i64,
    pub code: String,
    pub title: String,
    /// The position's classification (e.g. the job family and level).
    pub classification: String,
    /// Posts in full-time equivalents × 1000 (1 000 = one full-time post).
    pub fte_milli: i64,
    pub reports_to: Option<i64>,
    pub reports_to_title: Option<String>,
    /// § 3.1: approved by the director on this date …
    pub approved_on: Option<NaiveDate>,
    /// … by this directive.
    pub directive_no: String,
    /// The active employees in this position.
    pub holders: Vec<String>,
}

impl Position {
    /// Whole posts nobody holds (posts rounded to whole people).
    pub fn vacant(&self) -> i64 {
        ((self.fte_milli + 500) / 1000 - self.holders.len() as i64).max(0)
    }
}

/// A position as typed into the staffing table's form.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PositionInput {
    pub id: Option<i64>,
    pub code: String,
    pub title: String,
    pub classification: String,
    /// Posts in FTE, e.g. `1`, `0,5` or `10`.
    pub fte: String,
    pub reports_to: Option<i64>,
    /// `dd.mm.yyyy`, with the directive number, or both empty while not yet approved.
    pub approved_on: String,
    pub directive_no: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct Employee {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub start_date: NaiveDate,
    pub position_id: Option<i64>,
    pub position_title: Option<String>,
    pub active: bool,
    pub end_date: Option<NaiveDate>,
    pub contract_type: ContractType,
    /// The contractual working week in minutes (full time 2400 = 40 h).
    pub weekly_minutes: i64,
    pub birth_date: Option<NaiveDate>,
    pub skills: Vec<Skill>,
}

/// Official (ametnik, Civil Service Act) or employee (töötaja, Employment Contracts Act).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    Official,
    #[default]
    Employee,
}

impl ContractType {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractType::Official => "official",
            ContractType::Employee => "employee",
        }
    }
    pub fn parse(s: &str) -> Option<ContractType> {
        match s {
            "official" => Some(ContractType::Official),
            "employee" => Some(ContractType::Employee),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceKind {
    AnnualLeave,
    SickLeave,
    Training,
    BusinessTrip,
    Other,
}

impl AbsenceKind {
    pub const ALL: [AbsenceKind; 5] = [
        AbsenceKind::AnnualLeave,
        AbsenceKind::SickLeave,
        AbsenceKind::Training,
        AbsenceKind::BusinessTrip,
        AbsenceKind::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AbsenceKind::AnnualLeave => "annual_leave",
            AbsenceKind::SickLeave => "sick_leave",
            AbsenceKind::Training => "training",
            AbsenceKind::BusinessTrip => "business_trip",
            AbsenceKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<AbsenceKind> {
        AbsenceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AbsenceKind::AnnualLeave => lang.pick("puhkus", "annual leave"),
            AbsenceKind::SickLeave => lang.pick("haigusleht", "sick leave"),
            AbsenceKind::Training => lang.pick("koolitus", "training"),
            AbsenceKind::BusinessTrip => lang.pick("lähetus", "business trip"),
            AbsenceKind::Other => lang.pick("muu puudumine", "other absence"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Absence {
    pub id: i64,
    pub employee_id: i64,
    pub kind: AbsenceKind,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AbsenceInput {
    pub employee_id: i64,
    pub kind: AbsenceKind,
    pub start_date: String,
    pub end_date: String,
    pub note: String,
}

/// An employee as typed into a form. Dates are text (`dd.mm.yyyy` or `yyyy-mm-dd`) so that a
/// bad date is reported against its field by the core.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
pub struct EmployeeInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub start_date: String,
    pub position_id: Option<i64>,
    #[serde(default)]
    pub contract_type: ContractType,
    /// Hours per week, e.g. `40` or `30,5`; empty means full time.
    #[serde(default)]
    pub weekly_hours: String,
    /// Optional; needed for the rules on minors.
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct StaffQuery {
    pub include_inactive: bool,
    pub search: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub limit: Option<u32>,
    /// Part of the login or name.
    pub who: Option<String>,
    /// Part of the action, e.g. "contract" or "roster.publish".
    pub what: Option<String>,
    /// First and last day (dd.mm.yyyy), Tallinn time.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only what a substitute did acting for the head.
    pub acting_only: bool,
}

/// One audited change: who, when, acting as whom, what, before and after.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    /// UTC instant, RFC 3339.
    pub at: String,
    pub user_login: String,
    pub user_name: String,
    pub acting_as: Option<Role>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
}

/// A sign-in account (issue 6).
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct Account {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub employee_id: Option<i64>,
    pub employee_name: Option<String>,
    /// Whether the account has its wrapping of the database key (i.e. can sign in).
    pub has_key: bool,
    pub password_changed_at: Option<String>,
}

/// A new account (with its first password) or a change to one (the password is then ignored).
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct AccountInput {
    pub id: Option<i64>,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub employee_id: Option<i64>,
    pub password: String,
    pub password_repeat: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PasswordChangeInput {
    pub current: String,
    pub password: String,
    pub password_repeat: String,
}

/// The head sets another account's password (e.g. a forgotten one, or after an upgrade).
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PasswordResetInput {
    pub user_id: i64,
    pub password: String,
    pub password_repeat: String,
}

/// An absence of the head and the substitute designated for it (§ 3.6).
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct HeadAbsence {
    pub id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub reason: String,
    pub substitute_id: i64,
    pub substitute_name: String,
    /// When the head ended it early (UTC, RFC 3339).
    pub ended_at: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct HeadAbsenceInput {
    pub id: Option<i64>,
    /// dd.mm.yyyy
    pub starts_on: String,
    pub ends_on: String,
    pub reason: String,
    pub substitute_id: Option<i64>,
}

/// Who substitutes for the head now, and the next planned absence (the overview shows both).
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct Substitution {
    pub current: Option<HeadAbsence>,
    pub next: Option<HeadAbsence>,
    /// Whether the signed-in user is the one acting for the head now.
    pub me_acting: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct SecuritySettings {
    /// The session locks after this many idle minutes (1–240).
    pub idle_lock_minutes: u32,
    /// Whether the substitute, while acting for the head, may see reviews and sick-leave kinds.
    pub deputy_sees_sensitive: bool,
    /// Automatic daily backups to keep.
    pub backups_kept: u32,
}

/// The audit trail's hash chain checked.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct AuditVerification {
    pub records: i64,
    pub intact: bool,
    /// The first record that fails, and why.
    pub first_bad: Option<i64>,
    pub problem: Option<String>,
}

/// A backup file.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct BackupInfo {
    pub path: String,
    /// UTC, RFC 3339.
    pub modified: String,
    pub bytes: u64,
}

/// The signed-in user and whether the session is locked (the UI then shows the lock screen).
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct SessionInfo {
    pub user: crate::auth::Actor,
    pub locked: bool,
}
