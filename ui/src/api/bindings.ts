// Generated from the Rust types by `KSO_UPDATE_BINDINGS=1 cargo test -p kso-desk --test bindings`.
// Do not edit: CI fails when this file is not current.

import { invoke } from "@tauri-apps/api/core";

export type Lang = "et" | "en";

export type Role = "head" | "deputy" | "viewer";

export type Action = "view_staff" | "edit_staff" | "view_audit" | "view_department" | "view_roster" | "edit_roster";

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

export type DemoSummary = { employees: number, active: number, positions: number, audit_records: number, };

export type Kpi = { code: string, name_et: string, name_en: string, unit: string, higher_is_better: boolean, };

export type Department = { name: string, 
/**
 * § 3.8.2 signing limit, excluding VAT, in cents.
 */
signing_limit_cents: number, currency: string, kpis: Array<Kpi>, };

export type Position = { id: number, code: string, title: string, };

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

export type AuditQuery = { entity: string | null, entity_id: number | null, limit: number | null, };

export type AuditEntry = { id: number, 
/**
 * UTC instant, RFC 3339.
 */
at: string, user_login: string, user_name: string, acting_as: Role | null, action: string, entity: string, entity_id: string | null, before: unknown, after: unknown, };

export const commands = {
  app_status: (): Promise<AppStatus> => invoke<AppStatus>("app_status", {  }),
  ui_ready: (): Promise<null> => invoke<null>("ui_ready", {  }),
  set_language: (language: Lang): Promise<null> => invoke<null>("set_language", { language }),
  setup: (input: SetupInput): Promise<Actor> => invoke<Actor>("setup", { input }),
  generate_demo: (input: DemoInput): Promise<DemoSummary> => invoke<DemoSummary>("generate_demo", { input }),
  sign_in: (input: LoginInput): Promise<Actor> => invoke<Actor>("sign_in", { input }),
  sign_out: (): Promise<null> => invoke<null>("sign_out", {  }),
  current_user: (): Promise<Actor | null> => invoke<Actor | null>("current_user", {  }),
  permissions: (): Promise<Array<Action>> => invoke<Array<Action>>("permissions", {  }),
  department: (): Promise<Department> => invoke<Department>("department", {  }),
  staff_list: (query: StaffQuery): Promise<Array<Employee>> => invoke<Array<Employee>>("staff_list", { query }),
  positions: (): Promise<Array<Position>> => invoke<Array<Position>>("positions", {  }),
  employee_add: (input: EmployeeInput): Promise<Employee> => invoke<Employee>("employee_add", { input }),
  employee_update: (id: number, input: EmployeeInput): Promise<Employee> => invoke<Employee>("employee_update", { id, input }),
  employee_deactivate: (id: number, end_date: string): Promise<Employee> => invoke<Employee>("employee_deactivate", { id, end_date }),
  employee_reactivate: (id: number): Promise<Employee> => invoke<Employee>("employee_reactivate", { id }),
  audit_list: (query: AuditQuery): Promise<Array<AuditEntry>> => invoke<Array<AuditEntry>>("audit_list", { query }),
};
