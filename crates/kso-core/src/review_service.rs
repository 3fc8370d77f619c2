//! Reviews and development in the service (§ 3.7.5, § 3.7.10, § 3.7.11; ATS § 30, § 24(7)):
//! interviews planned, held, summarised, commented and signed; training requests decided against
//! the budget; personnel proposals submitted and decided. Interviews and proposals are
//! confidential ([`Action::ViewReviews`]); their audit records say what was done, never the text.

use chrono::{Datelike, NaiveDate};
use serde_json::json;

use crate::auth::{Action, Actor};
use crate::contract_service::Book;
use crate::error::{Error, Result, Rule};
use crate::jobs::{in_force, FileInput, JobStatus};
use crate::reviews::model::*;
use crate::reviews::{self, ReviewBody, ReviewFact, ReviewKind, ReviewStatus};
use crate::service::{now_utc, today_tallinn, Change, Desk};
use crate::store;
use crate::store::audit::AuditRecord;
use crate::store::reviews::ReviewRow;
use crate::validate::Checker;

/// Longest text of a section.
const TEXT_MAX: usize = 4_000;
/// Most goals or needs in a section.
const ITEMS_MAX: usize = 30;

fn not_found(entity: &'static str, id: i64) -> Error {
    Error::NotFound {
        entity,
        id: id.to_string(),
    }
}

/// An audit record that names the record and, at most, its status: never its content.
fn audit(action: &'static str, entity: &'static str, id: i64) -> AuditRecord {
    AuditRecord {
        action,
        entity,
        entity_id: Some(id.to_string()),
        before: None,
        after: None,
    }
}

/// A day as typed, or today when empty; never in the future.
fn day(c: &mut Checker, field: &'static str, value: &str, today: NaiveDate) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        return Some(today);
    }
    let d = c.date(field, value)?;
    if d > today {
        c.fail(field, Rule::InFuture);
        return None;
    }
    Some(d)
}

fn name(e: &crate::model::Employee) -> String {
    format!("{} {}", e.first_name, e.last_name)
}

/// Duty ids of the job description in force today for the employee's position.
fn duties_in_force(conn: &rusqlite::Connection, position_id: Option<i64>) -> Result<Vec<i64>> {
    let Some(position_id) = position_id else {
        return Ok(Vec::new());
    };
    let versions = store::jobs::versions(conn, Some(position_id))?;
    let approved: Vec<(i64, NaiveDate)> = versions
        .iter()
        .filter(|v| v.status == JobStatus::Approved)
        .filter_map(|v| v.in_force_from.map(|f| (v.id, f)))
        .collect();
    Ok(in_force(&approved, today_tallinn())
        .and_then(|id| versions.iter().find(|v| v.id == id))
        .map(|v| v.body.duties.iter().map(|d| d.id).collect())
        .unwrap_or_default())
}

/// Checks the body's texts, ratings and links; numbers new goals and needs.
fn check_body(
    conn: &rusqlite::Connection,
    c: &mut Checker,
    body: &ReviewBody,
    position_id: Option<i64>,
) -> Result<ReviewBody> {
    let scale = store::reviews::settings(conn)?.scale.len() as i64;
    let duties = duties_in_force(conn, position_id)?;
    let kpis = store::reviews::kpi_codes(conn)?;
    let mut b = body.clone();
    for (field, text) in [
        ("development", &mut b.development),
        ("feedback", &mut b.feedback),
        ("summary", &mut b.summary),
        ("employee_comments", &mut b.employee_comments),
    ] {
        *text = c.optional_text(field, text, TEXT_MAX);
    }
    if b.goals.len() > ITEMS_MAX || b.next_goals.len() > ITEMS_MAX || b.needs.len() > ITEMS_MAX {
        c.fail(
            "goals",
            Rule::NumberRange {
                min: 0,
                max: ITEMS_MAX as i64,
            },
        );
    }
    for (field, goals) in [("goals", &mut b.goals), ("next_goals", &mut b.next_goals)] {
        goals.retain(|g| !g.text.trim().is_empty() || g.rating.is_some());
        for g in goals.iter_mut() {
            g.text = c.text(field, &g.text, TEXT_MAX);
            g.comment = c.optional_text(field, &g.comment, TEXT_MAX);
            if g.rating.is_some_and(|r| r < 1 || r > scale) {
                c.fail(field, Rule::NumberRange { min: 1, max: scale });
            }
            if g.duty_id.is_some_and(|d| !duties.contains(&d)) {
                c.fail(field, Rule::UnknownDuty);
            }
            g.kpi_code = g
                .kpi_code
                .as_deref()
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(String::from);
            if g.kpi_code.as_ref().is_some_and(|k| !kpis.contains(k)) {
                c.fail(field, Rule::UnknownKpi);
            }
        }
    }
    for g in &mut b.next_goals {
        g.rating = None;
        g.carried = false;
    }
    b.needs.retain(|n| !n.text.trim().is_empty());
    for n in &mut b.needs {
        n.text = c.text("needs", &n.text, TEXT_MAX);
    }
    reviews::number(&mut b);
    Ok(b)
}

