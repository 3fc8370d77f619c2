//! What roster proposals keep: locked cells, shift requests, the objective's weights, and the
//! proposal of a month waiting to be accepted or discarded.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{date_from_sql, date_to_sql};
use crate::error::Result;
use crate::roster::propose::{CellChange, ProposalRun, RequestKind, RosterWeights, ShiftRequest};

pub fn locks(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashSet<(i64, NaiveDate)>> {
    let mut stmt = conn
        .prepare_cached("SELECT employee_id, date FROM roster_lock WHERE date BETWEEN ?1 AND ?2")?;
    let rows = stmt.query_map(params![date_to_sql(from), date_to_sql(to)], |r| {
        Ok((r.get(0)?, date_from_sql(r.get(1)?)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Locks a cell or unlocks it; returns whether it is locked now.
pub fn toggle_lock(conn: &Connection, employee_id: i64, date: NaiveDate) -> Result<bool> {
    let removed = conn.execute(
        "DELETE FROM roster_lock WHERE employee_id = ?1 AND date = ?2",
        params![employee_id, date_to_sql(date)],
    )?;
    if removed == 0 {
        conn.execute(
            "INSERT INTO roster_lock (employee_id, date) VALUES (?1, ?2)",
            params![employee_id, date_to_sql(date)],
        )?;
    }
    Ok(removed == 0)
}

fn request_row(r: &rusqlite::Row) -> rusqlite::Result<ShiftRequest> {
    Ok(ShiftRequest {
        id: r.get(0)?,
        employee_id: r.get(1)?,
        date: date_from_sql(r.get(2)?)?,
        kind: RequestKind::parse(&r.get::<_, String>(3)?).unwrap_or(RequestKind::Off),
        shift_type_id: r.get(4)?,
        note: r.get(5)?,
    })
}

pub fn requests(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<ShiftRequest>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, employee_id, date, kind, shift_type_id, note FROM shift_request
         WHERE date BETWEEN ?1 AND ?2 ORDER BY date, employee_id, id",
    )?;
    let rows = stmt.query_map(params![date_to_sql(from), date_to_sql(to)], request_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn request(conn: &Connection, id: i64) -> Result<Option<ShiftRequest>> {
    Ok(conn
        .query_row(
            "SELECT id, employee_id, date, kind, shift_type_id, note FROM shift_request WHERE id = ?1",
            [id],
            request_row,
        )
        .optional()?)
}

pub fn insert_request(conn: &Connection, r: &ShiftRequest) -> Result<i64> {
    conn.execute(
        "INSERT INTO shift_request (employee_id, date, kind, shift_type_id, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![r.employee_id, date_to_sql(r.date), r.kind.as_str(), r.shift_type_id, r.note],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn delete_request(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM shift_request WHERE id = ?1", [id])?;
    Ok(())
}

pub fn weights(conn: &Connection) -> Result<RosterWeights> {
    Ok(conn
        .query_row(
            "SELECT uncovered_hour, request, fairness, over_cover, norm_hour, change, allow_overtime
             FROM roster_weights WHERE id = 1",
            [],
            |r| {
                Ok(RosterWeights {
                    uncovered_hour: r.get(0)?,
                    request: r.get(1)?,
                    fairness: r.get(2)?,
                    over_cover: r.get(3)?,
                    norm_hour: r.get(4)?,
                    change: r.get(5)?,
                    allow_overtime: r.get(6)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub fn save_weights(conn: &Connection, w: &RosterWeights) -> Result<()> {
    conn.execute(
        "INSERT INTO roster_weights (id, uncovered_hour, request, fairness, over_cover, norm_hour, change, allow_overtime)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET uncovered_hour = excluded.uncovered_hour, request = excluded.request,
           fairness = excluded.fairness, over_cover = excluded.over_cover, norm_hour = excluded.norm_hour,
           change = excluded.change, allow_overtime = excluded.allow_overtime",
        params![w.uncovered_hour, w.request, w.fairness, w.over_cover, w.norm_hour, w.change, w.allow_overtime],
    )?;
    Ok(())
}

/// Replaces the month's proposal.
pub fn save_proposal(conn: &Connection, run: &ProposalRun, cells: &[CellChange]) -> Result<()> {
    delete_proposal(conn, &run.month)?;
    conn.execute(
        "INSERT INTO roster_proposal (month, created_at, created_by, seed, seconds, elapsed_ms, moves, objective, stopped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            run.month,
            run.created_at,
            run.created_by,
            run.seed as i64,
            run.seconds,
            run.elapsed_ms as i64,
            run.moves as i64,
            run.objective as i64,
            run.stopped
        ],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO roster_proposal_cell (month, employee_id, date, before_type, after_type) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in cells {
        stmt.execute(params![
            run.month,
            c.employee_id,
            date_to_sql(c.date),
            c.before,
            c.after
        ])?;
    }
    Ok(())
}

pub fn proposal(conn: &Connection, month: &str) -> Result<Option<(ProposalRun, Vec<CellChange>)>> {
    let run = conn
        .query_row(
            "SELECT month, created_at, created_by, seed, seconds, elapsed_ms, moves, objective, stopped
             FROM roster_proposal WHERE month = ?1",
            [month],
            |r| {
                Ok(ProposalRun {
                    month: r.get(0)?,
                    created_at: r.get(1)?,
                    created_by: r.get(2)?,
                    seed: r.get::<_, i64>(3)? as u64,
                    seconds: r.get(4)?,
                    elapsed_ms: r.get::<_, i64>(5)? as u64,
                    moves: r.get::<_, i64>(6)? as u64,
                    objective: r.get::<_, i64>(7)? as u64,
                    stopped: r.get(8)?,
                })
            },
        )
        .optional()?;
    let Some(run) = run else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT employee_id, date, before_type, after_type FROM roster_proposal_cell
         WHERE month = ?1 ORDER BY employee_id, date",
    )?;
    let cells = stmt
        .query_map([month], |r| {
            Ok(CellChange {
                employee_id: r.get(0)?,
                date: date_from_sql(r.get(1)?)?,
                before: r.get(2)?,
                after: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some((run, cells)))
}

pub fn delete_proposal(conn: &Connection, month: &str) -> Result<()> {
    conn.execute("DELETE FROM roster_proposal_cell WHERE month = ?1", [month])?;
    conn.execute("DELETE FROM roster_proposal WHERE month = ?1", [month])?;
    Ok(())
}
