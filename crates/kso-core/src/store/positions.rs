use rusqlite::{params, Connection};

use super::{date_from_sql, date_to_sql};
use crate::error::Result;
use crate::model::Position;

/// The staffing table with who fills each position, by code.
pub fn list(conn: &Connection) -> Result<Vec<Position>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.code, p.title, p.classification, p.fte_milli, p.reports_to, b.title,
                p.approved_on, p.directive_no,
                (SELECT group_concat(e.first_name || ' ' || e.last_name, '|') FROM employee e
                 WHERE e.position_id = p.id AND e.active)
         FROM position p LEFT JOIN position b ON b.id = p.reports_to
         ORDER BY p.code",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Position {
            id: r.get(0)?,
            code: r.get(1)?,
            title: r.get(2)?,
            classification: r.get(3)?,
            fte_milli: r.get(4)?,
            reports_to: r.get(5)?,
            reports_to_title: r.get(6)?,
            approved_on: r
                .get::<_, Option<String>>(7)?
                .map(date_from_sql)
                .transpose()?,
            directive_no: r.get(8)?,
            holders: {
                let mut h: Vec<String> = r
                    .get::<_, Option<String>>(9)?
                    .map(|s| s.split('|').map(str::to_string).collect())
                    .unwrap_or_default();
                h.sort_by(|a, b| crate::collate::compare(a, b));
                h
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert(conn: &Connection, code: &str, title: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO position (code, title) VALUES (?1, ?2)",
        params![code, title],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Writes every field of a position (a new one when `p.id` is 0); returns its id.
pub fn save(conn: &Connection, p: &Position) -> Result<i64> {
    let approved = p.approved_on.map(date_to_sql);
    if p.id == 0 {
        conn.execute(
            "INSERT INTO position (code, title, classification, fte_milli, reports_to, approved_on, directive_no)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![p.code, p.title, p.classification, p.fte_milli, p.reports_to, approved, p.directive_no],
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE position SET code = ?1, title = ?2, classification = ?3, fte_milli = ?4, reports_to = ?5,
                 approved_on = ?6, directive_no = ?7
             WHERE id = ?8",
            params![p.code, p.title, p.classification, p.fte_milli, p.reports_to, approved, p.directive_no, p.id],
        )?;
        Ok(p.id)
    }
}

pub fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM position WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub fn code_taken(conn: &Connection, code: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM position WHERE code = ?1 AND id IS NOT ?2)",
        params![code, except],
        |r| r.get(0),
    )?)
}

/// The chain of superiors above a position (to refuse a cycle).
pub fn reports_to(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(
        conn.query_row("SELECT reports_to FROM position WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

pub fn set_approval(
    conn: &Connection,
    id: i64,
    classification: &str,
    reports_to: Option<i64>,
    approved_on: &str,
    directive_no: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE position SET classification = ?2, reports_to = ?3, approved_on = ?4, directive_no = ?5 WHERE id = ?1",
        params![id, classification, reports_to, approved_on, directive_no],
    )?;
    Ok(())
}

pub fn set_fte(conn: &Connection, id: i64, fte_milli: i64) -> Result<()> {
    conn.execute(
        "UPDATE position SET fte_milli = ?2 WHERE id = ?1",
        params![id, fte_milli],
    )?;
    Ok(())
}
