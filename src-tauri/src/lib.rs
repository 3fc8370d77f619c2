//! The desktop shell: state, thin commands over `kso_core`, and the typed bindings for the UI.

pub mod api;
pub mod commands;
pub mod state;

pub fn run(started: std::time::Instant) {
    let state = state::AppState::open(&kso_core::db::default_path(), started);
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(api::handler())
        .run(tauri::generate_context!())
        .expect("error while running KSO Desk");
}
