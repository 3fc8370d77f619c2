//! Streaming importers. An [`ImportSession`] is fed an export chunk by chunk (the app sends the
//! file in pieces with a progress bar; the CLI reads it from disk), keeps only the record being
//! read, and writes each row inside one transaction of its own connection. `finish` commits
//! (or, when rows were rejected and only whole files are wanted, rolls back); dropping the
//! session unfinished — a cancel, an unreadable file, a crash — changes nothing.

use std::collections::HashMap;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use rusqlite::Connection;

use crate::auth::Actor;
use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::kpi::dates::{self, DateFormat, Stamp};
use crate::kpi::{
    compute, profile, CallFormat, CallOutcome, FlagRule, ImportBatch, ImportKind, ImportProgress,
    KpiImportReport, RejectedRow, TicketProfile, TimeBasis,
};
use crate::service::now_utc;
use crate::store;
use crate::store::audit::AuditRecord;
use crate::store::tickets::{CallRow, TicketRow};

/// The facts a profile reads from a ticket, as bits of `kpi_ticket.flags`.
pub mod flag {
    pub const HAS_DEADLINE: i64 = 1;
    pub const ON_TIME: i64 = 2;
    pub const REOPEN_KNOWN: i64 = 4;
    pub const REOPENED: i64 = 8;
    pub const LEVEL_KNOWN: i64 = 16;
    pub const FIRST_LEVEL: i64 = 32;
    pub const ESCALATED: i64 = 64;
    pub const RETURN_KNOWN: i64 = 128;
    pub const RETURNED: i64 = 256;
    pub const RATED: i64 = 512;
    pub const SATISFIED: i64 = 1024;
}

/// Longest title kept (the drill-down shows it; the export may hold pages).
const TITLE_MAX: usize = 200;

// ---- CSV, pushed in chunks ------------------------------------------------------------------

/// A CSV reader fed in chunks: `csv_core` keeps the parse state between them, this keeps the
/// fields of the record being read.
struct CsvPush {
    rdr: Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    /// The line the record being read started on, and the newlines read so far.
    record_line: u64,
    newlines: u64,
    at_start: bool,
}

/// One record's fields.
pub struct Fields<'a> {
    data: &'a [u8],
    ends: &'a [usize],
    /// The record's bytes as text when they are valid UTF-8 (checked once per record, at
    /// its first field read as text, not per field).
    utf8: std::cell::OnceCell<Option<&'a str>>,
}

impl<'a> Fields<'a> {
    fn new(data: &'a [u8], ends: &'a [usize]) -> Fields<'a> {
        Fields {
            data,
            ends,
            utf8: std::cell::OnceCell::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No field holds anything: a blank line, or a row of delimiters only (Excel's `,,,,`).
    pub fn is_empty(&self) -> bool {
        self.data[..self.ends.last().copied().unwrap_or(0)]
            .iter()
            .all(|b| b.is_ascii_whitespace())
    }

    pub fn bytes(&self, i: usize) -> &'a [u8] {
        if i >= self.ends.len() {
            return b"";
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.data[start..self.ends[i]]
    }

    /// A field as text, trimmed (invalid UTF-8 is replaced).
    pub fn text(&self, i: usize) -> std::borrow::Cow<'a, str> {
        // A valid record splits into valid fields: csv_core cuts at ASCII delimiters and
        // quotes, so `get` finds character boundaries.
        let record = self
            .utf8
            .get_or_init(|| std::str::from_utf8(self.data).ok());
        if let Some(s) = record.and_then(|s| {
            let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
            s.get(start..*self.ends.get(i)?)
        }) {
            return std::borrow::Cow::Borrowed(s.trim());
        }
        let bytes = self.bytes(i);
        // The validating fast path; the lossy one only for a broken byte.
        match std::str::from_utf8(bytes) {
            Ok(s) => std::borrow::Cow::Borrowed(s.trim()),
            Err(_) => std::borrow::Cow::Owned(String::from_utf8_lossy(bytes).trim().to_string()),
        }
    }

    pub fn all(&self) -> Vec<String> {
        (0..self.len()).map(|i| self.text(i).into_owned()).collect()
    }
}

impl CsvPush {
    fn new(delimiter: u8) -> CsvPush {
        CsvPush {
            rdr: ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 1 << 16],
            ends: vec![0; 256],
            nout: 0,
            nend: 0,
            record_line: 1,
            newlines: 0,
            at_start: true,
        }
    }

    /// Reads what `input` completes; `on_record` gets each whole record and the line it
    /// starts on. An empty `input` means the end of the file.
    fn feed(
        &mut self,
        mut input: &[u8],
        on_record: &mut dyn FnMut(&Fields, u64) -> Result<()>,
    ) -> Result<()> {
        let eof = input.is_empty();
        loop {
            if self.at_start && !input.is_empty() {
                // The record starts at its first byte that is not a line end: a CRLF record
                // ends at its CR (the LF is still ahead), and blank lines are skipped.
                let ends = input
                    .iter()
                    .take_while(|b| **b == b'\n' || **b == b'\r')
                    .count();
                if ends < input.len() {
                    let lf = input[..ends].iter().filter(|b| **b == b'\n').count() as u64;
                    self.record_line = self.newlines + 1 + lf;
                    self.at_start = false;
                }
            }
            let (res, nin, nout, nend) = self.rdr.read_record(
                input,
                &mut self.out[self.nout..],
                &mut self.ends[self.nend..],
            );
            self.newlines += input[..nin].iter().filter(|b| **b == b'\n').count() as u64;
            input = &input[nin..];
            self.nout += nout;
            self.nend += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    if !eof {
                        return Ok(());
                    }
                }
                ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    let fields = Fields::new(&self.out[..self.nout], &self.ends[..self.nend]);
                    let line = self.record_line;
                    self.nout = 0;
                    self.nend = 0;
                    self.at_start = true;
                    if !fields.is_empty() {
                        on_record(&fields, line)?;
                    }
                }
                ReadRecordResult::End => return Ok(()),
            }
        }
    }
}

// ---- what a row means -----------------------------------------------------------------------

