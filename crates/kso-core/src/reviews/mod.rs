//! Reviews and development (§ 3.7.5, § 3.7.10, § 3.7.11): the annual development interview with
//! the topics of the Civil Service Act § 30, the probation interview (§ 24(7)), training requests
//! and personnel proposals. The pure rules live here: the interview's status flow, the goals
//! carried over from last year, the probation's dates, and the reminders.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Lang;

pub mod model;

/// Annual development interview (ATS § 30) or probation interview (ATS § 24(7)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    Annual,
    Probation,
}

impl ReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Annual => "annual",
            ReviewKind::Probation => "probation",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewKind> {
        match s {
            "annual" => Some(ReviewKind::Annual),
            "probation" => Some(ReviewKind::Probation),
            _ => None,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ReviewKind::Annual => lang.pick("arenguvestlus", "development interview"),
            ReviewKind::Probation => lang.pick("katseaja vestlus", "probation interview"),
        }
    }
}

/// planned → held → summary given → commented → signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Planned,
    Held,
    /// The written summary given to the employee for their opinion.
    SummaryGiven,
    /// The employee's comments on the summary recorded.
    Commented,
    /// The summary signed by the head and the employee.
    Signed,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 5] = [
        ReviewStatus::Planned,
        ReviewStatus::Held,
        ReviewStatus::SummaryGiven,
        ReviewStatus::Commented,
        ReviewStatus::Signed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Planned => "planned",
            ReviewStatus::Held => "held",
            ReviewStatus::SummaryGiven => "summary_given",
            ReviewStatus::Commented => "commented",
            ReviewStatus::Signed => "signed",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ReviewStatus::Planned => lang.pick("kavandatud", "planned"),
            ReviewStatus::Held => lang.pick("peetud", "held"),
            ReviewStatus::SummaryGiven => lang.pick("kokkuvõte töötajale antud", "summary given"),
            ReviewStatus::Commented => lang.pick("töötaja kommenteeris", "commented"),
            ReviewStatus::Signed => lang.pick("allkirjastatud", "signed"),
        }
    }

    /// The status that follows, if any.
    pub fn next(self) -> Option<ReviewStatus> {
        let i = ReviewStatus::ALL.iter().position(|s| *s == self)?;
        ReviewStatus::ALL.get(i + 1).copied()
    }
}

/// One of last year's goals, assessed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Goal {
    /// Kept when carried over; 0 in a new goal (the core numbers it).
    pub id: i64,
    pub text: String,
    /// On the settings' scale: 1 = its first label. None until assessed.
    pub rating: Option<i64>,
    pub comment: String,
    /// The job description's duty it serves (its id in the description in force), if any.
    pub duty_id: Option<i64>,
    /// The indicator of § 2.3 it serves ("2.3.4"), if any.
    pub kpi_code: Option<String>,
    /// Carried over from last year's interview's next goals.
    #[serde(default)]
    pub carried: bool,
}

/// A training need named in the interview; a training request may be made from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Need {
    pub id: i64,
    pub text: String,
}

/// What the interview covers: the topics of ATS § 30.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewBody {
    /// Last year's goals, each assessed (the assessment of work results).
    pub goals: Vec<Goal>,
    /// The assessment of professional development.
    pub development: String,
    pub needs: Vec<Need>,
    /// Next year's goals (they become next year's goals to assess).
    pub next_goals: Vec<Goal>,
    /// The employee's feedback to the manager on management.
    pub feedback: String,
    /// The head's written summary.
    pub summary: String,
    /// The employee's comments on the summary.
    pub employee_comments: String,
}

/// Numbers new goals and needs (id 0) after the largest id in use.
pub fn number(body: &mut ReviewBody) {
    let mut next = body
        .goals
        .iter()
        .chain(&body.next_goals)
        .map(|g| g.id)
        .chain(body.needs.iter().map(|n| n.id))
        .max()
        .unwrap_or(0);
    let mut give = |id: &mut i64| {
        if *id == 0 {
            next += 1;
            *id = next;
        }
    };
    for g in body.goals.iter_mut().chain(body.next_goals.iter_mut()) {
        give(&mut g.id);
    }
    for n in &mut body.needs {
        give(&mut n.id);
    }
}

