//! PAdES baseline B signatures appended to a PDF as an incremental update: the signature
//! dictionary (`/SubFilter /ETSI.CAdES.detached`), an invisible signature field that is its own
//! widget on the first page, the page and the catalog (or its AcroForm) re-written, and a new
//! cross-reference section pointing back at the previous one. The bytes before the update are
//! left untouched, so earlier signatures stay valid.

use std::io::Write;

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use crate::keys::{HashAlg, SigningKey};
use crate::{cades, Error, Result};

/// Room for the CMS signature in the `/Contents` placeholder (hex digits are twice this).
const SIGNATURE_ROOM: usize = 16 * 1024;
/// The ByteRange placeholder: four numbers of up to ten digits.
const BYTE_RANGE_PLACEHOLDER: &str = "/ByteRange [0 0000000000 0000000000 0000000000]";

#[derive(Debug, Clone, Default)]
pub struct SignOptions {
    /// The signer's role as claimed in the signature ("Osakonnajuhataja").
    pub role: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    pub contact: Option<String>,
    /// The hash; by default the one that fits the key (SHA-384 for P-384, else SHA-256).
    pub hash: Option<HashAlg>,
    /// The signing time written in `/M`; now by default.
    pub time: Option<DateTime<Utc>>,
}

fn bad(e: impl std::fmt::Display) -> Error {
    Error::BadPdf(e.to_string())
}

/// Where the last cross-reference section starts, from the `startxref` at the end of the file.
pub(crate) fn last_startxref(pdf: &[u8]) -> Result<usize> {
    let tail_start = pdf.len().saturating_sub(1024);
    let tail = &pdf[tail_start..];
    let pos = tail
        .windows(9)
        .rposition(|w| w == b"startxref")
        .ok_or_else(|| bad("no startxref"))?;
    let rest = &tail[pos + 9..];
    let digits: String = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().map_err(|_| bad("a bad startxref"))
}

/// A PDF text string: ASCII as is, anything else as UTF-16BE with a byte-order mark.
pub(crate) fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Writes a PDF object (no streams: an update of a signature writes none).
pub(crate) fn write_object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(format!("{r}").as_bytes()),
        Object::Name(n) => {
            out.push(b'/');
            for &b in n {
                if b"()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
                    out.extend_from_slice(format!("#{b:02X}").as_bytes());
                } else {
                    out.push(b);
                }
            }
        }
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in bytes {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::String(bytes, StringFormat::Literal) => {
            out.push(b'(');
            for &b in bytes {
                if matches!(b, b'(' | b')' | b'\\') {
                    out.push(b'\\');
                    out.push(b);
                } else if b == b'\r' {
                    out.extend_from_slice(b"\\r");
                } else {
                    out.push(b);
                }
            }
            out.push(b')');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dict(out, d),
        Object::Stream(s) => write_dict(out, &s.dict),
        Object::Reference((n, g)) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
    }
}

fn write_dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        write_object(out, &Object::Name(k.clone()));
        out.push(b' ');
        write_object(out, v);
        out.push(b'\n');
    }
    out.extend_from_slice(b">>");
}

/// The PDF date of an instant: `D:20261203140500+00'00'`.
fn pdf_date(t: DateTime<Utc>) -> String {
    t.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

/// An object as it is now, with references followed.
fn resolved<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Result<&'a Object> {
    doc.dereference(o).map(|(_, o)| o).map_err(bad)
}

/// Names of the document's form fields, to give the new signature a name of its own.
fn field_names(doc: &lopdf::Document, fields: &[Object]) -> Vec<Vec<u8>> {
    fields
        .iter()
        .filter_map(|f| resolved(doc, f).ok()?.as_dict().ok())
        .filter_map(|d| d.get(b"T").ok()?.as_str().ok().map(<[u8]>::to_vec))
        .collect()
}

