// Generated from the Rust types by `KSO_UPDATE_BINDINGS=1 cargo test -p kso-desk --test bindings`.
// Do not edit: CI fails when this file is not current.

import { invoke } from "@tauri-apps/api/core";

export type Lang = "et" | "en";

export type Role = "head" | "deputy" | "viewer";

export type Action = "view_staff" | "edit_staff" | "view_audit" | "view_department" | "view_roster" | "edit_roster" | "view_contracts" | "edit_contracts" | "sign_contracts" | "export_documents" | "sign_documents" | "backup" | "view_kpis" | "edit_kpis" | "manage_accounts" | "view_reviews" | "edit_reviews";

export type Actor = { user_id: number, login: string, name: string, role: Role, 
/**
 * Whom the user acts for, e.g. "head" while the deputy substitutes for the head (§ 3.6).
 */
acting_as: Role | null, };

export type ApiError = { code: string, message: string, fields: Array<ApiFieldError>, };

export type ApiFieldError = { field: string, rule: string, message: string, };

export type AppStatus = { initialized: boolean, department: string | null, db_path: string, language: Lang, schema_version: number, };

export type SetupInput = { department: string, head_name: string, head_login: string, password: string, password_repeat: string, };

export type LoginInput = { login: string, password: string, };

export type DemoInput = { employees: number, years: number, };

export type DemoSummary = { employees: number, active: number, positions: number, audit_records: number, 
/**
 * Shifts in the roster.
 */
assignments: number, 
/**
 * Imported tickets and calls (a year of each, for the KPIs).
 */
tickets: number, calls: number, };

export type Kpi = { code: string, name_et: string, name_en: string, unit: string, higher_is_better: boolean, 
/**
 * What is counted above the line, and below it.
 */
numerator_et: string, numerator_en: string, denominator_et: string, denominator_en: string, 
/**
 * How monthly figures are computed from imported records; none: entered by hand.
 */
computation: Computation | null, };

export type Department = { name: string, 
/**
 * § 3.8.2 signing limit, excluding VAT, in cents.
 */
signing_limit_cents: number, currency: string, kpis: Array<Kpi>, };

export type Position = { id: number, code: string, title: string, 
/**
 * The position's classification (e.g. the job family and level).
 */
classification: string, 
/**
 * Posts in full-time equivalents × 1000 (1 000 = one full-time post).
 */
fte_milli: number, reports_to: number | null, reports_to_title: string | null, 
/**
 * § 3.1: approved by the director on this date …
 */
approved_on: string | null, 
/**
 * … by this directive.
 */
directive_no: string, 
/**
 * The active employees in this position.
 */
holders: Array<string>, };

export type PositionInput = { id: number | null, code: string, title: string, classification: string, 
/**
 * Posts in FTE, e.g. `1`, `0,5` or `10`.
 */
fte: string, reports_to: number | null, 
/**
 * `dd.mm.yyyy`, with the directive number, or both empty while not yet approved.
 */
approved_on: string, directive_no: string, };

export type Employee = { id: number, first_name: string, last_name: string, email: string, phone: string | null, start_date: string, position_id: number | null, position_title: string | null, active: boolean, end_date: string | null, contract_type: ContractType, 
/**
 * The contractual working week in minutes (full time 2400 = 40 h).
 */
weekly_minutes: number, birth_date: string | null, skills: Array<Skill>, };

export type EmployeeInput = { first_name: string, last_name: string, email: string, phone: string, start_date: string, position_id: number | null, contract_type: ContractType, 
/**
 * Hours per week, e.g. `40` or `30,5`; empty means full time.
 */
weekly_hours: string, 
/**
 * Optional; needed for the rules on minors.
 */
birth_date: string, skills: Array<Skill>, };

export type StaffQuery = { include_inactive: boolean, search: string | null, };

export type AuditQuery = { entity: string | null, entity_id: number | null, limit: number | null, 
/**
 * Part of the login or name.
 */
who: string | null, 
/**
 * Part of the action, e.g. "contract" or "roster.publish".
 */
what: string | null, 
/**
 * First and last day (dd.mm.yyyy), Tallinn time.
 */
from: string | null, to: string | null, 
/**
 * Only what a substitute did acting for the head.
 */
acting_only: boolean, };

export type AuditEntry = { id: number, 
/**
 * UTC instant, RFC 3339.
 */
at: string, user_login: string, user_name: string, acting_as: Role | null, action: string, entity: string, entity_id: string | null, before: unknown, after: unknown, };

export type ContractType = "official" | "employee";

export type Skill = "et" | "ru" | "en" | "first_line" | "second_line" | "monitoring";

export type AbsenceKind = "annual_leave" | "sick_leave" | "training" | "business_trip" | "other";

export type Absence = { id: number, employee_id: number, kind: AbsenceKind, start_date: string, end_date: string, note: string, };

export type AbsenceInput = { employee_id: number, kind: AbsenceKind, start_date: string, end_date: string, note: string, };

export type DayKind = "weekday" | "weekend" | "holiday";

export type ShiftType = { id: number, code: string, name: string, 
/**
 * Minutes after local midnight.
 */
start_minute: number, 
/**
 * Nominal (wall-clock) length in minutes.
 */
length_minutes: number, 
/**
 * Skills everyone on this shift must have.
 */
skills: Array<Skill>, active: boolean, };

export type CoverageNeed = { shift_type_id: number, day_kind: DayKind, skill: Skill | null, min: number, optimal: number, };

export type CoverageOverride = { date: string, shift_type_id: number, skill: Skill | null, min: number, optimal: number, };

export type CoverageOverrideInput = { date: string, shift_type_id: number, skill: Skill | null, min: number, optimal: number, };

export type RuleId = "absence" | "skill_missing" | "shift_length" | "daily_rest" | "weekly_rest" | "average48" | "night_minor" | "night_worker" | "overtime" | "coverage_gap" | "over_cover";

export type Severity = "error" | "warning";

export type Totals = { employee_id: number, shifts: number, minutes: number, night_minutes: number, holiday_minutes: number, weekend_shifts: number, 
/**
 * The month's norm less absences on working days (TLS § 43, § 53).
 */
norm_minutes: number, };

export type ShiftCount = { shift_type_id: number, assigned: number, min: number, };

export type DayCoverage = { date: string, shifts: Array<ShiftCount>, 
/**
 * Hours of the day with a coverage gap for any skill.
 */
gap_hours: number, };

export type RosterDay = { date: string, 
/**
 * 1 = Monday … 7 = Sunday.
 */
weekday: number, kind: DayKind, holiday: string | null, 
/**
 * TLS § 53: 3 hours shorter.
 */
shortened: boolean, };

export type RosterRow = { employee_id: number, name: string, email: string, skills: Array<Skill>, 
/**
 * The shift code of each day of the month, or null.
 */
cells: Array<string | null>, 
/**
 * The absence of each day, or null.
 */
absences: Array<AbsenceKind | null>, 
/**
 * Whether the head locked the cell of each day (a proposal keeps it as it is).
 */
locked: Array<boolean>, 
/**
 * The employee's wishes of each day: `+P` to work P, `−` a day off, `−Ö` not Ö.
 */
requests: Array<string | null>, totals: Totals, };

