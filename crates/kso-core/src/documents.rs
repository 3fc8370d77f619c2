//! The register of exported documents (summaries as PDF) and their signatures, the signature's
//! settings and the trust anchors for verification. The PDFs themselves are made and signed in
//! `kso-pdf` / `kso-reports`; the core numbers, registers, authorizes and audits.

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::{Action, Actor, Role};
use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::service::{Change, Desk};
use crate::store::{self, audit::AuditRecord};
use crate::validate::Checker;

/// Debian's OpenSC module, which the Estonian ID card is used through.
pub const DEFAULT_PKCS11_MODULE: &str = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
const PKCS11_MODULE_KEY: &str = "signing.pkcs11_module";
/// Documents are numbered KSO-YYYY-NNNN.
pub const NUMBER_PREFIX: &str = "KSO";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The monthly duty roster (§ 2.2.1).
    Roster,
    /// The staffing table (§ 3.1).
    Staffing,
    /// The contract register of a year.
    Contracts,
    /// One contract's card.
    Contract,
    /// The budget status of a year (§ 3.7.8–3.7.9).
    Budget,
    /// The annual KPI report (§ 2.3, § 3.7.4).
    Kpi,
    /// A position's job description (§ 3.4).
    Job,
    /// A development or probation interview's summary (§ 3.7.5; ATS § 30, § 24(7)).
    Review,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 8] = [
        DocumentKind::Roster,
        DocumentKind::Staffing,
        DocumentKind::Contracts,
        DocumentKind::Contract,
        DocumentKind::Budget,
        DocumentKind::Kpi,
        DocumentKind::Job,
        DocumentKind::Review,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Roster => "roster",
            DocumentKind::Staffing => "staffing",
            DocumentKind::Contracts => "contracts",
            DocumentKind::Contract => "contract",
            DocumentKind::Budget => "budget",
            DocumentKind::Kpi => "kpi",
            DocumentKind::Job => "job",
            DocumentKind::Review => "review",
        }
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DocumentKind::Roster => lang.pick("Valvegraafik", "Duty roster"),
            DocumentKind::Staffing => lang.pick("Koosseisu tabel", "Staffing table"),
            DocumentKind::Contracts => lang.pick("Lepingute register", "Contract register"),
            DocumentKind::Contract => lang.pick("Lepingu kaart", "Contract card"),
            DocumentKind::Budget => lang.pick("Eelarve seis", "Budget status"),
            DocumentKind::Kpi => lang.pick("Mõõdikute aastaaruanne", "Annual KPI report"),
            DocumentKind::Job => lang.pick("Ametijuhend", "Job description"),
            DocumentKind::Review => lang.pick("Vestluse kokkuvõte", "Interview summary"),
        }
    }
}

/// A signature recorded on a registered document.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct DocumentSignature {
    pub id: i64,
    /// UTC, RFC 3339.
    pub signed_at: String,
    /// The user who signed in the app.
    pub signed_by: String,
    pub acting_as: Option<Role>,
    /// The certificate's common name.
    pub signer: String,
    /// The role written into the signature.
    pub role: String,
    pub hash_alg: String,
    /// `p12` (a key file) or `pkcs11` (an ID card or another token).
    pub key_source: String,
    pub sha256: String,
}

/// A registered document.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct DocumentRecord {
    pub id: i64,
    pub number: String,
    pub kind: DocumentKind,
    pub period: String,
    pub title: String,
    /// SHA-256 of the exported file, hex.
    pub sha256: String,
    pub pages: i64,
    pub size: i64,
    pub lang: Lang,
    pub created_at: String,
    pub created_by: String,
    pub acting_as: Option<Role>,
    pub signatures: Vec<DocumentSignature>,
}

/// What a document to register is.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub kind: DocumentKind,
    pub period: String,
    pub title: String,
    pub lang: Lang,
}

/// The rendered file of a document.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// A signature made on a file, to record.
#[derive(Debug, Clone)]
pub struct SignatureMade {
    /// SHA-256 of the file that was signed, and of the file with the signature.
    pub sha256_before: String,
    pub sha256_after: String,
    pub signer: String,
    pub role: String,
    pub hash_alg: String,
    pub key_source: String,
}

/// Where and why documents are signed (written into each signature).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct SigningSettings {
    pub location: String,
    pub reason: String,
    /// The PKCS#11 module of the ID card reader (OpenSC).
    pub pkcs11_module: String,
}

/// A certificate trusted as the root of signers' chains (e.g. the ID card's CA).
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct TrustAnchor {
    pub id: i64,
    pub subject: String,
    pub sha256: String,
    /// The certificate's end of validity, RFC 3339.
    pub not_after: String,
    pub added_at: String,
}

/// A trust anchor to add, read from its certificate by the caller.
#[derive(Debug, Clone)]
pub struct NewTrustAnchor {
    pub subject: String,
    pub sha256: String,
    pub der: Vec<u8>,
    pub not_after: String,
}

