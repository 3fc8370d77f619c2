//! Verification of a PDF's signatures: for each one the signer, the time, the hash, whether the
//! signed bytes are intact, what was changed in the file after it (nothing, only harmless
//! additions such as a further signature, or real changes), and whether its certificate chains to
//! one of the trust anchors given.

use chrono::{DateTime, NaiveDateTime, Utc};
use der::Encode;
use lopdf::{Dictionary, Object, ObjectId};
use serde::Serialize;
use x509_cert::Certificate;

use crate::keys::HashAlg;
use crate::{cades, x509, Error, Lang, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Modification {
    /// The signature covers the whole file.
    None,
    /// Later updates only add signatures, their fields and form entries.
    Harmless,
    /// Later updates change what was signed (page content, other objects).
    Changed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Trust {
    /// The certificate chains to a trust anchor.
    Trusted,
    /// It does not, or the chain does not verify.
    Untrusted,
    /// No trust anchors were given.
    NoAnchors,
}

/// One signature of a PDF and what was found of it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SignatureReport {
    /// The signature field's name.
    pub field: String,
    /// The signer's common name.
    pub signer: String,
    /// The signer certificate's subject and issuer.
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    /// The signing time the signature claims (`/M`), RFC 3339 UTC.
    pub signing_time: Option<String>,
    pub hash: Option<HashAlg>,
    /// The key: "RSA 2048", "ECDSA P-384".
    pub key: Option<String>,
    pub sub_filter: String,
    /// The role the signer claimed ("Osakonnajuhataja ülesannetes").
    pub role: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    /// The signed bytes hash to the signed digest and the signature verifies with the
    /// certificate's key.
    pub cryptographically_valid: bool,
    /// The signature covers the file up to its end.
    pub covers_whole: bool,
    pub modification: Modification,
    /// What the later updates changed, when not harmless (or what they added, when harmless).
    pub changes: Vec<String>,
    /// Valid and nothing but harmless updates after it.
    pub intact: bool,
    pub trust: Trust,
    /// The anchor the chain ends in, or why it does not chain.
    pub trust_detail: String,
    /// The certificate was valid at the signing time.
    pub certificate_valid_at_signing: bool,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VerifyReport {
    #[ts(type = "number")]
    pub pages: usize,
    pub signatures: Vec<SignatureReport>,
    /// Every signature intact (false when there is none).
    pub all_intact: bool,
}

fn bad(e: impl std::fmt::Display) -> Error {
    Error::BadPdf(e.to_string())
}

/// The signature dictionaries of the document's form, with their field names.
fn signature_fields(doc: &lopdf::Document) -> Vec<(String, Dictionary)> {
    let mut out = Vec::new();
    let Some(form) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_dict().ok())
    else {
        return out;
    };
    let mut stack: Vec<(String, Object)> = form
        .get(b"Fields")
        .ok()
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_array().ok())
        .map(|a| a.iter().map(|o| (String::new(), o.clone())).collect())
        .unwrap_or_default();
    let mut seen = 0;
    while let Some((parent, o)) = stack.pop() {
        seen += 1;
        if seen > 10_000 {
            break;
        }
        let Ok((_, Object::Dictionary(d))) = doc.dereference(&o) else {
            continue;
        };
        let name = d
            .get(b"T")
            .ok()
            .and_then(|t| lopdf::decode_text_string(t).ok())
            .map(|t| {
                if parent.is_empty() {
                    t
                } else {
                    format!("{parent}.{t}")
                }
            })
            .unwrap_or(parent.clone());
        if let Ok(kids) = d.get(b"Kids").and_then(Object::as_array) {
            stack.extend(kids.iter().map(|k| (name.clone(), k.clone())));
        }
        let is_sig = d
            .get(b"FT")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Sig");
        if let (true, Ok(v)) = (is_sig, d.get(b"V")) {
            if let Ok((_, Object::Dictionary(sig))) = doc.dereference(v) {
                out.push((name, sig.clone()));
            }
        }
    }
    out.reverse();
    out
}

fn text(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key)
        .ok()
        .and_then(|o| lopdf::decode_text_string(o).ok())
        .filter(|s| !s.is_empty())
}

/// `D:20261203140500+02'00'` → UTC.
fn parse_pdf_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 14 {
        return None;
    }
    let local = NaiveDateTime::parse_from_str(&digits[..14], "%Y%m%d%H%M%S").ok()?;
    let rest = &s[14..];
    let offset_min = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let nums: Vec<i64> = rest[1..]
                .split('\'')
                .filter_map(|p| p.parse().ok())
                .collect();
            let m = nums.first().copied().unwrap_or(0) * 60 + nums.get(1).copied().unwrap_or(0);
            if sign == '-' {
                -m
            } else {
                m
            }
        }
        _ => 0,
    };
    Some((local - chrono::Duration::minutes(offset_min)).and_utc())
}