export type FindingView = { rule: RuleId, section: string | null, severity: Severity, employee_id: number | null, employee_name: string | null, date: string, 
/**
 * The other day of a pair (rest between two shifts) or the last day of a week or period.
 */
other_date: string | null, 
/**
 * Local start and end of a coverage gap or over-cover, `YYYY-MM-DDTHH:MM`.
 */
from: string | null, to: string | null, skill: Skill | null, 
/**
 * What was found and what the rule requires, in `unit`s.
 */
found: number, required: number, 
/**
 * `minutes` for the time rules, `people` for coverage.
 */
unit: string, 
/**
 * The day index (0-based) in the month, for jumping to the grid cell.
 */
day_index: number | null, message: string, };

export type RosterChangeView = { at: string, user_name: string, acting_as: string | null, employee_name: string, date: string, before: string | null, after: string | null, reason: string, };

export type RosterView = { 
/**
 * `YYYY-MM`.
 */
month: string, published: boolean, published_at: string | null, published_by: string | null, days: Array<RosterDay>, shift_types: Array<ShiftType>, rows: Array<RosterRow>, coverage: Array<DayCoverage>, findings: Array<FindingView>, 
/**
 * The full-time norm of the month.
 */
norm_minutes: number, changes: Array<RosterChangeView>, };

export type RosterCellInput = { month: string, employee_id: number, date: string, code: string, 
/**
 * Required once the month is published.
 */
reason: string, };

export type ShiftTypeInput = { id: number | null, code: string, name: string, 
/**
 * `08:00`
 */
start: string, 
/**
 * Hours, e.g. `12` or `7,5`.
 */
length: string, skills: Array<Skill>, active: boolean, };

export type ImportRejection = { line: number, message: string, };

export type ImportReport = { imported: number, rejected: Array<ImportRejection>, 
/**
 * False when rejected rows stopped the whole file.
 */
applied: boolean, };

export type ContractKind = "goods" | "services";

export type ContractStatus = "draft" | "signed" | "in_force" | "ended" | "terminated";

export type SignerCapacity = "head" | "acting_head" | "director";

export type SignAs = "head" | "director";

export type BudgetLine = { id: number, year: number, code: string, name: string, approved_cents: number, };

export type BudgetLineInput = { id: number | null, year: number, code: string, name: string, 
/**
 * Money as typed: `12 000,00`.
 */
approved: string, };

export type BudgetLineStatus = { id: number, year: number, code: string, name: string, approved_cents: number, 
/**
 * Committed: signed contracts' cost (or what was invoiced, if more) and approved training.
 */
committed_cents: number, invoiced_cents: number, 
/**
 * Of `committed_cents`, approved and done training requests (§ 3.7.10).
 */
training_cents: number, free_cents: number, 
/**
 * Committed share of the approved amount, in tenths of a per cent (935 = 93,5 %).
 */
used_permille: number, 
/**
 * Over 90 % committed (§ 3.7.9): shown with a warning.
 */
high: boolean, contracts: number, };

export type BudgetStatus = { year: number, 
/**
 * Whether the budget counts VAT-inclusive cost (a state agency cannot deduct input VAT).
 */
includes_vat: boolean, lines: Array<BudgetLineStatus>, approved_cents: number, committed_cents: number, invoiced_cents: number, free_cents: number, };

export type Supplier = { id: number, name: string, reg_code: string, vat_no: string, contact: string, email: string, phone: string, };

export type SupplierInput = { id: number | null, name: string, reg_code: string, vat_no: string, contact: string, email: string, phone: string, };

export type ShareInput = { budget_line_id: number, amount: string, };

export type ContractInput = { id: number | null, number: string, title: string, subject: string, kind: ContractKind, 
/**
 * The CPV procurement code where known (`72000000-5`), else empty.
 */
cpv: string, supplier_id: number | null, 
/**
 * The budget line the whole value falls on, when `shares` is empty.
 */
budget_line_id: number | null, 
/**
 * The value excluding VAT, as typed.
 */
value: string, 
/**
 * The VAT rate in per cent; empty takes the rate in force on the start date.
 */
vat_rate: string, start_date: string, end_date: string, 
/**
 * How the value falls over budget years; empty puts it all on `budget_line_id`.
 */
shares: Array<ShareInput>, };

export type ContractShare = { budget_line_id: number, year: number, line_code: string, value_cents: number, 
/**
 * The budget cost of this part (with VAT when the budget counts it).
 */
cost_cents: number, };

export type ContractRow = { id: number, number: string, title: string, kind: ContractKind, cpv: string, supplier_id: number, supplier_name: string, supplier_reg_code: string, 
/**
 * The line of the first budget year (the contract's main line).
 */
budget_line_id: number, budget_line_code: string, 
/**
 * The current value excluding VAT, after all amendments.
 */
value_cents: number, original_value_cents: number, vat_rate_bp: number, vat_cents: number, gross_cents: number, start_date: string, end_date: string, status: ContractStatus, signer_capacity: SignerCapacity | null, signer_name: string | null, signed_on: string | null, 
/**
 * Invoiced so far, excluding VAT.
 */
invoiced_cents: number, 
/**
 * What is left of the value: value − invoiced (excl. VAT).
 */
remaining_cents: number, amendments: number, warnings: number, };

export type Amendment = { id: number, seq: number, date: string, reason: string, value_before_cents: number, value_after_cents: number, start_before: string, start_after: string, end_before: string, end_after: string, subject_before: string, subject_after: string, signer_capacity: SignerCapacity, signer_name: string, signed_ref: string, };

export type Deliverable = { id: number, contract_id: number, title: string, due_date: string, accepted_on: string | null, accepted_by: string, 
/**
 * Past its due date and not accepted.
 */
overdue: boolean, };

export type Invoice = { id: number, contract_id: number, budget_line_id: number, budget_line_code: string, number: string, date: string, amount_cents: number, vat_cents: number, total_cents: number, paid_on: string | null, };

export type ContractDocument = { id: number, name: string, size: number, sha256: string, added_at: string, added_by: string, };

export type LineNeed = { budget_line_id: number, code: string, year: number, need_cents: number, free_cents: number, };

export type Authority = { limit_cents: number, value_cents: number, within_limit: boolean, lines: Array<LineNeed>, within_budget: boolean, head_may_sign: boolean, 
/**
 * Why not, each naming § 3.8.2, in the user's language.
 */
reasons: Array<string>, };

export type Contract = { row: ContractRow, subject: string, vat_overridden: boolean, signed_ref: string, terminated_on: string | null, termination_reason: string, shares: Array<ContractShare>, amendments: Array<Amendment>, deliverables: Array<Deliverable>, invoices: Array<Invoice>, documents: Array<ContractDocument>, 
/**
 * For a draft: may the head sign it now? For a signed contract: may the head amend it?
 */
authority: Authority, warnings: Array<Warning>, history: Array<AuditEntry>, };

export type ContractQuery = { year: number | null, status: ContractStatus | null, supplier_id: number | null, budget_line_id: number | null, search: string | null, };

export type SignInput = { contract_id: number, sign_as: SignAs, 
/**
 * The date of signing (`dd.mm.yyyy`).
 */
date: string, 
/**
 * The director's name, when the director signs.
 */
director_name: string, 
/**
 * The reference of the signed document (e.g. the document register number).
 */
reference: string, };

export type AmendmentInput = { contract_id: number, date: string, reason: string, 
/**
 * The new total value excl. VAT; empty leaves it. A change falls on the last budget year.
 */
value: string, 
/**
 * New dates and subject; empty leaves them.
 */
start_date: string, end_date: string, subject: string, sign_as: SignAs, director_name: string, reference: string, };

export type TerminationInput = { contract_id: number, date: string, reason: string, };

export type DeliverableInput = { contract_id: number, title: string, due_date: string, };

