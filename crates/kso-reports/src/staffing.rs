//! The staffing table (§ 3.1): positions with their classification, posts, line of report, the
//! director's approval and who fills them.

use chrono::{DateTime, Utc};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::layout::{Align, Block, Column, Orientation, Row, Table};

use crate::text::dmy;
use crate::{Draft, Result};

fn posts(fte_milli: i64) -> String {
    if fte_milli % 1000 == 0 {
        (fte_milli / 1000).to_string()
    } else {
        format!("{},{}", fte_milli / 1000, (fte_milli % 1000) / 100)
    }
}

pub(crate) fn draft(desk: &Desk, actor: &Actor, lang: Lang, now: DateTime<Utc>) -> Result<Draft> {
    let positions = desk.positions(actor)?;
    let today = kso_core::calendar::utc_to_tallinn(now.naive_utc()).date();
    let mut t = Table::new(vec![
        Column::new(lang.pick("Kood", "Code"), 1.1, Align::Left),
        Column::new(lang.pick("Ametikoht", "Position"), 3.0, Align::Left),
        Column::new(
            lang.pick("Klassifikatsioon", "Classification"),
            2.4,
            Align::Left,
        ),
        Column::new(lang.pick("Kohti", "Posts"), 0.8, Align::Right),
        Column::new(lang.pick("Allub", "Reports to"), 2.2, Align::Left),
        Column::new(
            lang.pick("Kinnitatud (§ 3.1)", "Approved (§ 3.1)"),
            2.2,
            Align::Left,
        ),
        Column::new(lang.pick("Täitjad", "Held by"), 3.0, Align::Left),
    ]);
    let (mut total_posts, mut filled) = (0i64, 0usize);
    for p in &positions {
        total_posts += p.fte_milli;
        filled += p.holders.len();
        let vacant = p.vacant();
        let mut held = p.holders.join(", ");
        if vacant > 0 {
            if !held.is_empty() {
                held.push_str("; ");
            }
            held.push_str(&match lang {
                Lang::Et => format!("vaba {vacant}"),
                Lang::En => format!("{vacant} vacant"),
            });
        }
        let approved = match p.approved_on {
            Some(d) => match lang {
                Lang::Et => format!("{} nr {}", dmy(d), p.directive_no),
                Lang::En => format!("{} no. {}", dmy(d), p.directive_no),
            },
            None => lang.pick("kinnitamata", "not approved").into(),
        };
        t.rows.push(Row::new([
            p.code.clone(),
            p.title.clone(),
            p.classification.clone(),
            posts(p.fte_milli),
            p.reports_to_title.clone().unwrap_or_default(),
            approved,
            held,
        ]));
    }
    t.rows.push(Row::total([
        String::new(),
        lang.pick("Kokku", "Total").to_string(),
        String::new(),
        posts(total_posts),
        String::new(),
        String::new(),
        match lang {
            Lang::Et => format!("täidetud {filled}"),
            Lang::En => format!("{filled} filled"),
        },
    ]));
    Ok(Draft {
        title: lang.pick("Koosseisu tabel", "Staffing table").into(),
        subtitle: match lang {
            Lang::Et => format!("Seisuga {}", dmy(today)),
            Lang::En => format!("As of {}", dmy(today)),
        },
        period: today.format("%Y-%m-%d").to_string(),
        orientation: Orientation::Landscape,
        blocks: vec![
            Block::Table(t),
            Block::Note(
                lang.pick(
                    "§ 3.1: osakonna ametikohad kinnitab direktor käskkirjaga.",
                    "§ 3.1: the department's positions are approved by the director's directive.",
                )
                .into(),
            ),
        ],
    })
}