impl Desk {
    // ---- settings --------------------------------------------------------------------------

    pub fn review_settings(&self, actor: &Actor) -> Result<ReviewSettings> {
        self.read(actor, Action::ViewReviews, store::reviews::settings)
    }

    /// The rating scale and the substitute's access: the head's own decision (§ 3.6 gives the
    /// substitute the head's rights, but interviews are confidential unless the head allows).
    pub fn review_settings_save(
        &mut self,
        actor: &Actor,
        input: &ReviewSettings,
    ) -> Result<ReviewSettings> {
        let mut c = Checker::new();
        let scale: Vec<String> = input.scale.iter().map(|l| c.text("scale", l, 60)).collect();
        c.finish()?;
        self.change(actor, Action::ManageAccounts, |tx| {
            let highest = store::reviews::highest_rating(tx)?;
            if !(2..=10).contains(&scale.len()) || (scale.len() as i64) < highest {
                return Err(Error::field("scale", Rule::ScaleBelowRatings));
            }
            let s = ReviewSettings {
                scale: scale.clone(),
                substitute_may_see: input.substitute_may_see,
            };
            store::reviews::save_settings(tx, &s)?;
            let mut a = audit("review.settings", "review_settings", 1);
            a.after =
                Some(json!({ "steps": s.scale.len(), "substitute_may_see": s.substitute_may_see }));
            Ok(Change { value: s, audit: a })
        })
    }

    // ---- interviews ------------------------------------------------------------------------

    /// Every active employee with the year's development interview and their probation
    /// interview, if they have or owe one.
    pub fn reviews_list(&self, actor: &Actor, year: i32) -> Result<Vec<ReviewLine>> {
        self.read(actor, Action::ViewReviews, |conn| {
            let rows = store::reviews::reviews(conn, Some(year))?;
            let today = today_tallinn();
            Ok(staff(conn)?
                .into_iter()
                .map(|e| {
                    let annual = rows.iter().find(|r| {
                        r.employee_id == e.id && r.kind == ReviewKind::Annual && r.year == year
                    });
                    let probation = rows
                        .iter()
                        .find(|r| r.employee_id == e.id && r.kind == ReviewKind::Probation);
                    let end = probation.and_then(|p| p.probation_end).unwrap_or_else(|| {
                        reviews::probation_end(
                            e.start_date,
                            reviews::default_probation_months(
                                e.contract_type == crate::model::ContractType::Official,
                            ),
                        )
                    });
                    let owes = probation.is_some()
                        || end >= today - chrono::Duration::days(reviews::REMIND_DAYS);
                    ReviewLine {
                        employee_id: e.id,
                        employee: name(&e),
                        position: e.position_title.clone(),
                        annual: annual.map(|r| (r.id, r.status)),
                        planned_on: annual.and_then(|r| r.planned_on),
                        held_on: annual.and_then(|r| r.held_on),
                        goals_rated: annual.map_or(0, |r| {
                            r.body.goals.iter().filter(|g| g.rating.is_some()).count() as u32
                        }),
                        goals: annual.map_or(0, |r| r.body.goals.len() as u32),
                        next_goals: annual.map_or(0, |r| r.body.next_goals.len() as u32),
                        probation: owes
                            .then(|| (probation.map(|p| p.id), probation.map(|p| p.status), end)),
                    }
                })
                .collect())
        })
    }

    pub fn review(&self, actor: &Actor, id: i64) -> Result<Review> {
        self.read(actor, Action::ViewReviews, |conn| review_view(conn, id))
    }

