//! The demo department's reviews: last year's development interviews signed, this year's in
//! every state (some not yet held), probation interviews of the newest employees, training
//! requests from the interviews' needs against the training budget line, and personnel proposals.

#![allow(clippy::inconsistent_digit_grouping)] // money as euros_cents: 1_150_00 is 1 150,00 €

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Transaction;
use serde_json::json;

use crate::auth::Actor;
use crate::demo::stamp;
use crate::error::Result;
use crate::reviews::model::{Decision, ProposalKind, TrainingStatus};
use crate::reviews::{self, Goal, Need, ReviewBody, ReviewKind, ReviewStatus};
use crate::store;
use crate::store::audit::AuditRecord;

/// Next-year goals the demo's interviews set: (text, indicator).
const GOALS: [(&str, Option<&str>); 6] = [
    (
        "Lahendada vähemalt 75 % pöördumistest esimesel tasandil",
        Some("2.3.4"),
    ),
    ("Vastata kõnedele teenustaseme piires", Some("2.3.5")),
    (
        "Täiendada teadmusbaasi korduvate probleemide lahendustega",
        None,
    ),
    ("Juhendada uut kolleegi sisseelamisel", None),
    ("Läbida ITIL 4 Foundation koolitus", None),
    ("Vähendada pöördumiste lahendamise aega", Some("2.3.1")),
];

const NEEDS: [(&str, &str, &str, i64); 4] = [
    (
        "ITIL 4 Foundation",
        "ITIL 4 Foundation koolitus ja eksam",
        "BCS Koolitus AS",
        1_150_00,
    ),
    (
        "Klienditeenindus",
        "Keerulised klienditeenindusolukorrad",
        "Eesti Kliendikogemuse Keskus",
        390_00,
    ),
    ("Linux", "Linuxi süsteemihaldus I", "IT Koolitus OÜ", 720_00),
    (
        "Azure",
        "Microsoft Azure Fundamentals",
        "Koolitusmaja OÜ",
        640_00,
    ),
];

fn goals(seed: usize, n: usize) -> Vec<Goal> {
    (0..n)
        .map(|k| {
            let (text, kpi) = GOALS[(seed + k) % GOALS.len()];
            Goal {
                id: 0,
                text: text.into(),
                rating: None,
                comment: String::new(),
                duty_id: None,
                kpi_code: kpi.map(String::from),
                carried: false,
            }
        })
        .collect()
}

