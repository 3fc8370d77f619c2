//! The commands the UI calls. Each is a few lines: take the state, call the core.

use kso_core::demo::DemoSummary;
use kso_core::model::*;
use kso_core::{Action, Actor, ApiError, Lang};
use tauri::State;

use crate::state::AppState;

type Res<T> = Result<T, ApiError>;

#[tauri::command(async, rename_all = "snake_case")]
pub fn app_status(state: State<'_, AppState>) -> Res<AppStatus> {
    state.with_desk(|d| d.status())
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
    state.with_desk(|d| d.set_language(language))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn setup(state: State<'_, AppState>, input: SetupInput) -> Res<Actor> {
    let head = state.with_desk(|d| d.setup(&input))?;
    state.set_session(Some(head.clone()));
    Ok(head)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn generate_demo(state: State<'_, AppState>, input: DemoInput) -> Res<DemoSummary> {
    let today = chrono_today();
    state.with_desk(|d| d.generate_demo(input, today))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sign_in(state: State<'_, AppState>, input: LoginInput) -> Res<Actor> {
    let actor = state.with_desk(|d| d.sign_in(&input))?;
    state.set_session(Some(actor.clone()));
    Ok(actor)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sign_out(state: State<'_, AppState>) -> Res<()> {
    state.set_session(None);
    Ok(())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn current_user(state: State<'_, AppState>) -> Res<Option<Actor>> {
    Ok(state.session())
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

fn chrono_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
