//! Roster proposals through the service, on the demo department: no hard rule broken, locked
//! cells and absences kept, wishes weighed, gaps explained, accepted whole or not at all.

mod common;

use chrono::{Datelike, Duration, NaiveDate, Utc};
use common::*;
use kso_core::error::Rule;
use kso_core::model::{DemoInput, LoginInput};
use kso_core::roster::propose::{RequestKind, RosterWeights, ShiftRequestInput};
use kso_core::roster::view::{ProposalView, RosterCellInput};
use kso_core::roster::Month;
use kso_core::{Actor, Desk, Error, Lang};

fn today() -> NaiveDate {
    kso_core::calendar::utc_to_tallinn(Utc::now().naive_utc()).date()
}

fn demo() -> (tempfile::TempDir, Desk, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::create(&dir.path().join("kso.sqlite")).unwrap();
    desk.generate_demo(
        DemoInput {
            employees: 16,
            years: 1,
        },
        today(),
    )
    .unwrap();
    let head = desk
        .sign_in(&LoginInput {
            login: "juhataja".into(),
            password: kso_core::demo::DEMO_PASSWORD.into(),
        })
        .unwrap();
    (dir, desk, head)
}

fn rules(e: &Error) -> Vec<Rule> {
    match e {
        Error::Invalid(list) => list.iter().map(|f| f.rule.clone()).collect(),
        other => panic!("not a field error: {other:?}"),
    }
}

/// A proposal made with a fixed number of moves (reproducible) and kept.
fn propose(desk: &mut Desk, head: &Actor, month: &str, seed: u64) -> ProposalView {
    let prepared = desk.roster_propose_prepare(head, month).unwrap();
    let outcome = prepared.run_moves(150_000, seed);
    desk.roster_proposal_save(head, &prepared, &outcome, (0, seed, false), Lang::Et)
        .unwrap()
}