/// This year's goals to assess: last year's next goals, carried, unrated.
pub fn carried_goals(last_year: Option<&ReviewBody>) -> Vec<Goal> {
    last_year
        .map(|b| {
            b.next_goals
                .iter()
                .map(|g| Goal {
                    rating: None,
                    comment: String::new(),
                    carried: true,
                    ..g.clone()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Probation by the contract: six months for an official (ATS § 24(1)), four for an employee
/// (Employment Contracts Act § 86(1)); either may be agreed shorter.
pub fn default_probation_months(official: bool) -> u32 {
    if official {
        6
    } else {
        4
    }
}

/// The probation's last day: `months` from the start, the day before the same date.
pub fn probation_end(start: NaiveDate, months: u32) -> NaiveDate {
    let end = start
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    end.pred_opt().unwrap_or(end)
}

/// How many days before its due day an interview is reminded of.
pub const REMIND_DAYS: i64 = 30;

/// A reminder on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reminder {
    /// Active employees with no development interview held this year (none, or only planned).
    AnnualNotHeld {
        year: i32,
        employees: Vec<(i64, String)>,
    },
    /// A probation interview due by the probation's last day (within 30 days, or past).
    ProbationDue {
        employee_id: i64,
        employee: String,
        due: NaiveDate,
        /// Days until due (negative: overdue).
        days: i64,
        review_id: Option<i64>,
    },
    /// A summary given to the employee, waiting for their comments.
    AwaitingComments {
        review_id: i64,
        employee: String,
        given_on: NaiveDate,
    },
}

/// What the reminders are computed from.
pub struct ReminderFacts<'a> {
    pub today: NaiveDate,
    /// Active employees: (id, name, start date, official).
    pub employees: &'a [(i64, String, NaiveDate, bool)],
    /// Every interview: (id, employee, kind, year, status, probation end, summary given on).
    pub reviews: &'a [ReviewFact],
}

#[derive(Debug, Clone)]
pub struct ReviewFact {
    pub id: i64,
    pub employee_id: i64,
    pub kind: ReviewKind,
    pub year: i32,
    pub status: ReviewStatus,
    pub probation_end: Option<NaiveDate>,
    pub summary_given_on: Option<NaiveDate>,
}

/// The reminders of `today`: interviews not yet held this year (not of those who started in the
/// last six months: their probation interview comes first), probation interviews due, summaries
/// waiting for the employee's comments.
pub fn reminders(f: &ReminderFacts) -> Vec<Reminder> {
    let year = f.today.year();
    let mut out = Vec::new();
    let held = |e: i64| {
        f.reviews.iter().any(|r| {
            r.employee_id == e
                && r.kind == ReviewKind::Annual
                && r.year == year
                && r.status >= ReviewStatus::Held
        })
    };
    // Someone who started in the last six months owes a probation interview first.
    let new_hire = |start: NaiveDate| start > f.today - chrono::Duration::days(183);
    let not_held: Vec<(i64, String)> = f
        .employees
        .iter()
        .filter(|e| !held(e.0) && !new_hire(e.2))
        .map(|e| (e.0, e.1.clone()))
        .collect();
    if !not_held.is_empty() {
        out.push(Reminder::AnnualNotHeld {
            year,
            employees: not_held,
        });
    }
    for (id, name, start, official) in f.employees {
        let review = f
            .reviews
            .iter()
            .find(|r| r.employee_id == *id && r.kind == ReviewKind::Probation);
        if review.is_some_and(|r| r.status >= ReviewStatus::Held) {
            continue;
        }
        let due = review
            .and_then(|r| r.probation_end)
            .unwrap_or_else(|| probation_end(*start, default_probation_months(*official)));
        let days = (due - f.today).num_days();
        // Reminded from 30 days before until 30 days after (an interview is still owed).
        if (-REMIND_DAYS..=REMIND_DAYS).contains(&days) && *start <= f.today {
            out.push(Reminder::ProbationDue {
                employee_id: *id,
                employee: name.clone(),
                due,
                days,
                review_id: review.map(|r| r.id),
            });
        }
    }
    for r in f.reviews {
        if r.status == ReviewStatus::SummaryGiven {
            let name = f
                .employees
                .iter()
                .find(|e| e.0 == r.employee_id)
                .map(|e| e.1.clone())
                .unwrap_or_default();
            out.push(Reminder::AwaitingComments {
                review_id: r.id,
                employee: name,
                given_on: r.summary_given_on.unwrap_or(f.today),
            });
        }
    }
    out
}

/// The default rating scale.
pub fn default_scale() -> Vec<String> {
    [
        "ei vasta ootustele",
        "vastab osaliselt",
        "vastab ootustele",
        "ületab ootusi",
        "ületab oluliselt",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn probation_ends_the_day_before_the_same_date_months_later() {
        assert_eq!(probation_end(d("2026-03-02"), 4), d("2026-07-01"));
        assert_eq!(probation_end(d("2026-01-01"), 6), d("2026-06-30"));
        // The 31st into a shorter month: the month's last day, then the day before it.
        assert_eq!(probation_end(d("2026-08-31"), 6), d("2027-02-27"));
    }

    #[test]
    fn statuses_follow_in_order() {
        assert_eq!(ReviewStatus::Planned.next(), Some(ReviewStatus::Held));
        assert_eq!(ReviewStatus::Commented.next(), Some(ReviewStatus::Signed));
        assert_eq!(ReviewStatus::Signed.next(), None);
        for s in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn last_years_next_goals_are_carried_unrated_with_their_links() {
        let last = ReviewBody {
            next_goals: vec![Goal {
                id: 4,
                text: "Juurutada teadmusbaas".into(),
                rating: Some(3),
                comment: "x".into(),
                duty_id: Some(2),
                kpi_code: Some("2.3.4".into()),
                carried: false,
            }],
            ..Default::default()
        };
        let goals = carried_goals(Some(&last));
        assert_eq!(goals.len(), 1);
        assert_eq!(goals[0].id, 4);
        assert_eq!(goals[0].rating, None);
        assert_eq!(goals[0].comment, "");
        assert_eq!(goals[0].duty_id, Some(2));
        assert_eq!(goals[0].kpi_code.as_deref(), Some("2.3.4"));
        assert!(goals[0].carried);
        assert!(carried_goals(None).is_empty());
    }

    #[test]
    fn reminders_name_who_is_waiting() {
        let today = d("2026-12-04");
        let employees = vec![
            (1, "Mari Maasikas".to_string(), d("2020-01-01"), true),
            (2, "Jaan Tamm".to_string(), d("2026-08-10"), false),
            (3, "Kati Kask".to_string(), d("2019-05-01"), false),
        ];
        let reviews = vec![
            ReviewFact {
                id: 10,
                employee_id: 1,
                kind: ReviewKind::Annual,
                year: 2026,
                status: ReviewStatus::SummaryGiven,
                probation_end: None,
                summary_given_on: Some(d("2026-11-20")),
            },
            ReviewFact {
                id: 11,
                employee_id: 3,
                kind: ReviewKind::Annual,
                year: 2026,
                status: ReviewStatus::Planned,
                probation_end: None,
                summary_given_on: None,
            },
        ];
        let r = reminders(&ReminderFacts {
            today,
            employees: &employees,
            reviews: &reviews,
        });
        // Kati (only planned) has not had hers; Mari has; Jaan is new and owes a probation one.
        assert_eq!(
            r[0],
            Reminder::AnnualNotHeld {
                year: 2026,
                employees: vec![(3, "Kati Kask".into())]
            }
        );
        // Jaan's four months end on 09.12.2026: due in 5 days.
        assert_eq!(
            r[1],
            Reminder::ProbationDue {
                employee_id: 2,
                employee: "Jaan Tamm".into(),
                due: d("2026-12-09"),
                days: 5,
                review_id: None
            }
        );
        assert_eq!(
            r[2],
            Reminder::AwaitingComments {
                review_id: 10,
                employee: "Mari Maasikas".into(),
                given_on: d("2026-11-20")
            }
        );
        assert_eq!(r.len(), 3);
    }
}