export type AcceptanceInput = { deliverable_id: number, date: string, accepted_by: string, };

export type InvoiceInput = { contract_id: number, number: string, date: string, 
/**
 * The amount excluding VAT, as typed.
 */
amount: string, 
/**
 * The VAT on the invoice; empty computes it at the contract's rate.
 */
vat: string, 
/**
 * Empty when not yet paid.
 */
paid_on: string, };

export type DocumentInput = { contract_id: number, name: string, content: Array<number>, };

export type WarningKind = "splitting" | "expiring" | "budget_high" | "invoices_over_value" | "deliverable_overdue";

export type Warning = { kind: WarningKind, 
/**
 * The statute section behind it.
 */
section: string, 
/**
 * The contracts it concerns (several for splitting).
 */
contract_ids: Array<number>, budget_line_id: number | null, 
/**
 * Days until the end, for an expiring contract.
 */
days: number | null, message: string, };

export type ContractSettings = { signing_limit_cents: number, budget_includes_vat: boolean, };

export type ContractSettingsInput = { signing_limit: string, budget_includes_vat: boolean, };

export type DocumentKind = "roster" | "staffing" | "contracts" | "contract" | "budget" | "kpi" | "job" | "review";

export type DocumentSignature = { id: number, 
/**
 * UTC, RFC 3339.
 */
signed_at: string, 
/**
 * The user who signed in the app.
 */
signed_by: string, acting_as: Role | null, 
/**
 * The certificate's common name.
 */
signer: string, 
/**
 * The role written into the signature.
 */
role: string, hash_alg: string, 
/**
 * `p12` (a key file) or `pkcs11` (an ID card or another token).
 */
key_source: string, sha256: string, };

export type DocumentRecord = { id: number, number: string, kind: DocumentKind, period: string, title: string, 
/**
 * SHA-256 of the exported file, hex.
 */
sha256: string, pages: number, size: number, lang: Lang, created_at: string, created_by: string, acting_as: Role | null, signatures: Array<DocumentSignature>, };

export type SigningSettings = { location: string, reason: string, 
/**
 * The PKCS#11 module of the ID card reader (OpenSC).
 */
pkcs11_module: string, };

export type TrustAnchor = { id: number, subject: string, sha256: string, 
/**
 * The certificate's end of validity, RFC 3339.
 */
not_after: string, added_at: string, };

export type HashAlg = "sha256" | "sha384" | "sha512";

export type Modification = "none" | "harmless" | "changed";

export type Trust = "trusted" | "untrusted" | "no_anchors";

export type SignatureReport = { 
/**
 * The signature field's name.
 */
field: string, 
/**
 * The signer's common name.
 */
signer: string, 
/**
 * The signer certificate's subject and issuer.
 */
subject: string, issuer: string, serial: string, 
/**
 * The signing time the signature claims (`/M`), RFC 3339 UTC.
 */
signing_time: string | null, hash: HashAlg | null, 
/**
 * The key: "RSA 2048", "ECDSA P-384".
 */
key: string | null, sub_filter: string, 
/**
 * The role the signer claimed ("Osakonnajuhataja ülesannetes").
 */
role: string | null, reason: string | null, location: string | null, 
/**
 * The signed bytes hash to the signed digest and the signature verifies with the
 * certificate's key.
 */
cryptographically_valid: boolean, 
/**
 * The signature covers the file up to its end.
 */
covers_whole: boolean, modification: Modification, 
/**
 * What the later updates changed, when not harmless (or what they added, when harmless).
 */
changes: Array<string>, 
/**
 * Valid and nothing but harmless updates after it.
 */
intact: boolean, trust: Trust, 
/**
 * The anchor the chain ends in, or why it does not chain.
 */
trust_detail: string, 
/**
 * The certificate was valid at the signing time.
 */
certificate_valid_at_signing: boolean, problems: Array<string>, };

export type VerifyReport = { pages: number, signatures: Array<SignatureReport>, 
/**
 * Every signature intact (false when there is none).
 */
all_intact: boolean, };

export type Summary = { "kind": "roster", month: string, } | { "kind": "staffing" } | { "kind": "contracts", year: number, } | { "kind": "contract", id: number, } | { "kind": "budget", year: number, } | { "kind": "kpi", year: number, } | { "kind": "job", position_id: number, version: number | null, } | { "kind": "review", id: number, };

export type KeyInput = { "source": "p12", content: Array<number>, password: string, } | { "source": "pkcs11", pin: string, };

export type SigningInput = { key: KeyInput, hash: HashAlg | null, };

export type ExportInput = { summary: Summary, sign: SigningInput | null, };

export type FileSignInput = { 
/**
 * The file's name, for the signed copy's name.
 */
name: string, content: Array<number>, sign: SigningInput, };

export type SavedFile = { path: string, record: DocumentRecord | null, verification: VerifyReport | null, };

export type Verification = { report: VerifyReport, document: DocumentRecord | null, 
/**
 * SHA-256 of the file.
 */
sha256: string, };

export type SessionInfo = { user: Actor, locked: boolean, };

export type Account = { id: number, login: string, name: string, role: Role, active: boolean, employee_id: number | null, employee_name: string | null, 
/**
 * Whether the account has its wrapping of the database key (i.e. can sign in).
 */
has_key: boolean, password_changed_at: string | null, };

export type AccountInput = { id: number | null, login: string, name: string, role: Role, employee_id: number | null, password: string, password_repeat: string, };

export type PasswordChangeInput = { current: string, password: string, password_repeat: string, };

export type PasswordResetInput = { user_id: number, password: string, password_repeat: string, };

export type HeadAbsence = { id: number, starts_on: string, ends_on: string, reason: string, substitute_id: number, substitute_name: string, 
/**
 * When the head ended it early (UTC, RFC 3339).
 */
ended_at: string | null, created_at: string, };

export type HeadAbsenceInput = { id: number | null, 
/**
 * dd.mm.yyyy
 */
starts_on: string, ends_on: string, reason: string, substitute_id: number | null, };

export type Substitution = { current: HeadAbsence | null, next: HeadAbsence | null, 
/**
 * Whether the signed-in user is the one acting for the head now.
 */
me_acting: boolean, };

export type SecuritySettings = { 
/**
 * The session locks after this many idle minutes (1–240).
 */
idle_lock_minutes: number, 
/**
 * Whether the substitute, while acting for the head, may see reviews and sick-leave kinds.
 */
deputy_sees_sensitive: boolean, 
/**
 * Automatic daily backups to keep.
 */
backups_kept: number, };

export type AuditVerification = { records: number, intact: boolean, 
/**
 * The first record that fails, and why.
 */
first_bad: number | null, problem: string | null, };

export type BackupInfo = { path: string, 
/**
 * UTC, RFC 3339.
 */
modified: string, bytes: number, };

export type Computation = "on_time" | "quality" | "satisfaction" | "first_level" | "calls_sla" | "right_team";

export type KpiInput = { code: string, name_et: string, name_en: string, unit: string, higher_is_better: boolean, numerator_et: string, numerator_en: string, denominator_et: string, denominator_en: string, };

export type TargetRevision = { 
/**
 * The calendar date of the change (Tallinn).
 */
changed_on: string, changed_by: string, 
/**
 * Hundredths of the unit (85.5 % = 8550); none for the first setting.
 */
old_value: number | null, new_value: number, reason: string, };

export type Target = { kpi_code: string, year: number, 
/**
 * Hundredths of the unit.
 */
value: number, history: Array<TargetRevision>, };

