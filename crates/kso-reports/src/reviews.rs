//! An interview's summary (§ 3.7.5; ATS § 30, § 24(7)) as the head and the employee sign it:
//! last year's goals with their ratings, professional development, training needs, next year's
//! goals, the employee's feedback, the head's summary and the employee's comments. The head
//! signs first (once the employee has commented), then the employee: two signatures.

use chrono::{DateTime, Utc};
use kso_core::documents::DocumentRecord;
use kso_core::error::Rule;
use kso_core::jobs::FileInput;
use kso_core::reviews::model::Review;
use kso_core::reviews::{Goal, ReviewKind};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::layout::{Align, Block, Column, Orientation, Row, Table};
use kso_pdf::VerifyReport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::dmy;
use crate::{Draft, Result, SignRequest};

fn or_none(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

fn goals_table(goals: &[Goal], scale: &[String], rated: bool, lang: Lang) -> Table {
    let mut cols = vec![
        Column::new(lang.pick("Nr", "No."), 0.5, Align::Right),
        Column::new(lang.pick("Eesmärk", "Goal"), 5.0, Align::Left),
    ];
    if rated {
        cols.push(Column::new(
            lang.pick("Hinnang", "Rating"),
            2.4,
            Align::Left,
        ));
        cols.push(Column::new(
            lang.pick("Kommentaar", "Comment"),
            3.0,
            Align::Left,
        ));
    } else {
        cols.push(Column::new(
            lang.pick("Seos", "Linked to"),
            2.0,
            Align::Left,
        ));
    }
    let mut t = Table::new(cols);
    for (i, g) in goals.iter().enumerate() {
        let link = match (&g.kpi_code, g.duty_id) {
            (Some(k), _) => format!("{} {k}", lang.pick("mõõdik", "indicator")),
            (None, Some(_)) => lang.pick("ametijuhendi ülesanne", "job duty").into(),
            (None, None) => String::new(),
        };
        let mut cells = vec![format!("{}.", i + 1), g.text.clone()];
        if rated {
            cells.push(g.rating.map_or_else(
                || "—".to_string(),
                |r| {
                    let label = scale
                        .get((r - 1).max(0) as usize)
                        .cloned()
                        .unwrap_or_default();
                    format!("{r} – {label}")
                },
            ));
            cells.push(if link.is_empty() {
                g.comment.clone()
            } else if g.comment.is_empty() {
                link
            } else {
                format!("{} ({link})", g.comment)
            });
        } else {
            cells.push(link);
        }
        t.rows.push(Row::new(cells));
    }
    if goals.is_empty() {
        let mut cells = vec![String::new(), "—".into(), String::new()];
        if rated {
            cells.push(String::new());
        }
        t.rows.push(Row::new(cells));
    }
    t
}

/// The summary's title: "Arenguvestluse kokkuvõte: Anna Tamm 2026".
fn title(r: &Review, lang: Lang) -> String {
    match (r.kind, lang) {
        (ReviewKind::Annual, Lang::Et) => {
            format!("Arenguvestluse kokkuvõte: {} {}", r.employee, r.year)
        }
        (ReviewKind::Annual, Lang::En) => {
            format!("Development interview summary: {} {}", r.employee, r.year)
        }
        (ReviewKind::Probation, Lang::Et) => format!("Katseaja vestluse kokkuvõte: {}", r.employee),
        (ReviewKind::Probation, Lang::En) => format!("Probation interview summary: {}", r.employee),
    }
}

/// The register's period of an interview's summary: "2026-nr12".
fn period(r: &Review) -> String {
    format!("{}-nr{}", r.year, r.id)
}

pub(crate) fn summary(desk: &Desk, actor: &Actor, id: i64, lang: Lang) -> Result<Draft> {
    let r = desk.review(actor, id)?;
    let scale = desk.review_settings(actor)?.scale;
    let b = &r.body;
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_string(), dmy);
    let mut head = vec![
        (
            lang.pick("Töötaja", "Employee").to_string(),
            r.employee.clone(),
        ),
        (
            lang.pick("Ametikoht", "Position").to_string(),
            r.position.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            lang.pick("Vestlus peeti", "Held on").to_string(),
            date(r.held_on),
        ),
        (
            lang.pick("Kokkuvõte antud", "Summary given").to_string(),
            date(r.summary_given_on),
        ),
        (
            lang.pick("Töötaja kommenteeris", "Commented on")
                .to_string(),
            date(r.commented_on),
        ),
    ];
    if let Some(end) = r.probation_end {
        head.push((
            lang.pick("Katseaja lõpp", "Probation ends").to_string(),
            dmy(end),
        ));
    }
    let scale_text = scale
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} – {l}", i + 1))
        .collect::<Vec<_>>()
        .join("; ");
    let needs = if b.needs.is_empty() {
        "—".to_string()
    } else {
        b.needs
            .iter()
            .map(|n| format!("• {}", n.text))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let blocks = vec![
        Block::Fields(head),
        Block::Heading(lang.pick("1. Tööalaste eesmärkide täitmine", "1. Work results against last year's goals").into()),
        Block::Table(goals_table(&b.goals, &scale, true, lang)),
        Block::Note(format!("{}: {scale_text}", lang.pick("Hindamisskaala", "Rating scale"))),
        Block::Heading(lang.pick("2. Ametialane areng", "2. Professional development").into()),
        Block::Text(or_none(&b.development)),
        Block::Heading(lang.pick("3. Koolitusvajadus", "3. Training needs").into()),
        Block::Text(needs),
        Block::Heading(lang.pick("4. Eesmärgid järgmiseks perioodiks", "4. Goals for the next period").into()),
        Block::Table(goals_table(&b.next_goals, &scale, false, lang)),
        Block::Heading(lang.pick("5. Töötaja tagasiside juhile", "5. The employee's feedback to the manager").into()),
        Block::Text(or_none(&b.feedback)),
        Block::Heading(lang.pick("6. Juhi kokkuvõte", "6. The manager's summary").into()),
        Block::Text(or_none(&b.summary)),
        Block::Heading(lang.pick("7. Töötaja arvamus kokkuvõtte kohta", "7. The employee's opinion of the summary").into()),
        Block::Text(or_none(&b.employee_comments)),
        Block::Note(
            lang.pick(
                "Avaliku teenistuse seadus § 30: arenguvestlus vähemalt kord aastas; § 24 lg 7: katseaja vestluse kokkuvõte antakse ametnikule arvamuse avaldamiseks. Põhimäärus § 3.7.5. Konfidentsiaalne.",
                "Civil Service Act § 30: a development interview at least once a year; § 24(7): the probation interview's summary is given to the official for their opinion. Statute § 3.7.5. Confidential.",
            )
            .into(),
        ),
    ];
    Ok(Draft {
        title: title(&r, lang),
        subtitle: format!("{} · {}", r.kind.label(lang), r.status.label(lang)),
        period: period(&r),
        orientation: Orientation::Portrait,
        blocks,
    })
}

