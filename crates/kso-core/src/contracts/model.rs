//! The types of the contracts and budget module that cross the core's boundary.

use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::AuditEntry;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    Goods,
    Services,
}

impl ContractKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractKind::Goods => "goods",
            ContractKind::Services => "services",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "goods" => Some(ContractKind::Goods),
            "services" => Some(ContractKind::Services),
            _ => None,
        }
    }

    /// For people, in running text: "asjad" / "goods".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ContractKind::Goods => lang.pick("asjad", "goods"),
            ContractKind::Services => lang.pick("teenused", "services"),
        }
    }
}

/// What is stored; the shown [`ContractStatus`] follows from it and the dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContractState {
    #[default]
    Draft,
    Signed,
    Terminated,
}

impl ContractState {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractState::Draft => "draft",
            ContractState::Signed => "signed",
            ContractState::Terminated => "terminated",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ContractState::Draft),
            "signed" => Some(ContractState::Signed),
            "terminated" => Some(ContractState::Terminated),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    Draft,
    Signed,
    InForce,
    Ended,
    Terminated,
}

impl ContractStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Draft => "draft",
            ContractStatus::Signed => "signed",
            ContractStatus::InForce => "in_force",
            ContractStatus::Ended => "ended",
            ContractStatus::Terminated => "terminated",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ContractStatus::Draft),
            "signed" => Some(ContractStatus::Signed),
            "in_force" => Some(ContractStatus::InForce),
            "ended" => Some(ContractStatus::Ended),
            "terminated" => Some(ContractStatus::Terminated),
            _ => None,
        }
    }

    /// For people, in running text: "kehtiv" / "in force".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ContractStatus::Draft => lang.pick("mustand", "draft"),
            ContractStatus::Signed => lang.pick("allkirjastatud", "signed"),
            ContractStatus::InForce => lang.pick("kehtiv", "in force"),
            ContractStatus::Ended => lang.pick("lõppenud", "ended"),
            ContractStatus::Terminated => lang.pick("lõpetatud", "terminated"),
        }
    }
}

/// In what capacity a contract or an amendment was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignerCapacity {
    /// The head of department, within § 3.8.2.
    Head,
    /// The deputy while substituting for the head (§ 3.6), with the head's limit.
    ActingHead,
    /// The director (or another signatory above the head), without the head's limit.
    Director,
}

impl SignerCapacity {
    pub fn as_str(self) -> &'static str {
        match self {
            SignerCapacity::Head => "head",
            SignerCapacity::ActingHead => "acting_head",
            SignerCapacity::Director => "director",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "head" => Some(SignerCapacity::Head),
            "acting_head" => Some(SignerCapacity::ActingHead),
            "director" => Some(SignerCapacity::Director),
            _ => None,
        }
    }

    /// For people, in running text: "osakonnajuhataja ülesannetes" / "acting head of department".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SignerCapacity::Head => lang.pick("osakonnajuhataja", "head of department"),
            SignerCapacity::ActingHead => {
                lang.pick("osakonnajuhataja ülesannetes", "acting head of department")
            }
            SignerCapacity::Director => lang.pick("direktor", "director"),
        }
    }
}

/// Who signs: the signed-in head (or acting deputy) themself, or the director (recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignAs {
    Head,
    Director,
}

// ---- budget -------------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct BudgetLine {
    pub id: i64,
    pub year: i32,
    pub code: String,
    pub name: String,
    pub approved_cents: i64,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct BudgetLineInput {
    pub id: Option<i64>,
    pub year: i32,
    pub code: String,
    pub name: String,
    /// Money as typed: `12 000,00`.
    pub approved: String,
}