export type TargetInput = { kpi_code: string, year: number, value: string, reason: string, };

export type ActualInput = { kpi_code: string, 
/**
 * `YYYY-MM`.
 */
month: string, numerator: number, denominator: number, note: string, };

export type FigureSource = "manual" | "tickets" | "calls" | "none";

export type MonthFigure = { 
/**
 * `YYYY-MM`.
 */
month: string, numerator: number, denominator: number, 
/**
 * Hundredths of the unit; none without a denominator.
 */
value: number | null, source: FigureSource, 
/**
 * Who entered a manual figure and why, or what a computed one was read with.
 */
source_note: string, 
/**
 * The computed figure a manual one replaces, if there is one.
 */
computed: [number, number] | null, };

export type TrackStatus = "on_track" | "off_track" | "no_target" | "no_data";

export type KpiYear = { kpi: Kpi, 
/**
 * Hundredths of the unit.
 */
target: number | null, numerator: number, denominator: number, 
/**
 * The year to date, hundredths of the unit.
 */
actual: number | null, status: TrackStatus, 
/**
 * Twelve months, January first.
 */
months: Array<MonthFigure>, 
/**
 * How the computed figures read the exports (the profiles' interpretation).
 */
definition: string, };

export type KpiDashboard = { year: number, indicators: Array<KpiYear>, tickets: number, calls: number, last_import: ImportBatch | null, };

export type DrillPart = "all" | "numerator" | "missed";

export type DrillQuery = { kpi_code: string, 
/**
 * `YYYY-MM`.
 */
month: string, part: DrillPart, offset: number, limit: number, };

export type DrillTicket = { system: string, key: string, title: string, status: string, group: string, 
/**
 * Instants as RFC 3339 UTC.
 */
created_at: string, resolved_at: string | null, due_at: string | null, on_time: boolean | null, reopened: boolean, first_level: boolean, escalated: boolean, returned: boolean, satisfaction: number | null, in_numerator: boolean, };

export type CallOutcome = "answered" | "abandoned" | "timeout";

export type DrillCall = { system: string, call_id: string, queue: string, entered_at: string, outcome: CallOutcome, wait_seconds: number, in_numerator: boolean, };

export type Drill = { kpi_code: string, month: string, 
/**
 * How many records match (the lists hold one page).
 */
total: number, tickets: Array<DrillTicket>, calls: Array<DrillCall>, };

export type CallSettings = { 
/**
 * Answered within this many seconds counts as within the SLA.
 */
sla_seconds: number, 
/**
 * Calls abandoned within this many seconds…
 */
short_abandon_seconds: number, 
/**
 * …are left out of the denominator when this is set.
 */
exclude_short_abandons: boolean, };

export type TicketFormat = "jira" | "zammad" | "znuny" | "glpi" | "mapped";

export type ColumnRef = { name: string, occurrence: number, };

export type FlagRule = { column: ColumnRef | null, tokens: Array<string>, };

export type TimeBasis = "tallinn" | "utc";

export type TicketProfile = { name: string, format: TicketFormat, 
/**
 * The ticket system the keys belong to: re-imports from the same system update in place.
 */
system: string, 
/**
 * `,`, `;` or a tab.
 */
delimiter: string, 
/**
 * `auto` or a pattern such as `%d/%b/%y %I:%M %p`.
 */
date_format: string, time_basis: TimeBasis, key: ColumnRef, title: ColumnRef | null, created: ColumnRef, resolved: ColumnRef | null, status: ColumnRef | null, group: ColumnRef | null, 
/**
 * The originally agreed deadline (a date or instant).
 */
due: ColumnRef | null, 
/**
 * An SLA cell whose value below zero (`-2h`, `-15`) means the deadline was missed.
 */
sla_remaining: ColumnRef | null, satisfaction: ColumnRef | null, 
/**
 * Statuses that mean resolved (empty: any ticket with a resolution date).
 */
resolved_statuses: Array<string>, 
/**
 * Groups (teams, queues) of the first level (the department's service desk).
 */
first_level_groups: Array<string>, 
/**
 * Escalated to a second-level team (besides ending in a group not of the first level).
 */
escalated: FlagRule, 
/**
 * Returned or rejected by the receiving team.
 */
returned: FlagRule, 
/**
 * Reopened after being resolved.
 */
reopened: FlagRule, 
/**
 * A rating at least this counts as satisfied.
 */
satisfied_min: number, 
/**
 * The top of the rating scale.
 */
scale_max: number, };

export type FilePreview = { delimiter: string, columns: Array<ColumnRef>, rows: Array<Array<string>>, };

export type ImportKind = "tickets" | "calls";

export type KpiImportInput = { kind: ImportKind, format: string, profile: string | null, file_name: string, 
/**
 * Import the valid rows even if some are rejected (otherwise a rejected row imports nothing).
 */
accept_valid: boolean, };

export type ImportProgress = { bytes: number, rows: number, rejected: number, };

export type RejectedRow = { line: number, reason: string, };

export type KpiImportReport = { 
/**
 * Whether anything was stored (false when rows were rejected and valid rows were not
 * asked for, or nothing was read).
 */
committed: boolean, batch_id: number | null, rows: number, inserted: number, updated: number, 
/**
 * The rejected rows with their reasons: the first 10 000 (all are counted).
 */
rejected: Array<RejectedRow>, rejected_count: number, 
/**
 * Columns of the mapping profile that the file does not have (their facts are unknown
 * and stay out of the indicators' denominators).
 */
missing_columns: Array<string>, 
/**
 * Queue-log calls with no outcome yet (the export ends mid-call): left for a later export.
 */
incomplete: number, 
/**
 * The first and last month of the imported records, `YYYY-MM`.
 */
first_month: string | null, last_month: string | null, elapsed_ms: number, };

export type ImportBatch = { id: number, kind: ImportKind, format: string, profile: string, file_name: string, imported_at: string, imported_by: string, rows: number, inserted: number, updated: number, rejected: number, };

export type Duty = { 
/**
 * Kept across versions: a revised duty keeps its id, so the diff pairs it with itself.
 * 0 in a new duty (the core numbers it).
 */
id: number, text: string, result: string, 
/**
 * One of the position's main duties (changing these needs the holder's consent).
 */
main: boolean, };

export type Requirements = { education: string, knowledge: string, skills: string, experience: string, personal: string, };

export type JobBody = { purpose: string, 
/**
 * Positions whose holders this position's holder substitutes.
 */
substitutes: Array<number>, 
/**
 * Positions whose holders substitute this one, the first one first.
 */
substituted_by: Array<number>, duties: Array<Duty>, responsibility: string, rights: string, requirements: Requirements, };

export type JobStatus = "draft" | "submitted" | "approved";

export type JobState = "draft" | "submitted" | "approved" | "in_force" | "superseded";

export type ConsentReason = "purpose" | "main_duties" | "requirements";

export type PositionRef = { id: number, code: string, title: string, };

export type JobFile = { id: number, file_name: string, sha256: string, };

export type Approval = { 
/**
 * Who approved: the deputy director for support (§ 3.4).
 */
approved_by: string, approved_on: string, reference: string, 
/**
 * The approving signed PDF, when one was attached.
 */
file: JobFile | null, in_force_from: string, recorded_by: string, };

export type Acknowledgement = { employee_id: number, employee: string, acknowledged_on: string, file: JobFile | null, recorded_by: string, };

