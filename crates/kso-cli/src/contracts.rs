//! `kso contracts …` and `kso budget …`: the contract register, a card, signing, warnings and
//! the budget status, over the same core as the app.

use clap::{Subcommand, ValueEnum};
use kso_core::contracts::{
    format_money, format_rate, ContractQuery, ContractStatus, SignAs, SignInput,
};
use kso_core::{Actor, Desk, Error, Lang};

use crate::{fmt_date, outln, print_json};

#[derive(Subcommand)]
pub enum ContractsCommand {
    /// The contract register (all years unless --year).
    List {
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// draft, signed, in_force, ended or terminated
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One contract with its parts, amendments, deliverables, invoices and history.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Sign a draft as the head (refused with exit code 3 over § 3.8.2), or record the
    /// director's signature (needs --user).
    Sign {
        id: i64,
        #[arg(long = "as", value_enum)]
        sign_as: Signer,
        /// dd.mm.yyyy (default today)
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "")]
        director_name: String,
        #[arg(long, default_value = "")]
        reference: String,
    },
    /// Splitting, contracts ending, overdue deliverables, invoices over value, budget lines.
    Warnings {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum BudgetCommand {
    /// Each budget line's approved, committed, invoiced and free amounts.
    Status {
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Signer {
    Head,
    Director,
}

pub fn contracts(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: ContractsCommand,
    out: &mut String,
) -> Result<(), Error> {
    let today = chrono::Local::now().date_naive();
    match command {
        ContractsCommand::List { year, status, json } => {
            let who = who.clone();
            let status = match status.as_deref() {
                None => None,
                Some(s) => Some(
                    ContractStatus::parse(s)
                        .ok_or_else(|| Error::field("status", kso_core::error::Rule::Required))?,
                ),
            };
            let q = ContractQuery {
                year,
                status,
                ..Default::default()
            };
            let rows = desk.contracts_list(&who, &q, today, lang)?;
            if json {
                return print_json(out, &rows);
            }
            for r in &rows {
                outln!(
                    out,
                    "{:>4}  {:<10} {:<40} {:<24} {:>14} {:>14}  {} – {}  {}{}",
                    r.id,
                    r.number,
                    r.title,
                    r.supplier_name,
                    format_money(r.value_cents),
                    format_money(r.gross_cents),
                    fmt_date(r.start_date),
                    fmt_date(r.end_date),
                    r.status.label(lang),
                    if r.warnings > 0 {
                        format!("  ⚠ {}", r.warnings)
                    } else {
                        String::new()
                    }
                );
            }
        }
        ContractsCommand::Show { id, json } => {
            let who = who.clone();
            let c = desk.contract(&who, id, today, lang)?;
            if json {
                return print_json(out, &c);
            }
            let r = &c.row;
            outln!(
                out,
                "{} · {} · {} ({})",
                r.number,
                r.title,
                r.supplier_name,
                r.supplier_reg_code
            );
            outln!(
                out,
                "{} + {} {} = {} · {}",
                format_money(r.value_cents),
                lang.pick("KM", "VAT"),
                format_rate(r.vat_rate_bp),
                format_money(r.gross_cents),
                r.status.label(lang)
            );
            for s in &c.shares {
                outln!(
                    out,
                    "  {} {}: {}",
                    s.year,
                    s.line_code,
                    format_money(s.cost_cents)
                );
            }
            if let (Some(cap), Some(name)) = (r.signer_capacity, &r.signer_name) {
                outln!(
                    out,
                    "{}: {name} ({}) {}",
                    lang.pick("Allkirjastas", "Signed by"),
                    cap.label(lang),
                    r.signed_on.map(fmt_date).unwrap_or_default()
                );
            }
            for reason in &c.authority.reasons {
                outln!(out, "✖ {reason}");
            }
            for w in &c.warnings {
                outln!(out, "⚠ {}", w.message);
            }
        }
        ContractsCommand::Sign {
            id,
            sign_as,
            date,
            director_name,
            reference,
        } => {
            let who = who.clone();
            let input = SignInput {
                contract_id: id,
                sign_as: match sign_as {
                    Signer::Head => SignAs::Head,
                    Signer::Director => SignAs::Director,
                },
                date: date.unwrap_or_else(|| fmt_date(today)),
                director_name,
                reference,
            };
            let c = desk.contract_sign(&who, &input, today, lang)?;
            outln!(
                out,
                "{} {} ({})",
                c.row.number,
                lang.pick("allkirjastatud", "signed"),
                c.row
                    .signer_capacity
                    .map(|cap| cap.label(lang))
                    .unwrap_or_default()
            );
        }
        ContractsCommand::Warnings { json } => {
            let who = who.clone();
            let warnings = desk.contract_warnings(&who, today, lang)?;
            if json {
                return print_json(out, &warnings);
            }
            for w in &warnings {
                outln!(out, "⚠ {} {}", w.section, w.message);
            }
        }
    }
    Ok(())
}

pub fn budget(
    desk: &mut Desk,
    who: &Actor,
    command: BudgetCommand,
    out: &mut String,
) -> Result<(), Error> {
    let today = chrono::Local::now().date_naive();
    match command {
        BudgetCommand::Status { year, json } => {
            let who = who.clone();
            let s = desk.budget_status(&who, year, today)?;
            if json {
                return print_json(out, &s);
            }
            outln!(
                out,
                "{:<8} {:<36} {:>15} {:>15} {:>15} {:>15} {:>7}",
                "",
                "",
                "approved",
                "committed",
                "invoiced",
                "free",
                "used"
            );
            for l in &s.lines {
                outln!(
                    out,
                    "{:<8} {:<36} {:>15} {:>15} {:>15} {:>15} {:>6}%",
                    l.code,
                    l.name,
                    format_money(l.approved_cents),
                    format_money(l.committed_cents),
                    format_money(l.invoiced_cents),
                    format_money(l.free_cents),
                    format!("{},{}", l.used_permille / 10, l.used_permille % 10)
                );
            }
            outln!(
                out,
                "{:<45} {:>15} {:>15} {:>15} {:>15}",
                "",
                format_money(s.approved_cents),
                format_money(s.committed_cents),
                format_money(s.invoiced_cents),
                format_money(s.free_cents)
            );
        }
    }
    Ok(())
}