/// Writes the reviews; returns the number of audit records written.
pub fn generate(
    tx: &Transaction,
    head: &Actor,
    people: &[(i64, usize, NaiveDate, Option<NaiveDate>)],
    history_start: NaiveDate,
    today: NaiveDate,
) -> Result<u32> {
    // Interviews held before the demo's history were entered (from paper) when it begins.
    let entered = |d: NaiveDate, hour: u32| stamp(d.max(history_start), hour, 0);
    let year = today.year();
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).expect("a year's first day");
    let mut audit = 0u32;
    let mut log = |action: &'static str,
                   entity: &'static str,
                   id: i64,
                   at: &str,
                   after: serde_json::Value|
     -> Result<()> {
        store::audit::insert(
            tx,
            head,
            at,
            &AuditRecord {
                action,
                entity,
                entity_id: Some(id.to_string()),
                before: None,
                after: Some(after),
            },
        )?;
        audit += 1;
        Ok(())
    };
    store::reviews::save_settings(
        tx,
        &crate::reviews::model::ReviewSettings {
            scale: reviews::default_scale(),
            substitute_may_see: false,
        },
    )?;
    let training_line = store::budget::all(tx)?
        .into_iter()
        .find(|l| l.year == year && l.code == "4508")
        .map(|l| l.id);
    // How far into the year this year's interviews have gone (they are held from February).
    let days_in = (today - year_start).num_days();
    let active: Vec<&(i64, usize, NaiveDate, Option<NaiveDate>)> =
        people.iter().filter(|p| p.3.is_none()).collect();
    let n = active.len();
    let mut trainings = 0usize;
    for (i, p) in active.iter().enumerate() {
        let (id, _, start, _) = **p;
        // Last year's interview, signed, for everyone employed before last year began.
        let mut last_next = None;
        if start < NaiveDate::from_ymd_opt(year - 1, 1, 1).expect("a date") {
            let held = NaiveDate::from_ymd_opt(year - 1, 2, 10).expect("a date")
                + Duration::days((i * 3) as i64);
            let mut body = ReviewBody {
                goals: Vec::new(),
                development: "Areng vastab ootustele; on võtnud uusi ülesandeid.".into(),
                needs: Vec::new(),
                next_goals: goals(i, 2 + i % 2),
                feedback: "Soovin rohkem tagasisidet keerulisemate pöördumiste kohta.".into(),
                summary: "Eesmärgid on täidetud; järgmisel aastal keskendume esimese tasandi lahendamisele.".into(),
                employee_comments: "Kokkuvõttega nõus.".into(),
            };
            reviews::number(&mut body);
            let rid = store::reviews::insert(
                tx,
                &store::reviews::NewReview {
                    employee_id: id,
                    kind: ReviewKind::Annual,
                    year: year - 1,
                    planned_on: Some(held),
                    probation_months: None,
                    probation_end: None,
                    body: &body,
                    by: &head.name,
                    at: &entered(held - Duration::days(14), 9),
                },
            )?;
            for (k, status) in [
                ReviewStatus::Held,
                ReviewStatus::SummaryGiven,
                ReviewStatus::Commented,
                ReviewStatus::Signed,
            ]
            .into_iter()
            .enumerate()
            {
                let on = held + Duration::days(k as i64 * 3);
                store::reviews::set_status(tx, rid, status, on, &body, &entered(on, 14))?;
            }
            log(
                "review.plan",
                "review",
                rid,
                &entered(held - Duration::days(14), 9),
                json!({ "employee_id": id, "kind": "annual", "year": year - 1 }),
            )?;
            log(
                "review.advance",
                "review",
                rid,
                &entered(held + Duration::days(9), 14),
                json!({ "status": "signed" }),
            )?;
            last_next = Some(body);
        }

        // Those who started in the last three months have only their probation interview.
        if start > today - Duration::days(90) {
            continue;
        }
        // This year's: the first tenth not planned yet, then planned, held, summary given,
        // commented and signed in growing shares (as far as the year has gone).
        let share = i * 10 / n.max(1);
        let target = match share {
            0 => None,
            1 => Some(ReviewStatus::Planned),
            2 => Some(ReviewStatus::Held),
            3 => Some(ReviewStatus::SummaryGiven),
            4 | 5 => Some(ReviewStatus::Commented),
            _ => Some(ReviewStatus::Signed),
        };
        let Some(mut target) = target else { continue };
        if days_in < 60 {
            target = ReviewStatus::Planned;
        }
        let held = (year_start + Duration::days(40 + (i as i64 * 5) % (days_in - 20).max(41)))
            .max(start + Duration::days(30))
            .min(today - Duration::days(12));
        let planned = if target == ReviewStatus::Planned {
            today + Duration::days(7 + i as i64 % 14)
        } else {
            held
        };
        let mut goals_now = reviews::carried_goals(last_next.as_ref());
        let mut body = ReviewBody {
            goals: Vec::new(),
            ..Default::default()
        };
        if target >= ReviewStatus::Held {
            for (k, g) in goals_now.iter_mut().enumerate() {
                g.rating = Some(2 + ((i + k) % 3) as i64);
                g.comment = if g.rating == Some(4) {
                    "Ületas ootusi.".into()
                } else {
                    String::new()
                };
            }
            body.development = "Omandas uue piletisüsteemi töövood; juhendab uusi kolleege.".into();
            body.next_goals = goals(i + 2, 2);
            body.feedback = "Meeskonna koosolekud võiksid olla lühemad.".into();
            let (_, course, _, _) = NEEDS[(i / 2) % NEEDS.len()];
            body.needs = vec![Need {
                id: 0,
                text: course.into(),
            }];
        }
        if target >= ReviewStatus::SummaryGiven {
            body.summary =
                "Töötulemused vastavad ootustele; eesmärgid järgmiseks aastaks on kokku lepitud."
                    .into();
        }
        if target >= ReviewStatus::Commented {
            body.employee_comments = if i % 3 == 0 {
                "Soovin lisada, et kõnede eesmärki mõjutas suvine kõnekoormus.".into()
            } else {
                String::new()
            };
        }
        body.goals = goals_now;
        reviews::number(&mut body);
        let created = stamp(planned.min(today) - Duration::days(14), 9, 0);
        let rid = store::reviews::insert(
            tx,
            &store::reviews::NewReview {
                employee_id: id,
                kind: ReviewKind::Annual,
                year,
                planned_on: Some(planned),
                probation_months: None,
                probation_end: None,
                body: &body,
                by: &head.name,
                at: &created,
            },
        )?;
        log(
            "review.plan",
            "review",
            rid,
            &created,
            json!({ "employee_id": id, "kind": "annual", "year": year }),
        )?;
        let mut status = ReviewStatus::Planned;
        let mut on = held;
        while status < target {
            status = status.next().expect("before signed");
            store::reviews::set_status(tx, rid, status, on, &body, &stamp(on, 14, 0))?;
            log(
                "review.advance",
                "review",
                rid,
                &stamp(on, 14, 0),
                json!({ "status": status.as_str(), "on": on }),
            )?;
            on = (on + Duration::days(3)).min(today);
        }
        // A training request from the need of every other held interview.
        if target >= ReviewStatus::Held && i % 2 == 0 {
            let (_, course, provider, cost) = NEEDS[(i / 2) % NEEDS.len()];
            let need = body.needs[0].id;
            let starts = (held + Duration::days(30))
                .min(NaiveDate::from_ymd_opt(year, 12, 10).expect("a date"));
            let status = match trainings % 4 {
                0 | 1 => TrainingStatus::Done,
                2 => TrainingStatus::Approved,
                _ => TrainingStatus::Requested,
            };
            let status = if status == TrainingStatus::Done && starts > today {
                TrainingStatus::Approved
            } else {
                status
            };
            let tid = store::reviews::save_training(
                tx,
                &store::reviews::TrainingRow {
                    id: 0,
                    employee_id: id,
                    review_id: Some(rid),
                    need_id: Some(need),
                    course,
                    provider,
                    starts_on: starts,
                    ends_on: starts + Duration::days(1),
                    cost_cents: cost,
                    budget_line_id: training_line,
                    note: "",
                },
                &head.name,
                &stamp(held, 16, 0),
            )?;
            log(
                "training.save",
                "training",
                tid,
                &stamp(held, 16, 0),
                json!({ "employee_id": id, "course": course, "cost_cents": cost }),
            )?;
            if status != TrainingStatus::Requested && training_line.is_some() {
                let decided = (held + Duration::days(5)).min(today);
                store::reviews::decide_training(tx, tid, TrainingStatus::Approved, decided, "")?;
                if status == TrainingStatus::Done {
                    store::reviews::decide_training(
                        tx,
                        tid,
                        TrainingStatus::Done,
                        starts + Duration::days(1),
                        "",
                    )?;
                }
                log(
                    "training.decide",
                    "training",
                    tid,
                    &stamp(decided, 10, 0),
                    json!({ "status": status.as_str() }),
                )?;
            }
            trainings += 1;
        }
    }

    // Probation interviews for those who started in the last five months: the earliest one's
    // planned, the others owed (the dashboard reminds of them).
    let mut recent: Vec<_> = active
        .iter()
        .filter(|p| p.2 > today - Duration::days(150) && p.2 <= today)
        .collect();
    recent.sort_by_key(|p| p.2);
    if let Some(p) = recent.first() {
        let end = reviews::probation_end(p.2, 4);
        let rid = store::reviews::insert(
            tx,
            &store::reviews::NewReview {
                employee_id: p.0,
                kind: ReviewKind::Probation,
                year: end.year(),
                planned_on: Some(end - Duration::days(10)),
                probation_months: Some(4),
                probation_end: Some(end),
                body: &ReviewBody::default(),
                by: &head.name,
                at: &stamp(today - Duration::days(3), 9, 0),
            },
        )?;
        log(
            "review.plan",
            "review",
            rid,
            &stamp(today - Duration::days(3), 9, 0),
            json!({ "employee_id": p.0, "kind": "probation" }),
        )?;
    }

    // Personnel proposals (§ 3.7.11).
    let who = |k: usize| active.get(k % n.max(1)).map(|p| p.0);
    let vacancy = store::positions::list(tx)?.get(3).map(|p| p.id);
    #[allow(clippy::type_complexity)]
    let proposals: [(
        ProposalKind,
        Option<i64>,
        Option<i64>,
        &str,
        Option<i64>,
        i64,
        Option<Decision>,
    ); 4] = [
        (
            ProposalKind::Reward,
            who(2),
            None,
            "Erakordne panus piletisüsteemi vahetusel (öised migratsioonitööd).",
            Some(600_00),
            20,
            None,
        ),
        (
            ProposalKind::PayChange,
            who(5),
            None,
            "Võttis üle vahetuse vanema ülesanded; palk ei vasta tasemele.",
            Some(2_450_00),
            75,
            Some(Decision::Approved),
        ),
        (
            ProposalKind::Allowance,
            who(7),
            None,
            "Lisaülesanne: teadmusbaasi toimetamine kuni aasta lõpuni.",
            Some(150_00),
            10,
            None,
        ),
        (
            ProposalKind::Hire,
            None,
            vacancy,
            "Kasutajatoe spetsialisti vaba ametikoht; kõnede teenustase on eesmärgist madalam.",
            None,
            2,
            None,
        ),
    ];
    for (k, (kind, employee, position, why, amount, days_ago, decision)) in
        proposals.into_iter().enumerate()
    {
        let created = stamp(today - Duration::days(days_ago), 11, 0);
        let pid = store::reviews::save_proposal(
            tx,
            &store::reviews::ProposalRow {
                id: 0,
                kind,
                employee_id: employee,
                position_id: position,
                justification: why,
                amount_cents: amount,
            },
            &head.name,
            &created,
        )?;
        log(
            "proposal.save",
            "proposal",
            pid,
            &created,
            json!({ "kind": kind.as_str() }),
        )?;
        if k < 3 {
            let submitted = today - Duration::days(days_ago - 1);
            store::reviews::submit_proposal(tx, pid, submitted, &stamp(submitted, 12, 0))?;
            log(
                "proposal.submit",
                "proposal",
                pid,
                &stamp(submitted, 12, 0),
                json!({ "status": "submitted" }),
            )?;
            if let Some(d) = decision {
                let on = submitted + Duration::days(20);
                store::reviews::decide_proposal(
                    tx,
                    pid,
                    d,
                    on,
                    "Alates järgmise kuu 1. kuupäevast.",
                    &stamp(on, 12, 0),
                )?;
                log(
                    "proposal.decide",
                    "proposal",
                    pid,
                    &stamp(on, 12, 0),
                    json!({ "decision": d.as_str() }),
                )?;
            }
        }
    }
    Ok(audit)
}
