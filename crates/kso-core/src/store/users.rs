use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::auth::Role;
use crate::error::Result;

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub active: bool,
}

/// New accounts keep no password hash: the key file's wrapping is the password's only check.
pub const NO_HASH: &str = "(key file)";

const COLUMNS: &str = "id, login, name, role, password_hash, active";

fn from_row(r: &Row) -> rusqlite::Result<UserRow> {
    let role: String = r.get(3)?;
    Ok(UserRow {
        id: r.get(0)?,
        login: r.get(1)?,
        name: r.get(2)?,
        role: Role::parse(&role).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                3,
                rusqlite::types::Type::Text,
                format!("unknown role {role}").into(),
            )
        })?,
        password_hash: r.get(4)?,
        active: r.get(5)?,
    })
}

pub fn insert(
    conn: &Connection,
    login: &str,
    name: &str,
    role: Role,
    password_hash: &str,
    created_at: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO user_account (login, name, role, password_hash, active, created_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5)",
        params![login, name, role.as_str(), password_hash, created_at],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn by_login(conn: &Connection, login: &str) -> Result<Option<UserRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM user_account WHERE login = ?1"),
            [login],
            from_row,
        )
        .optional()?)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Option<UserRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM user_account WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// An account as listed: with the employee it is linked to.
#[derive(Debug, Clone)]
pub struct AccountRow {
    pub user: UserRow,
    pub employee_id: Option<i64>,
    pub employee_name: Option<String>,
    pub password_changed_at: Option<String>,
}

pub fn list(conn: &Connection) -> Result<Vec<AccountRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.login, u.name, u.role, u.password_hash, u.active, u.employee_id,
                e.first_name || ' ' || e.last_name, u.password_changed_at
         FROM user_account u LEFT JOIN employee e ON e.id = u.employee_id
         ORDER BY u.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(AccountRow {
            user: from_row(r)?,
            employee_id: r.get(6)?,
            employee_name: r.get(7)?,
            password_changed_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn update(
    conn: &Connection,
    id: i64,
    name: &str,
    role: Role,
    employee_id: Option<i64>,
) -> Result<()> {
    conn.execute(
        "UPDATE user_account SET name = ?2, role = ?3, employee_id = ?4 WHERE id = ?1",
        params![id, name, role.as_str(), employee_id],
    )?;
    Ok(())
}

pub fn link_employee(conn: &Connection, id: i64, employee_id: Option<i64>) -> Result<()> {
    conn.execute(
        "UPDATE user_account SET employee_id = ?2 WHERE id = ?1",
        params![id, employee_id],
    )?;
    Ok(())
}

pub fn set_active(conn: &Connection, id: i64, active: bool) -> Result<()> {
    conn.execute(
        "UPDATE user_account SET active = ?2 WHERE id = ?1",
        params![id, active],
    )?;
    Ok(())
}

pub fn password_changed(conn: &Connection, id: i64, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE user_account SET password_changed_at = ?2, password_hash = ?3 WHERE id = ?1",
        params![id, at, NO_HASH],
    )?;
    Ok(())
}

pub fn active_heads(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM user_account WHERE role = 'head' AND active = 1",
        [],
        |r| r.get(0),
    )?)
}

/// The logins of the other active accounts (only columns of schema version 1: used on files of
/// earlier versions before they are upgraded).
pub fn active_logins_except(conn: &Connection, id: i64) -> Result<Vec<String>> {
    Ok(conn
        .prepare("SELECT login FROM user_account WHERE active = 1 AND id <> ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