/// Whether a cell says yes under a flag rule.
fn flag_says(cell: &str, tokens: &[String]) -> bool {
    let cell = cell.trim();
    if tokens.is_empty() {
        return !(cell.is_empty()
            || cell == "0"
            || cell.eq_ignore_ascii_case("no")
            || cell.eq_ignore_ascii_case("ei")
            || cell.eq_ignore_ascii_case("false")
            || cell.eq_ignore_ascii_case("none"));
    }
    cell.split(|c: char| c == ',' || c == ';' || c == '|' || c.is_whitespace())
        .any(|w| tokens.iter().any(|t| t.eq_ignore_ascii_case(w)))
        || tokens.iter().any(|t| t.eq_ignore_ascii_case(cell))
}

struct FlagCol {
    index: usize,
    tokens: Vec<String>,
}

fn flag_col(header: &[String], rule: &FlagRule) -> Option<FlagCol> {
    let c = rule.column.as_ref()?;
    Some(FlagCol {
        index: profile::find(header, c)?,
        tokens: rule.tokens.clone(),
    })
}

/// A ticket as read from its row (copied only when it is written).
struct TicketView<'a> {
    key: &'a str,
    title: &'a str,
    status: &'a str,
    group: &'a str,
    created_at: i64,
    resolved_at: Option<i64>,
    due_at: Option<i64>,
    resolved_month: Option<i64>,
    flags: i64,
    satisfaction: Option<i64>,
}

impl TicketView<'_> {
    fn to_row(&self) -> TicketRow {
        TicketRow {
            key: self.key.to_string(),
            title: self.title.to_string(),
            status: self.status.to_string(),
            group: self.group.to_string(),
            created_at: self.created_at,
            resolved_at: self.resolved_at,
            due_at: self.due_at,
            resolved_month: self.resolved_month,
            flags: self.flags,
            satisfaction: self.satisfaction,
        }
    }
}

/// A ticket profile bound to a file's header.
struct TicketReader {
    profile: TicketProfile,
    format: DateFormat,
    basis: TimeBasis,
    key: usize,
    title: Option<usize>,
    created: usize,
    resolved: Option<usize>,
    status: Option<usize>,
    group: Option<usize>,
    due: Option<usize>,
    sla: Option<usize>,
    satisfaction: Option<usize>,
    escalated: Option<FlagCol>,
    returned: Option<FlagCol>,
    reopened: Option<FlagCol>,
    resolved_statuses: Vec<String>,
    first_level: Vec<String>,
    /// The profile's columns the file lacks.
    missing: Vec<String>,
}

impl TicketReader {
    fn bind(p: &TicketProfile, header: &[String]) -> Result<TicketReader> {
        let key = profile::require(header, &p.key, "key");
        let created = profile::require(header, &p.created, "created");
        let (key, created) = match (key, created) {
            (Ok(k), Ok(c)) => (k, c),
            (Err(_), Err(_)) => {
                return Err(Error::Invalid(vec![
                    crate::error::FieldError {
                        field: "key",
                        rule: Rule::CsvHeader,
                    },
                    crate::error::FieldError {
                        field: "created",
                        rule: Rule::CsvHeader,
                    },
                ]))
            }
            (Err(e), _) | (_, Err(e)) => return Err(e),
        };
        // The profile as this file can be read: columns it lacks are left out (their facts
        // unknown), and said so in the report and in the stored definition.
        let mut profile = p.clone();
        let mut missing = Vec::new();
        for c in [
            &mut profile.title,
            &mut profile.resolved,
            &mut profile.status,
            &mut profile.group,
            &mut profile.due,
            &mut profile.sla_remaining,
            &mut profile.satisfaction,
            &mut profile.escalated.column,
            &mut profile.returned.column,
            &mut profile.reopened.column,
        ] {
            if let Some(col) = c
                .as_ref()
                .filter(|col| profile::find(header, col).is_none())
            {
                if !missing.contains(&col.name) {
                    missing.push(col.name.clone());
                }
                *c = None;
            }
        }
        let opt =
            |c: &Option<crate::kpi::ColumnRef>| c.as_ref().and_then(|c| profile::find(header, c));
        Ok(TicketReader {
            format: DateFormat::from_profile(&p.date_format),
            basis: p.time_basis,
            key,
            title: opt(&profile.title),
            created,
            resolved: opt(&profile.resolved),
            status: opt(&profile.status),
            group: opt(&profile.group),
            due: opt(&profile.due),
            sla: opt(&profile.sla_remaining),
            satisfaction: opt(&profile.satisfaction),
            escalated: flag_col(header, &profile.escalated),
            returned: flag_col(header, &profile.returned),
            reopened: flag_col(header, &profile.reopened),
            resolved_statuses: profile.resolved_statuses.clone(),
            first_level: profile.first_level_groups.clone(),
            profile,
            missing,
        })
    }

    fn date(
        &self,
        f: &Fields,
        i: usize,
        column: &crate::kpi::ColumnRef,
        lang: Lang,
    ) -> std::result::Result<Option<Stamp>, String> {
        let what = &column.name;
        let cell = f.text(i);
        if cell.is_empty() {
            return Ok(None);
        }
        dates::parse(&cell, &self.format, self.basis)
            .map(Some)
            .ok_or_else(|| {
                lang.pick(
                    &format!("{what}: „{cell}“ ei ole kuupäev"),
                    &format!("{what}: \"{cell}\" is not a date"),
                )
                .to_string()
            })
    }

