//! Generated ticket and call exports in the real formats (a Jira Service Management CSV and an
//! Asterisk `queue_log`): the demo imports a year of them through the real importers, and the
//! benchmark writes a million-row Jira file with the same code. Volumes follow the seasons
//! (busy January and September, quiet July); one month goes badly (an outage: more escalations,
//! late resolutions, slow answering).

use std::io::{self, Write};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

use crate::auth::Role;
use crate::calendar::{is_working_day, tallinn_to_utc};
use crate::demo::Rng;
use crate::error::{Error, Result};
use crate::kpi::{ImportKind, KpiImportInput, TargetInput};
use crate::service::{current_actor, Desk};
use crate::store;

const TEAMS: [&str; 5] = [
    "KSO kasutajatugi",
    "KSO kasutajatugi",
    "Võrguteenused",
    "Rakendustugi",
    "Tööjaamad",
];

const SUBJECTS: [&str; 10] = [
    "VPN-ühendus katkeb",
    "Parooli lähtestamine",
    "Printer ei prindi",
    "Uue töötaja ligipääsud",
    "Outlooki kalender ei sünkroniseeru",
    "ID-kaardiga sisselogimine ebaõnnestub",
    "Tarkvara paigaldamise taotlus",
    "Teams-kõnes puudub heli",
    "Võrguketta õigused",
    "Sülearvuti ei käivitu",
];

/// The header of the generated Jira export: repeated columns as Jira writes them.
pub const JIRA_HEADER: &str = "Summary,Issue key,Issue id,Issue Type,Status,Project key,Priority,Resolution,Assignee,Reporter,Created,Updated,Resolved,Due date,Custom field (Request Type),Custom field (Team),Custom field (Escalation),Custom field (Returned by team),Custom field (Reopen count),Custom field (Time to first response),Custom field (Time to resolution),Satisfaction rating,Comment,Comment,Watchers,Watchers\r\n";

/// How busy a month is (per mille of an average month).
fn season(month: u32) -> u64 {
    [
        1250, 1100, 1050, 950, 900, 800, 600, 750, 1250, 1100, 1050, 1000,
    ][month as usize - 1]
}

fn jira_date(t: NaiveDateTime) -> String {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (pm, h) = t.hour12();
    format!(
        "{:02}/{}/{:02} {}:{:02} {}",
        t.day(),
        M[t.month0() as usize],
        t.year() % 100,
        h,
        t.minute(),
        if pm { "PM" } else { "AM" }
    )
}

/// What the generator writes: the period, the volume and the bad month.
pub struct Plan {
    pub from: NaiveDate,
    /// Not included.
    pub to: NaiveDate,
    /// Tickets (or calls) on an average working day.
    pub per_day: u64,
    /// The first day of the month that goes badly.
    pub bad_month: Option<NaiveDate>,
    pub seed: u64,
}

impl Plan {
    fn is_bad(&self, d: NaiveDate) -> bool {
        self.bad_month
            .is_some_and(|b| b.year() == d.year() && b.month() == d.month())
    }

