//! The register of exported documents: numbering, who signs in what role, signatures joined to
//! their document by the file's hash, signing settings and trust anchors.

mod common;

use chrono::{TimeZone, Utc};
use common::{add_user, audit_count, with_head, PASSWORD};
use kso_core::documents::*;
use kso_core::{Actor, Desk, Lang, Role};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 12, 5, 0).unwrap()
}

fn export(desk: &mut Desk, who: &Actor, body: &str) -> (DocumentRecord, Vec<u8>) {
    desk.document_create(
        who,
        &NewDocument {
            kind: DocumentKind::Roster,
            period: "2026-12".into(),
            title: "Valvegraafik: detsember 2026".into(),
            lang: Lang::Et,
        },
        now(),
        |number| {
            Ok(RenderedFile {
                bytes: format!("%PDF {number} {body}").into_bytes(),
                pages: 2,
            })
        },
    )
    .unwrap()
}

fn sign_in(desk: &Desk, login: &str) -> Actor {
    desk.sign_in(&kso_core::model::LoginInput {
        login: login.into(),
        password: PASSWORD.into(),
    })
    .unwrap()
}

#[test]
fn documents_are_numbered_per_year_and_registered_with_their_hash() {
    let (_dir, mut desk, head) = with_head();
    let before = audit_count(&desk);
    let (a, bytes) = export(&mut desk, &head, "a");
    assert_eq!(a.number, "KSO-2026-0001");
    assert_eq!(bytes, b"%PDF KSO-2026-0001 a");
    assert_eq!(a.sha256, kso_core::contracts::sha256_hex(&bytes));
    assert_eq!((a.pages, a.size), (2, bytes.len() as i64));
    assert_eq!(a.created_by, "Mari Maasikas");
    let (b, _) = export(&mut desk, &head, "b");
    assert_eq!(b.number, "KSO-2026-0002");
    assert_eq!(audit_count(&desk), before + 2);
    let list = desk.documents(&head).unwrap();
    assert_eq!(
        list.iter().map(|d| d.number.as_str()).collect::<Vec<_>>(),
        ["KSO-2026-0002", "KSO-2026-0001"]
    );

    // A failing render registers nothing and uses no number.
    let err = desk
        .document_create(
            &head,
            &NewDocument {
                kind: DocumentKind::Staffing,
                period: String::new(),
                title: "Koosseisu tabel".into(),
                lang: Lang::Et,
            },
            now(),
            |_| Err("no font".into()),
        )
        .unwrap_err();
    assert_eq!(err.code(), "internal");
    assert_eq!(desk.documents(&head).unwrap().len(), 2);
    assert_eq!(audit_count(&desk), before + 2);
    assert_eq!(export(&mut desk, &head, "c").0.number, "KSO-2026-0003");
}