export type JobVersion = { id: number, position: PositionRef, version: number, status: JobStatus, state: JobState, body: JobBody, 
/**
 * What it was written from: another version ("KSO-02 v3") or a template's name.
 */
based_on: string | null, note: string, created_at: string, created_by: string, updated_at: string, submitted_at: string | null, submitted_by: string | null, approval: Approval | null, 
/**
 * Against the version approved before it: what needs the holder's consent.
 */
consent: Array<ConsentReason>, 
/**
 * The version it is compared with for `consent`.
 */
compared_with: number | null, acknowledgements: Array<Acknowledgement>, 
/**
 * From the staffing table, as it is now.
 */
reports_to: PositionRef | null, subordinates: Array<PositionRef>, 
/**
 * The holders now (active employees in the position): (id, name).
 */
holders: Array<[number, string]>, 
/**
 * Names of the positions in `body.substitutes` / `body.substituted_by`, in their order.
 */
substitutes: Array<PositionRef>, substituted_by: Array<PositionRef>, };

export type JobVersionHead = { id: number, version: number, status: JobStatus, state: JobState, updated_at: string, approved_on: string | null, in_force_from: string | null, consent: Array<ConsentReason>, note: string, };

export type JobSummary = { position: PositionRef, holders: Array<string>, 
/**
 * The version in force today and the day it took force.
 */
in_force: [number, string] | null, 
/**
 * The open version (draft or submitted), if any.
 */
open: [number, JobStatus] | null, 
/**
 * The open version needs the holder's consent.
 */
open_consent: boolean, 
/**
 * Holders who have not acknowledged the version in force.
 */
unacknowledged: Array<string>, versions: number, };

export type DraftStart = { "kind": "empty" } | { "kind": "latest" } | { "kind": "template", name: string, } | { "kind": "version", id: number, };

export type DraftNewInput = { position_id: number, start: DraftStart, };

export type DraftSaveInput = { version_id: number, body: JobBody, 
/**
 * What this version changes, in a sentence.
 */
note: string, };

export type FileInput = { file_name: string, content: Array<number>, };

export type ApprovalInput = { version_id: number, approved_by: string, 
/**
 * dd.mm.yyyy or yyyy-mm-dd.
 */
approved_on: string, 
/**
 * The directive's or letter's number; or leave empty and attach the signed PDF.
 */
reference: string, file: FileInput | null, in_force_from: string, };

export type AcknowledgeInput = { version_id: number, employee_id: number, acknowledged_on: string, file: FileInput | null, };

export type JobTemplate = { name: string, body: JobBody, builtin: boolean, };

export type OpKind = "equal" | "insert" | "delete";

export type DiffOp = { kind: OpKind, text: string, };

export type ChangeKind = "same" | "added" | "removed" | "changed";

export type SectionDiff = { 
/**
 * `purpose`, `substitutes`, `substituted_by`, `duty`, `responsibility`, `rights`,
 * `education`, `knowledge`, `skills`, `experience`, `personal`.
 */
section: string, 
/**
 * The section's name ("Ülesanne 2" for a duty).
 */
label: string, kind: ChangeKind, 
/**
 * The text (a duty's text), word by word.
 */
ops: Array<DiffOp>, 
/**
 * A duty's expected result, word by word.
 */
result_ops: Array<DiffOp>, 
/**
 * A duty: whether it is a main duty in the older and in the newer version.
 */
main: [boolean, boolean] | null, 
/**
 * This change needs the holder's consent (§ 59(1¹)).
 */
consent: boolean, };

export type JobDiff = { position_code: string, from_version: number, to_version: number, sections: Array<SectionDiff>, 
/**
 * What the newer version changes that needs the holder's consent.
 */
consent: Array<ConsentReason>, };

export type IssueKind = "none_in_force" | "substitute_vacant" | "circle" | "not_mirrored" | "vacant_uncovered" | "not_acknowledged";

export type JobIssue = { kind: IssueKind, position: PositionRef, 
/**
 * The other positions concerned (the substitute, the circle in order).
 */
related: Array<PositionRef>, employee: string | null, message: string, };

export type HolderSignInput = { version_id: number, employee_id: number, sign: SigningInput, };

export type HolderSaved = { version: JobVersion, saved: SavedFile, };

export type ReviewKind = "annual" | "probation";

export type ReviewStatus = "planned" | "held" | "summary_given" | "commented" | "signed";

export type Goal = { 
/**
 * Kept when carried over; 0 in a new goal (the core numbers it).
 */
id: number, text: string, 
/**
 * On the settings' scale: 1 = its first label. None until assessed.
 */
rating: number | null, comment: string, 
/**
 * The job description's duty it serves (its id in the description in force), if any.
 */
duty_id: number | null, 
/**
 * The indicator of § 2.3 it serves ("2.3.4"), if any.
 */
kpi_code: string | null, 
/**
 * Carried over from last year's interview's next goals.
 */
carried: boolean, };

export type Need = { id: number, text: string, };

export type ReviewBody = { 
/**
 * Last year's goals, each assessed (the assessment of work results).
 */
goals: Array<Goal>, 
/**
 * The assessment of professional development.
 */
development: string, needs: Array<Need>, 
/**
 * Next year's goals (they become next year's goals to assess).
 */
next_goals: Array<Goal>, 
/**
 * The employee's feedback to the manager on management.
 */
feedback: string, 
/**
 * The head's written summary.
 */
summary: string, 
/**
 * The employee's comments on the summary.
 */
employee_comments: string, };

export type ReviewFile = { id: number, file_name: string, sha256: string, };

export type Review = { id: number, employee_id: number, employee: string, position_id: number | null, position: string | null, kind: ReviewKind, year: number, status: ReviewStatus, planned_on: string | null, held_on: string | null, summary_given_on: string | null, commented_on: string | null, signed_on: string | null, probation_months: number | null, probation_end: string | null, body: ReviewBody, 
/**
 * The signed summary (the head's signature, then the employee's).
 */
file: ReviewFile | null, 
/**
 * Training requests made from this interview's needs: (need id, request id, status).
 */
trainings: Array<[number, number, TrainingStatus]>, updated_at: string, };

export type ReviewLine = { employee_id: number, employee: string, position: string | null, 
/**
 * The annual interview of the year, if planned: (id, status).
 */
annual: [number, ReviewStatus] | null, planned_on: string | null, held_on: string | null, 
/**
 * Goals assessed / to assess, and next year's goals.
 */
goals_rated: number, goals: number, next_goals: number, 
/**
 * The probation interview, if the employee has one or owes one: (id, status, last day).
 */
probation: [number | null, ReviewStatus | null, string] | null, };

export type PlanInput = { employee_id: number, kind: ReviewKind, 
/**
 * The year of an annual interview.
 */
year: number, 
/**
 * dd.mm.yyyy; may be empty.
 */
planned_on: string, 
/**
 * The probation's length in months (empty: by the contract, 6 or 4).
 */
probation_months: string, };

export type ReviewSaveInput = { id: number, body: ReviewBody, planned_on: string, };

export type AdvanceInput = { id: number, to: ReviewStatus, on: string, 
/**
 * With `commented`: the employee's comments on the summary.
 */
employee_comments: string, };

export type ReviewSettings = { 
/**
 * The rating scale's labels, lowest first (2–10 of them).
 */
scale: Array<string>, 
/**
 * Whether the substitute acting for the head (§ 3.6) may see and change interviews and
 * proposals. Off by default.
 */
substitute_may_see: boolean, };

export type TrainingStatus = "requested" | "approved" | "rejected" | "done";

