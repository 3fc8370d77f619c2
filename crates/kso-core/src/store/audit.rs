use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

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

/// The `prev_hash` of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Audit records can be added, never changed or deleted (a plain SQLite connection can drop
/// these triggers, which is what the hash chain is for).
pub const APPEND_ONLY_TRIGGERS: &str = "
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit records cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit records cannot be deleted'); END;
";

/// The stored columns of one record, as hashed.
pub struct Stored {
    pub id: i64,
    pub at: String,
    pub user_id: Option<i64>,
    pub user_login: String,
    pub user_name: String,
    pub acting_as: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

/// SHA-256 over the record's columns (a JSON array, so no two records share an encoding) and
/// the previous record's hash.
pub fn chain_hash(r: &Stored, prev_hash: &str) -> String {
    let text = serde_json::json!([
        r.id,
        r.at,
        r.user_id,
        r.user_login,
        r.user_name,
        r.acting_as,
        r.action,
        r.entity,
        r.entity_id,
        r.before_json,
        r.after_json,
        prev_hash
    ])
    .to_string();
    crate::vault::hex(&Sha256::digest(text.as_bytes()))
}

fn last(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .prepare_cached("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .optional()?
        .map(|(id, h)| (id, h.unwrap_or_else(|| GENESIS.into())))
        .unwrap_or((0, GENESIS.into())))
}

pub fn insert(conn: &Connection, actor: &Actor, at: &str, rec: &AuditRecord) -> Result<i64> {
    let (last_id, prev_hash) = last(conn)?;
    let mut row = Stored {
        id: last_id + 1,
        at: at.to_string(),
        user_id: (actor.user_id != 0).then_some(actor.user_id),
        user_login: actor.login.clone(),
        user_name: actor.name.clone(),
        acting_as: actor.acting_as.map(|r| r.as_str().to_string()),
        action: rec.action.to_string(),
        entity: rec.entity.to_string(),
        entity_id: rec.entity_id.clone(),
        before_json: rec.before.as_ref().map(|v| v.to_string()),
        after_json: rec.after.as_ref().map(|v| v.to_string()),
        prev_hash: None,
        hash: None,
    };
    let hash = chain_hash(&row, &prev_hash);
    row.prev_hash = Some(prev_hash);
    conn.prepare_cached(
        "INSERT INTO audit (id, at, user_id, user_login, user_name, acting_as, action, entity,
                            entity_id, before_json, after_json, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        row.id,
        row.at,
        row.user_id,
        row.user_login,
        row.user_name,
        row.acting_as,
        row.action,
        row.entity,
        row.entity_id,
        row.before_json,
        row.after_json,
        row.prev_hash,
        hash,
    ])?;
    Ok(row.id)
}

const STORED: &str = "id, at, user_id, user_login, user_name, acting_as, action, entity, entity_id,
                      before_json, after_json, prev_hash, hash";

fn stored_row(r: &Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        at: r.get(1)?,
        user_id: r.get(2)?,
        user_login: r.get(3)?,
        user_name: r.get(4)?,
        acting_as: r.get(5)?,
        action: r.get(6)?,
        entity: r.get(7)?,
        entity_id: r.get(8)?,
        before_json: r.get(9)?,
        after_json: r.get(10)?,
        prev_hash: r.get(11)?,
        hash: r.get(12)?,
    })
}

/// Every record in id order, for verification (calls `f` for each; stops at its first error).
pub fn each_stored(conn: &Connection, mut f: impl FnMut(Stored) -> bool) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT {STORED} FROM audit ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if !f(stored_row(r)?) {
            break;
        }
    }
    Ok(())
}

/// Gives the records written before the chain existed (migration 6) their hashes, in id order.
pub fn seal_unsealed(conn: &Connection) -> Result<u64> {
    let mut prev = GENESIS.to_string();
    let mut sealed = 0;
    let rows: Vec<Stored> = {
        let mut stmt = conn.prepare(&format!("SELECT {STORED} FROM audit ORDER BY id"))?;
        let v = stmt
            .query_map([], stored_row)?
            .collect::<rusqlite::Result<_>>()?;
        v
    };
    let mut update = conn.prepare("UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE id = ?3")?;
    for r in rows {
        let hash = match &r.hash {
            Some(h) => h.clone(),
            None => {
                let h = chain_hash(&r, &prev);
                update.execute(params![prev, h, r.id])?;
                sealed += 1;
                h
            }
        };
        prev = hash;
    }
    Ok(sealed)
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

/// Which records to list.
#[derive(Debug, Default)]
pub struct Filter<'a> {
    pub entity: Option<&'a str>,
    pub entity_id: Option<&'a str>,
    /// Part of the login or the name.
    pub who: Option<&'a str>,
    /// Part of the action (e.g. "contract.sign", "roster").
    pub what: Option<&'a str>,
    /// UTC instants, RFC 3339: from inclusive, to exclusive.
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    /// Only what was done acting for someone (the substitute acting for the head).
    pub acting_only: bool,
    pub limit: u32,
}

/// Newest first.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<AuditEntry>> {
    let like = |s: Option<&str>| {
        s.map(|s| {
            let escaped = s
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{escaped}%")
        })
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, user_login, user_name, acting_as, action, entity, entity_id,
                before_json, after_json
         FROM audit
         WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)
           AND (?3 IS NULL OR user_login LIKE ?3 ESCAPE '\\' OR user_name LIKE ?3 ESCAPE '\\')
           AND (?4 IS NULL OR action LIKE ?4 ESCAPE '\\')
           AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < ?6)
           AND (?7 = 0 OR acting_as IS NOT NULL)
         ORDER BY at DESC, id DESC
         LIMIT ?8",
    )?;
    let rows = stmt.query_map(
        params![
            f.entity,
            f.entity_id,
            like(f.who),
            like(f.what),
            f.from,
            f.to,
            f.acting_only,
            f.limit
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
}
