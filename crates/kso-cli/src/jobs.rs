//! `kso jobs …`: job descriptions (§ 3.4–3.5) — the list, one version, the diff of two
//! versions and the consistency checks, over the same core as the app.

use clap::Subcommand;
use kso_core::error::Rule;
use kso_core::jobs::diff::{ChangeKind, DiffOp, OpKind};
use kso_core::jobs::JobVersion;
use kso_core::{Actor, Desk, Error, Lang};

use std::path::{Path, PathBuf};

use kso_core::jobs::{AcknowledgeInput, ApprovalInput, FileInput, JobStatus};

use crate::docs::{request, write, SignArgs};
use crate::{fmt_date, outln, print_json};

fn today() -> String {
    kso_core::calendar::utc_to_tallinn(chrono::Utc::now().naive_utc())
        .date()
        .format("%d.%m.%Y")
        .to_string()
}

fn read_pdf(path: &Path) -> Result<FileInput, Error> {
    Ok(FileInput {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        content: std::fs::read(path)?,
    })
}

#[derive(Subcommand)]
pub enum JobsCommand {
    /// Every position: the version in force, the open one, who has not acknowledged.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One version of a position's description (default: the open one, else the one in force).
    Show {
        /// The position's code, e.g. KSO-02.
        position: String,
        #[arg(long)]
        version: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Two versions compared section by section ([-removed-] {+added+}).
    Diff {
        position: String,
        a: i64,
        b: i64,
        #[arg(long)]
        json: bool,
    },
    /// Consistency checks: missing descriptions, substitutions to vacant positions or in a
    /// circle, uncovered duties of vacant positions, missing acknowledgements.
    Checks {
        #[arg(long)]
        json: bool,
    },
    /// Record the deputy director's approval of the submitted version (§ 3.4) (needs --user).
    Approve {
        position: String,
        /// Who approved (default: the deputy director for support).
        #[arg(long, default_value = "tugiteenuste asedirektor")]
        by: String,
        /// The day of approval, dd.mm.yyyy (default: today).
        #[arg(long)]
        on: Option<String>,
        /// The directive's or letter's number.
        #[arg(long, default_value = "")]
        reference: String,
        /// The approving PDF, digitally signed.
        #[arg(long, value_name = "PDF")]
        file: Option<PathBuf>,
        /// The day it takes force, dd.mm.yyyy (default: the day of approval).
        #[arg(long)]
        from: Option<String>,
    },
    /// Record a holder's acknowledgement of the version in force (or --version): on a day, with
    /// the PDF they signed (--file), or by signing here with their card or key (--sign-…, --out).
    Acknowledge {
        position: String,
        /// The employee: their id or full name.
        #[arg(long)]
        employee: String,
        #[arg(long)]
        version: Option<i64>,
        /// The day, dd.mm.yyyy (default: today).
        #[arg(long)]
        on: Option<String>,
        /// The description the employee signed.
        #[arg(long, value_name = "PDF", conflicts_with_all = ["sign_p12", "sign_pkcs11"])]
        file: Option<PathBuf>,
        /// With a key: where to write the signed copy.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        sign: SignArgs,
    },
}

pub(crate) fn position_id(desk: &Desk, who: &Actor, code: &str) -> Result<i64, Error> {
    desk.positions(who)?
        .into_iter()
        .find(|p| p.code.eq_ignore_ascii_case(code.trim()))
        .map(|p| p.id)
        .ok_or_else(|| Error::NotFound {
            entity: "position",
            id: code.to_string(),
        })
}

fn ops_text(ops: &[DiffOp]) -> String {
    ops.iter()
        .map(|o| match o.kind {
            OpKind::Equal => o.text.clone(),
            OpKind::Delete => format!("[-{}-]", o.text),
            OpKind::Insert => format!("{{+{}+}}", o.text),
        })
        .collect()
}

fn show(out: &mut String, v: &JobVersion, lang: Lang) {
    let l = |et: &'static str, en: &'static str| lang.pick(et, en);
    outln!(
        out,
        "{} {} — {} {} ({})",
        v.position.code,
        v.position.title,
        l("versioon", "version"),
        v.version,
        v.state.label(lang)
    );
    if let Some(a) = &v.approval {
        outln!(
            out,
            "{}: {} {} ({}), {} {}",
            l("Kinnitatud", "Approved"),
            a.approved_by,
            fmt_date(a.approved_on),
            a.reference,
            l("kehtib alates", "in force from"),
            fmt_date(a.in_force_from)
        );
    }
    if !v.consent.is_empty() {
        let what: Vec<&str> = v.consent.iter().map(|c| c.label(lang)).collect();
        outln!(
            out,
            "{}: {}",
            l(
                "Vajab töötaja nõusolekut (ATS § 59 lg 1¹)",
                "Needs the employee's consent (Civil Service Act § 59(1¹))"
            ),
            what.join(", ")
        );
    }
    let names = |ps: &[kso_core::jobs::PositionRef]| {
        ps.iter()
            .map(|p| format!("{} {}", p.code, p.title))
            .collect::<Vec<_>>()
            .join("; ")
    };
    outln!(
        out,
        "\n{}\n{}",
        l("Ametikoha eesmärk", "Purpose"),
        v.body.purpose
    );
    outln!(
        out,
        "\n{}: {}",
        l("Allub", "Reports to"),
        v.reports_to
            .as_ref()
            .map_or("—".to_string(), |p| format!("{} {}", p.code, p.title))
    );
    outln!(
        out,
        "{}: {}",
        l("Alluvad", "Subordinates"),
        names(&v.subordinates)
    );
    outln!(
        out,
        "{}: {}",
        l("Asendab", "Substitutes"),
        names(&v.substitutes)
    );
    outln!(
        out,
        "{}: {}",
        l("Teda asendab", "Substituted by"),
        names(&v.substituted_by)
    );
    outln!(
        out,
        "\n{}",
        l(
            "Tööülesanded ja oodatavad tulemused",
            "Duties and expected results"
        )
    );
    for (i, d) in v.body.duties.iter().enumerate() {
        let main = if d.main {
            l(" (põhiülesanne)", " (main duty)")
        } else {
            ""
        };
        outln!(out, "{}. {}{}", i + 1, d.text, main);
        outln!(out, "   {}: {}", l("Tulemus", "Result"), d.result);
    }
    outln!(
        out,
        "\n{}\n{}",
        l("Vastutus", "Responsibility"),
        v.body.responsibility
    );
    outln!(out, "\n{}\n{}", l("Õigused", "Rights"), v.body.rights);
    let r = &v.body.requirements;
    outln!(out, "\n{}", l("Nõuded ametikohale", "Requirements"));
    for (label, text) in [
        (l("Haridus", "Education"), &r.education),
        (l("Teadmised", "Knowledge"), &r.knowledge),
        (l("Oskused", "Skills"), &r.skills),
        (l("Töökogemus", "Experience"), &r.experience),
        (l("Isikuomadused", "Personal qualities"), &r.personal),
    ] {
        outln!(out, "{label}: {text}");
    }
    if !v.acknowledgements.is_empty() {
        outln!(out, "\n{}", l("Tutvunud", "Acknowledged"));
        for a in &v.acknowledgements {
            outln!(out, "{} {}", a.employee, fmt_date(a.acknowledged_on));
        }
    }
}

/// The job description commands; an approval's or acknowledgement's signed file is checked by
/// the document layer.
pub fn jobs(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: JobsCommand,
    out: &mut String,
) -> kso_reports::Result<()> {
    let l = |et: &'static str, en: &'static str| lang.pick(et, en);
    match command {
        JobsCommand::List { json } => {
            let list = desk.jobs_list(who)?;
            if json {
                return Ok(print_json(out, &list)?);
            }
            for j in &list {
                let now = j.in_force.map_or_else(
                    || l("kehtiv puudub", "none in force").to_string(),
                    |(n, from)| format!("v{n} {} {}", l("alates", "from"), fmt_date(from)),
                );
                let open = j.open.map_or(String::new(), |(n, s)| {
                    let consent = if j.open_consent {
                        l(", vajab nõusolekut", ", needs consent")
                    } else {
                        ""
                    };
                    format!(" · v{n} {}{consent}", s.as_str())
                });
                outln!(
                    out,
                    "{:<8} {:<32} {now}{open}",
                    j.position.code,
                    j.position.title
                );
            }
        }
        JobsCommand::Show {
            position,
            version,
            json,
        } => {
            let id = position_id(desk, who, &position)?;
            let v = desk.job_version(who, id, version)?;
            if json {
                return Ok(print_json(out, &v)?);
            }
            show(out, &v, lang);
        }
        JobsCommand::Diff {
            position,
            a,
            b,
            json,
        } => {
            let id = position_id(desk, who, &position)?;
            let d = desk.job_diff(who, id, a, b, lang)?;
            if json {
                return Ok(print_json(out, &d)?);
            }
            outln!(
                out,
                "{} v{} → v{}",
                d.position_code,
                d.from_version,
                d.to_version
            );
            if !d.consent.is_empty() {
                let what: Vec<&str> = d.consent.iter().map(|c| c.label(lang)).collect();
                outln!(
                    out,
                    "{}: {}",
                    l("Vajab töötaja nõusolekut", "Needs the employee's consent"),
                    what.join(", ")
                );
            }
            for s in d.sections.iter().filter(|s| s.kind != ChangeKind::Same) {
                let mark = if s.consent { " [!]" } else { "" };
                outln!(out, "\n{}{mark}", s.label);
                outln!(out, "{}", ops_text(&s.ops));
                if !s.result_ops.is_empty() {
                    outln!(
                        out,
                        "{}: {}",
                        l("Tulemus", "Result"),
                        ops_text(&s.result_ops)
                    );
                }
            }
        }
        JobsCommand::Checks { json } => {
            let issues = desk.job_checks(who, lang)?;
            if json {
                return Ok(print_json(out, &issues)?);
            }
            for i in &issues {
                outln!(
                    out,
                    "{} {}: {}",
                    i.position.code,
                    i.position.title,
                    i.message
                );
            }
        }
        JobsCommand::Approve {
            position,
            by,
            on,
            reference,
            file,
            from,
        } => {
            let id = position_id(desk, who, &position)?;
            let open = desk
                .job_versions(who, id)?
                .into_iter()
                .rfind(|v| v.status == JobStatus::Submitted)
                .ok_or_else(|| Error::field("version_id", Rule::NotSubmitted))?;
            let on = on.unwrap_or_else(today);
            let v = kso_reports::jobs::approve(
                desk,
                who,
                &ApprovalInput {
                    version_id: open.id,
                    approved_by: by,
                    approved_on: on.clone(),
                    reference,
                    file: file.as_deref().map(read_pdf).transpose()?,
                    in_force_from: from.unwrap_or(on),
                },
                lang,
            )?;
            outln!(
                out,
                "{} v{}: {}",
                v.position.code,
                v.version,
                v.state.label(lang)
            );
        }
        JobsCommand::Acknowledge {
            position,
            employee,
            version,
            on,
            file,
            out: path,
            sign,
        } => {
            let id = position_id(desk, who, &position)?;
            let v = desk.job_version(who, id, version)?;
            let v = match (version, v.status) {
                (None, JobStatus::Approved) => v,
                (None, _) => {
                    let n = desk
                        .jobs_list(who)?
                        .into_iter()
                        .find(|j| j.position.id == id)
                        .and_then(|j| j.in_force)
                        .ok_or_else(|| Error::field("version_id", Rule::NotApproved))?
                        .0;
                    desk.job_version(who, id, Some(n))?
                }
                (Some(_), _) => v,
            };
            let employee_id = v
                .holders
                .iter()
                .find(|h| {
                    h.0.to_string() == employee.trim() || h.1.eq_ignore_ascii_case(employee.trim())
                })
                .map(|h| h.0)
                .ok_or_else(|| Error::field("employee_id", Rule::NotHolder))?;
            let done = match request(&sign)? {
                Some(req) => {
                    let Some(path) = path else {
                        return Err(Error::field("out", Rule::Required).into());
                    };
                    let s = kso_reports::jobs::sign_as_holder(
                        desk,
                        who,
                        v.id,
                        employee_id,
                        &req,
                        lang,
                        chrono::Utc::now(),
                    )?;
                    write(&path, &s.bytes)?;
                    s.version
                }
                None => kso_reports::jobs::acknowledge(
                    desk,
                    who,
                    &AcknowledgeInput {
                        version_id: v.id,
                        employee_id,
                        acknowledged_on: on.unwrap_or_else(today),
                        file: file.as_deref().map(read_pdf).transpose()?,
                    },
                    lang,
                )?,
            };
            let a = done
                .acknowledgements
                .iter()
                .find(|a| a.employee_id == employee_id)
                .expect("just recorded");
            outln!(
                out,
                "{} v{}: {} {}{}",
                done.position.code,
                done.version,
                a.employee,
                fmt_date(a.acknowledged_on),
                a.file
                    .as_ref()
                    .map_or(String::new(), |f| format!(" · {}", f.file_name))
            );
        }
    }
    Ok(())
}
