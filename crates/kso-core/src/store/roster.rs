use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{date_from_sql, date_to_sql};
use crate::error::Result;
use crate::roster::{Assignment, CoverageNeed, CoverageOverride, DayKind, ShiftType, Skill};

fn skills_from(s: &str) -> Vec<Skill> {
    s.split(',').filter_map(Skill::parse).collect()
}

fn skills_to(skills: &[Skill]) -> String {
    skills
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn skill_opt(s: String) -> Option<Skill> {
    Skill::parse(&s)
}

pub fn shift_types(conn: &Connection) -> Result<Vec<ShiftType>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name, start_minute, length_minutes, skills, active FROM shift_type ORDER BY start_minute, code",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ShiftType {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            start_minute: r.get(3)?,
            length_minutes: r.get(4)?,
            skills: skills_from(&r.get::<_, String>(5)?),
            active: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_shift_type(conn: &Connection, t: &ShiftType) -> Result<i64> {
    conn.execute(
        "INSERT INTO shift_type (code, name, start_minute, length_minutes, skills, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![t.code, t.name, t.start_minute, t.length_minutes, skills_to(&t.skills), t.active],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_shift_type(conn: &Connection, t: &ShiftType) -> Result<()> {
    conn.execute(
        "UPDATE shift_type SET code = ?2, name = ?3, start_minute = ?4, length_minutes = ?5, skills = ?6, active = ?7 WHERE id = ?1",
        params![t.id, t.code, t.name, t.start_minute, t.length_minutes, skills_to(&t.skills), t.active],
    )?;
    Ok(())
}

pub fn code_taken(conn: &Connection, code: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM shift_type WHERE code = ?1 AND id IS NOT ?2)",
        params![code, except],
        |r| r.get(0),
    )?)
}

pub fn needs(conn: &Connection) -> Result<Vec<CoverageNeed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT shift_type_id, day_kind, skill, min, optimal FROM coverage_need
         ORDER BY shift_type_id, CASE day_kind WHEN 'weekday' THEN 0 WHEN 'weekend' THEN 1 ELSE 2 END, skill",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CoverageNeed {
            shift_type_id: r.get(0)?,
            day_kind: DayKind::parse(&r.get::<_, String>(1)?).unwrap_or(DayKind::Weekday),
            skill: skill_opt(r.get(2)?),
            min: r.get(3)?,
            optimal: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets one need; a need of 0/0 is removed.
pub fn set_need(conn: &Connection, n: &CoverageNeed) -> Result<()> {
    let skill = n.skill.map(Skill::as_str).unwrap_or("");
    if n.min == 0 && n.optimal == 0 {
        conn.execute(
            "DELETE FROM coverage_need WHERE shift_type_id = ?1 AND day_kind = ?2 AND skill = ?3",
            params![n.shift_type_id, n.day_kind.as_str(), skill],
        )?;
    } else {
        conn.execute(
            "INSERT INTO coverage_need (shift_type_id, day_kind, skill, min, optimal) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (shift_type_id, day_kind, skill) DO UPDATE SET min = excluded.min, optimal = excluded.optimal",
            params![n.shift_type_id, n.day_kind.as_str(), skill, n.min, n.optimal],
        )?;
    }
    Ok(())
}

