//! Imported tickets and calls: upserts keyed by their source ids, the grouped counts the
//! indicators are computed from, and the records behind a figure.

use rusqlite::{params, Connection};

use crate::error::Result;

/// A ticket as the importer read it.
pub struct TicketRow {
    pub key: String,
    pub title: String,
    pub status: String,
    pub group: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub due_at: Option<i64>,
    pub resolved_month: Option<i64>,
    pub flags: i64,
    pub satisfaction: Option<i64>,
}

/// The key as it is ordered in storage: a trailing number zero-padded (`KSO-123` →
/// `KSO-00000000000000000123~03`), so that an export's tickets, numbered in order, are added at
/// the end of the table's tree instead of all over it. The digit count keeps `KSO-01` and
/// `KSO-1` apart.
pub fn sort_key(key: &str) -> String {
    let digits = key.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 19 {
        return key.to_string();
    }
    let (prefix, number) = key.split_at(key.len() - digits);
    let n: u64 = number.parse().unwrap_or(0);
    format!("{prefix}{n:020}~{digits:02}")
}

const UPSERT_TICKET: &str = "INSERT INTO kpi_ticket
    (system, key_sort, ext_key, title, status, grp, created_at, resolved_at, due_at,
     resolved_month, flags, satisfaction, batch_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
    ON CONFLICT (system, key_sort) DO UPDATE SET title = excluded.title,
        status = excluded.status, grp = excluded.grp, created_at = excluded.created_at,
        resolved_at = excluded.resolved_at, due_at = excluded.due_at,
        resolved_month = excluded.resolved_month, flags = excluded.flags,
        satisfaction = excluded.satisfaction, batch_id = excluded.batch_id";

/// Adds tickets of one system and import, or updates the ones with their keys, through one
/// prepared statement.
pub struct TicketWriter<'c> {
    stmt: rusqlite::CachedStatement<'c>,
    system: &'c str,
    batch_id: i64,
}

impl<'c> TicketWriter<'c> {
    pub fn new(conn: &'c Connection, system: &'c str, batch_id: i64) -> Result<TicketWriter<'c>> {
        Ok(TicketWriter {
            stmt: conn.prepare_cached(UPSERT_TICKET)?,
            system,
            batch_id,
        })
    }

    pub fn write(&mut self, t: &TicketRow) -> Result<()> {
        self.stmt.execute(params![
            self.system,
            sort_key(&t.key),
            t.key,
            t.title,
            t.status,
            t.group,
            t.created_at,
            t.resolved_at,
            t.due_at,
            t.resolved_month,
            t.flags,
            t.satisfaction,
            self.batch_id
        ])?;
        Ok(())
    }
}

/// The benchmark's measure of the storage itself: `rows` plain inserts of rows shaped like a
/// stored ticket (the same columns, titles of the same length) into a new table without a
/// key to check or an index to keep, in one transaction, committed. No import can write
/// faster into the same file; `kso bench-kpi` runs it on an encrypted and a plain file.
pub fn insert_ceiling(conn: &Connection, rows: i64) -> Result<()> {
    const TITLES: [&str; 4] = [
        "Printer ei prindi, paber jääb kinni",
        "Parool aegunud, ei saa sisse logida",
        "VPN-ühendus katkeb iga paari minuti järel",
        "Uus töökoht: arvuti ja telefon seadistada",
    ];
    const STATUSES: [&str; 3] = ["Resolved", "Closed", "In Progress"];
    conn.execute_batch(
        "CREATE TABLE bench_ceiling (title TEXT, status TEXT, grp TEXT, created_at INTEGER,
             resolved_at INTEGER, due_at INTEGER, resolved_month INTEGER, flags INTEGER,
             satisfaction INTEGER, batch_id INTEGER);
         PRAGMA cache_size = -65536;
         BEGIN IMMEDIATE;",
    )?;
    {
        let mut stmt = conn.prepare(
            "INSERT INTO bench_ceiling VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for i in 0..rows {
            let created = 1_640_995_200 + i * 120;
            stmt.execute(params![
                TITLES[(i % 4) as usize],
                STATUSES[(i % 3) as usize],
                "Kasutajatugi",
                created,
                created + 3_600 * (i % 50),
                created + 86_400,
                202_201 + (i / 21_000) % 12,
                (i * 7_919) % 64,
                (i % 3 == 0).then_some(i % 5 + 1),
                1
            ])?;
        }
    }
    conn.execute_batch("COMMIT")?;
    Ok(())
}