export type Training = { id: number, employee_id: number, employee: string, 
/**
 * The interview and the need it was made from.
 */
review_id: number | null, need_id: number | null, course: string, provider: string, starts_on: string, ends_on: string, cost_cents: number, budget_line_id: number | null, 
/**
 * "2026 4500 Koolitused".
 */
budget_line: string | null, status: TrainingStatus, decided_on: string | null, note: string, created_at: string, };

export type TrainingInput = { id: number, employee_id: number, review_id: number | null, need_id: number | null, course: string, provider: string, starts_on: string, ends_on: string, 
/**
 * "1 200,00".
 */
cost: string, budget_line_id: number | null, note: string, };

export type TrainingDecisionInput = { id: number, 
/**
 * approved, rejected or done.
 */
status: TrainingStatus, on: string, note: string, };

export type ProposalKind = "hire" | "release" | "promotion" | "pay_change" | "allowance" | "reward";

export type ProposalStatus = "draft" | "submitted" | "decided";

export type Decision = "approved" | "partly" | "rejected";

export type Proposal = { id: number, kind: ProposalKind, employee_id: number | null, employee: string | null, 
/**
 * The vacancy (hire) or the new position (promotion).
 */
position_id: number | null, position: string | null, justification: string, amount_cents: number | null, status: ProposalStatus, submitted_on: string | null, decided_on: string | null, decision: Decision | null, decision_note: string, created_at: string, created_by: string, };

export type ProposalInput = { id: number, kind: ProposalKind, employee_id: number | null, position_id: number | null, justification: string, 
/**
 * "250,00"; required for a pay change, an allowance or a reward.
 */
amount: string, };

export type ProposalDecisionInput = { id: number, decision: Decision, on: string, note: string, };

export type Reminder = { "kind": "annual_not_held", year: number, employees: Array<[number, string]>, } | { "kind": "probation_due", employee_id: number, employee: string, due: string, 
/**
 * Days until due (negative: overdue).
 */
days: number, review_id: number | null, } | { "kind": "awaiting_comments", review_id: number, employee: string, given_on: string, };

export type Signer = "head" | "employee";

export type ReviewSignInput = { review_id: number, signer: Signer, sign: SigningInput, };

export type ReviewSaved = { review: Review, saved: SavedFile, };

export type RosterWeights = { 
/**
 * Each hour a needed person (with a needed skill) is missing.
 */
uncovered_hour: number, 
/**
 * Each unmet wish to work a shift, or met shift one wished not to work.
 */
request: number, 
/**
 * Each squared step of a person's nights, weekends or holidays away from their fair share.
 */
fairness: number, 
/**
 * Each person on a shift beyond its optimum.
 */
over_cover: number, 
/**
 * Each hour a person is planned below their norm.
 */
norm_hour: number, 
/**
 * Each cell changed from what the head planned (keeps a proposal close to the draft).
 */
change: number, 
/**
 * Whether hours over the reference period's norm (overtime, TLS § 44) may be planned.
 */
allow_overtime: boolean, };

export type RequestKind = "on" | "off";

export type ShiftRequest = { id: number, employee_id: number, date: string, kind: RequestKind, shift_type_id: number | null, note: string, };

export type ShiftRequestInput = { employee_id: number, date: string, kind: RequestKind, shift_type_id: number | null, note: string, };

export type GapReasons = { absent: number, on_shift: number, rest: number, hours: number, locked: number, other: number, };

export type GapExplanation = { date: string, 
/**
 * Local start and end, `YYYY-MM-DDTHH:MM`.
 */
from: string, to: string, skill: Skill | null, missing: number, 
/**
 * Of how many with the skill (or of everyone).
 */
candidates: number, reasons: GapReasons, message: string, };

export type ProposalRun = { month: string, created_at: string, created_by: string, seed: number, seconds: number, elapsed_ms: number, moves: number, objective: number, 
/**
 * Stopped by the user before its time was up.
 */
stopped: boolean, };

export type ProposalCellView = { employee_id: number, date: string, before: string | null, after: string | null, };

export type ProposalView = { run: ProposalRun, cells: Array<ProposalCellView>, 
/**
 * Hours with a coverage gap (any skill), in the month now and with the proposal.
 */
gap_hours_before: number, gap_hours_after: number, 
/**
 * Hard findings (rules of law, absences, skills) now and with the proposal.
 */
hard_before: number, hard_after: number, 
/**
 * Warnings (overtime over the period's norm, over-cover) now and with the proposal.
 */
warnings_before: number, warnings_after: number, requests: number, requests_met_before: number, requests_met_after: number, 
/**
 * The most and fewest night shifts among those who work nights, over the reference period
 * so far, now and with the proposal.
 */
nights_spread_before: [number, number], nights_spread_after: [number, number], 
/**
 * The month changed after the proposal was made: it can only be discarded.
 */
stale: boolean, explanations: Array<GapExplanation>, preview: RosterView, };

export type ProposeStatus = { month: string, running: boolean, elapsed_ms: number, limit_ms: number, objective: number, 
/**
 * Broken rule units of the best so far (0 once it keeps every rule).
 */
hard: number, moves: number, };

