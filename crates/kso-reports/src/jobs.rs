//! A job description (§ 3.4–3.5) as the employee signs it: the position, its place in the
//! structure and the substitution arrangement, the duties with their expected results,
//! responsibility, rights and requirements, the approval, and a line for each holder.

use kso_core::jobs::{JobState, PositionRef};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::layout::{Align, Block, Column, Orientation, Row, Table};

use crate::text::dmy;
use crate::{Draft, Result};

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
        period: format!("{}-v{}", v.position.code, v.version),
        orientation: Orientation::Portrait,
        blocks,
    })
}