/// A call as the importer read it.
pub struct CallRow {
    pub call_id: String,
    pub queue: String,
    pub entered_at: i64,
    pub month: i64,
    pub outcome: i64,
    pub wait_s: i64,
}

/// Adds calls of one system and import, or updates the ones with their ids.
pub struct CallWriter<'c> {
    stmt: rusqlite::CachedStatement<'c>,
    system: &'c str,
    batch_id: i64,
}

impl<'c> CallWriter<'c> {
    pub fn new(conn: &'c Connection, system: &'c str, batch_id: i64) -> Result<CallWriter<'c>> {
        Ok(CallWriter {
            stmt: conn.prepare_cached(
                "INSERT INTO kpi_call (system, call_id, queue, entered_at, month, outcome, wait_s,
                                       batch_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (system, call_id) DO UPDATE SET queue = excluded.queue,
                    entered_at = excluded.entered_at, month = excluded.month,
                    outcome = excluded.outcome, wait_s = excluded.wait_s,
                    batch_id = excluded.batch_id",
            )?,
            system,
            batch_id,
        })
    }

    pub fn write(&mut self, c: &CallRow) -> Result<()> {
        self.stmt.execute(params![
            self.system,
            c.call_id,
            c.queue,
            c.entered_at,
            c.month,
            c.outcome,
            c.wait_s,
            self.batch_id
        ])?;
        Ok(())
    }
}

/// How many tickets (or calls) of a system are stored.
pub fn count(conn: &Connection, calls: bool, system: &str) -> Result<i64> {
    let sql = if calls {
        "SELECT count(*) FROM kpi_call WHERE system = ?1"
    } else {
        "SELECT count(*) FROM kpi_ticket WHERE system = ?1"
    };
    Ok(conn.query_row(sql, [system], |r| r.get(0))?)
}

/// How many tickets and calls are stored: the sum of what each import added (records are
/// never deleted), without counting a million rows.
pub fn totals(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(CASE kind WHEN 'tickets' THEN inserted END), 0),
                coalesce(sum(CASE kind WHEN 'calls' THEN inserted END), 0)
         FROM kpi_batch",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Resolved tickets of the months `from..=to` grouped by month and flags: (month, flags, n).