export const commands = {
  app_status: (): Promise<AppStatus> => invoke<AppStatus>("app_status", {  }),
  ui_ready: (): Promise<null> => invoke<null>("ui_ready", {  }),
  set_language: (language: Lang): Promise<null> => invoke<null>("set_language", { language }),
  setup: (input: SetupInput): Promise<Actor> => invoke<Actor>("setup", { input }),
  generate_demo: (input: DemoInput): Promise<DemoSummary> => invoke<DemoSummary>("generate_demo", { input }),
  sign_in: (input: LoginInput): Promise<Actor> => invoke<Actor>("sign_in", { input }),
  sign_out: (): Promise<null> => invoke<null>("sign_out", {  }),
  current_user: (): Promise<SessionInfo | null> => invoke<SessionInfo | null>("current_user", {  }),
  lock_session: (): Promise<null> => invoke<null>("lock_session", {  }),
  unlock_session: (password: string): Promise<Actor> => invoke<Actor>("unlock_session", { password }),
  permissions: (): Promise<Array<Action>> => invoke<Array<Action>>("permissions", {  }),
  department: (): Promise<Department> => invoke<Department>("department", {  }),
  staff_list: (query: StaffQuery): Promise<Array<Employee>> => invoke<Array<Employee>>("staff_list", { query }),
  positions: (): Promise<Array<Position>> => invoke<Array<Position>>("positions", {  }),
  position_save: (input: PositionInput): Promise<Position> => invoke<Position>("position_save", { input }),
  employee_add: (input: EmployeeInput): Promise<Employee> => invoke<Employee>("employee_add", { input }),
  employee_update: (id: number, input: EmployeeInput): Promise<Employee> => invoke<Employee>("employee_update", { id, input }),
  employee_deactivate: (id: number, end_date: string): Promise<Employee> => invoke<Employee>("employee_deactivate", { id, end_date }),
  employee_reactivate: (id: number): Promise<Employee> => invoke<Employee>("employee_reactivate", { id }),
  audit_list: (query: AuditQuery): Promise<Array<AuditEntry>> => invoke<Array<AuditEntry>>("audit_list", { query }),
  roster: (month: string): Promise<RosterView> => invoke<RosterView>("roster", { month }),
  roster_set: (input: RosterCellInput): Promise<RosterView> => invoke<RosterView>("roster_set", { input }),
  roster_publish: (month: string): Promise<RosterView> => invoke<RosterView>("roster_publish", { month }),
  roster_propose_start: (month: string, seconds: number, seed: number): Promise<ProposeStatus> => invoke<ProposeStatus>("roster_propose_start", { month, seconds, seed }),
  roster_propose_status: (): Promise<ProposeStatus> => invoke<ProposeStatus>("roster_propose_status", {  }),
  roster_propose_stop: (): Promise<null> => invoke<null>("roster_propose_stop", {  }),
  roster_proposal: (month: string): Promise<ProposalView | null> => invoke<ProposalView | null>("roster_proposal", { month }),
  roster_proposal_accept: (month: string): Promise<RosterView> => invoke<RosterView>("roster_proposal_accept", { month }),
  roster_proposal_discard: (month: string): Promise<null> => invoke<null>("roster_proposal_discard", { month }),
  roster_lock: (month: string, employee_id: number, date: string): Promise<RosterView> => invoke<RosterView>("roster_lock", { month, employee_id, date }),
  roster_requests: (month: string): Promise<Array<ShiftRequest>> => invoke<Array<ShiftRequest>>("roster_requests", { month }),
  roster_request_add: (input: ShiftRequestInput): Promise<ShiftRequest> => invoke<ShiftRequest>("roster_request_add", { input }),
  roster_request_delete: (id: number): Promise<null> => invoke<null>("roster_request_delete", { id }),
  roster_weights: (): Promise<RosterWeights> => invoke<RosterWeights>("roster_weights", {  }),
  roster_weights_save: (weights: RosterWeights): Promise<RosterWeights> => invoke<RosterWeights>("roster_weights_save", { weights }),
  roster_export: (month: string, employee_id: number | null): Promise<string> => invoke<string>("roster_export", { month, employee_id }),
  roster_import: (month: string, text: string, valid_only: boolean): Promise<ImportReport> => invoke<ImportReport>("roster_import", { month, text, valid_only }),
  shift_types: (): Promise<Array<ShiftType>> => invoke<Array<ShiftType>>("shift_types", {  }),
  shift_type_save: (input: ShiftTypeInput): Promise<ShiftType> => invoke<ShiftType>("shift_type_save", { input }),
  coverage_needs: (): Promise<Array<CoverageNeed>> => invoke<Array<CoverageNeed>>("coverage_needs", {  }),
  coverage_need_save: (need: CoverageNeed): Promise<Array<CoverageNeed>> => invoke<Array<CoverageNeed>>("coverage_need_save", { need }),
  coverage_overrides: (month: string): Promise<Array<CoverageOverride>> => invoke<Array<CoverageOverride>>("coverage_overrides", { month }),
  coverage_override_save: (input: CoverageOverrideInput): Promise<null> => invoke<null>("coverage_override_save", { input }),
  reference_months: (): Promise<number> => invoke<number>("reference_months", {  }),
  set_reference_months: (months: number): Promise<number> => invoke<number>("set_reference_months", { months }),
  employee_absences: (employee_id: number): Promise<Array<Absence>> => invoke<Array<Absence>>("employee_absences", { employee_id }),
  absence_add: (input: AbsenceInput): Promise<Absence> => invoke<Absence>("absence_add", { input }),
  absence_delete: (id: number): Promise<null> => invoke<null>("absence_delete", { id }),
  contract_settings: (): Promise<ContractSettings> => invoke<ContractSettings>("contract_settings", {  }),
  contract_settings_save: (input: ContractSettingsInput): Promise<ContractSettings> => invoke<ContractSettings>("contract_settings_save", { input }),
  budget_lines: (year: number | null): Promise<Array<BudgetLine>> => invoke<Array<BudgetLine>>("budget_lines", { year }),
  budget_line_save: (input: BudgetLineInput): Promise<BudgetLine> => invoke<BudgetLine>("budget_line_save", { input }),
  budget_status: (year: number): Promise<BudgetStatus> => invoke<BudgetStatus>("budget_status", { year }),
  suppliers: (): Promise<Array<Supplier>> => invoke<Array<Supplier>>("suppliers", {  }),
  supplier_save: (input: SupplierInput): Promise<Supplier> => invoke<Supplier>("supplier_save", { input }),
  contracts_list: (query: ContractQuery): Promise<Array<ContractRow>> => invoke<Array<ContractRow>>("contracts_list", { query }),
  contract_warnings: (): Promise<Array<Warning>> => invoke<Array<Warning>>("contract_warnings", {  }),
  contract: (id: number): Promise<Contract> => invoke<Contract>("contract", { id }),
  contract_save: (input: ContractInput): Promise<Contract> => invoke<Contract>("contract_save", { input }),
  contract_sign: (input: SignInput): Promise<Contract> => invoke<Contract>("contract_sign", { input }),
  contract_amend: (input: AmendmentInput): Promise<Contract> => invoke<Contract>("contract_amend", { input }),
  contract_terminate: (input: TerminationInput): Promise<Contract> => invoke<Contract>("contract_terminate", { input }),
  deliverable_add: (input: DeliverableInput): Promise<Contract> => invoke<Contract>("deliverable_add", { input }),
  deliverable_accept: (input: AcceptanceInput): Promise<Contract> => invoke<Contract>("deliverable_accept", { input }),
  invoice_add: (input: InvoiceInput): Promise<Contract> => invoke<Contract>("invoice_add", { input }),
  invoice_paid: (invoice_id: number, paid_on: string): Promise<Contract> => invoke<Contract>("invoice_paid", { invoice_id, paid_on }),
  document_add: (input: DocumentInput): Promise<Contract> => invoke<Contract>("document_add", { input }),
  documents: (): Promise<Array<DocumentRecord>> => invoke<Array<DocumentRecord>>("documents", {  }),
  document_export: (input: ExportInput): Promise<SavedFile> => invoke<SavedFile>("document_export", { input }),
  pdf_sign: (input: FileSignInput): Promise<SavedFile> => invoke<SavedFile>("pdf_sign", { input }),
  pdf_verify: (content: Array<number>): Promise<Verification> => invoke<Verification>("pdf_verify", { content }),
  signing_role: (): Promise<string> => invoke<string>("signing_role", {  }),
  signing_settings: (): Promise<SigningSettings> => invoke<SigningSettings>("signing_settings", {  }),
  signing_settings_save: (input: SigningSettings): Promise<SigningSettings> => invoke<SigningSettings>("signing_settings_save", { input }),
  trust_anchors: (): Promise<Array<TrustAnchor>> => invoke<Array<TrustAnchor>>("trust_anchors", {  }),
  trust_anchor_add: (content: Array<number>): Promise<TrustAnchor> => invoke<TrustAnchor>("trust_anchor_add", { content }),
  trust_anchor_remove: (id: number): Promise<null> => invoke<null>("trust_anchor_remove", { id }),
  accounts: (): Promise<Array<Account>> => invoke<Array<Account>>("accounts", {  }),
  account_save: (input: AccountInput): Promise<Account> => invoke<Account>("account_save", { input }),
  account_set_active: (id: number, active: boolean): Promise<null> => invoke<null>("account_set_active", { id, active }),
  password_change: (input: PasswordChangeInput): Promise<null> => invoke<null>("password_change", { input }),
  password_reset: (input: PasswordResetInput): Promise<null> => invoke<null>("password_reset", { input }),
  head_absences: (): Promise<Array<HeadAbsence>> => invoke<Array<HeadAbsence>>("head_absences", {  }),
  head_absence_save: (input: HeadAbsenceInput): Promise<HeadAbsence> => invoke<HeadAbsence>("head_absence_save", { input }),
  head_absence_end: (id: number): Promise<HeadAbsence> => invoke<HeadAbsence>("head_absence_end", { id }),
  substitution: (): Promise<Substitution> => invoke<Substitution>("substitution", {  }),
  security_settings: (): Promise<SecuritySettings> => invoke<SecuritySettings>("security_settings", {  }),
  security_settings_save: (input: SecuritySettings): Promise<SecuritySettings> => invoke<SecuritySettings>("security_settings_save", { input }),
  audit_verify: (): Promise<AuditVerification> => invoke<AuditVerification>("audit_verify", {  }),
  audit_export: (query: AuditQuery): Promise<string> => invoke<string>("audit_export", { query }),
  backups: (): Promise<Array<BackupInfo>> => invoke<Array<BackupInfo>>("backups", {  }),
  backup_now: (): Promise<BackupInfo> => invoke<BackupInfo>("backup_now", {  }),
  kpi_indicators: (): Promise<Array<Kpi>> => invoke<Array<Kpi>>("kpi_indicators", {  }),
  kpi_indicator_save: (input: KpiInput): Promise<Kpi> => invoke<Kpi>("kpi_indicator_save", { input }),
  kpi_targets: (year: number): Promise<Array<Target>> => invoke<Array<Target>>("kpi_targets", { year }),
  kpi_target_set: (input: TargetInput): Promise<Target> => invoke<Target>("kpi_target_set", { input }),
  kpi_targets_copy: (from: number, to: number): Promise<Array<Target>> => invoke<Array<Target>>("kpi_targets_copy", { from, to }),
  kpi_actual_set: (input: ActualInput): Promise<MonthFigure> => invoke<MonthFigure>("kpi_actual_set", { input }),
  kpi_actual_clear: (kpi_code: string, month: string): Promise<null> => invoke<null>("kpi_actual_clear", { kpi_code, month }),
  kpi_dashboard: (year: number): Promise<KpiDashboard> => invoke<KpiDashboard>("kpi_dashboard", { year }),
  kpi_drill: (query: DrillQuery): Promise<Drill> => invoke<Drill>("kpi_drill", { query }),
  kpi_profiles: (): Promise<Array<TicketProfile>> => invoke<Array<TicketProfile>>("kpi_profiles", {  }),
  kpi_profile_save: (profile: TicketProfile): Promise<TicketProfile> => invoke<TicketProfile>("kpi_profile_save", { profile }),
  kpi_profile_delete: (name: string): Promise<null> => invoke<null>("kpi_profile_delete", { name }),
  kpi_preview: (text: string, delimiter: string | null): Promise<FilePreview> => invoke<FilePreview>("kpi_preview", { text, delimiter }),
  kpi_call_settings: (): Promise<CallSettings> => invoke<CallSettings>("kpi_call_settings", {  }),
  kpi_call_settings_save: (settings: CallSettings): Promise<CallSettings> => invoke<CallSettings>("kpi_call_settings_save", { settings }),
  kpi_batches: (): Promise<Array<ImportBatch>> => invoke<Array<ImportBatch>>("kpi_batches", {  }),
  kpi_import_begin: (input: KpiImportInput): Promise<ImportProgress> => invoke<ImportProgress>("kpi_import_begin", { input }),
  kpi_import_chunk: (text: string): Promise<ImportProgress> => invoke<ImportProgress>("kpi_import_chunk", { text }),
  kpi_import_finish: (): Promise<KpiImportReport> => invoke<KpiImportReport>("kpi_import_finish", {  }),
  kpi_import_cancel: (): Promise<null> => invoke<null>("kpi_import_cancel", {  }),
  jobs_list: (): Promise<Array<JobSummary>> => invoke<Array<JobSummary>>("jobs_list", {  }),
  job_versions: (position_id: number): Promise<Array<JobVersionHead>> => invoke<Array<JobVersionHead>>("job_versions", { position_id }),
  job_version: (position_id: number, version: number | null): Promise<JobVersion> => invoke<JobVersion>("job_version", { position_id, version }),
  job_draft_new: (input: DraftNewInput): Promise<JobVersion> => invoke<JobVersion>("job_draft_new", { input }),
  job_draft_save: (input: DraftSaveInput): Promise<JobVersion> => invoke<JobVersion>("job_draft_save", { input }),
  job_submit: (version_id: number): Promise<JobVersion> => invoke<JobVersion>("job_submit", { version_id }),
  job_return_to_draft: (version_id: number): Promise<JobVersion> => invoke<JobVersion>("job_return_to_draft", { version_id }),
  job_draft_discard: (version_id: number): Promise<null> => invoke<null>("job_draft_discard", { version_id }),
  job_approve: (input: ApprovalInput): Promise<JobVersion> => invoke<JobVersion>("job_approve", { input }),
  job_acknowledge: (input: AcknowledgeInput): Promise<JobVersion> => invoke<JobVersion>("job_acknowledge", { input }),
  job_sign_as_holder: (input: HolderSignInput): Promise<HolderSaved> => invoke<HolderSaved>("job_sign_as_holder", { input }),
  job_file_save: (file_id: number): Promise<SavedFile> => invoke<SavedFile>("job_file_save", { file_id }),
  job_diff: (position_id: number, from: number, to: number): Promise<JobDiff> => invoke<JobDiff>("job_diff", { position_id, from, to }),
  job_checks: (): Promise<Array<JobIssue>> => invoke<Array<JobIssue>>("job_checks", {  }),
  job_templates: (): Promise<Array<JobTemplate>> => invoke<Array<JobTemplate>>("job_templates", {  }),
  job_template_save: (name: string, version_id: number): Promise<JobTemplate> => invoke<JobTemplate>("job_template_save", { name, version_id }),
  job_template_delete: (name: string): Promise<null> => invoke<null>("job_template_delete", { name }),
  review_settings: (): Promise<ReviewSettings> => invoke<ReviewSettings>("review_settings", {  }),
  review_settings_save: (input: ReviewSettings): Promise<ReviewSettings> => invoke<ReviewSettings>("review_settings_save", { input }),
  reviews_list: (year: number): Promise<Array<ReviewLine>> => invoke<Array<ReviewLine>>("reviews_list", { year }),
  review: (id: number): Promise<Review> => invoke<Review>("review", { id }),
  review_plan: (input: PlanInput): Promise<Review> => invoke<Review>("review_plan", { input }),
  review_save: (input: ReviewSaveInput): Promise<Review> => invoke<Review>("review_save", { input }),
  review_advance: (input: AdvanceInput): Promise<Review> => invoke<Review>("review_advance", { input }),
  review_sign: (input: ReviewSignInput): Promise<ReviewSaved> => invoke<ReviewSaved>("review_sign", { input }),
  review_reminders: (): Promise<Array<Reminder>> => invoke<Array<Reminder>>("review_reminders", {  }),
  trainings: (): Promise<Array<Training>> => invoke<Array<Training>>("trainings", {  }),
  training_save: (input: TrainingInput): Promise<Training> => invoke<Training>("training_save", { input }),
  training_decide: (input: TrainingDecisionInput): Promise<Training> => invoke<Training>("training_decide", { input }),
  proposals: (): Promise<Array<Proposal>> => invoke<Array<Proposal>>("proposals", {  }),
  proposal_save: (input: ProposalInput): Promise<Proposal> => invoke<Proposal>("proposal_save", { input }),
  proposal_submit: (id: number, on: string): Promise<Proposal> => invoke<Proposal>("proposal_submit", { id, on }),
  proposal_decide: (input: ProposalDecisionInput): Promise<Proposal> => invoke<Proposal>("proposal_decide", { input }),
};
