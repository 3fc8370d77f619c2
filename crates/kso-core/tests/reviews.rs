//! Issue 9: reviews and development — the interview's status flow, last year's goals carried
//! over, probation due dates, training against the budget, proposals, and confidentiality.

mod common;

use chrono::{Datelike, Duration, NaiveDate};
use common::*;
use kso_core::contracts::BudgetLineInput;
use kso_core::error::Rule;
use kso_core::model::LoginInput;
use kso_core::reviews::model::*;
use kso_core::reviews::{Goal, Need, Reminder, ReviewBody, ReviewKind, ReviewStatus};
use kso_core::{Action, Actor, Desk, Error};

fn today() -> NaiveDate {
    kso_core::calendar::utc_to_tallinn(chrono::Utc::now().naive_utc()).date()
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn rules(e: &Error) -> Vec<(&'static str, Rule)> {
    match e {
        Error::Invalid(f) => f.iter().map(|f| (f.field, f.rule.clone())).collect(),
        other => panic!("a field error, not {other:?}"),
    }
}

fn goal(text: &str) -> Goal {
    Goal {
        text: text.into(),
        ..Default::default()
    }
}

fn plan(desk: &mut Desk, head: &Actor, employee: i64, year: i32) -> Review {
    desk.review_plan(
        head,
        &PlanInput {
            employee_id: employee,
            kind: ReviewKind::Annual,
            year,
            planned_on: String::new(),
            probation_months: String::new(),
        },
    )
    .unwrap()
}

fn advance(desk: &mut Desk, head: &Actor, id: i64, to: ReviewStatus) -> Result<Review, Error> {
    desk.review_advance(
        head,
        &AdvanceInput {
            id,
            to,
            on: String::new(),
            employee_comments: "Nõus.".into(),
        },
    )
}

fn save(desk: &mut Desk, head: &Actor, r: &Review, body: ReviewBody) -> Result<Review, Error> {
    desk.review_save(
        head,
        &ReviewSaveInput {
            id: r.id,
            body,
            planned_on: String::new(),
        },
    )
}

#[test]
fn an_interview_goes_planned_held_summarised_commented_signed_in_order() {
    let (_d, mut desk, head) = with_head();
    let anna = desk
        .employee_add(&head, &employee("Anna", "Tamm", "anna@smit.ee"))
        .unwrap()
        .id;
    let year = today().year();
    let r = plan(&mut desk, &head, anna, year);
    assert_eq!(r.status, ReviewStatus::Planned);

    // Steps cannot be skipped.
    let e = advance(&mut desk, &head, r.id, ReviewStatus::SummaryGiven).unwrap_err();
    assert_eq!(rules(&e), vec![("to", Rule::StatusOrder)]);

    // Held only when every goal is rated, on the settings' scale.
    let mut body = ReviewBody {
        goals: vec![
            goal("Lahendada 75 % esimesel tasandil"),
            goal("Juhendada uut kolleegi"),
        ],
        next_goals: vec![goal("Läbida ITIL 4 koolitus")],
        needs: vec![Need {
            id: 0,
            text: "ITIL 4 Foundation".into(),
        }],
        development: "Hea areng.".into(),
        feedback: "Rohkem tagasisidet.".into(),
        ..Default::default()
    };
    body.goals[0].rating = Some(6);
    let e = save(&mut desk, &head, &r, body.clone()).unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("goals", Rule::NumberRange { min: 1, max: 5 })]
    );
    body.goals[0].rating = Some(4);
    let r = save(&mut desk, &head, &r, body.clone()).unwrap();
    assert_eq!(
        r.body.goals.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(r.body.next_goals[0].id, 3);
    assert_eq!(r.body.needs[0].id, 4);
    let e = advance(&mut desk, &head, r.id, ReviewStatus::Held).unwrap_err();
    assert_eq!(rules(&e), vec![("goals", Rule::Unrated)]);
    let mut body = r.body.clone();
    body.goals[1].rating = Some(3);
    let r = save(&mut desk, &head, &r, body).unwrap();
    let r = advance(&mut desk, &head, r.id, ReviewStatus::Held).unwrap();
    assert_eq!((r.status, r.held_on), (ReviewStatus::Held, Some(today())));

    // The summary must be written before it is given; a day in the future is refused.
    let e = advance(&mut desk, &head, r.id, ReviewStatus::SummaryGiven).unwrap_err();
    assert_eq!(rules(&e), vec![("summary", Rule::Required)]);
    let mut body = r.body.clone();
    body.summary = "Eesmärgid täidetud.".into();
    let r = save(&mut desk, &head, &r, body).unwrap();
    let e = desk
        .review_advance(
            &head,
            &AdvanceInput {
                id: r.id,
                to: ReviewStatus::SummaryGiven,
                on: dmy(today() + Duration::days(1)),
                employee_comments: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(rules(&e), vec![("on", Rule::InFuture)]);
    let r = advance(&mut desk, &head, r.id, ReviewStatus::SummaryGiven).unwrap();

    // After the summary is given the content is locked; the employee's comments are recorded.
    let e = save(&mut desk, &head, &r, r.body.clone()).unwrap_err();
    assert_eq!(rules(&e), vec![("id", Rule::ReviewLocked)]);
    let r = advance(&mut desk, &head, r.id, ReviewStatus::Commented).unwrap();
    assert_eq!(r.body.employee_comments, "Nõus.");
    let r = advance(&mut desk, &head, r.id, ReviewStatus::Signed).unwrap();
    assert_eq!(r.status, ReviewStatus::Signed);
    // Nothing follows a signed interview.
    let e = advance(&mut desk, &head, r.id, ReviewStatus::Signed).unwrap_err();
    assert_eq!(rules(&e), vec![("to", Rule::StatusOrder)]);

    // One annual interview per employee and year.
    let e = desk
        .review_plan(
            &head,
            &PlanInput {
                employee_id: anna,
                kind: ReviewKind::Annual,
                year,
                planned_on: String::new(),
                probation_months: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(rules(&e), vec![("employee_id", Rule::AlreadyPlanned)]);
}

#[test]
fn last_years_next_goals_become_this_years_goals_to_assess() {
    let (_d, mut desk, head) = with_head();
    let anna = desk
        .employee_add(&head, &employee("Anna", "Tamm", "anna@smit.ee"))
        .unwrap()
        .id;
    let year = today().year();
    let last = plan(&mut desk, &head, anna, year - 1);
    let mut body = ReviewBody {
        next_goals: vec![
            goal("Juurutada teadmusbaas"),
            goal("Vastata kõnedele SLA piires"),
        ],
        ..Default::default()
    };
    body.next_goals[1].kpi_code = Some("2.3.5".into());
    // An indicator that does not exist is refused.
    let mut wrong = body.clone();
    wrong.next_goals[0].kpi_code = Some("9.9.9".into());
    let e = save(&mut desk, &head, &last, wrong).unwrap_err();
    assert_eq!(rules(&e), vec![("next_goals", Rule::UnknownKpi)]);
    save(&mut desk, &head, &last, body).unwrap();

    let now = plan(&mut desk, &head, anna, year);
    let texts: Vec<&str> = now.body.goals.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Juurutada teadmusbaas", "Vastata kõnedele SLA piires"]
    );
    assert!(now
        .body
        .goals
        .iter()
        .all(|g| g.carried && g.rating.is_none()));
    assert_eq!(now.body.goals[1].kpi_code.as_deref(), Some("2.3.5"));
    assert!(now.body.next_goals.is_empty());
    // The list shows them as goals to assess.
    let line = desk
        .reviews_list(&head, year)
        .unwrap()
        .into_iter()
        .find(|l| l.employee_id == anna)
        .unwrap();
    assert_eq!((line.goals, line.goals_rated), (2, 0));
}

#[test]
fn a_probation_interview_is_due_on_the_probations_last_day() {
    let (_d, mut desk, head) = with_head();
    let start = today() - Duration::days(100);
    let mut e = employee("Jaan", "Uus", "jaan@smit.ee");
    e.start_date = dmy(start);
    let jaan = desk.employee_add(&head, &e).unwrap().id;
    // Owed without being planned: four months for an employee (TLS § 86).
    let due = kso_core::reviews::probation_end(start, 4);
    let reminders = desk.review_reminders(&head, today()).unwrap();
    let owed = reminders
        .iter()
        .find_map(|r| match r {
            Reminder::ProbationDue {
                employee_id,
                due,
                days,
                review_id,
                ..
            } if *employee_id == jaan => Some((*due, *days, *review_id)),
            _ => None,
        })
        .expect("a probation reminder");
    assert_eq!(owed, (due, (due - today()).num_days(), None));

    // Planned with a shorter probation: the due day follows it.
    let r = desk
        .review_plan(
            &head,
            &PlanInput {
                employee_id: jaan,
                kind: ReviewKind::Probation,
                year: 0,
                planned_on: String::new(),
                probation_months: "3".into(),
            },
        )
        .unwrap();
    assert_eq!(
        r.probation_end,
        Some(kso_core::reviews::probation_end(start, 3))
    );
    let e = desk
        .review_plan(
            &head,
            &PlanInput {
                employee_id: jaan,
                kind: ReviewKind::Probation,
                year: 0,
                planned_on: String::new(),
                probation_months: "7".into(),
            },
        )
        .unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("probation_months", Rule::NumberRange { min: 1, max: 6 })]
    );
}

#[test]
fn approved_training_counts_against_its_budget_line_and_cannot_exceed_it() {
    let (_d, mut desk, head) = with_head();
    let anna = desk
        .employee_add(&head, &employee("Anna", "Tamm", "anna@smit.ee"))
        .unwrap()
        .id;
    let year = today().year();
    let line = desk
        .budget_line_save(
            &head,
            &BudgetLineInput {
                id: None,
                year,
                code: "4508".into(),
                name: "Koolitus".into(),
                approved: "2 000,00".into(),
            },
        )
        .unwrap()
        .id;
    // From the interview's need.
    let r = plan(&mut desk, &head, anna, year);
    let r = save(
        &mut desk,
        &head,
        &r,
        ReviewBody {
            needs: vec![Need {
                id: 0,
                text: "ITIL 4 Foundation".into(),
            }],
            ..Default::default()
        },
    )
    .unwrap();
    let need = r.body.needs[0].id;
    let input = |cost: &str| TrainingInput {
        id: 0,
        employee_id: anna,
        review_id: Some(r.id),
        need_id: Some(need),
        course: "ITIL 4 Foundation".into(),
        provider: "BCS Koolitus AS".into(),
        starts_on: format!("01.12.{year}"),
        ends_on: format!("02.12.{year}"),
        cost: cost.into(),
        budget_line_id: Some(line),
        note: String::new(),
    };
    let t = desk.training_save(&head, &input("1 500,00")).unwrap();
    assert_eq!(
        (t.status, t.cost_cents),
        (TrainingStatus::Requested, 150_000)
    );
    let free = |desk: &Desk| {
        desk.budget_status(&head, year, today())
            .unwrap()
            .lines
            .into_iter()
            .find(|l| l.id == line)
            .map(|l| (l.free_cents, l.training_cents))
            .unwrap()
    };
    assert_eq!(free(&desk), (200_000, 0), "a request does not count yet");
    let decide = |desk: &mut Desk, id: i64, status: TrainingStatus| {
        desk.training_decide(
            &head,
            &TrainingDecisionInput {
                id,
                status,
                on: String::new(),
                note: String::new(),
            },
        )
    };
    // Done only after approval.
    let e = decide(&mut desk, t.id, TrainingStatus::Done).unwrap_err();
    assert_eq!(rules(&e), vec![("status", Rule::StatusOrder)]);
    decide(&mut desk, t.id, TrainingStatus::Approved).unwrap();
    assert_eq!(free(&desk), (50_000, 150_000));
    // The interview shows the request made from its need.
    let r = desk.review(&head, r.id).unwrap();
    assert_eq!(r.trainings, vec![(need, t.id, TrainingStatus::Approved)]);

    // A second one over what is free is refused, naming the free amount; a rejection is fine.
    let t2 = desk.training_save(&head, &input("600,00")).unwrap();
    let e = decide(&mut desk, t2.id, TrainingStatus::Approved).unwrap_err();
    assert_eq!(
        rules(&e),
        vec![("budget_line_id", Rule::OverBudget { free_cents: 50_000 })]
    );
    assert!(
        e.message(kso_core::Lang::Et).contains("500,00"),
        "{}",
        e.message(kso_core::Lang::Et)
    );
    decide(&mut desk, t2.id, TrainingStatus::Rejected).unwrap();
    assert_eq!(free(&desk), (50_000, 150_000));
    // A decided request is not edited.
    let mut again = input("100,00");
    again.id = t2.id;
    let e = desk.training_save(&head, &again).unwrap_err();
    assert_eq!(rules(&e), vec![("id", Rule::Decided)]);
    // A need that is not in the interview is refused.
    let mut wrong = input("100,00");
    wrong.need_id = Some(99);
    let e = desk.training_save(&head, &wrong).unwrap_err();
    assert_eq!(rules(&e), vec![("need_id", Rule::NeedNotInReview)]);
}

#[test]
fn proposals_go_draft_submitted_decided_and_name_what_they_need() {
    let (_d, mut desk, head) = with_head();
    let anna = desk
        .employee_add(&head, &employee("Anna", "Tamm", "anna@smit.ee"))
        .unwrap()
        .id;
    let input = |kind, employee_id, amount: &str| ProposalInput {
        id: 0,
        kind,
        employee_id,
        position_id: None,
        justification: "Erakordne panus.".into(),
        amount: amount.into(),
    };
    let e = desk
        .proposal_save(&head, &input(ProposalKind::Reward, Some(anna), ""))
        .unwrap_err();
    assert_eq!(rules(&e), vec![("proposal_amount", Rule::Required)]);
    let e = desk
        .proposal_save(&head, &input(ProposalKind::Hire, None, ""))
        .unwrap_err();
    assert_eq!(rules(&e), vec![("position_id", Rule::Required)]);
    let p = desk
        .proposal_save(&head, &input(ProposalKind::Reward, Some(anna), "600,00"))
        .unwrap();
    assert_eq!(
        (p.status, p.amount_cents, p.employee.as_deref()),
        (ProposalStatus::Draft, Some(60_000), Some("Anna Tamm"))
    );
    let decide = |desk: &mut Desk, id| {
        desk.proposal_decide(
            &head,
            &ProposalDecisionInput {
                id,
                decision: Decision::Approved,
                on: String::new(),
                note: "Alates 1. jaanuarist.".into(),
            },
        )
    };
    let e = decide(&mut desk, p.id).unwrap_err();
    assert_eq!(rules(&e), vec![("id", Rule::NotSubmitted)]);
    let p = desk.proposal_submit(&head, p.id, "").unwrap();
    assert_eq!(p.status, ProposalStatus::Submitted);
    let mut change = input(ProposalKind::Reward, Some(anna), "700,00");
    change.id = p.id;
    let e = desk.proposal_save(&head, &change).unwrap_err();
    assert_eq!(rules(&e), vec![("id", Rule::NotDraft)]);
    let p = decide(&mut desk, p.id).unwrap();
    assert_eq!(
        (p.status, p.decision),
        (ProposalStatus::Decided, Some(Decision::Approved))
    );
    let e = decide(&mut desk, p.id).unwrap_err();
    assert_eq!(rules(&e), vec![("id", Rule::Decided)]);
}

#[test]
fn interviews_are_the_heads_and_the_acting_substitutes_only_if_allowed() {
    let (_d, mut desk, head) = with_head();
    let anna = desk
        .employee_add(&head, &employee("Anna", "Tamm", "anna@smit.ee"))
        .unwrap()
        .id;
    let r = plan(&mut desk, &head, anna, today().year());
    let deputy_id = add_user(&mut desk, &head, "asendaja", "deputy");
    add_user(&mut desk, &head, "vaatleja", "viewer");
    let sign_in = |desk: &Desk, login: &str| {
        desk.sign_in(&LoginInput {
            login: login.into(),
            password: PASSWORD.into(),
        })
        .unwrap()
    };
    let deputy = sign_in(&desk, "asendaja");
    let viewer = sign_in(&desk, "vaatleja");
    let forbidden =
        |res: Result<Review, Error>| matches!(res, Err(Error::Forbidden(Action::ViewReviews)));
    assert!(forbidden(desk.review(&viewer, r.id)));
    assert!(forbidden(desk.review(&deputy, r.id)));
    assert!(matches!(desk.proposals(&viewer), Err(Error::Forbidden(_))));

    // Acting for the head (§ 3.6) is not enough while the head has not allowed it…
    substitute_today(&mut desk, &head, deputy_id);
    assert!(forbidden(desk.review(&deputy, r.id)));
    assert!(!desk
        .permissions(&deputy)
        .unwrap()
        .contains(&Action::ViewReviews));
    // …and the substitute cannot allow it themselves.
    let allow = ReviewSettings {
        scale: kso_core::reviews::default_scale(),
        substitute_may_see: true,
    };
    assert!(matches!(
        desk.review_settings_save(&deputy, &allow),
        Err(Error::Forbidden(_))
    ));
    desk.review_settings_save(&head, &allow).unwrap();
    assert_eq!(desk.review(&deputy, r.id).unwrap().employee, "Anna Tamm");
    assert!(desk
        .permissions(&deputy)
        .unwrap()
        .contains(&Action::EditReviews));
    // The viewer still sees nothing.
    assert!(forbidden(desk.review(&viewer, r.id)));
    // The audit trail never holds an interview's text.
    let mut body = r.body.clone();
    body.development = "Konfidentsiaalne hinnang".into();
    save(&mut desk, &head, &r, body).unwrap();
    let leaked: i64 = desk
        .connection()
        .query_row(
            "SELECT count(*) FROM audit WHERE coalesce(after_json, '') || coalesce(before_json, '') LIKE '%Konfidentsiaalne%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0);
}

#[test]
fn the_scale_cannot_shrink_below_the_ratings_given() {
    let (_d, mut desk, head) = with_head();
    let anna = desk
        .employee_add(&head, &employee("Anna", "Tamm", "anna@smit.ee"))
        .unwrap()
        .id;
    let r = plan(&mut desk, &head, anna, today().year());
    let mut g = goal("Eesmärk");
    g.rating = Some(4);
    save(
        &mut desk,
        &head,
        &r,
        ReviewBody {
            goals: vec![g],
            ..Default::default()
        },
    )
    .unwrap();
    let three = ReviewSettings {
        scale: vec!["madal".into(), "keskmine".into(), "kõrge".into()],
        substitute_may_see: false,
    };
    let e = desk.review_settings_save(&head, &three).unwrap_err();
    assert_eq!(rules(&e), vec![("scale", Rule::ScaleBelowRatings)]);
    let mut four = three.clone();
    four.scale.push("väga kõrge".into());
    assert_eq!(
        desk.review_settings_save(&head, &four).unwrap().scale.len(),
        4
    );
}