    /// Reads one row into a ticket, or the reason it cannot be read.
    fn read<'f>(
        &self,
        f: &'f Fields,
        lang: Lang,
        out: &mut dyn FnMut(TicketView) -> Result<()>,
    ) -> Result<std::result::Result<Option<i64>, String>> {
        let p = &self.profile;
        if f.len() <= self.key.max(self.created) {
            return Ok(Err(lang
                .pick(
                    &format!("reas on {} veergu, päises rohkem", f.len()),
                    &format!("the row has {} columns, the header more", f.len()),
                )
                .to_string()));
        }
        let key = f.text(self.key);
        if key.is_empty() {
            return Ok(Err(lang
                .pick(
                    &format!("„{}“ on tühi", p.key.name),
                    &format!("\"{}\" is empty", p.key.name),
                )
                .to_string()));
        }
        let created = match self.date(f, self.created, &p.created, lang) {
            Ok(Some(c)) => c.unix,
            Ok(None) => {
                return Ok(Err(lang
                    .pick(
                        &format!("„{}“ on tühi", p.created.name),
                        &format!("\"{}\" is empty", p.created.name),
                    )
                    .to_string()))
            }
            Err(e) => return Ok(Err(e)),
        };
        let name = |c: &Option<crate::kpi::ColumnRef>| {
            c.as_ref().map_or("", |c| c.name.as_str()).to_string()
        };
        let resolved_at = match (self.resolved, &p.resolved) {
            (Some(i), Some(c)) => match self.date(f, i, c, lang) {
                Ok(s) => s.map(|s| s.unix),
                Err(e) => return Ok(Err(e)),
            },
            _ => None,
        };
        let due_at = match (self.due, &p.due) {
            (Some(i), Some(c)) => match self.date(f, i, c, lang) {
                Ok(Some(s)) if s.date_only => Some(dates::end_of_day(s.unix, self.basis)),
                Ok(s) => s.map(|s| s.unix),
                Err(e) => return Ok(Err(e)),
            },
            _ => None,
        };
        let status = self.status.map(|i| f.text(i)).unwrap_or_default();
        let group = self.group.map(|i| f.text(i)).unwrap_or_default();
        let satisfaction = match self.satisfaction.map(|i| f.text(i)) {
            Some(s) if !s.is_empty() => match parse_rating(&s) {
                Some(v) if (0..=p.scale_max).contains(&v) => Some(v),
                _ => {
                    return Ok(Err(lang
                        .pick(
                            &format!(
                                "{}: „{s}“ ei ole hinne 0–{}",
                                name(&p.satisfaction),
                                p.scale_max
                            ),
                            &format!(
                                "{}: \"{s}\" is not a rating 0–{}",
                                name(&p.satisfaction),
                                p.scale_max
                            ),
                        )
                        .to_string()))
                }
            },
            _ => None,
        };
        let is_resolved = resolved_at.is_some()
            && (self.resolved_statuses.is_empty()
                || self
                    .resolved_statuses
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(&status)));
        let mut flags = 0;
        // § 2.3.1: the SLA cell decides when there is one, else the due date.
        let sla_cell = self.sla.map(|i| f.text(i)).unwrap_or_default();
        if !sla_cell.is_empty() {
            flags |= flag::HAS_DEADLINE;
            if !sla_cell.starts_with('-') {
                flags |= flag::ON_TIME;
            }
        } else if let (Some(due), Some(res)) = (due_at, resolved_at) {
            flags |= flag::HAS_DEADLINE;
            if res <= due {
                flags |= flag::ON_TIME;
            }
        }
        if let Some(c) = &self.reopened {
            flags |= flag::REOPEN_KNOWN;
            if flag_says(&f.text(c.index), &c.tokens) {
                flags |= flag::REOPENED;
            }
        }
        let group_known = self.group.is_some() && !self.first_level.is_empty() && !group.is_empty();
        if group_known || self.escalated.is_some() {
            flags |= flag::LEVEL_KNOWN;
            let outside = group_known
                && !self
                    .first_level
                    .iter()
                    .any(|g| g.eq_ignore_ascii_case(&group));
            let marked = self
                .escalated
                .as_ref()
                .is_some_and(|c| flag_says(&f.text(c.index), &c.tokens));
            if outside || marked {
                flags |= flag::ESCALATED;
            } else {
                flags |= flag::FIRST_LEVEL;
            }
        }
        if let Some(c) = &self.returned {
            flags |= flag::RETURN_KNOWN;
            if flag_says(&f.text(c.index), &c.tokens) {
                flags |= flag::RETURNED;
            }
        }
        if let Some(v) = satisfaction {
            flags |= flag::RATED;
            if v >= p.satisfied_min {
                flags |= flag::SATISFIED;
            }
        }
        let title = self.title.map(|i| f.text(i)).unwrap_or_default();
        let title: &str = match title.char_indices().nth(TITLE_MAX) {
            Some((cut, _)) if title.len() > TITLE_MAX => &title[..cut],
            _ => &title,
        };
        let month = if is_resolved {
            resolved_at.map(dates::tallinn_month)
        } else {
            None
        };
        out(TicketView {
            key: &key,
            title,
            status: &status,
            group: &group,
            created_at: created,
            resolved_at,
            due_at,
            resolved_month: month,
            flags,
            satisfaction,
        })?;
        Ok(Ok(month.or_else(|| Some(dates::tallinn_month(created)))))
    }
}

/// `4`, `4.0`, `4,0` → 4.
fn parse_rating(s: &str) -> Option<i64> {
    let t = s.trim();
    let whole = match t.split_once(['.', ',']) {
        Some((w, f)) if f.chars().all(|c| c == '0') => w,
        Some(_) => return None,
        None => t,
    };
    whole.parse().ok()
}

// ---- calls ----------------------------------------------------------------------------------

/// The columns of the generic per-call CSV, by any of their usual names.
struct CallCsv {
    id: usize,
    queue: usize,
    entered: usize,
    outcome: usize,
    wait: usize,
}

const CALL_COLUMNS: [(&str, &[&str]); 5] = [
    (
        "call_id",
        &["call_id", "callid", "id", "uniqueid", "kõne id", "kõne"],
    ),
    ("queue", &["queue", "järjekord"]),
    (
        "entered",
        &["entered", "entered_at", "start", "time", "algus", "saabus"],
    ),
    ("outcome", &["outcome", "status", "result", "tulemus"]),
    ("wait", &["wait", "wait_s", "wait_seconds", "ooteaeg"]),
];

