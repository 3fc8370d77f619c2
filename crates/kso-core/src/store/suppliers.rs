//! Suppliers.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::contracts::Supplier;
use crate::error::Result;

fn from_row(r: &Row) -> rusqlite::Result<Supplier> {
    Ok(Supplier {
        id: r.get(0)?,
        name: r.get(1)?,
        reg_code: r.get(2)?,
        vat_no: r.get(3)?,
        contact: r.get(4)?,
        email: r.get(5)?,
        phone: r.get(6)?,
    })
}

const COLUMNS: &str = "id, name, reg_code, vat_no, contact, email, phone";

pub fn list(conn: &Connection) -> Result<Vec<Supplier>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM supplier"))?;
    let rows = stmt.query_map([], from_row)?;
    let mut out: Vec<Supplier> = rows.collect::<rusqlite::Result<_>>()?;
    out.sort_by(|a, b| crate::collate::compare(&a.name, &b.name));
    Ok(out)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Supplier>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM supplier WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn reg_code_taken(conn: &Connection, reg_code: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM supplier WHERE reg_code = ?1 AND id IS NOT ?2)",
        params![reg_code, except],
        |r| r.get(0),
    )?)
}

/// Writes a supplier (a new one when `s.id` is 0); returns its id.
pub fn save(conn: &Connection, s: &Supplier) -> Result<i64> {
    if s.id == 0 {
        conn.execute(
            "INSERT INTO supplier (name, reg_code, vat_no, contact, email, phone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![s.name, s.reg_code, s.vat_no, s.contact, s.email, s.phone],
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE supplier SET name = ?2, reg_code = ?3, vat_no = ?4, contact = ?5, email = ?6,
                 phone = ?7 WHERE id = ?1",
            params![s.id, s.name, s.reg_code, s.vat_no, s.contact, s.email, s.phone],
        )?;
        Ok(s.id)
    }
}
