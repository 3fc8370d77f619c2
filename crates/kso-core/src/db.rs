//! Opening the database file and upgrading its schema. The only place that sets connection
//! pragmas; the only way the schema changes is a numbered migration.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::vault::DbKey;

/// `kso.sqlite` + `.keys` → `kso.sqlite.keys`: the files that travel with a database are named
/// by a suffix to its whole name.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file is a plain (unencrypted) SQLite database, as written by versions before
/// issue 6. An encrypted file starts with random bytes.
pub fn is_plaintext(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|()| &head == SQLITE_MAGIC)
        .unwrap_or(false)
}

/// Opens (creating if needed) an encrypted database file with its key and brings its schema up
/// to date. A wrong key is [`Error::WrongKey`].
pub fn open_keyed(path: &Path, key: &DbKey, wal: bool) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut conn = Connection::open(path)?;
    apply_key(&conn, key)?;
    let found = schema_version(&conn).map_err(|_| Error::WrongKey)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    configure(&conn, wal)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Gives SQLCipher the raw key and checks that it opens the file.
pub fn apply_key(conn: &Connection, key: &DbKey) -> Result<()> {
    // SQLCipher's own log would print page errors on stderr; the core reports them itself.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let sql = zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\";", key.pragma_value().as_str()));
    conn.execute_batch(&sql)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|_| Error::WrongKey)?;
    Ok(())
}

/// The migrations, in order. Migration N brings the schema to `user_version` N.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_preferences.sql"),
    include_str!("../migrations/0003_roster.sql"),
    include_str!("../migrations/0004_contracts.sql"),
    include_str!("../migrations/0005_documents.sql"),
    include_str!("../migrations/0006_security.sql"),
    include_str!("../migrations/0007_kpi.sql"),
    include_str!("../migrations/0008_jobs.sql"),
    include_str!("../migrations/0009_reviews.sql"),
    include_str!("../migrations/0010_roster_proposals.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The default database file: `$XDG_DATA_HOME/kso-desk/kso.sqlite`
/// (or `~/.local/share/kso-desk/kso.sqlite`), unless `KSO_DB` names another.
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("KSO_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    data_dir().join("kso-desk").join("kso.sqlite")
}

fn data_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("XDG_DATA_HOME").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        if p.is_absolute() {
            return p;
        }
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    home.join(".local").join("share")
}

/// Opens (creating if needed) a plain database file and brings its schema up to date: the
/// form of versions before issue 6, used to upgrade them and to build old files in tests.
pub fn open_plain(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut conn = Connection::open(path)?;
    // Refuse a newer program's file before touching it (even its journal mode).
    let found = schema_version(&conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    configure(&conn, true)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Durable, concurrent-safe settings: WAL (or a rollback journal for a file that is about to
/// be renamed), synchronous=FULL, foreign keys, a busy timeout, temporary data in memory.
pub fn configure(conn: &Connection, wal: bool) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", if wal { "WAL" } else { "DELETE" })?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies every migration the database lacks, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies migrations up to `target` (used by tests to build an old database).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current = schema_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version <= current || version > target {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        after_migration(&tx, version)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// What a migration does beyond its SQL, in the same transaction.
fn after_migration(tx: &rusqlite::Transaction, version: i64) -> Result<()> {
    if version == 6 {
        // Seal the records written before the chain existed, then make the trail append-only.
        crate::store::audit::seal_unsealed(tx)?;
        tx.execute_batch(crate::store::audit::APPEND_ONLY_TRIGGERS)?;
    }
    if version == 7 {
        // The definitions of the six indicators of § 2.3 and the built-in mapping profiles.
        for kpi in crate::service::default_kpis() {
            crate::store::kpi::set_definition(tx, &kpi)?;
        }
        crate::store::kpi::insert_builtin_profiles(tx)?;
    }
    if version == 8 {
        // The built-in templates of job descriptions.
        let at = crate::service::now_utc();
        for (name, body) in crate::jobs::builtin_templates() {
            crate::store::jobs::save_template(tx, name, &body, true, &at)?;
        }
    }
    Ok(())
}

/// `PRAGMA integrity_check`: `Ok(())` or what it found.
pub fn integrity_check(conn: &Connection) -> Result<(), String> {
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if ok == "ok" {
        Ok(())
    } else {
        Err(ok)
    }
}

/// SQLCipher's check of every page's HMAC: the pages that fail, if any.
pub fn cipher_integrity_check(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare("PRAGMA cipher_integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Moves everything in the write-ahead log into the main file.
pub fn checkpoint(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
    Ok(())
}

/// Copies a plain database into a new encrypted file (`sqlcipher_export`), with its schema
/// version.
pub fn export_encrypted(conn: &Connection, dest: &Path, key: &DbKey) -> Result<()> {
    checkpoint(conn)?;
    let version = schema_version(conn)?;
    conn.execute(
        "ATTACH DATABASE ?1 AS enc KEY ?2",
        rusqlite::params![dest.to_string_lossy(), key.pragma_value().as_str()],
    )?;
    conn.query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))?;
    conn.execute_batch(&format!(
        "PRAGMA enc.user_version = {version}; DETACH DATABASE enc;"
    ))?;
    Ok(())
}

/// Copies the open database into `dest` with SQLite's online backup API, under the same key.
pub fn backup(conn: &Connection, dest: &Path, key: &DbKey) -> Result<Connection> {
    let mut dst = Connection::open(dest)?;
    apply_key(&dst, key)?;
    rusqlite::backup::Backup::new(conn, &mut dst)?.run_to_completion(
        256,
        Duration::from_millis(0),
        None,
    )?;
    Ok(dst)
}

/// Opens a file read-only as it is, without touching its schema: a plain file of an earlier
/// version (`key` None), or a copy of this database such as a backup.
pub fn open_readonly(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if let Some(key) = key {
        apply_key(&conn, key)?;
    }
    Ok(conn)
}

/// Opens a plain file of an earlier version as it is, to check a password and encrypt it.
pub fn open_unmigrated(path: &Path) -> Result<Connection> {
    Ok(Connection::open(path)?)
}