impl CallCsv {
    fn bind(header: &[String]) -> Result<CallCsv> {
        let mut idx = [0usize; 5];
        let mut missing = Vec::new();
        for (n, (field, names)) in CALL_COLUMNS.iter().enumerate() {
            match header
                .iter()
                .position(|h| names.iter().any(|x| h.trim().eq_ignore_ascii_case(x)))
            {
                Some(i) => idx[n] = i,
                None => missing.push(crate::error::FieldError {
                    field,
                    rule: Rule::CsvHeader,
                }),
            }
        }
        if !missing.is_empty() {
            return Err(Error::Invalid(missing));
        }
        Ok(CallCsv {
            id: idx[0],
            queue: idx[1],
            entered: idx[2],
            outcome: idx[3],
            wait: idx[4],
        })
    }
}

fn outcome_of(s: &str) -> Option<CallOutcome> {
    let t = s.trim().to_lowercase();
    match t.as_str() {
        "answered" | "connect" | "vastatud" | "completed" => Some(CallOutcome::Answered),
        "abandoned" | "abandon" | "katkestatud" | "loobus" => Some(CallOutcome::Abandoned),
        "timeout" | "exitwithtimeout" | "unanswered" | "aegunud" | "vastamata" => {
            Some(CallOutcome::Timeout)
        }
        _ => None,
    }
}

/// Seconds as `42` or `mm:ss` / `hh:mm:ss`.
/// The longest wait taken as real (a day); anything longer is a broken row.
const MAX_WAIT: i64 = 86_400;

fn parse_seconds(s: &str) -> Option<i64> {
    let t = s.trim();
    let parts: Vec<&str> = t.split(':').collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 6)
    {
        return None;
    }
    let mut total = 0i64;
    for (i, part) in parts.iter().enumerate() {
        let v: i64 = part.parse().ok()?;
        if i > 0 && v > 59 {
            return None;
        }
        total = total * 60 + v;
    }
    (total <= MAX_WAIT).then_some(total)
}

/// Unix seconds of 2000-01-01 and 2100-01-01: call times outside are broken rows.
const TIME_RANGE: (i64, i64) = (946_684_800, 4_102_444_800);

/// A call entered a queue and is waiting for its outcome (Asterisk's queue_log spreads one
/// call over several lines).
struct Waiting {
    entered: i64,
    queue: String,
}

// ---- the session ----------------------------------------------------------------------------

enum Parser {
    Tickets {
        csv: CsvPush,
        profile: Box<TicketProfile>,
        bound: Option<Arc<TicketReader>>,
    },
    CallCsv {
        csv: Option<CsvPush>,
        bound: Option<CallCsv>,
        /// The first line until the delimiter is known.
        head: Vec<u8>,
    },
    QueueLog {
        line: Vec<u8>,
        line_no: u64,
        waiting: HashMap<String, Waiting>,
    },
}

/// What the session needs from the service: who imports, how, from which file.
pub struct SessionSpec {
    pub actor: Actor,
    pub lang: Lang,
    pub kind: ImportKind,
    pub format: String,
    pub profile: Option<TicketProfile>,
    pub file_name: String,
    pub accept_valid: bool,
    /// Read and check only, write nothing (the benchmark's "parsing alone").
    pub dry_run: bool,
}

/// How many rejected rows are listed with their reasons (all are counted).
pub const MAX_REJECTED: usize = 10_000;

#[derive(Default)]
struct Tally {
    progress: ImportProgress,
    rejected: Vec<RejectedRow>,
    written: i64,
    first_month: Option<i64>,
    last_month: Option<i64>,
}

impl Tally {
    fn month(&mut self, m: i64) {
        self.first_month = Some(self.first_month.map_or(m, |f| f.min(m)));
        self.last_month = Some(self.last_month.map_or(m, |l| l.max(m)));
    }

    /// Adds the counts of rows checked elsewhere (a dry run's checking thread).
    fn merge(&mut self, other: Tally) {
        self.progress.rejected += other.progress.rejected;
        let room = MAX_REJECTED.saturating_sub(self.rejected.len());
        self.rejected.extend(other.rejected.into_iter().take(room));
        self.written += other.written;
        for m in [other.first_month, other.last_month].into_iter().flatten() {
            self.month(m);
        }
    }

    /// Every rejected row is counted; the first [`MAX_REJECTED`] are kept with their reasons
    /// (a file read with the wrong profile rejects every row; memory must not follow it).
    fn reject(&mut self, line: u64, reason: String) {
        self.progress.rejected += 1;
        if self.rejected.len() < MAX_REJECTED {
            self.rejected.push(RejectedRow {
                line: line as i64,
                reason,
            });
        }
    }
}

/// Rows on their way to the writer thread, in batches. The thread owns the import's
/// connection while the file is read (parsing and writing run on the two cores at once) and
/// hands it back at the end; the channel holds a few batches, so memory stays flat.
struct Sink {
    tickets: Vec<TicketRow>,
    calls: Vec<CallRow>,
    tx: Option<SyncSender<Batch>>,
    writer: Option<JoinHandle<(Connection, Result<()>)>>,
}

enum Batch {
    Tickets(Vec<TicketRow>),
    Calls(Vec<CallRow>),
}

const BATCH_ROWS: usize = 2048;

fn write_loop(
    conn: Connection,
    system: String,
    batch_id: i64,
    rx: Receiver<Batch>,
) -> (Connection, Result<()>) {
    let result = (|| {
        let mut tickets = store::tickets::TicketWriter::new(&conn, &system, batch_id)?;
        let mut calls = store::tickets::CallWriter::new(&conn, &system, batch_id)?;
        for batch in rx {
            match batch {
                Batch::Tickets(rows) => rows.iter().try_for_each(|t| tickets.write(t))?,
                Batch::Calls(rows) => rows.iter().try_for_each(|c| calls.write(c))?,
            }
        }
        Ok(())
    })();
    (conn, result)
}

impl Sink {
    fn start(conn: Connection, system: String, batch_id: i64) -> Result<Sink> {
        let (tx, rx) = sync_channel(4);
        let writer = std::thread::Builder::new()
            .name("kpi-import-writer".into())
            .spawn(move || write_loop(conn, system, batch_id, rx))?;
        Ok(Sink {
            tickets: Vec::with_capacity(BATCH_ROWS),
            calls: Vec::new(),
            tx: Some(tx),
            writer: Some(writer),
        })
    }

