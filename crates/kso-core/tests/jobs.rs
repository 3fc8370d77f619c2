//! Issue 8: job descriptions (§ 3.4–3.5) — versions, the workflow to one version in force, the
//! consent flag (Civil Service Act § 59(1¹)), acknowledgements, templates and the checks.

mod common;

use common::*;
use kso_core::error::Rule;
use kso_core::jobs::checks::IssueKind;
use kso_core::jobs::diff::ChangeKind;
use kso_core::jobs::*;
use kso_core::model::PositionInput;
use kso_core::{Actor, Desk, Error, Lang};

struct Dept {
    head_pos: i64,
    support: i64,
    monitoring: i64,
    vacant: i64,
    /// Holders of `support`: two; of `monitoring`: one.
    anna: i64,
    peeter: i64,
    mari: i64,
}

fn position(
    desk: &mut Desk,
    head: &Actor,
    code: &str,
    title: &str,
    reports_to: Option<i64>,
) -> i64 {
    desk.position_save(
        head,
        &PositionInput {
            id: None,
            code: code.into(),
            title: title.into(),
            classification: String::new(),
            fte: "1".into(),
            reports_to,
            approved_on: String::new(),
            directive_no: String::new(),
        },
    )
    .unwrap()
    .id
}

fn dept(desk: &mut Desk, head: &Actor) -> Dept {
    let head_pos = position(desk, head, "KSO-01", "Osakonnajuhataja", None);
    let support = position(
        desk,
        head,
        "KSO-02",
        "Kasutajatoe spetsialist",
        Some(head_pos),
    );
    let monitoring = position(desk, head, "KSO-03", "Seirespetsialist", Some(head_pos));
    let vacant = position(desk, head, "KSO-04", "Peaspetsialist", Some(head_pos));
    let mut hire = |first: &str, last: &str, pos: i64| {
        let mut e = employee(first, last, &format!("{}@smit.ee", first.to_lowercase()));
        e.position_id = Some(pos);
        desk.employee_add(head, &e).unwrap().id
    };
    let anna = hire("Anna", "Tamm", support);
    let peeter = hire("Peeter", "Kask", support);
    let mari = hire("Mari", "Mets", monitoring);
    hire("Tiina", "Juht", head_pos);
    Dept {
        head_pos,
        support,
        monitoring,
        vacant,
        anna,
        peeter,
        mari,
    }
}