    /// How many records a day gets.
    fn count(&self, rng: &mut Rng, d: NaiveDate) -> u64 {
        let base = self.per_day * season(d.month()) / 1000;
        let base = if is_working_day(d) { base } else { base / 6 };
        let base = if self.is_bad(d) { base * 13 / 10 } else { base };
        base * 9 / 10 + rng.below(base / 5 + 1)
    }
}

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes a Jira Service Management export of the plan; returns the number of tickets.
/// Tickets of the last days are still open.
pub fn write_jira(out: &mut dyn Write, plan: &Plan) -> io::Result<u64> {
    let mut rng = Rng::new(plan.seed);
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    out.write_all(b"\xEF\xBB\xBF")?;
    out.write_all(JIRA_HEADER.as_bytes())?;
    let mut n: u64 = 0;
    let mut day = plan.from;
    let today = plan.to;
    while day < plan.to {
        let bad = plan.is_bad(day);
        for _ in 0..plan.count(&mut rng, day) {
            n += 1;
            let created = day.and_hms_opt(0, 0, 0).unwrap()
                + Duration::minutes(if is_working_day(day) {
                    7 * 60 + rng.below(11 * 60) as i64
                } else {
                    rng.below(24 * 60) as i64
                });
            // Most requests are solved by the service desk; in the bad month far fewer.
            let team = if rng.below(100) < if bad { 45 } else { 72 } {
                TEAMS[0]
            } else {
                TEAMS[2 + rng.below(3) as usize]
            };
            let first_level = team == TEAMS[0];
            let hours = if first_level {
                1 + rng.below(30)
            } else {
                4 + rng.below(120)
            } as i64;
            let resolved = created + Duration::minutes(hours * 60 + rng.below(60) as i64);
            let open = resolved.date() >= today;
            let late_pct = if bad { 35 } else { 8 };
            let late = rng.below(100) < late_pct;
            let due = (resolved + Duration::hours(if late { -6 } else { 20 })).date();
            let sla = if rng.below(100) < 15 {
                String::new()
            } else if late {
                format!("-{}h {}m", 1 + rng.below(20), rng.below(60))
            } else {
                format!("{}h {}m", rng.below(30), rng.below(60))
            };
            let escalated = !first_level && rng.below(100) < 10;
            let returned = !first_level && rng.below(100) < if bad { 30 } else { 12 };
            let reopened = rng.below(100) < if bad { 12 } else { 5 };
            let rating = if !open && rng.below(100) < 35 {
                let happy = rng.below(100) < if bad { 55 } else { 84 };
                let r = if happy {
                    4 + rng.below(2)
                } else {
                    1 + rng.below(3)
                };
                r.to_string()
            } else {
                String::new()
            };
            let subject = rng.pick(&SUBJECTS);
            let comment = if n.is_multiple_of(4) {
                cell(&format!(
                    "{};jaan.tamm;Tere!\nKontrollisin seadistust, palun proovige uuesti.\n\nLugupidamisega\nKSO",
                    jira_date(created + Duration::minutes(20))
                ))
            } else {
                String::new()
            };
            writeln!(
                out,
                "{subject},KSO-{n},{id},Service Request,{status},KSO,Medium,{resolution},Jaan Tamm,Kasutaja {r},{created},{updated},{resolved},{due},Abi IT-probleemiga,{team},{esc},{ret},{reo},{ttfr}m,{sla},{rating},{comment},,mari.maasikas,\r",
                id = 100_000 + n,
                status = if open { "In Progress" } else { "Done" },
                resolution = if open { "" } else { "Done" },
                r = rng.below(5000),
                created = jira_date(created),
                updated = jira_date(if open { created } else { resolved }),
                resolved = if open { String::new() } else { jira_date(resolved) },
                due = due.format("%d/%b/%y"),
                esc = if escalated { "Tier 2" } else { "" },
                ret = if returned { "1" } else { "0" },
                reo = if reopened { "1" } else { "" },
                ttfr = 5 + rng.below(50),
            )?;
        }
        day += Duration::days(1);
    }
    out.flush()?;
    Ok(n)
}

/// Writes an Asterisk `queue_log` of the plan; returns the number of calls.
pub fn write_queue_log(out: &mut dyn Write, plan: &Plan) -> io::Result<u64> {
    let mut rng = Rng::new(plan.seed ^ 0xCA11);
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut n: u64 = 0;
    let mut day = plan.from;
    while day < plan.to {
        let bad = plan.is_bad(day);
        let mut times: Vec<i64> = (0..plan.count(&mut rng, day))
            .map(|_| {
                let local = day.and_hms_opt(0, 0, 0).unwrap()
                    + Duration::seconds(if is_working_day(day) {
                        8 * 3600 + rng.below(9 * 3600) as i64
                    } else {
                        rng.below(86_400) as i64
                    });
                tallinn_to_utc(local).and_utc().timestamp()
            })
            .collect();
        times.sort_unstable();
        let mut lines: Vec<(i64, String)> = Vec::with_capacity(times.len() * 3);
        for t in times {
            n += 1;
            let id = format!("{t}.{n}");
            let queue = if n.is_multiple_of(5) { "kso-en" } else { "kso" };
            let quick = rng.below(100) < if bad { 55 } else { 86 };
            let wait = if quick {
                rng.below(28)
            } else {
                28 + rng.below(150)
            } as i64;
            lines.push((
                t,
                format!(
                    "{t}|{id}|{queue}|NONE|ENTERQUEUE||5{:07}|1",
                    rng.below(9_999_999)
                ),
            ));
            let roll = rng.below(100);
            let end = if roll < if bad { 14 } else { 6 } {
                format!("{}|{id}|{queue}|NONE|ABANDON|1|1|{wait}", t + wait)
            } else if roll < 8 {
                format!("{}|{id}|{queue}|NONE|EXITWITHTIMEOUT|1|1|{wait}", t + wait)
            } else {
                let agent = rng.below(12);
                lines.push((
                    t + wait + 180,
                    format!(
                        "{}|{id}|{queue}|PJSIP/kso{agent}|COMPLETECALLER|{wait}|180|1",
                        t + wait + 180
                    ),
                ));
                format!(
                    "{}|{id}|{queue}|PJSIP/kso{agent}|CONNECT|{wait}|{t}.9|3",
                    t + wait
                )
            };
            lines.push((t + wait, end));
        }
        lines.sort_by_key(|l| l.0);
        for (_, l) in lines {
            writeln!(out, "{l}")?;
        }
        day += Duration::days(1);
    }
    out.flush()?;
    Ok(n)
}