    fn ticket(&mut self, t: TicketRow) -> Result<()> {
        self.tickets.push(t);
        if self.tickets.len() >= BATCH_ROWS {
            let rows = std::mem::replace(&mut self.tickets, Vec::with_capacity(BATCH_ROWS));
            self.send(Batch::Tickets(rows))?;
        }
        Ok(())
    }

    fn call(&mut self, c: CallRow) -> Result<()> {
        self.calls.push(c);
        if self.calls.len() >= BATCH_ROWS {
            let rows = std::mem::take(&mut self.calls);
            self.send(Batch::Calls(rows))?;
        }
        Ok(())
    }

    fn send(&mut self, batch: Batch) -> Result<()> {
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(batch).is_ok());
        if sent {
            return Ok(());
        }
        // The writer stopped: its error says why.
        match self.stop() {
            Some((_, Err(e))) => Err(e),
            _ => Err(Error::Internal("the import's writer stopped".into())),
        }
    }

    /// Sends what is left, waits for the writer and takes the connection back.
    fn finish(&mut self) -> Result<Connection> {
        if !self.tickets.is_empty() {
            let rows = std::mem::take(&mut self.tickets);
            self.send(Batch::Tickets(rows))?;
        }
        if !self.calls.is_empty() {
            let rows = std::mem::take(&mut self.calls);
            self.send(Batch::Calls(rows))?;
        }
        match self.stop() {
            Some((conn, Ok(()))) => Ok(conn),
            Some((_, Err(e))) => Err(e),
            None => Err(Error::Internal("the import's writer is gone".into())),
        }
    }

    /// Closes the channel and joins the writer (its connection, and how it ended).
    fn stop(&mut self) -> Option<(Connection, Result<()>)> {
        self.tx = None;
        self.writer.take().and_then(|w| w.join().ok())
    }
}

/// Reads one ticket row: handed to `out` and counted, or rejected with its line and reason.
fn ticket_record(
    reader: &TicketReader,
    f: &Fields,
    line: u64,
    lang: Lang,
    tally: &mut Tally,
    out: &mut dyn FnMut(TicketView) -> Result<()>,
) -> Result<()> {
    match reader.read(f, lang, out)? {
        Ok(month) => {
            tally.written += 1;
            if let Some(m) = month {
                tally.month(m);
            }
        }
        Err(reason) => tally.reject(line, reason),
    }
    Ok(())
}

/// Records copied out of the CSV reader, on their way to the checking thread.
#[derive(Default)]
struct Records {
    data: Vec<u8>,
    ends: Vec<usize>,
    /// Per record: where its bytes and its field ends stop, and its line.
    records: Vec<(usize, usize, u64)>,
}

impl Records {
    fn push(&mut self, f: &Fields, line: u64) {
        self.data.extend_from_slice(f.data);
        self.ends.extend_from_slice(f.ends);
        self.records.push((self.data.len(), self.ends.len(), line));
    }

    fn each(&self, mut visit: impl FnMut(&Fields, u64)) {
        let (mut d0, mut e0) = (0, 0);
        for &(d1, e1, line) in &self.records {
            visit(&Fields::new(&self.data[d0..d1], &self.ends[e0..e1]), line);
            (d0, e0) = (d1, e1);
        }
    }
}

/// A dry run of a ticket file checks its rows on the other core while this one splits the
/// file (an import has its writer there instead). Rows arrive in order, so the rejected
/// ones are listed as a one-thread read would list them.
struct Checker {
    pending: Records,
    tx: Option<SyncSender<Records>>,
    worker: Option<JoinHandle<Tally>>,
}

impl Checker {
    fn start(reader: Arc<TicketReader>, lang: Lang) -> Result<Checker> {
        let (tx, rx) = sync_channel::<Records>(4);
        let worker = std::thread::Builder::new()
            .name("kpi-import-check".into())
            .spawn(move || {
                let mut tally = Tally::default();
                for batch in rx {
                    batch.each(|f, line| {
                        // Nothing is written, so a row can only be rejected, not fail.
                        let _ = ticket_record(&reader, f, line, lang, &mut tally, &mut |_| Ok(()));
                    });
                }
                tally
            })?;
        Ok(Checker {
            pending: Records::default(),
            tx: Some(tx),
            worker: Some(worker),
        })
    }

    fn record(&mut self, f: &Fields, line: u64) -> Result<()> {
        self.pending.push(f, line);
        if self.pending.records.len() >= BATCH_ROWS {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.pending);
        if self.tx.as_ref().is_some_and(|tx| tx.send(batch).is_ok()) {
            Ok(())
        } else {
            Err(Error::Internal("the import's checker stopped".into()))
        }
    }

    /// Sends what is left and waits for the counts.
    fn finish(mut self) -> Result<Tally> {
        if !self.pending.records.is_empty() {
            self.send()?;
        }
        self.tx = None;
        self.worker
            .take()
            .and_then(|w| w.join().ok())
            .ok_or_else(|| Error::Internal("the import's checker is gone".into()))
    }
}

/// An import in progress: its own connection inside an open transaction (held by the writer
/// thread while the file is read).
pub struct ImportSession {
    sink: Option<Sink>,
    /// A dry run's rows are checked on the other core (started at the first row).
    check: Option<Checker>,
    spec: SessionSpec,
    system: String,
    parser: Parser,
    tally: Tally,
    batch_id: i64,
    count_before: i64,
    started: Instant,
}

