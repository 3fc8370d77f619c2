//! The warnings of the contracts module, shown on signing, on the card and on the overview:
//! splitting (§ 3.8.2), contracts ending soon, overdue deliverables and invoices over the value
//! (§ 3.7.13), budget lines nearly used up (§ 3.7.9).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{format_money, BudgetLineStatus, ContractRow, ContractStatus, Deliverable};
use super::{SignerCapacity, Warning, WarningKind};
use crate::i18n::Lang;

/// A budget line counts as nearly used up above this share (in tenths of a per cent).
pub const BUDGET_HIGH_PERMILLE: i64 = 900;

/// Contracts ending within this many days are shown, in steps of 30, 60 and 90 days.
pub const EXPIRY_DAYS: i64 = 90;

fn dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Whether a contract is one the head signs (or would): splitting concerns only those.
fn head_signs(c: &ContractRow) -> bool {
    c.status == ContractStatus::Draft
        || matches!(
            c.signer_capacity,
            Some(SignerCapacity::Head | SignerCapacity::ActingHead)
        )
}

/// Groups of the head's contracts with one supplier, or one CPV code, in one budget year (the
/// start year) with two or more contracts adding up over the limit.
pub fn splitting(contracts: &[ContractRow], limit_cents: i64, lang: Lang) -> Vec<Warning> {
    let mut by_supplier: BTreeMap<(i32, i64), Vec<&ContractRow>> = BTreeMap::new();
    let mut by_cpv: BTreeMap<(i32, String), Vec<&ContractRow>> = BTreeMap::new();
    // A contract over the limit on its own goes to the director anyway: it splits nothing.
    for c in contracts
        .iter()
        .filter(|c| head_signs(c) && c.value_cents <= limit_cents)
    {
        let year = c.start_date.year();
        by_supplier
            .entry((year, c.supplier_id))
            .or_default()
            .push(c);
        let cpv = c.cpv.split('-').next().unwrap_or("").to_string();
        if !cpv.is_empty() {
            by_cpv.entry((year, cpv)).or_default().push(c);
        }
    }
    let mut out = Vec::new();
    let mut push = |group: &[&ContractRow], what: String, year: i32| {
        let total: i64 = group.iter().map(|c| c.value_cents).sum();
        if group.len() < 2 || total <= limit_cents {
            return;
        }
        let mut chars = what.chars();
        let what_cap = chars
            .next()
            .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default();
        let numbers = group
            .iter()
            .map(|c| c.number.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Warning {
            kind: WarningKind::Splitting,
            section: "§ 3.8.2".into(),
            contract_ids: group.iter().map(|c| c.id).collect(),
            budget_line_id: None,
            days: None,
            message: match lang {
                Lang::Et => format!(
                    "{what_cap} lepingud {year}. aastal ({numbers}) on kokku {} ilma käibemaksuta, üle piiri {} — kas hange on tükeldatud?",
                    format_money(total),
                    format_money(limit_cents)
                ),
                Lang::En => format!(
                    "The contracts {what} in {year} ({numbers}) add up to {} excluding VAT, over the limit {} — is the procurement split?",
                    format_money(total),
                    format_money(limit_cents)
                ),
            },
        });
    };
    for ((year, _), group) in &by_supplier {
        let name = &group[0].supplier_name;
        let what = match lang {
            Lang::Et => format!("tarnijaga {name} sõlmitud"),
            Lang::En => format!("with {name}"),
        };
        push(group, what, *year);
    }
    for ((year, cpv), group) in &by_cpv {
        // A CPV group that is the same set as a supplier group says nothing new.
        let ids: Vec<i64> = group.iter().map(|c| c.id).collect();
        if by_supplier
            .values()
            .any(|g| g.iter().map(|c| c.id).collect::<Vec<_>>() == ids)
        {
            continue;
        }
        let what = match lang {
            Lang::Et => format!("CPV-koodiga {cpv}"),
            Lang::En => format!("with CPV code {cpv}"),
        };
        push(group, what, *year);
    }
    out
}

