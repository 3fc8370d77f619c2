//! KSO Desk's summaries as PDF documents, and the flows around them, shared by the app and the
//! CLI: export (lay out from the core's data, register under a number, optionally sign at once),
//! sign a file, verify a file, import a trust anchor. The core decides who may do what; the
//! document layer and the signatures are `kso-pdf`'s.

mod contracts;
pub mod jobs;
mod kpi;
pub mod reviews;
mod roster;
mod staffing;
mod text;

use chrono::{DateTime, Utc};
use kso_core::documents::{
    DocumentKind, DocumentRecord, NewDocument, RenderedFile, SignatureMade, TrustAnchor,
};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::layout::{Block, Document};
use kso_pdf::{HashAlg, SigningKey, VerifyReport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use text::dmy_hm;

/// The findings of a verification in the user's language.
fn pdf_lang(lang: Lang) -> kso_pdf::Lang {
    match lang {
        Lang::Et => kso_pdf::Lang::Et,
        Lang::En => kso_pdf::Lang::En,
    }
}

/// The summaries the app exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Summary {
    /// The duty roster of a month, `YYYY-MM`.
    Roster { month: String },
    /// The staffing table as it is today.
    Staffing,
    /// The contract register of a year.
    Contracts { year: i32 },
    /// One contract's card.
    Contract { id: i64 },
    /// The budget status of a year.
    Budget { year: i32 },
    /// The annual KPI report of a year (§ 2.3, § 3.7.4).
    Kpi { year: i32 },
    /// A position's job description (§ 3.4): a version, or the open one, else the one in force.
    Job {
        position_id: i64,
        version: Option<i64>,
    },
    /// An interview's summary (§ 3.7.5; ATS § 30, § 24(7)): confidential.
    Review { id: i64 },
}

impl Summary {
    pub fn kind(&self) -> DocumentKind {
        match self {
            Summary::Roster { .. } => DocumentKind::Roster,
            Summary::Staffing => DocumentKind::Staffing,
            Summary::Contracts { .. } => DocumentKind::Contracts,
            Summary::Contract { .. } => DocumentKind::Contract,
            Summary::Budget { .. } => DocumentKind::Budget,
            Summary::Kpi { .. } => DocumentKind::Kpi,
            Summary::Job { .. } => DocumentKind::Job,
            Summary::Review { .. } => DocumentKind::Review,
        }
    }
}

/// Where the signing key is.
pub enum KeySource {
    /// A PKCS#12 file's content and its password (used once, never stored).
    P12 { bytes: Vec<u8>, password: String },
    /// A PKCS#11 token (the ID card through OpenSC): the module (the setting's when `None`)
    /// and the PIN (PIN2 for the ID card's signing key).
    Pkcs11 { module: Option<String>, pin: String },
}

impl KeySource {
    fn name(&self) -> &'static str {
        match self {
            KeySource::P12 { .. } => "p12",
            KeySource::Pkcs11 { .. } => "pkcs11",
        }
    }
}

/// The signing key as the UI sends it: a key file's content and password, or the ID card's PIN.
/// Neither is stored.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum KeyInput {
    P12 { content: Vec<u8>, password: String },
    Pkcs11 { pin: String },
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SigningInput {
    pub key: KeyInput,
    pub hash: Option<HashAlg>,
}

impl From<SigningInput> for SignRequest {
    fn from(s: SigningInput) -> SignRequest {
        SignRequest {
            key: match s.key {
                KeyInput::P12 { content, password } => KeySource::P12 {
                    bytes: content,
                    password,
                },
                KeyInput::Pkcs11 { pin } => KeySource::Pkcs11 { module: None, pin },
            },
            hash: s.hash,
        }
    }
}

/// Export a summary, and sign it at once when `sign` is given.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportInput {
    pub summary: Summary,
    pub sign: Option<SigningInput>,
}

/// Sign a PDF file the user chose.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct FileSignInput {
    /// The file's name, for the signed copy's name.
    pub name: String,
    pub content: Vec<u8>,
    pub sign: SigningInput,
}

