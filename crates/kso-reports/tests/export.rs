//! Every summary exported from a demo department, registered and signed; refusals leave nothing
//! registered; a second signature; verification against an imported trust anchor.

use chrono::{TimeZone, Utc};
use kso_core::documents::DocumentKind;
use kso_core::model::{DemoInput, LoginInput};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::testing::{make_keys, PASSWORD};
use kso_pdf::{Modification, Trust};
use kso_reports::{export, sign_file, verify_file, KeySource, SignRequest, Summary};

struct World {
    _dir: tempfile::TempDir,
    keys: tempfile::TempDir,
    desk: Desk,
    head: Actor,
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 12, 5, 0).unwrap()
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::create(&dir.path().join("kso.sqlite")).unwrap();
    desk.generate_demo(DemoInput::default(), now().date_naive())
        .unwrap();
    let head = sign_in(&desk, "juhataja");
    let keys = tempfile::tempdir().unwrap();
    make_keys(keys.path());
    World {
        _dir: dir,
        keys,
        desk,
        head,
    }
}

fn sign_in(desk: &Desk, login: &str) -> Actor {
    desk.sign_in(&LoginInput {
        login: login.into(),
        password: kso_core::demo::DEMO_PASSWORD.into(),
    })
    .unwrap()
}

fn p12(w: &World, name: &str, password: &str) -> SignRequest {
    SignRequest {
        key: KeySource::P12 {
            bytes: std::fs::read(w.keys.path().join(name)).unwrap(),
            password: password.into(),
        },
        hash: None,
    }
}

#[test]
fn every_summary_exports_and_signs_and_is_registered() {
    let mut w = world();
    let head = w.head.clone();
    let first_contract = w
        .desk
        .contracts_list(&head, &Default::default(), now().date_naive(), Lang::Et)
        .unwrap()[0]
        .id;
    let all = [
        Summary::Roster {
            month: "2026-12".into(),
        },
        Summary::Staffing,
        Summary::Contracts { year: 2026 },
        Summary::Contract { id: first_contract },
        Summary::Budget { year: 2026 },
    ];
    let req = p12(&w, "p256.p12", PASSWORD);
    for (i, what) in all.iter().enumerate() {
        let e = export(&mut w.desk, &head, what, Lang::Et, now(), Some(&req)).unwrap();
        assert_eq!(e.record.number, format!("KSO-2026-{:04}", i + 1));
        assert_eq!(e.record.kind, what.kind());
        assert_eq!(e.record.signatures.len(), 1, "{what:?}");
        assert_eq!(e.record.signatures[0].role, "Osakonnajuhataja");
        assert_eq!(e.record.signatures[0].signer, "TAMM,JAAN,38001010000");
        let v = e.verification.expect("verified after signing");
        assert!(v.all_intact, "{what:?}: {v:#?}");
        // The file as registered is the unsigned export; the signature covers it unchanged.
        assert_eq!(
            kso_pdf::verify::sha256_hex(&e.bytes),
            e.record.signatures[0].sha256
        );
    }
    let docs = w.desk.documents(&head).unwrap();
    assert_eq!(docs.len(), 5);
    assert_eq!(docs[4].kind, DocumentKind::Roster);
    assert_eq!(docs[4].period, "2026-12");
    // The roster of a month runs over pages in landscape, with its number in the footer.
    assert!(docs[4].pages >= 1);
}

#[test]
fn nothing_is_registered_when_signing_is_refused_or_the_key_does_not_open() {
    let mut w = world();
    let deputy = sign_in(&w.desk, "asendaja");
    let req = p12(&w, "rsa.p12", PASSWORD);
    let what = Summary::Staffing;
    let err = export(&mut w.desk, &deputy, &what, Lang::Et, now(), Some(&req)).unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let bad = p12(&w, "rsa.p12", "vale-parool");
    let err = export(
        &mut w.desk,
        &w.head.clone(),
        &what,
        Lang::Et,
        now(),
        Some(&bad),
    )
    .unwrap_err();
    assert_eq!(err.code(), "key_file_password");
    assert_eq!(err.message(Lang::Et), "võtmefaili parool on vale");
    assert!(w.desk.documents(&w.head).unwrap().is_empty());
    // The deputy exports unsigned (a read), and signs while acting for the head (§ 3.6).
    let plain = export(&mut w.desk, &deputy, &what, Lang::Et, now(), None).unwrap();
    assert!(plain.record.signatures.is_empty());
    let today = kso_core::calendar::utc_to_tallinn(Utc::now().naive_utc()).date();
    let head = w.head.clone();
    w.desk
        .head_absence_save(
            &head,
            &kso_core::model::HeadAbsenceInput {
                id: None,
                starts_on: today.format("%d.%m.%Y").to_string(),
                ends_on: (today + chrono::Duration::days(2))
                    .format("%d.%m.%Y")
                    .to_string(),
                reason: "Puhkus".into(),
                substitute_id: Some(deputy.user_id),
            },
        )
        .unwrap();
    let acting = deputy;
    let (signed, record) =
        sign_file(&mut w.desk, &acting, &plain.bytes, &req, Lang::Et, now()).unwrap();
    let record = record.expect("the registered document");
    assert_eq!(record.number, plain.record.number);
    assert_eq!(record.signatures[0].role, "Osakonnajuhataja ülesannetes");
    let v = verify_file(&w.desk, &w.head, &signed, &[], Lang::Et).unwrap();
    assert_eq!(
        v.report.signatures[0].role.as_deref(),
        Some("Osakonnajuhataja ülesannetes")
    );
    assert_eq!(v.document.map(|d| d.number), Some(plain.record.number));
}

#[test]
fn a_second_signature_and_a_trust_anchor() {
    let mut w = world();
    let head = w.head.clone();
    let req = p12(&w, "p384.p12", PASSWORD);
    let e = export(
        &mut w.desk,
        &head,
        &Summary::Budget { year: 2026 },
        Lang::En,
        now(),
        Some(&req),
    )
    .unwrap();
    assert_eq!(e.record.signatures[0].hash_alg, "SHA-384");
    assert_eq!(e.record.signatures[0].role, "Head of Department");
    // Untrusted until the CA is imported.
    let v = verify_file(&w.desk, &head, &e.bytes, &[], Lang::Et).unwrap();
    assert_eq!(v.report.signatures[0].trust, Trust::NoAnchors);
    let ca = std::fs::read(w.keys.path().join("ca.pem")).unwrap();
    let anchor = kso_reports::add_trust_anchor(&mut w.desk, &head, &ca).unwrap();
    assert_eq!(anchor.subject, "KSO Desk test CA");
    let legacy = p12(&w, "rsa-legacy.p12", PASSWORD);
    let (twice, record) =
        sign_file(&mut w.desk, &head, &e.bytes, &legacy, Lang::Et, now()).unwrap();
    assert_eq!(record.unwrap().signatures.len(), 2);
    let v = verify_file(&w.desk, &head, &twice, &[], Lang::Et).unwrap();
    assert!(v.report.all_intact);
    assert_eq!(v.report.signatures.len(), 2);
    assert_eq!(v.report.signatures[0].modification, Modification::Harmless);
    assert!(v
        .report
        .signatures
        .iter()
        .all(|s| s.trust == Trust::Trusted));
    // A file that is not a PDF is a clear error.
    let err = verify_file(&w.desk, &head, b"not a pdf", &[], Lang::Et).unwrap_err();
    assert_eq!(err.code(), "pdf_unreadable");
}
