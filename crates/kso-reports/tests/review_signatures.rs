//! An interview's summary (§ 3.7.5; ATS § 30): exported through the register, signed by the head
//! and then by the employee — two signatures — and confidential to the head.

use chrono::Utc;
use kso_core::error::Rule;
use kso_core::model::{DemoInput, EmployeeInput, LoginInput};
use kso_core::reviews::model::{AdvanceInput, PlanInput, ReviewSaveInput};
use kso_core::reviews::{Goal, ReviewBody, ReviewKind, ReviewStatus};
use kso_core::{Desk, Error, Lang};
use kso_pdf::testing::{make_keys, PASSWORD};
use kso_reports::reviews::{sign, Signer};
use kso_reports::{export, KeySource, SignRequest, Summary};

fn p12(keys: &tempfile::TempDir, name: &str) -> SignRequest {
    SignRequest {
        key: KeySource::P12 {
            bytes: std::fs::read(keys.path().join(name)).unwrap(),
            password: PASSWORD.into(),
        },
        hash: None,
    }
}

fn rule(e: kso_reports::Error) -> (String, Rule) {
    match e {
        kso_reports::Error::Core(Error::Invalid(f)) => (f[0].field.to_string(), f[0].rule.clone()),
        other => panic!("a field error, not {other:?}"),
    }
}

#[test]
fn the_summary_is_signed_by_the_head_then_the_employee() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::create(&dir.path().join("kso.sqlite")).unwrap();
    desk.generate_demo(DemoInput::default(), Utc::now().date_naive())
        .unwrap();
    let login = |l: &str| LoginInput {
        login: l.into(),
        password: kso_core::demo::DEMO_PASSWORD.into(),
    };
    let head = desk.sign_in(&login("juhataja")).unwrap();
    let viewer = desk.sign_in(&login("vaatleja")).unwrap();
    let keys = tempfile::tempdir().unwrap();
    make_keys(keys.path());
    let kõiv = desk
        .employee_add(
            &head,
            &EmployeeInput {
                first_name: "Ülle".into(),
                last_name: "Kõiv".into(),
                email: "ylle.koiv.vestlus@example.ee".into(),
                start_date: "01.01.2024".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let year = Utc::now()
        .date_naive()
        .format("%Y")
        .to_string()
        .parse()
        .unwrap();
    let r = desk
        .review_plan(
            &head,
            &PlanInput {
                employee_id: kõiv,
                kind: ReviewKind::Annual,
                year,
                planned_on: String::new(),
                probation_months: String::new(),
            },
        )
        .unwrap();
    desk.review_save(
        &head,
        &ReviewSaveInput {
            id: r.id,
            body: ReviewBody {
                next_goals: vec![Goal {
                    text: "Lahendada 75 % pöördumistest esimesel tasandil".into(),
                    kpi_code: Some("2.3.4".into()),
                    ..Default::default()
                }],
                development: "Omandas uue piletisüsteemi.".into(),
                summary: "Töötulemused vastavad ootustele.".into(),
                ..Default::default()
            },
            planned_on: String::new(),
        },
    )
    .unwrap();
    let step = |desk: &mut Desk, to| {
        desk.review_advance(
            &head,
            &AdvanceInput {
                id: r.id,
                to,
                on: String::new(),
                employee_comments: "Olen kokkuvõttega nõus.".into(),
            },
        )
        .unwrap()
    };
    step(&mut desk, ReviewStatus::Held);
    step(&mut desk, ReviewStatus::SummaryGiven);

    // Not before the employee has commented; the employee not before the head.
    let e = sign(
        &mut desk,
        &head,
        r.id,
        Signer::Head,
        &p12(&keys, "rsa.p12"),
        Lang::Et,
        Utc::now(),
    )
    .unwrap_err();
    assert_eq!(rule(e), ("id".into(), Rule::StatusOrder));
    step(&mut desk, ReviewStatus::Commented);
    let e = sign(
        &mut desk,
        &head,
        r.id,
        Signer::Employee,
        &p12(&keys, "p384.p12"),
        Lang::Et,
        Utc::now(),
    )
    .unwrap_err();
    assert_eq!(rule(e), ("signer".into(), Rule::NotSigned));

    let first = sign(
        &mut desk,
        &head,
        r.id,
        Signer::Head,
        &p12(&keys, "rsa.p12"),
        Lang::Et,
        Utc::now(),
    )
    .unwrap();
    assert_eq!(first.review.status, ReviewStatus::Commented);
    assert_eq!(first.verification.signatures.len(), 1);
    assert_eq!(
        first.record.as_ref().unwrap().kind,
        kso_core::documents::DocumentKind::Review
    );
    // Someone else's key as the employee's is refused before it signs.
    let e = sign(
        &mut desk,
        &head,
        r.id,
        Signer::Employee,
        &p12(&keys, "p256.p12"),
        Lang::Et,
        Utc::now(),
    )
    .unwrap_err();
    assert_eq!(rule(e), ("signer".into(), Rule::SignerNotHolder));

    let both = sign(
        &mut desk,
        &head,
        r.id,
        Signer::Employee,
        &p12(&keys, "p384.p12"),
        Lang::Et,
        Utc::now(),
    )
    .unwrap();
    assert_eq!(both.review.status, ReviewStatus::Signed);
    let sig = &both.verification.signatures;
    assert_eq!(sig.len(), 2);
    assert!(both.verification.all_intact);
    assert_eq!(sig[0].signer, "MAASIKAS,MARI,48001010000");
    assert_eq!(sig[1].signer, "KÕIV,ÜLLE,48501010000");
    assert_eq!(
        sig[1].role.as_deref(),
        Some("Töötaja, kokkuvõttega tutvunud")
    );
    assert!(
        both.bytes.starts_with(&first.bytes),
        "the employee signs the head's file"
    );
    let kept = both.review.file.as_ref().unwrap();
    assert_eq!(desk.review_file(&head, kept.id).unwrap().1, both.bytes);

    // Confidential: the viewer cannot export it.
    let e = export(
        &mut desk,
        &viewer,
        &Summary::Review { id: r.id },
        Lang::Et,
        Utc::now(),
        None,
    )
    .unwrap_err();
    assert!(
        matches!(e, kso_reports::Error::Core(Error::Forbidden(_))),
        "{e:?}"
    );
}
