//! Contracts with their parts over budget lines, amendments, deliverables, invoices and
//! documents.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{date_from_sql, date_to_sql};
use crate::contracts::*;
use crate::error::Result;

/// A contract as stored (the register row and the card are computed from it in the service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRecord {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub subject: String,
    pub kind: ContractKind,
    pub cpv: String,
    pub supplier_id: i64,
    pub supplier_name: String,
    pub supplier_reg_code: String,
    pub value_cents: i64,
    pub original_value_cents: i64,
    pub vat_rate_bp: i64,
    pub vat_overridden: bool,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub state: ContractState,
    pub signed_on: Option<NaiveDate>,
    pub signer_capacity: Option<SignerCapacity>,
    pub signer_name: Option<String>,
    pub signed_ref: String,
    pub terminated_on: Option<NaiveDate>,
    pub termination_reason: String,
}

/// The fields a draft is written with.
#[derive(Debug, Clone)]
pub struct ContractData {
    pub number: String,
    pub title: String,
    pub subject: String,
    pub kind: ContractKind,
    pub cpv: String,
    pub supplier_id: i64,
    pub value_cents: i64,
    pub vat_rate_bp: i64,
    pub vat_overridden: bool,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

/// One part of a contract on one budget line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRecord {
    pub contract_id: i64,
    pub budget_line_id: i64,
    pub year: i32,
    pub line_code: String,
    pub value_cents: i64,
}

fn opt_date(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .map(date_from_sql)
        .transpose()
}

fn bad(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        format!("unknown {what}").into(),
    )
}

fn record_from_row(r: &Row) -> rusqlite::Result<ContractRecord> {
    Ok(ContractRecord {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        subject: r.get(3)?,
        kind: ContractKind::parse(&r.get::<_, String>(4)?).ok_or_else(|| bad(4, "kind"))?,
        cpv: r.get(5)?,
        supplier_id: r.get(6)?,
        supplier_name: r.get(7)?,
        supplier_reg_code: r.get(8)?,
        value_cents: r.get(9)?,
        original_value_cents: r.get(10)?,
        vat_rate_bp: r.get(11)?,
        vat_overridden: r.get(12)?,
        start_date: date_from_sql(r.get(13)?)?,
        end_date: date_from_sql(r.get(14)?)?,
        state: ContractState::parse(&r.get::<_, String>(15)?).ok_or_else(|| bad(15, "state"))?,
        signed_on: opt_date(r, 16)?,
        signer_capacity: r
            .get::<_, Option<String>>(17)?
            .map(|s| SignerCapacity::parse(&s).ok_or_else(|| bad(17, "capacity")))
            .transpose()?,
        signer_name: r.get(18)?,
        signed_ref: r.get(19)?,
        terminated_on: opt_date(r, 20)?,
        termination_reason: r.get(21)?,
    })
}

const SELECT: &str =
    "SELECT c.id, c.number, c.title, c.subject, c.kind, c.cpv, c.supplier_id, s.name,
        s.reg_code, c.value_cents, c.original_value_cents, c.vat_rate_bp, c.vat_overridden,
        c.start_date, c.end_date, c.state, c.signed_on, c.signer_capacity, c.signer_name,
        c.signed_ref, c.terminated_on, c.termination_reason
    FROM contract c JOIN supplier s ON s.id = c.supplier_id";

pub fn all(conn: &Connection) -> Result<Vec<ContractRecord>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY c.number"))?;
    let rows = stmt.query_map([], record_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<ContractRecord>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], record_from_row)
        .optional()?)
}

pub fn number_taken(conn: &Connection, number: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contract WHERE number = ?1 AND id IS NOT ?2)",
        params![number, except],
        |r| r.get(0),
    )?)
}