/// A budget line with its live use.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct BudgetLineStatus {
    pub id: i64,
    pub year: i32,
    pub code: String,
    pub name: String,
    pub approved_cents: i64,
    /// Committed: signed contracts' cost (or what was invoiced, if more) and approved training.
    pub committed_cents: i64,
    pub invoiced_cents: i64,
    /// Of `committed_cents`, approved and done training requests (§ 3.7.10).
    pub training_cents: i64,
    pub free_cents: i64,
    /// Committed share of the approved amount, in tenths of a per cent (935 = 93,5 %).
    pub used_permille: i64,
    /// Over 90 % committed (§ 3.7.9): shown with a warning.
    pub high: bool,
    pub contracts: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BudgetStatus {
    pub year: i32,
    /// Whether the budget counts VAT-inclusive cost (a state agency cannot deduct input VAT).
    pub includes_vat: bool,
    pub lines: Vec<BudgetLineStatus>,
    pub approved_cents: i64,
    pub committed_cents: i64,
    pub invoiced_cents: i64,
    pub free_cents: i64,
}

// ---- suppliers ----------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct Supplier {
    pub id: i64,
    pub name: String,
    pub reg_code: String,
    pub vat_no: String,
    pub contact: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct SupplierInput {
    pub id: Option<i64>,
    pub name: String,
    pub reg_code: String,
    pub vat_no: String,
    pub contact: String,
    pub email: String,
    pub phone: String,
}

// ---- contracts ----------------------------------------------------------------------------