/// The warnings about one contract: ending soon, invoices over the value, overdue deliverables.
pub fn for_contract(
    c: &ContractRow,
    deliverables: &[Deliverable],
    today: NaiveDate,
    lang: Lang,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let one = |kind, days, message| Warning {
        kind,
        section: "§ 3.7.13".into(),
        contract_ids: vec![c.id],
        budget_line_id: None,
        days,
        message,
    };
    if c.status == ContractStatus::InForce {
        let days = (c.end_date - today).num_days();
        if (0..=EXPIRY_DAYS).contains(&days) {
            let step = if days <= 30 {
                30
            } else if days <= 60 {
                60
            } else {
                90
            };
            out.push(one(
                WarningKind::Expiring,
                Some(days),
                match lang {
                    Lang::Et => format!(
                        "Leping {} lõpeb {} ({days} päeva pärast, {step} päeva piires)",
                        c.number,
                        dmy(c.end_date)
                    ),
                    Lang::En => format!(
                        "Contract {} ends on {} (in {days} days, within {step} days)",
                        c.number,
                        dmy(c.end_date)
                    ),
                },
            ));
        }
    }
    if c.invoiced_cents > c.value_cents {
        out.push(one(
            WarningKind::InvoicesOverValue,
            None,
            match lang {
                Lang::Et => format!(
                    "Lepingu {} arved kokku {} ületavad lepingu maksumuse {} (ilma käibemaksuta)",
                    c.number,
                    format_money(c.invoiced_cents),
                    format_money(c.value_cents)
                ),
                Lang::En => format!(
                    "The invoices of contract {} add up to {}, over its value {} (excluding VAT)",
                    c.number,
                    format_money(c.invoiced_cents),
                    format_money(c.value_cents)
                ),
            },
        ));
    }
    if c.status != ContractStatus::Terminated {
        for d in deliverables.iter().filter(|d| d.overdue) {
            out.push(one(
                WarningKind::DeliverableOverdue,
                Some((today - d.due_date).num_days()),
                match lang {
                    Lang::Et => format!(
                        "Lepingu {} tähtaeg „{}” ({}) on möödas ja üleandmine on vastu võtmata",
                        c.number,
                        d.title,
                        dmy(d.due_date)
                    ),
                    Lang::En => format!(
                        "Contract {}: “{}” was due on {} and has not been accepted",
                        c.number,
                        d.title,
                        dmy(d.due_date)
                    ),
                },
            ));
        }
    }
    out
}

/// Budget lines over 90 % committed (§ 3.7.9: funds are used for their purpose and within the
/// budget).
pub fn budget(lines: &[BudgetLineStatus], lang: Lang) -> Vec<Warning> {
    lines
        .iter()
        .filter(|l| l.high)
        .map(|l| {
            let pct = format!("{},{}", l.used_permille / 10, l.used_permille % 10);
            let over = l.free_cents < 0;
            Warning {
                kind: WarningKind::BudgetHigh,
                section: "§ 3.7.9".into(),
                contract_ids: vec![],
                budget_line_id: Some(l.id),
                days: None,
                message: match (lang, over) {
                    (Lang::Et, false) => format!(
                        "Eelarverida {} „{}” ({}) on kasutatud {pct} %, vaba {}",
                        l.code,
                        l.name,
                        l.year,
                        format_money(l.free_cents)
                    ),
                    (Lang::Et, true) => format!(
                        "Eelarverida {} „{}” ({}) on ületatud {} võrra ({pct} %)",
                        l.code,
                        l.name,
                        l.year,
                        format_money(-l.free_cents)
                    ),
                    (Lang::En, false) => format!(
                        "Budget line {} “{}” ({}) is {pct} % used, {} free",
                        l.code,
                        l.name,
                        l.year,
                        format_money(l.free_cents)
                    ),
                    (Lang::En, true) => format!(
                        "Budget line {} “{}” ({}) is overspent by {} ({pct} %)",
                        l.code,
                        l.name,
                        l.year,
                        format_money(-l.free_cents)
                    ),
                },
            }
        })
        .collect()
}