/// Verifies every signature of a PDF; `anchors` are trusted certificates (DER).
pub fn verify_pdf(pdf: &[u8], anchors: &[Vec<u8>], lang: Lang) -> Result<VerifyReport> {
    let doc = lopdf::Document::load_mem(pdf).map_err(bad)?;
    let anchors: Vec<Certificate> = anchors.iter().filter_map(|a| x509::parse(a).ok()).collect();
    let mut signatures = Vec::new();
    for (field, sig) in signature_fields(&doc) {
        signatures.push(check_signature(pdf, &doc, &field, &sig, &anchors, lang));
    }
    let all_intact = !signatures.is_empty() && signatures.iter().all(|s| s.intact);
    Ok(VerifyReport {
        pages: doc.get_pages().len(),
        signatures,
        all_intact,
    })
}

fn check_signature(
    pdf: &[u8],
    doc: &lopdf::Document,
    field: &str,
    sig: &Dictionary,
    anchors: &[Certificate],
    lang: Lang,
) -> SignatureReport {
    let mut r = SignatureReport {
        field: field.to_string(),
        signer: String::new(),
        subject: String::new(),
        issuer: String::new(),
        serial: String::new(),
        signing_time: None,
        hash: None,
        key: None,
        sub_filter: sig
            .get(b"SubFilter")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default(),
        role: None,
        reason: text(sig, b"Reason"),
        location: text(sig, b"Location"),
        cryptographically_valid: false,
        covers_whole: false,
        modification: Modification::Changed,
        changes: Vec::new(),
        intact: false,
        trust: if anchors.is_empty() {
            Trust::NoAnchors
        } else {
            Trust::Untrusted
        },
        trust_detail: String::new(),
        certificate_valid_at_signing: false,
        problems: Vec::new(),
    };
    let time = text(sig, b"M").and_then(|m| parse_pdf_date(&m));
    r.signing_time = time.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let range: Vec<i64> = sig
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|o| o.as_i64().ok()).collect())
        .unwrap_or_default();
    let Ok(contents) = sig.get(b"Contents").and_then(Object::as_str) else {
        r.problems.push(
            lang.pick("allkirjal ei ole sisu (/Contents)", "no /Contents")
                .into(),
        );
        return r;
    };
    let len = pdf.len() as i64;
    let range_ok = range.len() == 4
        && range[0] == 0
        && range.iter().all(|&n| n >= 0)
        && range[1] < range[2]
        && range[2] + range[3] <= len
        && pdf.get(range[1] as usize) == Some(&b'<')
        && pdf.get(range[2] as usize - 1) == Some(&b'>');
    if !range_ok {
        r.problems.push(format!(
            "{} {range:?}",
            lang.pick("vigane /ByteRange", "a bad /ByteRange")
        ));
        return r;
    }
    let (a, b) = (range[1] as usize, range[2] as usize);
    let end = b + range[3] as usize;
    let parsed = cades::check(contents, &[&pdf[..a], &pdf[b..end]], lang);
    r.hash = parsed.hash;
    r.key = parsed.key_name.clone();
    r.role = parsed.role.clone();
    r.problems.extend(parsed.problems.iter().cloned());
    if !parsed.digest_ok {
        r.problems.push(
            lang.pick(
                "allkirjastatud baidid on muutunud: räsi ei klapi",
                "the signed bytes were changed: the digest does not match",
            )
            .into(),
        );
    }
    if parsed.digest_ok && !parsed.signature_ok {
        r.problems.push(
            lang.pick(
                "allkiri ei vasta sertifikaadi võtmele",
                "the signature does not verify with the certificate's key",
            )
            .into(),
        );
    }
    r.cryptographically_valid = parsed.digest_ok && parsed.signature_ok;
    if let Some(cert) = &parsed.signer {
        let tbs = cert.tbs_certificate();
        r.signer = x509::common_name(tbs.subject());
        r.subject = tbs.subject().to_string();
        r.issuer = tbs.issuer().to_string();
        r.serial = tbs.serial_number().to_string();
        let validity = tbs.validity();
        let at = time.unwrap_or_else(Utc::now);
        let from: DateTime<Utc> = validity.not_before.to_system_time().into();
        let to: DateTime<Utc> = validity.not_after.to_system_time().into();
        r.certificate_valid_at_signing = from <= at && at <= to;
        if !r.certificate_valid_at_signing {
            r.problems.push(format!(
                "{} {} – {})",
                lang.pick(
                    "sertifikaat ei kehtinud allkirjastamise ajal (kehtis",
                    "the certificate was not valid at the signing time (valid"
                ),
                from.format("%d.%m.%Y"),
                to.format("%d.%m.%Y")
            ));
        }
        if !anchors.is_empty() {
            match chain_to_anchor(cert, &parsed.certificates, anchors, lang) {
                Ok(anchor) => {
                    r.trust = Trust::Trusted;
                    r.trust_detail = anchor;
                }
                Err(why) => r.trust_detail = why,
            }
        }
    }
    r.covers_whole = end == pdf.len();
    if r.covers_whole {
        r.modification = Modification::None;
    } else {
        match later_changes(pdf, end, doc, lang) {
            Ok((harmless, changes)) => {
                r.modification = if harmless {
                    Modification::Harmless
                } else {
                    Modification::Changed
                };
                r.changes = changes;
            }
            Err(e) => {
                r.modification = Modification::Changed;
                r.changes = vec![format!(
                    "{}: {e}",
                    lang.pick(
                        "hilisemaid muudatusi ei saa lugeda",
                        "the later updates could not be read"
                    )
                )];
            }
        }
    }
    r.intact = r.cryptographically_valid && r.modification != Modification::Changed;
    r
}

