//! KPIs from real export formats. Each test writes a file in a system's format (with its
//! quirks: repeated column names, quoted multi-line comments, its date formats, missing
//! satisfaction), imports it through the streaming importer in small chunks, and checks every
//! month of every indicator against counts computed here from the generated records — a second
//! path that shares no code with the importer (its own Tallinn clock included).

mod common;

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};
use common::*;
use kso_core::kpi::*;
use kso_core::{Actor, Desk};

// ---- a small, fixed random source -----------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

// ---- Tallinn time, written independently of the core ---------------------------------------

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap() - Duration::days(1);
    while d.weekday() != Weekday::Sun {
        d -= Duration::days(1);
    }
    d
}

/// EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
/// of October; Tallinn is UTC+2, UTC+3 in summer.
fn tallinn_to_utc(local: NaiveDateTime) -> NaiveDateTime {
    let y = local.year();
    let start = last_sunday(y, 3).and_hms_opt(1, 0, 0).unwrap();
    let end = last_sunday(y, 10).and_hms_opt(1, 0, 0).unwrap();
    let as_summer = local - Duration::hours(3);
    if as_summer >= start && as_summer < end {
        as_summer
    } else {
        local - Duration::hours(2)
    }
}

fn month_of(t: NaiveDateTime) -> String {
    format!("{:04}-{:02}", t.year(), t.month())
}

// ---- generated tickets ----------------------------------------------------------------------

#[derive(Clone, Debug)]
struct T {
    key: String,
    title: String,
    /// Tallinn wall-clock times.
    created: NaiveDateTime,
    resolved: Option<NaiveDateTime>,
    status: &'static str,
    group: &'static str,
    due: Option<NaiveDate>,
    /// The SLA cell: Some(true) breached, Some(false) met, None empty.
    sla_breached: Option<bool>,
    escalated_mark: bool,
    returned: bool,
    reopened: bool,
    rating: Option<i64>,
}

const GROUPS: [&str; 4] = [
    "KSO kasutajatugi",
    "KSO kasutajatugi",
    "Võrguteenused",
    "Rakendustugi",
];

fn tickets(seed: u64, n: usize, prefix: &str, scale: i64) -> Vec<T> {
    let mut r = Rng(seed);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    (0..n)
        .map(|i| {
            // Some land right at the DST change and at month ends.
            let created = match i % 97 {
                0 => NaiveDate::from_ymd_opt(2026, 3, 29)
                    .unwrap()
                    .and_hms_opt(4, 30, 0)
                    .unwrap(),
                1 => NaiveDate::from_ymd_opt(2026, 10, 31)
                    .unwrap()
                    .and_hms_opt(23, 40, 0)
                    .unwrap(),
                _ => start + Duration::minutes(r.below(365 * 24 * 60 - 3000) as i64),
            };
            let resolved = (!r.chance(10)).then(|| {
                let t = created + Duration::minutes(30 + r.below(7 * 24 * 60) as i64);
                match i % 97 {
                    // Resolved 31.03 23:30 Tallinn = 20:30 UTC: still March.
                    2 => NaiveDate::from_ymd_opt(2026, 3, 31)
                        .unwrap()
                        .and_hms_opt(23, 30, 0)
                        .unwrap(),
                    _ => t,
                }
            });
            let status = match (resolved, r.below(10)) {
                (None, 0..=4) => "In Progress",
                (None, _) => "Waiting for customer",
                (Some(_), 0) => "Cancelled", // has a resolution time but is not resolved
                (Some(_), 1..=5) => "Done",
                (Some(_), _) => "Resolved",
            };
            let due = (!r.chance(30)).then(|| (created + Duration::days(r.below(6) as i64)).date());
            let sla_breached = match r.below(10) {
                0..=3 => None,
                4 => Some(true),
                _ => Some(false),
            };
            T {
                key: format!("{prefix}-{}", 1000 + i),
                title: format!("Pöördumine {i}: \"VPN\" ei tööta, palun aidake"),
                created,
                resolved,
                status,
                group: GROUPS[r.below(4) as usize],
                due,
                sla_breached,
                escalated_mark: r.chance(8),
                returned: r.chance(25),
                reopened: r.chance(12),
                rating: (r.chance(40)).then(|| 1 + r.below(scale as u64) as i64),
            }
        })
        .collect()
}

fn is_resolved(t: &T) -> bool {
    t.resolved.is_some()
        && matches!(
            t.status,
            "Done" | "Resolved" | "closed" | "Solved" | "Lahendatud"
        )
}

