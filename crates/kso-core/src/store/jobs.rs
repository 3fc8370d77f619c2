//! Job descriptions: versions, the files kept with them, acknowledgements and templates.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{date_from_sql, date_to_sql};
use crate::error::{Error, Result};
use crate::jobs::{JobBody, JobFile, JobStatus, JobTemplate};

/// A stored version as read.
#[derive(Debug, Clone)]
pub struct VersionRow {
    pub id: i64,
    pub position_id: i64,
    pub version: i64,
    pub status: JobStatus,
    pub body: JobBody,
    pub based_on: Option<i64>,
    pub template: Option<String>,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    pub submitted_by: Option<String>,
    pub approved_by: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub approval_ref: Option<String>,
    pub approval_file: Option<i64>,
    pub in_force_from: Option<NaiveDate>,
    pub recorded_by: Option<String>,
}

const COLUMNS: &str =
    "id, position_id, version, status, body, based_on, template, note, created_at,
    created_by, updated_at, submitted_at, submitted_by, approved_by, approved_on, approval_ref,
    approval_file, in_force_from, recorded_by";

fn body_from(s: &str) -> rusqlite::Result<JobBody> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn body_to(b: &JobBody) -> Result<String> {
    serde_json::to_string(b).map_err(|e| Error::Internal(e.to_string()))
}

fn version_row(r: &Row) -> rusqlite::Result<VersionRow> {
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        r.get::<_, Option<String>>(i)?
            .map(date_from_sql)
            .transpose()
    };
    Ok(VersionRow {
        id: r.get(0)?,
        position_id: r.get(1)?,
        version: r.get(2)?,
        status: JobStatus::parse(&r.get::<_, String>(3)?).unwrap_or(JobStatus::Draft),
        body: body_from(&r.get::<_, String>(4)?)?,
        based_on: r.get(5)?,
        template: r.get(6)?,
        note: r.get(7)?,
        created_at: r.get(8)?,
        created_by: r.get(9)?,
        updated_at: r.get(10)?,
        submitted_at: r.get(11)?,
        submitted_by: r.get(12)?,
        approved_by: r.get(13)?,
        approved_on: date(14)?,
        approval_ref: r.get(15)?,
        approval_file: r.get(16)?,
        in_force_from: date(17)?,
        recorded_by: r.get(18)?,
    })
}

/// Every version of every position (or of one), by position and version.
pub fn versions(conn: &Connection, position_id: Option<i64>) -> Result<Vec<VersionRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM job_version WHERE ?1 IS NULL OR position_id = ?1
         ORDER BY position_id, version"
    ))?;
    let rows = stmt.query_map([position_id], version_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn version(conn: &Connection, id: i64) -> Result<Option<VersionRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM job_version WHERE id = ?1"),
            [id],
            version_row,
        )
        .optional()?)
}

/// A new draft; returns its id.
pub struct NewDraft<'a> {
    pub position_id: i64,
    pub version: i64,
    pub body: &'a JobBody,
    pub based_on: Option<i64>,
    pub template: Option<&'a str>,
    pub at: &'a str,
    pub by: &'a str,
}

pub fn insert_draft(conn: &Connection, d: &NewDraft) -> Result<i64> {
    conn.execute(
        "INSERT INTO job_version (position_id, version, status, body, based_on, template,
                                  created_at, created_by, updated_at)
         VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?6)",
        params![
            d.position_id,
            d.version,
            body_to(d.body)?,
            d.based_on,
            d.template,
            d.at,
            d.by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_draft(
    conn: &Connection,
    id: i64,
    body: &JobBody,
    note: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE job_version SET body = ?2, note = ?3, updated_at = ?4
         WHERE id = ?1 AND status = 'draft'",
        params![id, body_to(body)?, note, at],
    )?;
    Ok(())
}

/// Draft ↔ submitted: who submitted and when (cleared on the way back).
pub fn set_submitted(conn: &Connection, id: i64, submitted: Option<(&str, &str)>) -> Result<()> {
    conn.execute(
        "UPDATE job_version SET status = CASE WHEN ?2 IS NULL THEN 'draft' ELSE 'submitted' END,
             submitted_at = ?2, submitted_by = ?3
         WHERE id = ?1",
        params![id, submitted.map(|s| s.0), submitted.map(|s| s.1)],
    )?;
    Ok(())
}

pub struct ApprovalRow<'a> {
    pub approved_by: &'a str,
    pub approved_on: NaiveDate,
    pub reference: &'a str,
    pub file: Option<i64>,
    pub in_force_from: NaiveDate,
    pub recorded_by: &'a str,
    pub at: &'a str,
}