    /// Plans an interview. An annual one starts with last year's next goals to assess.
    pub fn review_plan(&mut self, actor: &Actor, input: &PlanInput) -> Result<Review> {
        let mut c = Checker::new();
        let planned_on = if input.planned_on.trim().is_empty() {
            None
        } else {
            c.date("planned_on", &input.planned_on)
        };
        if input.kind == ReviewKind::Annual && !(2000..=2100).contains(&input.year) {
            c.fail("year", Rule::YearRange);
        }
        let months: Option<i64> = match input.probation_months.trim() {
            "" => None,
            m => match m.parse::<i64>() {
                Ok(m) if (1..=6).contains(&m) => Some(m),
                _ => {
                    c.fail("probation_months", Rule::NumberRange { min: 1, max: 6 });
                    None
                }
            },
        };
        c.finish()?;
        let by = self.whoami(actor)?.name;
        let id = self.change(actor, Action::EditReviews, |tx| {
            let e = store::employees::get(tx, input.employee_id)?
                .filter(|e| e.active)
                .ok_or_else(|| Error::field("employee_id", Rule::UnknownEmployee))?;
            let at = now_utc();
            let (year, body, months, end) = match input.kind {
                ReviewKind::Annual => {
                    if store::reviews::annual(tx, e.id, input.year)?.is_some() {
                        return Err(Error::field("employee_id", Rule::AlreadyPlanned));
                    }
                    let last = store::reviews::annual(tx, e.id, input.year - 1)?;
                    let body = ReviewBody {
                        goals: reviews::carried_goals(last.as_ref().map(|r| &r.body)),
                        ..Default::default()
                    };
                    (input.year, body, None, None)
                }
                ReviewKind::Probation => {
                    if store::reviews::probation_of(tx, e.id)?.is_some() {
                        return Err(Error::field("employee_id", Rule::AlreadyPlanned));
                    }
                    let official = e.contract_type == crate::model::ContractType::Official;
                    let m = months.unwrap_or(reviews::default_probation_months(official) as i64);
                    let end = reviews::probation_end(e.start_date, m as u32);
                    (end.year(), ReviewBody::default(), Some(m), Some(end))
                }
            };
            let id = store::reviews::insert(
                tx,
                &store::reviews::NewReview {
                    employee_id: e.id,
                    kind: input.kind,
                    year,
                    planned_on,
                    probation_months: months,
                    probation_end: end,
                    body: &body,
                    by: &by,
                    at: &at,
                },
            )?;
            let mut a = audit("review.plan", "review", id);
            a.after =
                Some(json!({ "employee_id": e.id, "kind": input.kind.as_str(), "year": year }));
            Ok(Change {
                value: id,
                audit: a,
            })
        })?;
        self.review(actor, id)
    }

    /// Writes the interview's content while it is planned or held.
    pub fn review_save(&mut self, actor: &Actor, input: &ReviewSaveInput) -> Result<Review> {
        let id = input.id;
        self.change(actor, Action::EditReviews, |tx| {
            let r = store::reviews::review(tx, id)?.ok_or_else(|| not_found("review", id))?;
            if r.status > ReviewStatus::Held {
                return Err(Error::field("id", Rule::ReviewLocked));
            }
            let e = store::employees::get(tx, r.employee_id)?
                .ok_or_else(|| not_found("employee", r.employee_id))?;
            let mut c = Checker::new();
            let mut body = check_body(tx, &mut c, &input.body, e.position_id)?;
            let planned_on = if input.planned_on.trim().is_empty() {
                None
            } else {
                c.date("planned_on", &input.planned_on)
            };
            if r.status == ReviewStatus::Held && body.goals.iter().any(|g| g.rating.is_none()) {
                c.fail("goals", Rule::Unrated);
            }
            c.finish()?;
            // The employee's comments are recorded in their own step.
            body.employee_comments = r.body.employee_comments.clone();
            store::reviews::save(tx, id, &body, planned_on, &now_utc())?;
            Ok(Change {
                value: (),
                audit: audit("review.save", "review", id),
            })
        })?;
        self.review(actor, id)
    }