#[test]
fn the_demo_months_proposal_breaks_no_hard_rule_and_keeps_locks_and_absences() {
    let (_dir, mut desk, head) = demo();
    let month = Month::of(today()).to_string();
    let before = desk.roster(&head, &month, Lang::Et).unwrap();
    let p = propose(&mut desk, &head, &month, 7);
    // The demo month has a shift on leave, a day shift after a night and an empty night.
    assert!(p.hard_before >= 2, "{}", p.hard_before);
    assert_eq!(
        p.hard_after,
        0,
        "{:?}",
        p.preview
            .findings
            .iter()
            .map(|f| &f.message)
            .collect::<Vec<_>>()
    );
    assert!(
        p.gap_hours_after < p.gap_hours_before,
        "{} → {}",
        p.gap_hours_before,
        p.gap_hours_after
    );
    assert!(!p.cells.is_empty() && !p.stale);
    // Locked cells are as they were, and nobody is put on a shift while away.
    for (row, old) in p.preview.rows.iter().zip(&before.rows) {
        for d in 0..row.cells.len() {
            if old.locked[d] {
                assert_eq!(row.cells[d], old.cells[d], "a locked cell changed");
            }
            if row.absences[d].is_some() && old.cells[d].is_none() {
                assert!(row.cells[d].is_none(), "a shift put on an absence");
            }
        }
    }
    assert!(
        before.rows.iter().any(|r| r.locked.iter().any(|l| *l)),
        "the demo locks a cell"
    );
    // The same seed and moves give the same proposal.
    let again = propose(&mut desk, &head, &month, 7);
    let key = |v: &ProposalView| {
        v.cells
            .iter()
            .map(|c| (c.employee_id, c.date, c.after.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&p), key(&again));

    // Accepting makes every change in one go; the month then breaks no hard rule.
    let view = desk
        .roster_proposal_accept(&head, &month, Lang::Et)
        .unwrap();
    for c in &p.cells {
        let row = view
            .rows
            .iter()
            .find(|r| r.employee_id == c.employee_id)
            .unwrap();
        assert_eq!(row.cells[c.date.day0() as usize], c.after);
    }
    assert!(!view.findings.iter().any(|f| matches!(
        f.severity,
        kso_core::roster::check::Severity::Error
    ) && f.rule
        != kso_core::roster::check::RuleId::CoverageGap));
    assert!(desk
        .roster_proposal(&head, &month, Lang::Et)
        .unwrap()
        .is_none());
    let audit: i64 = desk
        .connection()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'roster.accept_proposal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 1);
}

#[test]
fn a_proposal_overtaken_by_an_edit_cannot_be_accepted_and_changes_nothing() {
    let (_dir, mut desk, head) = demo();
    let month = Month::of(today()).to_string();
    let p = propose(&mut desk, &head, &month, 3);
    let c = p.cells.iter().find(|c| c.after.is_some()).unwrap();
    // The head edits a cell the proposal changes.
    let other = if c.after.as_deref() == Some("P") {
        "Ö"
    } else {
        "P"
    };
    desk.roster_set(
        &head,
        &RosterCellInput {
            month: month.clone(),
            employee_id: c.employee_id,
            date: c.date.format("%d.%m.%Y").to_string(),
            code: other.into(),
            reason: String::new(),
        },
        Lang::Et,
    )
    .unwrap();
    let seen = desk
        .roster_proposal(&head, &month, Lang::Et)
        .unwrap()
        .unwrap();
    assert!(seen.stale);
    let before = desk.roster(&head, &month, Lang::Et).unwrap();
    let err = desk
        .roster_proposal_accept(&head, &month, Lang::Et)
        .unwrap_err();
    assert_eq!(rules(&err), vec![Rule::ProposalStale]);
    let after = desk.roster(&head, &month, Lang::Et).unwrap();
    assert_eq!(
        before
            .rows
            .iter()
            .map(|r| r.cells.clone())
            .collect::<Vec<_>>(),
        after
            .rows
            .iter()
            .map(|r| r.cells.clone())
            .collect::<Vec<_>>()
    );
    desk.roster_proposal_discard(&head, &month).unwrap();
    assert!(desk
        .roster_proposal(&head, &month, Lang::Et)
        .unwrap()
        .is_none());
}

#[test]
fn a_published_month_is_not_proposed_and_a_viewer_may_not_propose() {
    let (_dir, desk, head) = demo();
    let last = Month::of(today() - Duration::days(i64::from(today().day()))).to_string();
    let err = desk.roster_propose_prepare(&head, &last).err().unwrap();
    assert_eq!(rules(&err), vec![Rule::Published]);
    let viewer = desk
        .sign_in(&LoginInput {
            login: "vaatleja".into(),
            password: kso_core::demo::DEMO_PASSWORD.into(),
        })
        .unwrap();
    let month = Month::of(today()).to_string();
    assert!(matches!(
        desk.roster_propose_prepare(&viewer, &month),
        Err(Error::Forbidden { .. })
    ));
}

fn staff(desk: &mut Desk, head: &Actor, n: usize) -> Vec<i64> {
    (0..n)
        .map(|i| {
            let email = format!("inimene{i}@smit.ee");
            desk.employee_add(head, &employee("Inimene", &format!("Number{i}"), &email))
                .unwrap()
                .id
        })
        .collect()
}

fn wish(employee_id: i64, date: &str, kind: RequestKind, shift: Option<i64>) -> ShiftRequestInput {
    ShiftRequestInput {
        employee_id,
        date: date.into(),
        kind,
        shift_type_id: shift,
        note: String::new(),
    }
}

/// Three people for a whole month of 24/7 cannot cover it: each gap is explained by who was
/// away, on another shift, resting, out of hours or held by the other rules.
#[test]
fn gaps_are_explained() {
    let (_dir, mut desk, head) = with_head();
    staff(&mut desk, &head, 3);
    let p = propose(&mut desk, &head, "2026-11", 1);
    assert_eq!(p.hard_after, 0);
    assert!(p.gap_hours_after > 0, "three people cannot cover a month");
    assert!(!p.explanations.is_empty());
    for x in &p.explanations {
        let r = &x.reasons;
        assert_eq!(
            r.absent + r.on_shift + r.rest + r.hours + r.locked + r.other,
            x.candidates
        );
        assert!(x.message.contains("Sobivaid 3:"), "{}", x.message);
    }
    assert!(p.explanations.iter().any(|x| x.reasons.on_shift > 0));
}

/// With people to spare, a day off wished for is kept and a shift wished for is given.
#[test]
fn wishes_are_kept_when_others_are_free() {
    let (_dir, mut desk, head) = with_head();
    let ids = staff(&mut desk, &head, 8);
    let night = desk
        .shift_types(&head)
        .unwrap()
        .into_iter()
        .find(|t| t.code == "Ö")
        .unwrap()
        .id;
    let off = desk
        .roster_request_add(&head, &wish(ids[0], "10.11.2026", RequestKind::Off, None))
        .unwrap();
    desk.roster_request_add(
        &head,
        &wish(ids[1], "12.11.2026", RequestKind::On, Some(night)),
    )
    .unwrap();
    // A wish to work needs a shift.
    let err = desk
        .roster_request_add(&head, &wish(ids[0], "11.11.2026", RequestKind::On, None))
        .unwrap_err();
    assert_eq!(rules(&err), vec![Rule::OnNeedsShift]);
    let p = propose(&mut desk, &head, "2026-11", 1);
    // Every hour is covered but the first eight: they belong to October's last night shift,
    // which the November proposal does not touch.
    assert_eq!((p.hard_after, p.gap_hours_after), (0, 8));
    let row = |id: i64| p.preview.rows.iter().find(|r| r.employee_id == id).unwrap();
    assert_eq!(row(ids[0]).cells[9], None, "the day off is kept");
    assert_eq!(row(ids[0]).requests[9].as_deref(), Some("−"));
    assert_eq!(
        row(ids[1]).cells[11].as_deref(),
        Some("Ö"),
        "the night is given"
    );
    assert_eq!((p.requests, p.requests_met_after), (2, 2));
    desk.roster_request_delete(&head, off.id).unwrap();
    assert_eq!(desk.roster_requests(&head, "2026-11").unwrap().len(), 1);
}

#[test]
fn weights_are_settings_checked_and_audited() {
    let (_dir, mut desk, head) = with_head();
    assert_eq!(
        desk.roster_weights(&head).unwrap(),
        RosterWeights::default()
    );
    let w = RosterWeights {
        fairness: 80,
        ..RosterWeights::default()
    };
    assert_eq!(desk.roster_weights_save(&head, &w).unwrap(), w);
    assert_eq!(desk.roster_weights(&head).unwrap().fairness, 80);
    let bad = RosterWeights {
        request: 1_000_000,
        ..w
    };
    let err = desk.roster_weights_save(&head, &bad).unwrap_err();
    assert!(matches!(err, Error::Invalid(ref l) if l[0].field == "request"));
    assert_eq!(desk.roster_weights(&head).unwrap(), w);
}

#[test]
fn a_locked_cell_is_toggled_and_audited() {
    let (_dir, mut desk, head) = with_head();
    let id = desk
        .employee_add(&head, &employee("Kati", "Kask", "kati.kask@smit.ee"))
        .unwrap()
        .id;
    let v = desk
        .roster_lock(&head, "2026-11", id, "05.11.2026", Lang::Et)
        .unwrap();
    assert!(v.rows[0].locked[4]);
    let v = desk
        .roster_lock(&head, "2026-11", id, "05.11.2026", Lang::Et)
        .unwrap();
    assert!(!v.rows[0].locked[4]);
    let err = desk
        .roster_lock(&head, "2026-11", id, "05.12.2026", Lang::Et)
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(ref l) if l[0].field == "date"));
    let n: i64 = desk
        .connection()
        .query_row(
            "SELECT count(*) FROM audit WHERE action IN ('roster.lock', 'roster.unlock')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 2);
}
