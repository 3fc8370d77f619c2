//! The six indicators of § 2.3 computed from the stored tickets and calls, month by month; the
//! year's figures with targets and manual actuals; the records behind a figure.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::i18n::Lang;
use crate::kpi::import::flag;
use crate::kpi::{
    profile, value_hundredths, CallSettings, Computation, DrillPart, FigureSource, ImportKind, Kpi,
    KpiYear, MonthFigure, TicketProfile, TrackStatus,
};
use crate::store;

/// Which flags put a resolved ticket in an indicator's denominator and numerator:
/// `(flags & mask) == value`.
pub struct Condition {
    pub denominator: (i64, i64),
    pub numerator: (i64, i64),
}

/// The ticket conditions of each ticket indicator (calls are counted by their wait).
pub fn condition(c: Computation) -> Option<Condition> {
    use flag::*;
    let both = |a: i64, b: i64| (a | b, a | b);
    Some(match c {
        Computation::OnTime => Condition {
            denominator: (HAS_DEADLINE, HAS_DEADLINE),
            numerator: both(HAS_DEADLINE, ON_TIME),
        },
        Computation::Quality => Condition {
            denominator: (REOPEN_KNOWN, REOPEN_KNOWN),
            numerator: (REOPEN_KNOWN | REOPENED, REOPEN_KNOWN),
        },
        Computation::Satisfaction => Condition {
            denominator: (RATED, RATED),
            numerator: both(RATED, SATISFIED),
        },
        Computation::FirstLevel => Condition {
            denominator: (LEVEL_KNOWN, LEVEL_KNOWN),
            numerator: both(LEVEL_KNOWN, FIRST_LEVEL),
        },
        Computation::RightTeam => Condition {
            denominator: both(ESCALATED, RETURN_KNOWN),
            numerator: (
                ESCALATED | RETURN_KNOWN | RETURNED,
                ESCALATED | RETURN_KNOWN,
            ),
        },
        Computation::CallsSla => return None,
    })
}

fn holds(flags: i64, (mask, value): (i64, i64)) -> bool {
    flags & mask == value
}

/// (numerator, denominator) per month (YYYYMM) of one computation.
pub type Monthly = HashMap<i64, (i64, i64)>;

/// The six computations over the months `from..=to`, from the stored records.
pub fn figures(
    conn: &Connection,
    from: i64,
    to: i64,
    which: Option<ImportKind>,
) -> Result<HashMap<Computation, Monthly>> {
    let mut out: HashMap<Computation, Monthly> = HashMap::new();
    if which != Some(ImportKind::Calls) {
        let groups = store::tickets::ticket_groups(conn, from, to)?;
        for c in Computation::ALL {
            let Some(cond) = condition(c) else { continue };
            let m = out.entry(c).or_default();
            for &(month, flags, n) in &groups {
                if holds(flags, cond.denominator) {
                    let e = m.entry(month).or_default();
                    e.1 += n;
                    if holds(flags, cond.numerator) {
                        e.0 += n;
                    }
                }
            }
        }
    }
    if which != Some(ImportKind::Tickets) {
        let s = store::kpi::call_settings(conn)?;
        let short = if s.exclude_short_abandons {
            s.short_abandon_seconds
        } else {
            0
        };
        let m = out.entry(Computation::CallsSla).or_default();
        for (month, outcome, within, is_short, n) in
            store::tickets::call_groups(conn, from, to, s.sla_seconds, short)?
        {
            if outcome == 1 && is_short {
                continue;
            }
            let e = m.entry(month).or_default();
            e.1 += n;
            if outcome == 0 && within {
                e.0 += n;
            }
        }
    }
    Ok(out)
}

/// Recomputes the stored monthly figures of every indicator computed from tickets, calls or
/// both (after an import or a change of the call settings).
pub fn refresh(conn: &Connection, which: Option<ImportKind>) -> Result<()> {
    let all = figures(conn, 0, 999_999, which)?;
    let kpis = store::department::kpis(conn)?;
    let mut codes: Vec<&str> = Vec::new();
    let mut rows = Vec::new();
    for k in &kpis {
        let Some(c) = k.computation else { continue };
        let Some(monthly) = all.get(&c) else { continue };
        codes.push(&k.code);
        for (month, (n, d)) in monthly {
            rows.push((k.code.clone(), *month, *n, *d));
        }
    }
    store::kpi::replace_computed(conn, &codes, &rows)
}

/// `YYYY-MM` ↔ YYYYMM.
pub fn month_key(s: &str) -> Option<i64> {
    let (y, m) = s.trim().split_once('-')?;
    let (y, m): (i64, i64) = (y.parse().ok()?, m.parse().ok()?);
    (y.to_string().len() == 4 && (1..=12).contains(&m)).then_some(y * 100 + m)
}

pub fn month_text(m: i64) -> String {
    format!("{:04}-{:02}", m / 100, m % 100)
}

/// Whether a year-to-date value meets a target.
pub fn track(kpi: &Kpi, target: Option<i64>, actual: Option<i64>) -> TrackStatus {
    match (target, actual) {
        (_, None) => TrackStatus::NoData,
        (None, _) => TrackStatus::NoTarget,
        (Some(t), Some(a)) => {
            let ok = if kpi.higher_is_better { a >= t } else { a <= t };
            if ok {
                TrackStatus::OnTrack
            } else {
                TrackStatus::OffTrack
            }
        }
    }
}

