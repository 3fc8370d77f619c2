//! Indicators, targets and their history, monthly actuals, the KPI settings, mapping profiles,
//! import batches and the computed monthly figures.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::kpi::{
    profile, CallSettings, ImportBatch, ImportKind, Kpi, Target, TargetRevision, TicketProfile,
};

fn json_err(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

// ---- indicators ---------------------------------------------------------------------------

/// Fills an indicator's definition and computation (migration 7).
pub fn set_definition(conn: &Connection, kpi: &Kpi) -> Result<()> {
    conn.execute(
        "UPDATE kpi SET numerator_et = ?2, numerator_en = ?3, denominator_et = ?4,
                        denominator_en = ?5, computation = ?6
         WHERE code = ?1",
        params![
            kpi.code,
            kpi.numerator_et,
            kpi.numerator_en,
            kpi.denominator_et,
            kpi.denominator_en,
            kpi.computation.map(|c| c.as_str()),
        ],
    )?;
    Ok(())
}

/// Changes an indicator's names, unit, direction and definitions (not its computation).
pub fn update(conn: &Connection, kpi: &Kpi) -> Result<()> {
    conn.execute(
        "UPDATE kpi SET name_et = ?2, name_en = ?3, unit = ?4, higher_is_better = ?5,
                        numerator_et = ?6, numerator_en = ?7, denominator_et = ?8,
                        denominator_en = ?9
         WHERE code = ?1",
        params![
            kpi.code,
            kpi.name_et,
            kpi.name_en,
            kpi.unit,
            kpi.higher_is_better,
            kpi.numerator_et,
            kpi.numerator_en,
            kpi.denominator_et,
            kpi.denominator_en,
        ],
    )?;
    Ok(())
}

pub fn next_sort_order(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(sort_order), -1) + 1 FROM kpi",
        [],
        |r| r.get(0),
    )?)
}

// ---- targets ------------------------------------------------------------------------------

pub fn target_value(conn: &Connection, code: &str, year: i32) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT value FROM kpi_target WHERE kpi_code = ?1 AND year = ?2",
            params![code, year],
            |r| r.get(0),
        )
        .optional()?)
}

/// Sets a target and records the change in its history.
pub fn set_target(conn: &Connection, code: &str, year: i32, rev: &TargetRevision) -> Result<()> {
    conn.execute(
        "INSERT INTO kpi_target (kpi_code, year, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (kpi_code, year) DO UPDATE SET value = excluded.value",
        params![code, year, rev.new_value],
    )?;
    conn.execute(
        "INSERT INTO kpi_target_revision
            (kpi_code, year, changed_on, changed_by, old_value, new_value, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            code,
            year,
            rev.changed_on,
            rev.changed_by,
            rev.old_value,
            rev.new_value,
            rev.reason
        ],
    )?;
    Ok(())
}

/// A year's targets with their histories, in the indicators' order.
pub fn targets(conn: &Connection, year: i32) -> Result<Vec<Target>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.kpi_code, t.value FROM kpi_target t JOIN kpi k ON k.code = t.kpi_code
         WHERE t.year = ?1 ORDER BY k.sort_order, k.id",
    )?;
    let heads: Vec<(String, i64)> = stmt
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut hist = conn.prepare_cached(
        "SELECT changed_on, changed_by, old_value, new_value, reason FROM kpi_target_revision
         WHERE kpi_code = ?1 AND year = ?2 ORDER BY id",
    )?;
    let mut out = Vec::with_capacity(heads.len());
    for (code, value) in heads {
        let history = hist
            .query_map(params![code, year], |r| {
                Ok(TargetRevision {
                    changed_on: r.get(0)?,
                    changed_by: r.get(1)?,
                    old_value: r.get(2)?,
                    new_value: r.get(3)?,
                    reason: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.push(Target {
            kpi_code: code,
            year,
            value,
            history,
        });
    }
    Ok(out)
}

// ---- actuals entered by hand --------------------------------------------------------------

/// A manual figure: numerator, denominator, note, who and when.
pub struct ManualActual {
    pub kpi_code: String,
    pub month: i64,
    pub numerator: i64,
    pub denominator: i64,
    pub note: String,
    pub entered_by: String,
    pub entered_at: String,
}

pub fn set_actual(conn: &Connection, a: &ManualActual) -> Result<()> {
    conn.execute(
        "INSERT INTO kpi_actual (kpi_code, month, numerator, denominator, note, entered_by, entered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (kpi_code, month) DO UPDATE SET numerator = excluded.numerator,
            denominator = excluded.denominator, note = excluded.note,
            entered_by = excluded.entered_by, entered_at = excluded.entered_at",
        params![
            a.kpi_code,
            a.month,
            a.numerator,
            a.denominator,
            a.note,
            a.entered_by,
            a.entered_at
        ],
    )?;
    Ok(())
}

/// Removes a manual figure; whether there was one.
pub fn clear_actual(conn: &Connection, code: &str, month: i64) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM kpi_actual WHERE kpi_code = ?1 AND month = ?2",
        params![code, month],
    )? > 0)
}

