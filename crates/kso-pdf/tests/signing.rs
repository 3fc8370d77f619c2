//! Documents, PAdES signatures from PKCS#12 files, and their verification, end to end in the
//! library. (The external validators — pdfsig, pyHanko, qpdf — judge the same files in
//! `tests/pdf/judges.py`.)

mod common;

use common::{Keys, PASSWORD};
use kso_pdf::layout::{Align, Block, Column, Document, Labels, Orientation, Row, Table};
use kso_pdf::{p12, sign_pdf, verify_pdf, HashAlg, Modification, SignOptions, Trust};

fn document(rows: usize) -> Document {
    let mut table = Table::new(vec![
        Column::new("Nr", 1.0, Align::Left),
        Column::new("Tarnija", 3.0, Align::Left),
        Column::new("Summa", 1.5, Align::Right),
    ]);
    for i in 0..rows {
        table.rows.push(Row::new([
            format!("2026-{i:03}"),
            format!("Õunapuu ja Šokolaad OÜ „Žürii“ – {i}"),
            "1 234,56 €".to_string(),
        ]));
    }
    table.rows.push(Row::total(["", "Kokku", "9 999,99 €"]));
    Document {
        organisation: "SMIT · Kasutajatoe- ja seireosakond".into(),
        title: "Lepingute register 2026".into(),
        subtitle: "§ 3.8.2 — õ ä ö ü š ž".into(),
        number: "KSO-2026-0001".into(),
        created: "03.12.2026 14:05".into(),
        labels: Labels::estonian(),
        orientation: Orientation::Portrait,
        blocks: vec![Block::Heading("Lepingud".into()), Block::Table(table)],
        author: "Kasutajatoe- ja seireosakond".into(),
    }
}

#[test]
fn a_long_table_breaks_across_pages() {
    let short = kso_pdf::layout::render(&document(5)).unwrap();
    assert_eq!(short.pages, 1);
    let long = kso_pdf::layout::render(&document(200)).unwrap();
    assert!(long.pages >= 5, "{} pages", long.pages);
    assert!(long.bytes.starts_with(b"%PDF-"));
}

#[test]
fn keys_are_read_from_pkcs12_files_old_and_new() {
    let keys = Keys::make();
    for (file, kind) in [
        ("rsa.p12", "RSA 2048"),
        ("p256.p12", "ECDSA P-256"),
        ("p384.p12", "ECDSA P-384"),
        ("rsa-legacy.p12", "RSA 2048"),
    ] {
        let key = p12::read(&keys.bytes(file), PASSWORD).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(kso_pdf::SigningKey::kind(&key).name(), kind, "{file}");
    }
    assert!(matches!(
        p12::read(&keys.bytes("p256.p12"), "vale"),
        Err(kso_pdf::Error::WrongPassword)
    ));
    assert!(matches!(
        p12::read(&keys.bytes("rsa-legacy.p12"), "vale"),
        Err(kso_pdf::Error::WrongPassword)
    ));
    assert!(matches!(
        p12::read(b"not a key file", PASSWORD),
        Err(kso_pdf::Error::BadKeyFile(_))
    ));
}

fn sign_with(keys: &Keys, file: &str, pdf: &[u8], role: &str) -> Vec<u8> {
    let mut key = p12::read(&keys.bytes(file), PASSWORD).unwrap();
    sign_pdf(
        pdf,
        &mut key,
        &SignOptions {
            role: Some(role.into()),
            reason: Some("Kinnitan".into()),
            location: Some("Tallinn".into()),
            ..SignOptions::default()
        },
    )
    .unwrap()
}

#[test]
fn each_key_kind_signs_and_the_signature_verifies_and_chains_to_the_ca() {
    let keys = Keys::make();
    let pdf = kso_pdf::layout::render(&document(40)).unwrap().bytes;
    for (file, hash, key) in [
        ("rsa.p12", HashAlg::Sha256, "RSA 2048"),
        ("p256.p12", HashAlg::Sha256, "ECDSA P-256"),
        ("p384.p12", HashAlg::Sha384, "ECDSA P-384"),
    ] {
        let signed = sign_with(&keys, file, &pdf, "Osakonnajuhataja ülesannetes");
        assert_eq!(
            &signed[..pdf.len()],
            &pdf[..],
            "{file}: the original bytes are kept"
        );
        let report = verify_pdf(&signed, &[keys.ca_der()], kso_pdf::Lang::En).unwrap();
        assert!(report.all_intact, "{file}: {report:#?}");
        let s = &report.signatures[0];
        assert_eq!(s.hash, Some(hash), "{file}");
        assert_eq!(s.key.as_deref(), Some(key));
        assert_eq!(s.modification, Modification::None);
        assert_eq!(s.trust, Trust::Trusted, "{file}: {}", s.trust_detail);
        assert_eq!(s.role.as_deref(), Some("Osakonnajuhataja ülesannetes"));
        assert_eq!(s.reason.as_deref(), Some("Kinnitan"));
        assert_eq!(s.sub_filter, "ETSI.CAdES.detached");
        assert!(s.certificate_valid_at_signing);
        // Without the CA it is intact but not trusted.
        let alone = verify_pdf(&signed, &[], kso_pdf::Lang::En).unwrap();
        assert!(alone.all_intact);
        assert_eq!(alone.signatures[0].trust, Trust::NoAnchors);
    }
    // Another CA does not make it trusted.
    let other = Keys::make();
    let signed = sign_with(&keys, "p256.p12", &pdf, "Osakonnajuhataja");
    let report = verify_pdf(&signed, &[other.ca_der()], kso_pdf::Lang::En).unwrap();
    assert_eq!(report.signatures[0].trust, Trust::Untrusted);
    assert!(report.all_intact);
}