/// Follows issuers from the signer up to a trust anchor; returns the anchor's name.
fn chain_to_anchor(
    cert: &Certificate,
    pool: &[Certificate],
    anchors: &[Certificate],
    lang: Lang,
) -> std::result::Result<String, String> {
    let mut current = cert.clone();
    for _ in 0..8 {
        let der = current.to_der().unwrap_or_default();
        if let Some(a) = anchors.iter().find(|a| a.to_der().is_ok_and(|d| d == der)) {
            return Ok(x509::common_name(a.tbs_certificate().subject()));
        }
        if let Some(a) = anchors.iter().find(|a| x509::issued_by(&current, a)) {
            return Ok(x509::common_name(a.tbs_certificate().subject()));
        }
        match pool
            .iter()
            .find(|p| p.to_der().ok() != Some(der.clone()) && x509::issued_by(&current, p))
        {
            Some(next) => current = next.clone(),
            None => {
                return Err(format!(
                    "{} „{}“",
                    lang.pick("usaldatud väljaandjat ei ole:", "no trusted issuer for"),
                    x509::common_name(current.tbs_certificate().issuer())
                ))
            }
        }
    }
    Err(lang
        .pick("sertifikaadiahel on liiga pikk", "the chain is too long")
        .into())
}

/// What the updates after byte `end` changed, and whether all of it is harmless: new signature
/// dictionaries and signature fields, the form's field list and flags, pages' annotation lists.
fn later_changes(
    pdf: &[u8],
    end: usize,
    now: &lopdf::Document,
    lang: Lang,
) -> Result<(bool, Vec<String>)> {
    let then = lopdf::Document::load_mem(&pdf[..end]).map_err(bad)?;
    let mut harmless = true;
    let mut changes = Vec::new();
    // Bytes after the signed revision that are no revision of their own (no new
    // cross-reference section) are not part of the document a reader sees, but they are not
    // what was signed either.
    let tail = &pdf[end..];
    if crate::pades::last_startxref(pdf).is_ok_and(|x| x < end)
        && tail.iter().any(|b| !b.is_ascii_whitespace())
    {
        harmless = false;
        changes.push(match lang {
            Lang::Et => format!(
                "allkirjastatud versiooni järel on {} baiti, mis ei ole dokumendi versioon",
                tail.len()
            ),
            Lang::En => format!(
                "{} bytes after the signed revision that are no revision of the document",
                tail.len()
            ),
        });
    }
    let root = now.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let page_ids: Vec<ObjectId> = now.get_pages().into_values().collect();
    for (id, object) in &now.objects {
        let before = then.objects.get(id);
        if before == Some(object) {
            continue;
        }
        let what = describe(*id, object, before, root, &page_ids, lang);
        match what {
            Ok(ok) => changes.push(ok),
            Err(not_ok) => {
                harmless = false;
                changes.push(not_ok);
            }
        }
    }
    for id in then.objects.keys() {
        if !now.objects.contains_key(id) {
            harmless = false;
            changes.push(format!(
                "{} {} {}: {}",
                lang.pick("objekt", "object"),
                id.0,
                id.1,
                lang.pick("eemaldatud", "removed")
            ));
        }
    }
    Ok((harmless, changes))
}

