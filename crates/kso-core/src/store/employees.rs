use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{date_from_sql, date_to_sql};
use crate::error::Result;
use crate::model::{ContractType, Employee};
use crate::roster::Skill;

/// A validated employee, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeData {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub start_date: NaiveDate,
    pub position_id: Option<i64>,
    pub contract_type: ContractType,
    pub weekly_minutes: i64,
    pub birth_date: Option<NaiveDate>,
    pub skills: Vec<Skill>,
}

const SELECT: &str = "SELECT e.id, e.first_name, e.last_name, e.email, e.phone, e.start_date,
        e.position_id, p.title, e.active, e.end_date, e.contract_type, e.weekly_minutes, e.birth_date,
        (SELECT group_concat(skill) FROM employee_skill s WHERE s.employee_id = e.id)
    FROM employee e LEFT JOIN position p ON p.id = e.position_id";

fn from_row(r: &Row) -> rusqlite::Result<Employee> {
    Ok(Employee {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        start_date: date_from_sql(r.get(5)?)?,
        position_id: r.get(6)?,
        position_title: r.get(7)?,
        active: r.get(8)?,
        end_date: r
            .get::<_, Option<String>>(9)?
            .map(date_from_sql)
            .transpose()?,
        contract_type: ContractType::parse(&r.get::<_, String>(10)?).unwrap_or_default(),
        weekly_minutes: r.get(11)?,
        birth_date: r
            .get::<_, Option<String>>(12)?
            .map(date_from_sql)
            .transpose()?,
        skills: {
            let mut skills: Vec<Skill> = r
                .get::<_, Option<String>>(13)?
                .unwrap_or_default()
                .split(',')
                .filter_map(Skill::parse)
                .collect();
            skills.sort();
            skills
        },
    })
}

/// Employees sorted by last and first name; `search` matches name, e-mail or phone.
pub fn list(
    conn: &Connection,
    include_inactive: bool,
    search: Option<&str>,
) -> Result<Vec<Employee>> {
    let pattern = search.map(str::trim).filter(|s| !s.is_empty()).map(|s| {
        format!(
            "%{}%",
            s.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    });
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT}
         WHERE (?1 OR e.active)
           AND (?2 IS NULL
                OR e.first_name || ' ' || e.last_name LIKE ?2 ESCAPE '\\'
                OR e.email LIKE ?2 ESCAPE '\\'
                OR coalesce(e.phone, '') LIKE ?2 ESCAPE '\\')
         ORDER BY e.last_name COLLATE NOCASE, e.first_name COLLATE NOCASE, e.id"
    ))?;
    let rows = stmt.query_map(params![include_inactive, pattern], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Employee>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], from_row)
        .optional()?)
}

pub fn email_taken(conn: &Connection, email: &str, except_id: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM employee WHERE lower(email) = lower(?1) AND id IS NOT ?2)",
        params![email, except_id],
        |r| r.get(0),
    )?)
}

pub fn insert(conn: &Connection, e: &EmployeeData) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO employee (first_name, last_name, email, phone, start_date, position_id, active,
                               contract_type, weekly_minutes, birth_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9)",
    )?
    .execute(params![
        e.first_name,
        e.last_name,
        e.email,
        e.phone,
        date_to_sql(e.start_date),
        e.position_id,
        e.contract_type.as_str(),
        e.weekly_minutes,
        e.birth_date.map(date_to_sql),
    ])?;
    let id = conn.last_insert_rowid();
    set_skills(conn, id, &e.skills)?;
    Ok(id)
}

fn set_skills(conn: &Connection, id: i64, skills: &[Skill]) -> Result<()> {
    conn.prepare_cached("DELETE FROM employee_skill WHERE employee_id = ?1")?
        .execute([id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO employee_skill (employee_id, skill) VALUES (?1, ?2)",
    )?;
    for s in skills {
        stmt.execute(params![id, s.as_str()])?;
    }
    Ok(())
}

pub fn update(conn: &Connection, id: i64, e: &EmployeeData) -> Result<()> {
    conn.execute(
        "UPDATE employee SET first_name = ?2, last_name = ?3, email = ?4, phone = ?5,
             start_date = ?6, position_id = ?7, contract_type = ?8, weekly_minutes = ?9, birth_date = ?10
         WHERE id = ?1",
        params![
            id,
            e.first_name,
            e.last_name,
            e.email,
            e.phone,
            date_to_sql(e.start_date),
            e.position_id,
            e.contract_type.as_str(),
            e.weekly_minutes,
            e.birth_date.map(date_to_sql),
        ],
    )?;
    set_skills(conn, id, &e.skills)
}

pub fn set_active(
    conn: &Connection,
    id: i64,
    active: bool,
    end_date: Option<NaiveDate>,
) -> Result<()> {
    conn.execute(
        "UPDATE employee SET active = ?2, end_date = ?3 WHERE id = ?1",
        params![id, active, end_date.map(date_to_sql)],
    )?;
    Ok(())
}