pub fn insert(conn: &Connection, d: &ContractData, created_at: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO contract (number, title, subject, kind, cpv, supplier_id, value_cents,
             original_value_cents, vat_rate_bp, vat_overridden, start_date, end_date, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            d.number,
            d.title,
            d.subject,
            d.kind.as_str(),
            d.cpv,
            d.supplier_id,
            d.value_cents,
            d.vat_rate_bp,
            d.vat_overridden,
            date_to_sql(d.start_date),
            date_to_sql(d.end_date),
            created_at
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Rewrites a draft.
pub fn update_draft(conn: &Connection, id: i64, d: &ContractData) -> Result<()> {
    conn.execute(
        "UPDATE contract SET number = ?2, title = ?3, subject = ?4, kind = ?5, cpv = ?6,
             supplier_id = ?7, value_cents = ?8, original_value_cents = ?8, vat_rate_bp = ?9,
             vat_overridden = ?10, start_date = ?11, end_date = ?12
         WHERE id = ?1 AND state = 'draft'",
        params![
            id,
            d.number,
            d.title,
            d.subject,
            d.kind.as_str(),
            d.cpv,
            d.supplier_id,
            d.value_cents,
            d.vat_rate_bp,
            d.vat_overridden,
            date_to_sql(d.start_date),
            date_to_sql(d.end_date)
        ],
    )?;
    Ok(())
}

pub fn set_signed(
    conn: &Connection,
    id: i64,
    on: NaiveDate,
    capacity: SignerCapacity,
    name: &str,
    reference: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE contract SET state = 'signed', signed_on = ?2, signer_capacity = ?3,
             signer_name = ?4, signed_ref = ?5, original_value_cents = value_cents
         WHERE id = ?1",
        params![id, date_to_sql(on), capacity.as_str(), name, reference],
    )?;
    Ok(())
}

/// The value, dates and subject after an amendment.
pub fn set_terms(
    conn: &Connection,
    id: i64,
    value_cents: i64,
    start: NaiveDate,
    end: NaiveDate,
    subject: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE contract SET value_cents = ?2, start_date = ?3, end_date = ?4, subject = ?5
         WHERE id = ?1",
        params![
            id,
            value_cents,
            date_to_sql(start),
            date_to_sql(end),
            subject
        ],
    )?;
    Ok(())
}

pub fn set_terminated(conn: &Connection, id: i64, on: NaiveDate, reason: &str) -> Result<()> {
    conn.execute(
        "UPDATE contract SET state = 'terminated', terminated_on = ?2, termination_reason = ?3
         WHERE id = ?1",
        params![id, date_to_sql(on), reason],
    )?;
    Ok(())
}

// ---- parts over budget lines ----------------------------------------------------------------

fn share_from_row(r: &Row) -> rusqlite::Result<ShareRecord> {
    Ok(ShareRecord {
        contract_id: r.get(0)?,
        budget_line_id: r.get(1)?,
        year: r.get(2)?,
        line_code: r.get(3)?,
        value_cents: r.get(4)?,
    })
}

const SHARES: &str = "SELECT cs.contract_id, cs.budget_line_id, b.year, b.code, cs.value_cents
    FROM contract_share cs JOIN budget_line b ON b.id = cs.budget_line_id";