    /// The next step of the status flow: held (every goal rated), the summary given (written),
    /// the employee's comments recorded, signed. Each step's day is on or after the previous
    /// one's and not in the future.
    pub fn review_advance(&mut self, actor: &Actor, input: &AdvanceInput) -> Result<Review> {
        let id = input.id;
        let today = today_tallinn();
        self.change(actor, Action::EditReviews, |tx| {
            let r = store::reviews::review(tx, id)?.ok_or_else(|| not_found("review", id))?;
            if r.status.next() != Some(input.to) {
                return Err(Error::field("to", Rule::StatusOrder));
            }
            let mut c = Checker::new();
            let on = day(&mut c, "on", &input.on, today);
            let mut body = r.body.clone();
            match input.to {
                ReviewStatus::Held => {
                    if body.goals.iter().any(|g| g.rating.is_none()) {
                        c.fail("goals", Rule::Unrated);
                    }
                }
                ReviewStatus::SummaryGiven => {
                    if body.summary.trim().is_empty() {
                        c.fail("summary", Rule::Required);
                    }
                }
                ReviewStatus::Commented => {
                    body.employee_comments =
                        c.optional_text("employee_comments", &input.employee_comments, TEXT_MAX);
                }
                ReviewStatus::Planned | ReviewStatus::Signed => {}
            }
            let previous = [r.held_on, r.summary_given_on, r.commented_on, r.planned_on]
                .into_iter()
                .flatten()
                .filter(|_| input.to != ReviewStatus::Held)
                .max();
            if let (Some(on), Some(p)) = (on, previous) {
                if on < p {
                    c.fail("on", Rule::EndBeforeStart);
                }
            }
            c.finish()?;
            let on = on.expect("checked");
            store::reviews::set_status(tx, id, input.to, on, &body, &now_utc())?;
            let mut a = audit("review.advance", "review", id);
            a.before = Some(json!({ "status": r.status.as_str() }));
            a.after = Some(json!({ "status": input.to.as_str(), "on": on }));
            Ok(Change {
                value: (),
                audit: a,
            })
        })?;
        self.review(actor, id)
    }

    /// Keeps the signed summary with the interview: the head's signature (`employee_signed`
    /// false, once the employee has commented), then the employee's, which makes it signed.
    pub fn review_keep_signed(
        &mut self,
        actor: &Actor,
        id: i64,
        file: &FileInput,
        employee_signed: bool,
    ) -> Result<Review> {
        let today = today_tallinn();
        let by = self.whoami(actor)?.name;
        self.change(actor, Action::EditReviews, |tx| {
            let r = store::reviews::review(tx, id)?.ok_or_else(|| not_found("review", id))?;
            if r.status != ReviewStatus::Commented {
                return Err(Error::field("id", Rule::StatusOrder));
            }
            let at = now_utc();
            let file_id = store::reviews::insert_file(
                tx,
                file.file_name.trim(),
                &file.content,
                &crate::contracts::sha256_hex(&file.content),
                &at,
                &by,
            )?;
            store::reviews::set_file(tx, id, file_id, &at)?;
            if employee_signed {
                store::reviews::set_status(tx, id, ReviewStatus::Signed, today, &r.body, &at)?;
            }
            let mut a = audit("review.sign", "review", id);
            a.after = Some(json!({ "employee_signed": employee_signed, "file": file.file_name }));
            Ok(Change {
                value: (),
                audit: a,
            })
        })?;
        self.review(actor, id)
    }

    /// A signed summary kept with an interview: its name and bytes.
    pub fn review_file(&self, actor: &Actor, file_id: i64) -> Result<(String, Vec<u8>)> {
        self.read(actor, Action::ViewReviews, |conn| {
            store::reviews::file_content(conn, file_id)?
                .ok_or_else(|| not_found("review_file", file_id))
        })
    }

    /// The dashboard's reminders of `today`.
    pub fn review_reminders(
        &self,
        actor: &Actor,
        today: NaiveDate,
    ) -> Result<Vec<reviews::Reminder>> {
        self.read(actor, Action::ViewReviews, |conn| {
            let employees: Vec<(i64, String, NaiveDate, bool)> = staff(conn)?
                .into_iter()
                .map(|e| {
                    let official = e.contract_type == crate::model::ContractType::Official;
                    (e.id, name(&e), e.start_date, official)
                })
                .collect();
            let facts: Vec<ReviewFact> = store::reviews::reviews(conn, Some(today.year()))?
                .into_iter()
                .map(|r| ReviewFact {
                    id: r.id,
                    employee_id: r.employee_id,
                    kind: r.kind,
                    year: r.year,
                    status: r.status,
                    probation_end: r.probation_end,
                    summary_given_on: r.summary_given_on,
                })
                .collect();
            Ok(reviews::reminders(&reviews::ReminderFacts {
                today,
                employees: &employees,
                reviews: &facts,
            }))
        })
    }

