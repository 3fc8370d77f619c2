//! The core's promises: first run, sign-in, permissions decided in the core, one audit record
//! per change in the same transaction, validation that names the field, nothing half-written.

mod common;

use common::*;
use kso_core::model::{AuditQuery, DemoInput, LoginInput, StaffQuery};
use kso_core::{Desk, Error, Lang, Role};

fn codes(e: &Error) -> Vec<(&'static str, &'static str)> {
    match e {
        Error::Invalid(fields) => fields.iter().map(|f| (f.field, f.rule.code())).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn first_run_creates_department_with_statute_defaults_and_head() {
    let (_dir, mut desk) = new_desk();
    assert!(!desk.status().unwrap().initialized);
    let head = desk.setup(&setup_input()).unwrap();
    assert_eq!(head.role, Role::Head);

    let status = desk.status().unwrap();
    assert!(status.initialized);
    assert_eq!(
        status.department.as_deref(),
        Some("Kasutajatoe- ja seireosakond")
    );
    let dept = desk.department(&head).unwrap();
    assert_eq!(
        dept.signing_limit_cents, 1_000_000,
        "§ 3.8.2: 10 000,00 EUR"
    );
    let kpi_codes: Vec<_> = dept.kpis.iter().map(|k| k.code.as_str()).collect();
    assert_eq!(
        kpi_codes,
        ["2.3.1", "2.3.2", "2.3.3", "2.3.4", "2.3.5", "2.3.6"]
    );

    let signed_in = desk
        .sign_in(&LoginInput {
            login: "mari".into(),
            password: PASSWORD.into(),
        })
        .unwrap();
    assert_eq!(signed_in.user_id, head.user_id);
    assert!(matches!(
        desk.sign_in(&LoginInput {
            login: "mari".into(),
            password: "vale".into()
        }),
        Err(Error::BadCredentials)
    ));

    let audit = desk.audit_list(&head, &AuditQuery::default()).unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "department.setup");
    assert_eq!(audit[0].user_login, "mari");
}

#[test]
fn setup_rejects_bad_input_naming_each_field_and_writes_nothing() {
    let (_dir, mut desk) = new_desk();
    let mut input = setup_input();
    input.department = "  ".into();
    input.head_login = "Mari Maasikas".into();
    input.password = "lühike".into();
    input.password_repeat = "lühike".into();
    let err = desk.setup(&input).unwrap_err();
    assert_eq!(
        codes(&err),
        [
            ("department", "required"),
            ("login", "login_form"),
            ("password", "too_short")
        ]
    );
    assert_eq!(err.code(), "invalid_input");
    assert!(err.message(Lang::Et).contains("Kasutajanimi"));
    assert!(err.message(Lang::En).contains("Login"));
    assert!(!desk.is_initialized().unwrap());
    assert_eq!(audit_count(&desk), 0);

    let mut input = setup_input();
    input.password_repeat = "midagi-muud".into();
    assert_eq!(
        codes(&desk.setup(&input).unwrap_err()),
        [("password_repeat", "password_mismatch")]
    );
}

#[test]
fn setup_twice_is_refused() {
    let (_dir, mut desk, _head) = with_head();
    assert!(matches!(
        desk.setup(&setup_input()),
        Err(Error::AlreadyInitialized)
    ));
    assert_eq!(audit_count(&desk), 1);
}

#[test]
fn a_viewer_and_a_deputy_who_is_not_acting_may_read_but_not_change() {
    let (_dir, mut desk, head) = with_head();
    desk.employee_add(&head, &employee("Jaan", "Tamm", "jaan.tamm@smit.ee"))
        .unwrap();
    add_user(&mut desk, &head, "vaatleja", "viewer");
    add_user(&mut desk, &head, "asendaja", "deputy");
    for login in ["vaatleja", "asendaja"] {
        let actor = desk
            .sign_in(&LoginInput {
                login: login.into(),
                password: PASSWORD.into(),
            })
            .unwrap();
        let before = audit_count(&desk);
        assert_eq!(
            desk.staff_list(&actor, &StaffQuery::default())
                .unwrap()
                .len(),
            1
        );
        let err = desk
            .employee_add(&actor, &employee("Kati", "Kask", "kati.kask@smit.ee"))
            .unwrap_err();
        assert_eq!(err.code(), "forbidden", "{login}");
        assert_eq!(
            err.message(Lang::Et),
            "Teil ei ole õigust: töötajate muutmine"
        );
        assert_eq!(employee_count(&desk), 1);
        assert_eq!(
            audit_count(&desk),
            before,
            "a refused change leaves no audit record"
        );
        let perms = desk.permissions(&actor).unwrap();
        assert!(!perms.contains(&kso_core::Action::EditStaff));
    }
    assert!(desk
        .permissions(&head)
        .unwrap()
        .contains(&kso_core::Action::EditStaff));
}

#[test]
fn a_disabled_account_is_refused_even_with_an_open_session() {
    let (_dir, desk, head) = with_head();
    desk.connection()
        .execute(
            "UPDATE user_account SET active = 0 WHERE id = ?1",
            [head.user_id],
        )
        .unwrap();
    let err = desk.staff_list(&head, &StaffQuery::default()).unwrap_err();
    assert_eq!(err.code(), "not_signed_in");
}

#[test]
fn every_change_leaves_exactly_one_audit_record_with_before_and_after() {
    let (_dir, mut desk, head) = with_head();
    let mut n = audit_count(&desk);

    let e = desk
        .employee_add(&head, &employee("Jaan", "Tamm", "jaan.tamm@smit.ee"))
        .unwrap();
    n += 1;
    assert_eq!(audit_count(&desk), n);

    let mut input = employee("Jaan", "Tamm", "jaan.tamm@smit.ee");
    input.phone = "+372 5555 0000".into();
    desk.employee_update(&head, e.id, &input).unwrap();
    n += 1;
    assert_eq!(audit_count(&desk), n);

    desk.employee_deactivate(&head, e.id, "31.12.2025").unwrap();
    n += 1;
    assert_eq!(audit_count(&desk), n);
    desk.employee_reactivate(&head, e.id).unwrap();
    n += 1;
    assert_eq!(audit_count(&desk), n);

    let history = desk
        .audit_list(
            &head,
            &AuditQuery {
                entity: Some("employee".into()),
                entity_id: Some(e.id),
                ..Default::default()
            },
        )
        .unwrap();
    let actions: Vec<_> = history.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "employee.reactivate",
            "employee.deactivate",
            "employee.update",
            "employee.add"
        ]
    );
    let update = &history[2];
    assert_eq!(update.user_login, "mari");
    assert_eq!(update.acting_as, None);
    assert_eq!(update.before.as_ref().unwrap()["phone"], "+372 5123 4567");
    assert_eq!(update.after.as_ref().unwrap()["phone"], "+372 5555 0000");
    assert_eq!(history[1].after.as_ref().unwrap()["end_date"], "2025-12-31");
    assert!(history[3].before.is_none());
}