#[test]
fn the_head_signs_as_head_the_acting_deputy_as_acting_head_and_nobody_else() {
    let (_dir, mut desk, head) = with_head();
    add_user(&mut desk, &head, "jaan", "deputy");
    add_user(&mut desk, &head, "vaatleja", "viewer");
    let deputy = sign_in(&desk, "jaan");
    let viewer = sign_in(&desk, "vaatleja");
    assert_eq!(
        desk.signing_role(&head, Lang::Et).unwrap(),
        "Osakonnajuhataja"
    );
    assert_eq!(
        desk.signing_role(&head, Lang::En).unwrap(),
        "Head of Department"
    );
    for who in [&deputy, &viewer] {
        assert_eq!(
            desk.signing_role(who, Lang::Et).unwrap_err().code(),
            "forbidden"
        );
    }
    common::substitute_today(&mut desk, &head, deputy.user_id);
    let acting = deputy.clone();
    assert_eq!(
        desk.signing_role(&acting, Lang::Et).unwrap(),
        "Osakonnajuhataja ülesannetes"
    );
    // Anyone who reads may export; a viewer's export is registered under the viewer's name.
    let (doc, _) = export(&mut desk, &viewer, "v");
    assert_eq!(doc.created_by, "vaatleja");

    // A signature joins its document, by the hash of the file that was signed.
    let made = |before: &str, after: &str| SignatureMade {
        sha256_before: before.into(),
        sha256_after: after.into(),
        signer: "MAASIKAS,MARI,48001010000".into(),
        role: "Osakonnajuhataja ülesannetes".into(),
        hash_alg: "SHA-384".into(),
        key_source: "pkcs11".into(),
    };
    assert_eq!(
        desk.document_signed(&viewer, &made(&doc.sha256, "aa"), now())
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let signed = desk
        .document_signed(&acting, &made(&doc.sha256, "aa"), now())
        .unwrap()
        .expect("the registered document");
    assert_eq!(signed.signatures.len(), 1);
    assert_eq!(signed.signatures[0].acting_as, Some(Role::Head));
    assert_eq!(signed.signatures[0].role, "Osakonnajuhataja ülesannetes");
    // The signed file can be signed again (a second signature), and is found by its new hash.
    let twice = desk
        .document_signed(&head, &made("aa", "bb"), now())
        .unwrap()
        .unwrap();
    assert_eq!(twice.signatures.len(), 2);
    assert_eq!(
        desk.document_by_sha256(&head, "bb")
            .unwrap()
            .unwrap()
            .number,
        doc.number
    );
    // A file the app did not export is signed and audited, but joins no document.
    assert_eq!(
        desk.document_signed(&head, &made("ff", "ee"), now())
            .unwrap(),
        None
    );
    let audit = desk.audit_list(&head, &Default::default()).unwrap();
    assert_eq!(audit[0].action, "document.sign");
    assert_eq!(audit[0].entity_id.as_deref(), Some("ff"));
    assert_eq!(audit[1].acting_as, None);
    assert_eq!(audit[2].acting_as, Some(Role::Head));
}

#[test]
fn signing_settings_are_checked_and_audited() {
    let (_dir, mut desk, head) = with_head();
    let s = desk.signing_settings(&head).unwrap();
    assert_eq!(s.location, "Tallinn");
    assert_eq!(s.pkcs11_module, DEFAULT_PKCS11_MODULE);
    let bad = desk
        .signing_settings_save(
            &head,
            &SigningSettings {
                location: "x".repeat(101),
                reason: String::new(),
                pkcs11_module: "opensc-pkcs11.so".into(),
            },
        )
        .unwrap_err();
    let fields: Vec<_> = match &bad {
        kso_core::Error::Invalid(f) => f.iter().map(|f| (f.field, f.rule.code())).collect(),
        _ => panic!("{bad:?}"),
    };
    assert_eq!(
        fields,
        [
            ("signing_location", "too_long"),
            ("pkcs11_module", "path_form")
        ]
    );
    assert_eq!(desk.signing_settings(&head).unwrap(), s, "nothing saved");
    let saved = desk
        .signing_settings_save(
            &head,
            &SigningSettings {
                location: " Tartu ".into(),
                reason: "Kinnitan".into(),
                pkcs11_module: "/usr/lib/opensc-pkcs11.so".into(),
            },
        )
        .unwrap();
    assert_eq!(saved.location, "Tartu");
    assert_eq!(desk.signing_settings(&head).unwrap(), saved);
}

#[test]
fn trust_anchors_are_kept_once_each() {
    let (_dir, mut desk, head) = with_head();
    let anchor = NewTrustAnchor {
        subject: "ESTEID2018".into(),
        sha256: "ab".repeat(32),
        der: vec![0x30, 0x03, 0x02, 0x01, 0x01],
        not_after: "2033-09-05T09:11:03Z".into(),
    };
    let a = desk.trust_anchor_add(&head, &anchor).unwrap();
    assert_eq!(a.subject, "ESTEID2018");
    let again = desk.trust_anchor_add(&head, &anchor).unwrap_err();
    assert_eq!(again.code(), "invalid_input");
    assert_eq!(
        desk.trust_anchor_certificates(&head).unwrap(),
        vec![anchor.der.clone()]
    );
    desk.trust_anchor_remove(&head, a.id).unwrap();
    assert!(desk.trust_anchors(&head).unwrap().is_empty());
    assert_eq!(
        desk.trust_anchor_remove(&head, a.id).unwrap_err().code(),
        "not_found"
    );
}