#[test]
fn a_second_signature_keeps_the_first_valid() {
    let keys = Keys::make();
    let pdf = kso_pdf::layout::render(&document(10)).unwrap().bytes;
    let once = sign_with(&keys, "p384.p12", &pdf, "Osakonnajuhataja");
    let twice = sign_with(&keys, "rsa.p12", &once, "Töötaja");
    let report = verify_pdf(&twice, &[keys.ca_der()], kso_pdf::Lang::En).unwrap();
    assert_eq!(report.signatures.len(), 2);
    assert!(report.all_intact, "{report:#?}");
    let (first, second) = (&report.signatures[0], &report.signatures[1]);
    assert_eq!(first.field, "Signature1");
    assert_eq!(second.field, "Signature2");
    assert_eq!(
        first.modification,
        Modification::Harmless,
        "{:?}",
        first.changes
    );
    assert_eq!(second.modification, Modification::None);
    assert_eq!(first.signer, "KÕIV,ÜLLE,48501010000");
    assert_eq!(second.signer, "MAASIKAS,MARI,48001010000");
}

#[test]
fn tampering_is_found() {
    let keys = Keys::make();
    let pdf = kso_pdf::layout::render(&document(10)).unwrap().bytes;
    let signed = sign_with(&keys, "p256.p12", &pdf, "Osakonnajuhataja");

    // A byte changed inside the signed range: a hex digit of the title ("/Title<FEFF004C…").
    let mut changed = signed.clone();
    let at = changed
        .windows(11)
        .position(|w| w == b"/Title<FEFF")
        .expect("the info dictionary")
        + 12;
    assert_eq!(changed[at], b'0');
    changed[at] = b'1';
    let report = verify_pdf(&changed, &[], kso_pdf::Lang::En).unwrap();
    assert!(!report.all_intact);
    assert!(!report.signatures[0].cryptographically_valid);

    // Data appended after the signed revision without a revision of its own.
    let mut junk = signed.clone();
    junk.extend_from_slice(b"\n% appended\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    let report = verify_pdf(&junk, &[], kso_pdf::Lang::En).unwrap();
    assert_eq!(report.signatures[0].modification, Modification::Changed);
    assert!(!report.all_intact);
    // Only whitespace after %%EOF is not a change.
    let mut newline = signed.clone();
    newline.extend_from_slice(b"\r\n");
    assert_eq!(
        verify_pdf(&newline, &[], kso_pdf::Lang::En)
            .unwrap()
            .signatures[0]
            .modification,
        Modification::Harmless
    );

    // Page content appended after signing, as an incremental update.
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    let mut updated = lopdf::IncrementalDocument::create_from(signed.clone(), doc);
    let page = *updated.get_prev_documents().get_pages().get(&1).unwrap();
    updated.opt_clone_object_to_new_document(page).unwrap();
    let content = lopdf::Stream::new(
        lopdf::Dictionary::new(),
        b"BT /F1 24 Tf 100 100 Td (PAID) Tj ET".to_vec(),
    );
    let content_id = updated.new_document.add_object(content);
    let page_dict = updated
        .new_document
        .get_object_mut(page)
        .and_then(lopdf::Object::as_dict_mut)
        .unwrap();
    page_dict.set("Contents", lopdf::Object::Reference(content_id));
    let mut appended = Vec::new();
    updated.save_to(&mut appended).unwrap();
    let report = verify_pdf(&appended, &[], kso_pdf::Lang::En).unwrap();
    let s = &report.signatures[0];
    assert!(
        s.cryptographically_valid,
        "the signed bytes themselves are untouched"
    );
    assert!(!s.covers_whole);
    assert_eq!(s.modification, Modification::Changed, "{:?}", s.changes);
    assert!(!s.intact);
    assert!(!report.all_intact);
}