/// A file written for the user: where it is, what it is, and what its signatures are.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedFile {
    pub path: String,
    pub record: Option<DocumentRecord>,
    pub verification: Option<VerifyReport>,
}

pub struct SignRequest {
    pub key: KeySource,
    /// The hash; the key's natural one (SHA-384 for P-384, else SHA-256) when `None`.
    pub hash: Option<HashAlg>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] kso_core::Error),
    #[error(transparent)]
    Pdf(#[from] kso_pdf::Error),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(e) => e.code(),
            Error::Pdf(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Core(e) => e.message(lang),
            Error::Pdf(e) => text::pdf_error(e, lang),
        }
    }

    /// The error as the UI receives it.
    pub fn to_api(&self, lang: Lang) -> kso_core::ApiError {
        match self {
            Error::Core(e) => e.to_api(lang),
            Error::Pdf(_) => kso_core::ApiError {
                code: self.code().into(),
                message: self.message(lang),
                fields: Vec::new(),
            },
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An exported document: its register entry, the file, and — when signed — what a verification
/// of the signed file finds.
#[derive(Debug, Clone)]
pub struct Exported {
    pub record: DocumentRecord,
    pub bytes: Vec<u8>,
    pub verification: Option<VerifyReport>,
}

/// What the document will say, before it has a number.
struct Draft {
    title: String,
    subtitle: String,
    period: String,
    orientation: kso_pdf::layout::Orientation,
    blocks: Vec<Block>,
}

fn draft(
    desk: &Desk,
    actor: &Actor,
    what: &Summary,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Draft> {
    Ok(match what {
        Summary::Roster { month } => roster::draft(desk, actor, month, lang)?,
        Summary::Staffing => staffing::draft(desk, actor, lang, now)?,
        Summary::Contracts { year } => contracts::register(desk, actor, *year, lang, now)?,
        Summary::Contract { id } => contracts::card(desk, actor, *id, lang, now)?,
        Summary::Budget { year } => contracts::budget(desk, actor, *year, lang, now)?,
        Summary::Kpi { year } => kpi::annual(desk, actor, *year, lang, now)?,
        Summary::Job {
            position_id,
            version,
        } => jobs::description(desk, actor, *position_id, *version, lang)?,
        Summary::Review { id } => reviews::summary(desk, actor, *id, lang)?,
    })
}

/// Opens the signing key (asks nothing: the password or PIN is in the request).
fn open_key(desk: &Desk, actor: &Actor, key: &KeySource) -> Result<Box<dyn SigningKey>> {
    Ok(match key {
        KeySource::P12 { bytes, password } => Box::new(kso_pdf::p12::read(bytes, password)?),
        KeySource::Pkcs11 { module, pin } => {
            let module = match module {
                Some(m) => m.clone(),
                None => desk.signing_settings(actor)?.pkcs11_module,
            };
            Box::new(kso_pdf::pkcs11::TokenKey::open(&module, pin, None)?)
        }
    })
}

/// Exports a summary as a registered PDF; with `sign`, signs it at once as the head (or the
/// acting head). Permission to sign is checked, and the key opened, before anything is
/// registered, so a refused signature or a wrong password leaves no trace but the audit of
/// nothing.
pub fn export(
    desk: &mut Desk,
    actor: &Actor,
    what: &Summary,
    lang: Lang,
    now: DateTime<Utc>,
    sign: Option<&SignRequest>,
) -> Result<Exported> {
    let role = match sign {
        Some(_) => Some(desk.signing_role(actor, lang)?),
        None => None,
    };
    let mut key = match sign {
        Some(req) => Some(open_key(desk, actor, &req.key)?),
        None => None,
    };
    let department = desk.department(actor)?.name;
    let mut d = draft(desk, actor, what, lang, now)?;
    if let Some(role) = &role {
        d.blocks.push(Block::Gap(4.0));
        d.blocks
            .push(Block::Note(text::signed_note(&actor.name, role, lang)));
    }
    let created = dmy_hm(now);
    let (record, bytes) = desk.document_create(
        actor,
        &NewDocument {
            kind: what.kind(),
            period: d.period.clone(),
            title: d.title.clone(),
            lang,
        },
        now,
        |number| {
            let doc = Document {
                organisation: format!("SMIT · {department}"),
                title: d.title.clone(),
                subtitle: d.subtitle.clone(),
                number: number.to_string(),
                created: created.clone(),
                labels: text::labels(lang),
                orientation: d.orientation,
                blocks: d.blocks.clone(),
                author: department.clone(),
            };
            kso_pdf::layout::render(&doc)
                .map(|r| RenderedFile {
                    bytes: r.bytes,
                    pages: r.pages,
                })
                .map_err(|e| e.to_string())
        },
    )?;
    let (Some(req), Some(key), Some(role)) = (sign, key.as_deref_mut(), role) else {
        return Ok(Exported {
            record,
            bytes,
            verification: None,
        });
    };
    let (signed, signed_record) = sign_bytes(desk, actor, &bytes, key, req, &role, now)?;
    let anchors = desk.trust_anchor_certificates(actor)?;
    let verification = kso_pdf::verify_pdf(&signed, &anchors, pdf_lang(lang))?;
    Ok(Exported {
        record: signed_record.unwrap_or(record),
        bytes: signed,
        verification: Some(verification),
    })
}

/// The common name in the key's certificate ("KASK,KATI,49001010000" on an ID card).
fn signer_name(key: &dyn SigningKey) -> String {
    kso_pdf::x509::parse(key.certificate())
        .map(|c| kso_pdf::x509::common_name(c.tbs_certificate().subject()))
        .unwrap_or_default()
}

fn sign_bytes(
    desk: &mut Desk,
    actor: &Actor,
    pdf: &[u8],
    key: &mut dyn SigningKey,
    req: &SignRequest,
    role: &str,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, Option<DocumentRecord>)> {
    let settings = desk.signing_settings(actor)?;
    let hash = req.hash.unwrap_or_else(|| key.kind().default_hash());
    let signed = kso_pdf::sign_pdf(
        pdf,
        key,
        &kso_pdf::SignOptions {
            role: Some(role.to_string()),
            reason: Some(settings.reason).filter(|r| !r.is_empty()),
            location: Some(settings.location).filter(|l| !l.is_empty()),
            contact: None,
            hash: Some(hash),
            time: Some(now),
        },
    )?;
    let signer = signer_name(key);
    let record = desk.document_signed(
        actor,
        &SignatureMade {
            sha256_before: kso_pdf::verify::sha256_hex(pdf),
            sha256_after: kso_pdf::verify::sha256_hex(&signed),
            signer,
            role: role.to_string(),
            hash_alg: hash.name().to_string(),
            key_source: req.key.name().to_string(),
        },
        now,
    )?;
    Ok((signed, record))
}

/// Signs a PDF file (one exported earlier, or any PDF) as the head or the acting head; a second
/// signature is appended after the first. Returns the signed file and, if the file is a
/// registered document, its record.
pub fn sign_file(
    desk: &mut Desk,
    actor: &Actor,
    pdf: &[u8],
    req: &SignRequest,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, Option<DocumentRecord>)> {
    let role = desk.signing_role(actor, lang)?;
    let mut key = open_key(desk, actor, &req.key)?;
    sign_bytes(desk, actor, pdf, key.as_mut(), req, &role, now)
}

/// A verification: the signatures, and the registered document the file is, if any.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Verification {
    pub report: VerifyReport,
    pub document: Option<DocumentRecord>,
    /// SHA-256 of the file.
    pub sha256: String,
}

/// Verifies a PDF's signatures against the imported trust anchors (and `extra` ones).
pub fn verify_file(
    desk: &Desk,
    actor: &Actor,
    pdf: &[u8],
    extra: &[Vec<u8>],
    lang: Lang,
) -> Result<Verification> {
    let mut anchors = desk.trust_anchor_certificates(actor)?;
    anchors.extend(extra.iter().cloned());
    let report = kso_pdf::verify_pdf(pdf, &anchors, pdf_lang(lang))?;
    let sha256 = kso_pdf::verify::sha256_hex(pdf);
    let document = desk.document_by_sha256(actor, &sha256)?;
    Ok(Verification {
        report,
        document,
        sha256,
    })
}

/// Imports a certificate (PEM or DER) as a trust anchor.
pub fn add_trust_anchor(desk: &mut Desk, actor: &Actor, cert: &[u8]) -> Result<TrustAnchor> {
    let der = kso_pdf::x509::parse_pem_or_der(cert)?;
    let parsed = kso_pdf::x509::parse(&der)?;
    let tbs = parsed.tbs_certificate();
    let not_after: DateTime<Utc> = tbs.validity().not_after.to_system_time().into();
    Ok(desk.trust_anchor_add(
        actor,
        &kso_core::documents::NewTrustAnchor {
            subject: kso_pdf::x509::common_name(tbs.subject()),
            sha256: kso_pdf::verify::sha256_hex(&der),
            der,
            not_after: not_after.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        },
    )?)
}

/// A file name for an exported document: `KSO-2026-0007-valvegraafik-2026-12.pdf`.
pub fn file_name(record: &DocumentRecord, signed: bool) -> String {
    let kind = match record.kind {
        DocumentKind::Roster => "valvegraafik",
        DocumentKind::Staffing => "koosseis",
        DocumentKind::Contracts => "lepingud",
        DocumentKind::Contract => "leping",
        DocumentKind::Budget => "eelarve",
        DocumentKind::Kpi => "moodikud",
        DocumentKind::Job => "ametijuhend",
        DocumentKind::Review => "vestlus",
    };
    let period: String = record
        .period
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut name = format!("{}-{kind}", record.number);
    if !period.is_empty() {
        name.push('-');
        name.push_str(&period);
    }
    if signed {
        name.push_str("-allkirjastatud");
    }
    name.push_str(".pdf");
    name
}

/// Writes `bytes` as `name` in `dir` (created if needed), never over an existing file:
/// `name (2).pdf`, `name (3).pdf`, … Returns the path.
pub fn save_in(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir).map_err(kso_core::Error::from)?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "pdf"));
    let mut path = dir.join(name);
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}).{ext}"));
        n += 1;
    }
    std::fs::write(&path, bytes).map_err(kso_core::Error::from)?;
    Ok(path)
}

