//! Budget lines per year, and the department's budget setting.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::contracts::BudgetLine;
use crate::error::Result;

fn from_row(r: &Row) -> rusqlite::Result<BudgetLine> {
    Ok(BudgetLine {
        id: r.get(0)?,
        year: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        approved_cents: r.get(4)?,
    })
}

const COLUMNS: &str = "id, year, code, name, approved_cents";

/// Every budget line (of every year), by year and code.
pub fn all(conn: &Connection) -> Result<Vec<BudgetLine>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM budget_line ORDER BY year, code"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<BudgetLine>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM budget_line WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn code_taken(conn: &Connection, year: i32, code: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM budget_line WHERE year = ?1 AND code = ?2 AND id IS NOT ?3)",
        params![year, code, except],
        |r| r.get(0),
    )?)
}

/// Writes a budget line (a new one when `l.id` is 0); returns its id.
pub fn save(conn: &Connection, l: &BudgetLine) -> Result<i64> {
    if l.id == 0 {
        conn.execute(
            "INSERT INTO budget_line (year, code, name, approved_cents) VALUES (?1, ?2, ?3, ?4)",
            params![l.year, l.code, l.name, l.approved_cents],
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE budget_line SET year = ?2, code = ?3, name = ?4, approved_cents = ?5 WHERE id = ?1",
            params![l.id, l.year, l.code, l.name, l.approved_cents],
        )?;
        Ok(l.id)
    }
}

/// Whether any contract or invoice uses the line (its year then cannot change).
pub fn in_use(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contract_share WHERE budget_line_id = ?1)
             OR EXISTS (SELECT 1 FROM contract_invoice WHERE budget_line_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub fn includes_vat(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT budget_includes_vat FROM department WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(true))
}

pub fn set_settings(conn: &Connection, limit_cents: i64, includes_vat: bool) -> Result<()> {
    conn.execute(
        "UPDATE department SET signing_limit_cents = ?1, budget_includes_vat = ?2 WHERE id = 1",
        params![limit_cents, includes_vat],
    )?;
    Ok(())
}
