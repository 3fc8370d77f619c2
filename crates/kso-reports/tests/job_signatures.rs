//! Job descriptions' signed files (§ 3.4–3.5): the holder signs at the head's computer and the
//! signed file is the acknowledgement; an uploaded file must be signed intact, by the holder, on
//! this version's description; an approving PDF must be signed. Refusals leave nothing behind.

use chrono::Utc;
use kso_core::error::Rule;
use kso_core::jobs::{AcknowledgeInput, ApprovalInput, FileInput, JobVersion};
use kso_core::model::{DemoInput, EmployeeInput, LoginInput};
use kso_core::{Actor, Desk, Error, Lang};
use kso_pdf::testing::{make_keys, PASSWORD};
use kso_reports::jobs::{acknowledge, approve, sign_as_holder};
use kso_reports::{export, sign_file, KeySource, SignRequest, Summary};

struct World {
    _dir: tempfile::TempDir,
    keys: tempfile::TempDir,
    desk: Desk,
    head: Actor,
}

fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::create(&dir.path().join("kso.sqlite")).unwrap();
    desk.generate_demo(DemoInput::default(), now().date_naive())
        .unwrap();
    let head = desk
        .sign_in(&LoginInput {
            login: "juhataja".into(),
            password: kso_core::demo::DEMO_PASSWORD.into(),
        })
        .unwrap();
    let keys = tempfile::tempdir().unwrap();
    make_keys(keys.path());
    World {
        _dir: dir,
        keys,
        desk,
        head,
    }
}

fn p12(keys: &tempfile::TempDir, name: &str) -> SignRequest {
    SignRequest {
        key: KeySource::P12 {
            bytes: std::fs::read(keys.path().join(name)).unwrap(),
            password: PASSWORD.into(),
        },
        hash: None,
    }
}

/// A new support specialist (KSO-04) named as in one of the test certificates.
fn hire(w: &mut World, first: &str, last: &str, email: &str) -> i64 {
    let position = w
        .desk
        .positions(&w.head)
        .unwrap()
        .into_iter()
        .find(|p| p.code == "KSO-04")
        .unwrap()
        .id;
    w.desk
        .employee_add(
            &w.head,
            &EmployeeInput {
                first_name: first.into(),
                last_name: last.into(),
                email: email.into(),
                phone: String::new(),
                start_date: "01.01.2025".into(),
                position_id: Some(position),
                contract_type: Default::default(),
                weekly_hours: String::new(),
                birth_date: String::new(),
                skills: Vec::new(),
            },
        )
        .unwrap()
        .id
}

/// KSO-04's version in force (the demo's version 1).
fn in_force(w: &World) -> JobVersion {
    let list = w.desk.jobs_list(&w.head).unwrap();
    let line = list.iter().find(|j| j.position.code == "KSO-04").unwrap();
    w.desk
        .job_version(&w.head, line.position.id, Some(line.in_force.unwrap().0))
        .unwrap()
}

fn rule(e: kso_reports::Error) -> (String, Rule) {
    match e {
        kso_reports::Error::Core(Error::Invalid(fields)) => {
            (fields[0].field.to_string(), fields[0].rule.clone())
        }
        other => panic!("a field error, not {other:?}"),
    }
}

fn pdf(name: &str, content: Vec<u8>) -> Option<FileInput> {
    Some(FileInput {
        file_name: name.into(),
        content,
    })
}