/// One month's manual figure, if there is one.
pub fn actual(conn: &Connection, code: &str, month: i64) -> Result<Option<ManualActual>> {
    Ok(actuals(conn, month, month)?
        .into_iter()
        .find(|a| a.kpi_code == code))
}

/// Manual figures of the months `from..=to` (YYYYMM).
pub fn actuals(conn: &Connection, from: i64, to: i64) -> Result<Vec<ManualActual>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kpi_code, month, numerator, denominator, note, entered_by, entered_at
         FROM kpi_actual WHERE month BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok(ManualActual {
            kpi_code: r.get(0)?,
            month: r.get(1)?,
            numerator: r.get(2)?,
            denominator: r.get(3)?,
            note: r.get(4)?,
            entered_by: r.get(5)?,
            entered_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- computed figures ---------------------------------------------------------------------

/// Replaces the computed figures of the given indicators with `rows` (code, month, num, den).
pub fn replace_computed(
    conn: &Connection,
    codes: &[&str],
    rows: &[(String, i64, i64, i64)],
) -> Result<()> {
    let mut del = conn.prepare_cached("DELETE FROM kpi_computed WHERE kpi_code = ?1")?;
    for c in codes {
        del.execute([c])?;
    }
    let mut ins = conn.prepare_cached(
        "INSERT INTO kpi_computed (kpi_code, month, numerator, denominator) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (code, month, n, d) in rows {
        ins.execute(params![code, month, n, d])?;
    }
    Ok(())
}

/// Computed figures of the months `from..=to`: (code, month, numerator, denominator).
pub fn computed(conn: &Connection, from: i64, to: i64) -> Result<Vec<(String, i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kpi_code, month, numerator, denominator FROM kpi_computed
         WHERE month BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- settings -----------------------------------------------------------------------------

const CALLS_KEY: &str = "calls";

pub fn call_settings(conn: &Connection) -> Result<CallSettings> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM kpi_setting WHERE key = ?1",
            [CALLS_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match v {
        Some(s) => serde_json::from_str(&s).map_err(json_err)?,
        None => CallSettings::default(),
    })
}

pub fn set_call_settings(conn: &Connection, s: &CallSettings) -> Result<()> {
    let body = serde_json::to_string(s).map_err(json_err)?;
    conn.execute(
        "INSERT INTO kpi_setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![CALLS_KEY, body],
    )?;
    Ok(())
}

// ---- profiles -----------------------------------------------------------------------------

pub fn insert_builtin_profiles(conn: &Connection) -> Result<()> {
    for p in profile::builtin() {
        save_profile(conn, &p, true)?;
    }
    Ok(())
}

pub fn save_profile(conn: &Connection, p: &TicketProfile, builtin: bool) -> Result<()> {
    let body = serde_json::to_string(p).map_err(json_err)?;
    conn.execute(
        "INSERT INTO kpi_profile (name, format, builtin, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, format = excluded.format,
            body = excluded.body",
        params![p.name, p.format.as_str(), builtin, body],
    )?;
    Ok(())
}

fn profile_row(r: &rusqlite::Row) -> rusqlite::Result<(TicketProfile, bool)> {
    let body: String = r.get(0)?;
    Ok((serde_json::from_str(&body).map_err(json_err)?, r.get(1)?))
}

/// Every profile and whether it is built in, built-in ones first.
pub fn profiles(conn: &Connection) -> Result<Vec<(TicketProfile, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT body, builtin FROM kpi_profile ORDER BY builtin DESC, name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], profile_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn profile(conn: &Connection, name: &str) -> Result<Option<(TicketProfile, bool)>> {
    Ok(conn
        .query_row(
            "SELECT body, builtin FROM kpi_profile WHERE name = ?1",
            [name],
            profile_row,
        )
        .optional()?)
}

pub fn delete_profile(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM kpi_profile WHERE name = ?1", [name])? > 0)
}

// ---- import batches -----------------------------------------------------------------------

/// A finished import, with the profile's interpretation at the time and its months.
pub struct NewBatch<'a> {
    pub batch: &'a ImportBatch,
    pub definition: &'a str,
    pub first_month: Option<i64>,
    pub last_month: Option<i64>,
}

/// Reserves the next batch id (the rows of an import carry it before the batch is written).
pub fn next_batch_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM kpi_batch", [], |r| {
            r.get(0)
        })?,
    )
}