/// What the test expects per indicator and month: (numerator, denominator).
type Expected = BTreeMap<(&'static str, String), (i64, i64)>;

struct Reads {
    sla: bool,
    due: bool,
    reopened: bool,
    returned: bool,
    escalated_mark: bool,
    groups: bool,
    satisfied_min: Option<i64>,
}

fn expected(ts: &[T], reads: &Reads) -> Expected {
    let mut e: Expected = BTreeMap::new();
    let mut add = |code: &'static str, month: &str, num: bool| {
        let x = e.entry((code, month.to_string())).or_default();
        x.1 += 1;
        if num {
            x.0 += 1;
        }
    };
    for t in ts.iter().filter(|t| is_resolved(t)) {
        let res = t.resolved.unwrap();
        let m = month_of(res);
        let sla = if reads.sla { t.sla_breached } else { None };
        match (sla, t.due.filter(|_| reads.due)) {
            (Some(breached), _) => add("2.3.1", &m, !breached),
            (None, Some(due)) => add(
                "2.3.1",
                &m,
                res < (due + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap(),
            ),
            (None, None) => {}
        }
        if reads.reopened {
            add("2.3.2", &m, !t.reopened);
        }
        if let (Some(min), Some(r)) = (reads.satisfied_min, t.rating) {
            add("2.3.3", &m, r >= min);
        }
        if reads.groups || reads.escalated_mark {
            let escalated = (reads.groups && t.group != "KSO kasutajatugi")
                || (reads.escalated_mark && t.escalated_mark);
            add("2.3.4", &m, !escalated);
            if escalated && reads.returned {
                add("2.3.6", &m, !t.returned);
            }
        }
    }
    e
}

// ---- the formats ----------------------------------------------------------------------------

fn csv_cell(s: &str, delimiter: char) -> String {
    if s.contains(delimiter) || s.contains('"') || s.contains('\n') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row(cells: &[String], d: char) -> String {
    let mut s = cells
        .iter()
        .map(|c| csv_cell(c, d))
        .collect::<Vec<_>>()
        .join(&d.to_string());
    s.push_str("\r\n");
    s
}

/// Jira's `25/Feb/26 10:17 PM`.
fn jira_date(t: NaiveDateTime) -> String {
    let (pm, h) = t.hour12();
    format!(
        "{:02}/{}/{:02} {}:{:02} {}",
        t.day(),
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            [t.month0() as usize],
        t.year() % 100,
        h,
        t.minute(),
        if pm { "PM" } else { "AM" }
    )
}

fn jira(ts: &[T]) -> String {
    let header = [
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Priority",
        "Resolution",
        "Assignee",
        "Created",
        "Updated",
        "Resolved",
        "Due date",
        "Custom field (Team)",
        "Custom field (Escalation)",
        "Custom field (Returned by team)",
        "Custom field (Reopen count)",
        "Custom field (Time to resolution)",
        "Satisfaction rating",
        "Comment",
        "Comment",
        "Watchers",
        "Watchers",
    ];
    let mut out = String::from("\u{feff}");
    out.push_str(&row(&header.map(String::from), ','));
    for (i, t) in ts.iter().enumerate() {
        let comment = if i % 5 == 0 {
            "25/Feb/26 10:17 AM;jaan;Kasutaja kirjutas:\n\"ei saa sisse\", proovisin uuesti\n\nTervitades, Jaan".to_string()
        } else {
            String::new()
        };
        let cells = vec![
            t.title.clone(),
            t.key.clone(),
            (20000 + i).to_string(),
            "Service Request".into(),
            t.status.into(),
            "Medium".into(),
            if t.resolved.is_some() {
                "Done".into()
            } else {
                String::new()
            },
            "Jaan Tamm".into(),
            jira_date(t.created),
            jira_date(t.created + Duration::hours(1)),
            t.resolved.map(jira_date).unwrap_or_default(),
            // Due dates as dates only, as Jira exports them.
            t.due
                .map(|d| {
                    format!(
                        "{:02}/{}/{:02}",
                        d.day(),
                        [
                            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                            "Nov", "Dec"
                        ][d.month0() as usize],
                        d.year() % 100
                    )
                })
                .unwrap_or_default(),
            t.group.into(),
            if t.escalated_mark {
                "Tier 2".into()
            } else {
                String::new()
            },
            if t.returned { "1".into() } else { "0".into() },
            if t.reopened {
                "2".into()
            } else {
                String::new()
            },
            match t.sla_breached {
                Some(true) => "-2h 15m".into(),
                Some(false) => "3h 40m".into(),
                None => String::new(),
            },
            t.rating.map(|r| r.to_string()).unwrap_or_default(),
            comment,
            if i % 7 == 0 {
                "Teine kommentaar, kus on ka koma".into()
            } else {
                String::new()
            },
            "mari".into(),
            "jaan".into(),
        ];
        out.push_str(&row(&cells, ','));
    }
    out
}

/// Zammad exports UTC instants.
fn zammad(ts: &[T]) -> String {
    let header = [
        "#",
        "Title",
        "State",
        "Priority",
        "Group",
        "Owner",
        "Customer",
        "Organization",
        "Create Channel",
        "Sender",
        "Tags",
        "Time Units Total",
        "Created At",
        "Updated At",
        "Closed At",
        "Close Escalation At",
        "Close In Min",
        "Close Diff In Min",
        "First Response At",
        "Article Count",
    ];
    let utc = |t: NaiveDateTime| tallinn_to_utc(t).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut out = row(&header.map(String::from), ',');
    for t in ts {
        let state = if is_resolved(t) {
            "closed"
        } else if t.resolved.is_some() {
            "merged"
        } else {
            "open"
        };
        let mut tags = vec!["vpn"];
        if t.reopened {
            tags.push("reopened");
        }
        if t.returned {
            tags.push("tagastatud");
        }
        let cells = vec![
            t.key.clone(),
            t.title.clone(),
            state.into(),
            "2 normal".into(),
            t.group.into(),
            "Jaan Tamm".into(),
            "Kati Kask".into(),
            "SMIT".into(),
            "email".into(),
            "Customer".into(),
            tags.join(", "),
            String::new(),
            utc(t.created),
            utc(t.created),
            t.resolved.map(utc).unwrap_or_default(),
            t.due
                .map(|d| {
                    utc((d + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap()
                        - Duration::seconds(1))
                })
                .unwrap_or_default(),
            String::new(),
            match t.sla_breached {
                Some(true) => "-42".into(),
                Some(false) => "120".into(),
                None => String::new(),
            },
            String::new(),
            "3".into(),
        ];
        out.push_str(&row(&cells, ','));
    }
    out
}

fn znuny(ts: &[T]) -> String {
    let header = [
        "TicketNumber",
        "Age",
        "Created",
        "Closed",
        "FirstLock",
        "FirstResponse",
        "State",
        "Priority",
        "Queue",
        "Lock",
        "Owner",
        "UserFirstname",
        "UserLastname",
        "CustomerID",
        "CustomerName",
        "From",
        "Subject",
        "AccountedTime",
        "ArticleTree",
        "SolutionInMin",
        "SolutionDiffInMin",
        "FirstResponseInMin",
        "FirstResponseDiffInMin",
    ];
    let f = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
    let mut out = row(&header.map(String::from), ',');
    for t in ts {
        let state = if is_resolved(t) {
            "closed successful"
        } else if t.resolved.is_some() {
            "removed"
        } else {
            "open"
        };
        let mut cells: Vec<String> = vec![
            t.key.clone(),
            "2 d".into(),
            f(t.created),
            t.resolved.map(f).unwrap_or_default(),
        ];
        cells.extend([
            "".into(),
            "".into(),
            state.into(),
            "3 normal".into(),
            t.group.into(),
            "unlock".into(),
            "jaan".into(),
            "Jaan".into(),
            "Tamm".into(),
            "SMIT".into(),
            "Kati Kask".into(),
            "kati@example.ee".into(),
            t.title.clone(),
            "0".into(),
            "".into(),
            "60".into(),
        ]);
        cells.push(match t.sla_breached {
            Some(true) => "-15".into(),
            Some(false) => "45".into(),
            None => String::new(),
        });
        cells.extend(["5".into(), "10".into()]);
        out.push_str(&row(&cells, ','));
    }
    out
}

fn glpi(ts: &[T]) -> String {
    let header = [
        "ID",
        "Title",
        "Entity",
        "Status",
        "Opening date",
        "Time to resolve",
        "Resolution date",
        "Assigned to - Technician group",
        "Category",
        "Satisfaction",
    ];
    let f = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    let mut out = row(&header.map(String::from), ';');
    for t in ts {
        let status = if is_resolved(t) {
            "Solved"
        } else if t.resolved.is_some() {
            "Cancelled"
        } else {
            "Processing (assigned)"
        };
        let cells = vec![
            t.key.clone(),
            t.title.clone(),
            "SMIT > KSO".into(),
            status.into(),
            f(t.created),
            t.due
                .map(|d| f(d.and_hms_opt(23, 59, 59).unwrap()))
                .unwrap_or_default(),
            t.resolved.map(f).unwrap_or_default(),
            t.group.into(),
            "Võrk > VPN".into(),
            t.rating.map(|r| r.to_string()).unwrap_or_default(),
        ];
        out.push_str(&row(&cells, ';'));
    }
    out
}

fn mapped(ts: &[T]) -> String {
    let header = [
        "Nr",
        "Pealkiri",
        "Olek",
        "Loodud",
        "Lahendatud",
        "Tähtaeg",
        "Meeskond",
        "Tagastatud",
        "Märkused",
        "Hinne (1–10)",
    ];
    let f = |t: NaiveDateTime| t.format("%d.%m.%Y %H:%M").to_string();
    let mut out = row(&header.map(String::from), ';');
    for t in ts {
        let status = if is_resolved(t) {
            "Lahendatud"
        } else {
            "Töös"
        };
        let cells = vec![
            t.key.clone(),
            t.title.clone(),
            status.into(),
            f(t.created),
            t.resolved.map(f).unwrap_or_default(),
            t.due
                .map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or_default(),
            t.group.into(),
            if t.returned {
                "jah".into()
            } else {
                "ei".into()
            },
            "rida 1\nrida 2; semikooloniga".into(),
            t.rating.map(|r| r.to_string()).unwrap_or_default(),
        ];
        out.push_str(&row(&cells, ';'));
    }
    out
}

// ---- running an import ----------------------------------------------------------------------

fn import(
    desk: &Desk,
    actor: &Actor,
    kind: ImportKind,
    format: &str,
    profile: Option<&str>,
    text: &str,
    accept_valid: bool,
) -> kso_core::Result<KpiImportReport> {
    let mut s = desk.kpi_import_begin(
        actor,
        &KpiImportInput {
            kind,
            format: format.into(),
            profile: profile.map(String::from),
            file_name: format!("{format}.csv"),
            accept_valid,
        },
    )?;
    // Small odd-sized chunks: records, quoted fields and UTF-8 characters split between them.
    for chunk in text.as_bytes().chunks(4093) {
        s.feed(chunk)?;
    }
    s.finish()
}

fn report(desk: &Desk, actor: &Actor) -> BTreeMap<(String, String), (i64, i64)> {
    let mut out = BTreeMap::new();
    for r in desk.kpi_report(actor, 2026).unwrap() {
        for m in r.months {
            if m.denominator > 0 {
                out.insert((r.code.clone(), m.month), (m.numerator, m.denominator));
            }
        }
    }
    out
}

/// The expected figures of 2026 (the records reach into January 2027).
fn as_owned(e: Expected) -> BTreeMap<(String, String), (i64, i64)> {
    e.into_iter()
        .filter(|((_, m), _)| m.starts_with("2026"))
        .map(|((c, m), v)| ((c.to_string(), m), v))
        .collect()
}

fn ticket_count(desk: &Desk) -> i64 {
    desk.connection()
        .query_row("SELECT count(*) FROM kpi_ticket", [], |r| r.get(0))
        .unwrap()
}

fn check_format(format: &str, text: &str, ts: &[T], reads: Reads) {
    let (_dir, desk, head) = with_head();
    let r = import(&desk, &head, ImportKind::Tickets, format, None, text, false).unwrap();
    assert!(r.committed, "{format}: {:?}", r.rejected.first());
    assert_eq!(r.rows, ts.len() as i64, "{format}");
    assert_eq!(r.inserted, ts.len() as i64, "{format}");
    assert!(r.rejected.is_empty());
    let want = as_owned(expected(ts, &reads));
    assert!(want.len() >= 24, "{format}: the test checks too little");
    assert_eq!(report(&desk, &head), want, "{format}");
}

#[test]
fn jira_with_repeated_columns_multiline_comments_and_its_dates() {
    let ts = tickets(7, 1500, "KSO", 5);
    check_format(
        "jira",
        &jira(&ts),
        &ts,
        Reads {
            sla: true,
            due: true,
            reopened: true,
            returned: true,
            escalated_mark: true,
            groups: true,
            satisfied_min: Some(4),
        },
    );
}

#[test]
fn zammad_in_utc_with_tags_and_no_satisfaction() {
    let ts = tickets(11, 1200, "Z", 5);
    check_format(
        "zammad",
        &zammad(&ts),
        &ts,
        Reads {
            sla: true,
            due: true,
            reopened: true,
            returned: true,
            escalated_mark: false,
            groups: true,
            satisfied_min: None,
        },
    );
}

#[test]
fn znuny_default_columns() {
    let ts = tickets(13, 1000, "2026", 5);
    check_format(
        "znuny",
        &znuny(&ts),
        &ts,
        Reads {
            sla: true,
            due: false,
            reopened: false,
            returned: false,
            escalated_mark: false,
            groups: true,
            satisfied_min: None,
        },
    );
}

#[test]
fn glpi_semicolons_and_deadlines() {
    let ts = tickets(17, 1000, "G", 5);
    check_format(
        "glpi",
        &glpi(&ts),
        &ts,
        Reads {
            sla: false,
            due: true,
            reopened: false,
            returned: false,
            escalated_mark: false,
            groups: true,
            satisfied_min: Some(4),
        },
    );
}

fn mapped_profile() -> TicketProfile {
    let c = |n: &str| Some(ColumnRef::new(n));
    TicketProfile {
        name: "Vana süsteem".into(),
        format: TicketFormat::Mapped,
        system: "vana".into(),
        delimiter: ";".into(),
        date_format: "%d.%m.%Y %H:%M".into(),
        time_basis: TimeBasis::Tallinn,
        key: ColumnRef::new("Nr"),
        title: c("Pealkiri"),
        created: ColumnRef::new("Loodud"),
        resolved: c("Lahendatud"),
        status: c("Olek"),
        group: c("Meeskond"),
        due: c("Tähtaeg"),
        sla_remaining: None,
        satisfaction: c("Hinne (1–10)"),
        resolved_statuses: vec!["Lahendatud".into()],
        first_level_groups: vec!["KSO kasutajatugi".into()],
        escalated: FlagRule::default(),
        returned: FlagRule {
            column: c("Tagastatud"),
            tokens: vec!["jah".into()],
        },
        reopened: FlagRule::default(),
        satisfied_min: 8,
        scale_max: 10,
    }
}

#[test]
fn any_csv_through_a_saved_column_mapping() {
    let (_dir, mut desk, head) = with_head();
    let ts = tickets(19, 900, "V", 10);
    let text = mapped(&ts);
    // The mapping screen's preview: columns and sample rows.
    let preview = desk.kpi_preview(&head, &text[..2000], None).unwrap();
    assert_eq!(preview.delimiter, ";");
    assert_eq!(preview.columns[3].name, "Loodud");
    assert!(preview.rows[0][8].contains("rida 2; semikooloniga"));
    // A pattern with "%d.%m.%Y %H:%M" reads dates but not due dates without a time: those are
    // rejected with their line, and nothing is imported.
    desk.kpi_profile_save(&head, &mapped_profile()).unwrap();
    let r = import(
        &desk,
        &head,
        ImportKind::Tickets,
        "mapped",
        Some("Vana süsteem"),
        &text,
        false,
    )
    .unwrap();
    assert!(!r.committed);
    assert_eq!(ticket_count(&desk), 0);
    assert!(
        r.rejected[0].reason.contains("Tähtaeg"),
        "{:?}",
        r.rejected[0]
    );
    // The first data row is on line 2; rows hold a two-line comment, so the n-th row starts
    // on line 2 + 2(n-1).
    let first_bad = ts.iter().position(|t| t.due.is_some()).unwrap() as i64;
    assert_eq!(r.rejected[0].line, 2 + 2 * first_bad);
    // With "auto" both read.
    let mut p = mapped_profile();
    p.date_format = "auto".into();
    desk.kpi_profile_save(&head, &p).unwrap();
    let r = import(
        &desk,
        &head,
        ImportKind::Tickets,
        "mapped",
        Some("vana süsteem"),
        &text,
        false,
    )
    .unwrap();
    assert!(r.committed, "{:?}", r.rejected.first());
    let want = as_owned(expected(
        &ts,
        &Reads {
            sla: false,
            due: true,
            reopened: false,
            returned: true,
            escalated_mark: false,
            groups: true,
            satisfied_min: Some(8),
        },
    ));
    assert_eq!(report(&desk, &head), want);
    // The figure says how it was read.
    let dash = desk.kpi_dashboard(&head, 2026).unwrap();
    let rt = dash
        .indicators
        .iter()
        .find(|k| k.kpi.code == "2.3.6")
        .unwrap();
    assert!(
        rt.definition.contains("Vana süsteem") && rt.definition.contains("jah"),
        "{}",
        rt.definition
    );
}

#[test]
fn overlapping_reimports_update_in_place_and_never_double_count() {
    let (_dir, desk, head) = with_head();
    let all = tickets(23, 1000, "KSO", 5);
    let first = &all[..600];
    let mut second: Vec<T> = all[400..].to_vec();
    // Between the exports some tickets were resolved and one was rated.
    for t in second.iter_mut().take(50) {
        if t.resolved.is_none() {
            t.resolved = Some(t.created + Duration::hours(5));
            t.status = "Done";
        }
        t.rating = Some(5);
    }
    let r1 = import(
        &desk,
        &head,
        ImportKind::Tickets,
        "jira",
        None,
        &jira(first),
        false,
    )
    .unwrap();
    assert_eq!((r1.inserted, r1.updated), (600, 0));
    let r2 = import(
        &desk,
        &head,
        ImportKind::Tickets,
        "jira",
        None,
        &jira(&second),
        false,
    )
    .unwrap();
    assert_eq!((r2.inserted, r2.updated), (400, 200));
    // The same file again changes nothing in the figures.
    let r3 = import(
        &desk,
        &head,
        ImportKind::Tickets,
        "jira",
        None,
        &jira(&second),
        false,
    )
    .unwrap();
    assert_eq!((r3.inserted, r3.updated), (0, 600));
    assert_eq!(ticket_count(&desk), 1000);
    let mut merged: Vec<T> = all[..400].to_vec();
    merged.extend(second);
    let reads = Reads {
        sla: true,
        due: true,
        reopened: true,
        returned: true,
        escalated_mark: true,
        groups: true,
        satisfied_min: Some(4),
    };
    assert_eq!(report(&desk, &head), as_owned(expected(&merged, &reads)));
    assert_eq!(desk.kpi_batches(&head).unwrap().len(), 3);
}

#[test]
fn a_bad_row_imports_nothing_unless_valid_rows_are_asked_for() {
    let (_dir, desk, head) = with_head();
    let ts = tickets(29, 300, "KSO", 5);
    let text = jira(&ts);
    let mut lines: Vec<String> = text.split("\r\n").map(String::from).collect();
    // Rows 10 and 20 (no multi-line comment in them) get a bad date and a bad rating.
    let (a, b) = (
        ts.iter().position(|t| t.key == "KSO-1011").unwrap(),
        ts.iter().position(|t| t.key == "KSO-1022").unwrap(),
    );
    let line_of = |key: &str| {
        lines
            .iter()
            .position(|l| l.contains(&format!(",{key},")))
            .unwrap()
    };
    let (la, lb) = (line_of(&ts[a].key), line_of(&ts[b].key));
    lines[la] = lines[la].replacen(&jira_date(ts[a].created), "31/Foo/26 10:00 AM", 1);
    // The rating is the fifth cell from the end (the row has no quoted cells).
    let mut cells: Vec<&str> = lines[lb].split(',').collect();
    let n = cells.len();
    cells[n - 5] = "hea";
    lines[lb] = cells.join(",");
    let bad = lines.join("\r\n");
    // Physical lines (quoted comments span several), counting the header as line 1.
    let physical = |key: &str| {
        bad[..bad.find(&format!(",{key},")).unwrap()]
            .matches('\n')
            .count() as i64
            + 1
    };
    let audit_before = audit_count(&desk);
    let r = import(&desk, &head, ImportKind::Tickets, "jira", None, &bad, false).unwrap();
    assert!(!r.committed);
    assert_eq!(r.rejected.len(), 2, "{:?}", r.rejected);
    // Physical lines, counting from 1 with the header.
    assert_eq!(r.rejected[0].line, physical(&ts[a].key));
    assert!(r.rejected[0].reason.contains("Created") && r.rejected[0].reason.contains("31/Foo/26"));
    assert_eq!(r.rejected[1].line, physical(&ts[b].key));
    assert!(
        r.rejected[1].reason.contains("Satisfaction rating"),
        "{}",
        r.rejected[1].reason
    );
    assert_eq!(ticket_count(&desk), 0);
    assert_eq!(audit_count(&desk), audit_before);
    assert!(desk.kpi_batches(&head).unwrap().is_empty());
    // Asked for: exactly the valid rows.
    let r = import(&desk, &head, ImportKind::Tickets, "jira", None, &bad, true).unwrap();
    assert!(r.committed);
    assert_eq!(r.inserted, 298);
    assert_eq!(ticket_count(&desk), 298);
    assert_eq!(audit_count(&desk), audit_before + 1);
}

#[test]
fn a_check_on_two_threads_reports_what_the_import_would_and_writes_nothing() {
    let (_dir, desk, head) = with_head();
    // More rows than one batch of the checking thread, with rejected rows in several batches.
    let ts = tickets(31, 5_000, "KSO", 5);
    let mut text = jira(&ts);
    for t in ts.iter().step_by(700) {
        let row = text.find(&format!(",{},", t.key)).unwrap();
        let date = row + text[row..].find(&jira_date(t.created)).unwrap();
        text.replace_range(
            date..date + jira_date(t.created).len(),
            "31/Foo/26 10:00 AM",
        );
    }
    let input = KpiImportInput {
        kind: ImportKind::Tickets,
        format: "jira".into(),
        profile: None,
        file_name: "jira.csv".into(),
        accept_valid: false,
    };
    let mut s = desk.kpi_import_dry_run(&head, &input).unwrap();
    for chunk in text.as_bytes().chunks(4093) {
        s.feed(chunk).unwrap();
    }
    let checked = s.finish().unwrap();
    assert!(!checked.committed);
    assert_eq!(ticket_count(&desk), 0);
    assert!(desk.kpi_batches(&head).unwrap().is_empty());
    assert_eq!((checked.rows, checked.rejected_count), (5_000, 8));
    let imported = import(
        &desk,
        &head,
        ImportKind::Tickets,
        "jira",
        None,
        &text,
        false,
    )
    .unwrap();
    let listed = |r: &KpiImportReport| {
        r.rejected
            .iter()
            .map(|x| (x.line, x.reason.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(&checked), listed(&imported));
    assert!(listed(&checked).windows(2).all(|w| w[0].0 < w[1].0));
    assert!(listed(&checked)[0].1.contains("31/Foo/26"));
    assert_eq!(
        (&checked.first_month, &checked.last_month, checked.rows),
        (&imported.first_month, &imported.last_month, imported.rows)
    );
}

#[test]
fn an_unreadable_file_or_a_cancelled_import_changes_nothing() {
    let (_dir, desk, head) = with_head();
    let ts = tickets(31, 200, "KSO", 5);
    import(
        &desk,
        &head,
        ImportKind::Tickets,
        "jira",
        None,
        &jira(&ts),
        false,
    )
    .unwrap();
    let before = (
        ticket_count(&desk),
        audit_count(&desk),
        report(&desk, &head),
    );
    // A file without the key column: refused at its header, naming the column.
    let text = jira(&ts).replacen("Issue key", "Key", 1);
    let e = import(&desk, &head, ImportKind::Tickets, "jira", None, &text, true).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e
        .to_api(kso_core::Lang::En)
        .fields
        .iter()
        .any(|f| f.field == "key"));
    // An empty file.
    let e = import(&desk, &head, ImportKind::Tickets, "jira", None, "", true).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    // Cancelled halfway (the session dropped): the rows written so far are rolled back.
    let more = tickets(37, 400, "NEW", 5);
    let text = jira(&more);
    let mut s = desk
        .kpi_import_begin(
            &head,
            &KpiImportInput {
                kind: ImportKind::Tickets,
                format: "jira".into(),
                profile: None,
                file_name: "x.csv".into(),
                accept_valid: false,
            },
        )
        .unwrap();
    s.feed(&text.as_bytes()[..text.len() / 2]).unwrap();
    assert!(s.progress().rows > 100);
    drop(s);
    assert_eq!(
        (
            ticket_count(&desk),
            audit_count(&desk),
            report(&desk, &head)
        ),
        before
    );
    // The app meanwhile goes on: a change through the main connection still works.
    let mut desk = desk;
    desk.kpi_target_set(
        &head,
        &TargetInput {
            kpi_code: "2.3.1".into(),
            year: 2026,
            value: "80".into(),
            reason: String::new(),
        },
    )
    .unwrap();
}

// ---- calls ----------------------------------------------------------------------------------

struct Call {
    id: String,
    queue: &'static str,
    entered: NaiveDateTime,
    outcome: &'static str,
    wait: i64,
}

fn calls(seed: u64, n: usize) -> Vec<Call> {
    let mut r = Rng(seed);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let mut t = start;
    (0..n)
        .map(|i| {
            t += Duration::seconds(60 + r.below(60 * 60 * 24 * 365 / n as u64 * 2) as i64);
            let outcome = match r.below(10) {
                0 | 1 => "abandoned",
                2 => "timeout",
                _ => "answered",
            };
            Call {
                id: format!("1767{:06}.{}", i, r.below(100)),
                queue: if i % 3 == 0 { "kso-en" } else { "kso" },
                entered: t,
                outcome,
                wait: r.below(70) as i64,
            }
        })
        .collect()
}

fn expected_calls(cs: &[Call], sla: i64, short: Option<i64>) -> Expected {
    let mut e: Expected = BTreeMap::new();
    for c in cs {
        if c.outcome == "abandoned" && short.is_some_and(|s| c.wait < s) {
            continue;
        }
        let x = e.entry(("2.3.5", month_of(c.entered))).or_default();
        x.1 += 1;
        if c.outcome == "answered" && c.wait <= sla {
            x.0 += 1;
        }
    }
    e
}

fn queue_log(cs: &[Call]) -> String {
    let unix = |t: NaiveDateTime| tallinn_to_utc(t).and_utc().timestamp();
    let mut events: Vec<(i64, String)> = vec![(
        unix(cs[0].entered) - 100,
        "NONE|NONE|NONE|QUEUESTART|".into(),
    )];
    for (i, c) in cs.iter().enumerate() {
        let t0 = unix(c.entered);
        let t1 = t0 + c.wait;
        events.push((
            t0,
            format!(
                "{}|{}|NONE|ENTERQUEUE||5551{:04}|1",
                c.id,
                c.queue,
                i % 10000
            ),
        ));
        let end = match c.outcome {
            "answered" => format!(
                "{}|{}|PJSIP/agent{}|CONNECT|{}|{}.9|2",
                c.id,
                c.queue,
                i % 7,
                c.wait,
                c.id
            ),
            "abandoned" => format!("{}|{}|NONE|ABANDON|1|1|{}", c.id, c.queue, c.wait),
            _ => format!("{}|{}|NONE|EXITWITHTIMEOUT|1|1|{}", c.id, c.queue, c.wait),
        };
        events.push((t1, end));
        if c.outcome == "answered" {
            events.push((
                t1 + 120,
                format!(
                    "{}|{}|PJSIP/agent{}|COMPLETECALLER|{}|120|1",
                    c.id,
                    c.queue,
                    i % 7,
                    c.wait
                ),
            ));
        }
    }
    // A call still waiting when the log was cut.
    let last = unix(cs.last().unwrap().entered) + 500;
    events.push((last, "9999999999.1|kso|NONE|ENTERQUEUE||55512345|1".into()));
    events.sort_by_key(|e| e.0);
    events
        .iter()
        .map(|(t, rest)| format!("{t}|{rest}\n"))
        .collect()
}

fn calls_csv(cs: &[Call]) -> String {
    let mut out = String::from("call_id,queue,entered,outcome,wait_seconds\n");
    for c in cs {
        let wait = if c.wait >= 60 {
            format!("{}:{:02}", c.wait / 60, c.wait % 60)
        } else {
            c.wait.to_string()
        };
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            c.id,
            c.queue,
            c.entered.format("%Y-%m-%d %H:%M:%S"),
            c.outcome,
            wait
        ));
    }
    out
}

#[test]
fn asterisk_queue_log_and_the_sla_settings() {
    let (_dir, mut desk, head) = with_head();
    let cs = calls(41, 6000);
    let r = import(
        &desk,
        &head,
        ImportKind::Calls,
        "asterisk",
        None,
        &queue_log(&cs),
        false,
    )
    .unwrap();
    assert!(r.committed);
    assert_eq!(r.inserted, cs.len() as i64);
    assert_eq!(r.incomplete, 1);
    assert_eq!(
        report(&desk, &head),
        as_owned(expected_calls(&cs, 30, Some(5)))
    );
    // The settings are the SLA time and the short abandoned calls: changing them recomputes.
    desk.kpi_call_settings_save(
        &head,
        &CallSettings {
            sla_seconds: 20,
            short_abandon_seconds: 10,
            exclude_short_abandons: false,
        },
    )
    .unwrap();
    assert_eq!(
        report(&desk, &head),
        as_owned(expected_calls(&cs, 20, None))
    );
    // The drill-down lists the calls behind a month: answered within the SLA.
    let month = month_of(cs[0].entered);
    let want = cs
        .iter()
        .filter(|c| month_of(c.entered) == month && c.outcome == "answered" && c.wait <= 20)
        .count();
    let d = desk
        .kpi_drill(
            &head,
            &DrillQuery {
                kpi_code: "2.3.5".into(),
                month,
                part: DrillPart::Numerator,
                offset: 0,
                limit: 500,
            },
        )
        .unwrap();
    assert_eq!(d.total, want as i64);
    assert!(d
        .calls
        .iter()
        .all(|c| c.in_numerator && c.wait_seconds <= 20));
}

#[test]
fn a_generic_call_csv_reimported_overlapping() {
    let (_dir, desk, head) = with_head();
    let cs = calls(43, 3000);
    let r = import(
        &desk,
        &head,
        ImportKind::Calls,
        "csv",
        None,
        &calls_csv(&cs[..2000]),
        false,
    )
    .unwrap();
    assert_eq!(r.inserted, 2000);
    let r = import(
        &desk,
        &head,
        ImportKind::Calls,
        "csv",
        None,
        &calls_csv(&cs[1000..]),
        false,
    )
    .unwrap();
    assert_eq!((r.inserted, r.updated), (1000, 1000));
    assert_eq!(
        report(&desk, &head),
        as_owned(expected_calls(&cs, 30, Some(5)))
    );
    let bad = calls_csv(&cs[..10]).replacen("answered", "maybe", 1);
    let r = import(&desk, &head, ImportKind::Calls, "csv", None, &bad, false).unwrap();
    assert!(!r.committed);
    assert!(r.rejected[0].reason.contains("maybe"));
}

// ---- targets, actuals, drill-down, rights ---------------------------------------------------

#[test]
fn targets_keep_their_history_and_copy_forward() {
    let (_dir, mut desk, head) = with_head();
    let set = |desk: &mut Desk, value: &str, reason: &str| {
        desk.kpi_target_set(
            &head,
            &TargetInput {
                kpi_code: "2.3.4".into(),
                year: 2026,
                value: value.into(),
                reason: reason.into(),
            },
        )
    };
    let t = set(&mut desk, "70", "").unwrap();
    assert_eq!(t.value, 7000);
    // A revision needs its reason; the same value is no change.
    let e = set(&mut desk, "72,5", "")
        .unwrap_err()
        .to_api(kso_core::Lang::Et);
    assert_eq!(e.fields[0].field, "reason");
    assert_eq!(
        set(&mut desk, "70", "x").unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        set(&mut desk, "7O", "x")
            .unwrap_err()
            .to_api(kso_core::Lang::Et)
            .fields[0]
            .field,
        "value"
    );
    let t = set(&mut desk, "72,5", "Teenusleping muutus").unwrap();
    assert_eq!(t.value, 7250);
    assert_eq!(t.history.len(), 2);
    assert_eq!(
        (t.history[1].old_value, t.history[1].new_value),
        (Some(7000), 7250)
    );
    assert_eq!(t.history[1].reason, "Teenusleping muutus");
    assert_eq!(t.history[1].changed_by, "Mari Maasikas");
    let copied = desk.kpi_targets_copy(&head, 2026, 2027).unwrap();
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0].value, 7250);
    // Copying again finds nothing to copy.
    assert_eq!(
        desk.kpi_targets_copy(&head, 2026, 2027).unwrap_err().code(),
        "invalid_input"
    );
    // An unknown indicator.
    let e = desk
        .kpi_target_set(
            &head,
            &TargetInput {
                kpi_code: "9.9".into(),
                year: 2026,
                value: "1".into(),
                reason: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
}

#[test]
fn a_manual_figure_replaces_the_computed_one_and_says_so() {
    let (_dir, mut desk, head) = with_head();
    let ts = tickets(47, 800, "KSO", 5);
    import(
        &desk,
        &head,
        ImportKind::Tickets,
        "jira",
        None,
        &jira(&ts),
        false,
    )
    .unwrap();
    desk.kpi_target_set(
        &head,
        &TargetInput {
            kpi_code: "2.3.4".into(),
            year: 2026,
            value: "99".into(),
            reason: String::new(),
        },
    )
    .unwrap();
    let before = desk.kpi_dashboard(&head, 2026).unwrap();
    let fl = before
        .indicators
        .iter()
        .find(|k| k.kpi.code == "2.3.4")
        .unwrap();
    assert_eq!(fl.status, TrackStatus::OffTrack);
    let march = fl.months[2].clone();
    assert_eq!(march.source, FigureSource::Tickets);
    let fig = desk
        .kpi_actual_set(
            &head,
            &ActualInput {
                kpi_code: "2.3.4".into(),
                month: "2026-03".into(),
                numerator: 90,
                denominator: 100,
                note: "Käsitsi parandatud".into(),
            },
        )
        .unwrap();
    assert_eq!(fig.source, FigureSource::Manual);
    assert_eq!(fig.value, Some(9000));
    assert_eq!(fig.computed, Some((march.numerator, march.denominator)));
    assert!(
        fig.source_note.contains("Mari Maasikas") && fig.source_note.contains("Käsitsi parandatud")
    );
    let after = desk.kpi_dashboard(&head, 2026).unwrap();
    let fl2 = after
        .indicators
        .iter()
        .find(|k| k.kpi.code == "2.3.4")
        .unwrap();
    assert_eq!(fl2.denominator, fl.denominator - march.denominator + 100);
    // A numerator above the denominator is refused, naming the field.
    let e = desk
        .kpi_actual_set(
            &head,
            &ActualInput {
                kpi_code: "2.3.4".into(),
                month: "2026-03".into(),
                numerator: 101,
                denominator: 100,
                note: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(e.to_api(kso_core::Lang::Et).fields[0].field, "numerator");
    desk.kpi_actual_clear(&head, "2.3.4", "2026-03").unwrap();
    assert_eq!(desk.kpi_dashboard(&head, 2026).unwrap(), before);
    // The drill-down's parts add up to the month's figure.
    let q = |part| DrillQuery {
        kpi_code: "2.3.4".into(),
        month: "2026-03".into(),
        part,
        offset: 0,
        limit: 500,
    };
    let all = desk.kpi_drill(&head, &q(DrillPart::All)).unwrap();
    let num = desk.kpi_drill(&head, &q(DrillPart::Numerator)).unwrap();
    let missed = desk.kpi_drill(&head, &q(DrillPart::Missed)).unwrap();
    assert_eq!((num.total, all.total), (march.numerator, march.denominator));
    assert_eq!(num.total + missed.total, all.total);
    assert!(missed
        .tickets
        .iter()
        .all(|t| t.escalated && !t.in_numerator));
    let keys: Vec<&str> = all.tickets.iter().map(|t| t.key.as_str()).collect();
    let want: Vec<&str> = ts
        .iter()
        .filter(|t| is_resolved(t) && month_of(t.resolved.unwrap()) == "2026-03")
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(keys.len(), want.len());
    assert!(want.iter().all(|k| keys.contains(k)));
}

#[test]
fn only_the_head_or_the_acting_substitute_changes_kpis() {
    let (_dir, mut desk, head) = with_head();
    add_user(&mut desk, &head, "vaatleja", "viewer");
    let viewer = desk
        .sign_in(&kso_core::model::LoginInput {
            login: "vaatleja".into(),
            password: PASSWORD.into(),
        })
        .unwrap();
    let e = desk
        .kpi_target_set(
            &viewer,
            &TargetInput {
                kpi_code: "2.3.1".into(),
                year: 2026,
                value: "80".into(),
                reason: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = desk.kpi_import_begin(
        &viewer,
        &KpiImportInput {
            kind: ImportKind::Calls,
            format: "csv".into(),
            profile: None,
            file_name: "c.csv".into(),
            accept_valid: false,
        },
    );
    assert_eq!(e.err().unwrap().code(), "forbidden");
    // Reading is allowed.
    assert_eq!(
        desk.kpi_dashboard(&viewer, 2026).unwrap().indicators.len(),
        6
    );
}

#[test]
fn what_a_file_lacks_is_said_and_left_out_and_broken_rows_are_named() {
    let (_dir, mut desk, head) = with_head();
    let ts = tickets(53, 400, "KSO", 5);
    // The installation has no reopen-count column and Excel added rows of empty cells.
    let text = jira(&ts).replace(
        "Custom field (Reopen count)",
        "Custom field (Something else)",
    ) + ",,,,,,,,,,,,,,,,,,,,,\r\n\r\n";
    let r = import(
        &desk,
        &head,
        ImportKind::Tickets,
        "jira",
        None,
        &text,
        false,
    )
    .unwrap();
    assert!(r.committed, "{:?}", r.rejected.first());
    assert_eq!(r.rows, 400);
    assert_eq!(r.missing_columns, ["Custom field (Reopen count)"]);
    let quality = desk.kpi_dashboard(&head, 2026).unwrap().indicators[1].clone();
    assert_eq!(
        (quality.kpi.code.as_str(), quality.denominator),
        ("2.3.2", 0)
    );
    assert!(
        quality.definition.contains("ei loeta"),
        "{}",
        quality.definition
    );
    // A profile whose interpretation needs a column it does not read is refused.
    let mut p = mapped_profile();
    p.status = None;
    let e = desk
        .kpi_profile_save(&head, &p)
        .unwrap_err()
        .to_api(kso_core::Lang::Et);
    assert_eq!(e.fields[0].field, "status");
    // Calls: a negative or a day-long wait, a time out of range.
    let bad = "call_id,queue,entered,outcome,wait\n\
               1,kso,2026-03-02 10:00:00,answered,-5:00\n\
               2,kso,2026-03-02 10:01:00,answered,999999\n\
               3,kso,1970-01-01 00:00:00,answered,5\n\
               4,kso,2026-03-02 10:02:00,answered,1:05\n";
    let r = import(&desk, &head, ImportKind::Calls, "csv", None, bad, false).unwrap();
    assert!(!r.committed);
    let lines: Vec<i64> = r.rejected.iter().map(|x| x.line).collect();
    assert_eq!(lines, [2, 3, 4]);
    assert_eq!(r.rejected_count, 3);
}

#[test]
fn a_key_twice_in_one_file_is_one_ticket_as_its_last_row_says() {
    let (_dir, desk, head) = with_head();
    let mut ts = tickets(59, 50, "KSO", 5);
    let mut again = ts[10].clone();
    again.resolved = None;
    again.status = "In Progress";
    ts.push(again);
    let r = import(
        &desk,
        &head,
        ImportKind::Tickets,
        "jira",
        None,
        &jira(&ts),
        false,
    )
    .unwrap();
    // Rows read = inserted + updated: the repeated key is the one update.
    assert_eq!((r.rows, r.inserted, r.updated), (51, 50, 1));
    assert_eq!(ticket_count(&desk), 50);
    let status: String = desk
        .connection()
        .query_row(
            "SELECT status FROM kpi_ticket WHERE ext_key = ?1",
            [&ts[10].key],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "In Progress");
    let reads = Reads {
        sla: true,
        due: true,
        reopened: true,
        returned: true,
        escalated_mark: true,
        groups: true,
        satisfied_min: Some(4),
    };
    let mut last_wins = ts.clone();
    last_wins.remove(10);
    assert_eq!(report(&desk, &head), as_owned(expected(&last_wins, &reads)));
}

#[test]
fn a_rejected_row_is_named_by_its_line_after_blank_lines() {
    let (_dir, desk, head) = with_head();
    let text = "call_id,queue,entered,outcome,wait\r\n\r\n\r\n1,kso,2026-03-02 10:00:00,answered,5\r\n\r\n2,kso,2026-03-02 10:01:00,maybe,5\r\n";
    let r = import(&desk, &head, ImportKind::Calls, "csv", None, text, false).unwrap();
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].line, 6);
}