    // ---- training (§ 3.7.10) ---------------------------------------------------------------

    pub fn trainings(&self, actor: &Actor) -> Result<Vec<Training>> {
        self.read(actor, Action::ViewStaff, store::reviews::trainings)
    }

    /// A new training request, or a change to a requested one. From an interview's need, the
    /// need must be in that interview of the same employee.
    pub fn training_save(&mut self, actor: &Actor, input: &TrainingInput) -> Result<Training> {
        let mut c = Checker::new();
        let course = c.text("course", &input.course, 200);
        let provider = c.text("provider", &input.provider, 200);
        let starts = c.date("starts_on", &input.starts_on);
        let ends = c.date("ends_on", &input.ends_on);
        if let (Some(s), Some(e)) = (starts, ends) {
            if e < s {
                c.fail("ends_on", Rule::EndBeforeStart);
            }
        }
        let cost = crate::contracts::parse_money(&input.cost);
        if cost.is_none() {
            c.fail("cost", Rule::MoneyForm);
        }
        let note = c.optional_text("note", &input.note, 1_000);
        c.finish()?;
        let by = self.whoami(actor)?.name;
        let id = self.change(actor, Action::EditStaff, |tx| {
            if input.id != 0 {
                let t = store::reviews::training(tx, input.id)?
                    .ok_or_else(|| not_found("training", input.id))?;
                if t.status != TrainingStatus::Requested {
                    return Err(Error::field("id", Rule::Decided));
                }
            }
            store::employees::get(tx, input.employee_id)?
                .filter(|e| e.active)
                .ok_or_else(|| Error::field("employee_id", Rule::UnknownEmployee))?;
            if let Some(line) = input.budget_line_id {
                store::budget::get(tx, line)?
                    .ok_or_else(|| Error::field("budget_line_id", Rule::UnknownBudgetLine))?;
            }
            if let Some(rid) = input.review_id {
                let r = store::reviews::review(tx, rid)?
                    .filter(|r| r.employee_id == input.employee_id)
                    .ok_or_else(|| Error::field("review_id", Rule::NeedNotInReview))?;
                if input
                    .need_id
                    .is_some_and(|n| !r.body.needs.iter().any(|x| x.id == n))
                {
                    return Err(Error::field("need_id", Rule::NeedNotInReview));
                }
            }
            let id = store::reviews::save_training(
                tx,
                &store::reviews::TrainingRow {
                    id: input.id,
                    employee_id: input.employee_id,
                    review_id: input.review_id,
                    need_id: input.need_id.filter(|_| input.review_id.is_some()),
                    course: &course,
                    provider: &provider,
                    starts_on: starts.expect("checked"),
                    ends_on: ends.expect("checked"),
                    cost_cents: cost.expect("checked"),
                    budget_line_id: input.budget_line_id,
                    note: &note,
                },
                &by,
                &now_utc(),
            )?;
            let mut a = audit("training.save", "training", id);
            a.after = Some(json!({
                "employee_id": input.employee_id, "course": course, "cost_cents": cost,
                "budget_line_id": input.budget_line_id,
            }));
            Ok(Change {
                value: id,
                audit: a,
            })
        })?;
        self.read(actor, Action::ViewStaff, |c| {
            store::reviews::training(c, id)?.ok_or_else(|| not_found("training", id))
        })
    }

