//! Issue 6: the substitute's rights (§ 3.6) for every changing command, the hash-chained audit
//! trail, the encrypted file and its key wrappings, sign-in delays, backups.

mod common;

use chrono::{Duration, Utc};
use kso_core::documents::{NewDocument, NewTrustAnchor, RenderedFile, SignatureMade};
use kso_core::model::*;
use kso_core::{Actor, Desk, Error, Lang, Role};
use serde::de::DeserializeOwned;
use serde_json::json;

fn j<T: DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).expect("test input")
}

fn today() -> chrono::NaiveDate {
    kso_core::calendar::utc_to_tallinn(Utc::now().naive_utc()).date()
}

fn demo() -> (tempfile::TempDir, Desk, Actor, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::create(&dir.path().join("kso.sqlite")).unwrap();
    desk.generate_demo(
        DemoInput {
            employees: 12,
            years: 1,
        },
        today(),
    )
    .unwrap();
    let login = |l: &str| LoginInput {
        login: l.into(),
        password: kso_core::demo::DEMO_PASSWORD.into(),
    };
    let head = desk.sign_in(&login("juhataja")).unwrap();
    let deputy = desk.sign_in(&login("asendaja")).unwrap();
    (dir, desk, head, deputy)
}

type Call = fn(&mut Desk, &Actor) -> Result<(), Error>;

