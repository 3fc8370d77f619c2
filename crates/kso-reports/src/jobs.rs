//! A job description (§ 3.4–3.5) as the employee signs it: the position, its place in the
//! structure and the substitution arrangement, the duties with their expected results,
//! responsibility, rights and requirements, the approval, and a line for each holder.

use chrono::{DateTime, Utc};
use kso_core::documents::{DocumentKind, DocumentRecord};
use kso_core::error::Rule;
use kso_core::jobs::{
    AcknowledgeInput, ApprovalInput, FileInput, JobState, JobVersion, PositionRef,
};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::layout::{Align, Block, Column, Orientation, Row, Table};
use kso_pdf::VerifyReport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::dmy;
use crate::{Draft, Result, SignRequest};

/// The register's period of a version's document: "KSO-04-v2".
fn period(v: &JobVersion) -> String {
    format!("{}-v{}", v.position.code, v.version)
}

pub(crate) fn description(
    desk: &Desk,
    actor: &Actor,
    position_id: i64,
    version: Option<i64>,
    lang: Lang,
) -> Result<Draft> {
    let v = desk.job_version(actor, position_id, version)?;
    let none = || "—".to_string();
    let names = |ps: &[PositionRef]| {
        if ps.is_empty() {
            none()
        } else {
            ps.iter()
                .map(|p| {
                    if p.id == position_id {
                        let colleague = lang.pick(
                            "kolleeg samal ametikohal",
                            "a colleague in the same position",
                        );
                        format!("{} {} ({colleague})", p.code, p.title)
                    } else {
                        format!("{} {}", p.code, p.title)
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            none()
        } else {
            s.to_string()
        }
    };
    let mut head = vec![
        (
            lang.pick("Ametikoht", "Position").to_string(),
            format!("{} {}", v.position.code, v.position.title),
        ),
        (
            lang.pick("Versioon", "Version").to_string(),
            format!("{} ({})", v.version, v.state.label(lang)),
        ),
    ];
    match &v.approval {
        Some(a) => {
            let reference = match (&a.file, a.reference.is_empty()) {
                (Some(f), true) => f.file_name.clone(),
                _ => a.reference.clone(),
            };
            head.push((
                lang.pick("Kinnitanud", "Approved by").to_string(),
                format!("{}, {} ({reference})", a.approved_by, dmy(a.approved_on)),
            ));
            head.push((
                lang.pick("Kehtib alates", "In force from").to_string(),
                dmy(a.in_force_from),
            ));
        }
        None => head.push((
            lang.pick("Kinnitamine", "Approval").to_string(),
            lang.pick(
                "kinnitamata (tugiteenuste asedirektor, § 3.4)",
                "not yet approved (deputy director for support, § 3.4)",
            )
            .to_string(),
        )),
    }
    head.push((
        lang.pick("Allub", "Reports to").to_string(),
        v.reports_to
            .as_ref()
            .map_or_else(none, |p| format!("{} {}", p.code, p.title)),
    ));
    head.push((
        lang.pick("Alluvad", "Subordinates").to_string(),
        names(&v.subordinates),
    ));
    head.push((
        lang.pick("Asendab", "Substitutes").to_string(),
        names(&v.substitutes),
    ));
    head.push((
        lang.pick("Teda asendab", "Substituted by").to_string(),
        names(&v.substituted_by),
    ));

    let mut duties = Table::new(vec![
        Column::new(lang.pick("Nr", "No."), 0.5, Align::Right),
        Column::new(lang.pick("Tööülesanne", "Duty"), 5.0, Align::Left),
        Column::new(
            lang.pick("Oodatav tulemus", "Expected result"),
            4.0,
            Align::Left,
        ),
    ]);
    for (i, d) in v.body.duties.iter().enumerate() {
        let main = if d.main {
            lang.pick(" (põhiülesanne)", " (main duty)")
        } else {
            ""
        };
        duties.rows.push(Row::new([
            format!("{}.", i + 1),
            format!("{}{main}", d.text),
            or_none(&d.result),
        ]));
    }
    let r = &v.body.requirements;
    let mut blocks = vec![
        Block::Fields(head),
        Block::Heading(
            lang.pick("1. Ametikoha eesmärk", "1. Purpose of the position")
                .into(),
        ),
        Block::Text(or_none(&v.body.purpose)),
        Block::Heading(
            lang.pick(
                "2. Tööülesanded ja oodatavad tulemused",
                "2. Duties and expected results",
            )
            .into(),
        ),
        Block::Table(duties),
        Block::Heading(lang.pick("3. Vastutus", "3. Responsibility").into()),
        Block::Text(or_none(&v.body.responsibility)),
        Block::Heading(lang.pick("4. Õigused", "4. Rights").into()),
        Block::Text(or_none(&v.body.rights)),
        Block::Heading(lang.pick("5. Nõuded ametikohale", "5. Requirements").into()),
        Block::Fields(vec![
            (
                lang.pick("Haridus", "Education").into(),
                or_none(&r.education),
            ),
            (
                lang.pick("Teadmised", "Knowledge").into(),
                or_none(&r.knowledge),
            ),
            (lang.pick("Oskused", "Skills").into(), or_none(&r.skills)),
            (
                lang.pick("Töökogemus", "Experience").into(),
                or_none(&r.experience),
            ),
            (
                lang.pick("Isikuomadused", "Personal qualities").into(),
                or_none(&r.personal),
            ),
        ]),
    ];
    if !v.consent.is_empty() {
        let what: Vec<&str> = v.consent.iter().map(|c| c.label(lang)).collect();
        blocks.push(Block::Note(match lang {
            Lang::Et => format!(
                "Võrreldes versiooniga {} muutuvad: {}. Selleks on vaja ametniku nõusolekut (avaliku teenistuse seadus § 59 lg 1¹).",
                v.compared_with.unwrap_or(0),
                what.join(", ")
            ),
            Lang::En => format!(
                "Compared with version {}, this changes {}: the official's consent is needed (Civil Service Act § 59(1¹)).",
                v.compared_with.unwrap_or(0),
                what.join(", ")
            ),
        }));
    }
    blocks.push(Block::Heading(
        lang.pick("Ametijuhendiga tutvunud", "Acknowledged by")
            .into(),
    ));
    let mut acks = Table::new(vec![
        Column::new(lang.pick("Töötaja", "Employee"), 4.0, Align::Left),
        Column::new(lang.pick("Kuupäev", "Date"), 2.0, Align::Left),
        Column::new(lang.pick("Allkiri", "Signature"), 3.0, Align::Left),
    ]);
    for (id, name) in &v.holders {
        let ack = v.acknowledgements.iter().find(|a| a.employee_id == *id);
        acks.rows.push(Row::new([
            name.clone(),
            ack.map_or_else(String::new, |a| dmy(a.acknowledged_on)),
            match ack {
                Some(a) if a.file.is_some() => lang.pick("digitaalselt", "digitally").into(),
                Some(_) => lang.pick("tutvunud", "acknowledged").into(),
                None => lang
                    .pick("allkirjastab digitaalselt", "signs digitally")
                    .into(),
            },
        ]));
    }
    if v.holders.is_empty() {
        acks.rows.push(Row::new([
            lang.pick("ametikoht on täitmata", "the position is vacant")
                .to_string(),
            String::new(),
            String::new(),
        ]));
    }
    blocks.push(Block::Table(acks));
    blocks.push(Block::Note(
        lang.pick(
            "§ 3.4: ülesanded määratakse ametijuhendiga, mille kinnitab tugiteenuste asedirektor; § 3.5: töötaja vastutab nende täitmise eest.",
            "§ 3.4: duties are set in a job description approved by the deputy director for support; § 3.5: the employee answers for them.",
        )
        .into(),
    ));
    let state = if v.state == JobState::InForce {
        String::new()
    } else {
        format!(" — {}", v.state.label(lang))
    };
    Ok(Draft {
        title: match lang {
            Lang::Et => format!("Ametijuhend: {}", v.position.title),
            Lang::En => format!("Job description: {}", v.position.title),
        },
        subtitle: match lang {
            Lang::Et => format!("{}, versioon {}{state}", v.position.code, v.version),
            Lang::En => format!("{}, version {}{state}", v.position.code, v.version),
        },
        period: period(&v),
        orientation: Orientation::Portrait,
        blocks,
    })
}

// ---- signed files: the approval, the holder's acknowledgement ----------------------------------

/// The role a holder's signature carries.
fn holder_role(lang: Lang) -> &'static str {
    lang.pick(
        "Töötaja, ametijuhendiga tutvunud",
        "Employee, acknowledged the job description",
    )
}

/// The words of a name, upper case: "Mari-Liis Tamm" → MARI, LIIS, TAMM.
fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect()
}

/// Whether a certificate's common name ("TAMM,MARI-LIIS,48001010000" on an ID card, or
/// "Mari-Liis Tamm") names the employee: every word of the name is in it.
pub(crate) fn names_employee(common_name: &str, employee: &str) -> bool {
    let cn = name_words(common_name);
    let name = name_words(employee);
    !name.is_empty() && name.iter().all(|w| cn.contains(w))
}

/// The file's earlier revisions: each prefix that ends an incremental update (`%%EOF` and its
/// end of line), the whole file excluded.
fn earlier_revisions(pdf: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = pdf[from..].windows(5).position(|w| w == b"%%EOF") {
        let mut end = from + i + 5;
        while end < pdf.len() && (pdf[end] == b'\r' || pdf[end] == b'\n') {
            end += 1;
        }
        if end < pdf.len() {
            out.push(&pdf[..end]);
        }
        from = end;
    }
    out
}

fn file_error(rule: Rule) -> crate::Error {
    kso_core::Error::field("file", rule).into()
}

/// A verification of an uploaded signed PDF: every signature intact, at least one.
fn verify_signed(desk: &Desk, actor: &Actor, pdf: &[u8], lang: Lang) -> Result<VerifyReport> {
    let anchors = desk.trust_anchor_certificates(actor)?;
    let report = kso_pdf::verify_pdf(pdf, &anchors, crate::pdf_lang(lang))
        .map_err(|_| file_error(Rule::NotPdf))?;
    if !report.all_intact {
        return Err(file_error(Rule::Unsigned));
    }
    Ok(report)
}

/// Records the deputy director's approval (§ 3.4); an attached approving PDF must carry an intact
/// digital signature.
pub fn approve(
    desk: &mut Desk,
    actor: &Actor,
    input: &ApprovalInput,
    lang: Lang,
) -> Result<JobVersion> {
    if let Some(f) = &input.file {
        verify_signed(desk, actor, &f.content, lang)?;
    }
    Ok(desk.job_approve(actor, input)?)
}

/// Records a holder's acknowledgement. An attached PDF must be this version's job description
/// (exported from the app, or the approved PDF) with the holder's intact signature added to it.
pub fn acknowledge(
    desk: &mut Desk,
    actor: &Actor,
    input: &AcknowledgeInput,
    lang: Lang,
) -> Result<JobVersion> {
    if let Some(f) = &input.file {
        let v = desk.job_by_id(actor, input.version_id)?;
        let holder = v
            .holders
            .iter()
            .find(|h| h.0 == input.employee_id)
            .ok_or_else(|| kso_core::Error::field("employee_id", Rule::NotHolder))?;
        let report = verify_signed(desk, actor, &f.content, lang)?;
        if !report
            .signatures
            .iter()
            .any(|s| names_employee(&s.signer, &holder.1))
        {
            return Err(file_error(Rule::SignerNotHolder));
        }
        if !is_this_version(desk, actor, &v, &f.content)? {
            return Err(file_error(Rule::OtherDocument));
        }
    }
    Ok(desk.job_acknowledge(actor, input)?)
}

/// Whether an earlier revision of the file is the version's job description: a registered export
/// of it (signed or not), or the approving PDF kept with it.
fn is_this_version(desk: &Desk, actor: &Actor, v: &JobVersion, pdf: &[u8]) -> Result<bool> {
    let period = period(v);
    let approved = v
        .approval
        .as_ref()
        .and_then(|a| a.file.as_ref())
        .map(|f| f.sha256.clone());
    for rev in earlier_revisions(pdf) {
        let sha = kso_pdf::verify::sha256_hex(rev);
        if approved.as_deref() == Some(sha.as_str()) {
            return Ok(true);
        }
        if let Some(d) = desk.document_by_sha256(actor, &sha)? {
            if d.kind == DocumentKind::Job && d.period == period {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The holder's signature as the app asks for it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct HolderSignInput {
    pub version_id: i64,
    pub employee_id: i64,
    pub sign: crate::SigningInput,
}

/// What the holder's signing made: the version with the acknowledgement, and the signed file.
#[derive(Debug, Clone)]
pub struct HolderSigned {
    pub version: JobVersion,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub record: Option<DocumentRecord>,
    pub verification: VerifyReport,
}

/// The holder signs the version's job description at the head's computer (with their ID card or
/// key file): the approving PDF when one is kept, else the version exported through the register.
/// The signature carries the role "Töötaja, ametijuhendiga tutvunud"; the certificate must name
/// the holder. The signed file is kept as the acknowledgement of today.
pub fn sign_as_holder(
    desk: &mut Desk,
    actor: &Actor,
    version_id: i64,
    employee_id: i64,
    req: &SignRequest,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<HolderSigned> {
    let today = kso_core::calendar::utc_to_tallinn(now.naive_utc()).date();
    desk.job_acknowledge_check(actor, version_id, employee_id, today)?;
    let v = desk.job_by_id(actor, version_id)?;
    let holder = v
        .holders
        .iter()
        .find(|h| h.0 == employee_id)
        .map(|h| h.1.clone())
        .ok_or_else(|| kso_core::Error::field("employee_id", Rule::NotHolder))?;
    let mut key = crate::open_key(desk, actor, &req.key)?;
    if !names_employee(&crate::signer_name(key.as_ref()), &holder) {
        return Err(kso_core::Error::field("employee_id", Rule::SignerNotHolder).into());
    }
    let (base, record) = match v.approval.as_ref().and_then(|a| a.file.as_ref()) {
        Some(f) => (desk.job_file(actor, f.id)?.1, None),
        None => {
            let summary = crate::Summary::Job {
                position_id: v.position.id,
                version: Some(v.version),
            };
            let e = crate::export(desk, actor, &summary, lang, now, None)?;
            (e.bytes, Some(e.record))
        }
    };
    let (signed, signed_record) = crate::sign_bytes(
        desk,
        actor,
        &base,
        key.as_mut(),
        req,
        holder_role(lang),
        now,
    )?;
    let record = signed_record.or(record);
    let surname = holder.rsplit(' ').next().unwrap_or(&holder).to_lowercase();
    let file_name = match &record {
        Some(r) => crate::file_name(r, true)
            .replace("-allkirjastatud", &format!("-{}-allkirjastatud", surname)),
        None => format!(
            "ametijuhend-{}-v{}-{}-allkirjastatud.pdf",
            v.position.code, v.version, surname
        ),
    };
    let version = desk.job_acknowledge(
        actor,
        &AcknowledgeInput {
            version_id,
            employee_id,
            acknowledged_on: today.format("%Y-%m-%d").to_string(),
            file: Some(FileInput {
                file_name: file_name.clone(),
                content: signed.clone(),
            }),
        },
    )?;
    let anchors = desk.trust_anchor_certificates(actor)?;
    let verification = kso_pdf::verify_pdf(&signed, &anchors, crate::pdf_lang(lang))?;
    Ok(HolderSigned {
        version,
        file_name,
        bytes: signed,
        record,
        verification,
    })
}

/// The app's signing by the holder: the signed copy written into `dir` (the downloads) too.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HolderSaved {
    pub version: JobVersion,
    pub saved: crate::SavedFile,
}

pub fn sign_as_holder_to(
    desk: &mut Desk,
    actor: &Actor,
    input: HolderSignInput,
    lang: Lang,
    now: DateTime<Utc>,
    dir: &std::path::Path,
) -> Result<HolderSaved> {
    let req = SignRequest::from(input.sign);
    let s = sign_as_holder(
        desk,
        actor,
        input.version_id,
        input.employee_id,
        &req,
        lang,
        now,
    )?;
    let path = crate::save_in(dir, &s.file_name, &s.bytes)?;
    Ok(HolderSaved {
        version: s.version,
        saved: crate::SavedFile {
            path: path.display().to_string(),
            record: s.record,
            verification: Some(s.verification),
        },
    })
}

/// A PDF kept with a version (the approval, a holder's signed copy) written into `dir`, with
/// what a verification of its signatures finds.
pub fn file_to(
    desk: &Desk,
    actor: &Actor,
    file_id: i64,
    lang: Lang,
    dir: &std::path::Path,
) -> Result<crate::SavedFile> {
    let (name, bytes) = desk.job_file(actor, file_id)?;
    let path = crate::save_in(dir, &name, &bytes)?;
    let anchors = desk.trust_anchor_certificates(actor)?;
    Ok(crate::SavedFile {
        path: path.display().to_string(),
        record: desk.document_by_sha256(actor, &kso_pdf::verify::sha256_hex(&bytes))?,
        verification: kso_pdf::verify_pdf(&bytes, &anchors, crate::pdf_lang(lang)).ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_card_name_names_the_employee_in_any_order_and_case() {
        assert!(names_employee(
            "TAMM,MARI-LIIS,48001010000",
            "Mari-Liis Tamm"
        ));
        assert!(names_employee("KÕIV,ÜLLE,48501010000", "Ülle Kõiv"));
        assert!(names_employee("Ülle Kõiv", "ülle kõiv"));
        assert!(!names_employee("TAMM,MARI,48001010000", "Mari-Liis Tamm"));
        assert!(!names_employee("KASK,KATI,49001010000", "Mari Maasikas"));
        assert!(!names_employee("", ""));
    }

    #[test]
    fn earlier_revisions_end_at_each_update_but_the_last() {
        let pdf = b"%PDF-1.7\nA\n%%EOF\nB\n%%EOF\r\nC\n%%EOF\n";
        let revs = earlier_revisions(pdf);
        assert_eq!(revs.len(), 2);
        assert_eq!(revs[0], b"%PDF-1.7\nA\n%%EOF\n");
        assert_eq!(revs[1], b"%PDF-1.7\nA\n%%EOF\nB\n%%EOF\r\n");
    }
}