fn audit(
    action: &'static str,
    id: String,
    before: serde_json::Value,
    after: serde_json::Value,
) -> AuditRecord {
    AuditRecord {
        action,
        entity: action.split('.').next().unwrap_or(action),
        entity_id: Some(id),
        before: (!before.is_null()).then_some(before),
        after: (!after.is_null()).then_some(after),
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Desk {
    /// Registers a new document: gives it the year's next number, lets `render` make the file
    /// with that number in it, and stores the file's hash — one transaction, one audit record.
    pub fn document_create(
        &mut self,
        actor: &Actor,
        doc: &NewDocument,
        now: DateTime<Utc>,
        render: impl FnOnce(&str) -> std::result::Result<RenderedFile, String>,
    ) -> Result<(DocumentRecord, Vec<u8>)> {
        let year = crate::calendar::utc_to_tallinn(now.naive_utc()).year();
        let actor = &self.whoami(actor)?;
        let (id, file) = self.change(actor, Action::ExportDocuments, |tx| {
            let seq = store::documents::count_of_year(tx, NUMBER_PREFIX, year)? + 1;
            let number = format!("{NUMBER_PREFIX}-{year}-{seq:04}");
            let file =
                render(&number).map_err(|e| Error::Internal(format!("document {number}: {e}")))?;
            let sha256 = crate::contracts::sha256_hex(&file.bytes);
            let id = store::documents::insert(
                tx,
                &store::documents::DocumentRow {
                    number: &number,
                    kind: doc.kind.as_str(),
                    period: &doc.period,
                    title: &doc.title,
                    sha256: &sha256,
                    pages: file.pages as i64,
                    size: file.bytes.len() as i64,
                    lang: doc.lang.code(),
                    created_at: &rfc3339(now),
                    created_by: actor.user_id,
                    acting_as: actor.acting_as.map(Role::as_str),
                },
            )?;
            Ok(Change {
                audit: audit(
                    "document.export",
                    number.clone(),
                    serde_json::Value::Null,
                    serde_json::json!({
                        "kind": doc.kind.as_str(), "period": doc.period, "title": doc.title,
                        "sha256": sha256, "pages": file.pages, "size": file.bytes.len(),
                    }),
                ),
                value: (id, file.bytes),
            })
        })?;
        let record = self.read(actor, Action::ExportDocuments, |c| {
            store::documents::get(c, id)?.ok_or_else(|| Error::NotFound {
                entity: "document",
                id: id.to_string(),
            })
        })?;
        Ok((record, file))
    }

    /// The role the actor signs documents in now: the head, or the deputy acting for the head
    /// (§ 3.6) — "Osakonnajuhataja" / "Osakonnajuhataja ülesannetes". Refused to anyone else.
    pub fn signing_role(&self, actor: &Actor, lang: Lang) -> Result<String> {
        let actor = &Self::authorized(&self.conn, actor, Action::SignDocuments)?;
        let acting = actor.role != Role::Head && actor.acting_as == Some(Role::Head);
        Ok(match (acting, lang) {
            (false, Lang::Et) => "Osakonnajuhataja",
            (true, Lang::Et) => "Osakonnajuhataja ülesannetes",
            (false, Lang::En) => "Head of Department",
            (true, Lang::En) => "Acting Head of Department",
        }
        .to_string())
    }

    /// Records a signature made on a file. When the signed file is a registered document (or a
    /// signed version of one), the signature joins the document's record, which is returned.
    pub fn document_signed(
        &mut self,
        actor: &Actor,
        s: &SignatureMade,
        now: DateTime<Utc>,
    ) -> Result<Option<DocumentRecord>> {
        let actor = &self.whoami(actor)?;
        let id = self.change(actor, Action::SignDocuments, |tx| {
            let found = store::documents::find_by_sha256(tx, &s.sha256_before)?;
            if let Some(id) = found {
                store::documents::insert_signature(
                    tx,
                    id,
                    &store::documents::SignatureRow {
                        signed_at: &rfc3339(now),
                        signed_by: actor.user_id,
                        acting_as: actor.acting_as.map(Role::as_str),
                        signer: &s.signer,
                        role: &s.role,
                        hash_alg: &s.hash_alg,
                        key_source: &s.key_source,
                        sha256: &s.sha256_after,
                    },
                )?;
            }
            let number = match found {
                Some(id) => store::documents::get(tx, id)?.map(|d| d.number),
                None => None,
            };
            Ok(Change {
                audit: audit(
                    "document.sign",
                    number.unwrap_or_else(|| s.sha256_before.clone()),
                    serde_json::json!({ "sha256": s.sha256_before }),
                    serde_json::json!({
                        "sha256": s.sha256_after, "signer": s.signer, "role": s.role,
                        "hash": s.hash_alg, "key": s.key_source,
                    }),
                ),
                value: found,
            })
        })?;
        match id {
            Some(id) => self.read(actor, Action::ExportDocuments, |c| {
                store::documents::get(c, id)
            }),
            None => Ok(None),
        }
    }

    /// The register of documents, newest first.
    pub fn documents(&self, actor: &Actor) -> Result<Vec<DocumentRecord>> {
        self.read(actor, Action::ExportDocuments, store::documents::list)
    }

    /// The registered document a file is (as exported or as signed), if any.
    pub fn document_by_sha256(
        &self,
        actor: &Actor,
        sha256: &str,
    ) -> Result<Option<DocumentRecord>> {
        self.read(
            actor,
            Action::ExportDocuments,
            |c| match store::documents::find_by_sha256(c, sha256)? {
                Some(id) => store::documents::get(c, id),
                None => Ok(None),
            },
        )
    }

    pub fn signing_settings(&self, actor: &Actor) -> Result<SigningSettings> {
        self.read(actor, Action::ExportDocuments, signing_settings_of)
    }

    pub fn signing_settings_save(
        &mut self,
        actor: &Actor,
        input: &SigningSettings,
    ) -> Result<SigningSettings> {
        self.change(actor, Action::SignDocuments, |tx| {
            let mut c = Checker::new();
            let location = c.optional_text("signing_location", &input.location, 100);
            let reason = c.optional_text("signing_reason", &input.reason, 200);
            let module = input.pkcs11_module.trim().to_string();
            if module.is_empty() {
                c.fail("pkcs11_module", Rule::Required);
            } else if !module.starts_with('/') || module.len() > 500 {
                c.fail("pkcs11_module", Rule::PathForm);
            }
            c.finish()?;
            let before = signing_settings_of(tx)?;
            store::department::set_signing(tx, &location, &reason)?;
            store::preferences::set(tx, PKCS11_MODULE_KEY, &module)?;
            let after = SigningSettings {
                location,
                reason,
                pkcs11_module: module,
            };
            Ok(Change {
                audit: audit(
                    "department.signing_settings",
                    "1".into(),
                    serde_json::to_value(&before).unwrap_or_default(),
                    serde_json::to_value(&after).unwrap_or_default(),
                ),
                value: after,
            })
        })
    }

    pub fn trust_anchors(&self, actor: &Actor) -> Result<Vec<TrustAnchor>> {
        self.read(actor, Action::ExportDocuments, store::documents::anchors)
    }

    /// The anchors' certificates (DER), for verification.
    pub fn trust_anchor_certificates(&self, actor: &Actor) -> Result<Vec<Vec<u8>>> {
        self.read(
            actor,
            Action::ExportDocuments,
            store::documents::anchor_ders,
        )
    }

    pub fn trust_anchor_add(&mut self, actor: &Actor, a: &NewTrustAnchor) -> Result<TrustAnchor> {
        self.change(actor, Action::SignDocuments, |tx| {
            if store::documents::anchor_by_sha256(tx, &a.sha256)?.is_some() {
                return Err(Error::field("certificate", Rule::AnchorTaken));
            }
            let id = store::documents::insert_anchor(tx, a, &crate::service::now_utc())?;
            let anchor = store::documents::anchor_by_sha256(tx, &a.sha256)?.ok_or_else(|| Error::NotFound {
                entity: "trust_anchor",
                id: id.to_string(),
            })?;
            Ok(Change {
                audit: audit(
                    "trust_anchor.add",
                    id.to_string(),
                    serde_json::Value::Null,
                    serde_json::json!({ "subject": a.subject, "sha256": a.sha256, "not_after": a.not_after }),
                ),
                value: anchor,
            })
        })
    }

    pub fn trust_anchor_remove(&mut self, actor: &Actor, id: i64) -> Result<()> {
        self.change(actor, Action::SignDocuments, |tx| {
            let all = store::documents::anchors(tx)?;
            let anchor = all
                .into_iter()
                .find(|a| a.id == id)
                .ok_or_else(|| Error::NotFound {
                    entity: "trust_anchor",
                    id: id.to_string(),
                })?;
            store::documents::delete_anchor(tx, id)?;
            Ok(Change {
                audit: audit(
                    "trust_anchor.remove",
                    id.to_string(),
                    serde_json::json!({ "subject": anchor.subject, "sha256": anchor.sha256 }),
                    serde_json::Value::Null,
                ),
                value: (),
            })
        })
    }
}

fn signing_settings_of(c: &rusqlite::Connection) -> Result<SigningSettings> {
    let (location, reason) = store::department::signing(c)?;
    Ok(SigningSettings {
        location,
        reason,
        pkcs11_module: store::preferences::get(c, PKCS11_MODULE_KEY)?
            .unwrap_or_else(|| DEFAULT_PKCS11_MODULE.to_string()),
    })
}
