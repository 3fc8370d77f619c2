//! `kso reviews|training|proposals …`: interviews (§ 3.7.5; ATS § 30), training requests
//! (§ 3.7.10) and personnel proposals (§ 3.7.11), over the same core as the app.

use clap::Subcommand;
use kso_core::reviews::Reminder;
use kso_core::{Actor, Desk, Error, Lang};

use crate::{fmt_date, outln, print_json};

#[derive(Subcommand)]
pub enum ReviewsCommand {
    /// Every active employee with the year's development interview and their probation
    /// interview (confidential: the head, or the acting substitute if allowed).
    List {
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// One interview.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// What is due: interviews not held this year, probation interviews, summaries awaiting
    /// the employee's comments.
    Reminders {
        #[arg(long)]
        json: bool,
    },
    /// Sign the summary of a commented interview: first the head (--signer head), then the
    /// employee (--signer employee, whose certificate must name them) (needs --user).
    Sign {
        id: i64,
        #[arg(long, value_parser = ["head", "employee"])]
        signer: String,
        /// Where to write the signed copy.
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        #[command(flatten)]
        sign: crate::docs::SignArgs,
    },
}

/// `kso reviews sign`: through the document layer.
fn sign(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    (id, signer, path, args): (i64, String, std::path::PathBuf, crate::docs::SignArgs),
    out: &mut String,
) -> kso_reports::Result<()> {
    let Some(req) = crate::docs::request(&args)? else {
        return Err(Error::field("sign_p12", kso_core::error::Rule::Required).into());
    };
    let signer = if signer == "employee" {
        kso_reports::reviews::Signer::Employee
    } else {
        kso_reports::reviews::Signer::Head
    };
    let s = kso_reports::reviews::sign(desk, who, id, signer, &req, lang, chrono::Utc::now())?;
    crate::docs::write(&path, &s.bytes)?;
    outln!(
        out,
        "{} · {} · {}",
        s.review.employee,
        s.review.status.label(lang),
        path.display()
    );
    Ok(())
}

#[derive(Subcommand)]
pub enum ListOnly {
    /// The list, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

fn money(cents: i64) -> String {
    kso_core::contracts::format_money(cents)
}

pub fn reviews(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: ReviewsCommand,
    out: &mut String,
) -> kso_reports::Result<()> {
    let l = |et: &'static str, en: &'static str| lang.pick(et, en);
    match command {
        ReviewsCommand::List { year, json } => {
            let list = desk.reviews_list(who, year)?;
            if json {
                return Ok(print_json(out, &list)?);
            }
            for r in &list {
                let annual = r.annual.map_or_else(
                    || l("kavandamata", "not planned").to_string(),
                    |(id, s)| format!("#{id} {}", s.label(lang)),
                );
                let goals = if r.goals > 0 {
                    format!(
                        " · {} {}/{}",
                        l("hinnatud", "rated"),
                        r.goals_rated,
                        r.goals
                    )
                } else {
                    String::new()
                };
                let probation = r.probation.map_or(String::new(), |(_, s, end)| {
                    format!(
                        " · {} {} ({})",
                        l("katseaeg kuni", "probation to"),
                        fmt_date(end),
                        s.map_or(l("vestlus kavandamata", "interview not planned"), |s| s
                            .label(lang))
                    )
                });
                outln!(out, "{:<28} {annual}{goals}{probation}", r.employee);
            }
        }
        ReviewsCommand::Show { id, json } => {
            let r = desk.review(who, id)?;
            if json {
                return Ok(print_json(out, &r)?);
            }
            outln!(
                out,
                "{} {} — {} ({})",
                r.employee,
                r.year,
                r.kind.label(lang),
                r.status.label(lang)
            );
            let scale = desk.review_settings(who)?.scale;
            outln!(out, "\n{}", l("Eesmärgid", "Goals"));
            for g in &r.body.goals {
                let rating = g.rating.map_or("—".to_string(), |x| {
                    format!(
                        "{x} {}",
                        scale.get((x - 1) as usize).cloned().unwrap_or_default()
                    )
                });
                outln!(out, "- {} [{rating}]", g.text);
            }
            outln!(
                out,
                "\n{}",
                l("Järgmise aasta eesmärgid", "Next year's goals")
            );
            for g in &r.body.next_goals {
                outln!(out, "- {}", g.text);
            }
            outln!(out, "\n{}: {}", l("Kokkuvõte", "Summary"), r.body.summary);
        }
        ReviewsCommand::Reminders { json } => {
            let today = kso_core::calendar::utc_to_tallinn(chrono::Utc::now().naive_utc()).date();
            let list = desk.review_reminders(who, today)?;
            if json {
                return Ok(print_json(out, &list)?);
            }
            for r in &list {
                match r {
                    Reminder::AnnualNotHeld { year, employees } => outln!(
                        out,
                        "{}: {} ({year})",
                        l("Arenguvestlus pidamata", "Development interview not held"),
                        employees
                            .iter()
                            .map(|e| e.1.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Reminder::ProbationDue { employee, due, .. } => outln!(
                        out,
                        "{}: {employee} {}",
                        l("Katseaja vestlus", "Probation interview"),
                        fmt_date(*due)
                    ),
                    Reminder::AwaitingComments {
                        employee, given_on, ..
                    } => outln!(
                        out,
                        "{}: {employee} ({})",
                        l(
                            "Kokkuvõte ootab töötaja kommentaare",
                            "Summary awaiting comments"
                        ),
                        fmt_date(*given_on)
                    ),
                }
            }
        }
        ReviewsCommand::Sign {
            id,
            signer,
            out: path,
            sign: args,
        } => sign(desk, who, lang, (id, signer, path, args), out)?,
    }
    Ok(())
}

pub fn training(
    desk: &Desk,
    who: &Actor,
    lang: Lang,
    command: ListOnly,
    out: &mut String,
) -> Result<(), Error> {
    let ListOnly::List { json } = command;
    let list = desk.trainings(who)?;
    if json {
        return print_json(out, &list);
    }
    for t in &list {
        outln!(
            out,
            "{} {:<24} {} ({}) {} · {}{}",
            fmt_date(t.starts_on),
            t.employee,
            t.course,
            t.provider,
            money(t.cost_cents),
            t.status.label(lang),
            t.budget_line
                .as_ref()
                .map_or(String::new(), |b| format!(" · {b}"))
        );
    }
    Ok(())
}

pub fn proposals(
    desk: &Desk,
    who: &Actor,
    lang: Lang,
    command: ListOnly,
    out: &mut String,
) -> Result<(), Error> {
    let ListOnly::List { json } = command;
    let list = desk.proposals(who)?;
    if json {
        return print_json(out, &list);
    }
    for p in &list {
        let whom = p
            .employee
            .clone()
            .or_else(|| p.position.clone())
            .unwrap_or_default();
        let decided = p
            .decision
            .map_or(String::new(), |d| format!(" ({})", d.label(lang)));
        outln!(
            out,
            "{:<12} {whom:<28} {}{} · {}{decided}",
            p.kind.label(lang),
            p.amount_cents.map_or(String::new(), money),
            if p.amount_cents.is_some() { "" } else { "—" },
            p.status.label(lang)
        );
    }
    Ok(())
}
