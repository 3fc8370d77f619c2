// Writes a sample register (unsigned) to the path given, for looking at.
fn main() {
    let out = std::env::args().nth(1).expect("an output path");
    let p12 = std::env::args().nth(2);
    let mut table = kso_pdf::layout::Table::new(vec![
        kso_pdf::layout::Column::new("Nr", 1.0, kso_pdf::layout::Align::Left),
        kso_pdf::layout::Column::new("Tarnija", 3.0, kso_pdf::layout::Align::Left),
        kso_pdf::layout::Column::new("Summa", 1.5, kso_pdf::layout::Align::Right),
    ]);
    for i in 0..120 {
        table.rows.push(kso_pdf::layout::Row::new([
            format!("2026-{i:03}"),
            format!("Õunapuu ja Šokolaad OÜ „Žürii“ – {i}"),
            "1 234,56 €".to_string(),
        ]));
    }
    let doc = kso_pdf::layout::Document {
        organisation: "SMIT · Kasutajatoe- ja seireosakond".into(),
        title: "Lepingute register 2026".into(),
        subtitle: "§ 3.8.2 — õ ä ö ü š ž".into(),
        number: "KSO-2026-0001".into(),
        created: "03.12.2026 14:05".into(),
        labels: kso_pdf::layout::Labels::estonian(),
        orientation: kso_pdf::layout::Orientation::Portrait,
        blocks: vec![kso_pdf::layout::Block::Table(table)],
        author: "KSO".into(),
    };
    let mut bytes = kso_pdf::layout::render(&doc).unwrap().bytes;
    if let Some(module) = p12.as_deref().and_then(|p| p.strip_prefix("pkcs11:")) {
        let mut key = kso_pdf::pkcs11::TokenKey::open(module, "12345", None).unwrap();
        assert!(key.always_authenticate());
        bytes = kso_pdf::sign_pdf(
            &bytes,
            &mut key,
            &kso_pdf::SignOptions {
                role: Some("Osakonnajuhataja".into()),
                ..Default::default()
            },
        )
        .unwrap();
    } else if let Some(p) = p12 {
        let mut key = kso_pdf::p12::read(&std::fs::read(p).unwrap(), "test-parool").unwrap();
        bytes = kso_pdf::sign_pdf(
            &bytes,
            &mut key,
            &kso_pdf::SignOptions {
                role: Some("Osakonnajuhataja".into()),
                ..Default::default()
            },
        )
        .unwrap();
    }
    std::fs::write(out, bytes).unwrap();
}
