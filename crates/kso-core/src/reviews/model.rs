//! What the fronts see of interviews, training requests and proposals, and what they send.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ReviewBody, ReviewKind, ReviewStatus};
use crate::Lang;

/// A signed summary kept with an interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReviewFile {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
}

/// An interview as the fronts show it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Review {
    pub id: i64,
    pub employee_id: i64,
    pub employee: String,
    pub position_id: Option<i64>,
    pub position: Option<String>,
    pub kind: ReviewKind,
    pub year: i32,
    pub status: ReviewStatus,
    pub planned_on: Option<NaiveDate>,
    pub held_on: Option<NaiveDate>,
    pub summary_given_on: Option<NaiveDate>,
    pub commented_on: Option<NaiveDate>,
    pub signed_on: Option<NaiveDate>,
    pub probation_months: Option<i64>,
    pub probation_end: Option<NaiveDate>,
    pub body: ReviewBody,
    /// The signed summary (the head's signature, then the employee's).
    pub file: Option<ReviewFile>,
    /// Training requests made from this interview's needs: (need id, request id, status).
    pub trainings: Vec<(i64, i64, TrainingStatus)>,
    pub updated_at: String,
}

/// A line of the year's list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReviewLine {
    pub employee_id: i64,
    pub employee: String,
    pub position: Option<String>,
    /// The annual interview of the year, if planned: (id, status).
    pub annual: Option<(i64, ReviewStatus)>,
    pub planned_on: Option<NaiveDate>,
    pub held_on: Option<NaiveDate>,
    /// Goals assessed / to assess, and next year's goals.
    pub goals_rated: u32,
    pub goals: u32,
    pub next_goals: u32,
    /// The probation interview, if the employee has one or owes one: (id, status, last day).
    pub probation: Option<(Option<i64>, Option<ReviewStatus>, NaiveDate)>,
}

/// Plan an annual interview (last year's next goals carried over) or a probation interview.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanInput {
    pub employee_id: i64,
    pub kind: ReviewKind,
    /// The year of an annual interview.
    pub year: i32,
    /// dd.mm.yyyy; may be empty.
    pub planned_on: String,
    /// The probation's length in months (empty: by the contract, 6 or 4).
    pub probation_months: String,
}

/// The interview's content as the head writes it (while planned or held).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReviewSaveInput {
    pub id: i64,
    pub body: ReviewBody,
    pub planned_on: String,
}

/// A step of the status flow, with its day (dd.mm.yyyy; empty means today).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AdvanceInput {
    pub id: i64,
    pub to: ReviewStatus,
    pub on: String,
    /// With `commented`: the employee's comments on the summary.
    pub employee_comments: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReviewSettings {
    /// The rating scale's labels, lowest first (2–10 of them).
    pub scale: Vec<String>,
    /// Whether the substitute acting for the head (§ 3.6) may see and change interviews and
    /// proposals. Off by default.
    pub substitute_may_see: bool,
}

// ---- training (§ 3.7.10) -------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TrainingStatus {
    Requested,
    Approved,
    Rejected,
    Done,
}

impl TrainingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TrainingStatus::Requested => "requested",
            TrainingStatus::Approved => "approved",
            TrainingStatus::Rejected => "rejected",
            TrainingStatus::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<TrainingStatus> {
        [
            TrainingStatus::Requested,
            TrainingStatus::Approved,
            TrainingStatus::Rejected,
            TrainingStatus::Done,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TrainingStatus::Requested => lang.pick("taotletud", "requested"),
            TrainingStatus::Approved => lang.pick("kinnitatud", "approved"),
            TrainingStatus::Rejected => lang.pick("tagasi lükatud", "rejected"),
            TrainingStatus::Done => lang.pick("toimunud", "done"),
        }
    }

    /// Whether its cost counts against the budget line.
    pub fn counts(self) -> bool {
        matches!(self, TrainingStatus::Approved | TrainingStatus::Done)
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Training {
    pub id: i64,
    pub employee_id: i64,
    pub employee: String,
    /// The interview and the need it was made from.
    pub review_id: Option<i64>,
    pub need_id: Option<i64>,
    pub course: String,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub cost_cents: i64,
    pub budget_line_id: Option<i64>,
    /// "2026 4500 Koolitused".
    pub budget_line: Option<String>,
    pub status: TrainingStatus,
    pub decided_on: Option<NaiveDate>,
    pub note: String,
    pub created_at: String,
}

/// A new request (id 0) or a change to a requested one.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct TrainingInput {
    pub id: i64,
    pub employee_id: i64,
    pub review_id: Option<i64>,
    pub need_id: Option<i64>,
    pub course: String,
    pub provider: String,
    pub starts_on: String,
    pub ends_on: String,
    /// "1 200,00".
    pub cost: String,
    pub budget_line_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TrainingDecisionInput {
    pub id: i64,
    /// approved, rejected or done.
    pub status: TrainingStatus,
    pub on: String,
    pub note: String,
}

// ---- personnel proposals (§ 3.7.11) --------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    Hire,
    Release,
    Promotion,
    PayChange,
    Allowance,
    Reward,
}