/// Every part of every contract, by contract and year.
pub fn all_shares(conn: &Connection) -> Result<Vec<ShareRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SHARES} ORDER BY cs.contract_id, b.year, b.code"))?;
    let rows = stmt.query_map([], share_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn shares_of(conn: &Connection, contract_id: i64) -> Result<Vec<ShareRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SHARES} WHERE cs.contract_id = ?1 ORDER BY b.year, b.code"
    ))?;
    let rows = stmt.query_map([contract_id], share_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn replace_shares(conn: &Connection, contract_id: i64, shares: &[(i64, i64)]) -> Result<()> {
    conn.execute(
        "DELETE FROM contract_share WHERE contract_id = ?1",
        [contract_id],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO contract_share (contract_id, budget_line_id, value_cents) VALUES (?1, ?2, ?3)",
    )?;
    for (line, value) in shares {
        stmt.execute(params![contract_id, line, value])?;
    }
    Ok(())
}

// ---- amendments -----------------------------------------------------------------------------

fn amendment_from_row(r: &Row) -> rusqlite::Result<Amendment> {
    Ok(Amendment {
        id: r.get(0)?,
        seq: r.get(1)?,
        date: date_from_sql(r.get(2)?)?,
        reason: r.get(3)?,
        value_before_cents: r.get(4)?,
        value_after_cents: r.get(5)?,
        start_before: date_from_sql(r.get(6)?)?,
        start_after: date_from_sql(r.get(7)?)?,
        end_before: date_from_sql(r.get(8)?)?,
        end_after: date_from_sql(r.get(9)?)?,
        subject_before: r.get(10)?,
        subject_after: r.get(11)?,
        signer_capacity: SignerCapacity::parse(&r.get::<_, String>(12)?)
            .ok_or_else(|| bad(12, "capacity"))?,
        signer_name: r.get(13)?,
        signed_ref: r.get(14)?,
    })
}

pub fn amendments_of(conn: &Connection, contract_id: i64) -> Result<Vec<Amendment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, seq, date, reason, value_before, value_after, start_before, start_after,
                end_before, end_after, subject_before, subject_after, signer_capacity,
                signer_name, signed_ref
         FROM contract_amendment WHERE contract_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([contract_id], amendment_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The number of amendments of every contract that has any.
pub fn amendment_counts(conn: &Connection) -> Result<Vec<(i64, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contract_id, count(*) FROM contract_amendment GROUP BY contract_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds an amendment with the next sequence number; `a.id` and `a.seq` are ignored.
pub fn insert_amendment(conn: &Connection, contract_id: i64, a: &Amendment) -> Result<i64> {
    conn.execute(
        "INSERT INTO contract_amendment (contract_id, seq, date, reason, value_before, value_after,
             start_before, start_after, end_before, end_after, subject_before, subject_after,
             signer_capacity, signer_name, signed_ref)
         VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM contract_amendment WHERE contract_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            contract_id,
            date_to_sql(a.date),
            a.reason,
            a.value_before_cents,
            a.value_after_cents,
            date_to_sql(a.start_before),
            date_to_sql(a.start_after),
            date_to_sql(a.end_before),
            date_to_sql(a.end_after),
            a.subject_before,
            a.subject_after,
            a.signer_capacity.as_str(),
            a.signer_name,
            a.signed_ref
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

// ---- deliverables ---------------------------------------------------------------------------

/// A deliverable as stored; `overdue` is computed by the service.
fn deliverable_from_row(r: &Row) -> rusqlite::Result<Deliverable> {
    Ok(Deliverable {
        id: r.get(0)?,
        contract_id: r.get(1)?,
        title: r.get(2)?,
        due_date: date_from_sql(r.get(3)?)?,
        accepted_on: opt_date(r, 4)?,
        accepted_by: r.get(5)?,
        overdue: false,
    })
}

const DELIVERABLES: &str =
    "SELECT id, contract_id, title, due_date, accepted_on, accepted_by FROM contract_deliverable";

pub fn all_deliverables(conn: &Connection) -> Result<Vec<Deliverable>> {
    let mut stmt = conn.prepare_cached(&format!("{DELIVERABLES} ORDER BY due_date, id"))?;
    let rows = stmt.query_map([], deliverable_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn deliverable(conn: &Connection, id: i64) -> Result<Option<Deliverable>> {
    Ok(conn
        .query_row(
            &format!("{DELIVERABLES} WHERE id = ?1"),
            [id],
            deliverable_from_row,
        )
        .optional()?)
}

pub fn insert_deliverable(
    conn: &Connection,
    contract_id: i64,
    title: &str,
    due: NaiveDate,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO contract_deliverable (contract_id, title, due_date) VALUES (?1, ?2, ?3)",
        params![contract_id, title, date_to_sql(due)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn accept_deliverable(conn: &Connection, id: i64, on: NaiveDate, by: &str) -> Result<()> {
    conn.execute(
        "UPDATE contract_deliverable SET accepted_on = ?2, accepted_by = ?3 WHERE id = ?1",
        params![id, date_to_sql(on), by],
    )?;
    Ok(())
}

// ---- invoices -------------------------------------------------------------------------------

fn invoice_from_row(r: &Row) -> rusqlite::Result<Invoice> {
    let amount: i64 = r.get(6)?;
    let vat: i64 = r.get(7)?;
    Ok(Invoice {
        id: r.get(0)?,
        contract_id: r.get(1)?,
        budget_line_id: r.get(2)?,
        budget_line_code: r.get(3)?,
        number: r.get(4)?,
        date: date_from_sql(r.get(5)?)?,
        amount_cents: amount,
        vat_cents: vat,
        total_cents: amount + vat,
        paid_on: opt_date(r, 8)?,
    })
}

const INVOICES: &str = "SELECT i.id, i.contract_id, i.budget_line_id, b.code, i.number, i.date,
        i.amount_cents, i.vat_cents, i.paid_on
    FROM contract_invoice i JOIN budget_line b ON b.id = i.budget_line_id";

pub fn all_invoices(conn: &Connection) -> Result<Vec<Invoice>> {
    let mut stmt = conn.prepare_cached(&format!("{INVOICES} ORDER BY i.date, i.id"))?;
    let rows = stmt.query_map([], invoice_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn invoice(conn: &Connection, id: i64) -> Result<Option<Invoice>> {
    Ok(conn
        .query_row(
            &format!("{INVOICES} WHERE i.id = ?1"),
            [id],
            invoice_from_row,
        )
        .optional()?)
}

pub fn invoice_number_taken(conn: &Connection, contract_id: i64, number: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contract_invoice WHERE contract_id = ?1 AND number = ?2)",
        params![contract_id, number],
        |r| r.get(0),
    )?)
}

pub fn insert_invoice(conn: &Connection, i: &Invoice) -> Result<i64> {
    conn.execute(
        "INSERT INTO contract_invoice (contract_id, budget_line_id, number, date, amount_cents,
             vat_cents, paid_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            i.contract_id,
            i.budget_line_id,
            i.number,
            date_to_sql(i.date),
            i.amount_cents,
            i.vat_cents,
            i.paid_on.map(date_to_sql)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_invoice_paid(conn: &Connection, id: i64, on: Option<NaiveDate>) -> Result<()> {
    conn.execute(
        "UPDATE contract_invoice SET paid_on = ?2 WHERE id = ?1",
        params![id, on.map(date_to_sql)],
    )?;
    Ok(())
}

// ---- documents ------------------------------------------------------------------------------

pub fn documents_of(conn: &Connection, contract_id: i64) -> Result<Vec<ContractDocument>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, size, sha256, added_at, added_by FROM contract_document
         WHERE contract_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([contract_id], |r| {
        Ok(ContractDocument {
            id: r.get(0)?,
            name: r.get(1)?,
            size: r.get(2)?,
            sha256: r.get(3)?,
            added_at: r.get(4)?,
            added_by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_document(
    conn: &Connection,
    contract_id: i64,
    name: &str,
    sha256: &str,
    content: &[u8],
    added_at: &str,
    added_by: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO contract_document (contract_id, name, size, sha256, content, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            contract_id,
            name,
            content.len() as i64,
            sha256,
            content,
            added_at,
            added_by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A document's name and content.
pub fn document_content(conn: &Connection, id: i64) -> Result<Option<(i64, String, Vec<u8>)>> {
    Ok(conn
        .query_row(
            "SELECT contract_id, name, content FROM contract_document WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}
