//! `kso jobs …`: job descriptions (§ 3.4–3.5) — the list, one version, the diff of two
//! versions and the consistency checks, over the same core as the app.

use clap::Subcommand;
use kso_core::jobs::diff::{ChangeKind, DiffOp, OpKind};
use kso_core::jobs::JobVersion;
use kso_core::{Actor, Desk, Error, Lang};

use crate::{fmt_date, outln, print_json};

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
}

fn position_id(desk: &Desk, who: &Actor, code: &str) -> Result<i64, Error> {
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

pub fn jobs(
    desk: &Desk,
    who: &Actor,
    lang: Lang,
    command: JobsCommand,
    out: &mut String,
) -> Result<(), Error> {
    let l = |et: &'static str, en: &'static str| lang.pick(et, en);
    match command {
        JobsCommand::List { json } => {
            let list = desk.jobs_list(who)?;
            if json {
                return print_json(out, &list);
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
                return print_json(out, &v);
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
                return print_json(out, &d);
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
                return print_json(out, &issues);
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
    }
    Ok(())
}
