//! `kso kpi …`: imports of ticket and call exports, targets (§ 3.7.4), manual actuals, the
//! year's report (§ 2.3), mapping profiles and the call settings, over the same core as the app.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Subcommand, ValueEnum};
use kso_core::kpi::{
    ActualInput, CallSettings, ImportKind, KpiImportInput, KpiImportReport, TargetInput,
    TicketProfile,
};
use kso_core::{Actor, Desk, Error, Lang};

use crate::{outln, print_json};

#[derive(Clone, Copy, ValueEnum)]
pub enum TicketFormatArg {
    Jira,
    Zammad,
    Znuny,
    Glpi,
    Mapped,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CallFormatArg {
    Asterisk,
    Csv,
}

#[derive(Subcommand)]
pub enum KpiCommand {
    /// Import a ticket or call export (streamed; a rejected row imports nothing unless
    /// --accept-valid; the same or an overlapping export updates in place).
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// The year's indicators: target, actual, numerator, denominator, per month.
    Report {
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Annual targets (§ 3.7.4).
    Target {
        #[command(subcommand)]
        command: TargetCommand,
    },
    /// A month's figure entered by hand (it replaces a computed one).
    Actual {
        #[arg(long)]
        code: String,
        /// YYYY-MM
        #[arg(long)]
        month: String,
        #[arg(long)]
        numerator: i64,
        #[arg(long)]
        denominator: i64,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Column-mapping profiles.
    Profile {
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// § 2.3.5: the SLA time and short abandoned calls.
    Calls {
        #[arg(long)]
        sla_seconds: i64,
        #[arg(long, default_value_t = 5)]
        short_abandon_seconds: i64,
        /// Count calls abandoned under the short threshold too.
        #[arg(long)]
        count_short_abandons: bool,
    },
    /// The import history.
    Batches {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ImportWhat {
    Tickets {
        #[arg(long, value_enum)]
        format: TicketFormatArg,
        /// The mapping profile (default: the format's own; required for `mapped`).
        #[arg(long)]
        profile: Option<String>,
        #[arg(long)]
        accept_valid: bool,
        /// Only read and check the file (every rejected row listed); nothing is written.
        #[arg(long)]
        check: bool,
        #[arg(long)]
        json: bool,
        file: PathBuf,
    },
    Calls {
        #[arg(long, value_enum)]
        format: CallFormatArg,
        #[arg(long)]
        accept_valid: bool,
        /// Only read and check the file; nothing is written.
        #[arg(long)]
        check: bool,
        #[arg(long)]
        json: bool,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum TargetCommand {
    /// Set or revise a target (a revision needs --reason).
    Set {
        #[arg(long)]
        code: String,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// As typed, e.g. 85,5
        #[arg(long)]
        value: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// A year's targets with their history.
    List {
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Copy a year's targets to another year where it has none.
    Copy {
        #[arg(long)]
        from: i32,
        #[arg(long)]
        to: i32,
    },
}

#[derive(Subcommand)]
pub enum ProfileCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    /// Save a profile from a JSON file (as `list --json` prints one).
    Save {
        file: PathBuf,
    },
    Delete {
        name: String,
    },
}

fn ticket_format(f: TicketFormatArg) -> &'static str {
    match f {
        TicketFormatArg::Jira => "jira",
        TicketFormatArg::Zammad => "zammad",
        TicketFormatArg::Znuny => "znuny",
        TicketFormatArg::Glpi => "glpi",
        TicketFormatArg::Mapped => "mapped",
    }
}

/// Percent as the core formats it.
pub fn pct(v: Option<i64>, lang: Lang) -> String {
    kso_core::kpi::format_hundredths(v, "%", lang)
}

/// Streams a file into an import session: 1 MiB at a time, progress on a terminal's stderr.
pub fn import_file(
    desk: &Desk,
    who: &Actor,
    input: &KpiImportInput,
    file: &Path,
    check: bool,
) -> Result<KpiImportReport, Error> {
    let mut f = std::fs::File::open(file)?;
    let size = f.metadata()?.len().max(1);
    let mut session = if check {
        desk.kpi_import_dry_run(who, input)?
    } else {
        desk.kpi_import_begin(who, input)?
    };
    let tty = std::io::stderr().is_terminal();
    let mut buf = vec![0u8; 1 << 20];
    let mut shown = Instant::now();
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let p = session.feed(&buf[..n])?;
        if tty && shown.elapsed().as_millis() > 200 {
            shown = Instant::now();
            let _ = write!(
                std::io::stderr(),
                "\r{:>3} %  {} rows",
                p.bytes as u64 * 100 / size,
                p.rows
            );
        }
    }
    if tty {
        let _ = writeln!(std::io::stderr(), "\r100 %");
    }
    session.finish()
}

fn print_report(
    out: &mut String,
    r: &KpiImportReport,
    lang: Lang,
    json: bool,
    check: bool,
) -> Result<bool, Error> {
    // A check succeeds when every row of a file with rows can be read.
    let ok = if check {
        r.rows > 0 && r.rejected_count == 0
    } else {
        r.committed
    };
    if json {
        print_json(out, r)?;
        return Ok(ok);
    }
    for x in &r.rejected {
        outln!(
            out,
            "{} {}: {}",
            lang.pick("rida", "line"),
            x.line,
            x.reason
        );
    }
    // Past the listed ones, how many were rejected in all (nothing was saved then).
    if !r.committed && r.rejected_count > r.rejected.len() as i64 {
        outln!(
            out,
            "{} {}",
            lang.pick("… vigaseid ridu kokku", "… rejected rows in all"),
            r.rejected_count
        );
    }
    if check {
        outln!(
            out,
            "{}: {} · {}: {} · {} ms · {}",
            lang.pick("ridu", "rows"),
            r.rows,
            lang.pick("tagasi lükatud", "rejected"),
            r.rejected_count,
            r.elapsed_ms,
            lang.pick(
                "ainult kontrolliti, midagi ei salvestatud",
                "checked only, nothing saved"
            )
        );
    } else if r.committed {
        outln!(
            out,
            "{}: {} · {}: {} · {}: {} · {}: {} · {} ms",
            lang.pick("ridu", "rows"),
            r.rows,
            lang.pick("uusi", "new"),
            r.inserted,
            lang.pick("uuendatud", "updated"),
            r.updated,
            lang.pick("tagasi lükatud", "rejected"),
            r.rejected.len(),
            r.elapsed_ms
        );
        if r.incomplete > 0 {
            outln!(
                out,
                "{}: {}",
                lang.pick(
                    "pooleli kõned (järgmisse eksporti)",
                    "calls still open (next export)"
                ),
                r.incomplete
            );
        }
    } else if r.rejected_count > 0 {
        outln!(
            out,
            "{}",
            lang.pick(
                "Midagi ei imporditud: failis on vigaseid ridu (--accept-valid impordib korrektsed read).",
                "Nothing imported: the file has rejected rows (--accept-valid imports the valid ones)."
            )
        );
    } else {
        outln!(
            out,
            "{}",
            lang.pick(
                "Midagi ei imporditud: failis ei ole ühtki andmerida.",
                "Nothing imported: the file has no data rows."
            )
        );
    }
    if !r.missing_columns.is_empty() {
        outln!(
            out,
            "{} {}",
            lang.pick("Failis puuduvad veerud:", "Columns missing from the file:"),
            r.missing_columns.join(", ")
        );
    }
    Ok(ok)
}

pub fn kpi(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: KpiCommand,
    out: &mut String,
) -> Result<bool, Error> {
    match command {
        KpiCommand::Import { what } => {
            let (input, file, json, check) = match what {
                ImportWhat::Tickets {
                    format,
                    profile,
                    accept_valid,
                    check,
                    json,
                    file,
                } => (
                    KpiImportInput {
                        kind: ImportKind::Tickets,
                        format: ticket_format(format).into(),
                        profile,
                        file_name: file_name(&file),
                        accept_valid,
                    },
                    file,
                    json,
                    check,
                ),
                ImportWhat::Calls {
                    format,
                    accept_valid,
                    check,
                    json,
                    file,
                } => (
                    KpiImportInput {
                        kind: ImportKind::Calls,
                        format: match format {
                            CallFormatArg::Asterisk => "asterisk",
                            CallFormatArg::Csv => "csv",
                        }
                        .into(),
                        profile: None,
                        file_name: file_name(&file),
                        accept_valid,
                    },
                    file,
                    json,
                    check,
                ),
            };
            let r = import_file(desk, who, &input, &file, check)?;
            return print_report(out, &r, lang, json, check);
        }
        KpiCommand::Report { year, json } => {
            let year = year.unwrap_or_else(|| desk.kpi_current_year());
            let rows = desk.kpi_report(who, year)?;
            if json {
                print_json(out, &rows)?;
            } else {
                for r in &rows {
                    let status = r.status.label(lang);
                    let h = |v: Option<f64>| v.map(|v| (v * 100.0).round() as i64);
                    outln!(
                        out,
                        "{:<6} {:<60} {:>9} {:>9} {:>8}/{:<8} {}",
                        r.code,
                        r.name,
                        pct(h(r.target), lang),
                        pct(h(r.actual), lang),
                        r.numerator,
                        r.denominator,
                        status
                    );
                }
            }
        }
        KpiCommand::Target { command } => match command {
            TargetCommand::Set {
                code,
                year,
                value,
                reason,
            } => {
                let t = desk.kpi_target_set(
                    who,
                    &TargetInput {
                        kpi_code: code,
                        year,
                        value,
                        reason,
                    },
                )?;
                outln!(
                    out,
                    "{} {} {}",
                    t.kpi_code,
                    t.year,
                    pct(Some(t.value), lang)
                );
            }
            TargetCommand::List { year, json } => {
                let targets = desk.kpi_targets(who, year)?;
                if json {
                    print_json(out, &targets)?;
                } else {
                    for t in &targets {
                        outln!(out, "{:<6} {}", t.kpi_code, pct(Some(t.value), lang));
                        for h in &t.history {
                            outln!(
                                out,
                                "       {} {} {} → {} {}",
                                h.changed_on,
                                h.changed_by,
                                pct(h.old_value, lang),
                                pct(Some(h.new_value), lang),
                                h.reason
                            );
                        }
                    }
                }
            }
            TargetCommand::Copy { from, to } => {
                let t = desk.kpi_targets_copy(who, from, to)?;
                outln!(out, "{} {}", t.len(), lang.pick("sihtväärtust", "targets"));
            }
        },
        KpiCommand::Actual {
            code,
            month,
            numerator,
            denominator,
            note,
        } => {
            let f = desk.kpi_actual_set(
                who,
                &ActualInput {
                    kpi_code: code,
                    month,
                    numerator,
                    denominator,
                    note,
                },
            )?;
            outln!(out, "{} {}", f.month, pct(f.value, lang));
        }
        KpiCommand::Profile { command } => match command {
            ProfileCommand::List { json } => {
                let profiles = desk.kpi_profiles(who)?;
                if json {
                    print_json(out, &profiles)?;
                } else {
                    for p in &profiles {
                        outln!(out, "{:<24} {:<8} {}", p.name, p.format.as_str(), p.system);
                    }
                }
            }
            ProfileCommand::Save { file } => {
                let text = std::fs::read_to_string(&file)?;
                let p: TicketProfile = serde_json::from_str(&text)
                    .map_err(|e| Error::Internal(format!("{}: {e}", file.display())))?;
                let p = desk.kpi_profile_save(who, &p)?;
                outln!(out, "{}", p.name);
            }
            ProfileCommand::Delete { name } => desk.kpi_profile_delete(who, &name)?,
        },
        KpiCommand::Calls {
            sla_seconds,
            short_abandon_seconds,
            count_short_abandons,
        } => {
            desk.kpi_call_settings_save(
                who,
                &CallSettings {
                    sla_seconds,
                    short_abandon_seconds,
                    exclude_short_abandons: !count_short_abandons,
                },
            )?;
        }
        KpiCommand::Batches { json } => {
            let b = desk.kpi_batches(who)?;
            if json {
                print_json(out, &b)?;
            } else {
                for x in &b {
                    outln!(
                        out,
                        "{:>4} {} {:<8} {:<10} {:<24} {:>8} {:>8} {:>8} {}",
                        x.id,
                        x.imported_at,
                        x.kind.as_str(),
                        x.format,
                        x.file_name,
                        x.rows,
                        x.inserted,
                        x.updated,
                        x.imported_by
                    );
                }
            }
        }
    }
    Ok(true)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