impl ImportSession {
    /// Starts an import on `conn` (a connection of its own): the write transaction opens here.
    pub fn begin(conn: Connection, spec: SessionSpec) -> Result<ImportSession> {
        conn.execute_batch("PRAGMA cache_size = -65536; BEGIN IMMEDIATE;")?;
        let (parser, system) = match spec.kind {
            ImportKind::Tickets => {
                let p = spec
                    .profile
                    .clone()
                    .ok_or_else(|| Error::field("profile", Rule::Required))?;
                let d = profile::delimiter_byte(&p.delimiter)
                    .ok_or_else(|| Error::field("delimiter", Rule::CsvHeader))?;
                let system = p.system.clone();
                (
                    Parser::Tickets {
                        csv: CsvPush::new(d),
                        profile: Box::new(p),
                        bound: None,
                    },
                    system,
                )
            }
            ImportKind::Calls => match CallFormat::parse(&spec.format) {
                Some(CallFormat::Asterisk) => (
                    Parser::QueueLog {
                        line: Vec::new(),
                        line_no: 0,
                        waiting: HashMap::new(),
                    },
                    "asterisk".to_string(),
                ),
                Some(CallFormat::Csv) => (
                    Parser::CallCsv {
                        csv: None,
                        bound: None,
                        head: Vec::new(),
                    },
                    "calls".to_string(),
                ),
                None => return Err(Error::field("format", Rule::Required)),
            },
        };
        let batch_id = store::kpi::next_batch_id(&conn)?;
        let count_before = store::tickets::count(&conn, spec.kind == ImportKind::Calls, &system)?;
        let sink = if spec.dry_run {
            None
        } else {
            Some(Sink::start(conn, system.clone(), batch_id)?)
        };
        Ok(ImportSession {
            sink,
            check: None,
            spec,
            system,
            parser,
            tally: Tally::default(),
            batch_id,
            count_before,
            started: Instant::now(),
        })
    }

    pub fn progress(&self) -> ImportProgress {
        self.tally.progress
    }

    /// The account that began the import.
    pub fn owner(&self) -> i64 {
        self.spec.actor.user_id
    }

    /// Reads the next piece of the file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<ImportProgress> {
        if chunk.is_empty() {
            return Ok(self.tally.progress);
        }
        self.tally.progress.bytes += chunk.len() as i64;
        self.push(chunk)?;
        Ok(self.tally.progress)
    }

    /// Where rows go, the parser and the counts, borrowed apart.
    fn parts(&mut self) -> (Ctx<'_>, &mut Parser, &mut Tally) {
        let ctx = Ctx {
            sink: self.sink.as_mut(),
            check: &mut self.check,
            lang: self.spec.lang,
            accept_valid: self.spec.accept_valid,
        };
        (ctx, &mut self.parser, &mut self.tally)
    }

    fn push(&mut self, chunk: &[u8]) -> Result<()> {
        let first = self.tally.progress.bytes == chunk.len() as i64;
        let chunk = if first {
            chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk)
        } else {
            chunk
        };
        let (mut ctx, parser, tally) = self.parts();
        match parser {
            Parser::Tickets {
                csv,
                profile,
                bound,
            } => ctx.tickets(csv, profile, bound, tally, chunk),
            Parser::CallCsv { csv, bound, head } => {
                if let Some(csv) = csv {
                    return ctx.calls(csv, bound, tally, chunk);
                }
                // The delimiter is guessed from the first line.
                head.extend_from_slice(chunk);
                let Some(nl) = head.iter().position(|b| *b == b'\n') else {
                    return Ok(());
                };
                let reader = csv.insert(CsvPush::new(profile::sniff_delimiter(
                    &String::from_utf8_lossy(&head[..nl]),
                )));
                let buffered = std::mem::take(head);
                ctx.calls(reader, bound, tally, &buffered)
            }
            Parser::QueueLog {
                line,
                line_no,
                waiting,
            } => {
                let mut start = 0;
                for (i, b) in chunk.iter().enumerate() {
                    if *b == b'\n' {
                        line.extend_from_slice(&chunk[start..i]);
                        *line_no += 1;
                        ctx.queue_log_line(line, *line_no, waiting, tally)?;
                        line.clear();
                        start = i + 1;
                    }
                }
                line.extend_from_slice(&chunk[start..]);
                Ok(())
            }
        }
    }

    /// Tells the CSV reader the file ended (its last record may lack a newline).
    fn push_eof(&mut self) -> Result<()> {
        let (mut ctx, parser, tally) = self.parts();
        match parser {
            Parser::Tickets {
                csv,
                profile,
                bound,
            } => ctx.tickets(csv, profile, bound, tally, b""),
            Parser::CallCsv { csv, bound, head } => {
                let reader = match csv {
                    Some(r) => r,
                    None if head.is_empty() => return Ok(()),
                    None => {
                        // A file of one line: the header alone.
                        let first = String::from_utf8_lossy(head).into_owned();
                        let r = csv.insert(CsvPush::new(profile::sniff_delimiter(&first)));
                        let h = std::mem::take(head);
                        ctx.calls(r, bound, tally, &h)?;
                        r
                    }
                };
                ctx.calls(reader, bound, tally, b"")
            }
            // The last line without a newline.
            Parser::QueueLog {
                line,
                line_no,
                waiting,
            } => {
                if line.is_empty() {
                    return Ok(());
                }
                *line_no += 1;
                ctx.queue_log_line(line, *line_no, waiting, tally)?;
                line.clear();
                Ok(())
            }
        }
    }

    /// Ends the file: commits, or (rejected rows, whole files only; or a dry run) rolls back.
    pub fn finish(mut self) -> Result<KpiImportReport> {
        self.push_eof()?;
        if let Some(check) = self.check.take() {
            let checked = check.finish()?;
            self.tally.merge(checked);
        }
        let header_read = match &self.parser {
            Parser::Tickets { bound, .. } => bound.is_some(),
            Parser::CallCsv { bound, .. } => bound.is_some(),
            Parser::QueueLog { .. } => self.tally.progress.rows > 0,
        };
        if !header_read {
            return Err(Error::field("file", Rule::CsvHeader));
        }
        let incomplete = match &self.parser {
            Parser::QueueLog { waiting, .. } => waiting.len() as i64,
            _ => 0,
        };
        let month_text = |m: Option<i64>| m.map(|m| format!("{:04}-{:02}", m / 100, m % 100));
        let mut report = KpiImportReport {
            committed: false,
            batch_id: None,
            rows: self.tally.progress.rows,
            inserted: 0,
            updated: 0,
            rejected: std::mem::take(&mut self.tally.rejected),
            rejected_count: self.tally.progress.rejected,
            missing_columns: match &self.parser {
                Parser::Tickets { bound: Some(b), .. } => b.missing.clone(),
                _ => Vec::new(),
            },
            incomplete,
            first_month: month_text(self.tally.first_month),
            last_month: month_text(self.tally.last_month),
            elapsed_ms: 0,
        };
        let conn = match self.sink.as_mut() {
            Some(sink) => sink.finish()?,
            None => {
                report.elapsed_ms = self.started.elapsed().as_millis() as i64;
                return Ok(report); // a dry run
            }
        };
        if (report.rejected_count > 0 && !self.spec.accept_valid) || self.tally.written == 0 {
            conn.execute_batch("ROLLBACK")?;
            report.elapsed_ms = self.started.elapsed().as_millis() as i64;
            return Ok(report);
        }
        // From here on a failure drops `conn` inside its transaction: nothing stays.
        let calls = self.spec.kind == ImportKind::Calls;
        let after = store::tickets::count(&conn, calls, &self.system)?;
        report.inserted = after - self.count_before;
        report.updated = self.tally.written - report.inserted;
        let profile_name = self
            .spec
            .profile
            .as_ref()
            .map_or_else(|| self.spec.format.clone(), |p| p.name.clone());
        // The profile as the file was read (without the columns it lacks).
        let read_with = match &self.parser {
            Parser::Tickets { bound: Some(b), .. } => Some(&b.profile),
            _ => self.spec.profile.as_ref(),
        };
        let definition = match read_with {
            Some(p) => serde_json::to_string(p).map_err(|e| Error::Internal(e.to_string()))?,
            None => String::new(),
        };
        let batch = ImportBatch {
            id: self.batch_id,
            kind: self.spec.kind,
            format: self.spec.format.clone(),
            profile: profile_name,
            file_name: self.spec.file_name.clone(),
            imported_at: now_utc(),
            imported_by: self.spec.actor.name.clone(),
            rows: report.rows,
            inserted: report.inserted,
            updated: report.updated,
            rejected: report.rejected_count,
        };
        store::kpi::insert_batch(
            &conn,
            &store::kpi::NewBatch {
                batch: &batch,
                definition: &definition,
                first_month: self.tally.first_month,
                last_month: self.tally.last_month,
            },
        )?;
        compute::refresh(&conn, Some(self.spec.kind))?;
        store::audit::insert(
            &conn,
            &self.spec.actor,
            &now_utc(),
            &AuditRecord {
                action: "kpi.import",
                entity: "kpi_batch",
                entity_id: Some(batch.id.to_string()),
                before: None,
                after: Some(serde_json::json!({
                    "kind": batch.kind.as_str(),
                    "format": batch.format,
                    "profile": batch.profile,
                    "file": batch.file_name,
                    "rows": batch.rows,
                    "inserted": batch.inserted,
                    "updated": batch.updated,
                    "rejected": batch.rejected,
                })),
            },
        )?;
        conn.execute_batch("COMMIT")?;
        report.committed = true;
        report.batch_id = Some(batch.id);
        report.elapsed_ms = self.started.elapsed().as_millis() as i64;
        Ok(report)
    }
}

