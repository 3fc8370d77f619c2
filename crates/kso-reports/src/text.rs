//! The words and formats of the documents, Estonian first.

use chrono::{DateTime, NaiveDate, Utc};
use kso_core::Lang;
use kso_pdf::layout::Labels;

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Et => Labels::estonian(),
        Lang::En => Labels::english(),
    }
}

/// An instant as Tallinn local time: `03.12.2026 14:05`.
pub fn dmy_hm(t: DateTime<Utc>) -> String {
    kso_core::calendar::utc_to_tallinn(t.naive_utc())
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

pub fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Minutes as hours: `156`, `7,5`.
pub fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{},{}", minutes / 60, (minutes % 60) * 10 / 60)
    }
}

/// A count with its thousands apart: `18 016`.
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

pub fn money(cents: i64) -> String {
    kso_core::contracts::format_money(cents)
}

/// The closing line of a document signed at export.
pub fn signed_note(name: &str, role: &str, lang: Lang) -> String {
    match lang {
        Lang::Et => format!(
            "Allkirjastatud digitaalselt (PAdES). Allkirjastaja: {name}, {}.",
            role.to_lowercase()
        ),
        Lang::En => format!("Signed digitally (PAdES). Signer: {name}, {role}."),
    }
}

/// The message of a document-layer, key or signature error, in the user's language.
pub fn pdf_error(e: &kso_pdf::Error, lang: Lang) -> String {
    use kso_pdf::Error as E;
    match e {
        E::Render(d) => match lang {
            Lang::Et => format!("PDF-i koostamine ebaõnnestus: {d}"),
            Lang::En => format!("the PDF could not be made: {d}"),
        },
        E::BadPdf(d) => match lang {
            Lang::Et => format!("fail ei ole loetav PDF: {d}"),
            Lang::En => format!("not a readable PDF: {d}"),
        },
        E::BadKeyFile(d) => match lang {
            Lang::Et => format!("võtmefaili (.p12) ei saa lugeda: {d}"),
            Lang::En => format!("the key file (.p12) cannot be read: {d}"),
        },
        E::WrongPassword => lang
            .pick("võtmefaili parool on vale", "wrong password for the key file")
            .into(),
        E::NoKey => lang
            .pick(
                "võtmefailis ei ole privaatvõtit koos sertifikaadiga",
                "the key file has no private key with its certificate",
            )
            .into(),
        E::Unsupported(d) => match lang {
            Lang::Et => format!("võtme või algoritmi ei toetata: {d}"),
            Lang::En => format!("unsupported key or algorithm: {d}"),
        },
        E::Token(d) => match lang {
            Lang::Et => format!("ID-kaardi või muu võtmekandja viga: {d}"),
            Lang::En => format!("the ID card or token failed: {d}"),
        },
        E::WrongPin => lang.pick("PIN on vale", "wrong PIN").into(),
        E::PinLocked => lang
            .pick(
                "PIN on lukus; ava see PUK-koodiga (nt DigiDoc4 abil)",
                "the PIN is blocked; unblock it with the PUK code (e.g. in DigiDoc4)",
            )
            .into(),
        E::NoToken => lang
            .pick(
                "ID-kaarti või allkirjastamise võtmega võtmekandjat ei leitud; kas kaart on lugejas?",
                "no ID card or token with a signing key was found; is the card in the reader?",
            )
            .into(),
        E::Sign(d) => match lang {
            Lang::Et => format!("allkirjastamine ebaõnnestus: {d}"),
            Lang::En => format!("signing failed: {d}"),
        },
        E::BadCertificate(d) => match lang {
            Lang::Et => format!("sertifikaati ei saa lugeda: {d}"),
            Lang::En => format!("the certificate cannot be read: {d}"),
        },
    }
}

pub fn month_name(month: u32, lang: Lang) -> &'static str {
    const ET: [&str; 12] = [
        "jaanuar",
        "veebruar",
        "märts",
        "aprill",
        "mai",
        "juuni",
        "juuli",
        "august",
        "september",
        "oktoober",
        "november",
        "detsember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Et => ET[i],
        Lang::En => EN[i],
    }
}
