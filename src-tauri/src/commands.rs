//! The commands the UI calls. Each is a few lines: take the state, call the core.

use kso_core::contracts::*;
use kso_core::demo::DemoSummary;
use kso_core::documents::{DocumentRecord, SigningSettings, TrustAnchor};
use kso_core::jobs::checks::JobIssue;
use kso_core::jobs::diff::JobDiff;
use kso_core::jobs::*;
use kso_core::kpi::*;
use kso_core::model::*;
use kso_core::reviews::model::*;
use kso_core::reviews::Reminder;
use kso_core::roster::propose::{RosterWeights, ShiftRequest, ShiftRequestInput};
use kso_core::roster::view::{
    CoverageOverrideInput, ImportReport, ProposalView, ProposeStatus, RosterCellInput, RosterView,
    ShiftTypeInput,
};
use kso_core::roster::{CoverageNeed, CoverageOverride, ShiftType};
use kso_core::{Action, Actor, ApiError, Desk, Error, Lang};
use kso_reports::jobs::{HolderSaved, HolderSignInput};
use kso_reports::reviews::{ReviewSaved, ReviewSignInput};
use kso_reports::{ExportInput, FileSignInput, SavedFile, Verification};
use tauri::State;

use crate::state::AppState;

type Res<T> = Result<T, ApiError>;

#[tauri::command(async, rename_all = "snake_case")]
pub fn app_status(state: State<'_, AppState>) -> Res<AppStatus> {
    state.with_path(Desk::status_of)
}

