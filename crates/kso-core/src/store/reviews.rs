//! Interviews, their signed summaries, training requests, personnel proposals and the
//! interviews' settings.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{date_from_sql, date_to_sql};
use crate::error::{Error, Result};
use crate::reviews::model::*;
use crate::reviews::{ReviewBody, ReviewKind, ReviewStatus};

fn json_err(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

fn opt_date(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .map(date_from_sql)
        .transpose()
}

// ---- settings ------------------------------------------------------------------------------

pub fn settings(conn: &Connection) -> Result<ReviewSettings> {
    let row: Option<(String, bool)> = conn
        .query_row(
            "SELECT scale, substitute_may_see FROM review_settings WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((scale, may)) => ReviewSettings {
            scale: serde_json::from_str(&scale).map_err(json_err)?,
            substitute_may_see: may,
        },
        None => ReviewSettings {
            scale: crate::reviews::default_scale(),
            substitute_may_see: false,
        },
    })
}

/// Whether the substitute acting for the head may see interviews (read on every authorization).
pub fn substitute_may_see(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT substitute_may_see FROM review_settings WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

pub fn save_settings(conn: &Connection, s: &ReviewSettings) -> Result<()> {
    let scale = serde_json::to_string(&s.scale).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO review_settings (id, scale, substitute_may_see) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET scale = ?1, substitute_may_see = ?2",
        params![scale, s.substitute_may_see],
    )?;
    Ok(())
}

/// The highest rating given in any interview (a scale cannot shrink below it).
pub fn highest_rating(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(json_extract(g.value, '$.rating')), 0)
         FROM review, json_each(review.body, '$.goals') AS g",
        [],
        |r| r.get(0),
    )?)
}

// ---- interviews ----------------------------------------------------------------------------

/// A stored interview as read.
#[derive(Debug, Clone)]
pub struct ReviewRow {
    pub id: i64,
    pub employee_id: i64,
    pub kind: ReviewKind,
    pub year: i32,
    pub status: ReviewStatus,
    pub planned_on: Option<NaiveDate>,
    pub held_on: Option<NaiveDate>,
    pub summary_given_on: Option<NaiveDate>,
    pub commented_on: Option<NaiveDate>,
    pub signed_on: Option<NaiveDate>,
    pub probation_months: Option<i64>,
    pub probation_end: Option<NaiveDate>,
    pub body: ReviewBody,
    pub file: Option<ReviewFile>,
    pub updated_at: String,
}

const REVIEW_COLUMNS: &str = "r.id, r.employee_id, r.kind, r.year, r.status, r.planned_on,
    r.held_on, r.summary_given_on, r.commented_on, r.signed_on, r.probation_months,
    r.probation_end, r.body, r.updated_at, f.id, f.file_name, f.sha256";

fn review_row(r: &Row) -> rusqlite::Result<ReviewRow> {
    let file_id: Option<i64> = r.get(14)?;
    Ok(ReviewRow {
        id: r.get(0)?,
        employee_id: r.get(1)?,
        kind: ReviewKind::parse(&r.get::<_, String>(2)?).unwrap_or(ReviewKind::Annual),
        year: r.get(3)?,
        status: ReviewStatus::parse(&r.get::<_, String>(4)?).unwrap_or(ReviewStatus::Planned),
        planned_on: opt_date(r, 5)?,
        held_on: opt_date(r, 6)?,
        summary_given_on: opt_date(r, 7)?,
        commented_on: opt_date(r, 8)?,
        signed_on: opt_date(r, 9)?,
        probation_months: r.get(10)?,
        probation_end: opt_date(r, 11)?,
        body: serde_json::from_str(&r.get::<_, String>(12)?).map_err(json_err)?,
        updated_at: r.get(13)?,
        file: match file_id {
            Some(id) => Some(ReviewFile {
                id,
                file_name: r.get(15)?,
                sha256: r.get(16)?,
            }),
            None => None,
        },
    })
}

