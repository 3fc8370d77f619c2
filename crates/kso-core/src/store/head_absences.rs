//! The head's absences and who substitutes for the head in them (§ 3.6).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{date_from_sql, date_to_sql};
use crate::error::Result;
use crate::model::HeadAbsence;

const SELECT: &str = "SELECT a.id, a.starts_on, a.ends_on, a.reason, a.substitute_id, u.name,
                             a.ended_at, a.created_at
                      FROM head_absence a JOIN user_account u ON u.id = a.substitute_id";

fn from_row(r: &Row) -> rusqlite::Result<HeadAbsence> {
    Ok(HeadAbsence {
        id: r.get(0)?,
        starts_on: date_from_sql(r.get(1)?)?,
        ends_on: date_from_sql(r.get(2)?)?,
        reason: r.get(3)?,
        substitute_id: r.get(4)?,
        substitute_name: r.get(5)?,
        ended_at: r.get(6)?,
        created_at: r.get(7)?,
    })
}

/// Newest first.
pub fn list(conn: &Connection) -> Result<Vec<HeadAbsence>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} ORDER BY a.starts_on DESC, a.id DESC"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<HeadAbsence>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// The absences whose days overlap `from..=to`, but `except` (one ended early keeps the days
/// up to its end).
pub fn overlapping(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    except: Option<i64>,
) -> Result<Vec<HeadAbsence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE a.starts_on <= ?2 AND a.ends_on >= ?1 AND (?3 IS NULL OR a.id <> ?3)"
    ))?;
    let rows = stmt.query_map(
        params![date_to_sql(from), date_to_sql(to), except],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The absence in force on `today` that has not been ended early, if any.
pub fn current(conn: &Connection, today: NaiveDate) -> Result<Option<HeadAbsence>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE a.starts_on <= ?1 AND a.ends_on >= ?1 AND a.ended_at IS NULL
             ORDER BY a.id LIMIT 1"
        ))?
        .query_row([date_to_sql(today)], from_row)
        .optional()?)
}

/// The next absence that starts after `today`.
pub fn next(conn: &Connection, today: NaiveDate) -> Result<Option<HeadAbsence>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE a.starts_on > ?1 AND a.ended_at IS NULL
             ORDER BY a.starts_on LIMIT 1"
        ))?
        .query_row([date_to_sql(today)], from_row)
        .optional()?)
}

pub fn insert(
    conn: &Connection,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    reason: &str,
    substitute_id: i64,
    created_at: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO head_absence (starts_on, ends_on, reason, substitute_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            date_to_sql(starts_on),
            date_to_sql(ends_on),
            reason,
            substitute_id,
            created_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(
    conn: &Connection,
    id: i64,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    reason: &str,
    substitute_id: i64,
) -> Result<()> {
    conn.execute(
        "UPDATE head_absence SET starts_on = ?2, ends_on = ?3, reason = ?4, substitute_id = ?5
         WHERE id = ?1",
        params![
            id,
            date_to_sql(starts_on),
            date_to_sql(ends_on),
            reason,
            substitute_id
        ],
    )?;
    Ok(())
}

/// Ends an absence early: the substitute's rights end at `at`; the last day becomes `last_day`.
pub fn end_early(conn: &Connection, id: i64, last_day: NaiveDate, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE head_absence SET ended_at = ?2,
                ends_on = max(starts_on, ?3)
         WHERE id = ?1",
        params![id, at, date_to_sql(last_day)],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM head_absence WHERE id = ?1", [id])?;
    Ok(())
}
