//! The one list of the UI's commands. From it come the Tauri handler, a compile-time check that
//! each listed signature is the command's real one, and the TypeScript bindings
//! (`ui/src/api/bindings.ts`, checked current by `cargo test -p kso-desk --test bindings`).

use kso_core::contracts::*;
use kso_core::demo::DemoSummary;
use kso_core::documents::{
    DocumentKind, DocumentRecord, DocumentSignature, SigningSettings, TrustAnchor,
};
use kso_core::jobs::checks::{IssueKind, JobIssue};
use kso_core::jobs::diff::{ChangeKind, DiffOp, JobDiff, OpKind, SectionDiff};
use kso_core::jobs::*;
use kso_core::kpi::*;
use kso_core::model::*;
use kso_core::reviews::model::*;
use kso_core::reviews::{Goal, Need, Reminder, ReviewBody, ReviewKind, ReviewStatus};
use kso_core::roster::check::{DayCoverage, RuleId, Severity, ShiftCount, Totals};
use kso_core::roster::propose::{
    GapExplanation, GapReasons, ProposalRun, RequestKind, RosterWeights, ShiftRequest,
    ShiftRequestInput,
};
use kso_core::roster::view::*;
use kso_core::roster::{CoverageNeed, CoverageOverride, DayKind, ShiftType, Skill};
use kso_core::{Action, Actor, ApiError, Lang, Role};
use kso_pdf::verify::{Modification, SignatureReport, Trust, VerifyReport};
use kso_pdf::HashAlg;
use kso_reports::jobs::{HolderSaved, HolderSignInput};
use kso_reports::reviews::{ReviewSaved, ReviewSignInput, Signer};
use kso_reports::{
    ExportInput, FileSignInput, KeyInput, SavedFile, SigningInput, Summary, Verification,
};
use ts_rs::{Config, TS};

macro_rules! api {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        /// The Tauri invoke handler for every listed command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(crate::commands::$name),*]
        }

        // Fails to compile if a listed signature differs from the command's.
        #[allow(dead_code, clippy::type_complexity)]
        fn signatures() {
            $(
                let _: fn(tauri::State<'_, crate::state::AppState>, $($ty),*) -> Result<$ret, ApiError> =
                    crate::commands::$name;
            )*
        }

        /// The typed functions of the UI's data client, one per command.
        fn typescript_commands(cfg: &Config) -> String {
            let mut out = String::new();
            $(
                let params: Vec<String> = vec![$(format!("{}: {}", stringify!($arg), <$ty as TS>::name(cfg))),*];
                let names: Vec<&str> = vec![$(stringify!($arg)),*];
                out.push_str(&format!(
                    "  {name}: ({params}): Promise<{ret}> => invoke<{ret}>(\"{name}\", {{ {names} }}),\n",
                    name = stringify!($name),
                    params = params.join(", "),
                    ret = <$ret as TS>::name(cfg),
                    names = names.join(", "),
                ));
            )*
            out
        }
    };
}