/// The role of each signature on a summary.
fn role(employee: bool, head_role: &str, lang: Lang) -> String {
    if employee {
        lang.pick(
            "Töötaja, kokkuvõttega tutvunud",
            "Employee, read the summary",
        )
        .to_string()
    } else {
        head_role.to_string()
    }
}

/// Which signature: the head's (or the acting head's), then the employee's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Signer {
    Head,
    Employee,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReviewSignInput {
    pub review_id: i64,
    pub signer: Signer,
    pub sign: crate::SigningInput,
}

/// What a signing made: the interview (signed after the employee's signature) and the file.
#[derive(Debug, Clone)]
pub struct ReviewSigned {
    pub review: Review,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub record: Option<DocumentRecord>,
    pub verification: VerifyReport,
}

/// Signs the summary once the employee has commented: the head exports and signs it (the file is
/// kept with the interview), then the employee adds their signature to the kept file — their
/// certificate must name them — and the interview is signed.
pub fn sign(
    desk: &mut Desk,
    actor: &Actor,
    review_id: i64,
    signer: Signer,
    req: &SignRequest,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<ReviewSigned> {
    let r = desk.review(actor, review_id)?;
    if r.status != kso_core::reviews::ReviewStatus::Commented {
        return Err(kso_core::Error::field("id", Rule::StatusOrder).into());
    }
    let head_role = desk.signing_role(actor, lang)?;
    let mut key = crate::open_key(desk, actor, &req.key)?;
    let (base, record) = match signer {
        Signer::Head => {
            let e = crate::export(
                desk,
                actor,
                &crate::Summary::Review { id: review_id },
                lang,
                now,
                None,
            )?;
            (e.bytes, Some(e.record))
        }
        Signer::Employee => {
            if !crate::jobs::names_employee(&crate::signer_name(key.as_ref()), &r.employee) {
                return Err(kso_core::Error::field("signer", Rule::SignerNotHolder).into());
            }
            let Some(f) = &r.file else {
                // The head signs first.
                return Err(kso_core::Error::field("signer", Rule::NotSigned).into());
            };
            (desk.review_file(actor, f.id)?.1, None)
        }
    };
    let (signed, signed_record) = crate::sign_bytes(
        desk,
        actor,
        &base,
        key.as_mut(),
        req,
        &role(signer == Signer::Employee, &head_role, lang),
        now,
    )?;
    let record = signed_record.or(record);
    let file_name = match signer {
        Signer::Head => format!("vestlus-{}-{}-juht.pdf", r.year, r.id),
        Signer::Employee => format!("vestlus-{}-{}-allkirjastatud.pdf", r.year, r.id),
    };
    let review = desk.review_keep_signed(
        actor,
        review_id,
        &FileInput {
            file_name: file_name.clone(),
            content: signed.clone(),
        },
        signer == Signer::Employee,
    )?;
    let anchors = desk.trust_anchor_certificates(actor)?;
    let verification = kso_pdf::verify_pdf(&signed, &anchors, crate::pdf_lang(lang))?;
    Ok(ReviewSigned {
        review,
        file_name,
        bytes: signed,
        record,
        verification,
    })
}

/// The app's signing: the signed copy written into `dir` (the downloads) too.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReviewSaved {
    pub review: Review,
    pub saved: crate::SavedFile,
}

pub fn sign_to(
    desk: &mut Desk,
    actor: &Actor,
    input: ReviewSignInput,
    lang: Lang,
    now: DateTime<Utc>,
    dir: &std::path::Path,
) -> Result<ReviewSaved> {
    let req = SignRequest::from(input.sign);
    let s = sign(desk, actor, input.review_id, input.signer, &req, lang, now)?;
    let path = crate::save_in(dir, &s.file_name, &s.bytes)?;
    Ok(ReviewSaved {
        review: s.review,
        saved: crate::SavedFile {
            path: path.display().to_string(),
            record: s.record,
            verification: Some(s.verification),
        },
    })
}