    /// Approves (the cost then counts against its budget line, which must have it free),
    /// rejects, or records as done (an approved one).
    pub fn training_decide(
        &mut self,
        actor: &Actor,
        input: &TrainingDecisionInput,
    ) -> Result<Training> {
        let today = today_tallinn();
        let mut c = Checker::new();
        let on = day(&mut c, "on", &input.on, today);
        let note = c.optional_text("note", &input.note, 1_000);
        c.finish()?;
        let on = on.expect("checked");
        let id = input.id;
        self.change(actor, Action::EditStaff, |tx| {
            let t = store::reviews::training(tx, id)?.ok_or_else(|| not_found("training", id))?;
            let allowed = match input.status {
                TrainingStatus::Approved | TrainingStatus::Rejected => {
                    t.status == TrainingStatus::Requested
                }
                TrainingStatus::Done => t.status == TrainingStatus::Approved,
                TrainingStatus::Requested => false,
            };
            if !allowed {
                return Err(Error::field("status", Rule::StatusOrder));
            }
            if input.status == TrainingStatus::Approved {
                let line_id = t
                    .budget_line_id
                    .ok_or_else(|| Error::field("budget_line_id", Rule::Required))?;
                let line = store::budget::get(tx, line_id)?
                    .ok_or_else(|| Error::field("budget_line_id", Rule::UnknownBudgetLine))?;
                if line.year != t.starts_on.year() {
                    return Err(Error::field("budget_line_id", Rule::ShareLineYear));
                }
                let free = Book::load(tx, today)?
                    .line_statuses(Some(line.year))
                    .into_iter()
                    .find(|l| l.id == line_id)
                    .map_or(0, |l| l.free_cents);
                if free < t.cost_cents {
                    return Err(Error::field(
                        "budget_line_id",
                        Rule::OverBudget { free_cents: free },
                    ));
                }
            }
            store::reviews::decide_training(tx, id, input.status, on, &note)?;
            let mut a = audit("training.decide", "training", id);
            a.before = Some(json!({ "status": t.status.as_str() }));
            a.after = Some(
                json!({ "status": input.status.as_str(), "on": on, "cost_cents": t.cost_cents }),
            );
            Ok(Change {
                value: (),
                audit: a,
            })
        })?;
        self.read(actor, Action::ViewStaff, |c| {
            store::reviews::training(c, id)?.ok_or_else(|| not_found("training", id))
        })
    }

    // ---- proposals (§ 3.7.11) --------------------------------------------------------------

    pub fn proposals(&self, actor: &Actor) -> Result<Vec<Proposal>> {
        self.read(actor, Action::ViewReviews, store::reviews::proposals)
    }

    /// A new proposal or a change to a draft: a hire names the vacant position, the others the
    /// employee; a pay change, an allowance and a reward name an amount.
    pub fn proposal_save(&mut self, actor: &Actor, input: &ProposalInput) -> Result<Proposal> {
        let mut c = Checker::new();
        let justification = c.text("justification", &input.justification, TEXT_MAX);
        let amount = match input.amount.trim() {
            "" => None,
            a => match crate::contracts::parse_money(a) {
                Some(v) if v > 0 => Some(v),
                _ => {
                    c.fail("proposal_amount", Rule::MoneyForm);
                    None
                }
            },
        };
        if input.kind.needs_amount() && amount.is_none() && !c.has("proposal_amount") {
            c.fail("proposal_amount", Rule::Required);
        }
        match input.kind {
            crate::reviews::model::ProposalKind::Hire => {
                if input.position_id.is_none() {
                    c.fail("position_id", Rule::Required);
                }
            }
            _ => {
                if input.employee_id.is_none() {
                    c.fail("employee_id", Rule::Required);
                }
            }
        }
        c.finish()?;
        let by = self.whoami(actor)?.name;
        let id = self.change(actor, Action::EditReviews, |tx| {
            if input.id != 0 {
                let p = store::reviews::proposal(tx, input.id)?
                    .ok_or_else(|| not_found("proposal", input.id))?;
                if p.status != ProposalStatus::Draft {
                    return Err(Error::field("id", Rule::NotDraft));
                }
            }
            let employee = match input.kind {
                crate::reviews::model::ProposalKind::Hire => None,
                _ => input.employee_id,
            };
            if let Some(e) = employee {
                store::employees::get(tx, e)?
                    .ok_or_else(|| Error::field("employee_id", Rule::UnknownEmployee))?;
            }
            if let Some(p) = input.position_id {
                if !store::positions::list(tx)?.iter().any(|x| x.id == p) {
                    return Err(Error::field("position_id", Rule::UnknownPosition));
                }
            }
            let id = store::reviews::save_proposal(
                tx,
                &store::reviews::ProposalRow {
                    id: input.id,
                    kind: input.kind,
                    employee_id: employee,
                    position_id: input.position_id,
                    justification: &justification,
                    amount_cents: amount,
                },
                &by,
                &now_utc(),
            )?;
            let mut a = audit("proposal.save", "proposal", id);
            a.after = Some(json!({ "kind": input.kind.as_str() }));
            Ok(Change {
                value: id,
                audit: a,
            })
        })?;
        self.proposal(actor, id)
    }