api! {
    app_status() -> AppStatus;
    ui_ready() -> ();
    set_language(language: Lang) -> ();
    setup(input: SetupInput) -> Actor;
    generate_demo(input: DemoInput) -> DemoSummary;
    sign_in(input: LoginInput) -> Actor;
    sign_out() -> ();
    current_user() -> Option<SessionInfo>;
    lock_session() -> ();
    unlock_session(password: String) -> Actor;
    permissions() -> Vec<Action>;
    department() -> Department;
    staff_list(query: StaffQuery) -> Vec<Employee>;
    positions() -> Vec<Position>;
    position_save(input: PositionInput) -> Position;
    employee_add(input: EmployeeInput) -> Employee;
    employee_update(id: i64, input: EmployeeInput) -> Employee;
    employee_deactivate(id: i64, end_date: String) -> Employee;
    employee_reactivate(id: i64) -> Employee;
    audit_list(query: AuditQuery) -> Vec<AuditEntry>;
    roster(month: String) -> RosterView;
    roster_set(input: RosterCellInput) -> RosterView;
    roster_publish(month: String) -> RosterView;
    roster_propose_start(month: String, seconds: u32, seed: u64) -> ProposeStatus;
    roster_propose_status() -> ProposeStatus;
    roster_propose_stop() -> ();
    roster_proposal(month: String) -> Option<ProposalView>;
    roster_proposal_accept(month: String) -> RosterView;
    roster_proposal_discard(month: String) -> ();
    roster_lock(month: String, employee_id: i64, date: String) -> RosterView;
    roster_requests(month: String) -> Vec<ShiftRequest>;
    roster_request_add(input: ShiftRequestInput) -> ShiftRequest;
    roster_request_delete(id: i64) -> ();
    roster_weights() -> RosterWeights;
    roster_weights_save(weights: RosterWeights) -> RosterWeights;
    roster_export(month: String, employee_id: Option<i64>) -> String;
    roster_import(month: String, text: String, valid_only: bool) -> ImportReport;
    shift_types() -> Vec<ShiftType>;
    shift_type_save(input: ShiftTypeInput) -> ShiftType;
    coverage_needs() -> Vec<CoverageNeed>;
    coverage_need_save(need: CoverageNeed) -> Vec<CoverageNeed>;
    coverage_overrides(month: String) -> Vec<CoverageOverride>;
    coverage_override_save(input: CoverageOverrideInput) -> ();
    reference_months() -> u32;
    set_reference_months(months: u32) -> u32;
    employee_absences(employee_id: i64) -> Vec<Absence>;
    absence_add(input: AbsenceInput) -> Absence;
    absence_delete(id: i64) -> ();
    contract_settings() -> ContractSettings;
    contract_settings_save(input: ContractSettingsInput) -> ContractSettings;
    budget_lines(year: Option<i32>) -> Vec<BudgetLine>;
    budget_line_save(input: BudgetLineInput) -> BudgetLine;
    budget_status(year: i32) -> BudgetStatus;
    suppliers() -> Vec<Supplier>;
    supplier_save(input: SupplierInput) -> Supplier;
    contracts_list(query: ContractQuery) -> Vec<ContractRow>;
    contract_warnings() -> Vec<Warning>;
    contract(id: i64) -> Contract;
    contract_save(input: ContractInput) -> Contract;
    contract_sign(input: SignInput) -> Contract;
    contract_amend(input: AmendmentInput) -> Contract;
    contract_terminate(input: TerminationInput) -> Contract;
    deliverable_add(input: DeliverableInput) -> Contract;
    deliverable_accept(input: AcceptanceInput) -> Contract;
    invoice_add(input: InvoiceInput) -> Contract;
    invoice_paid(invoice_id: i64, paid_on: String) -> Contract;
    document_add(input: DocumentInput) -> Contract;
    documents() -> Vec<DocumentRecord>;
    document_export(input: ExportInput) -> SavedFile;
    pdf_sign(input: FileSignInput) -> SavedFile;
    pdf_verify(content: Vec<u8>) -> Verification;
    signing_role() -> String;
    signing_settings() -> SigningSettings;
    signing_settings_save(input: SigningSettings) -> SigningSettings;
    trust_anchors() -> Vec<TrustAnchor>;
    trust_anchor_add(content: Vec<u8>) -> TrustAnchor;
    trust_anchor_remove(id: i64) -> ();
    accounts() -> Vec<Account>;
    account_save(input: AccountInput) -> Account;
    account_set_active(id: i64, active: bool) -> ();
    password_change(input: PasswordChangeInput) -> ();
    password_reset(input: PasswordResetInput) -> ();
    head_absences() -> Vec<HeadAbsence>;
    head_absence_save(input: HeadAbsenceInput) -> HeadAbsence;
    head_absence_end(id: i64) -> HeadAbsence;
    substitution() -> Substitution;
    security_settings() -> SecuritySettings;
    security_settings_save(input: SecuritySettings) -> SecuritySettings;
    audit_verify() -> AuditVerification;
    audit_export(query: AuditQuery) -> String;
    backups() -> Vec<BackupInfo>;
    backup_now() -> BackupInfo;
    kpi_indicators() -> Vec<Kpi>;
    kpi_indicator_save(input: KpiInput) -> Kpi;
    kpi_targets(year: i32) -> Vec<Target>;
    kpi_target_set(input: TargetInput) -> Target;
    kpi_targets_copy(from: i32, to: i32) -> Vec<Target>;
    kpi_actual_set(input: ActualInput) -> MonthFigure;
    kpi_actual_clear(kpi_code: String, month: String) -> ();
    kpi_dashboard(year: i32) -> KpiDashboard;
    kpi_drill(query: DrillQuery) -> Drill;
    kpi_profiles() -> Vec<TicketProfile>;
    kpi_profile_save(profile: TicketProfile) -> TicketProfile;
    kpi_profile_delete(name: String) -> ();
    kpi_preview(text: String, delimiter: Option<String>) -> FilePreview;
    kpi_call_settings() -> CallSettings;
    kpi_call_settings_save(settings: CallSettings) -> CallSettings;
    kpi_batches() -> Vec<ImportBatch>;
    kpi_import_begin(input: KpiImportInput) -> ImportProgress;
    kpi_import_chunk(text: String) -> ImportProgress;
    kpi_import_finish() -> KpiImportReport;
    kpi_import_cancel() -> ();
    jobs_list() -> Vec<JobSummary>;
    job_versions(position_id: i64) -> Vec<JobVersionHead>;
    job_version(position_id: i64, version: Option<i64>) -> JobVersion;
    job_draft_new(input: DraftNewInput) -> JobVersion;
    job_draft_save(input: DraftSaveInput) -> JobVersion;
    job_submit(version_id: i64) -> JobVersion;
    job_return_to_draft(version_id: i64) -> JobVersion;
    job_draft_discard(version_id: i64) -> ();
    job_approve(input: ApprovalInput) -> JobVersion;
    job_acknowledge(input: AcknowledgeInput) -> JobVersion;
    job_sign_as_holder(input: HolderSignInput) -> HolderSaved;
    job_file_save(file_id: i64) -> SavedFile;
    job_diff(position_id: i64, from: i64, to: i64) -> JobDiff;
    job_checks() -> Vec<JobIssue>;
    job_templates() -> Vec<JobTemplate>;
    job_template_save(name: String, version_id: i64) -> JobTemplate;
    job_template_delete(name: String) -> ();
    review_settings() -> ReviewSettings;
    review_settings_save(input: ReviewSettings) -> ReviewSettings;
    reviews_list(year: i32) -> Vec<ReviewLine>;
    review(id: i64) -> Review;
    review_plan(input: PlanInput) -> Review;
    review_save(input: ReviewSaveInput) -> Review;
    review_advance(input: AdvanceInput) -> Review;
    review_sign(input: ReviewSignInput) -> ReviewSaved;
    review_reminders() -> Vec<Reminder>;
    trainings() -> Vec<Training>;
    training_save(input: TrainingInput) -> Training;
    training_decide(input: TrainingDecisionInput) -> Training;
    proposals() -> Vec<Proposal>;
    proposal_save(input: ProposalInput) -> Proposal;
    proposal_submit(id: i64, on: String) -> Proposal;
    proposal_decide(input: ProposalDecisionInput) -> Proposal;
}

macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

/// The whole generated TypeScript file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let types = decls!(&cfg;
        Lang, Role, Action, Actor, ApiError, kso_core::error::ApiFieldError,
        AppStatus, SetupInput, LoginInput, DemoInput, DemoSummary,
        Kpi, Department, Position, PositionInput, Employee, EmployeeInput, StaffQuery, AuditQuery, AuditEntry,
        ContractType, Skill, AbsenceKind, Absence, AbsenceInput, DayKind, ShiftType, CoverageNeed,
        CoverageOverride, CoverageOverrideInput,
        RuleId, Severity, Totals, ShiftCount, DayCoverage, RosterDay, RosterRow, FindingView,
        RosterChangeView, RosterView, RosterCellInput, ShiftTypeInput, ImportRejection, ImportReport,
        ContractKind, ContractStatus, SignerCapacity, SignAs, BudgetLine, BudgetLineInput,
        BudgetLineStatus, BudgetStatus, Supplier, SupplierInput, ShareInput, ContractInput,
        ContractShare, ContractRow, Amendment, Deliverable, Invoice, ContractDocument, LineNeed,
        Authority, Contract, ContractQuery, SignInput, AmendmentInput, TerminationInput,
        DeliverableInput, AcceptanceInput, InvoiceInput, DocumentInput, WarningKind, Warning,
        ContractSettings, ContractSettingsInput,
        DocumentKind, DocumentSignature, DocumentRecord, SigningSettings, TrustAnchor,
        HashAlg, Modification, Trust, SignatureReport, VerifyReport,
        Summary, KeyInput, SigningInput, ExportInput, FileSignInput, SavedFile, Verification,
        SessionInfo, Account, AccountInput, PasswordChangeInput, PasswordResetInput, HeadAbsence,
        HeadAbsenceInput, Substitution, SecuritySettings, AuditVerification, BackupInfo,
        Computation, KpiInput, TargetRevision, Target, TargetInput, ActualInput, FigureSource,
        MonthFigure, TrackStatus, KpiYear, KpiDashboard, DrillPart, DrillQuery, DrillTicket,
        CallOutcome, DrillCall, Drill, CallSettings, TicketFormat, ColumnRef, FlagRule, TimeBasis,
        TicketProfile, FilePreview, ImportKind, KpiImportInput, ImportProgress, RejectedRow,
        KpiImportReport, ImportBatch,
        Duty, Requirements, JobBody, JobStatus, JobState, ConsentReason, PositionRef, JobFile,
        Approval, Acknowledgement, JobVersion, JobVersionHead, JobSummary, DraftStart,
        DraftNewInput, DraftSaveInput, FileInput, ApprovalInput, AcknowledgeInput, JobTemplate,
        OpKind, DiffOp, ChangeKind, SectionDiff, JobDiff, IssueKind, JobIssue, HolderSignInput,
        HolderSaved,
        ReviewKind, ReviewStatus, Goal, Need, ReviewBody, ReviewFile, Review, ReviewLine, PlanInput,
        ReviewSaveInput, AdvanceInput, ReviewSettings, TrainingStatus, Training, TrainingInput,
        TrainingDecisionInput, ProposalKind, ProposalStatus, Decision, Proposal, ProposalInput,
        ProposalDecisionInput, Reminder, Signer, ReviewSignInput, ReviewSaved,
        RosterWeights, RequestKind, ShiftRequest, ShiftRequestInput, GapReasons, GapExplanation,
        ProposalRun, ProposalCellView, ProposalView, ProposeStatus,
    );
    format!(
        "// Generated from the Rust types by `KSO_UPDATE_BINDINGS=1 cargo test -p kso-desk --test bindings`.\n\
         // Do not edit: CI fails when this file is not current.\n\n\
         import {{ invoke }} from \"@tauri-apps/api/core\";\n\n\
         {}\n\n\
         export const commands = {{\n{}}};\n",
        types.join("\n\n"),
        typescript_commands(&cfg)
    )
}