/// One scan of the covering index.
pub fn ticket_groups(conn: &Connection, from: i64, to: i64) -> Result<Vec<(i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT resolved_month, flags, count(*) FROM kpi_ticket
         WHERE resolved_month BETWEEN ?1 AND ?2 GROUP BY resolved_month, flags",
    )?;
    let rows = stmt.query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A group of calls: (month, outcome, answered within the SLA time, waited under the short
/// threshold, how many).
pub type CallGroup = (i64, i64, bool, bool, i64);

/// Calls of the months `from..=to`, grouped.
pub fn call_groups(
    conn: &Connection,
    from: i64,
    to: i64,
    sla: i64,
    short: i64,
) -> Result<Vec<CallGroup>> {
    let mut stmt = conn.prepare_cached(
        "SELECT month, outcome, wait_s <= ?3, wait_s < ?4, count(*) FROM kpi_call
         WHERE month BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3, 4",
    )?;
    let rows = stmt.query_map(params![from, to, sla, short], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A stored ticket, as listed behind a figure.
pub struct StoredTicket {
    pub system: String,
    pub key: String,
    pub title: String,
    pub status: String,
    pub group: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub due_at: Option<i64>,
    pub flags: i64,
    pub satisfaction: Option<i64>,
}

/// A month's tickets whose flags match `(flags & mask) = value` and, when `not` is given,
/// fail `(flags & not.0) = not.1`; a page of them and how many match.
pub fn tickets_where(
    conn: &Connection,
    month: i64,
    want: (i64, i64),
    not: Option<(i64, i64)>,
    offset: u32,
    limit: u32,
) -> Result<(i64, Vec<StoredTicket>)> {
    let (nm, nv) = not.unwrap_or((0, 1)); // (flags & 0) != 1 always holds
    let filter = "resolved_month = ?1 AND (flags & ?2) = ?3 AND (flags & ?4) != ?5";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM kpi_ticket WHERE {filter}"),
        params![month, want.0, want.1, nm, nv],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT system, ext_key, title, status, grp, created_at, resolved_at, due_at, flags,
                satisfaction
         FROM kpi_ticket WHERE {filter} ORDER BY resolved_at, ext_key LIMIT ?6 OFFSET ?7"
    ))?;
    let rows = stmt.query_map(params![month, want.0, want.1, nm, nv, limit, offset], |r| {
        Ok(StoredTicket {
            system: r.get(0)?,
            key: r.get(1)?,
            title: r.get(2)?,
            status: r.get(3)?,
            group: r.get(4)?,
            created_at: r.get(5)?,
            resolved_at: r.get(6)?,
            due_at: r.get(7)?,
            flags: r.get(8)?,
            satisfaction: r.get(9)?,
        })
    })?;
    Ok((total, rows.collect::<rusqlite::Result<_>>()?))
}

pub struct StoredCall {
    pub system: String,
    pub call_id: String,
    pub queue: String,
    pub entered_at: i64,
    pub outcome: i64,
    pub wait_s: i64,
}

/// Which calls of a month to list.
pub struct CallFilter {
    pub month: i64,
    /// Leave out calls abandoned in under this many seconds (0: none).
    pub short_below: i64,
    /// Only calls answered within this many seconds, or only the others, or all.
    pub within_sla: Option<(bool, i64)>,
}

pub fn calls_where(
    conn: &Connection,
    f: &CallFilter,
    offset: u32,
    limit: u32,
) -> Result<(i64, Vec<StoredCall>)> {
    // ?3: 1 = only within the SLA, 0 = only the others, -1 = all.
    let (which, sla) = match f.within_sla {
        Some((true, s)) => (1, s),
        Some((false, s)) => (0, s),
        None => (-1, 0),
    };
    let filter = "month = ?1 AND NOT (outcome = 1 AND wait_s < ?2)
        AND (?3 = -1 OR (outcome = 0 AND wait_s <= ?4) = (?3 = 1))";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM kpi_call WHERE {filter}"),
        params![f.month, f.short_below, which, sla],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT system, call_id, queue, entered_at, outcome, wait_s FROM kpi_call
         WHERE {filter} ORDER BY entered_at, call_id LIMIT ?5 OFFSET ?6"
    ))?;
    let rows = stmt.query_map(
        params![f.month, f.short_below, which, sla, limit, offset],
        |r| {
            Ok(StoredCall {
                system: r.get(0)?,
                call_id: r.get(1)?,
                queue: r.get(2)?,
                entered_at: r.get(3)?,
                outcome: r.get(4)?,
                wait_s: r.get(5)?,
            })
        },
    )?;
    Ok((total, rows.collect::<rusqlite::Result<_>>()?))
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    #[test]
    fn sort_keys_order_numbers_and_keep_keys_apart() {
        assert!(sort_key("KSO-9") < sort_key("KSO-10"));
        assert_ne!(sort_key("KSO-01"), sort_key("KSO-1"));
        assert_eq!(sort_key("abc"), "abc");
        assert_eq!(sort_key("2026120310000012"), "00002026120310000012~16");
    }
}
