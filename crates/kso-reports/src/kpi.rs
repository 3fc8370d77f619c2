//! The annual KPI report (§ 2.3, § 3.7.4): each indicator's target, the year's actual with its
//! counts and whether it is on track, the months, and how every figure was counted.

use chrono::{DateTime, Utc};
use kso_core::kpi::{format_hundredths, FigureSource};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::layout::{Align, Block, Column, Orientation, Row, Table};

use crate::text::{count, dmy};
use crate::{Draft, Result};

pub(crate) fn annual(
    desk: &Desk,
    actor: &Actor,
    year: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Draft> {
    let today = kso_core::calendar::utc_to_tallinn(now.naive_utc()).date();
    let dash = desk.kpi_dashboard(actor, year)?;
    let name = |k: &kso_core::kpi::Kpi| lang.pick(&k.name_et, &k.name_en).to_string();

    let mut summary = Table::new(vec![
        Column::new("§", 0.7, Align::Left),
        Column::new(lang.pick("Mõõdik", "Indicator"), 5.0, Align::Left),
        Column::new(lang.pick("Sihtväärtus", "Target"), 1.3, Align::Right),
        Column::new(lang.pick("Tegelik", "Actual"), 1.3, Align::Right),
        Column::new(
            lang.pick("Lugeja / nimetaja", "Numerator / denominator"),
            2.2,
            Align::Right,
        ),
        Column::new(lang.pick("Seis", "Status"), 1.6, Align::Left),
    ]);
    for y in &dash.indicators {
        summary.rows.push(Row::new([
            y.kpi.code.clone(),
            name(&y.kpi),
            format_hundredths(y.target, &y.kpi.unit, lang),
            format_hundredths(y.actual, &y.kpi.unit, lang),
            format!("{} / {}", count(y.numerator), count(y.denominator)),
            y.status.label(lang).to_string(),
        ]));
    }

    let months = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    let mut cols = vec![Column::new("§", 0.9, Align::Left)];
    cols.extend(months.iter().map(|m| Column::new(*m, 1.0, Align::Right)));
    let mut monthly = Table::new(cols);
    monthly.font_size = 7.5;
    let mut manual = Vec::new();
    for y in &dash.indicators {
        let mut cells = vec![y.kpi.code.clone()];
        for m in &y.months {
            let mark = if m.source == FigureSource::Manual {
                manual.push(format!("{} {}: {}", y.kpi.code, m.month, m.source_note));
                "*"
            } else {
                ""
            };
            cells.push(format!("{}{mark}", format_hundredths(m.value, "", lang)));
        }
        monthly.rows.push(Row::new(cells));
    }

    let mut blocks = vec![
        Block::Table(summary),
        Block::Heading(lang.pick("Kuude kaupa (%)", "By month (%)").into()),
        Block::Table(monthly),
    ];
    if !manual.is_empty() {
        blocks.push(Block::Note(
            lang.pick(
                "* käsitsi sisestatud näitaja, mis asendab arvutatut:",
                "* entered by hand, replacing the computed figure:",
            )
            .into(),
        ));
        for m in manual {
            blocks.push(Block::Note(m));
        }
    }
    blocks.push(Block::Heading(
        lang.pick(
            "Kuidas näitajad on arvutatud",
            "How the figures are counted",
        )
        .into(),
    ));
    for y in &dash.indicators {
        let (num, den) = (
            lang.pick(&y.kpi.numerator_et, &y.kpi.numerator_en),
            lang.pick(&y.kpi.denominator_et, &y.kpi.denominator_en),
        );
        blocks.push(Block::Fields(vec![(
            format!("{} {}", y.kpi.code, name(&y.kpi)),
            match lang {
                Lang::Et => format!("Lugeja: {num}. Nimetaja: {den}. {}", y.definition),
                Lang::En => format!("Numerator: {num}. Denominator: {den}. {}", y.definition),
            },
        )]));
    }
    let targets = desk.kpi_targets(actor, year)?;
    let revisions: Vec<String> = targets
        .iter()
        .flat_map(|t| {
            t.history
                .iter()
                .filter(|h| h.old_value.is_some())
                .map(move |h| {
                    format!(
                        "{} {}: {} → {} ({}, {}) — {}",
                        t.kpi_code,
                        h.changed_on,
                        format_hundredths(h.old_value, "%", lang),
                        format_hundredths(Some(h.new_value), "%", lang),
                        h.changed_by,
                        lang.pick("muudetud", "revised"),
                        h.reason
                    )
                })
        })
        .collect();
    if !revisions.is_empty() {
        blocks.push(Block::Heading(
            lang.pick("Sihtväärtuste muudatused", "Target revisions")
                .into(),
        ));
        for r in revisions {
            blocks.push(Block::Text(format!("• {r}")));
        }
    }
    blocks.push(Block::Note(match lang {
        Lang::Et => format!(
            "§ 2.3: osakonna tulemusnäitajad; § 3.7.4: juhataja seab ja uuendab iga aasta nende sihtväärtused. Imporditud {} pöördumist ja {} kõnet. Seis {} järgi.",
            count(dash.tickets), count(dash.calls), dmy(today)
        ),
        Lang::En => format!(
            "§ 2.3: the department's performance indicators; § 3.7.4: the head sets and updates their targets every year. {} tickets and {} calls imported. Status as of {}.",
            dash.tickets, dash.calls, dmy(today)
        ),
    }));
    Ok(Draft {
        title: match lang {
            Lang::Et => format!("Mõõdikute aastaaruanne {year}"),
            Lang::En => format!("Annual KPI report {year}"),
        },
        subtitle: lang
            .pick(
                "Tulemusnäitajate sihtväärtused ja tegelikud väärtused (§ 2.3, § 3.7.4)",
                "Targets and actuals of the performance indicators (§ 2.3, § 3.7.4)",
            )
            .into(),
        period: year.to_string(),
        orientation: Orientation::Landscape,
        blocks,
    })
}
