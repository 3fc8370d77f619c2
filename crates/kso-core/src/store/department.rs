use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::{Department, Kpi};

pub fn get(conn: &Connection) -> Result<Option<Department>> {
    let row = conn
        .query_row(
            "SELECT name, signing_limit_cents, currency FROM department WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    let Some((name, signing_limit_cents, currency)) = row else {
        return Ok(None);
    };
    Ok(Some(Department {
        name,
        signing_limit_cents,
        currency,
        kpis: kpis(conn)?,
    }))
}

pub fn name(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name FROM department WHERE id = 1", [], |r| r.get(0))
        .optional()?)
}

pub fn insert(
    conn: &Connection,
    name: &str,
    signing_limit_cents: i64,
    created_at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO department (id, name, signing_limit_cents, currency, created_at)
         VALUES (1, ?1, ?2, 'EUR', ?3)",
        params![name, signing_limit_cents, created_at],
    )?;
    Ok(())
}

pub fn insert_kpi(conn: &Connection, kpi: &Kpi, sort_order: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO kpi (code, name_et, name_en, unit, higher_is_better, sort_order,
                          numerator_et, numerator_en, denominator_et, denominator_en, computation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            kpi.code,
            kpi.name_et,
            kpi.name_en,
            kpi.unit,
            kpi.higher_is_better,
            sort_order,
            kpi.numerator_et,
            kpi.numerator_en,
            kpi.denominator_et,
            kpi.denominator_en,
            kpi.computation.map(|c| c.as_str()),
        ],
    )?;
    Ok(())
}

pub fn kpis(conn: &Connection) -> Result<Vec<Kpi>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, name_et, name_en, unit, higher_is_better,
                numerator_et, numerator_en, denominator_et, denominator_en, computation
         FROM kpi ORDER BY sort_order, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Kpi {
            code: r.get(0)?,
            name_et: r.get(1)?,
            name_en: r.get(2)?,
            unit: r.get(3)?,
            higher_is_better: r.get(4)?,
            numerator_et: r.get(5)?,
            numerator_en: r.get(6)?,
            denominator_et: r.get(7)?,
            denominator_en: r.get(8)?,
            computation: r
                .get::<_, Option<String>>(9)?
                .and_then(|c| crate::kpi::Computation::parse(&c)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where and why documents are signed.
pub fn signing(conn: &Connection) -> Result<(String, String)> {
    Ok(conn.query_row(
        "SELECT signing_location, signing_reason FROM department WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub fn set_signing(conn: &Connection, location: &str, reason: &str) -> Result<()> {
    conn.execute(
        "UPDATE department SET signing_location = ?1, signing_reason = ?2 WHERE id = 1",
        params![location, reason],
    )?;
    Ok(())
}

pub fn security_settings(conn: &Connection) -> Result<crate::model::SecuritySettings> {
    Ok(conn.query_row(
        "SELECT idle_lock_minutes, deputy_sees_sensitive, backups_kept FROM department WHERE id = 1",
        [],
        |r| {
            Ok(crate::model::SecuritySettings {
                idle_lock_minutes: r.get(0)?,
                deputy_sees_sensitive: r.get(1)?,
                backups_kept: r.get(2)?,
            })
        },
    )?)
}

pub fn set_security_settings(conn: &Connection, s: &crate::model::SecuritySettings) -> Result<()> {
    conn.execute(
        "UPDATE department SET idle_lock_minutes = ?1, deputy_sees_sensitive = ?2,
                backups_kept = ?3 WHERE id = 1",
        params![s.idle_lock_minutes, s.deputy_sees_sensitive, s.backups_kept],
    )?;
    Ok(())
}