/// Every interview (or those of a year, the probation ones included whatever their year).
pub fn reviews(conn: &Connection, year: Option<i32>) -> Result<Vec<ReviewRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REVIEW_COLUMNS} FROM review r LEFT JOIN review_file f ON f.id = r.file_id
         WHERE ?1 IS NULL OR r.year = ?1 OR r.kind = 'probation' ORDER BY r.year, r.id"
    ))?;
    let rows = stmt.query_map([year], review_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn review(conn: &Connection, id: i64) -> Result<Option<ReviewRow>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {REVIEW_COLUMNS} FROM review r
                 LEFT JOIN review_file f ON f.id = r.file_id WHERE r.id = ?1"
            ),
            [id],
            review_row,
        )
        .optional()?)
}

/// The employee's annual interview of a year.
pub fn annual(conn: &Connection, employee_id: i64, year: i32) -> Result<Option<ReviewRow>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM review WHERE employee_id = ?1 AND year = ?2 AND kind = 'annual'",
            params![employee_id, year],
            |r| r.get(0),
        )
        .optional()?;
    id.map_or(Ok(None), |id| review(conn, id))
}

pub fn probation_of(conn: &Connection, employee_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM review WHERE employee_id = ?1 AND kind = 'probation'",
            [employee_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub struct NewReview<'a> {
    pub employee_id: i64,
    pub kind: ReviewKind,
    pub year: i32,
    pub planned_on: Option<NaiveDate>,
    pub probation_months: Option<i64>,
    pub probation_end: Option<NaiveDate>,
    pub body: &'a ReviewBody,
    pub by: &'a str,
    pub at: &'a str,
}

pub fn insert(conn: &Connection, n: &NewReview) -> Result<i64> {
    conn.execute(
        "INSERT INTO review (employee_id, kind, year, status, planned_on, probation_months,
             probation_end, body, created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, 'planned', ?4, ?5, ?6, ?7, ?8, ?9, ?8)",
        params![
            n.employee_id,
            n.kind.as_str(),
            n.year,
            n.planned_on.map(date_to_sql),
            n.probation_months,
            n.probation_end.map(date_to_sql),
            body_to(n.body)?,
            n.at,
            n.by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn body_to(b: &ReviewBody) -> Result<String> {
    serde_json::to_string(b).map_err(|e| Error::Internal(e.to_string()))
}

pub fn save(
    conn: &Connection,
    id: i64,
    body: &ReviewBody,
    planned_on: Option<NaiveDate>,
    at: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE review SET body = ?2, planned_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, body_to(body)?, planned_on.map(date_to_sql), at],
    )?;
    Ok(())
}

/// Moves an interview to `status`, recording its day (and, for `commented`, the body with the
/// employee's comments).
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: ReviewStatus,
    on: NaiveDate,
    body: &ReviewBody,
    at: &str,
) -> Result<()> {
    let column = match status {
        ReviewStatus::Planned => "planned_on",
        ReviewStatus::Held => "held_on",
        ReviewStatus::SummaryGiven => "summary_given_on",
        ReviewStatus::Commented => "commented_on",
        ReviewStatus::Signed => "signed_on",
    };
    conn.execute(
        &format!(
            "UPDATE review SET status = ?2, {column} = ?3, body = ?4, updated_at = ?5 WHERE id = ?1"
        ),
        params![id, status.as_str(), date_to_sql(on), body_to(body)?, at],
    )?;
    Ok(())
}

pub fn insert_file(
    conn: &Connection,
    name: &str,
    content: &[u8],
    sha256: &str,
    at: &str,
    by: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO review_file (file_name, content, sha256, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, content, sha256, at, by],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_file(conn: &Connection, id: i64, file_id: i64, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE review SET file_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, file_id, at],
    )?;
    Ok(())
}