/// The demo's year of KPIs: targets for this year and the last (one revised), and a year of
/// tickets and calls imported through the real importers. Returns (tickets, calls).
pub fn fill(desk: &mut Desk, employees: u32, today: NaiveDate) -> Result<(u64, u64)> {
    let head = {
        let conn = desk.connection();
        let row = store::users::list(conn)?
            .into_iter()
            .find(|a| a.user.role == Role::Head)
            .ok_or(Error::NotSignedIn)?;
        current_actor(conn, &row.user)?
    };
    let year = today.year();
    for (code, value) in [
        ("2.3.1", "85"),
        ("2.3.2", "92"),
        ("2.3.3", "80"),
        ("2.3.4", "60"),
        ("2.3.5", "80"),
        ("2.3.6", "88"),
    ] {
        for y in [year - 1, year] {
            desk.kpi_target_set(
                &head,
                &TargetInput {
                    kpi_code: code.into(),
                    year: y,
                    value: value.into(),
                    reason: String::new(),
                },
            )?;
        }
    }
    desk.kpi_target_set(
        &head,
        &TargetInput {
            kpi_code: "2.3.4".into(),
            year,
            value: "65".into(),
            reason: "Teenusleping uuendati: esmatasandi lahendamise eesmärk tõusis".into(),
        },
    )?;
    let from = today - Duration::days(365);
    let bad = today - Duration::days(120);
    let plan = |per_day: u64, seed: u64| Plan {
        from,
        to: today,
        per_day,
        bad_month: NaiveDate::from_ymd_opt(bad.year(), bad.month(), 1),
        seed,
    };
    let per_day = u64::from(employees) * 2;
    let mut jira = Vec::new();
    let tickets = write_jira(&mut jira, &plan(per_day, 7))?;
    let mut log = Vec::new();
    let calls = write_queue_log(&mut log, &plan(per_day * 3 / 2, 11))?;
    for (kind, format, name, bytes) in [
        (ImportKind::Tickets, "jira", "jira-export.csv", jira),
        (ImportKind::Calls, "asterisk", "queue_log", log),
    ] {
        let mut s = desk.kpi_import_begin(
            &head,
            &KpiImportInput {
                kind,
                format: format.into(),
                profile: None,
                file_name: name.into(),
                accept_valid: false,
            },
        )?;
        for chunk in bytes.chunks(1 << 20) {
            s.feed(chunk)?;
        }
        let r = s.finish()?;
        if !r.committed {
            return Err(Error::Internal(format!(
                "demo {format}: {:?}",
                r.rejected.first()
            )));
        }
    }
    Ok((tickets, calls))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_makes_seasons_and_a_bad_month() {
        let plan = Plan {
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            per_day: 40,
            bad_month: NaiveDate::from_ymd_opt(2026, 11, 1),
            seed: 1,
        };
        let mut jira = Vec::new();
        let n = write_jira(&mut jira, &plan).unwrap();
        let text = String::from_utf8(jira).unwrap();
        let in_month = |m: &str| text.matches(&format!("/{m}/26 ")).count();
        assert!(in_month("Jan") > in_month("Jul") * 3 / 2);
        assert!(n > 8000 && n < 13000, "{n}");
        let mut log = Vec::new();
        let calls = write_queue_log(&mut log, &plan).unwrap();
        assert_eq!(
            String::from_utf8(log)
                .unwrap()
                .matches("ENTERQUEUE")
                .count() as u64,
            calls
        );
    }
}