fn keys_changed(a: &Dictionary, b: &Dictionary) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, v) in a.iter() {
        if b.get(k).ok() != Some(v) {
            out.push(String::from_utf8_lossy(k).into_owned());
        }
    }
    for (k, _) in b.iter() {
        if a.get(k).is_err() {
            out.push(String::from_utf8_lossy(k).into_owned());
        }
    }
    out
}

fn is_prefix(old: &Object, new: &Object) -> bool {
    match (old.as_array(), new.as_array()) {
        (Ok(o), Ok(n)) => n.len() >= o.len() && n[..o.len()] == o[..],
        _ => false,
    }
}

/// Describes one changed or added object: `Ok` when harmless, `Err` when not.
fn describe(
    id: ObjectId,
    now: &Object,
    before: Option<&Object>,
    root: Option<ObjectId>,
    pages: &[ObjectId],
    lang: Lang,
) -> std::result::Result<String, String> {
    let name =
        |d: &Dictionary, k: &[u8]| d.get(k).and_then(Object::as_name).map(<[u8]>::to_vec).ok();
    let label = format!("{} {} {}", lang.pick("objekt", "object"), id.0, id.1);
    let say = |et: &str, en: &str| format!("{label}: {}", lang.pick(et, en));
    match (now, before) {
        (Object::Dictionary(d), None) => {
            let is_sig = name(d, b"Type").as_deref() == Some(b"Sig") || d.has(b"ByteRange");
            let is_sig_field = name(d, b"FT").as_deref() == Some(b"Sig");
            let is_xref = name(d, b"Type").as_deref() == Some(b"XRef");
            if is_sig {
                Ok(say("lisatud allkiri", "a signature added"))
            } else if is_sig_field {
                Ok(say("lisatud allkirjaväli", "a signature field added"))
            } else if is_xref {
                Ok(say("viitetabel", "a cross-reference section"))
            } else {
                Err(say(
                    "lisatud uus objekt, mis ei ole allkiri",
                    "a new object that is not a signature",
                ))
            }
        }
        (Object::Stream(s), None) => {
            if name(&s.dict, b"Type").as_deref() == Some(b"XRef") {
                Ok(say("viitetabel", "a cross-reference section"))
            } else {
                Err(say(
                    "pärast allkirjastamist lisatud uus sisu",
                    "new content (a stream) added after signing",
                ))
            }
        }
        (Object::Dictionary(d), Some(Object::Dictionary(old))) => {
            let changed = keys_changed(d, old);
            let only = |allowed: &[&str]| changed.iter().all(|k| allowed.contains(&k.as_str()));
            if Some(id) == root && only(&["AcroForm", "Perms", "DSS"]) {
                Ok(say("kataloogi vormi uuendus", "the catalog's form updated"))
            } else if pages.contains(&id)
                && only(&["Annots"])
                && d.get(b"Annots")
                    .ok()
                    .zip(old.get(b"Annots").ok())
                    .is_none_or(|(n, o)| is_prefix(o, n))
            {
                Ok(say(
                    "lehe annotatsioonide loendit on täiendatud",
                    "a page's annotation list extended",
                ))
            } else if only(&["Fields", "SigFlags"])
                && d.get(b"Fields")
                    .ok()
                    .zip(old.get(b"Fields").ok())
                    .is_none_or(|(n, o)| is_prefix(o, n))
            {
                Ok(say(
                    "vormi väljade loendit on täiendatud",
                    "the form's field list extended",
                ))
            } else if name(d, b"FT").as_deref() == Some(b"Sig") && only(&["V"]) && !old.has(b"V") {
                Ok(say(
                    "tühi allkirjaväli allkirjastatud",
                    "an empty signature field signed",
                ))
            } else {
                Err(format!(
                    "{} ({})",
                    say("muudetud", "changed"),
                    changed.join(", ")
                ))
            }
        }
        (Object::Array(_), Some(old @ Object::Array(_))) if is_prefix(old, now) => {
            Ok(say("loendit on täiendatud", "a list extended"))
        }
        (_, None) => Err(say(
            "pärast allkirjastamist lisatud uus objekt",
            "a new object added after signing",
        )),
        _ => Err(say(
            "pärast allkirjastamist muudetud",
            "changed after signing",
        )),
    }
}

/// The digest of the whole file, for registers.
pub fn sha256_hex(bytes: &[u8]) -> String {
    HashAlg::Sha256
        .digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_with_offsets() {
        let t = parse_pdf_date("D:20261203160500+02'00'").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-03T14:05:00+00:00");
        let t = parse_pdf_date("D:20261203140500Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-03T14:05:00+00:00");
    }
}