pub fn file_content(conn: &Connection, id: i64) -> Result<Option<(String, Vec<u8>)>> {
    Ok(conn
        .query_row(
            "SELECT file_name, content FROM review_file WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

// ---- training ------------------------------------------------------------------------------

const TRAINING_COLUMNS: &str = "t.id, t.employee_id, e.first_name || ' ' || e.last_name,
    t.review_id, t.need_id, t.course, t.provider, t.starts_on, t.ends_on, t.cost_cents,
    t.budget_line_id, b.year || ' ' || b.code || ' ' || b.name, t.status, t.decided_on, t.note,
    t.created_at";

fn training_row(r: &Row) -> rusqlite::Result<Training> {
    Ok(Training {
        id: r.get(0)?,
        employee_id: r.get(1)?,
        employee: r.get(2)?,
        review_id: r.get(3)?,
        need_id: r.get(4)?,
        course: r.get(5)?,
        provider: r.get(6)?,
        starts_on: date_from_sql(r.get(7)?)?,
        ends_on: date_from_sql(r.get(8)?)?,
        cost_cents: r.get(9)?,
        budget_line_id: r.get(10)?,
        budget_line: r.get(11)?,
        status: TrainingStatus::parse(&r.get::<_, String>(12)?)
            .unwrap_or(TrainingStatus::Requested),
        decided_on: opt_date(r, 13)?,
        note: r.get(14)?,
        created_at: r.get(15)?,
    })
}

/// Every training request, the newest first.
pub fn trainings(conn: &Connection) -> Result<Vec<Training>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TRAINING_COLUMNS} FROM training t JOIN employee e ON e.id = t.employee_id
         LEFT JOIN budget_line b ON b.id = t.budget_line_id
         ORDER BY t.starts_on DESC, t.id DESC"
    ))?;
    let rows = stmt.query_map([], training_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn training(conn: &Connection, id: i64) -> Result<Option<Training>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {TRAINING_COLUMNS} FROM training t JOIN employee e ON e.id = t.employee_id
                 LEFT JOIN budget_line b ON b.id = t.budget_line_id WHERE t.id = ?1"
            ),
            [id],
            training_row,
        )
        .optional()?)
}

pub struct TrainingRow<'a> {
    pub id: i64,
    pub employee_id: i64,
    pub review_id: Option<i64>,
    pub need_id: Option<i64>,
    pub course: &'a str,
    pub provider: &'a str,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub cost_cents: i64,
    pub budget_line_id: Option<i64>,
    pub note: &'a str,
}

/// Writes a request (a new one when `t.id` is 0); returns its id.
pub fn save_training(conn: &Connection, t: &TrainingRow, by: &str, at: &str) -> Result<i64> {
    let (starts, ends) = (date_to_sql(t.starts_on), date_to_sql(t.ends_on));
    if t.id == 0 {
        conn.execute(
            "INSERT INTO training (employee_id, review_id, need_id, course, provider, starts_on,
                 ends_on, cost_cents, budget_line_id, status, note, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'requested', ?10, ?11, ?12)",
            params![
                t.employee_id,
                t.review_id,
                t.need_id,
                t.course,
                t.provider,
                starts,
                ends,
                t.cost_cents,
                t.budget_line_id,
                t.note,
                at,
                by
            ],
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE training SET employee_id = ?2, review_id = ?3, need_id = ?4, course = ?5,
                 provider = ?6, starts_on = ?7, ends_on = ?8, cost_cents = ?9,
                 budget_line_id = ?10, note = ?11
             WHERE id = ?1",
            params![
                t.id,
                t.employee_id,
                t.review_id,
                t.need_id,
                t.course,
                t.provider,
                starts,
                ends,
                t.cost_cents,
                t.budget_line_id,
                t.note
            ],
        )?;
        Ok(t.id)
    }
}

pub fn decide_training(
    conn: &Connection,
    id: i64,
    status: TrainingStatus,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE training SET status = ?2, decided_on = ?3, note = ?4 WHERE id = ?1",
        params![id, status.as_str(), date_to_sql(on), note],
    )?;
    Ok(())
}

