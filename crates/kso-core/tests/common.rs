#![allow(dead_code)]

use kso_core::model::{EmployeeInput, SetupInput};
use kso_core::{Actor, Desk};
use tempfile::TempDir;

pub const PASSWORD: &str = "pikk-parool-1";

/// A new database file in its own temporary directory.
pub fn new_desk() -> (TempDir, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::create(&dir.path().join("kso.sqlite")).unwrap();
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

/// Registers an absence of the head from today to three days on, with `deputy` substituting
/// (§ 3.6): the deputy then acts for the head.
pub fn substitute_today(
    desk: &mut Desk,
    head: &Actor,
    deputy: i64,
) -> kso_core::model::HeadAbsence {
    let today = kso_core::calendar::utc_to_tallinn(chrono::Utc::now().naive_utc()).date();
    desk.head_absence_save(
        head,
        &kso_core::model::HeadAbsenceInput {
            id: None,
            starts_on: today.format("%d.%m.%Y").to_string(),
            ends_on: (today + chrono::Duration::days(3))
                .format("%d.%m.%Y")
                .to_string(),
            reason: "Puhkus".into(),
            substitute_id: Some(deputy),
        },
    )
    .unwrap()
}

/// Adds an account (with the password [`PASSWORD`]) as the head.
pub fn add_user(desk: &mut Desk, head: &Actor, login: &str, role: &str) -> i64 {
    desk.account_save(
        head,
        &kso_core::model::AccountInput {
            id: None,
            login: login.into(),
            name: login.into(),
            role: kso_core::Role::parse(role).unwrap(),
            employee_id: None,
            password: PASSWORD.into(),
            password_repeat: PASSWORD.into(),
        },
    )
    .unwrap()
    .id
}