/// Every changing command of the core, by name. `head_only`: refused to the substitute even while
/// acting (accounts and the substitution itself); `read_level`: allowed to anyone who reads.
fn commands() -> Vec<(&'static str, bool, bool, Call)> {
    let d = today();
    let _ = d;
    vec![
        ("job_draft_new", false, false, |k, a| {
            k.job_draft_new(
                a,
                &j(json!({"position_id": 1, "start": {"kind": "latest"}})),
            )
            .map(drop)
        }),
        ("job_draft_save", false, false, |k, a| {
            k.job_draft_save(
                a,
                &kso_core::jobs::DraftSaveInput {
                    version_id: 1,
                    body: Default::default(),
                    note: String::new(),
                },
            )
            .map(drop)
        }),
        ("job_submit", false, false, |k, a| {
            k.job_submit(a, 1).map(drop)
        }),
        ("job_return_to_draft", false, false, |k, a| {
            k.job_return_to_draft(a, 1).map(drop)
        }),
        ("job_draft_discard", false, false, |k, a| {
            k.job_draft_discard(a, 999)
        }),
        ("job_approve", false, false, |k, a| {
            k.job_approve(
                a,
                &kso_core::jobs::ApprovalInput {
                    version_id: 1,
                    approved_by: "Toomas Tugi".into(),
                    approved_on: "01.01.2026".into(),
                    reference: "1-3/1".into(),
                    file: None,
                    in_force_from: "01.01.2026".into(),
                },
            )
            .map(drop)
        }),
        ("job_acknowledge", false, false, |k, a| {
            k.job_acknowledge(
                a,
                &kso_core::jobs::AcknowledgeInput {
                    version_id: 1,
                    employee_id: 3,
                    acknowledged_on: "01.01.2026".into(),
                    file: None,
                },
            )
            .map(drop)
        }),
        ("job_acknowledge_check", false, false, |k, a| {
            k.job_acknowledge_check(
                a,
                1,
                3,
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            )
        }),
        // Interviews and proposals: confidential, the substitute's only if the head allows
        // (the demo does not), so refused even while acting.
        ("review_settings_save", true, false, |k, a| {
            k.review_settings_save(
                a,
                &kso_core::reviews::model::ReviewSettings {
                    scale: kso_core::reviews::default_scale(),
                    substitute_may_see: true,
                },
            )
            .map(drop)
        }),
        ("review_plan", true, false, |k, a| {
            k.review_plan(
                a,
                &kso_core::reviews::model::PlanInput {
                    employee_id: 1,
                    kind: kso_core::reviews::ReviewKind::Annual,
                    year: 2030,
                    planned_on: String::new(),
                    probation_months: String::new(),
                },
            )
            .map(drop)
        }),
        ("review_save", true, false, |k, a| {
            k.review_save(
                a,
                &kso_core::reviews::model::ReviewSaveInput {
                    id: 1,
                    body: Default::default(),
                    planned_on: String::new(),
                },
            )
            .map(drop)
        }),
        ("review_advance", true, false, |k, a| {
            k.review_advance(
                a,
                &kso_core::reviews::model::AdvanceInput {
                    id: 1,
                    to: kso_core::reviews::ReviewStatus::Held,
                    on: String::new(),
                    employee_comments: String::new(),
                },
            )
            .map(drop)
        }),
        ("review_keep_signed", true, false, |k, a| {
            k.review_keep_signed(
                a,
                1,
                &kso_core::jobs::FileInput {
                    file_name: "x.pdf".into(),
                    content: b"%PDF-1.7".to_vec(),
                },
                false,
            )
            .map(drop)
        }),
        ("proposal_save", true, false, |k, a| {
            k.proposal_save(
                a,
                &kso_core::reviews::model::ProposalInput {
                    id: 0,
                    kind: kso_core::reviews::model::ProposalKind::Reward,
                    employee_id: Some(1),
                    position_id: None,
                    justification: "Panus".into(),
                    amount: "100".into(),
                },
            )
            .map(drop)
        }),
        ("proposal_submit", true, false, |k, a| {
            k.proposal_submit(a, 1, "").map(drop)
        }),
        ("proposal_decide", true, false, |k, a| {
            k.proposal_decide(
                a,
                &kso_core::reviews::model::ProposalDecisionInput {
                    id: 1,
                    decision: kso_core::reviews::model::Decision::Approved,
                    on: String::new(),
                    note: String::new(),
                },
            )
            .map(drop)
        }),
        // Training requests are staff matters (§ 3.7.10): the acting substitute's too.
        ("training_save", false, false, |k, a| {
            k.training_save(
                a,
                &kso_core::reviews::model::TrainingInput {
                    employee_id: 1,
                    course: "ITIL".into(),
                    provider: "BCS".into(),
                    starts_on: "01.12.2030".into(),
                    ends_on: "01.12.2030".into(),
                    cost: "100".into(),
                    ..Default::default()
                },
            )
            .map(drop)
        }),
        ("training_decide", false, false, |k, a| {
            k.training_decide(
                a,
                &kso_core::reviews::model::TrainingDecisionInput {
                    id: 1,
                    status: kso_core::reviews::model::TrainingStatus::Rejected,
                    on: String::new(),
                    note: String::new(),
                },
            )
            .map(drop)
        }),
        ("job_template_save", false, false, |k, a| {
            k.job_template_save(a, "Uus mall", 1).map(drop)
        }),
        ("job_template_delete", false, false, |k, a| {
            k.job_template_delete(a, "Uus mall")
        }),
        ("kpi_indicator_save", false, false, |k, a| {
            k.kpi_indicator_save(a, &j(json!({"code": "9.1", "name_et": "N", "name_en": "N", "unit": "%", "higher_is_better": true, "numerator_et": "a", "numerator_en": "", "denominator_et": "b", "denominator_en": ""}))).map(drop)
        }),
        ("kpi_target_set", false, false, |k, a| {
            k.kpi_target_set(
                a,
                &j(json!({"kpi_code": "2.3.1", "year": 2026, "value": "80", "reason": "x"})),
            )
            .map(drop)
        }),
        ("kpi_targets_copy", false, false, |k, a| {
            k.kpi_targets_copy(a, 2026, 2027).map(drop)
        }),
        ("kpi_actual_set", false, false, |k, a| {
            k.kpi_actual_set(a, &j(json!({"kpi_code": "2.3.1", "month": "2026-01", "numerator": 1, "denominator": 2, "note": ""}))).map(drop)
        }),
        ("kpi_actual_clear", false, false, |k, a| {
            k.kpi_actual_clear(a, "2.3.1", "2026-01")
        }),
        ("kpi_profile_save", false, false, |k, a| {
            let mut p = kso_core::kpi::profile::builtin().remove(0);
            p.name = "Uus".into();
            k.kpi_profile_save(a, &p).map(drop)
        }),
        ("kpi_profile_delete", false, false, |k, a| {
            k.kpi_profile_delete(a, "Uus")
        }),
        ("kpi_call_settings_save", false, false, |k, a| {
            k.kpi_call_settings_save(a, &Default::default()).map(drop)
        }),
        ("kpi_import_begin", false, false, |k, a| {
            k.kpi_import_begin(a, &j(json!({"kind": "calls", "format": "csv", "profile": null, "file_name": "c.csv", "accept_valid": false}))).map(drop)
        }),
        ("kpi_import_continue", false, false, |k, a| {
            k.kpi_import_continue(a, a.user_id)
        }),
        ("kpi_import_dry_run", false, false, |k, a| {
            k.kpi_import_dry_run(a, &j(json!({"kind": "calls", "format": "csv", "profile": null, "file_name": "c.csv", "accept_valid": false}))).map(drop)
        }),
        ("contract_settings_save", false, false, |k, a| {
            k.contract_settings_save(
                a,
                &j(json!({"signing_limit": "10 000,00", "budget_includes_vat": true})),
            )
            .map(drop)
        }),
        ("budget_line_save", false, false, |k, a| {
            k.budget_line_save(a, &BudgetLineInputAlias::default())
                .map(drop)
        }),
        ("supplier_save", false, false, |k, a| {
            k.supplier_save(a, &Default::default()).map(drop)
        }),
        ("contract_save", false, false, |k, a| {
            k.contract_save(a, &j(json!({"id": null, "number": "T-1", "title": "T", "subject": "S", "kind": "services", "cpv": "", "supplier_id": null, "budget_line_id": null, "value": "1,00", "vat_rate": "", "start_date": "01.01.2027", "end_date": "31.12.2027", "shares": []})), today(), Lang::Et).map(drop)
        }),
        ("contract_sign", false, false, |k, a| {
            k.contract_sign(a, &j(json!({"contract_id": 1, "sign_as": "head", "date": "", "director_name": "", "reference": ""})), today(), Lang::Et).map(drop)
        }),
        ("contract_amend", false, false, |k, a| {
            k.contract_amend(a, &j(json!({"contract_id": 1, "date": "", "reason": "", "value": "", "start_date": "", "end_date": "", "subject": "", "sign_as": "head", "director_name": "", "reference": ""})), today(), Lang::Et).map(drop)
        }),
        ("contract_terminate", false, false, |k, a| {
            k.contract_terminate(
                a,
                &j(json!({"contract_id": 1, "date": "", "reason": ""})),
                today(),
                Lang::Et,
            )
            .map(drop)
        }),
        ("deliverable_add", false, false, |k, a| {
            k.deliverable_add(
                a,
                &j(json!({"contract_id": 1, "title": "", "due_date": ""})),
                today(),
                Lang::Et,
            )
            .map(drop)
        }),
        ("deliverable_accept", false, false, |k, a| {
            k.deliverable_accept(
                a,
                &j(json!({"deliverable_id": 1, "date": "", "accepted_by": ""})),
                today(),
                Lang::Et,
            )
            .map(drop)
        }),
        ("invoice_add", false, false, |k, a| {
            k.invoice_add(a, &j(json!({"contract_id": 1, "number": "", "date": "", "amount": "", "vat": "", "paid_on": ""})), today(), Lang::Et).map(drop)
        }),
        ("invoice_paid", false, false, |k, a| {
            k.invoice_paid(a, 1, "", today(), Lang::Et).map(drop)
        }),
        ("document_add", false, false, |k, a| {
            k.document_add(
                a,
                &j(json!({"contract_id": 1, "name": "a.pdf", "content": [1]})),
                today(),
                Lang::Et,
            )
            .map(drop)
        }),
        ("document_create", false, true, |k, a| {
            k.document_create(
                a,
                &NewDocument {
                    kind: kso_core::documents::DocumentKind::Staffing,
                    period: String::new(),
                    title: "T".into(),
                    lang: Lang::Et,
                },
                Utc::now(),
                |n| {
                    Ok(RenderedFile {
                        bytes: n.as_bytes().to_vec(),
                        pages: 1,
                    })
                },
            )
            .map(drop)
        }),
        ("document_signed", false, false, |k, a| {
            k.document_signed(
                a,
                &SignatureMade {
                    sha256_before: "00".into(),
                    sha256_after: "11".into(),
                    signer: "X".into(),
                    role: "R".into(),
                    hash_alg: "SHA-256".into(),
                    key_source: "p12".into(),
                },
                Utc::now(),
            )
            .map(drop)
        }),
        ("signing_settings_save", false, false, |k, a| {
            k.signing_settings_save(
                a,
                &j(json!({"location": "Tallinn", "reason": "", "pkcs11_module": ""})),
            )
            .map(drop)
        }),
        ("trust_anchor_add", false, false, |k, a| {
            k.trust_anchor_add(
                a,
                &NewTrustAnchor {
                    subject: "CN=T".into(),
                    sha256: format!("{:064}", a.user_id),
                    der: vec![1],
                    not_after: "2030-01-01T00:00:00Z".into(),
                },
            )
            .map(drop)
        }),
        ("trust_anchor_remove", false, false, |k, a| {
            k.trust_anchor_remove(a, 999)
        }),
        ("roster_set", false, false, |k, a| {
            let d = today();
            k.roster_set(a, &j(json!({"month": d.format("%Y-%m").to_string(), "employee_id": 3, "date": d.format("%d.%m.%Y").to_string(), "code": "", "reason": "test"})), Lang::Et).map(drop)
        }),
        ("roster_publish", false, false, |k, a| {
            let m = (today() + Duration::days(40)).format("%Y-%m").to_string();
            k.roster_publish(a, &m, Lang::Et).map(drop)
        }),
        ("roster_propose_prepare", false, false, |k, a| {
            let m = (today() + Duration::days(40)).format("%Y-%m").to_string();
            k.roster_propose_prepare(a, &m).map(drop)
        }),
        ("roster_proposal_save", false, false, |k, a| {
            let m = (today() + Duration::days(40)).format("%Y-%m").to_string();
            let p = k.roster_propose_prepare(a, &m)?;
            let o = p.run_moves(1_000, 1);
            k.roster_proposal_save(a, &p, &o, (0, 1, false), Lang::Et)
                .map(drop)
        }),
        ("roster_proposal", false, false, |k, a| {
            let m = (today() + Duration::days(40)).format("%Y-%m").to_string();
            k.roster_proposal(a, &m, Lang::Et).map(drop)
        }),
        ("roster_proposal_accept", false, false, |k, a| {
            let m = (today() + Duration::days(70)).format("%Y-%m").to_string();
            k.roster_proposal_accept(a, &m, Lang::Et).map(drop)
        }),
        ("roster_proposal_discard", false, false, |k, a| {
            let m = (today() + Duration::days(70)).format("%Y-%m").to_string();
            k.roster_proposal_discard(a, &m)
        }),
        ("roster_lock", false, false, |k, a| {
            let d = today();
            k.roster_lock(
                a,
                &d.format("%Y-%m").to_string(),
                3,
                &d.format("%d.%m.%Y").to_string(),
                Lang::Et,
            )
            .map(drop)
        }),
        ("roster_request_add", false, false, |k, a| {
            k.roster_request_add(a, &j(json!({"employee_id": 3, "date": "", "kind": "off", "shift_type_id": null, "note": ""}))).map(drop)
        }),
        ("roster_request_delete", false, false, |k, a| {
            k.roster_request_delete(a, 999_999)
        }),
        ("roster_weights_save", false, false, |k, a| {
            k.roster_weights_save(a, &kso_core::roster::propose::RosterWeights::default())
                .map(drop)
        }),
        ("shift_type_save", false, false, |k, a| {
            k.shift_type_save(a, &j(json!({"id": null, "code": "", "name": "", "start": "", "length": "", "skills": [], "active": true}))).map(drop)
        }),
        ("coverage_need_save", false, false, |k, a| {
            k.coverage_need_save(a, &j(json!({"shift_type_id": 1, "day_kind": "weekday", "skill": null, "min": 1, "optimal": 1}))).map(drop)
        }),
        ("coverage_override_save", false, false, |k, a| {
            k.coverage_override_save(
                a,
                &j(json!({"date": "", "shift_type_id": 1, "skill": null, "min": 1, "optimal": 1})),
            )
            .map(drop)
        }),
        ("set_reference_months", false, false, |k, a| {
            k.set_reference_months(a, 4).map(drop)
        }),
        ("absence_add", false, false, |k, a| {
            k.absence_add(a, &j(json!({"employee_id": 3, "kind": "training", "start_date": "", "end_date": "", "note": ""}))).map(drop)
        }),
        ("absence_delete", false, false, |k, a| {
            k.absence_delete(a, 999_999)
        }),
        ("roster_import_csv", false, false, |k, a| {
            let m = today().format("%Y-%m").to_string();
            k.roster_import_csv(a, &m, "", false, Lang::Et).map(drop)
        }),
        ("account_save", true, false, |k, a| {
            k.account_save(a, &j(json!({"id": null, "login": "uus", "name": "Uus", "role": "viewer", "employee_id": null, "password": "pikk-parool-1", "password_repeat": "pikk-parool-1"}))).map(drop)
        }),
        ("account_set_active", true, false, |k, a| {
            k.account_set_active(a, 3, false)
        }),
        ("password_reset", true, false, |k, a| {
            k.password_reset(a, &j(json!({"user_id": 3, "password": "pikk-parool-2", "password_repeat": "pikk-parool-2"})))
        }),
        ("head_absence_save", true, false, |k, a| {
            k.head_absence_save(a, &j(json!({"id": null, "starts_on": "01.01.2030", "ends_on": "02.01.2030", "reason": "x", "substitute_id": 2}))).map(drop)
        }),
        ("head_absence_end", true, false, |k, a| {
            k.head_absence_end(a, 1).map(drop)
        }),
        ("security_settings_save", true, false, |k, a| {
            k.security_settings_save(
                a,
                &SecuritySettings {
                    idle_lock_minutes: 5,
                    deputy_sees_sensitive: true,
                    backups_kept: 7,
                },
            )
            .map(drop)
        }),
        ("backup_to", false, false, |k, a| {
            let f = k.path().with_file_name(format!("b-{}.sqlite", a.user_id));
            k.backup_to(a, &f).map(drop)
        }),
        ("position_save", false, false, |k, a| {
            k.position_save(a, &Default::default()).map(drop)
        }),
        ("employee_add", false, false, |k, a| {
            k.employee_add(a, &Default::default()).map(drop)
        }),
        ("employee_update", false, false, |k, a| {
            k.employee_update(a, 3, &Default::default()).map(drop)
        }),
        ("employee_deactivate", false, false, |k, a| {
            k.employee_deactivate(a, 3, "").map(drop)
        }),
        ("employee_reactivate", false, false, |k, a| {
            k.employee_reactivate(a, 3).map(drop)
        }),
    ]
}