pub fn insert_batch(conn: &Connection, b: &NewBatch) -> Result<()> {
    let x = b.batch;
    conn.execute(
        "INSERT INTO kpi_batch (id, kind, format, profile, definition, file_name, imported_at,
                                imported_by, rows, inserted, updated, rejected, first_month, last_month)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            x.id,
            x.kind.as_str(),
            x.format,
            x.profile,
            b.definition,
            x.file_name,
            x.imported_at,
            x.imported_by,
            x.rows,
            x.inserted,
            x.updated,
            x.rejected,
            b.first_month,
            b.last_month
        ],
    )?;
    Ok(())
}

const BATCH_COLUMNS: &str = "id, kind, format, profile, file_name, imported_at, imported_by,
                             rows, inserted, updated, rejected";

fn batch_row(r: &rusqlite::Row) -> rusqlite::Result<ImportBatch> {
    let kind: String = r.get(1)?;
    Ok(ImportBatch {
        id: r.get(0)?,
        kind: if kind == "calls" {
            ImportKind::Calls
        } else {
            ImportKind::Tickets
        },
        format: r.get(2)?,
        profile: r.get(3)?,
        file_name: r.get(4)?,
        imported_at: r.get(5)?,
        imported_by: r.get(6)?,
        rows: r.get(7)?,
        inserted: r.get(8)?,
        updated: r.get(9)?,
        rejected: r.get(10)?,
    })
}

/// Every import, newest first.
pub fn batches(conn: &Connection) -> Result<Vec<ImportBatch>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {BATCH_COLUMNS} FROM kpi_batch ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([], batch_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn last_batch(conn: &Connection) -> Result<Option<ImportBatch>> {
    Ok(conn
        .query_row(
            &format!("SELECT {BATCH_COLUMNS} FROM kpi_batch ORDER BY id DESC LIMIT 1"),
            [],
            batch_row,
        )
        .optional()?)
}

/// The interpretations of the imports of a kind whose records reach into `from..=to`, newest
/// first, each once: (profile, definition).
pub fn definitions(
    conn: &Connection,
    kind: ImportKind,
    from: i64,
    to: i64,
) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT profile, definition, max(id) FROM kpi_batch
         WHERE kind = ?1 AND first_month <= ?3 AND last_month >= ?2
         GROUP BY profile, definition ORDER BY max(id) DESC",
    )?;
    let rows = stmt.query_map(params![kind.as_str(), from, to], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