fn rule_of(e: &Error) -> Vec<(&'static str, Rule)> {
    match e {
        Error::Invalid(f) => f.iter().map(|f| (f.field, f.rule.clone())).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

fn approve(
    desk: &mut Desk,
    head: &Actor,
    id: i64,
    on: &str,
    from: &str,
) -> kso_core::Result<JobVersion> {
    desk.job_approve(
        head,
        &ApprovalInput {
            version_id: id,
            approved_by: "Toomas Tugi, asedirektor".into(),
            approved_on: on.into(),
            reference: "1-3/2026/45".into(),
            file: None,
            in_force_from: from.into(),
        },
    )
}

/// A description from the built-in template, submitted and approved, in force from `from`.
fn in_force(desk: &mut Desk, head: &Actor, position_id: i64, from: &str) -> JobVersion {
    let v = desk
        .job_draft_new(
            head,
            &DraftNewInput {
                position_id,
                start: DraftStart::Template {
                    name: "Kasutajatoe spetsialist".into(),
                },
            },
        )
        .unwrap();
    desk.job_submit(head, v.id).unwrap();
    approve(desk, head, v.id, from, from).unwrap()
}

fn save(
    desk: &mut Desk,
    head: &Actor,
    v: &JobVersion,
    body: JobBody,
    note: &str,
) -> kso_core::Result<JobVersion> {
    desk.job_draft_save(
        head,
        &DraftSaveInput {
            version_id: v.id,
            body,
            note: note.into(),
        },
    )
}

#[test]
fn a_description_goes_from_draft_to_in_force_and_a_revision_keeps_the_old_one_readable() {
    let (_dir, mut desk, head) = with_head();
    let d = dept(&mut desk, &head);
    let v1 = desk
        .job_draft_new(
            &head,
            &DraftNewInput {
                position_id: d.support,
                start: DraftStart::Template {
                    name: "Kasutajatoe spetsialist".into(),
                },
            },
        )
        .unwrap();
    assert_eq!((v1.version, v1.state), (1, JobState::Draft));
    assert_eq!(v1.based_on.as_deref(), Some("Kasutajatoe spetsialist"));
    assert_eq!(
        v1.body.duties.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    // The place in the structure comes from the staffing table.
    assert_eq!(v1.reports_to.as_ref().map(|p| p.id), Some(d.head_pos));
    assert_eq!(v1.holders.len(), 2);
    // One open version per position.
    let again = desk.job_draft_new(
        &head,
        &DraftNewInput {
            position_id: d.support,
            start: DraftStart::Empty,
        },
    );
    assert_eq!(
        rule_of(&again.unwrap_err()),
        vec![("position_id", Rule::OpenVersion)]
    );

    // The substitution arrangement: substituted by the monitoring specialist.
    let mut body = v1.body.clone();
    body.substituted_by = vec![d.monitoring];
    body.duties.push(Duty {
        id: 0,
        text: "Koolitab uusi kolleege.".into(),
        result: "Uus kolleeg töötab iseseisvalt kuu ajaga.".into(),
        main: false,
    });
    let v1 = save(&mut desk, &head, &v1, body, "Esimene versioon").unwrap();
    assert_eq!(v1.body.duties.last().unwrap().id, 5);
    assert_eq!(v1.substituted_by[0].code, "KSO-03");
    // A position cannot substitute itself; an unknown position is refused.
    let mut bad = v1.body.clone();
    bad.substitutes = vec![d.support];
    bad.substituted_by = vec![9_999];
    let e = save(&mut desk, &head, &v1, bad, "").unwrap_err();
    assert_eq!(
        rule_of(&e),
        vec![
            ("substitutes", Rule::OwnPosition),
            ("substituted_by", Rule::UnknownPosition)
        ]
    );

    let audit_before = audit_count(&desk);
    let v1 = desk.job_submit(&head, v1.id).unwrap();
    assert_eq!(v1.state, JobState::Submitted);
    // A submitted version is not written; approval needs a reference or the signed PDF, and
    // cannot take force before it was approved.
    let e = save(&mut desk, &head, &v1, JobBody::default(), "").unwrap_err();
    assert_eq!(rule_of(&e), vec![("version_id", Rule::NotDraft)]);
    let e = desk
        .job_approve(
            &head,
            &ApprovalInput {
                version_id: v1.id,
                approved_by: "Toomas Tugi".into(),
                approved_on: "02.02.2026".into(),
                reference: String::new(),
                file: None,
                in_force_from: "01.02.2026".into(),
            },
        )
        .unwrap_err();
    assert_eq!(
        rule_of(&e),
        vec![
            ("reference", Rule::Required),
            ("in_force_from", Rule::EndBeforeStart)
        ]
    );
    assert_eq!(audit_count(&desk), audit_before + 1, "only the submission");
    let v1 = approve(&mut desk, &head, v1.id, "02.02.2026", "01.03.2026").unwrap();
    assert_eq!(v1.state, JobState::InForce);
    let a = v1.approval.as_ref().unwrap();
    assert_eq!(
        (
            a.approved_by.as_str(),
            a.reference.as_str(),
            a.in_force_from.to_string()
        ),
        (
            "Toomas Tugi, asedirektor",
            "1-3/2026/45",
            "2026-03-01".to_string()
        )
    );
    assert!(v1.consent.is_empty(), "a first description is not a change");

    // A revision: a new draft from the version in force; a non-main duty reworded.
    let v2 = desk
        .job_draft_new(
            &head,
            &DraftNewInput {
                position_id: d.support,
                start: DraftStart::Latest,
            },
        )
        .unwrap();
    assert_eq!((v2.version, v2.based_on.as_deref()), (2, Some("KSO-02 v1")));
    let mut body = v2.body.clone();
    body.duties[3].text =
        "Täiendab teadmusbaasi ja juhendeid korduvate probleemide lahendustega.".into();
    body.rights.push_str(" Osaleda valdkonna töörühmades.");
    let v2 = save(&mut desk, &head, &v2, body, "Teadmusbaas ja töörühmad").unwrap();
    assert!(v2.consent.is_empty(), "{:?}", v2.consent);
    assert_eq!(v2.compared_with, Some(1));
    desk.job_submit(&head, v2.id).unwrap();
    // Taking force on or before the day the version in force did is refused.
    let e = approve(&mut desk, &head, v2.id, "01.03.2026", "01.03.2026").unwrap_err();
    assert_eq!(rule_of(&e), vec![("in_force_from", Rule::InForceOrder)]);
    // Approved today, in force only next year: the first version stays in force until then.
    let v2 = approve(&mut desk, &head, v2.id, "01.03.2026", "01.01.2099").unwrap();
    assert_eq!(v2.state, JobState::Approved);
    let list = desk.jobs_list(&head).unwrap();
    let line = list.iter().find(|l| l.position.id == d.support).unwrap();
    assert_eq!(line.in_force.map(|x| x.0), Some(1));
    assert_eq!(line.versions, 2);

    // The first version is still readable as it was.
    let old = desk.job_version(&head, d.support, Some(1)).unwrap();
    assert_eq!(
        old.body.duties[3].text,
        "Täiendab teadmusbaasi korduvate probleemide lahendustega."
    );
    assert_eq!(old.state, JobState::InForce);
    let heads = desk.job_versions(&head, d.support).unwrap();
    assert_eq!(
        heads
            .iter()
            .map(|h| (h.version, h.state))
            .collect::<Vec<_>>(),
        vec![(2, JobState::Approved), (1, JobState::InForce)]
    );
}

#[test]
fn changing_a_main_duty_purpose_or_requirements_is_flagged_for_consent_in_the_version_and_the_diff()
{
    let (_dir, mut desk, head) = with_head();
    let d = dept(&mut desk, &head);
    in_force(&mut desk, &head, d.support, "01.01.2026");
    let v2 = desk
        .job_draft_new(
            &head,
            &DraftNewInput {
                position_id: d.support,
                start: DraftStart::Latest,
            },
        )
        .unwrap();
    let mut body = v2.body.clone();
    body.duties[1].text =
        "Lahendab esimese ja teise taseme pöördumised ning edastab ülejäänud pädevale tiimile."
            .into();
    let v2 = save(&mut desk, &head, &v2, body.clone(), "Teine tase").unwrap();
    assert_eq!(v2.consent, vec![ConsentReason::MainDuties]);
    let line = desk
        .jobs_list(&head)
        .unwrap()
        .into_iter()
        .find(|l| l.position.id == d.support)
        .unwrap();
    assert!(line.open_consent);
    assert_eq!(line.open.map(|o| o.1), Some(JobStatus::Draft));

    let diff = desk.job_diff(&head, d.support, 1, 2, Lang::Et).unwrap();
    assert_eq!(diff.consent, vec![ConsentReason::MainDuties]);
    let duty = diff
        .sections
        .iter()
        .find(|s| s.label == "Ülesanne 2")
        .unwrap();
    assert_eq!(duty.kind, ChangeKind::Changed);
    assert!(duty.consent);
    let inserted: String = duty
        .ops
        .iter()
        .filter(|o| o.kind == kso_core::jobs::diff::OpKind::Insert)
        .map(|o| o.text.as_str())
        .collect();
    assert!(inserted.contains("ja teise"), "{inserted:?}");
    assert!(diff
        .sections
        .iter()
        .filter(|s| s.label != "Ülesanne 2")
        .all(|s| s.kind == ChangeKind::Same && !s.consent));

    // Requirements too; a reworded right alone is not flagged.
    body.duties[1] = desk
        .job_version(&head, d.support, Some(1))
        .unwrap()
        .body
        .duties[1]
        .clone();
    body.requirements.education = "IT-alane kõrgharidus.".into();
    let v2 = save(&mut desk, &head, &v2, body.clone(), "Haridus").unwrap();
    assert_eq!(v2.consent, vec![ConsentReason::Requirements]);
    body.requirements = desk
        .job_version(&head, d.support, Some(1))
        .unwrap()
        .body
        .requirements;
    body.rights = "Saada vajalikku teavet.".into();
    let v2 = save(&mut desk, &head, &v2, body, "Õigused").unwrap();
    assert!(v2.consent.is_empty());
    let diff = desk.job_diff(&head, d.support, 1, 2, Lang::En).unwrap();
    let rights = diff
        .sections
        .iter()
        .find(|s| s.section == "rights")
        .unwrap();
    assert_eq!((rights.kind, rights.consent), (ChangeKind::Changed, false));
}

#[test]
fn holders_acknowledge_an_approved_version_by_date_or_signed_pdf() {
    let (_dir, mut desk, head) = with_head();
    let d = dept(&mut desk, &head);
    let v = desk
        .job_draft_new(
            &head,
            &DraftNewInput {
                position_id: d.support,
                start: DraftStart::Template {
                    name: "Kasutajatoe spetsialist".into(),
                },
            },
        )
        .unwrap();
    let ack = |employee_id: i64, on: &str, file: Option<FileInput>| AcknowledgeInput {
        version_id: v.id,
        employee_id,
        acknowledged_on: on.into(),
        file,
    };
    let e = desk
        .job_acknowledge(&head, &ack(d.anna, "10.02.2026", None))
        .unwrap_err();
    assert_eq!(rule_of(&e), vec![("version_id", Rule::NotApproved)]);
    desk.job_submit(&head, v.id).unwrap();
    approve(&mut desk, &head, v.id, "02.02.2026", "01.03.2026").unwrap();
    let e = desk
        .job_acknowledge(&head, &ack(d.mari, "10.02.2026", None))
        .unwrap_err();
    assert_eq!(rule_of(&e), vec![("employee_id", Rule::NotHolder)]);
    let e = desk
        .job_acknowledge(&head, &ack(d.anna, "01.02.2026", None))
        .unwrap_err();
    assert_eq!(rule_of(&e), vec![("acknowledged_on", Rule::EndBeforeStart)]);
    let not_pdf = FileInput {
        file_name: "allkiri.txt".into(),
        content: b"hello".to_vec(),
    };
    let e = desk
        .job_acknowledge(&head, &ack(d.anna, "10.02.2026", Some(not_pdf)))
        .unwrap_err();
    assert_eq!(rule_of(&e), vec![("file", Rule::NotPdf)]);
    let v = desk
        .job_acknowledge(&head, &ack(d.anna, "10.02.2026", None))
        .unwrap();
    assert_eq!(v.acknowledgements[0].employee, "Anna Tamm");
    let e = desk
        .job_acknowledge(&head, &ack(d.anna, "11.02.2026", None))
        .unwrap_err();
    assert_eq!(
        rule_of(&e),
        vec![("employee_id", Rule::AlreadyAcknowledged)]
    );
    let line = desk
        .jobs_list(&head)
        .unwrap()
        .into_iter()
        .find(|l| l.position.id == d.support)
        .unwrap();
    assert_eq!(line.unacknowledged, vec!["Peeter Kask".to_string()]);
    // Peeter signs the PDF: it is kept with the version, bytes and hash.
    let pdf = b"%PDF-1.7\n% allkirjastatud\n".to_vec();
    let v = desk
        .job_acknowledge(
            &head,
            &ack(
                d.peeter,
                "12.02.2026",
                Some(FileInput {
                    file_name: "ametijuhend-allkirjastatud.pdf".into(),
                    content: pdf.clone(),
                }),
            ),
        )
        .unwrap();
    let f = v
        .acknowledgements
        .iter()
        .find(|a| a.employee_id == d.peeter)
        .and_then(|a| a.file.clone())
        .unwrap();
    assert_eq!(
        desk.job_file(&head, f.id).unwrap(),
        ("ametijuhend-allkirjastatud.pdf".to_string(), pdf)
    );
    assert_eq!(f.sha256.len(), 64);
    assert!(desk
        .job_checks(&head, Lang::Et)
        .unwrap()
        .iter()
        .all(|i| i.kind != IssueKind::NotAcknowledged || i.position.id != d.support));
}

#[test]
fn the_checks_find_missing_descriptions_vacant_substitutes_circles_and_uncovered_duties() {
    let (_dir, mut desk, head) = with_head();
    let d = dept(&mut desk, &head);
    // First substitutes go round: head → support → monitoring → head; the vacant position
    // is substituted by nobody.
    for (pos, subs, by) in [
        (d.support, vec![d.head_pos], vec![d.monitoring]),
        (d.monitoring, vec![d.support], vec![d.head_pos]),
        (d.head_pos, vec![d.monitoring], vec![d.support]),
        (d.vacant, vec![], vec![]),
    ] {
        let v = desk
            .job_draft_new(
                &head,
                &DraftNewInput {
                    position_id: pos,
                    start: DraftStart::Template {
                        name: "Seirespetsialist".into(),
                    },
                },
            )
            .unwrap();
        let mut body = v.body.clone();
        body.substitutes = subs;
        body.substituted_by = by;
        if body != v.body {
            save(&mut desk, &head, &v, body, "").unwrap();
        }
        desk.job_submit(&head, v.id).unwrap();
        approve(&mut desk, &head, v.id, "01.01.2026", "01.01.2026").unwrap();
    }
    let issues = desk.job_checks(&head, Lang::Et).unwrap();
    let kinds: Vec<(String, IssueKind)> = issues
        .iter()
        .filter(|i| i.kind != IssueKind::NotAcknowledged)
        .map(|i| (i.position.code.clone(), i.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("KSO-04".to_string(), IssueKind::VacantUncovered),
            ("KSO-01".to_string(), IssueKind::Circle),
        ]
    );
    let circle = issues.iter().find(|i| i.kind == IssueKind::Circle).unwrap();
    assert!(
        circle.message.contains("KSO-01 → KSO-02 → KSO-03 → KSO-01"),
        "{}",
        circle.message
    );
    // Every holder of a description in force who has not acknowledged it is named.
    assert_eq!(
        issues
            .iter()
            .filter(|i| i.kind == IssueKind::NotAcknowledged)
            .count(),
        4
    );

    // The monitoring specialist is now first substituted by the vacant position: the circle
    // is broken on paper, but the substitute named is vacant.
    let v = desk
        .job_draft_new(
            &head,
            &DraftNewInput {
                position_id: d.monitoring,
                start: DraftStart::Latest,
            },
        )
        .unwrap();
    let mut body = v.body.clone();
    body.substituted_by.insert(0, d.vacant);
    save(&mut desk, &head, &v, body, "").unwrap();
    desk.job_submit(&head, v.id).unwrap();
    approve(&mut desk, &head, v.id, "02.01.2026", "02.01.2026").unwrap();
    let kinds: Vec<(String, IssueKind)> = desk
        .job_checks(&head, Lang::En)
        .unwrap()
        .iter()
        .filter(|i| i.kind != IssueKind::NotAcknowledged)
        .map(|i| (i.position.code.clone(), i.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("KSO-03".to_string(), IssueKind::SubstituteVacant),
            ("KSO-04".to_string(), IssueKind::VacantUncovered),
        ]
    );
}

#[test]
fn templates_and_another_positions_description_as_a_start() {
    let (_dir, mut desk, head) = with_head();
    let d = dept(&mut desk, &head);
    let names: Vec<String> = desk
        .job_templates(&head)
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Kasutajatoe spetsialist", "Seirespetsialist"]);
    let v = in_force(&mut desk, &head, d.support, "01.01.2026");
    let mut body = v.body.clone();
    body.substituted_by = vec![d.monitoring];
    let v2 = desk
        .job_draft_new(
            &head,
            &DraftNewInput {
                position_id: d.support,
                start: DraftStart::Latest,
            },
        )
        .unwrap();
    save(&mut desk, &head, &v2, body, "asendaja").unwrap();
    // The vacant position starts from the support specialist's draft: the sections come over,
    // the substitution arrangement does not, the duties are its own.
    let copy = desk
        .job_draft_new(
            &head,
            &DraftNewInput {
                position_id: d.vacant,
                start: DraftStart::Version { id: v2.id },
            },
        )
        .unwrap();
    assert_eq!(copy.based_on.as_deref(), Some("KSO-02 v2"));
    assert_eq!(copy.body.purpose, v.body.purpose);
    assert!(copy.body.substituted_by.is_empty());
    assert_eq!(copy.body.duties.len(), v.body.duties.len());
    // A saved template; the built-in ones are neither overwritten nor deleted.
    let t = desk
        .job_template_save(&head, "Peaspetsialist (KSO)", copy.id)
        .unwrap();
    assert!(!t.builtin && t.body.duties.iter().all(|d| d.id == 0));
    let e = desk
        .job_template_save(&head, "seirespetsialist", copy.id)
        .unwrap_err();
    assert_eq!(rule_of(&e), vec![("name", Rule::Builtin)]);
    let e = desk
        .job_template_delete(&head, "Seirespetsialist")
        .unwrap_err();
    assert_eq!(rule_of(&e), vec![("name", Rule::Builtin)]);
    desk.job_template_delete(&head, "Peaspetsialist (KSO)")
        .unwrap();
    assert_eq!(desk.job_templates(&head).unwrap().len(), 2);
    // A discarded draft leaves the approved history alone.
    desk.job_draft_discard(&head, copy.id).unwrap();
    assert!(desk.job_versions(&head, d.vacant).unwrap().is_empty());
    let e = desk.job_draft_discard(&head, v.id).unwrap_err();
    assert_eq!(rule_of(&e), vec![("version_id", Rule::NotDraft)]);
}

#[test]
fn a_viewer_reads_but_does_not_write_job_descriptions() {
    let (_dir, mut desk, head) = with_head();
    let d = dept(&mut desk, &head);
    in_force(&mut desk, &head, d.support, "01.01.2026");
    add_user(&mut desk, &head, "vaatleja", "viewer");
    let viewer = desk
        .sign_in(&kso_core::model::LoginInput {
            login: "vaatleja".into(),
            password: common::PASSWORD.into(),
        })
        .unwrap();
    assert_eq!(desk.jobs_list(&viewer).unwrap().len(), 4);
    let r = desk.job_draft_new(
        &viewer,
        &DraftNewInput {
            position_id: d.support,
            start: DraftStart::Latest,
        },
    );
    assert!(matches!(r, Err(Error::Forbidden(_))), "{r:?}");
    let _ = d.mari;
}