#[test]
fn the_holder_signs_here_and_the_signed_file_is_the_acknowledgement() {
    let mut w = world();
    let head = w.head.clone();
    let kõiv = hire(&mut w, "Ülle", "Kõiv", "ylle.koiv.allkiri@example.ee");
    let tamm = hire(&mut w, "Jaan", "Tamm", "jaan.tamm.allkiri@example.ee");
    let v = in_force(&w);
    let documents = |w: &World| w.desk.documents(&head).unwrap().len();
    let before = documents(&w);

    // Someone else's certificate (the head's key file) is refused before anything is signed.
    let e = sign_as_holder(
        &mut w.desk,
        &head,
        v.id,
        tamm,
        &p12(&w.keys, "rsa.p12"),
        Lang::Et,
        now(),
    )
    .unwrap_err();
    assert_eq!(rule(e), ("employee_id".into(), Rule::SignerNotHolder));
    assert_eq!(documents(&w), before, "nothing registered");

    // Ülle Kõiv with her own key: the description exported, signed in her role, kept.
    let signed = sign_as_holder(
        &mut w.desk,
        &head,
        v.id,
        kõiv,
        &p12(&w.keys, "p384.p12"),
        Lang::Et,
        now(),
    )
    .unwrap();
    let sig = &signed.verification.signatures;
    assert_eq!(sig.len(), 1);
    assert!(signed.verification.all_intact);
    assert_eq!(sig[0].signer, "KÕIV,ÜLLE,48501010000");
    assert_eq!(
        sig[0].role.as_deref(),
        Some("Töötaja, ametijuhendiga tutvunud")
    );
    let record = signed.record.as_ref().expect("registered");
    assert_eq!(record.period, format!("KSO-04-v{}", v.version));
    assert_eq!(documents(&w), before + 1);
    let ack = signed
        .version
        .acknowledgements
        .iter()
        .find(|a| a.employee_id == kõiv)
        .expect("acknowledged");
    let kept = ack.file.as_ref().expect("the signed file kept");
    assert!(
        kept.file_name.ends_with("-kõiv-allkirjastatud.pdf"),
        "{}",
        kept.file_name
    );
    assert_eq!(w.desk.job_file(&head, kept.id).unwrap().1, signed.bytes);

    // Once only: a second signing is refused before the key is used.
    let e = sign_as_holder(
        &mut w.desk,
        &head,
        v.id,
        kõiv,
        &p12(&w.keys, "p384.p12"),
        Lang::Et,
        now(),
    )
    .unwrap_err();
    assert_eq!(rule(e), ("employee_id".into(), Rule::AlreadyAcknowledged));
}

#[test]
fn an_uploaded_acknowledgement_is_the_holders_signature_on_this_version() {
    let mut w = world();
    let head = w.head.clone();
    let tamm = hire(&mut w, "Jaan", "Tamm", "jaan.tamm.allkiri@example.ee");
    let v = in_force(&w);
    let job = |position_id, version| Summary::Job {
        position_id,
        version: Some(version),
    };
    let plain = export(
        &mut w.desk,
        &head,
        &job(v.position.id, v.version),
        Lang::Et,
        now(),
        None,
    )
    .unwrap()
    .bytes;
    let ack = |content: Vec<u8>| AcknowledgeInput {
        version_id: v.id,
        employee_id: tamm,
        acknowledged_on: now().date_naive().format("%d.%m.%Y").to_string(),
        file: pdf("tamm.pdf", content),
    };
    let refused = |w: &mut World, content: Vec<u8>| {
        let e = acknowledge(&mut w.desk, &head, &ack(content), Lang::Et).unwrap_err();
        let v = in_force(w);
        assert!(
            v.acknowledgements.iter().all(|a| a.employee_id != tamm),
            "nothing recorded"
        );
        rule(e)
    };

    // Not signed at all; not a PDF.
    assert_eq!(
        refused(&mut w, plain.clone()),
        ("file".into(), Rule::Unsigned)
    );
    assert_eq!(
        refused(&mut w, b"not a pdf".to_vec()),
        ("file".into(), Rule::NotPdf)
    );
    // Signed, but by the head only.
    let (by_head, _) = sign_file(
        &mut w.desk,
        &head,
        &plain,
        &p12(&w.keys, "rsa.p12"),
        Lang::Et,
        now(),
    )
    .unwrap();
    assert_eq!(
        refused(&mut w, by_head.clone()),
        ("file".into(), Rule::SignerNotHolder)
    );
    // Signed by the holder, but another position's description.
    let other = w
        .desk
        .jobs_list(&head)
        .unwrap()
        .into_iter()
        .find(|j| j.position.code == "KSO-02")
        .unwrap();
    let other_pdf = export(
        &mut w.desk,
        &head,
        &job(other.position.id, other.in_force.unwrap().0),
        Lang::Et,
        now(),
        None,
    )
    .unwrap()
    .bytes;
    let (wrong, _) = sign_file(
        &mut w.desk,
        &head,
        &other_pdf,
        &p12(&w.keys, "p256.p12"),
        Lang::Et,
        now(),
    )
    .unwrap();
    assert_eq!(refused(&mut w, wrong), ("file".into(), Rule::OtherDocument));
    // A signature changed after signing is not intact.
    let (good, _) = sign_file(
        &mut w.desk,
        &head,
        &by_head,
        &p12(&w.keys, "p256.p12"),
        Lang::Et,
        now(),
    )
    .unwrap();
    let mut tampered = good.clone();
    let at = tampered.windows(4).position(|x| x == b"/M (").unwrap();
    tampered[at + 5] ^= 1;
    assert_eq!(refused(&mut w, tampered), ("file".into(), Rule::Unsigned));

    // The head's signature and then the holder's, on this version: accepted and kept.
    let v2 = acknowledge(&mut w.desk, &head, &ack(good.clone()), Lang::Et).unwrap();
    let a = v2
        .acknowledgements
        .iter()
        .find(|a| a.employee_id == tamm)
        .unwrap();
    assert_eq!(
        w.desk
            .job_file(&head, a.file.as_ref().unwrap().id)
            .unwrap()
            .1,
        good
    );
}