#[test]
fn a_failing_change_leaves_no_record_and_no_audit() {
    let (_dir, mut desk, head) = with_head();
    let n = audit_count(&desk);

    let mut bad = employee("Jaan", "Tamm", "jaan.tamm(at)smit.ee");
    bad.start_date = "31.02.2026".into();
    bad.phone = "helista mulle".into();
    let err = desk.employee_add(&head, &bad).unwrap_err();
    assert_eq!(
        codes(&err),
        [
            ("email", "email_form"),
            ("phone", "phone_form"),
            ("start_date", "date_form")
        ]
    );
    let api = err.to_api(Lang::Et);
    assert_eq!(api.code, "invalid_input");
    assert_eq!(api.fields[0].field, "email");
    assert_eq!(
        api.fields[0].message,
        "see ei ole e-posti aadress (näiteks nimi@smit.ee)"
    );
    assert_eq!(employee_count(&desk), 0);
    assert_eq!(audit_count(&desk), n);

    assert_eq!(
        desk.employee_update(&head, 999, &employee("A", "B", "a@b.ee"))
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(audit_count(&desk), n);
}

#[test]
fn the_change_and_its_audit_record_commit_together() {
    let (_dir, mut desk, head) = with_head();
    // If the audit record cannot be written, the change itself must not stay either.
    desk.connection()
        .execute_batch(
            "CREATE TRIGGER no_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;",
        )
        .unwrap();
    let err = desk
        .employee_add(&head, &employee("Jaan", "Tamm", "jaan.tamm@smit.ee"))
        .unwrap_err();
    assert_eq!(err.code(), "database");
    assert_eq!(employee_count(&desk), 0);
}

#[test]
fn e_mail_addresses_are_unique_regardless_of_case() {
    let (_dir, mut desk, head) = with_head();
    let first = desk
        .employee_add(&head, &employee("Jaan", "Tamm", "jaan.tamm@smit.ee"))
        .unwrap();
    let err = desk
        .employee_add(&head, &employee("Jaan", "Tamm", "Jaan.Tamm@SMIT.ee"))
        .unwrap_err();
    assert_eq!(codes(&err), [("email", "email_taken")]);
    // Keeping one's own address on an edit is not a duplicate.
    desk.employee_update(
        &head,
        first.id,
        &employee("Jaan", "Tamm", "JAAN.TAMM@smit.ee"),
    )
    .unwrap();
    assert_eq!(employee_count(&desk), 1);
}

#[test]
fn staff_list_sorts_by_last_name_searches_and_hides_former_staff() {
    let (_dir, mut desk, head) = with_head();
    let a = desk
        .employee_add(&head, &employee("Ülle", "Org", "ulle.org@smit.ee"))
        .unwrap();
    desk.employee_add(&head, &employee("Aadu", "Kask", "aadu.kask@smit.ee"))
        .unwrap();
    desk.employee_add(&head, &employee("Toomas", "Tamm", "toomas.tamm@smit.ee"))
        .unwrap();
    let names = |desk: &Desk, q: &StaffQuery| -> Vec<String> {
        desk.staff_list(&head, q)
            .unwrap()
            .into_iter()
            .map(|e| e.last_name)
            .collect()
    };
    assert_eq!(
        names(&desk, &StaffQuery::default()),
        ["Kask", "Org", "Tamm"]
    );
    assert_eq!(
        names(
            &desk,
            &StaffQuery {
                include_inactive: false,
                search: Some("tamm".into())
            }
        ),
        ["Tamm"]
    );
    assert_eq!(
        names(
            &desk,
            &StaffQuery {
                include_inactive: false,
                search: Some("%".into())
            }
        ),
        Vec::<String>::new()
    );
    desk.employee_deactivate(&head, a.id, "2026-06-30").unwrap();
    assert_eq!(names(&desk, &StaffQuery::default()), ["Kask", "Tamm"]);
    assert_eq!(
        names(
            &desk,
            &StaffQuery {
                include_inactive: true,
                search: None
            }
        ),
        ["Kask", "Org", "Tamm"]
    );
}

#[test]
fn an_end_date_before_the_start_is_refused() {
    let (_dir, mut desk, head) = with_head();
    let e = desk
        .employee_add(&head, &employee("Jaan", "Tamm", "jaan.tamm@smit.ee"))
        .unwrap();
    let err = desk
        .employee_deactivate(&head, e.id, "01.01.2020")
        .unwrap_err();
    assert_eq!(codes(&err), [("end_date", "end_before_start")]);
    assert!(desk.employee(&head, e.id).unwrap().active);
}

#[test]
fn the_interface_language_survives_reopening_the_file() {
    let (dir, mut desk, head) = with_head();
    assert_eq!(desk.language(), Lang::Et);
    desk.set_language(Lang::En).unwrap();
    drop(desk);
    let path = dir.path().join("kso.sqlite");
    // The sign-in screen has it before the database is open.
    assert_eq!(Desk::status_of(&path).unwrap().language, Lang::En);
    let (desk, _) = Desk::unlock(
        &path,
        &LoginInput {
            login: head.login.clone(),
            password: PASSWORD.into(),
        },
    )
    .unwrap();
    assert_eq!(desk.language(), Lang::En);
}

#[test]
fn demo_data_is_a_realistic_department_that_scales() {
    let (_dir, mut desk) = new_desk();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let summary = desk.generate_demo(DemoInput::default(), today).unwrap();
    assert_eq!(summary.employees, 25);
    assert!(
        summary.active >= 18 && summary.active < 25,
        "some have left: {summary:?}"
    );
    let head = desk
        .sign_in(&LoginInput {
            login: "juhataja".into(),
            password: kso_core::demo::DEMO_PASSWORD.into(),
        })
        .unwrap();
    assert_eq!(head.role, Role::Head);
    for login in ["asendaja", "vaatleja"] {
        desk.sign_in(&LoginInput {
            login: login.into(),
            password: kso_core::demo::DEMO_PASSWORD.into(),
        })
        .unwrap();
    }
    let all = desk
        .staff_list(
            &head,
            &StaffQuery {
                include_inactive: true,
                search: None,
            },
        )
        .unwrap();
    assert_eq!(all.len(), 25);
    assert!(all
        .iter()
        .all(|e| e.position_id.is_some() && e.email.ends_with("@smit.ee")));
    let audit = desk.audit_list(&head, &AuditQuery::default()).unwrap();
    assert_eq!(audit.len() as u32, summary.audit_records);
    assert!(audit.iter().any(|a| a.action == "employee.deactivate"));
    // The history spans the year before today; the KPI targets and the year of tickets and
    // calls are set and imported through the real (audited) service as the demo is made.
    assert!(audit
        .iter()
        .filter(|a| !a.action.starts_with("kpi."))
        .all(|a| a.at.as_str() <= "2026-11-25T23:59:59Z" && a.at.as_str() >= "2025-11-24"));
    assert_eq!(audit.iter().filter(|a| a.action == "kpi.import").count(), 2);
    assert!(
        summary.tickets > 10_000 && summary.calls > 10_000,
        "{summary:?}"
    );
    assert!(matches!(
        desk.generate_demo(DemoInput::default(), today),
        Err(Error::AlreadyInitialized)
    ));

    let (_dir2, mut big) = new_desk();
    let s = big
        .generate_demo(
            DemoInput {
                employees: 40,
                years: 3,
            },
            today,
        )
        .unwrap();
    assert_eq!(s.employees, 40);
    let err = big
        .generate_demo(
            DemoInput {
                employees: 1,
                years: 0,
            },
            today,
        )
        .unwrap_err();
    assert_eq!(
        codes(&err),
        [("employees", "number_range"), ("years", "number_range")]
    );
}

#[test]
fn demo_records_made_today_are_never_in_the_future() {
    // A demo made early in the day once had today's 14:00 changes ahead of the clock, so the
    // newest audit record was not the user's own next change.
    let (_dir, mut desk) = new_desk();
    let today = chrono::Utc::now().date_naive();
    desk.generate_demo(DemoInput::default(), today).unwrap();
    let head = desk
        .sign_in(&LoginInput {
            login: "juhataja".into(),
            password: kso_core::demo::DEMO_PASSWORD.into(),
        })
        .unwrap();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let audit = desk.audit_list(&head, &AuditQuery::default()).unwrap();
    let future: Vec<_> = audit.iter().filter(|a| a.at > now).collect();
    assert!(future.is_empty(), "records after {now}: {future:?}");
}

#[test]
fn the_staffing_table_keeps_approved_positions_with_their_holders_and_vacancies() {
    use kso_core::model::PositionInput;
    let (_dir, mut desk, head) = with_head();
    let input = |code: &str, title: &str, fte: &str| PositionInput {
        id: None,
        code: code.into(),
        title: title.into(),
        classification: "Spetsialist, IV tase".into(),
        fte: fte.into(),
        reports_to: None,
        approved_on: "15.01.2025".into(),
        directive_no: "1-1/2025/17".into(),
    };
    let lead = desk
        .position_save(&head, &input("KSO-01", "Osakonnajuhataja", "1"))
        .unwrap();
    let spec = desk
        .position_save(
            &head,
            &PositionInput {
                reports_to: Some(lead.id),
                ..input("KSO-04", "Kasutajatoe spetsialist", "3")
            },
        )
        .unwrap();
    assert_eq!(
        (spec.fte_milli, spec.reports_to_title.as_deref()),
        (3000, Some("Osakonnajuhataja"))
    );
    let mut e = employee("Jaan", "Tamm", "jaan.tamm@smit.ee");
    e.position_id = Some(spec.id);
    desk.employee_add(&head, &e).unwrap();
    let table = desk.positions(&head).unwrap();
    assert_eq!(table[1].holders, ["Jaan Tamm"]);
    assert_eq!(table[1].approved_on.unwrap().to_string(), "2025-01-15");

    // § 3.1: an approval has both its date and its directive; no cycles; codes are unique.
    let n = audit_count(&desk);
    let bad = PositionInput {
        directive_no: String::new(),
        fte: "0".into(),
        ..input("KSO-01", "X", "1")
    };
    let err = desk.position_save(&head, &bad).unwrap_err();
    assert_eq!(
        codes(&err),
        [
            ("fte", "number_range"),
            ("directive_no", "approval_incomplete"),
            ("code", "code_taken")
        ]
    );
    let cycle = PositionInput {
        id: Some(lead.id),
        reports_to: Some(spec.id),
        ..input("KSO-01", "Osakonnajuhataja", "1")
    };
    assert_eq!(
        codes(&desk.position_save(&head, &cycle).unwrap_err()),
        [("reports_to", "reports_to_cycle")]
    );
    assert_eq!(audit_count(&desk), n);
    let actions: Vec<_> = desk
        .audit_list(&head, &AuditQuery::default())
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(
        &actions[..3],
        ["employee.add", "position.add", "position.add"]
    );
}
