//! Schema changes happen only through migrations; a database written by an older version opens
//! and is upgraded with its data intact.

mod common;

use kso_core::db::{self, SCHEMA_VERSION};
use kso_core::model::{LoginInput, StaffQuery};
use kso_core::{Desk, Lang};
use rusqlite::Connection;

fn version_1_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("old.sqlite");
    let conn = Connection::open(&path).unwrap();
    // The dump lists tables alphabetically, before the tables they refer to.
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute_batch(include_str!("fixtures/v1.sql")).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    path
}

#[test]
fn a_version_1_database_is_upgraded_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = version_1_file(dir.path());

    let (mut desk, head) = Desk::unlock(
        &path,
        &LoginInput {
            login: "juhataja".into(),
            password: "demo-parool".into(),
        },
    )
    .unwrap();
    assert_eq!(
        db::schema_version(desk.connection()).unwrap(),
        SCHEMA_VERSION
    );
    // What version 2 added works on the upgraded file.
    desk.set_language(Lang::En).unwrap();
    assert_eq!(desk.language(), Lang::En);

    let staff = desk
        .staff_list(
            &head,
            &StaffQuery {
                include_inactive: true,
                search: None,
            },
        )
        .unwrap();
    let names: Vec<_> = staff
        .iter()
        .map(|e| format!("{} {}", e.first_name, e.last_name))
        .collect();
    assert_eq!(names, ["Ülle Org", "Jaan Tamm"]);
    assert_eq!(
        staff[1].position_title.as_deref(),
        Some("Kasutajatoe spetsialist")
    );
    assert!(!staff[0].active);
    assert_eq!(
        desk.audit_list(&head, &Default::default()).unwrap().len(),
        1
    );
    // Version 4 (contracts): the old department keeps its limit and counts VAT in the budget.
    let settings = desk.contract_settings(&head).unwrap();
    assert_eq!(settings.signing_limit_cents, 1_000_000);
    assert!(settings.budget_includes_vat);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    assert!(desk
        .budget_status(&head, 2026, today)
        .unwrap()
        .lines
        .is_empty());
    // Version 5 (documents): an empty register, signed in Tallinn by default.
    assert!(desk.documents(&head).unwrap().is_empty());
    assert_eq!(desk.signing_settings(&head).unwrap().location, "Tallinn");
    // Version 7 (KPIs): the six indicators of the old file get their definitions and
    // computations, the built-in mapping profiles exist, and targets can be set.
    let kpis = desk.kpi_indicators(&head).unwrap();
    assert!(!kpis.is_empty());
    assert!(kpis
        .iter()
        .all(|k| k.computation.is_some() && !k.numerator_et.is_empty()));
    let profiles: Vec<String> = desk
        .kpi_profiles(&head)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(profiles, ["glpi", "jira", "zammad", "znuny"]);
    let mut desk = desk;
    desk.kpi_target_set(
        &head,
        &kso_core::kpi::TargetInput {
            kpi_code: kpis[0].code.clone(),
            year: 2026,
            value: "80".into(),
            reason: String::new(),
        },
    )
    .unwrap();
    // Version 8 (job descriptions): the built-in templates; the old positions have none in
    // force, which the checks say.
    let templates: Vec<String> = desk
        .job_templates(&head)
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(templates, ["Kasutajatoe spetsialist", "Seirespetsialist"]);
    let list = desk.jobs_list(&head).unwrap();
    assert!(!list.is_empty() && list.iter().all(|l| l.in_force.is_none() && l.versions == 0));
    // Version 9 (reviews): the default scale, interviews confidential to the head, none held
    // yet, so every old employee is owed this year's interview.
    let settings = desk.review_settings(&head).unwrap();
    assert_eq!(settings.scale.len(), 5);
    assert!(!settings.substitute_may_see);
    let today = kso_core::calendar::utc_to_tallinn(chrono::Utc::now().naive_utc()).date();
    let year = chrono::Datelike::year(&today);
    let lines = desk.reviews_list(&head, year).unwrap();
    assert!(!lines.is_empty() && lines.iter().all(|l| l.annual.is_none()));
    assert!(desk.trainings(&head).unwrap().is_empty());
    // Version 10 (roster proposals): the default weights, no wishes, and an old draft month can
    // be proposed (nothing locked).
    assert_eq!(
        desk.roster_weights(&head).unwrap(),
        kso_core::roster::propose::RosterWeights::default()
    );
    let month = format!("{year}-{:02}", chrono::Datelike::month(&today));
    assert!(desk.roster_requests(&head, &month).unwrap().is_empty());
    let prepared = desk.roster_propose_prepare(&head, &month).unwrap();
    assert!(prepared.locks.is_empty());
    drop(desk);

    // Opening again is a no-op.
    let (desk, _) = Desk::unlock(
        &path,
        &LoginInput {
            login: "juhataja".into(),
            password: "demo-parool".into(),
        },
    )
    .unwrap();
    assert_eq!(
        db::schema_version(desk.connection()).unwrap(),
        SCHEMA_VERSION
    );
}

#[test]
fn migrating_step_by_step_equals_migrating_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let schema = |conn: &Connection| -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let mut stepwise = Connection::open(dir.path().join("a.sqlite")).unwrap();
    for v in 1..=SCHEMA_VERSION {
        db::migrate_to(&mut stepwise, v).unwrap();
        assert_eq!(db::schema_version(&stepwise).unwrap(), v);
    }
    let mut at_once = Connection::open(dir.path().join("b.sqlite")).unwrap();
    db::migrate(&mut at_once).unwrap();
    assert_eq!(schema(&stepwise), schema(&at_once));
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Desk::unlock(
        &path,
        &LoginInput {
            login: "juhataja".into(),
            password: "demo-parool".into(),
        },
    )
    .err()
    .expect("refused");
    assert_eq!(err.code(), "schema_too_new");
    let conn = Connection::open(&path).unwrap();
    assert_eq!(db::schema_version(&conn).unwrap(), SCHEMA_VERSION + 1);
}

#[test]
fn the_connection_is_durable_and_checks_foreign_keys() {
    let (_dir, desk, _head) = common::with_head();
    let conn = desk.connection();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let sync: i64 = conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    let err = conn
        .execute(
            "INSERT INTO employee (first_name, last_name, email, start_date, position_id) VALUES ('a','b','c@d.ee','2026-01-01', 999)",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"));
}