type BudgetLineInputAlias = kso_core::contracts::BudgetLineInput;

/// The public methods of the core that run a change (`self.change(` or an explicit
/// authorization for a change, or a check made before one with a change's right), read from the source: the table above must name them all.
fn changing_methods_in_source() -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for part in text.split("\n    pub fn ").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let body = part.split("\n    }\n").next().unwrap_or("");
            if body.contains("self.change(")
                || body.contains("Action::ManageAccounts)?")
                || body.contains("Action::EditKpis)?")
                || body.contains("self.read(actor, Action::Edit")
            {
                names.insert(name);
            }
        }
    }
    names
}

#[test]
fn the_substitute_is_refused_every_change_outside_the_absence_and_allowed_inside() {
    let table = commands();
    let listed: std::collections::BTreeSet<String> =
        table.iter().map(|c| c.0.to_string()).collect();
    assert_eq!(
        listed,
        changing_methods_in_source(),
        "every changing command of the core is in this test's table"
    );
    let (_dir, mut desk, head, deputy) = demo();
    // The demo's head has a planned absence later: none now.
    assert_eq!(desk.whoami(&deputy).unwrap().acting_as, None);
    let audit_before = common::audit_count(&desk);
    for (name, _, read_level, call) in &table {
        let r = call(&mut desk, &deputy);
        if *read_level {
            assert!(
                !matches!(r, Err(Error::Forbidden(_))),
                "{name}: a read-level action"
            );
        } else {
            assert!(
                matches!(r, Err(Error::Forbidden(_))),
                "{name} outside the absence: {r:?}"
            );
        }
    }
    // Refused changes wrote nothing (only the read-level export registered its document).
    assert_eq!(common::audit_count(&desk), audit_before + 1);

    common::substitute_today(&mut desk, &head, deputy.user_id);
    assert_eq!(desk.whoami(&deputy).unwrap().acting_as, Some(Role::Head));
    for (name, head_only, _, call) in &table {
        let r = call(&mut desk, &deputy);
        if *head_only {
            assert!(
                matches!(r, Err(Error::Forbidden(_))),
                "{name} is the head's own: {r:?}"
            );
        } else {
            assert!(
                !matches!(r, Err(Error::Forbidden(_))),
                "{name} inside the absence: {r:?}"
            );
        }
    }
    // What the substitute did is recorded as acting for the head.
    let mine = desk
        .audit_list(
            &head,
            &AuditQuery {
                who: Some("asendaja".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(!mine.is_empty());
    let outside: Vec<_> = mine
        .iter()
        .filter(|e| e.acting_as != Some(Role::Head))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        outside,
        ["document.export"],
        "only the export before the absence"
    );
    let acting = desk
        .audit_list(
            &head,
            &AuditQuery {
                acting_only: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(acting.iter().all(|e| e.user_login == "asendaja"));

    // The head ends the absence early: the rights end at once.
    let current = desk.substitution(&head).unwrap().current.unwrap();
    desk.head_absence_end(&head, current.id).unwrap();
    assert_eq!(desk.whoami(&deputy).unwrap().acting_as, None);
    assert!(matches!(
        desk.employee_reactivate(&deputy, 3),
        Err(Error::Forbidden(_))
    ));
}

#[test]
fn absences_of_the_head_do_not_overlap_and_need_a_deputy() {
    let (_dir, mut desk, head, deputy) = demo();
    let next = desk
        .substitution(&head)
        .unwrap()
        .next
        .expect("the demo plans one");
    let fmt = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    let input = |from: chrono::NaiveDate, to: chrono::NaiveDate, sub: i64| HeadAbsenceInput {
        id: None,
        starts_on: fmt(from),
        ends_on: fmt(to),
        reason: "Koolitus".into(),
        substitute_id: Some(sub),
    };
    let rules = |e: Error| match e {
        Error::Invalid(f) => f
            .into_iter()
            .map(|f| (f.field, f.rule.code()))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        rules(
            desk.head_absence_save(
                &head,
                &input(
                    next.ends_on,
                    next.ends_on + Duration::days(2),
                    deputy.user_id
                )
            )
            .unwrap_err()
        ),
        vec![("starts_on", "overlap")]
    );
    // A viewer cannot be designated; the head cannot designate themself.
    let viewer = desk
        .accounts(&head)
        .unwrap()
        .into_iter()
        .find(|a| a.role == Role::Viewer)
        .unwrap();
    for sub in [viewer.id, head.user_id] {
        assert_eq!(
            rules(
                desk.head_absence_save(
                    &head,
                    &input(
                        today() + Duration::days(60),
                        today() + Duration::days(61),
                        sub
                    )
                )
                .unwrap_err()
            ),
            vec![("substitute_id", "not_deputy")]
        );
    }
    assert_eq!(
        rules(
            desk.head_absence_save(
                &head,
                &input(
                    today() - Duration::days(9),
                    today() - Duration::days(2),
                    deputy.user_id
                )
            )
            .unwrap_err()
        ),
        vec![("ends_on", "in_past")]
    );
}

#[test]
fn editing_deleting_or_inserting_an_audit_row_breaks_the_chain() {
    let (_dir, desk, head, _) = demo();
    let v = desk.audit_verify(&head, Lang::En).unwrap();
    assert!(v.intact, "{v:?}");
    assert!(v.records > 10, "{v:?}");
    let conn = desk.connection();
    // The trail is append-only inside the program…
    assert!(conn
        .execute("UPDATE audit SET user_name = 'X' WHERE id = 5", [])
        .is_err());
    // …and a hand edit that drops the guard is found, by its record.
    conn.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
        .unwrap();
    conn.execute("UPDATE audit SET user_name = 'X' WHERE id = 5", [])
        .unwrap();
    let v = desk.audit_verify(&head, Lang::En).unwrap();
    assert_eq!((v.intact, v.first_bad), (false, Some(5)));
    assert!(v.problem.unwrap().contains("changed"));
    conn.execute(
        "UPDATE audit SET user_name = 'Mari Maasikas' WHERE id = 5",
        [],
    )
    .unwrap();
    assert!(desk.audit_verify(&head, Lang::En).unwrap().intact);
    conn.execute("DELETE FROM audit WHERE id = 7", []).unwrap();
    let v = desk.audit_verify(&head, Lang::En).unwrap();
    assert_eq!(v.first_bad, Some(8));
    assert!(v.problem.unwrap().contains("deleted"));
}

#[test]
fn a_backup_catches_a_rewritten_chain_and_a_cut_tail() {
    let (dir, mut desk, head, _) = demo();
    let backup = dir.path().join("copy.sqlite");
    // The last record the backup holds (the backup's own record comes after it).
    let last: i64 = desk
        .connection()
        .query_row("SELECT max(id) FROM audit", [], |r| r.get(0))
        .unwrap();
    desk.backup_to(&head, &backup).unwrap();
    assert!(
        desk.audit_verify_against(&head, &backup, Lang::En)
            .unwrap()
            .intact
    );
    // Cutting the last record leaves a valid chain, but not the backup's.
    let conn = desk.connection();
    conn.execute_batch("DROP TRIGGER audit_no_delete;").unwrap();
    conn.execute("DELETE FROM audit WHERE id >= ?1", [last])
        .unwrap();
    assert!(desk.audit_verify(&head, Lang::En).unwrap().intact);
    let v = desk.audit_verify_against(&head, &backup, Lang::En).unwrap();
    assert_eq!((v.intact, v.first_bad), (false, Some(last)));
    assert!(v.problem.unwrap().contains("deleted"));
}

#[test]
fn the_file_is_encrypted_and_each_account_opens_it_with_its_own_password() {
    let (dir, mut desk, head, deputy) = demo();
    let path = dir.path().join("kso.sqlite");
    let names: Vec<String> = desk
        .staff_list(&head, &StaffQuery::default())
        .unwrap()
        .into_iter()
        .map(|e| e.last_name)
        .collect();
    // The deputy changes their password: the database is not re-encrypted.
    let size = std::fs::metadata(&path).unwrap().len();
    desk.password_change(
        &deputy,
        &PasswordChangeInput {
            current: kso_core::demo::DEMO_PASSWORD.into(),
            password: "uus-pikk-parool".into(),
            password_repeat: "uus-pikk-parool".into(),
        },
    )
    .unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
    drop(desk);
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    for n in &names {
        assert!(
            !bytes.windows(n.len()).any(|w| w == n.as_bytes()),
            "{n} in plain text"
        );
    }
    let keys = std::fs::read_to_string(kso_core::vault::keys_path(&path)).unwrap();
    for n in &names {
        assert!(!keys.contains(n.as_str()), "{n} in the key file");
    }
    let plain = rusqlite::Connection::open(&path).unwrap();
    assert!(plain
        .query_row("SELECT count(*) FROM employee", [], |r| r.get::<_, i64>(0))
        .is_err());

    let login = |l: &str, p: &str| LoginInput {
        login: l.into(),
        password: p.into(),
    };
    assert!(Desk::unlock(&path, &login("asendaja", "uus-pikk-parool")).is_ok());
    assert!(Desk::unlock(&path, &login("juhataja", kso_core::demo::DEMO_PASSWORD)).is_ok());
    // Wrong passwords: refused, and after three the next attempt must wait.
    for _ in 0..3 {
        assert_eq!(
            Desk::unlock(&path, &login("asendaja", kso_core::demo::DEMO_PASSWORD))
                .err()
                .unwrap()
                .code(),
            "bad_credentials"
        );
    }
    let err = Desk::unlock(&path, &login("asendaja", "uus-pikk-parool"))
        .err()
        .unwrap();
    assert_eq!(err.code(), "too_many_attempts");
    assert!(err.message(Lang::Et).contains("sekundi pärast"));
    // Another account is not held up.
    assert!(Desk::unlock(&path, &login("juhataja", kso_core::demo::DEMO_PASSWORD)).is_ok());
}

#[test]
fn a_disabled_account_loses_its_key_and_a_backup_restores_only_when_whole() {
    let (dir, mut desk, head, _) = demo();
    let path = dir.path().join("kso.sqlite");
    let viewer = desk
        .accounts(&head)
        .unwrap()
        .into_iter()
        .find(|a| a.login == "vaatleja")
        .unwrap();
    desk.account_set_active(&head, viewer.id, false).unwrap();
    let login = |l: &str| LoginInput {
        login: l.into(),
        password: kso_core::demo::DEMO_PASSWORD.into(),
    };
    assert_eq!(
        Desk::unlock(&path, &login("vaatleja"))
            .err()
            .unwrap()
            .code(),
        "bad_credentials"
    );
    // Backup, a change after it, restore: the change is gone, the trail is whole.
    let backup = dir.path().join("copy.sqlite");
    desk.backup_to(&head, &backup).unwrap();
    desk.employee_add(&head, &common::employee("Pärast", "Varundust", "p@smit.ee"))
        .unwrap();
    drop(desk);
    // A damaged backup is refused and replaces nothing.
    let broken = dir.path().join("broken.sqlite");
    let mut bytes = std::fs::read(&backup).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0xff;
    }
    std::fs::write(&broken, &bytes).unwrap();
    std::fs::copy(
        kso_core::vault::keys_path(&backup),
        kso_core::vault::keys_path(&broken),
    )
    .unwrap();
    let err = Desk::restore(&path, &broken, &login("juhataja")).unwrap_err();
    assert!(
        matches!(err.code(), "backup_invalid" | "database" | "wrong_key"),
        "{err:?}"
    );
    let (desk, head) = Desk::unlock(&path, &login("juhataja")).unwrap();
    assert!(
        desk.staff_list(
            &head,
            &StaffQuery {
                include_inactive: true,
                search: Some("Varundust".into())
            }
        )
        .unwrap()
        .len()
            == 1
    );
    drop(desk);
    Desk::restore(&path, &backup, &login("juhataja")).unwrap();
    let (desk, head) = Desk::unlock(&path, &login("juhataja")).unwrap();
    assert!(desk
        .staff_list(
            &head,
            &StaffQuery {
                include_inactive: true,
                search: Some("Varundust".into())
            }
        )
        .unwrap()
        .is_empty());
    assert!(desk.audit_verify(&head, Lang::Et).unwrap().intact);
    assert!(path.with_file_name("kso.sqlite.before-restore").exists());
}

#[test]
fn a_plain_database_of_the_previous_version_is_encrypted_at_its_first_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kso.sqlite");
    {
        // What version 5 of the app wrote: a plain file, argon2 hashes in it.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        kso_core::db::migrate_to(&mut conn, 5).unwrap();
        let hash = kso_core::auth::hash_password("vana-parool-1").unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO department (id, name, signing_limit_cents, currency, created_at)
               VALUES (1, 'KSO', 1000000, 'EUR', '2026-01-01T00:00:00Z');
             INSERT INTO user_account (login, name, role, password_hash, active, created_at)
               VALUES ('mari', 'Mari Maasikas', 'head', '{hash}', 1, '2026-01-01T00:00:00Z'),
                      ('jaan', 'Jaan Tamm', 'deputy', '{hash}', 1, '2026-01-01T00:00:00Z');
             INSERT INTO employee (first_name, last_name, email, start_date)
               VALUES ('Ülle', 'Ojasalu', 'ulle@smit.ee', '2024-01-01');
             INSERT INTO audit (at, user_id, user_login, user_name, action, entity)
               VALUES ('2026-01-01T00:00:00Z', 1, 'mari', 'Mari Maasikas', 'department.setup', 'department');"
        ))
        .unwrap();
    }
    assert!(Desk::status_of(&path).unwrap().initialized);
    let login = |l: &str, p: &str| LoginInput {
        login: l.into(),
        password: p.into(),
    };
    assert_eq!(
        Desk::unlock(&path, &login("mari", "vale-parool"))
            .err()
            .unwrap()
            .code(),
        "bad_credentials"
    );
    let (mut desk, head) = Desk::unlock(&path, &login("mari", "vana-parool-1")).unwrap();
    let staff = desk.staff_list(&head, &StaffQuery::default()).unwrap();
    assert_eq!(staff[0].last_name, "Ojasalu");
    let v = desk.audit_verify(&head, Lang::Et).unwrap();
    assert!(v.intact, "{v:?}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.windows(7).any(|w| w == b"Ojasalu"));
    // The deputy has no key until the head sets a password.
    assert_eq!(
        Desk::unlock(&path, &login("jaan", "vana-parool-1"))
            .err()
            .unwrap()
            .code(),
        "no_key"
    );
    let jaan = desk
        .accounts(&head)
        .unwrap()
        .into_iter()
        .find(|a| a.login == "jaan")
        .unwrap();
    assert!(!jaan.has_key);
    desk.password_reset(
        &head,
        &PasswordResetInput {
            user_id: jaan.id,
            password: "jaani-uus-parool".into(),
            password_repeat: "jaani-uus-parool".into(),
        },
    )
    .unwrap();
    assert!(Desk::unlock(&path, &login("jaan", "jaani-uus-parool")).is_ok());
}

#[test]
fn sick_leave_is_hidden_from_the_substitute_unless_the_head_allows_it() {
    let (_dir, mut desk, head, deputy) = demo();
    let e = desk.staff_list(&head, &StaffQuery::default()).unwrap()[2].id;
    let d = today() + Duration::days(2);
    desk.absence_add(
        &head,
        &j(json!({"employee_id": e, "kind": "sick_leave", "start_date": d.format("%d.%m.%Y").to_string(), "end_date": d.format("%d.%m.%Y").to_string(), "note": "gripp"})),
    )
    .unwrap();
    let kinds = |desk: &Desk, who: &Actor| -> Vec<AbsenceKind> {
        desk.employee_absences(who, e)
            .unwrap()
            .into_iter()
            .filter(|a| a.start_date == d)
            .map(|a| a.kind)
            .collect()
    };
    assert_eq!(kinds(&desk, &head), vec![AbsenceKind::SickLeave]);
    assert_eq!(kinds(&desk, &deputy), vec![AbsenceKind::Other]);
    common::substitute_today(&mut desk, &head, deputy.user_id);
    assert_eq!(kinds(&desk, &deputy), vec![AbsenceKind::Other]);
    desk.security_settings_save(
        &head,
        &SecuritySettings {
            idle_lock_minutes: 10,
            deputy_sees_sensitive: true,
            backups_kept: 7,
        },
    )
    .unwrap();
    assert_eq!(kinds(&desk, &deputy), vec![AbsenceKind::SickLeave]);
}

#[test]
fn a_designated_substitute_cannot_be_disabled_and_filters_take_underscores() {
    let (_dir, mut desk, head, deputy) = demo();
    // The demo plans an absence with the deputy substituting.
    let err = desk
        .account_set_active(&head, deputy.user_id, false)
        .unwrap_err();
    assert!(
        matches!(err, Error::Invalid(ref f) if f[0].rule.code() == "designated_substitute"),
        "{err:?}"
    );
    let err = desk
        .account_set_active(&head, head.user_id, false)
        .unwrap_err();
    assert!(
        matches!(err, Error::Invalid(ref f) if f[0].rule.code() == "own_account"),
        "{err:?}"
    );
    // "head_absence" has an underscore: it is matched as itself, not as a wildcard.
    let found = desk
        .audit_list(
            &head,
            &AuditQuery {
                what: Some("head_absence".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(!found.is_empty());
    assert!(found.iter().all(|e| e.action.starts_with("head_absence.")));
    // The export has every record, not the list's first 500.
    let csv = desk
        .audit_export_csv(&head, &AuditQuery::default(), Lang::Et)
        .unwrap();
    assert_eq!(csv.lines().count() as i64 - 1, common::audit_count(&desk));
}

#[test]
fn only_the_head_may_encrypt_an_old_file_or_restore_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kso.sqlite");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        kso_core::db::migrate_to(&mut conn, 5).unwrap();
        let hash = kso_core::auth::hash_password("vana-parool-1").unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO department (id, name, signing_limit_cents, currency, created_at)
               VALUES (1, 'KSO', 1000000, 'EUR', '2026-01-01T00:00:00Z');
             INSERT INTO user_account (login, name, role, password_hash, active, created_at)
               VALUES ('mari', 'Mari Maasikas', 'head', '{hash}', 1, '2026-01-01T00:00:00Z'),
                      ('jaan', 'Jaan Tamm', 'deputy', '{hash}', 1, '2026-01-01T00:00:00Z');"
        ))
        .unwrap();
    }
    let login = |l: &str, p: &str| LoginInput {
        login: l.into(),
        password: p.into(),
    };
    assert_eq!(
        Desk::unlock(&path, &login("jaan", "vana-parool-1"))
            .err()
            .unwrap()
            .code(),
        "upgrade_needs_head"
    );
    assert!(kso_core::db::is_plaintext(&path), "nothing changed");

    let (dir2, mut desk, head, _) = demo();
    let live = dir2.path().join("kso.sqlite");
    let backup = dir2.path().join("b.sqlite");
    desk.backup_to(&head, &backup).unwrap();
    drop(desk);
    let demo_login = |l: &str| login(l, kso_core::demo::DEMO_PASSWORD);
    assert_eq!(
        Desk::restore(&live, &backup, &demo_login("vaatleja"))
            .unwrap_err()
            .code(),
        "forbidden"
    );
    Desk::restore(&live, &backup, &demo_login("juhataja")).unwrap();
    let (desk, head) = Desk::unlock(&live, &demo_login("juhataja")).unwrap();
    let last = desk
        .audit_list(
            &head,
            &AuditQuery {
                limit: Some(1),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(last[0].action, "database.restore");
    assert!(desk.audit_verify(&head, Lang::Et).unwrap().intact);
}