pub fn overrides(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CoverageOverride>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, shift_type_id, skill, min, optimal FROM coverage_override WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
    )?;
    let rows = stmt.query_map(params![date_to_sql(from), date_to_sql(to)], |r| {
        Ok(CoverageOverride {
            date: date_from_sql(r.get(0)?)?,
            shift_type_id: r.get(1)?,
            skill: skill_opt(r.get(2)?),
            min: r.get(3)?,
            optimal: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets one date's override; 0/0 removes it.
pub fn set_override(conn: &Connection, o: &CoverageOverride) -> Result<()> {
    let skill = o.skill.map(Skill::as_str).unwrap_or("");
    if o.min == 0 && o.optimal == 0 {
        conn.execute(
            "DELETE FROM coverage_override WHERE date = ?1 AND shift_type_id = ?2 AND skill = ?3",
            params![date_to_sql(o.date), o.shift_type_id, skill],
        )?;
    } else {
        conn.execute(
            "INSERT INTO coverage_override (date, shift_type_id, skill, min, optimal) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (date, shift_type_id, skill) DO UPDATE SET min = excluded.min, optimal = excluded.optimal",
            params![date_to_sql(o.date), o.shift_type_id, skill, o.min, o.optimal],
        )?;
    }
    Ok(())
}

pub fn set_reference_months(conn: &Connection, months: u32) -> Result<()> {
    conn.execute(
        "UPDATE department SET reference_months = ?1 WHERE id = 1",
        [months],
    )?;
    Ok(())
}

pub fn assignments(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Assignment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT employee_id, date, shift_type_id FROM assignment WHERE date BETWEEN ?1 AND ?2 ORDER BY date, employee_id",
    )?;
    let rows = stmt.query_map(params![date_to_sql(from), date_to_sql(to)], |r| {
        Ok(Assignment {
            employee_id: r.get(0)?,
            date: date_from_sql(r.get(1)?)?,
            shift_type_id: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn assignment(conn: &Connection, employee_id: i64, date: NaiveDate) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT shift_type_id FROM assignment WHERE employee_id = ?1 AND date = ?2",
            params![employee_id, date_to_sql(date)],
            |r| r.get(0),
        )
        .optional()?)
}

/// Puts a shift in a cell, or clears it.
pub fn set_assignment(
    conn: &Connection,
    employee_id: i64,
    date: NaiveDate,
    shift_type_id: Option<i64>,
) -> Result<()> {
    match shift_type_id {
        Some(id) => conn
            .prepare_cached(
                "INSERT INTO assignment (employee_id, date, shift_type_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT (employee_id, date) DO UPDATE SET shift_type_id = excluded.shift_type_id",
            )?
            .execute(params![employee_id, date_to_sql(date), id])?,
        None => conn
            .prepare_cached("DELETE FROM assignment WHERE employee_id = ?1 AND date = ?2")?
            .execute(params![employee_id, date_to_sql(date)])?,
    };
    Ok(())
}

/// A month's state: `draft` or `published` with when and by whom.
pub fn month_status(
    conn: &Connection,
    month: &str,
) -> Result<(String, Option<String>, Option<String>)> {
    Ok(conn
        .query_row(
            "SELECT status, published_at, published_by FROM roster_month WHERE month = ?1",
            [month],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .unwrap_or_else(|| ("draft".into(), None, None)))
}

pub fn publish(conn: &Connection, month: &str, at: &str, by: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO roster_month (month, status, published_at, published_by) VALUES (?1, 'published', ?2, ?3)
         ON CONFLICT (month) DO UPDATE SET status = 'published', published_at = excluded.published_at,
             published_by = excluded.published_by",
        params![month, at, by],
    )?;
    Ok(())
}

pub struct ChangeRow<'a> {
    pub month: &'a str,
    pub at: &'a str,
    pub user_login: &'a str,
    pub user_name: &'a str,
    pub acting_as: Option<&'a str>,
    pub employee_id: i64,
    pub date: NaiveDate,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub reason: &'a str,
}

pub fn insert_change(conn: &Connection, c: &ChangeRow) -> Result<()> {
    conn.execute(
        "INSERT INTO roster_change (month, at, user_login, user_name, acting_as, employee_id, date, before_code, after_code, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![c.month, c.at, c.user_login, c.user_name, c.acting_as, c.employee_id, date_to_sql(c.date), c.before, c.after, c.reason],
    )?;
    Ok(())
}

/// (at, user name, acting as, employee id, date, before, after, reason), newest first.
pub type ChangeTuple = (
    String,
    String,
    Option<String>,
    i64,
    NaiveDate,
    Option<String>,
    Option<String>,
    String,
);

pub fn changes(conn: &Connection, month: &str) -> Result<Vec<ChangeTuple>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, user_name, acting_as, employee_id, date, before_code, after_code, reason
         FROM roster_change WHERE month = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = stmt.query_map([month], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            date_from_sql(r.get(4)?)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn reference_months(conn: &Connection) -> Result<u32> {
    Ok(conn
        .query_row(
            "SELECT reference_months FROM department WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(4))
}

/// The defaults of a new department: day 08–20 and night 20–08, two by day on weekdays.
pub fn insert_defaults(conn: &Connection) -> Result<()> {
    let day = insert_shift_type(
        conn,
        &ShiftType {
            id: 0,
            code: "P".into(),
            name: "Päevane vahetus".into(),
            start_minute: 480,
            length_minutes: 720,
            skills: vec![],
            active: true,
        },
    )?;
    let night = insert_shift_type(
        conn,
        &ShiftType {
            id: 0,
            code: "Ö".into(),
            name: "Öine vahetus".into(),
            start_minute: 1200,
            length_minutes: 720,
            skills: vec![],
            active: true,
        },
    )?;
    for kind in [DayKind::Weekday, DayKind::Weekend, DayKind::Holiday] {
        let (min, optimal) = if kind == DayKind::Weekday {
            (2, 3)
        } else {
            (1, 2)
        };
        set_need(
            conn,
            &CoverageNeed {
                shift_type_id: day,
                day_kind: kind,
                skill: None,
                min,
                optimal,
            },
        )?;
        set_need(
            conn,
            &CoverageNeed {
                shift_type_id: night,
                day_kind: kind,
                skill: None,
                min: 1,
                optimal: 2,
            },
        )?;
    }
    Ok(())
}
