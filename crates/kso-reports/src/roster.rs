//! The monthly duty roster (§ 2.2.1): a landscape grid of employees × days with each one's
//! totals, the coverage rows, and the findings of the checks with their sections.

use chrono::Datelike;
use kso_core::roster::DayKind;
use kso_core::{Actor, Desk, Lang};
use kso_pdf::layout::{Align, Block, Cell, Column, Orientation, Row, Table};

use crate::text::{dmy, hours, month_name};
use crate::{Draft, Result};

const WEEKDAYS_ET: [&str; 7] = ["E", "T", "K", "N", "R", "L", "P"];
const WEEKDAYS_EN: [&str; 7] = ["M", "T", "W", "T", "F", "S", "S"];

pub(crate) fn draft(desk: &Desk, actor: &Actor, month: &str, lang: Lang) -> Result<Draft> {
    let view = desk.roster(actor, month, lang)?;
    let first = view.days.first().map(|d| d.date);
    let (year, m) = first.map(|d| (d.year(), d.month())).unwrap_or((0, 1));
    let title = match lang {
        Lang::Et => format!("Valvegraafik: {} {year}", month_name(m, lang)),
        Lang::En => format!("Duty roster: {} {year}", month_name(m, lang)),
    };
    let published = |at: &str| {
        chrono::DateTime::parse_from_rfc3339(at)
            .map(|t| dmy(t.date_naive()))
            .unwrap_or_else(|_| at.to_string())
    };
    let subtitle = match (&view.published_at, &view.published_by) {
        (Some(at), by) => match lang {
            Lang::Et => format!(
                "Avaldatud {}{} · kuu normtunnid {} h",
                published(at),
                by.as_deref().map(|b| format!(" ({b})")).unwrap_or_default(),
                hours(view.norm_minutes)
            ),
            Lang::En => format!(
                "Published {}{} · the month's norm {} h",
                published(at),
                by.as_deref().map(|b| format!(" ({b})")).unwrap_or_default(),
                hours(view.norm_minutes)
            ),
        },
        (None, _) => match lang {
            Lang::Et => format!(
                "Mustand, avaldamata · kuu normtunnid {} h",
                hours(view.norm_minutes)
            ),
            Lang::En => format!(
                "Draft, not published · the month's norm {} h",
                hours(view.norm_minutes)
            ),
        },
    };

    let weekdays = match lang {
        Lang::Et => WEEKDAYS_ET,
        Lang::En => WEEKDAYS_EN,
    };
    let mut columns = vec![Column::new(
        lang.pick("Töötaja", "Employee"),
        5.2,
        Align::Left,
    )];
    for d in &view.days {
        let mark = if d.kind == DayKind::Holiday { "*" } else { "" };
        columns.push(Column::new(
            format!(
                "{}\n{}{mark}",
                weekdays[(d.weekday.clamp(1, 7) - 1) as usize],
                d.date.day()
            ),
            1.0,
            Align::Center,
        ));
    }
    for t in [
        lang.pick("Tunde", "Hours"),
        lang.pick("Öö", "Night"),
        lang.pick("Püha", "Holiday"),
        lang.pick("N-v", "W-end"),
        lang.pick("Norm", "Norm"),
    ] {
        columns.push(Column::new(t, 1.7, Align::Right));
    }
    let mut grid = Table::new(columns);
    grid.font_size = 7.0;
    grid.grid = true;
    for r in &view.rows {
        let mut cells = vec![Cell::new(r.name.clone())];
        for (code, absence) in r.cells.iter().zip(&r.absences) {
            cells.push(match (code, absence) {
                (Some(c), a) => Cell {
                    text: c.clone(),
                    bold: false,
                    shade: a.is_some(),
                },
                (None, Some(_)) => Cell {
                    text: "x".into(),
                    bold: false,
                    shade: true,
                },
                (None, None) => Cell::new(""),
            });
        }
        let t = &r.totals;
        cells.push(Cell::new(hours(t.minutes)));
        cells.push(Cell::new(hours(t.night_minutes)));
        cells.push(Cell::new(hours(t.holiday_minutes)));
        cells.push(Cell::new(t.weekend_shifts.to_string()));
        cells.push(Cell::new(hours(t.norm_minutes)));
        grid.rows.push(Row {
            cells,
            total: false,
        });
    }
    // Coverage: how many are on each shift, marked where below the minimum; then the gap hours.
    let tail = 5;
    for (i, st) in view
        .shift_types
        .iter()
        .enumerate()
        .filter(|(_, s)| s.active)
    {
        let mut cells = vec![Cell {
            text: format!("{} {}", lang.pick("Kaetus", "Cover"), st.code),
            bold: true,
            shade: false,
        }];
        for day in &view.coverage {
            let count = day.shifts.iter().find(|c| c.shift_type_id == st.id);
            cells.push(match count {
                Some(c) if c.assigned < c.min => Cell {
                    text: format!("{}!", c.assigned),
                    bold: true,
                    shade: true,
                },
                Some(c) => Cell::new(c.assigned.to_string()),
                None => Cell::new(""),
            });
        }
        cells.extend((0..tail).map(|_| Cell::new("")));
        grid.rows.push(Row {
            cells,
            total: i == 0,
        });
    }
    let mut gaps = vec![Cell {
        text: lang.pick("Katmata tunde", "Hours uncovered").into(),
        bold: true,
        shade: false,
    }];
    for day in &view.coverage {
        gaps.push(if day.gap_hours > 0 {
            Cell {
                text: day.gap_hours.to_string(),
                bold: true,
                shade: true,
            }
        } else {
            Cell::new("")
        });
    }
    gaps.extend((0..tail).map(|_| Cell::new("")));
    grid.rows.push(Row {
        cells: gaps,
        total: false,
    });

    let mut blocks = vec![Block::Table(grid)];
    let legend_shifts: Vec<String> = view
        .shift_types
        .iter()
        .filter(|s| s.active)
        .map(|s| {
            let (h, m) = (s.start_minute / 60, s.start_minute % 60);
            let end = (s.start_minute + s.length_minutes) % (24 * 60);
            format!(
                "{} — {} {h:02}:{m:02}–{:02}:{:02} ({} h)",
                s.code,
                s.name,
                end / 60,
                end % 60,
                hours(i64::from(s.length_minutes))
            )
        })
        .collect();
    let holidays: Vec<String> = view
        .days
        .iter()
        .filter_map(|d| d.holiday.as_ref().map(|h| format!("{} {h}", dmy(d.date))))
        .collect();
    let mut legend = format!(
        "{}: {}. {}",
        lang.pick("Vahetused", "Shifts"),
        legend_shifts.join("; "),
        lang.pick(
            "x ja varjutus — puudumine; ! — vähem kui vahetuse miinimum.",
            "x and shading — an absence; ! — fewer than the shift's minimum."
        )
    );
    if !holidays.is_empty() {
        legend.push_str(&format!(
            " * {}: {}.",
            lang.pick("riigipühad", "public holidays"),
            holidays.join(", ")
        ));
    }
    blocks.push(Block::Note(legend));

    blocks.push(Block::Heading(format!(
        "{} ({})",
        lang.pick("Rikkumised ja katmata ajad", "Violations and coverage gaps"),
        view.findings.len()
    )));
    if view.findings.is_empty() {
        blocks.push(Block::Text(
            lang.pick(
                "Kontroll ei leidnud rikkumisi ega katmata aegu.",
                "The checks found no violations and no coverage gaps.",
            )
            .into(),
        ));
    } else {
        let mut t = Table::new(vec![
            Column::new(lang.pick("Reegel", "Rule"), 1.2, Align::Left),
            Column::new(lang.pick("Kirjeldus", "Description"), 8.0, Align::Left),
        ]);
        for f in &view.findings {
            let message = match &f.section {
                Some(s) => f
                    .message
                    .strip_prefix(&format!("{s}: "))
                    .unwrap_or(&f.message)
                    .to_string(),
                None => f.message.clone(),
            };
            t.rows.push(Row::new([
                f.section.clone().unwrap_or_else(|| "—".into()),
                message,
            ]));
        }
        blocks.push(Block::Table(t));
    }
    Ok(Draft {
        title,
        subtitle,
        period: month.to_string(),
        orientation: Orientation::Landscape,
        blocks,
    })
}