/// The UI has drawn its first screen with data from the core. With `KSO_EXIT_ON_READY=1` the
/// app prints the time since start and exits (docs/PERFORMANCE.md, start-up time).
#[tauri::command(async, rename_all = "snake_case")]
pub fn ui_ready(state: State<'_, AppState>) -> Res<()> {
    if std::env::var_os("KSO_EXIT_ON_READY").is_some() {
        println!("ready_ms={}", state.started.elapsed().as_millis());
        std::process::exit(0);
    }
    Ok(())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_language(state: State<'_, AppState>, language: Lang) -> Res<()> {
    state.set_language(language)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn setup(state: State<'_, AppState>, input: SetupInput) -> Res<Actor> {
    let (desk, head) = state.with_path(|p| {
        let mut desk = Desk::create(p)?;
        let head = desk.setup(&input)?;
        Ok((desk, head))
    })?;
    Ok(state.start(desk, head))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn generate_demo(state: State<'_, AppState>, input: DemoInput) -> Res<DemoSummary> {
    let today = chrono_today();
    state.with_path(|p| Desk::create(p)?.generate_demo(input, today))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sign_in(state: State<'_, AppState>, input: LoginInput) -> Res<Actor> {
    let (desk, actor) = state.with_path(|p| Desk::unlock(p, &input))?;
    Ok(state.start(desk, actor))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sign_out(state: State<'_, AppState>) -> Res<()> {
    state.end();
    Ok(())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn current_user(state: State<'_, AppState>) -> Res<Option<SessionInfo>> {
    Ok(state
        .current()
        .map(|(user, locked)| SessionInfo { user, locked }))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn lock_session(state: State<'_, AppState>) -> Res<()> {
    state.lock_session();
    Ok(())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn unlock_session(state: State<'_, AppState>, password: String) -> Res<Actor> {
    state.unlock_session(&password)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn permissions(state: State<'_, AppState>) -> Res<Vec<Action>> {
    state.as_user(|d, a| d.permissions(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn department(state: State<'_, AppState>) -> Res<Department> {
    state.as_user(|d, a| d.department(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn staff_list(state: State<'_, AppState>, query: StaffQuery) -> Res<Vec<Employee>> {
    state.as_user(|d, a| d.staff_list(a, &query))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn positions(state: State<'_, AppState>) -> Res<Vec<Position>> {
    state.as_user(|d, a| d.positions(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn position_save(state: State<'_, AppState>, input: PositionInput) -> Res<Position> {
    state.as_user(|d, a| d.position_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn employee_add(state: State<'_, AppState>, input: EmployeeInput) -> Res<Employee> {
    state.as_user(|d, a| d.employee_add(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn employee_update(state: State<'_, AppState>, id: i64, input: EmployeeInput) -> Res<Employee> {
    state.as_user(|d, a| d.employee_update(a, id, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn employee_deactivate(state: State<'_, AppState>, id: i64, end_date: String) -> Res<Employee> {
    state.as_user(|d, a| d.employee_deactivate(a, id, &end_date))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn employee_reactivate(state: State<'_, AppState>, id: i64) -> Res<Employee> {
    state.as_user(|d, a| d.employee_reactivate(a, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_list(state: State<'_, AppState>, query: AuditQuery) -> Res<Vec<AuditEntry>> {
    state.as_user(|d, a| d.audit_list(a, &query))
}

fn lang(state: &AppState) -> Lang {
    state.language()
}

/// Where exports go: the user's download folder ($XDG_DOWNLOAD_DIR, else ~/Downloads).
fn download_dir() -> std::path::PathBuf {
    std::env::var_os("XDG_DOWNLOAD_DIR")
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join("Downloads")
        })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster(state: State<'_, AppState>, month: String) -> Res<RosterView> {
    let lang = lang(&state);
    state.as_user(|d, a| d.roster(a, &month, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_set(state: State<'_, AppState>, input: RosterCellInput) -> Res<RosterView> {
    let lang = lang(&state);
    state.as_user(|d, a| d.roster_set(a, &input, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_publish(state: State<'_, AppState>, month: String) -> Res<RosterView> {
    let lang = lang(&state);
    state.as_user(|d, a| d.roster_publish(a, &month, lang))
}

/// Starts the search for a proposal of a draft month in the background.
#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_propose_start(
    state: State<'_, AppState>,
    month: String,
    seconds: u32,
    seed: u64,
) -> Res<ProposeStatus> {
    state.propose_start(&month, seconds, seed)
}

/// The search's progress; when it has ended, its proposal is kept (`running` false).
#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_propose_status(state: State<'_, AppState>) -> Res<ProposeStatus> {
    state.propose_status()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_propose_stop(state: State<'_, AppState>) -> Res<()> {
    state.propose_stop();
    Ok(())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_proposal(state: State<'_, AppState>, month: String) -> Res<Option<ProposalView>> {
    let lang = lang(&state);
    state.as_user(|d, a| d.roster_proposal(a, &month, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_proposal_accept(state: State<'_, AppState>, month: String) -> Res<RosterView> {
    let lang = lang(&state);
    state.as_user(|d, a| d.roster_proposal_accept(a, &month, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_proposal_discard(state: State<'_, AppState>, month: String) -> Res<()> {
    state.as_user(|d, a| d.roster_proposal_discard(a, &month))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_lock(
    state: State<'_, AppState>,
    month: String,
    employee_id: i64,
    date: String,
) -> Res<RosterView> {
    let lang = lang(&state);
    state.as_user(|d, a| d.roster_lock(a, &month, employee_id, &date, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_requests(state: State<'_, AppState>, month: String) -> Res<Vec<ShiftRequest>> {
    state.as_user(|d, a| d.roster_requests(a, &month))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_request_add(
    state: State<'_, AppState>,
    input: ShiftRequestInput,
) -> Res<ShiftRequest> {
    state.as_user(|d, a| d.roster_request_add(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_request_delete(state: State<'_, AppState>, id: i64) -> Res<()> {
    state.as_user(|d, a| d.roster_request_delete(a, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_weights(state: State<'_, AppState>) -> Res<RosterWeights> {
    state.as_user(|d, a| d.roster_weights(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_weights_save(
    state: State<'_, AppState>,
    weights: RosterWeights,
) -> Res<RosterWeights> {
    state.as_user(|d, a| d.roster_weights_save(a, &weights))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_export(
    state: State<'_, AppState>,
    month: String,
    employee_id: Option<i64>,
) -> Res<String> {
    let lang = lang(&state);
    state.as_user(|d, a| d.roster_export_to(a, &month, employee_id, &download_dir(), lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn roster_import(
    state: State<'_, AppState>,
    month: String,
    text: String,
    valid_only: bool,
) -> Res<ImportReport> {
    let lang = lang(&state);
    state.as_user(|d, a| d.roster_import_csv(a, &month, &text, valid_only, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn shift_types(state: State<'_, AppState>) -> Res<Vec<ShiftType>> {
    state.as_user(|d, a| d.shift_types(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn shift_type_save(state: State<'_, AppState>, input: ShiftTypeInput) -> Res<ShiftType> {
    state.as_user(|d, a| d.shift_type_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn coverage_needs(state: State<'_, AppState>) -> Res<Vec<CoverageNeed>> {
    state.as_user(|d, a| d.coverage_needs(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn coverage_need_save(
    state: State<'_, AppState>,
    need: CoverageNeed,
) -> Res<Vec<CoverageNeed>> {
    state.as_user(|d, a| d.coverage_need_save(a, &need))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn coverage_overrides(state: State<'_, AppState>, month: String) -> Res<Vec<CoverageOverride>> {
    state.as_user(|d, a| d.coverage_overrides(a, &month))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn coverage_override_save(state: State<'_, AppState>, input: CoverageOverrideInput) -> Res<()> {
    state.as_user(|d, a| d.coverage_override_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn reference_months(state: State<'_, AppState>) -> Res<u32> {
    state.as_user(|d, a| d.reference_months(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_reference_months(state: State<'_, AppState>, months: u32) -> Res<u32> {
    state.as_user(|d, a| d.set_reference_months(a, months))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn employee_absences(state: State<'_, AppState>, employee_id: i64) -> Res<Vec<Absence>> {
    state.as_user(|d, a| d.employee_absences(a, employee_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn absence_add(state: State<'_, AppState>, input: AbsenceInput) -> Res<Absence> {
    state.as_user(|d, a| d.absence_add(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn absence_delete(state: State<'_, AppState>, id: i64) -> Res<()> {
    state.as_user(|d, a| d.absence_delete(a, id))
}

fn chrono_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

// ---- contracts and budget ---------------------------------------------------------------------

/// Today and the user's language: what the contract views are computed for.
fn ctx(state: &State<'_, AppState>) -> (chrono::NaiveDate, Lang) {
    (chrono_today(), lang(state))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contract_settings(state: State<'_, AppState>) -> Res<ContractSettings> {
    state.as_user(|d, a| d.contract_settings(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contract_settings_save(
    state: State<'_, AppState>,
    input: ContractSettingsInput,
) -> Res<ContractSettings> {
    state.as_user(|d, a| d.contract_settings_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn budget_lines(state: State<'_, AppState>, year: Option<i32>) -> Res<Vec<BudgetLine>> {
    state.as_user(|d, a| d.budget_lines(a, year))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn budget_line_save(state: State<'_, AppState>, input: BudgetLineInput) -> Res<BudgetLine> {
    state.as_user(|d, a| d.budget_line_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn budget_status(state: State<'_, AppState>, year: i32) -> Res<BudgetStatus> {
    let (today, _) = ctx(&state);
    state.as_user(|d, a| d.budget_status(a, year, today))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn suppliers(state: State<'_, AppState>) -> Res<Vec<Supplier>> {
    state.as_user(|d, a| d.suppliers(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn supplier_save(state: State<'_, AppState>, input: SupplierInput) -> Res<Supplier> {
    state.as_user(|d, a| d.supplier_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contracts_list(state: State<'_, AppState>, query: ContractQuery) -> Res<Vec<ContractRow>> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.contracts_list(a, &query, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contract_warnings(state: State<'_, AppState>) -> Res<Vec<Warning>> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.contract_warnings(a, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contract(state: State<'_, AppState>, id: i64) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.contract(a, id, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contract_save(state: State<'_, AppState>, input: ContractInput) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.contract_save(a, &input, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contract_sign(state: State<'_, AppState>, input: SignInput) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.contract_sign(a, &input, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contract_amend(state: State<'_, AppState>, input: AmendmentInput) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.contract_amend(a, &input, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn contract_terminate(state: State<'_, AppState>, input: TerminationInput) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.contract_terminate(a, &input, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn deliverable_add(state: State<'_, AppState>, input: DeliverableInput) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.deliverable_add(a, &input, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn deliverable_accept(state: State<'_, AppState>, input: AcceptanceInput) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.deliverable_accept(a, &input, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn invoice_add(state: State<'_, AppState>, input: InvoiceInput) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.invoice_add(a, &input, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn invoice_paid(state: State<'_, AppState>, invoice_id: i64, paid_on: String) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.invoice_paid(a, invoice_id, &paid_on, today, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn document_add(state: State<'_, AppState>, input: DocumentInput) -> Res<Contract> {
    let (today, lang) = ctx(&state);
    state.as_user(|d, a| d.document_add(a, &input, today, lang))
}

// ---- documents: export, sign, verify (kso-reports) ------------------------------------------

#[tauri::command(async, rename_all = "snake_case")]
pub fn documents(state: State<'_, AppState>) -> Res<Vec<DocumentRecord>> {
    state.as_user(|d, a| d.documents(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn document_export(state: State<'_, AppState>, input: ExportInput) -> Res<SavedFile> {
    let lang = lang(&state);
    state.as_user_docs(|d, a| {
        kso_reports::export_to(d, a, input, lang, chrono::Utc::now(), &download_dir())
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn pdf_sign(state: State<'_, AppState>, input: FileSignInput) -> Res<SavedFile> {
    let lang = lang(&state);
    state.as_user_docs(|d, a| {
        kso_reports::sign_file_to(d, a, input, lang, chrono::Utc::now(), &download_dir())
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn pdf_verify(state: State<'_, AppState>, content: Vec<u8>) -> Res<Verification> {
    let lang = lang(&state);
    state.as_user_docs(|d, a| kso_reports::verify_file(d, a, &content, &[], lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn signing_role(state: State<'_, AppState>) -> Res<String> {
    let lang = lang(&state);
    state.as_user(|d, a| d.signing_role(a, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn signing_settings(state: State<'_, AppState>) -> Res<SigningSettings> {
    state.as_user(|d, a| d.signing_settings(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn signing_settings_save(
    state: State<'_, AppState>,
    input: SigningSettings,
) -> Res<SigningSettings> {
    state.as_user(|d, a| d.signing_settings_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn trust_anchors(state: State<'_, AppState>) -> Res<Vec<TrustAnchor>> {
    state.as_user(|d, a| d.trust_anchors(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn trust_anchor_add(state: State<'_, AppState>, content: Vec<u8>) -> Res<TrustAnchor> {
    state.as_user_docs(|d, a| kso_reports::add_trust_anchor(d, a, &content))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn trust_anchor_remove(state: State<'_, AppState>, id: i64) -> Res<()> {
    state.as_user(|d, a| d.trust_anchor_remove(a, id))
}

// ---- accounts, substitution (§ 3.6), security, audit, backups (issue 6) ----------------------

#[tauri::command(async, rename_all = "snake_case")]
pub fn accounts(state: State<'_, AppState>) -> Res<Vec<Account>> {
    state.as_user(|d, a| d.accounts(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn account_save(state: State<'_, AppState>, input: AccountInput) -> Res<Account> {
    state.as_user(|d, a| d.account_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn account_set_active(state: State<'_, AppState>, id: i64, active: bool) -> Res<()> {
    state.as_user(|d, a| d.account_set_active(a, id, active))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn password_change(state: State<'_, AppState>, input: PasswordChangeInput) -> Res<()> {
    state.as_user(|d, a| d.password_change(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn password_reset(state: State<'_, AppState>, input: PasswordResetInput) -> Res<()> {
    state.as_user(|d, a| d.password_reset(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn head_absences(state: State<'_, AppState>) -> Res<Vec<HeadAbsence>> {
    state.as_user(|d, a| d.head_absences(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn head_absence_save(state: State<'_, AppState>, input: HeadAbsenceInput) -> Res<HeadAbsence> {
    state.as_user(|d, a| d.head_absence_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn head_absence_end(state: State<'_, AppState>, id: i64) -> Res<HeadAbsence> {
    state.as_user(|d, a| d.head_absence_end(a, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn substitution(state: State<'_, AppState>) -> Res<Substitution> {
    state.as_user(|d, a| d.substitution(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn security_settings(state: State<'_, AppState>) -> Res<SecuritySettings> {
    state.as_user(|d, a| d.security_settings(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn security_settings_save(
    state: State<'_, AppState>,
    input: SecuritySettings,
) -> Res<SecuritySettings> {
    state.as_user(|d, a| d.security_settings_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_verify(state: State<'_, AppState>) -> Res<AuditVerification> {
    let lang = lang(&state);
    state.as_user(|d, a| d.audit_verify(a, lang))
}

/// Writes the filtered audit trail as CSV into the download folder; returns the path.
#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_export(state: State<'_, AppState>, query: AuditQuery) -> Res<String> {
    let lang = lang(&state);
    state.as_user(|d, a| {
        let csv = d.audit_export_csv(a, &query, lang)?;
        let dir = download_dir();
        std::fs::create_dir_all(&dir)?;
        let file = dir.join(format!(
            "auditilogi-{}.csv",
            chrono::Utc::now().format("%Y%m%d-%H%M%S")
        ));
        std::fs::write(&file, csv)?;
        Ok(file.display().to_string())
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn backups(state: State<'_, AppState>) -> Res<Vec<BackupInfo>> {
    state.as_user(|d, a| d.backups(a))
}

/// A backup now, into the automatic backups' folder.
#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_now(state: State<'_, AppState>) -> Res<BackupInfo> {
    state.as_user(|d, a| {
        let file = kso_core::security::backup_dir(d.path()).join(format!(
            "kso-{}.sqlite",
            chrono::Utc::now().format("%Y-%m-%d-%H%M%S")
        ));
        d.backup_to(a, &file)
    })
}

// ---- KPIs (§ 2.3, § 3.7.4) ----------------------------------------------------------------

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_indicators(state: State<'_, AppState>) -> Res<Vec<Kpi>> {
    state.as_user(|d, a| d.kpi_indicators(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_indicator_save(state: State<'_, AppState>, input: KpiInput) -> Res<Kpi> {
    state.as_user(|d, a| d.kpi_indicator_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_targets(state: State<'_, AppState>, year: i32) -> Res<Vec<Target>> {
    state.as_user(|d, a| d.kpi_targets(a, year))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_target_set(state: State<'_, AppState>, input: TargetInput) -> Res<Target> {
    state.as_user(|d, a| d.kpi_target_set(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_targets_copy(state: State<'_, AppState>, from: i32, to: i32) -> Res<Vec<Target>> {
    state.as_user(|d, a| d.kpi_targets_copy(a, from, to))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_actual_set(state: State<'_, AppState>, input: ActualInput) -> Res<MonthFigure> {
    state.as_user(|d, a| d.kpi_actual_set(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_actual_clear(state: State<'_, AppState>, kpi_code: String, month: String) -> Res<()> {
    state.as_user(|d, a| d.kpi_actual_clear(a, &kpi_code, &month))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_dashboard(state: State<'_, AppState>, year: i32) -> Res<KpiDashboard> {
    state.as_user(|d, a| d.kpi_dashboard(a, year))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_drill(state: State<'_, AppState>, query: DrillQuery) -> Res<Drill> {
    state.as_user(|d, a| d.kpi_drill(a, &query))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_profiles(state: State<'_, AppState>) -> Res<Vec<TicketProfile>> {
    state.as_user(|d, a| d.kpi_profiles(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_profile_save(state: State<'_, AppState>, profile: TicketProfile) -> Res<TicketProfile> {
    state.as_user(|d, a| d.kpi_profile_save(a, &profile))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_profile_delete(state: State<'_, AppState>, name: String) -> Res<()> {
    state.as_user(|d, a| d.kpi_profile_delete(a, &name))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_preview(
    state: State<'_, AppState>,
    text: String,
    delimiter: Option<String>,
) -> Res<FilePreview> {
    state.as_user(|d, a| d.kpi_preview(a, &text, delimiter.as_deref()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_call_settings(state: State<'_, AppState>) -> Res<CallSettings> {
    state.as_user(|d, a| d.kpi_call_settings(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_call_settings_save(
    state: State<'_, AppState>,
    settings: CallSettings,
) -> Res<CallSettings> {
    state.as_user(|d, a| d.kpi_call_settings_save(a, &settings))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_batches(state: State<'_, AppState>) -> Res<Vec<ImportBatch>> {
    state.as_user(|d, a| d.kpi_batches(a))
}

/// Starts a streamed import (an unfinished one is rolled back first). The session is kept
/// under the same lock as the open database, so a sign-out cannot leave it behind.
#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_import_begin(state: State<'_, AppState>, input: KpiImportInput) -> Res<ImportProgress> {
    state.import().take();
    state.as_user(|d, a| {
        let session = d.kpi_import_begin(a, &input)?;
        let progress = session.progress();
        *state.import() = Some(session);
        Ok(progress)
    })
}

fn no_import() -> Error {
    Error::field("file", kso_core::error::Rule::Required)
}

/// The next piece of the file, as the UI read it (by the user who began the import, who may
/// still import).
#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_import_chunk(state: State<'_, AppState>, text: String) -> Res<ImportProgress> {
    state.as_user(|d, a| {
        let mut import = state.import();
        let session = import.as_mut().ok_or_else(no_import)?;
        d.kpi_import_continue(a, session.owner())?;
        session.feed(text.as_bytes())
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_import_finish(state: State<'_, AppState>) -> Res<KpiImportReport> {
    state.as_user(|d, a| {
        let owner = state.import().as_ref().ok_or_else(no_import)?.owner();
        d.kpi_import_continue(a, owner)?;
        state.import().take().ok_or_else(no_import)?.finish()
    })
}

/// Stops an import: nothing of the file is kept.
#[tauri::command(async, rename_all = "snake_case")]
pub fn kpi_import_cancel(state: State<'_, AppState>) -> Res<()> {
    state.import().take();
    Ok(())
}

// ---- job descriptions (§ 3.4–3.5) -----------------------------------------------------------

#[tauri::command(async, rename_all = "snake_case")]
pub fn jobs_list(state: State<'_, AppState>) -> Res<Vec<JobSummary>> {
    state.as_user(|d, a| d.jobs_list(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_versions(state: State<'_, AppState>, position_id: i64) -> Res<Vec<JobVersionHead>> {
    state.as_user(|d, a| d.job_versions(a, position_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_version(
    state: State<'_, AppState>,
    position_id: i64,
    version: Option<i64>,
) -> Res<JobVersion> {
    state.as_user(|d, a| d.job_version(a, position_id, version))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_draft_new(state: State<'_, AppState>, input: DraftNewInput) -> Res<JobVersion> {
    state.as_user(|d, a| d.job_draft_new(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_draft_save(state: State<'_, AppState>, input: DraftSaveInput) -> Res<JobVersion> {
    state.as_user(|d, a| d.job_draft_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_submit(state: State<'_, AppState>, version_id: i64) -> Res<JobVersion> {
    state.as_user(|d, a| d.job_submit(a, version_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_return_to_draft(state: State<'_, AppState>, version_id: i64) -> Res<JobVersion> {
    state.as_user(|d, a| d.job_return_to_draft(a, version_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_draft_discard(state: State<'_, AppState>, version_id: i64) -> Res<()> {
    state.as_user(|d, a| d.job_draft_discard(a, version_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_approve(state: State<'_, AppState>, input: ApprovalInput) -> Res<JobVersion> {
    let lang = lang(&state);
    state.as_user_docs(|d, a| kso_reports::jobs::approve(d, a, &input, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_acknowledge(state: State<'_, AppState>, input: AcknowledgeInput) -> Res<JobVersion> {
    let lang = lang(&state);
    state.as_user_docs(|d, a| kso_reports::jobs::acknowledge(d, a, &input, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_sign_as_holder(state: State<'_, AppState>, input: HolderSignInput) -> Res<HolderSaved> {
    let lang = lang(&state);
    state.as_user_docs(|d, a| {
        let now = chrono::Utc::now();
        kso_reports::jobs::sign_as_holder_to(d, a, input, lang, now, &download_dir())
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_file_save(state: State<'_, AppState>, file_id: i64) -> Res<SavedFile> {
    let lang = lang(&state);
    state.as_user_docs(|d, a| kso_reports::jobs::file_to(d, a, file_id, lang, &download_dir()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_diff(state: State<'_, AppState>, position_id: i64, from: i64, to: i64) -> Res<JobDiff> {
    let lang = lang(&state);
    state.as_user(|d, a| d.job_diff(a, position_id, from, to, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_checks(state: State<'_, AppState>) -> Res<Vec<JobIssue>> {
    let lang = lang(&state);
    state.as_user(|d, a| d.job_checks(a, lang))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_templates(state: State<'_, AppState>) -> Res<Vec<JobTemplate>> {
    state.as_user(|d, a| d.job_templates(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_template_save(
    state: State<'_, AppState>,
    name: String,
    version_id: i64,
) -> Res<JobTemplate> {
    state.as_user(|d, a| d.job_template_save(a, &name, version_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn job_template_delete(state: State<'_, AppState>, name: String) -> Res<()> {
    state.as_user(|d, a| d.job_template_delete(a, &name))
}

// ---- reviews and development (§ 3.7.5, § 3.7.10, § 3.7.11) -----------------------------------

#[tauri::command(async, rename_all = "snake_case")]
pub fn review_settings(state: State<'_, AppState>) -> Res<ReviewSettings> {
    state.as_user(|d, a| d.review_settings(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn review_settings_save(
    state: State<'_, AppState>,
    input: ReviewSettings,
) -> Res<ReviewSettings> {
    state.as_user(|d, a| d.review_settings_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn reviews_list(state: State<'_, AppState>, year: i32) -> Res<Vec<ReviewLine>> {
    state.as_user(|d, a| d.reviews_list(a, year))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn review(state: State<'_, AppState>, id: i64) -> Res<Review> {
    state.as_user(|d, a| d.review(a, id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn review_plan(state: State<'_, AppState>, input: PlanInput) -> Res<Review> {
    state.as_user(|d, a| d.review_plan(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn review_save(state: State<'_, AppState>, input: ReviewSaveInput) -> Res<Review> {
    state.as_user(|d, a| d.review_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn review_advance(state: State<'_, AppState>, input: AdvanceInput) -> Res<Review> {
    state.as_user(|d, a| d.review_advance(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn review_sign(state: State<'_, AppState>, input: ReviewSignInput) -> Res<ReviewSaved> {
    let lang = lang(&state);
    state.as_user_docs(|d, a| {
        let now = chrono::Utc::now();
        kso_reports::reviews::sign_to(d, a, input, lang, now, &download_dir())
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn review_reminders(state: State<'_, AppState>) -> Res<Vec<Reminder>> {
    state.as_user(|d, a| {
        d.review_reminders(
            a,
            kso_core::calendar::utc_to_tallinn(chrono::Utc::now().naive_utc()).date(),
        )
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn trainings(state: State<'_, AppState>) -> Res<Vec<Training>> {
    state.as_user(|d, a| d.trainings(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn training_save(state: State<'_, AppState>, input: TrainingInput) -> Res<Training> {
    state.as_user(|d, a| d.training_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn training_decide(state: State<'_, AppState>, input: TrainingDecisionInput) -> Res<Training> {
    state.as_user(|d, a| d.training_decide(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn proposals(state: State<'_, AppState>) -> Res<Vec<Proposal>> {
    state.as_user(|d, a| d.proposals(a))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn proposal_save(state: State<'_, AppState>, input: ProposalInput) -> Res<Proposal> {
    state.as_user(|d, a| d.proposal_save(a, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn proposal_submit(state: State<'_, AppState>, id: i64, on: String) -> Res<Proposal> {
    state.as_user(|d, a| d.proposal_submit(a, id, &on))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn proposal_decide(state: State<'_, AppState>, input: ProposalDecisionInput) -> Res<Proposal> {
    state.as_user(|d, a| d.proposal_decide(a, &input))
}