/// One part of a contract's value on one budget line (and so one budget year), as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ShareInput {
    pub budget_line_id: i64,
    pub amount: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ContractInput {
    pub id: Option<i64>,
    pub number: String,
    pub title: String,
    pub subject: String,
    pub kind: ContractKind,
    /// The CPV procurement code where known (`72000000-5`), else empty.
    pub cpv: String,
    pub supplier_id: Option<i64>,
    /// The budget line the whole value falls on, when `shares` is empty.
    pub budget_line_id: Option<i64>,
    /// The value excluding VAT, as typed.
    pub value: String,
    /// The VAT rate in per cent; empty takes the rate in force on the start date.
    pub vat_rate: String,
    pub start_date: String,
    pub end_date: String,
    /// How the value falls over budget years; empty puts it all on `budget_line_id`.
    #[serde(default)]
    pub shares: Vec<ShareInput>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ContractShare {
    pub budget_line_id: i64,
    pub year: i32,
    pub line_code: String,
    pub value_cents: i64,
    /// The budget cost of this part (with VAT when the budget counts it).
    pub cost_cents: i64,
}

/// A row of the contract register.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ContractRow {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub kind: ContractKind,
    pub cpv: String,
    pub supplier_id: i64,
    pub supplier_name: String,
    pub supplier_reg_code: String,
    /// The line of the first budget year (the contract's main line).
    pub budget_line_id: i64,
    pub budget_line_code: String,
    /// The current value excluding VAT, after all amendments.
    pub value_cents: i64,
    pub original_value_cents: i64,
    pub vat_rate_bp: i64,
    pub vat_cents: i64,
    pub gross_cents: i64,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: ContractStatus,
    pub signer_capacity: Option<SignerCapacity>,
    pub signer_name: Option<String>,
    pub signed_on: Option<NaiveDate>,
    /// Invoiced so far, excluding VAT.
    pub invoiced_cents: i64,
    /// What is left of the value: value − invoiced (excl. VAT).
    pub remaining_cents: i64,
    pub amendments: u32,
    pub warnings: u32,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct Amendment {
    pub id: i64,
    pub seq: i64,
    pub date: NaiveDate,
    pub reason: String,
    pub value_before_cents: i64,
    pub value_after_cents: i64,
    pub start_before: NaiveDate,
    pub start_after: NaiveDate,
    pub end_before: NaiveDate,
    pub end_after: NaiveDate,
    pub subject_before: String,
    pub subject_after: String,
    pub signer_capacity: SignerCapacity,
    pub signer_name: String,
    pub signed_ref: String,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct Deliverable {
    pub id: i64,
    pub contract_id: i64,
    pub title: String,
    pub due_date: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    pub accepted_by: String,
    /// Past its due date and not accepted.
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct Invoice {
    pub id: i64,
    pub contract_id: i64,
    pub budget_line_id: i64,
    pub budget_line_code: String,
    pub number: String,
    pub date: NaiveDate,
    pub amount_cents: i64,
    pub vat_cents: i64,
    pub total_cents: i64,
    pub paid_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ContractDocument {
    pub id: i64,
    pub name: String,
    pub size: i64,
    pub sha256: String,
    pub added_at: String,
    pub added_by: String,
}

/// A budget line a signature needs free money on.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct LineNeed {
    pub budget_line_id: i64,
    pub code: String,
    pub year: i32,
    pub need_cents: i64,
    pub free_cents: i64,
}

/// The § 3.8.2 decision for the head's signature, shown on the card before anyone signs.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct Authority {
    pub limit_cents: i64,
    pub value_cents: i64,
    pub within_limit: bool,
    pub lines: Vec<LineNeed>,
    pub within_budget: bool,
    pub head_may_sign: bool,
    /// Why not, each naming § 3.8.2, in the user's language.
    pub reasons: Vec<String>,
}

/// A contract with everything about it: the card.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Contract {
    pub row: ContractRow,
    pub subject: String,
    pub vat_overridden: bool,
    pub signed_ref: String,
    pub terminated_on: Option<NaiveDate>,
    pub termination_reason: String,
    pub shares: Vec<ContractShare>,
    pub amendments: Vec<Amendment>,
    pub deliverables: Vec<Deliverable>,
    pub invoices: Vec<Invoice>,
    pub documents: Vec<ContractDocument>,
    /// For a draft: may the head sign it now? For a signed contract: may the head amend it?
    pub authority: Authority,
    pub warnings: Vec<Warning>,
    pub history: Vec<AuditEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ContractQuery {
    pub year: Option<i32>,
    pub status: Option<ContractStatus>,
    pub supplier_id: Option<i64>,
    pub budget_line_id: Option<i64>,
    pub search: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignInput {
    pub contract_id: i64,
    pub sign_as: SignAs,
    /// The date of signing (`dd.mm.yyyy`).
    pub date: String,
    /// The director's name, when the director signs.
    pub director_name: String,
    /// The reference of the signed document (e.g. the document register number).
    pub reference: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AmendmentInput {
    pub contract_id: i64,
    pub date: String,
    pub reason: String,
    /// The new total value excl. VAT; empty leaves it. A change falls on the last budget year.
    pub value: String,
    /// New dates and subject; empty leaves them.
    pub start_date: String,
    pub end_date: String,
    pub subject: String,
    pub sign_as: SignAs,
    pub director_name: String,
    pub reference: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TerminationInput {
    pub contract_id: i64,
    pub date: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DeliverableInput {
    pub contract_id: i64,
    pub title: String,
    pub due_date: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AcceptanceInput {
    pub deliverable_id: i64,
    pub date: String,
    pub accepted_by: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct InvoiceInput {
    pub contract_id: i64,
    pub number: String,
    pub date: String,
    /// The amount excluding VAT, as typed.
    pub amount: String,
    /// The VAT on the invoice; empty computes it at the contract's rate.
    pub vat: String,
    /// Empty when not yet paid.
    pub paid_on: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DocumentInput {
    pub contract_id: i64,
    pub name: String,
    pub content: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// Several contracts with one supplier or one CPV code in a budget year over the limit.
    Splitting,
    /// A contract in force ends within 30, 60 or 90 days.
    Expiring,
    /// A budget line is over 90 % committed.
    BudgetHigh,
    /// Invoices add up to more than the contract's value.
    InvoicesOverValue,
    /// A deliverable is past its due date and not accepted.
    DeliverableOverdue,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    /// The statute section behind it.
    pub section: String,
    /// The contracts it concerns (several for splitting).
    pub contract_ids: Vec<i64>,
    pub budget_line_id: Option<i64>,
    /// Days until the end, for an expiring contract.
    pub days: Option<i64>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContractSettings {
    pub signing_limit_cents: i64,
    pub budget_includes_vat: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ContractSettingsInput {
    pub signing_limit: String,
    pub budget_includes_vat: bool,
}