/// Exports a summary into `dir` (the user's downloads): the app's export.
pub fn export_to(
    desk: &mut Desk,
    actor: &Actor,
    input: ExportInput,
    lang: Lang,
    now: DateTime<Utc>,
    dir: &std::path::Path,
) -> Result<SavedFile> {
    let req = input.sign.map(SignRequest::from);
    let e = export(desk, actor, &input.summary, lang, now, req.as_ref())?;
    let path = save_in(
        dir,
        &file_name(&e.record, e.verification.is_some()),
        &e.bytes,
    )?;
    Ok(SavedFile {
        path: path.display().to_string(),
        record: Some(e.record),
        verification: e.verification,
    })
}

/// Signs a file the user chose and writes the signed copy into `dir`: the app's signing.
pub fn sign_file_to(
    desk: &mut Desk,
    actor: &Actor,
    input: FileSignInput,
    lang: Lang,
    now: DateTime<Utc>,
    dir: &std::path::Path,
) -> Result<SavedFile> {
    let req = SignRequest::from(input.sign);
    let (signed, record) = sign_file(desk, actor, &input.content, &req, lang, now)?;
    let stem = input.name.strip_suffix(".pdf").unwrap_or(&input.name);
    let stem = stem.strip_suffix("-allkirjastatud").unwrap_or(stem);
    let path = save_in(dir, &format!("{stem}-allkirjastatud.pdf"), &signed)?;
    let anchors = desk.trust_anchor_certificates(actor)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        record,
        verification: Some(kso_pdf::verify_pdf(&signed, &anchors, pdf_lang(lang))?),
    })
}