#[test]
fn an_approving_pdf_must_be_signed_and_the_holder_then_signs_it_second() {
    let mut w = world();
    let head = w.head.clone();
    let kõiv = hire(&mut w, "Ülle", "Kõiv", "ylle.koiv.allkiri@example.ee");
    // The demo's pending revision of KSO-04, submitted.
    let line = w
        .desk
        .jobs_list(&head)
        .unwrap()
        .into_iter()
        .find(|j| j.position.code == "KSO-04")
        .unwrap();
    let open = w
        .desk
        .job_version(&head, line.position.id, Some(line.open.unwrap().0))
        .unwrap();
    let plain = export(
        &mut w.desk,
        &head,
        &Summary::Job {
            position_id: open.position.id,
            version: Some(open.version),
        },
        Lang::Et,
        now(),
        None,
    )
    .unwrap()
    .bytes;
    let today = now().date_naive().format("%d.%m.%Y").to_string();
    let approval = |content: Vec<u8>| ApprovalInput {
        version_id: open.id,
        approved_by: "Tugiteenuste asedirektor".into(),
        approved_on: today.clone(),
        reference: String::new(),
        file: pdf("kinnitatud.pdf", content),
        in_force_from: now()
            .date_naive()
            .succ_opt()
            .unwrap()
            .format("%d.%m.%Y")
            .to_string(),
    };
    let e = approve(&mut w.desk, &head, &approval(plain.clone()), Lang::Et).unwrap_err();
    assert_eq!(rule(e), ("file".into(), Rule::Unsigned));
    assert_eq!(
        w.desk.job_by_id(&head, open.id).unwrap().approval,
        None,
        "not approved"
    );
    let (signed, _) = sign_file(
        &mut w.desk,
        &head,
        &plain,
        &p12(&w.keys, "rsa.p12"),
        Lang::Et,
        now(),
    )
    .unwrap();
    let approved = approve(&mut w.desk, &head, &approval(signed.clone()), Lang::Et).unwrap();
    assert!(approved.approval.as_ref().unwrap().file.is_some());

    // The holder signs the approved PDF itself: two signatures, both intact, the head's first.
    let done = sign_as_holder(
        &mut w.desk,
        &head,
        open.id,
        kõiv,
        &p12(&w.keys, "p384.p12"),
        Lang::Et,
        now(),
    )
    .unwrap();
    let sig = &done.verification.signatures;
    assert_eq!(sig.len(), 2);
    assert!(done.verification.all_intact);
    assert_eq!(sig[0].signer, "MAASIKAS,MARI,48001010000");
    assert_eq!(sig[1].signer, "KÕIV,ÜLLE,48501010000");
    assert!(
        done.bytes.starts_with(&signed),
        "added to the approved file"
    );
}
