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
