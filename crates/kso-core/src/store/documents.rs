//! The document register, its signatures, and the trust anchors.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::auth::Role;
use crate::documents::{
    DocumentKind, DocumentRecord, DocumentSignature, NewTrustAnchor, TrustAnchor,
};
use crate::error::Result;
use crate::i18n::Lang;

pub struct DocumentRow<'a> {
    pub number: &'a str,
    pub kind: &'a str,
    pub period: &'a str,
    pub title: &'a str,
    pub sha256: &'a str,
    pub pages: i64,
    pub size: i64,
    pub lang: &'a str,
    pub created_at: &'a str,
    pub created_by: i64,
    pub acting_as: Option<&'a str>,
}

pub struct SignatureRow<'a> {
    pub signed_at: &'a str,
    pub signed_by: i64,
    pub acting_as: Option<&'a str>,
    pub signer: &'a str,
    pub role: &'a str,
    pub hash_alg: &'a str,
    pub key_source: &'a str,
    pub sha256: &'a str,
}

/// How many documents with numbers `PREFIX-YEAR-…` there are.
pub fn count_of_year(conn: &Connection, prefix: &str, year: i32) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM document WHERE number LIKE ?1",
        [format!("{prefix}-{year}-%")],
        |r| r.get(0),
    )?)
}

pub fn insert(conn: &Connection, d: &DocumentRow) -> Result<i64> {
    conn.execute(
        "INSERT INTO document (number, kind, period, title, sha256, pages, size, lang, created_at,
                               created_by, acting_as)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            d.number,
            d.kind,
            d.period,
            d.title,
            d.sha256,
            d.pages,
            d.size,
            d.lang,
            d.created_at,
            d.created_by,
            d.acting_as
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_signature(conn: &Connection, document_id: i64, s: &SignatureRow) -> Result<i64> {
    conn.execute(
        "INSERT INTO document_signature (document_id, signed_at, signed_by, acting_as, signer, role,
                                         hash_alg, key_source, sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            document_id,
            s.signed_at,
            s.signed_by,
            s.acting_as,
            s.signer,
            s.role,
            s.hash_alg,
            s.key_source,
            s.sha256
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The document a file is: the exported file itself or one of its signed versions.
pub fn find_by_sha256(conn: &Connection, sha256: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM document WHERE sha256 = ?1
             UNION ALL
             SELECT document_id FROM document_signature WHERE sha256 = ?1
             LIMIT 1",
            [sha256],
            |r| r.get(0),
        )
        .optional()?)
}

const COLUMNS: &str =
    "d.id, d.number, d.kind, d.period, d.title, d.sha256, d.pages, d.size, d.lang,
                       d.created_at, u.name, d.acting_as";

fn from_row(r: &Row) -> rusqlite::Result<DocumentRecord> {
    Ok(DocumentRecord {
        id: r.get(0)?,
        number: r.get(1)?,
        kind: DocumentKind::parse(&r.get::<_, String>(2)?).unwrap_or(DocumentKind::Roster),
        period: r.get(3)?,
        title: r.get(4)?,
        sha256: r.get(5)?,
        pages: r.get(6)?,
        size: r.get(7)?,
        lang: Lang::parse(&r.get::<_, String>(8)?).unwrap_or_default(),
        created_at: r.get(9)?,
        created_by: r.get(10)?,
        acting_as: r
            .get::<_, Option<String>>(11)?
            .as_deref()
            .and_then(Role::parse),
        signatures: Vec::new(),
    })
}

fn signatures(
    conn: &Connection,
    document_id: Option<i64>,
) -> Result<Vec<(i64, DocumentSignature)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.document_id, s.id, s.signed_at, u.name, s.acting_as, s.signer, s.role, s.hash_alg,
                s.key_source, s.sha256
         FROM document_signature s JOIN user_account u ON u.id = s.signed_by
         WHERE ?1 IS NULL OR s.document_id = ?1
         ORDER BY s.id",
    )?;
    let rows = stmt.query_map([document_id], |r| {
        Ok((
            r.get(0)?,
            DocumentSignature {
                id: r.get(1)?,
                signed_at: r.get(2)?,
                signed_by: r.get(3)?,
                acting_as: r
                    .get::<_, Option<String>>(4)?
                    .as_deref()
                    .and_then(Role::parse),
                signer: r.get(5)?,
                role: r.get(6)?,
                hash_alg: r.get(7)?,
                key_source: r.get(8)?,
                sha256: r.get(9)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<DocumentRecord>> {
    let doc = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM document d JOIN user_account u ON u.id = d.created_by WHERE d.id = ?1"),
            [id],
            from_row,
        )
        .optional()?;
    let Some(mut doc) = doc else { return Ok(None) };
    doc.signatures = signatures(conn, Some(id))?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    Ok(Some(doc))
}

/// Every document, newest first, with its signatures.
pub fn list(conn: &Connection) -> Result<Vec<DocumentRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM document d JOIN user_account u ON u.id = d.created_by ORDER BY d.id DESC"
    ))?;
    let mut docs: Vec<DocumentRecord> = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_doc: std::collections::HashMap<i64, Vec<DocumentSignature>> =
        std::collections::HashMap::new();
    for (doc, s) in signatures(conn, None)? {
        by_doc.entry(doc).or_default().push(s);
    }
    for d in &mut docs {
        d.signatures = by_doc.remove(&d.id).unwrap_or_default();
    }
    Ok(docs)
}

fn anchor_from_row(r: &Row) -> rusqlite::Result<TrustAnchor> {
    Ok(TrustAnchor {
        id: r.get(0)?,
        subject: r.get(1)?,
        sha256: r.get(2)?,
        not_after: r.get(3)?,
        added_at: r.get(4)?,
    })
}

pub fn anchors(conn: &Connection) -> Result<Vec<TrustAnchor>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, subject, sha256, not_after, added_at FROM trust_anchor ORDER BY subject, id",
    )?;
    let rows = stmt.query_map([], anchor_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn anchor_by_sha256(conn: &Connection, sha256: &str) -> Result<Option<TrustAnchor>> {
    Ok(conn
        .query_row(
            "SELECT id, subject, sha256, not_after, added_at FROM trust_anchor WHERE sha256 = ?1",
            [sha256],
            anchor_from_row,
        )
        .optional()?)
}

pub fn anchor_ders(conn: &Connection) -> Result<Vec<Vec<u8>>> {
    let mut stmt = conn.prepare_cached("SELECT der FROM trust_anchor ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_anchor(conn: &Connection, a: &NewTrustAnchor, added_at: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO trust_anchor (subject, sha256, der, not_after, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.subject, a.sha256, a.der, a.not_after, added_at],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn delete_anchor(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM trust_anchor WHERE id = ?1", [id])?;
    Ok(())
}