/// Signs a PDF: returns the PDF with a PAdES baseline B signature appended.
pub fn sign_pdf(pdf: &[u8], key: &mut dyn SigningKey, opts: &SignOptions) -> Result<Vec<u8>> {
    let doc = lopdf::Document::load_mem(pdf).map_err(bad)?;
    if doc.is_encrypted() {
        return Err(bad("encrypted PDFs are not signed"));
    }
    let prev = last_startxref(pdf)?;
    let xref_stream = !pdf[prev..].starts_with(b"xref");
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(bad)?;
    let mut catalog = doc.get_dictionary(root_id).map_err(bad)?.clone();
    let (_, first_page) = doc
        .get_pages()
        .into_iter()
        .next()
        .ok_or_else(|| bad("the PDF has no pages"))?;
    let size = doc
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .unwrap_or(0)
        .max(i64::from(doc.max_id) + 1) as u32;
    let sig_id: ObjectId = (size, 0);
    let field_id: ObjectId = (size + 1, 0);
    // Objects of the update are re-written ones (below `size`) and these two new ones.
    let next_id = size + 2;
    // Objects of the update besides the signature dictionary: (id, object).
    let mut updated: Vec<(ObjectId, Object)> = Vec::new();

    // The form: existing fields plus the new one; SigFlags 3 (signatures exist, append only).
    let (acroform_ref, mut acroform) = match catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => (Some(*id), doc.get_dictionary(*id).map_err(bad)?.clone()),
        Ok(Object::Dictionary(d)) => (None, d.clone()),
        _ => (None, Dictionary::new()),
    };
    let mut fields = match acroform.get(b"Fields") {
        Ok(f) => resolved(&doc, f)?.as_array().map_err(bad)?.clone(),
        Err(_) => Vec::new(),
    };
    let taken = field_names(&doc, &fields);
    let name = (1..)
        .map(|i| format!("Signature{i}"))
        .find(|n| !taken.iter().any(|t| t == n.as_bytes()))
        .expect("a free name");
    fields.push(Object::Reference(field_id));
    acroform.set("Fields", Object::Array(fields));
    acroform.set("SigFlags", Object::Integer(3));
    match acroform_ref {
        Some(id) => updated.push((id, Object::Dictionary(acroform))),
        None => {
            catalog.set("AcroForm", Object::Dictionary(acroform));
            updated.push((root_id, Object::Dictionary(catalog)));
        }
    }

    // The first page gets the widget among its annotations.
    let mut page = doc.get_dictionary(first_page).map_err(bad)?.clone();
    match page.get(b"Annots") {
        Ok(Object::Reference(id)) => {
            let mut annots = doc
                .get_object(*id)
                .and_then(Object::as_array)
                .map_err(bad)?
                .clone();
            annots.push(Object::Reference(field_id));
            updated.push((*id, Object::Array(annots)));
        }
        Ok(Object::Array(a)) => {
            let mut annots = a.clone();
            annots.push(Object::Reference(field_id));
            page.set("Annots", Object::Array(annots));
            updated.push((first_page, Object::Dictionary(page)));
        }
        _ => {
            page.set("Annots", Object::Array(vec![Object::Reference(field_id)]));
            updated.push((first_page, Object::Dictionary(page)));
        }
    }

    // The field, which is also its (invisible) widget.
    let mut field = Dictionary::new();
    field.set("FT", Object::Name(b"Sig".to_vec()));
    field.set("Type", Object::Name(b"Annot".to_vec()));
    field.set("Subtype", Object::Name(b"Widget".to_vec()));
    field.set("F", Object::Integer(132));
    field.set("T", text_string(&name));
    field.set("V", Object::Reference(sig_id));
    field.set("P", Object::Reference(first_page));
    field.set(
        "Rect",
        Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
    );
    updated.push((field_id, Object::Dictionary(field)));

    // The update, with placeholders in the signature dictionary.
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, usize)> = Vec::new();
    offsets.push((sig_id.0, out.len()));
    let time = opts.time.unwrap_or_else(Utc::now);
    let mut sig = Vec::new();
    write!(
        sig,
        "{} 0 obj\n<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n",
        sig_id.0
    )
    .expect("to memory");
    sig.extend_from_slice(BYTE_RANGE_PLACEHOLDER.as_bytes());
    sig.extend_from_slice(b"\n/Contents <");
    let contents_at = out.len() + sig.len() - 1;
    sig.extend(std::iter::repeat_n(b'0', SIGNATURE_ROOM * 2));
    sig.extend_from_slice(b">\n/M ");
    write_object(&mut sig, &text_string(&pdf_date(time)));
    for (key, value) in [
        ("Reason", &opts.reason),
        ("Location", &opts.location),
        ("ContactInfo", &opts.contact),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            write!(sig, "\n/{key} ").expect("to memory");
            write_object(&mut sig, &text_string(v));
        }
    }
    sig.extend_from_slice(b">>\nendobj\n");
    let byte_range_at = out.len()
        + sig
            .windows(10)
            .position(|w| w == b"/ByteRange")
            .expect("written above");
    out.extend_from_slice(&sig);
    for (id, object) in &updated {
        offsets.push((id.0, out.len()));
        out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
        write_object(&mut out, object);
        out.extend_from_slice(b"\nendobj\n");
    }
    offsets.sort_unstable();

    let mut trailer = Dictionary::new();
    trailer.set("Size", Object::Integer(i64::from(next_id)));
    trailer.set("Root", Object::Reference(root_id));
    for key in [b"Info".as_slice(), b"ID".as_slice()] {
        if let Ok(v) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), v.clone());
        }
    }
    trailer.set("Prev", Object::Integer(prev as i64));
    let xref_at = out.len();
    if xref_stream {
        write_xref_stream(&mut out, &offsets, trailer, next_id);
    } else {
        out.extend_from_slice(b"xref\n");
        for run in runs(&offsets) {
            out.extend_from_slice(format!("{} {}\n", run[0].0, run.len()).as_bytes());
            for (_, off) in run {
                out.extend_from_slice(format!("{off:010} 00000 n\r\n").as_bytes());
            }
        }
        out.extend_from_slice(b"trailer\n");
        write_dict(&mut out, &trailer);
        out.push(b'\n');
    }
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());

    // The byte range: everything but the hex string of /Contents, brackets included.
    let contents_end = contents_at + SIGNATURE_ROOM * 2 + 2;
    let range = [0, contents_at, contents_end, out.len() - contents_end];
    let text = format!(
        "/ByteRange [{} {} {} {}]",
        range[0], range[1], range[2], range[3]
    );
    let padded = format!("{text:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    out[byte_range_at..byte_range_at + padded.len()].copy_from_slice(padded.as_bytes());

    let hash = opts.hash.unwrap_or_else(|| key.kind().default_hash());
    let digest = hash.digest_parts(&[&out[..contents_at], &out[contents_end..]]);
    let cms = cades::sign(key, hash, &digest, opts.role.as_deref())?;
    if cms.len() > SIGNATURE_ROOM {
        return Err(Error::Sign(format!(
            "the signature needs {} bytes, more than the {SIGNATURE_ROOM} reserved",
            cms.len()
        )));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02x}")).collect();
    out[contents_at + 1..contents_at + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// Consecutive object numbers, for the subsections of a cross-reference table.
fn runs(offsets: &[(u32, usize)]) -> Vec<&[(u32, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=offsets.len() {
        if i == offsets.len() || offsets[i].0 != offsets[i - 1].0 + 1 {
            out.push(&offsets[start..i]);
            start = i;
        }
    }
    out
}

/// A cross-reference stream (for PDFs whose last section is one), uncompressed.
fn write_xref_stream(
    out: &mut Vec<u8>,
    offsets: &[(u32, usize)],
    mut dict: Dictionary,
    next_id: u32,
) {
    let xref_id = next_id;
    let all: Vec<(u32, usize)> = offsets
        .iter()
        .copied()
        .chain(std::iter::once((xref_id, out.len())))
        .collect();
    let mut data = Vec::new();
    let mut index = Vec::new();
    for run in runs(&all) {
        index.push(Object::Integer(i64::from(run[0].0)));
        index.push(Object::Integer(run.len() as i64));
        for (_, off) in run {
            data.push(1u8);
            data.extend_from_slice(&(*off as u32).to_be_bytes());
            data.extend_from_slice(&[0, 0]);
        }
    }
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(i64::from(xref_id + 1)));
    dict.set("Index", Object::Array(index));
    dict.set("W", Object::Array(vec![1.into(), 4.into(), 2.into()]));
    dict.set("Length", Object::Integer(data.len() as i64));
    out.extend_from_slice(format!("{xref_id} 0 obj\n").as_bytes());
    write_dict(out, &dict);
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}
