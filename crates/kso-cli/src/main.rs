//! `kso`: the command-line front of KSO Desk. Every command is a few lines over `kso_core`;
//! no rule lives here. Errors print one line on stderr and exit non-zero.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod contracts;
mod docs;
mod jobs;
mod kpi;
mod reviews;
mod security;
mod solver;
use kso_core::model::{AuditQuery, DemoInput, EmployeeInput, LoginInput, SetupInput, StaffQuery};
use kso_core::{Actor, Desk, Error, Lang};

#[derive(Parser)]
#[command(name = "kso", version, about = "KSO Desk on the command line")]
struct Cli {
    /// The database file (default: $KSO_DB, else $XDG_DATA_HOME/kso-desk/kso.sqlite).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Sign in as this user (every command but init, demo, status and bench needs it: the
    /// database is encrypted); the password comes from KSO_PASSWORD or a prompt.
    #[arg(long, global = true, value_name = "LOGIN", env = "KSO_USER")]
    user: Option<String>,
    /// Language of messages: et (default) or en; also KSO_LANG.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the department and the head's account in a new database.
    Init {
        #[arg(long)]
        department: String,
        #[arg(long)]
        head_name: String,
        #[arg(long)]
        head_login: String,
    },
    /// Fill a new database with a generated demo department.
    Demo {
        #[arg(long, default_value_t = 25)]
        employees: u32,
        #[arg(long, default_value_t = 1)]
        years: u32,
    },
    /// The database's state.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Employees.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// The duty roster.
    Roster {
        #[command(subcommand)]
        command: RosterCommand,
    },
    /// Time the core on a generated department (a temporary database; --db is not used).
    Bench {
        #[arg(long, default_value_t = 40)]
        employees: u32,
        #[arg(long, default_value_t = 5)]
        years: u32,
        #[arg(long, default_value_t = 50)]
        runs: usize,
    },
    /// Contracts (§ 3.8.2, § 3.7.13).
    Contracts {
        #[command(subcommand)]
        command: contracts::ContractsCommand,
    },
    /// The budget (§ 3.7.8–3.7.9).
    Budget {
        #[command(subcommand)]
        command: contracts::BudgetCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Export a summary as a registered PDF, signed with --sign-p12 or --sign-pkcs11 (needs --user).
    Export {
        #[command(subcommand)]
        command: docs::ExportCommand,
    },
    /// Sign or verify a PDF (PAdES).
    Pdf {
        #[command(subcommand)]
        command: docs::PdfCommand,
    },
    /// Trust anchors for verifying signatures (e.g. the ID card's CA).
    Trust {
        #[command(subcommand)]
        command: docs::TrustCommand,
    },
    /// The register of exported documents.
    Documents {
        #[command(subcommand)]
        command: docs::DocumentsCommand,
    },
    /// Sign-in accounts (the head only).
    Account {
        #[command(subcommand)]
        command: security::AccountCommand,
    },
    /// The head's absences and the substitute (§ 3.6).
    Substitution {
        #[command(subcommand)]
        command: security::SubstitutionCommand,
    },
    /// Session and sensitive-data settings.
    Security {
        #[command(subcommand)]
        command: security::SecurityCommand,
    },
    /// Copy the database (online backup, encrypted) and its key file to FILE and FILE.keys.
    Backup { file: PathBuf },
    /// Replace the database with a backup, after checking its integrity and audit chain.
    Restore { file: PathBuf },
    /// Job descriptions (§ 3.4–3.5): the list, a version, the diff of two, the checks.
    Jobs {
        #[command(subcommand)]
        command: jobs::JobsCommand,
    },
    /// Development and probation interviews (§ 3.7.5; ATS § 30, § 24(7)): confidential.
    Reviews {
        #[command(subcommand)]
        command: reviews::ReviewsCommand,
    },
    /// Training requests (§ 3.7.10).
    Training {
        #[command(subcommand)]
        command: reviews::ListOnly,
    },
    /// Personnel proposals (§ 3.7.11): confidential.
    Proposals {
        #[command(subcommand)]
        command: reviews::ListOnly,
    },
    /// KPIs (§ 2.3, § 3.7.4): imports, targets, actuals, the year's report.
    Kpi {
        #[command(subcommand)]
        command: kpi::KpiCommand,
    },
    /// Time a KPI import of a generated Jira export of N rows (a temporary database).
    BenchKpi {
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// Keep the generated export here (e.g. to compare with DuckDB).
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Write N test employees, one transaction each (for crash tests).
    #[command(hide = true)]
    StressWrites {
        #[arg(long, default_value_t = 1000)]
        count: u32,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// List employees (active ones unless --all).
    List {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        search: Option<String>,
    },
    /// Add an employee (needs --user).
    Add {
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "")]
        phone: String,
        /// dd.mm.yyyy or yyyy-mm-dd
        #[arg(long)]
        start_date: String,
        /// The position's code, e.g. KSO-04.
        #[arg(long)]
        position: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// End an employee's employment (needs --user).
    Deactivate {
        #[arg(long)]
        id: i64,
        /// dd.mm.yyyy or yyyy-mm-dd
        #[arg(long)]
        end_date: String,
    },
}

#[derive(Subcommand)]
enum RosterCommand {
    /// Solve a Curtois & Qu benchmark instance (schedulingbenchmarks.org `.txt`) with the
    /// rostering engine: prints the objective (as the independent checker counts it), whether it
    /// breaks no hard rule, and the time to the best; writes the roster with --out.
    BenchCurtois {
        file: PathBuf,
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// One line per employee: ID, then a shift code or `-` per day.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check a written solution of a Curtois & Qu instance: its objective and every broken hard
    /// rule (exit 0 only if none).
    CheckCurtois { file: PathBuf, solution: PathBuf },
    /// The month's violations and coverage gaps (rule, employee, day, hours).
    Check {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[arg(long)]
        json: bool,
    },
    /// The month as CSV (all staff) or iCalendar (one employee) on stdout.
    Export {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[arg(long, value_name = "csv|ics", default_value = "csv")]
        format: String,
        /// The employee for --format ics.
        #[arg(long)]
        employee: Option<i64>,
    },
    /// Import a month from CSV (as exported); any bad row stops the file unless --valid-only.
    Import {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        valid_only: bool,
    },
    /// Publish a month (draft → published).
    Publish {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
    },
    /// Propose a draft month: search for --seconds (both cores, reproducible with --seed for a
    /// fixed --moves), keep the proposal for review, print what it changes and what it could not
    /// cover and why; --accept makes the changes at once.
    Propose {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[arg(long, default_value_t = 20)]
        seconds: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Stop after this many moves on one core instead of the time (the same result each run).
        #[arg(long)]
        moves: Option<u64>,
        #[arg(long)]
        accept: bool,
        #[arg(long)]
        json: bool,
    },
    /// The month's proposal waiting for review.
    Proposal {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[arg(long)]
        json: bool,
    },
    /// Make the proposal's changes (only if the month is as it was when proposed).
    Accept {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
    },
    /// Discard the month's proposal.
    Discard {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// List audit records, newest first.
    List {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        filter: AuditFilter,
    },
    /// Check the hash chain; exits 2 and names the first bad record if any was changed,
    /// deleted or inserted outside the program.
    Verify {
        /// Also check that every record of this backup is still here, unchanged.
        #[arg(long, value_name = "BACKUP")]
        against: Option<PathBuf>,
    },
    /// Write the (filtered) trail as CSV.
    Export {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filter: AuditFilter,
    },
}

#[derive(clap::Args)]
struct AuditFilter {
    #[arg(long)]
    entity: Option<String>,
    /// Part of the login or name.
    #[arg(long)]
    who: Option<String>,
    /// Part of the action, e.g. contract.sign.
    #[arg(long)]
    what: Option<String>,
    /// First day, dd.mm.yyyy.
    #[arg(long)]
    from: Option<String>,
    /// Last day, dd.mm.yyyy.
    #[arg(long)]
    to: Option<String>,
    /// Only what was done acting for the head.
    #[arg(long)]
    acting: bool,
    #[arg(long, default_value_t = 500)]
    limit: u32,
}

impl AuditFilter {
    fn query(self) -> AuditQuery {
        AuditQuery {
            entity: self.entity,
            entity_id: None,
            limit: Some(self.limit),
            who: self.who,
            what: self.what,
            from: self.from,
            to: self.to,
            acting_only: self.acting,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(Lang::from_env);
    let mut out = String::new();
    let result = run(cli, lang, &mut out);
    {
        use std::io::Write as _;
        let _ = std::io::stdout().lock().write_all(out.as_bytes());
    }
    match result {
        Ok(true) => ExitCode::SUCCESS,
        // `pdf verify`: not every signature is intact (the report says which).
        Ok(false) => ExitCode::from(2),
        Err(e) => {
            eprintln!("kso: {}", e.message(lang));
            // 3: not allowed (a refused signature under § 3.8.2, or no permission).
            match e.code() {
                "signing_refused" | "forbidden" => ExitCode::from(3),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

pub(crate) fn password(prompt: &str) -> Result<String, Error> {
    if let Ok(p) = std::env::var("KSO_PASSWORD") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::NotSignedIn);
    }
    Ok(rpassword::prompt_password(prompt)?)
}

/// Signs in as `--user`: the password unwraps the database key.
fn unlock(path: &std::path::Path, user: &Option<String>) -> Result<(Desk, Actor), Error> {
    if !path.exists() {
        return Err(Error::NoDatabase(path.display().to_string()));
    }
    let Some(login) = user else {
        return Err(Error::NotSignedIn);
    };
    Desk::unlock(
        path,
        &LoginInput {
            login: login.clone(),
            password: password(&format!("Parool ({login}): "))?,
        },
    )
}

/// Output is collected and written at the end, so a closed pipe (`kso … | head`) is not an error.
#[macro_export]
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

pub(crate) fn print_json<T: serde::Serialize>(out: &mut String, value: &T) -> Result<(), Error> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    outln!(out, "{s}");
    Ok(())
}

pub(crate) fn fmt_date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn print_bench(out: &mut String, employees: u32, years: u32, runs: usize) -> Result<(), Error> {
    let (header, figures) = bench::run(employees, years, runs.max(1))?;
    outln!(out, "{header}");
    outln!(
        out,
        "{:<42} {:>6} {:>11} {:>11} {:>11}",
        "operation",
        "runs",
        "median ms",
        "p95 ms",
        "min ms"
    );
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    for f in figures {
        outln!(
            out,
            "{:<42} {:>6} {:>11.3} {:>11.3} {:>11.3}",
            f.name,
            f.runs,
            ms(f.median),
            ms(f.p95),
            ms(f.min)
        );
    }
    Ok(())
}

fn roster(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: RosterCommand,
    out: &mut String,
) -> Result<(), Error> {
    match command {
        RosterCommand::Check { month, json } => {
            let who = who.clone();
            let findings = desk.roster_findings(&who, &month, lang)?;
            if json {
                print_json(out, &findings)?;
            } else {
                for f in &findings {
                    let level = match f.severity {
                        kso_core::roster::check::Severity::Error => "!",
                        kso_core::roster::check::Severity::Warning => "~",
                    };
                    outln!(out, "{level} {}", f.message);
                }
            }
        }
        RosterCommand::Export {
            month,
            format,
            employee,
        } => {
            let who = who.clone();
            let text = match (format.as_str(), employee) {
                ("csv", _) => desk.roster_export_csv(&who, &month, lang)?,
                ("ics", Some(id)) => desk.roster_export_ics(&who, &month, id)?,
                ("ics", None) => {
                    return Err(Error::field("employee_id", kso_core::error::Rule::Required))
                }
                _ => return Err(Error::field("format", kso_core::error::Rule::Required)),
            };
            out.push_str(&text);
        }
        RosterCommand::Import {
            month,
            file,
            valid_only,
        } => {
            let who = who.clone();
            let text = std::fs::read_to_string(&file)?;
            let report = desk.roster_import_csv(&who, &month, &text, valid_only, lang)?;
            outln!(
                out,
                "{} {}",
                report.imported,
                lang.pick("vahetust imporditud", "shifts imported")
            );
            for r in &report.rejected {
                outln!(
                    out,
                    "{} {}: {}",
                    lang.pick("rida", "line"),
                    r.line,
                    r.message
                );
            }
        }
        // The engine's benchmark needs no database: answered in `run` before it is opened.
        RosterCommand::BenchCurtois { .. } | RosterCommand::CheckCurtois { .. } => {}
        RosterCommand::Publish { month } => {
            let who = who.clone();
            desk.roster_publish(&who, &month, lang)?;
        }
        RosterCommand::Propose {
            month,
            seconds,
            seed,
            moves,
            accept,
            json,
        } => {
            let view = match moves {
                Some(moves) => {
                    let prepared = desk.roster_propose_prepare(who, &month)?;
                    let outcome = prepared.run_moves(moves, seed);
                    desk.roster_proposal_save(who, &prepared, &outcome, (0, seed, false), lang)?
                }
                None => desk.roster_propose(
                    who,
                    &month,
                    seconds,
                    seed,
                    |p| {
                        eprint!(
                            "\r{:>5.1} s  {} {}  {} {}   ",
                            p.elapsed.as_secs_f64(),
                            lang.pick("kulu", "cost"),
                            p.objective,
                            lang.pick("rikkumisi", "broken"),
                            p.hard
                        );
                    },
                    lang,
                )?,
            };
            if moves.is_none() {
                eprintln!();
            }
            print_proposal(out, &view, json, lang)?;
            if accept {
                accept_proposal(desk, who, &month, lang, out)?;
            }
        }
        RosterCommand::Proposal { month, json } => match desk.roster_proposal(who, &month, lang)? {
            Some(view) => print_proposal(out, &view, json, lang)?,
            None if json => outln!(out, "null"),
            None => outln!(out, "{}", lang.pick("Ettepanekut ei ole.", "No proposal.")),
        },
        RosterCommand::Accept { month } => accept_proposal(desk, who, &month, lang, out)?,
        RosterCommand::Discard { month } => {
            desk.roster_proposal_discard(who, &month)?;
            outln!(
                out,
                "{}",
                lang.pick("Ettepanekust loobuti.", "Proposal discarded.")
            );
        }
    }
    Ok(())
}

fn accept_proposal(
    desk: &mut Desk,
    who: &Actor,
    month: &str,
    lang: Lang,
    out: &mut String,
) -> Result<(), Error> {
    desk.roster_proposal_accept(who, month, lang)?;
    outln!(
        out,
        "{}",
        lang.pick("Ettepanek võeti vastu.", "Proposal accepted.")
    );
    Ok(())
}

fn print_proposal(
    out: &mut String,
    p: &kso_core::roster::view::ProposalView,
    json: bool,
    lang: Lang,
) -> Result<(), Error> {
    if json {
        // The preview is the whole month; `kso roster check` shows it once accepted.
        let mut v = serde_json::to_value(p).map_err(|e| Error::Internal(e.to_string()))?;
        if let Some(m) = v.as_object_mut() {
            m.remove("preview");
        }
        return print_json(out, &v);
    }
    let names: std::collections::HashMap<i64, &str> = p
        .preview
        .rows
        .iter()
        .map(|r| (r.employee_id, r.name.as_str()))
        .collect();
    outln!(
        out,
        "{} {}: {} {}, {} {} → {}, {} {} → {}, {} {} → {}, {} {} → {} / {}",
        lang.pick("Ettepanek", "Proposal"),
        p.run.month,
        p.cells.len(),
        lang.pick("muudetud lahtrit", "cells changed"),
        lang.pick("katmata tunde", "uncovered hours"),
        p.gap_hours_before,
        p.gap_hours_after,
        lang.pick("rikkumisi", "violations"),
        p.hard_before,
        p.hard_after,
        lang.pick("hoiatusi", "warnings"),
        p.warnings_before,
        p.warnings_after,
        lang.pick("soove täidetud", "wishes met"),
        p.requests_met_before,
        p.requests_met_after,
        p.requests
    );
    outln!(
        out,
        "{} {}, {} {} s, {} {}{}",
        lang.pick("seeme", "seed"),
        p.run.seed,
        lang.pick("otsing", "search"),
        p.run.elapsed_ms as f64 / 1000.0,
        p.run.moves,
        lang.pick("sammu", "moves"),
        if p.stale {
            lang.pick(
                " — graafikut on vahepeal muudetud",
                " — the roster changed since",
            )
        } else {
            ""
        }
    );
    for c in &p.cells {
        outln!(
            out,
            "  {} {}: {} → {}",
            fmt_date(c.date),
            names.get(&c.employee_id).copied().unwrap_or("?"),
            c.before.as_deref().unwrap_or("-"),
            c.after.as_deref().unwrap_or("-")
        );
    }
    for x in &p.explanations {
        outln!(out, "! {}", x.message);
    }
    Ok(())
}

/// The engine's errors as the CLI reports them (a file that cannot be read is an input error).
fn solver_error(e: kso_solver::Error) -> kso_core::Error {
    match e {
        kso_solver::Error::Io(io) => kso_core::Error::from(io),
        other => kso_core::Error::Internal(other.to_string()),
    }
}

fn run(cli: Cli, lang: Lang, out: &mut String) -> kso_reports::Result<bool> {
    let path = cli.db.clone().unwrap_or_else(kso_core::db::default_path);
    match cli.command {
        Command::Bench {
            employees,
            years,
            runs,
        } => {
            return print_bench(out, employees, years, runs)
                .map(|()| true)
                .map_err(Into::into)
        }
        Command::Roster {
            command:
                RosterCommand::BenchCurtois {
                    file,
                    seconds,
                    seed,
                    out: write,
                },
        } => {
            return Ok(
                solver::bench(&file, seconds, seed, write.as_deref(), out).map_err(solver_error)?
            )
        }
        Command::Roster {
            command: RosterCommand::CheckCurtois { file, solution },
        } => return Ok(solver::check_file(&file, &solution, out).map_err(solver_error)?),
        Command::BenchKpi { rows, runs, keep } => {
            let text = bench::kpi(rows, runs.max(1), keep.as_deref())?;
            outln!(out, "{text}");
            return Ok(true);
        }
        Command::Status { json } => {
            let status = Desk::status_of(&path)?;
            if json {
                print_json(out, &status)?;
            } else {
                outln!(
                    out,
                    "{} · {} · {}",
                    status.db_path,
                    if status.initialized {
                        lang.pick("krüpteeritud", "encrypted")
                    } else {
                        lang.pick("loomata", "not set up")
                    },
                    status.department.as_deref().unwrap_or("-")
                );
            }
            return Ok(true);
        }
        Command::Init {
            department,
            head_name,
            head_login,
        } => {
            let mut desk = Desk::create(&path)?;
            let password = password("Juhataja parool: ")?;
            let repeat = match std::env::var("KSO_PASSWORD") {
                Ok(p) => p,
                Err(_) => rpassword::prompt_password("Parool uuesti: ").map_err(Error::from)?,
            };
            let head = desk.setup(&SetupInput {
                department,
                head_name,
                head_login,
                password,
                password_repeat: repeat,
            })?;
            outln!(out, "{} · {} ({})", path.display(), head.name, head.login);
            return Ok(true);
        }
        Command::Demo { employees, years } => {
            let mut desk = Desk::create(&path)?;
            let today = chrono::Local::now().date_naive();
            let s = desk.generate_demo(DemoInput { employees, years }, today)?;
            outln!(
                out,
                "{}: {} employees ({} active), {} positions, {} audit records; logins juhataja, asendaja, vaatleja / {}",
                path.display(),
                s.employees,
                s.active,
                s.positions,
                s.audit_records,
                kso_core::demo::DEMO_PASSWORD
            );
            return Ok(true);
        }
        Command::Restore { file } => {
            let login = cli.user.clone().ok_or(Error::NotSignedIn)?;
            let who = Desk::restore(
                &path,
                &file,
                &LoginInput {
                    login: login.clone(),
                    password: password(&format!("Parool ({login}): "))?,
                },
            )?;
            outln!(
                out,
                "{} {} ({})",
                lang.pick("taastatud:", "restored:"),
                path.display(),
                who.login
            );
            return Ok(true);
        }
        _ => {}
    }
    let (mut desk, who) = unlock(&path, &cli.user)?;
    match cli.command {
        Command::Staff { command } => match command {
            StaffCommand::List { json, all, search } => {
                let staff = desk.staff_list(
                    &who,
                    &StaffQuery {
                        include_inactive: all,
                        search,
                    },
                )?;
                if json {
                    print_json(out, &staff)?;
                } else {
                    for e in &staff {
                        outln!(
                            out,
                            "{:>5}  {:<28} {:<36} {:<16} {}{}",
                            e.id,
                            format!("{} {}", e.first_name, e.last_name),
                            e.email,
                            e.phone.as_deref().unwrap_or(""),
                            fmt_date(e.start_date),
                            e.end_date
                                .map(|d| format!(" – {}", fmt_date(d)))
                                .unwrap_or_default()
                        );
                    }
                }
            }
            StaffCommand::Add {
                first_name,
                last_name,
                email,
                phone,
                start_date,
                position,
                json,
            } => {
                let position_id = match position {
                    Some(code) => Some(jobs::position_id(&desk, &who, &code)?),
                    None => None,
                };
                let e = desk.employee_add(
                    &who,
                    &EmployeeInput {
                        first_name,
                        last_name,
                        email,
                        phone,
                        start_date,
                        position_id,
                        ..Default::default()
                    },
                )?;
                if json {
                    print_json(out, &e)?;
                } else {
                    outln!(out, "{}", e.id);
                }
            }
            StaffCommand::Deactivate { id, end_date } => {
                desk.employee_deactivate(&who, id, &end_date)?;
            }
        },
        Command::Roster { command } => roster(&mut desk, &who, lang, command, out)?,
        Command::Contracts { command } => {
            contracts::contracts(&mut desk, &who, lang, command, out)?
        }
        Command::Budget { command } => contracts::budget(&mut desk, &who, command, out)?,
        Command::Audit { command } => match command {
            AuditCommand::List { json, filter } => {
                let entries = desk.audit_list(&who, &filter.query())?;
                if json {
                    print_json(out, &entries)?;
                } else {
                    for a in &entries {
                        outln!(
                            out,
                            "{}  {:<12} {:<22} {}:{}{}",
                            a.at,
                            a.user_login,
                            a.action,
                            a.entity,
                            a.entity_id.as_deref().unwrap_or("-"),
                            a.acting_as
                                .map(|_| format!(
                                    " ({})",
                                    lang.pick(
                                        "osakonnajuhataja ülesannetes",
                                        "acting for the head"
                                    )
                                ))
                                .unwrap_or_default()
                        );
                    }
                }
            }
            AuditCommand::Verify { against } => {
                let v = match against {
                    Some(b) => desk.audit_verify_against(&who, &b, lang)?,
                    None => desk.audit_verify(&who, lang)?,
                };
                match (v.first_bad, v.problem) {
                    (Some(id), Some(problem)) => {
                        outln!(
                            out,
                            "{} {id}: {problem}",
                            lang.pick(
                                "AUDITILOGI ON RIKUTUD. Esimene vigane kirje:",
                                "THE AUDIT TRAIL IS BROKEN. First bad record:"
                            )
                        );
                        return Ok(false);
                    }
                    _ => outln!(
                        out,
                        "{} {} {}",
                        lang.pick("Auditilogi on rikkumata:", "The audit trail is intact:"),
                        v.records,
                        lang.pick("kirjet", "records")
                    ),
                }
            }
            AuditCommand::Export { out: file, filter } => {
                let csv = desk.audit_export_csv(&who, &filter.query(), lang)?;
                std::fs::write(&file, csv).map_err(Error::from)?;
                outln!(out, "{}", file.display());
            }
        },
        Command::Export { command } => docs::export(&mut desk, &who, lang, command, out)?,
        Command::Pdf { command } => return docs::pdf(&mut desk, &who, lang, command, out),
        Command::Trust { command } => docs::trust(&mut desk, &who, command, out)?,
        Command::Documents { command } => docs::documents(&desk, &who, command, out)?,
        Command::Account { command } => security::account(&mut desk, &who, lang, command, out)?,
        Command::Substitution { command } => {
            security::substitution(&mut desk, &who, lang, command, out)?
        }
        Command::Security { command } => security::security(&mut desk, &who, command, out)?,
        Command::Backup { file } => {
            let b = desk.backup_to(&who, &file)?;
            outln!(out, "{} ({} B)", b.path, b.bytes);
        }
        Command::Kpi { command } => return Ok(kpi::kpi(&mut desk, &who, lang, command, out)?),
        Command::Jobs { command } => jobs::jobs(&mut desk, &who, lang, command, out)?,
        Command::Reviews { command } => reviews::reviews(&mut desk, &who, lang, command, out)?,
        Command::Training { command } => reviews::training(&desk, &who, lang, command, out)?,
        Command::Proposals { command } => reviews::proposals(&desk, &who, lang, command, out)?,
        Command::StressWrites { count } => {
            for i in 0..count {
                desk.employee_add(
                    &who,
                    &EmployeeInput {
                        first_name: format!("Test{i}"),
                        last_name: "Kirjutaja".into(),
                        email: format!("test{i}.{}@example.ee", std::process::id()),
                        start_date: "01.01.2026".into(),
                        ..Default::default()
                    },
                )?;
                outln!(out, "{i}");
            }
        }
        Command::Bench { .. }
        | Command::BenchKpi { .. }
        | Command::Status { .. }
        | Command::Init { .. }
        | Command::Demo { .. }
        | Command::Restore { .. } => unreachable!("handled before the database was opened"),
    }
    Ok(true)
}
