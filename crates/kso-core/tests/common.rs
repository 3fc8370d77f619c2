#![allow(dead_code)]

use kso_core::model::{EmployeeInput, SetupInput};
use kso_core::{Actor, Desk};
use tempfile::TempDir;

pub const PASSWORD: &str = "pikk-parool-1";

/// A new database file in its own temporary directory.
pub fn new_desk() -> (TempDir, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("kso.sqlite")).unwrap();
    (dir, desk)
}

pub fn setup_input() -> SetupInput {
    SetupInput {
        department: "Kasutajatoe- ja seireosakond".into(),
        head_name: "Mari Maasikas".into(),
        head_login: "mari".into(),
        password: PASSWORD.into(),
        password_repeat: PASSWORD.into(),
    }
}

/// A set-up department and its head.
pub fn with_head() -> (TempDir, Desk, Actor) {
    let (dir, mut desk) = new_desk();
    let head = desk.setup(&setup_input()).unwrap();
    (dir, desk, head)
}

pub fn employee(first: &str, last: &str, email: &str) -> EmployeeInput {
    EmployeeInput {
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
        phone: "+372 5123 4567".into(),
        start_date: "01.03.2024".into(),
        position_id: None,
        ..Default::default()
    }
}

pub fn audit_count(desk: &Desk) -> i64 {
    desk.connection()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

pub fn employee_count(desk: &Desk) -> i64 {
    desk.connection()
        .query_row("SELECT count(*) FROM employee", [], |r| r.get(0))
        .unwrap()
}

/// Adds an account directly (accounts get their own screens in a later issue).
pub fn add_user(desk: &Desk, login: &str, role: &str) {
    let hash = kso_core::auth::hash_password(PASSWORD).unwrap();
    desk.connection()
        .execute(
            "INSERT INTO user_account (login, name, role, password_hash, active, created_at)
             VALUES (?1, ?1, ?2, ?3, 1, '2026-01-01T00:00:00Z')",
            [login, role, hash.as_str()],
        )
        .unwrap();
}