impl Drop for ImportSession {
    fn drop(&mut self) {
        // Unfinished (a cancel, an unreadable file): the writer stops, and its connection is
        // closed inside the transaction, which SQLite rolls back. Nothing of the file stays.
        if let Some(sink) = self.sink.as_mut() {
            if let Some((conn, _)) = sink.stop() {
                if !conn.is_autocommit() {
                    let _ = conn.execute_batch("ROLLBACK");
                }
            }
        }
    }
}

/// Where the rows of a chunk go, and how.
struct Ctx<'a> {
    /// None in a dry run.
    sink: Option<&'a mut Sink>,
    check: &'a mut Option<Checker>,
    lang: Lang,
    accept_valid: bool,
}

impl Ctx<'_> {
    /// Rows are written until one is rejected, unless valid rows are wanted anyway (the rest
    /// is then only checked, so that every rejected row is still reported).
    fn writes(&self, tally: &Tally) -> bool {
        self.sink.is_some() && (self.accept_valid || tally.rejected.is_empty())
    }

    fn tickets(
        &mut self,
        csv: &mut CsvPush,
        profile: &TicketProfile,
        bound: &mut Option<Arc<TicketReader>>,
        tally: &mut Tally,
        input: &[u8],
    ) -> Result<()> {
        csv.feed(input, &mut |f, line| {
            let Some(reader) = bound.as_ref() else {
                *bound = Some(Arc::new(TicketReader::bind(profile, &f.all())?));
                return Ok(());
            };
            tally.progress.rows += 1;
            let Some(sink) = self.sink.as_deref_mut() else {
                let check = match self.check {
                    Some(c) => c,
                    None => self
                        .check
                        .insert(Checker::start(Arc::clone(reader), self.lang)?),
                };
                return check.record(f, line);
            };
            let go = self.accept_valid || tally.rejected.is_empty();
            ticket_record(reader, f, line, self.lang, tally, &mut |t| {
                if go {
                    sink.ticket(t.to_row())
                } else {
                    Ok(())
                }
            })
        })
    }

    fn calls(
        &mut self,
        csv: &mut CsvPush,
        bound: &mut Option<CallCsv>,
        tally: &mut Tally,
        input: &[u8],
    ) -> Result<()> {
        let lang = self.lang;
        csv.feed(input, &mut |f, line| {
            let Some(b) = bound.as_ref() else {
                *bound = Some(CallCsv::bind(&f.all())?);
                return Ok(());
            };
            tally.progress.rows += 1;
            let id = f.text(b.id);
            let queue = f.text(b.queue);
            let entered = dates::parse(&f.text(b.entered), &DateFormat::Auto, TimeBasis::Tallinn)
                .filter(|e| (TIME_RANGE.0..TIME_RANGE.1).contains(&e.unix));
            let outcome = outcome_of(&f.text(b.outcome));
            let wait = parse_seconds(&f.text(b.wait));
            let (Some(entered), Some(outcome), Some(wait), false) =
                (entered, outcome, wait, id.is_empty())
            else {
                let reason = if id.is_empty() {
                    lang.pick("kõne tunnus on tühi", "the call id is empty")
                        .to_string()
                } else if entered.is_none() {
                    lang.pick(
                        &format!(
                            "„{}“ ei ole kuupäev ja kellaaeg aastatel 2000–2099",
                            f.text(b.entered)
                        ),
                        &format!(
                            "\"{}\" is not a date and time in 2000–2099",
                            f.text(b.entered)
                        ),
                    )
                    .to_string()
                } else if outcome.is_none() {
                    lang.pick(
                        &format!(
                            "tulemus „{}“ ei ole answered, abandoned ega timeout",
                            f.text(b.outcome)
                        ),
                        &format!(
                            "outcome \"{}\" is not answered, abandoned or timeout",
                            f.text(b.outcome)
                        ),
                    )
                    .to_string()
                } else {
                    lang.pick(
                        &format!("ooteaeg „{}“ ei ole sekundid", f.text(b.wait)),
                        &format!("wait \"{}\" is not seconds", f.text(b.wait)),
                    )
                    .to_string()
                };
                tally.reject(line, reason);
                return Ok(());
            };
            self.call(
                tally,
                id.into_owned(),
                queue.into_owned(),
                entered.unix,
                outcome,
                wait,
            )
        })
    }

    /// Writes one call (while writing) and counts it.
    fn call(
        &mut self,
        tally: &mut Tally,
        call_id: String,
        queue: String,
        entered: i64,
        outcome: CallOutcome,
        wait: i64,
    ) -> Result<()> {
        let month = dates::tallinn_month(entered);
        if self.writes(tally) {
            if let Some(s) = self.sink.as_mut() {
                s.call(CallRow {
                    call_id,
                    queue,
                    entered_at: entered,
                    month,
                    outcome: outcome.as_i64(),
                    wait_s: wait,
                })?;
            }
        }
        tally.written += 1;
        tally.month(month);
        Ok(())
    }

    /// One line of Asterisk's `queue_log`: `time|callid|queue|agent|EVENT|data1|data2|data3…`.
    fn queue_log_line(
        &mut self,
        raw: &[u8],
        line_no: u64,
        waiting: &mut HashMap<String, Waiting>,
        tally: &mut Tally,
    ) -> Result<()> {
        let lang = self.lang;
        let text = String::from_utf8_lossy(raw);
        let text = text.trim_end_matches('\r');
        if text.trim().is_empty() {
            return Ok(());
        }
        let parts: Vec<&str> = text.split('|').collect();
        let bad = |tally: &mut Tally, et: &str, en: &str| {
            tally.progress.rows += 1;
            tally.reject(line_no, lang.pick(et, en).to_string());
        };
        if parts.len() < 5 {
            bad(
                tally,
                "rida ei ole kujul aeg|kõne|järjekord|agent|sündmus",
                "the line is not time|callid|queue|agent|event",
            );
            return Ok(());
        }
        let Some(time) = parts[0]
            .split('.')
            .next()
            .and_then(|t| t.trim().parse::<i64>().ok())
        else {
            bad(
                tally,
                "aeg ei ole Unixi sekundid",
                "the time is not Unix seconds",
            );
            return Ok(());
        };
        if !(TIME_RANGE.0..TIME_RANGE.1).contains(&time) {
            bad(
                tally,
                "aeg ei ole aastatel 2000–2099",
                "the time is not in the years 2000–2099",
            );
            return Ok(());
        }
        let (callid, queue, event) = (parts[1].trim(), parts[2].trim(), parts[4].trim());
        if callid.is_empty() || callid == "NONE" || queue == "NONE" {
            return Ok(()); // agent and queue events, not calls
        }
        let data = |i: usize| parts.get(5 + i).map_or("", |s| s.trim());
        let num = |s: &str| s.parse::<i64>().ok().filter(|v| (0..=MAX_WAIT).contains(v));
        let (outcome, wait) = match event {
            "ENTERQUEUE" => {
                waiting.insert(
                    callid.to_string(),
                    Waiting {
                        entered: time,
                        queue: queue.to_string(),
                    },
                );
                return Ok(());
            }
            // CONNECT: data1 = the time held in the queue.
            "CONNECT" => (CallOutcome::Answered, num(data(0))),
            // data1 = position, data2 = original position, data3 = the time waited.
            "ABANDON" => (CallOutcome::Abandoned, num(data(2))),
            "EXITEMPTY" | "EXITWITHTIMEOUT" => (CallOutcome::Timeout, num(data(2))),
            // data1 = the key pressed, then the positions and the time waited.
            "EXITWITHKEY" => (CallOutcome::Timeout, num(data(3))),
            _ => return Ok(()),
        };
        let known = waiting.remove(callid);
        let wait = match (wait, &known) {
            (Some(w), _) => w,
            (None, Some(k)) => (time - k.entered).max(0),
            (None, None) => {
                bad(
                    tally,
                    "ootamise aeg puudub ja kõne algus ei ole failis",
                    "no wait time and the call's start is not in the file",
                );
                return Ok(());
            }
        };
        tally.progress.rows += 1;
        let entered = known.as_ref().map_or(time - wait, |k| k.entered);
        let queue = known.as_ref().map_or(queue, |k| k.queue.as_str());
        let id = format!("{callid}/{queue}");
        self.call(tally, id, queue.to_string(), entered, outcome, wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_rules_read_cells_and_tokens() {
        assert!(flag_says("2", &[]));
        assert!(!flag_says("0", &[]));
        assert!(!flag_says(" ", &[]));
        assert!(!flag_says("Ei", &[]));
        let t = vec!["reopened".to_string()];
        assert!(flag_says("vpn, Reopened", &t));
        assert!(!flag_says("reopen-requested", &t));
        assert_eq!(parse_rating("4.0"), Some(4));
        assert_eq!(parse_rating("4,5"), None);
        assert_eq!(parse_seconds("01:05"), Some(65));
    }
}
