use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{date_from_sql, date_to_sql};
use crate::error::Result;
use crate::model::{Absence, AbsenceKind};

const SELECT: &str = "SELECT id, employee_id, kind, start_date, end_date, note FROM absence";

fn from_row(r: &Row) -> rusqlite::Result<Absence> {
    Ok(Absence {
        id: r.get(0)?,
        employee_id: r.get(1)?,
        kind: AbsenceKind::parse(&r.get::<_, String>(2)?).unwrap_or(AbsenceKind::Other),
        start_date: date_from_sql(r.get(3)?)?,
        end_date: date_from_sql(r.get(4)?)?,
        note: r.get(5)?,
    })
}

/// Absences that overlap `from..=to`.
pub fn overlapping(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Absence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE start_date <= ?2 AND end_date >= ?1 ORDER BY start_date, employee_id"
    ))?;
    let rows = stmt.query_map(params![date_to_sql(from), date_to_sql(to)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One employee's absences in date order.
pub fn of_employee(conn: &Connection, employee_id: i64) -> Result<Vec<Absence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE employee_id = ?1 ORDER BY start_date"
    ))?;
    let rows = stmt.query_map([employee_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Absence>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?)
}

pub fn insert(conn: &Connection, a: &Absence) -> Result<i64> {
    conn.execute(
        "INSERT INTO absence (employee_id, kind, start_date, end_date, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.employee_id, a.kind.as_str(), date_to_sql(a.start_date), date_to_sql(a.end_date), a.note],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn delete(conn: &Connection, id: i64) -> Result<usize> {
    Ok(conn.execute("DELETE FROM absence WHERE id = ?1", [id])?)
}