/// The approved and done trainings' cost by budget line: (line, cents).
pub fn training_use(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT budget_line_id, SUM(cost_cents) FROM training
         WHERE status IN ('approved', 'done') AND budget_line_id IS NOT NULL
         GROUP BY budget_line_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- proposals -----------------------------------------------------------------------------

const PROPOSAL_COLUMNS: &str = "p.id, p.kind, p.employee_id, e.first_name || ' ' || e.last_name,
    p.position_id, pos.code || ' ' || pos.title, p.justification, p.amount_cents, p.status,
    p.submitted_on, p.decided_on, p.decision, p.decision_note, p.created_at, p.created_by";

fn proposal_row(r: &Row) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        id: r.get(0)?,
        kind: ProposalKind::parse(&r.get::<_, String>(1)?).unwrap_or(ProposalKind::Reward),
        employee_id: r.get(2)?,
        employee: r.get(3)?,
        position_id: r.get(4)?,
        position: r.get(5)?,
        justification: r.get(6)?,
        amount_cents: r.get(7)?,
        status: ProposalStatus::parse(&r.get::<_, String>(8)?).unwrap_or(ProposalStatus::Draft),
        submitted_on: opt_date(r, 9)?,
        decided_on: opt_date(r, 10)?,
        decision: r
            .get::<_, Option<String>>(11)?
            .and_then(|d| Decision::parse(&d)),
        decision_note: r.get(12)?,
        created_at: r.get(13)?,
        created_by: r.get(14)?,
    })
}

const PROPOSAL_FROM: &str = "FROM proposal p LEFT JOIN employee e ON e.id = p.employee_id
    LEFT JOIN position pos ON pos.id = p.position_id";

/// Every proposal, the newest first.
pub fn proposals(conn: &Connection) -> Result<Vec<Proposal>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PROPOSAL_COLUMNS} {PROPOSAL_FROM} ORDER BY p.created_at DESC, p.id DESC"
    ))?;
    let rows = stmt.query_map([], proposal_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn proposal(conn: &Connection, id: i64) -> Result<Option<Proposal>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PROPOSAL_COLUMNS} {PROPOSAL_FROM} WHERE p.id = ?1"),
            [id],
            proposal_row,
        )
        .optional()?)
}

pub struct ProposalRow<'a> {
    pub id: i64,
    pub kind: ProposalKind,
    pub employee_id: Option<i64>,
    pub position_id: Option<i64>,
    pub justification: &'a str,
    pub amount_cents: Option<i64>,
}

/// Writes a draft (a new one when `p.id` is 0); returns its id.
pub fn save_proposal(conn: &Connection, p: &ProposalRow, by: &str, at: &str) -> Result<i64> {
    if p.id == 0 {
        conn.execute(
            "INSERT INTO proposal (kind, employee_id, position_id, justification, amount_cents,
                 status, created_at, created_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?7, ?6)",
            params![
                p.kind.as_str(),
                p.employee_id,
                p.position_id,
                p.justification,
                p.amount_cents,
                at,
                by
            ],
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE proposal SET kind = ?2, employee_id = ?3, position_id = ?4,
                 justification = ?5, amount_cents = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                p.id,
                p.kind.as_str(),
                p.employee_id,
                p.position_id,
                p.justification,
                p.amount_cents,
                at
            ],
        )?;
        Ok(p.id)
    }
}

pub fn submit_proposal(conn: &Connection, id: i64, on: NaiveDate, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE proposal SET status = 'submitted', submitted_on = ?2, updated_at = ?3
         WHERE id = ?1",
        params![id, date_to_sql(on), at],
    )?;
    Ok(())
}

pub fn decide_proposal(
    conn: &Connection,
    id: i64,
    decision: Decision,
    on: NaiveDate,
    note: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE proposal SET status = 'decided', decision = ?2, decided_on = ?3,
             decision_note = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, decision.as_str(), date_to_sql(on), note, at],
    )?;
    Ok(())
}

/// The indicators' codes ("2.3.4"), for goals linked to one.
pub fn kpi_codes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT code FROM kpi ORDER BY sort_order")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The employee records of the head's accounts: the head's own interview is held by the head's
/// manager, not in this department's list.
pub fn head_employee_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT employee_id FROM user_account
         WHERE role = 'head' AND active AND employee_id IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
