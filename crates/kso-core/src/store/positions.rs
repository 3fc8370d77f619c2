use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::Position;

pub fn list(conn: &Connection) -> Result<Vec<Position>> {
    let mut stmt = conn.prepare_cached("SELECT id, code, title FROM position ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(Position {
            id: r.get(0)?,
            code: r.get(1)?,
            title: r.get(2)?,
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

pub fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM position WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}