impl ProposalKind {
    pub const ALL: [ProposalKind; 6] = [
        ProposalKind::Hire,
        ProposalKind::Release,
        ProposalKind::Promotion,
        ProposalKind::PayChange,
        ProposalKind::Allowance,
        ProposalKind::Reward,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProposalKind::Hire => "hire",
            ProposalKind::Release => "release",
            ProposalKind::Promotion => "promotion",
            ProposalKind::PayChange => "pay_change",
            ProposalKind::Allowance => "allowance",
            ProposalKind::Reward => "reward",
        }
    }

    pub fn parse(s: &str) -> Option<ProposalKind> {
        ProposalKind::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ProposalKind::Hire => lang.pick("töölevõtmine", "hire"),
            ProposalKind::Release => lang.pick("vabastamine", "release"),
            ProposalKind::Promotion => lang.pick("edutamine", "promotion"),
            ProposalKind::PayChange => lang.pick("palgamuutus", "pay change"),
            ProposalKind::Allowance => lang.pick("lisatasu", "allowance"),
            ProposalKind::Reward => lang.pick("preemia", "reward"),
        }
    }

    /// Whether the proposal names an amount (a monthly pay, an allowance, a reward).
    pub fn needs_amount(self) -> bool {
        matches!(
            self,
            ProposalKind::PayChange | ProposalKind::Allowance | ProposalKind::Reward
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Draft,
    /// Submitted to management.
    Submitted,
    Decided,
}

impl ProposalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::Decided => "decided",
        }
    }

    pub fn parse(s: &str) -> Option<ProposalStatus> {
        [
            ProposalStatus::Draft,
            ProposalStatus::Submitted,
            ProposalStatus::Decided,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ProposalStatus::Draft => lang.pick("kavand", "draft"),
            ProposalStatus::Submitted => lang.pick("juhtkonnale esitatud", "submitted"),
            ProposalStatus::Decided => lang.pick("otsustatud", "decided"),
        }
    }
}

/// How management decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    Partly,
    Rejected,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::Partly => "partly",
            Decision::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        [Decision::Approved, Decision::Partly, Decision::Rejected]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Decision::Approved => lang.pick("rahuldatud", "approved"),
            Decision::Partly => lang.pick("osaliselt rahuldatud", "partly approved"),
            Decision::Rejected => lang.pick("rahuldamata", "rejected"),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Proposal {
    pub id: i64,
    pub kind: ProposalKind,
    pub employee_id: Option<i64>,
    pub employee: Option<String>,
    /// The vacancy (hire) or the new position (promotion).
    pub position_id: Option<i64>,
    pub position: Option<String>,
    pub justification: String,
    pub amount_cents: Option<i64>,
    pub status: ProposalStatus,
    pub submitted_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub decision: Option<Decision>,
    pub decision_note: String,
    pub created_at: String,
    pub created_by: String,
}

/// A new proposal (id 0) or a change to a draft.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProposalInput {
    pub id: i64,
    pub kind: ProposalKind,
    pub employee_id: Option<i64>,
    pub position_id: Option<i64>,
    pub justification: String,
    /// "250,00"; required for a pay change, an allowance or a reward.
    pub amount: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProposalDecisionInput {
    pub id: i64,
    pub decision: Decision,
    pub on: String,
    pub note: String,
}
