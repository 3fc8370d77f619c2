use rusqlite::{params, Connection, Row};

use crate::auth::{Actor, Role};
use crate::error::Result;
use crate::model::AuditEntry;

/// What a change writes into the audit trail, besides who and when.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub fn insert(conn: &Connection, actor: &Actor, at: &str, rec: &AuditRecord) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO audit (at, user_id, user_login, user_name, acting_as, action, entity,
                            entity_id, before_json, after_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        at,
        actor.user_id,
        actor.login,
        actor.name,
        actor.acting_as.map(Role::as_str),
        rec.action,
        rec.entity,
        rec.entity_id,
        rec.before.as_ref().map(|v| v.to_string()),
        rec.after.as_ref().map(|v| v.to_string()),
    ])?;
    Ok(conn.last_insert_rowid())
}

fn from_row(r: &Row) -> rusqlite::Result<AuditEntry> {
    let json = |i: usize| -> rusqlite::Result<Option<serde_json::Value>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| serde_json::from_str(&s).ok()))
    };
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        user_login: r.get(2)?,
        user_name: r.get(3)?,
        acting_as: r
            .get::<_, Option<String>>(4)?
            .as_deref()
            .and_then(Role::parse),
        action: r.get(5)?,
        entity: r.get(6)?,
        entity_id: r.get(7)?,
        before: json(8)?,
        after: json(9)?,
    })
}

/// Newest first.
pub fn list(
    conn: &Connection,
    entity: Option<&str>,
    entity_id: Option<&str>,
    limit: u32,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, user_login, user_name, acting_as, action, entity, entity_id,
                before_json, after_json
         FROM audit
         WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)
         ORDER BY at DESC, id DESC
         LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![entity, entity_id, limit], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