    fn proposal(&self, actor: &Actor, id: i64) -> Result<Proposal> {
        self.read(actor, Action::ViewReviews, |c| {
            store::reviews::proposal(c, id)?.ok_or_else(|| not_found("proposal", id))
        })
    }

    /// Submits a draft to management.
    pub fn proposal_submit(&mut self, actor: &Actor, id: i64, on: &str) -> Result<Proposal> {
        let today = today_tallinn();
        let mut c = Checker::new();
        let on = day(&mut c, "on", on, today);
        c.finish()?;
        let on = on.expect("checked");
        self.change(actor, Action::EditReviews, |tx| {
            let p = store::reviews::proposal(tx, id)?.ok_or_else(|| not_found("proposal", id))?;
            if p.status != ProposalStatus::Draft {
                return Err(Error::field("id", Rule::NotDraft));
            }
            store::reviews::submit_proposal(tx, id, on, &now_utc())?;
            let mut a = audit("proposal.submit", "proposal", id);
            a.after = Some(json!({ "status": "submitted", "on": on }));
            Ok(Change {
                value: (),
                audit: a,
            })
        })?;
        self.proposal(actor, id)
    }

    /// Records management's decision on a submitted proposal.
    pub fn proposal_decide(
        &mut self,
        actor: &Actor,
        input: &ProposalDecisionInput,
    ) -> Result<Proposal> {
        let today = today_tallinn();
        let mut c = Checker::new();
        let on = day(&mut c, "on", &input.on, today);
        let note = c.optional_text("note", &input.note, TEXT_MAX);
        c.finish()?;
        let on = on.expect("checked");
        let id = input.id;
        self.change(actor, Action::EditReviews, |tx| {
            let p = store::reviews::proposal(tx, id)?.ok_or_else(|| not_found("proposal", id))?;
            match p.status {
                ProposalStatus::Draft => return Err(Error::field("id", Rule::NotSubmitted)),
                ProposalStatus::Decided => return Err(Error::field("id", Rule::Decided)),
                ProposalStatus::Submitted => {}
            }
            if p.submitted_on.is_some_and(|s| on < s) {
                return Err(Error::field("on", Rule::EndBeforeStart));
            }
            store::reviews::decide_proposal(tx, id, input.decision, on, &note, &now_utc())?;
            let mut a = audit("proposal.decide", "proposal", id);
            a.after = Some(json!({ "decision": input.decision.as_str(), "on": on }));
            Ok(Change {
                value: (),
                audit: a,
            })
        })?;
        self.proposal(actor, id)
    }
}

/// The active employees the head holds interviews with: all but the head.
fn staff(conn: &rusqlite::Connection) -> Result<Vec<crate::model::Employee>> {
    let heads = store::reviews::head_employee_ids(conn)?;
    Ok(store::employees::list(conn, false, None)?
        .into_iter()
        .filter(|e| !heads.contains(&e.id))
        .collect())
}

/// An interview with its employee and the training requests made from it.
fn review_view(conn: &rusqlite::Connection, id: i64) -> Result<Review> {
    let r: ReviewRow = store::reviews::review(conn, id)?.ok_or_else(|| not_found("review", id))?;
    let e = store::employees::get(conn, r.employee_id)?
        .ok_or_else(|| not_found("employee", r.employee_id))?;
    let trainings = store::reviews::trainings(conn)?
        .into_iter()
        .filter(|t| t.review_id == Some(id))
        .filter_map(|t| t.need_id.map(|n| (n, t.id, t.status)))
        .collect();
    Ok(Review {
        id: r.id,
        employee_id: r.employee_id,
        employee: name(&e),
        position_id: e.position_id,
        position: e.position_title.clone(),
        kind: r.kind,
        year: r.year,
        status: r.status,
        planned_on: r.planned_on,
        held_on: r.held_on,
        summary_given_on: r.summary_given_on,
        commented_on: r.commented_on,
        signed_on: r.signed_on,
        probation_months: r.probation_months,
        probation_end: r.probation_end,
        body: r.body,
        file: r.file,
        trainings,
        updated_at: r.updated_at,
    })
}