/// The year of every indicator: targets, monthly figures (a manual one replaces a computed
/// one), the year to date and how the computed figures were read. Reads only the stored
/// monthly figures, so it stays fast whatever the number of records.
pub fn year(conn: &Connection, year: i32, lang: Lang) -> Result<Vec<KpiYear>> {
    let (from, to) = (year as i64 * 100 + 1, year as i64 * 100 + 12);
    let kpis = store::department::kpis(conn)?;
    let targets: HashMap<String, i64> = store::kpi::targets(conn, year)?
        .into_iter()
        .map(|t| (t.kpi_code, t.value))
        .collect();
    let mut computed: HashMap<(String, i64), (i64, i64)> = HashMap::new();
    for (code, month, n, d) in store::kpi::computed(conn, from, to)? {
        computed.insert((code, month), (n, d));
    }
    let mut manual = HashMap::new();
    for a in store::kpi::actuals(conn, from, to)? {
        manual.insert((a.kpi_code.clone(), a.month), a);
    }
    let ticket_defs = store::kpi::definitions(conn, ImportKind::Tickets, from, to)?;
    let ticket_profiles: Vec<TicketProfile> = ticket_defs
        .iter()
        .filter_map(|(_, body)| serde_json::from_str(body).ok())
        .collect();
    let calls = store::kpi::call_settings(conn)?;
    let mut out = Vec::with_capacity(kpis.len());
    for kpi in kpis {
        let definition = definition(&kpi, &ticket_profiles, &calls, lang);
        let source = match kpi.computation {
            Some(Computation::CallsSla) => FigureSource::Calls,
            Some(_) => FigureSource::Tickets,
            None => FigureSource::None,
        };
        let mut months = Vec::with_capacity(12);
        let (mut num, mut den) = (0, 0);
        for m in from..=to {
            let comp = computed.get(&(kpi.code.clone(), m)).copied();
            let fig = match manual.get(&(kpi.code.clone(), m)) {
                Some(a) => MonthFigure {
                    month: month_text(m),
                    numerator: a.numerator,
                    denominator: a.denominator,
                    value: value_hundredths(&kpi.unit, a.numerator, a.denominator),
                    source: FigureSource::Manual,
                    source_note: manual_note(a, lang),
                    computed: comp,
                },
                None => match comp {
                    Some((n, d)) if d > 0 => MonthFigure {
                        month: month_text(m),
                        numerator: n,
                        denominator: d,
                        value: value_hundredths(&kpi.unit, n, d),
                        source,
                        source_note: computed_note(source, n, d, lang),
                        computed: None,
                    },
                    _ => MonthFigure {
                        month: month_text(m),
                        numerator: 0,
                        denominator: 0,
                        value: None,
                        source: FigureSource::None,
                        source_note: String::new(),
                        computed: None,
                    },
                },
            };
            num += fig.numerator;
            den += fig.denominator;
            months.push(fig);
        }
        let actual = value_hundredths(&kpi.unit, num, den);
        let target = targets.get(&kpi.code).copied();
        out.push(KpiYear {
            status: track(&kpi, target, actual),
            kpi,
            target,
            numerator: num,
            denominator: den,
            actual,
            months,
            definition,
        });
    }
    Ok(out)
}

fn manual_note(a: &store::kpi::ManualActual, lang: Lang) -> String {
    let date = chrono::DateTime::parse_from_rfc3339(&a.entered_at)
        .map(|d| {
            crate::calendar::utc_to_tallinn(d.naive_utc())
                .format("%d.%m.%Y")
                .to_string()
        })
        .unwrap_or_default();
    let mut s = lang
        .pick(
            &format!("Käsitsi: {} {}", a.entered_by, date),
            &format!("Entered by {} on {}", a.entered_by, date),
        )
        .to_string();
    if !a.note.is_empty() {
        s.push_str(" — ");
        s.push_str(&a.note);
    }
    s
}

fn computed_note(source: FigureSource, n: i64, d: i64, lang: Lang) -> String {
    match source {
        FigureSource::Calls => lang
            .pick(
                &format!("Kõnede logist: {n} / {d} kõnet"),
                &format!("From the call log: {n} / {d} calls"),
            )
            .to_string(),
        _ => lang
            .pick(
                &format!("Pöördumiste ekspordist: {n} / {d} pöördumist"),
                &format!("From the ticket export: {n} / {d} requests"),
            )
            .to_string(),
    }
}

/// How an indicator's computed figures were read: the profiles of the imports behind them.
fn definition(kpi: &Kpi, profiles: &[TicketProfile], calls: &CallSettings, lang: Lang) -> String {
    match kpi.computation {
        None => lang
            .pick("Sisestatakse käsitsi.", "Entered by hand.")
            .to_string(),
        Some(Computation::CallsSla) => profile::describe_calls(calls, lang),
        Some(_) if profiles.is_empty() => lang
            .pick(
                "Pöördumisi pole selle aasta kohta imporditud.",
                "No tickets imported for this year.",
            )
            .to_string(),
        Some(c) => profiles
            .iter()
            .map(|p| profile::describe(p, c, lang))
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

/// A condition on a ticket's flags: `(flags & mask) == value`.
pub type FlagTest = (i64, i64);

/// The flag conditions of a drill-down part: what must hold, and what must not.
pub fn drill_condition(c: Computation, part: DrillPart) -> Option<(FlagTest, Option<FlagTest>)> {
    let cond = condition(c)?;
    Some(match part {
        DrillPart::All => (cond.denominator, None),
        DrillPart::Numerator => (cond.numerator, None),
        DrillPart::Missed => (cond.denominator, Some(cond.numerator)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_numerator_lies_inside_its_denominator() {
        for c in Computation::ALL {
            let Some(cond) = condition(c) else { continue };
            for flags in 0..2048 {
                if holds(flags, cond.numerator) {
                    assert!(holds(flags, cond.denominator), "{c:?} {flags}");
                }
            }
        }
        assert_eq!(month_key("2026-03"), Some(202603));
        assert_eq!(month_key("2026-13"), None);
    }
}