pub fn approve(conn: &Connection, id: i64, a: &ApprovalRow) -> Result<()> {
    conn.execute(
        "UPDATE job_version SET status = 'approved', approved_by = ?2, approved_on = ?3,
             approval_ref = ?4, approval_file = ?5, in_force_from = ?6, recorded_by = ?7,
             updated_at = ?8
         WHERE id = ?1 AND status = 'submitted'",
        params![
            id,
            a.approved_by,
            date_to_sql(a.approved_on),
            a.reference,
            a.file,
            date_to_sql(a.in_force_from),
            a.recorded_by,
            a.at
        ],
    )?;
    Ok(())
}

/// Removes an open version (a draft discarded).
pub fn delete_open(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM job_version WHERE id = ?1 AND status <> 'approved'",
        [id],
    )?;
    Ok(())
}

/// Keeps a PDF; returns its id.
pub fn insert_file(
    conn: &Connection,
    file_name: &str,
    content: &[u8],
    sha256: &str,
    at: &str,
    by: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO job_file (file_name, content, sha256, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![file_name, content, sha256, at, by],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn file_ref(conn: &Connection, id: i64) -> Result<Option<JobFile>> {
    Ok(conn
        .query_row(
            "SELECT id, file_name, sha256 FROM job_file WHERE id = ?1",
            [id],
            |r| {
                Ok(JobFile {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    sha256: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// A kept PDF's name and bytes.
pub fn file_content(conn: &Connection, id: i64) -> Result<Option<(String, Vec<u8>)>> {
    Ok(conn
        .query_row(
            "SELECT file_name, content FROM job_file WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// An acknowledgement as stored (the employee's name joined).
#[derive(Debug, Clone)]
pub struct AckRow {
    pub version_id: i64,
    pub employee_id: i64,
    pub employee: String,
    pub acknowledged_on: NaiveDate,
    pub file_id: Option<i64>,
    pub recorded_by: String,
}

pub fn acknowledgements(conn: &Connection) -> Result<Vec<AckRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.version_id, a.employee_id, e.first_name || ' ' || e.last_name,
                a.acknowledged_on, a.file_id, a.recorded_by
         FROM job_acknowledgement a JOIN employee e ON e.id = a.employee_id
         ORDER BY a.version_id, a.acknowledged_on, a.employee_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(AckRow {
            version_id: r.get(0)?,
            employee_id: r.get(1)?,
            employee: r.get(2)?,
            acknowledged_on: date_from_sql(r.get(3)?)?,
            file_id: r.get(4)?,
            recorded_by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub struct NewAck<'a> {
    pub version_id: i64,
    pub employee_id: i64,
    pub acknowledged_on: NaiveDate,
    pub file_id: Option<i64>,
    pub by: &'a str,
    pub at: &'a str,
}

/// Records an acknowledgement; false when this employee had already acknowledged the version.
pub fn acknowledge(conn: &Connection, a: &NewAck) -> Result<bool> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO job_acknowledgement
             (version_id, employee_id, acknowledged_on, file_id, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            a.version_id,
            a.employee_id,
            date_to_sql(a.acknowledged_on),
            a.file_id,
            a.by,
            a.at
        ],
    )?;
    Ok(n == 1)
}

/// Whether the employee has acknowledged the version.
pub fn acknowledged(conn: &Connection, version_id: i64, employee_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM job_acknowledgement WHERE version_id = ?1 AND employee_id = ?2",
        )?
        .exists(params![version_id, employee_id])?)
}

/// Active employees by position: (position id, employee id, name).
pub fn holders(conn: &Connection) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT position_id, id, first_name || ' ' || last_name FROM employee
         WHERE active AND position_id IS NOT NULL ORDER BY last_name, first_name, id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn templates(conn: &Connection) -> Result<Vec<JobTemplate>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, body, builtin FROM job_template ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(JobTemplate {
            name: r.get(0)?,
            body: body_from(&r.get::<_, String>(1)?)?,
            builtin: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn template(conn: &Connection, name: &str) -> Result<Option<JobTemplate>> {
    Ok(templates(conn)?
        .into_iter()
        .find(|t| t.name.to_lowercase() == name.trim().to_lowercase()))
}

/// Adds or replaces a template by name.
pub fn save_template(
    conn: &Connection,
    name: &str,
    body: &JobBody,
    builtin: bool,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO job_template (name, body, builtin, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        params![name, body_to(body)?, builtin, at],
    )?;
    Ok(())
}

pub fn delete_template(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM job_template WHERE name = ?1", [name])? == 1)
}
