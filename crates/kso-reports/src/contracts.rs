//! The contract register of a year, a contract's card and the budget status (§ 3.7.8–3.7.9,
//! § 3.7.13, § 3.8.2).

use chrono::{DateTime, Utc};
use kso_core::contracts::{format_rate, ContractQuery};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::layout::{Align, Block, Column, Orientation, Row, Table};

use crate::text::{dmy, money};
use crate::{Draft, Result};

fn today(now: DateTime<Utc>) -> chrono::NaiveDate {
    kso_core::calendar::utc_to_tallinn(now.naive_utc()).date()
}

fn vat_note(includes_vat: bool, lang: Lang) -> String {
    if includes_vat {
        lang.pick(
            "Eelarve summad on koos käibemaksuga (riigiasutus ei saa sisendkäibemaksu maha arvata); allkirjaõiguse piir (§ 3.8.2) arvestab maksumust ilma käibemaksuta.",
            "Budget amounts include VAT (a state agency cannot deduct input VAT); the signing limit (§ 3.8.2) counts the value excluding VAT.",
        )
    } else {
        lang.pick(
            "Eelarve summad on ilma käibemaksuta.",
            "Budget amounts exclude VAT.",
        )
    }
    .into()
}

pub(crate) fn register(
    desk: &Desk,
    actor: &Actor,
    year: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Draft> {
    let today = today(now);
    let rows = desk.contracts_list(
        actor,
        &ContractQuery {
            year: Some(year),
            ..ContractQuery::default()
        },
        today,
        lang,
    )?;
    let limit = desk.contract_settings(actor)?.signing_limit_cents;
    let mut t = Table::new(vec![
        Column::new(lang.pick("Nr", "No."), 1.3, Align::Left),
        Column::new(lang.pick("Pealkiri", "Title"), 3.1, Align::Left),
        Column::new(lang.pick("Tarnija", "Supplier"), 2.6, Align::Left),
        Column::new(lang.pick("Rida", "Line"), 0.8, Align::Left),
        Column::new(lang.pick("Kehtivus", "Term"), 2.5, Align::Left),
        Column::new(lang.pick("Ilma KM-ta", "Excl. VAT"), 1.6, Align::Right),
        Column::new(lang.pick("Koos KM-ga", "Incl. VAT"), 1.6, Align::Right),
        Column::new(lang.pick("Arveldatud", "Invoiced"), 1.6, Align::Right),
        Column::new(lang.pick("Jääk", "Remaining"), 1.6, Align::Right),
        Column::new(lang.pick("Seis", "Status"), 1.4, Align::Left),
        Column::new(lang.pick("Allkirjastaja", "Signed by"), 2.0, Align::Left),
    ]);
    t.font_size = 8.0;
    let (mut value, mut gross, mut invoiced, mut remaining) = (0, 0, 0, 0);
    for r in &rows {
        value += r.value_cents;
        gross += r.gross_cents;
        invoiced += r.invoiced_cents;
        remaining += r.remaining_cents;
        let signer = match (&r.signer_name, r.signer_capacity) {
            (Some(n), Some(c)) => format!("{n} ({})", c.label(lang)),
            _ => String::new(),
        };
        t.rows.push(Row::new([
            r.number.clone(),
            r.title.clone(),
            r.supplier_name.clone(),
            r.budget_line_code.clone(),
            format!("{}–{}", dmy(r.start_date), dmy(r.end_date)),
            money(r.value_cents),
            money(r.gross_cents),
            money(r.invoiced_cents),
            money(r.remaining_cents),
            r.status.label(lang).to_string(),
            signer,
        ]));
    }
    t.rows.push(Row::total([
        String::new(),
        match lang {
            Lang::Et => format!("Kokku {} lepingut", rows.len()),
            Lang::En => format!("Total, {} contracts", rows.len()),
        },
        String::new(),
        String::new(),
        String::new(),
        money(value),
        money(gross),
        money(invoiced),
        money(remaining),
        String::new(),
        String::new(),
    ]));
    let mut blocks = vec![Block::Table(t)];
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let warnings: Vec<String> = desk
        .contract_warnings(actor, today, lang)?
        .into_iter()
        .filter(|w| w.contract_ids.iter().any(|id| ids.contains(id)))
        .map(|w| format!("{}: {}", w.section, w.message))
        .collect();
    blocks.push(Block::Heading(format!(
        "{} ({})",
        lang.pick("Hoiatused", "Warnings"),
        warnings.len()
    )));
    if warnings.is_empty() {
        blocks.push(Block::Text(
            lang.pick("Hoiatusi ei ole.", "No warnings.").into(),
        ));
    }
    for w in warnings {
        blocks.push(Block::Text(format!("• {w}")));
    }
    blocks.push(Block::Note(match lang {
        Lang::Et => format!(
            "§ 3.8.2: osakonnajuhataja sõlmib lepinguid kinnitatud eelarve piires kuni {} ilma käibemaksuta; suuremad allkirjastab direktor. Seis {} järgi.",
            money(limit),
            dmy(today)
        ),
        Lang::En => format!(
            "§ 3.8.2: the head concludes contracts within the approved budget up to {} excluding VAT; larger ones are signed by the director. Status as of {}.",
            money(limit),
            dmy(today)
        ),
    }));
    Ok(Draft {
        title: match lang {
            Lang::Et => format!("Lepingute register {year}"),
            Lang::En => format!("Contract register {year}"),
        },
        subtitle: match lang {
            Lang::Et => format!(
                "Lepingud, mis kehtivad {year}. aastal või mille kulu langeb sellesse aastasse"
            ),
            Lang::En => format!("Contracts in force in {year} or with cost falling in that year"),
        },
        period: year.to_string(),
        orientation: Orientation::Landscape,
        blocks,
    })
}

pub(crate) fn card(
    desk: &Desk,
    actor: &Actor,
    id: i64,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Draft> {
    let c = desk.contract(actor, id, today(now), lang)?;
    let r = &c.row;
    let mut fields = vec![
        (
            lang.pick("Tarnija", "Supplier").to_string(),
            match lang {
                Lang::Et => format!("{} (registrikood {})", r.supplier_name, r.supplier_reg_code),
                Lang::En => format!(
                    "{} (registry code {})",
                    r.supplier_name, r.supplier_reg_code
                ),
            },
        ),
        (lang.pick("Liik", "Type").into(), r.kind.label(lang).into()),
    ];
    if !r.cpv.is_empty() {
        fields.push((lang.pick("CPV kood", "CPV code").into(), r.cpv.clone()));
    }
    if !c.subject.is_empty() {
        fields.push((
            lang.pick("Lepingu ese", "Subject").into(),
            c.subject.clone(),
        ));
    }
    fields.push((
        lang.pick("Maksumus", "Value").into(),
        match lang {
            Lang::Et => format!(
                "{} + KM {} {} = {}",
                money(r.value_cents),
                format_rate(r.vat_rate_bp),
                money(r.vat_cents),
                money(r.gross_cents)
            ),
            Lang::En => format!(
                "{} + VAT {} {} = {}",
                money(r.value_cents),
                format_rate(r.vat_rate_bp),
                money(r.vat_cents),
                money(r.gross_cents)
            ),
        },
    ));
    if r.original_value_cents != r.value_cents {
        fields.push((
            lang.pick("Algne maksumus", "Original value").into(),
            money(r.original_value_cents),
        ));
    }
    let shares: Vec<String> = c
        .shares
        .iter()
        .map(|s| format!("{} ({}): {}", s.line_code, s.year, money(s.cost_cents)))
        .collect();
    fields.push((lang.pick("Eelarve", "Budget").into(), shares.join("; ")));
    fields.push((
        lang.pick("Kehtivus", "Term").into(),
        format!("{}–{}", dmy(r.start_date), dmy(r.end_date)),
    ));
    fields.push((
        lang.pick("Seis", "Status").into(),
        r.status.label(lang).into(),
    ));
    if let (Some(name), Some(cap)) = (&r.signer_name, r.signer_capacity) {
        let mut s = format!("{name} ({})", cap.label(lang));
        if let Some(d) = r.signed_on {
            s.push_str(&format!(" {}", dmy(d)));
        }
        if !c.signed_ref.is_empty() {
            s.push_str(&format!(
                ", {} {}",
                lang.pick("dokumendi nr", "document no."),
                c.signed_ref
            ));
        }
        fields.push((lang.pick("Allkirjastaja", "Signed by").into(), s));
    }
    if let Some(d) = c.terminated_on {
        fields.push((
            lang.pick("Lõpetatud", "Terminated").into(),
            format!("{}: {}", dmy(d), c.termination_reason),
        ));
    }
    fields.push((
        lang.pick("Arveldatud / jääk", "Invoiced / remaining")
            .into(),
        format!("{} / {}", money(r.invoiced_cents), money(r.remaining_cents)),
    ));
    let authority = if c.authority.head_may_sign {
        match lang {
            Lang::Et => format!(
                "§ 3.8.2: piires ({} ≤ {} ilma KM-ta, eelarves vaba)",
                money(c.authority.value_cents),
                money(c.authority.limit_cents)
            ),
            Lang::En => format!(
                "§ 3.8.2: within ({} ≤ {} excl. VAT, free in the budget)",
                money(c.authority.value_cents),
                money(c.authority.limit_cents)
            ),
        }
    } else {
        c.authority.reasons.join("; ")
    };
    fields.push((
        lang.pick("Allkirjaõigus", "Signing authority").into(),
        authority,
    ));
    let mut blocks = vec![Block::Fields(fields)];

    blocks.push(Block::Heading(lang.pick("Muudatused", "Amendments").into()));
    if c.amendments.is_empty() {
        blocks.push(Block::Text(
            lang.pick("Lepingut ei ole muudetud.", "No amendments.")
                .into(),
        ));
    } else {
        let mut t = Table::new(vec![
            Column::new(lang.pick("Nr", "No."), 0.6, Align::Left),
            Column::new(lang.pick("Kuupäev", "Date"), 1.2, Align::Left),
            Column::new(lang.pick("Põhjus", "Reason"), 3.2, Align::Left),
            Column::new(lang.pick("Maksumus", "Value"), 2.6, Align::Left),
            Column::new(lang.pick("Kehtivus", "Term"), 2.0, Align::Left),
            Column::new(lang.pick("Allkirjastaja", "Signed by"), 2.0, Align::Left),
        ]);
        t.font_size = 8.0;
        for a in &c.amendments {
            t.rows.push(Row::new([
                a.seq.to_string(),
                dmy(a.date),
                a.reason.clone(),
                format!(
                    "{} → {}",
                    money(a.value_before_cents),
                    money(a.value_after_cents)
                ),
                format!("{}–{}", dmy(a.start_after), dmy(a.end_after)),
                format!("{} ({})", a.signer_name, a.signer_capacity.label(lang)),
            ]));
        }
        blocks.push(Block::Table(t));
    }

    blocks.push(Block::Heading(
        lang.pick("Tähtajad ja üleandmised", "Deliverables").into(),
    ));
    if c.deliverables.is_empty() {
        blocks.push(Block::Text(
            lang.pick("Tähtaegu ei ole.", "No deliverables.").into(),
        ));
    } else {
        let mut t = Table::new(vec![
            Column::new(
                lang.pick("Üleantav tulemus", "Deliverable"),
                4.0,
                Align::Left,
            ),
            Column::new(lang.pick("Tähtaeg", "Due"), 1.2, Align::Left),
            Column::new(lang.pick("Vastu võetud", "Accepted"), 3.0, Align::Left),
        ]);
        t.font_size = 8.5;
        for d in &c.deliverables {
            let accepted = match d.accepted_on {
                Some(on) => format!("{}, {}", dmy(on), d.accepted_by),
                None if d.overdue => lang
                    .pick("vastu võtmata, tähtaeg möödas", "not accepted, overdue")
                    .into(),
                None => lang.pick("vastu võtmata", "not accepted").into(),
            };
            t.rows
                .push(Row::new([d.title.clone(), dmy(d.due_date), accepted]));
        }
        blocks.push(Block::Table(t));
    }

    blocks.push(Block::Heading(lang.pick("Arved", "Invoices").into()));
    if c.invoices.is_empty() {
        blocks.push(Block::Text(
            lang.pick("Arveid ei ole.", "No invoices.").into(),
        ));
    } else {
        let mut t = Table::new(vec![
            Column::new(lang.pick("Arve nr", "Invoice"), 1.6, Align::Left),
            Column::new(lang.pick("Kuupäev", "Date"), 1.2, Align::Left),
            Column::new(lang.pick("Rida", "Line"), 0.8, Align::Left),
            Column::new(lang.pick("Ilma KM-ta", "Excl. VAT"), 1.5, Align::Right),
            Column::new(lang.pick("KM", "VAT"), 1.3, Align::Right),
            Column::new(lang.pick("Kokku", "Total"), 1.5, Align::Right),
            Column::new(lang.pick("Tasutud", "Paid"), 1.2, Align::Left),
        ]);
        t.font_size = 8.5;
        let (mut a, mut v, mut g) = (0, 0, 0);
        for i in &c.invoices {
            a += i.amount_cents;
            v += i.vat_cents;
            g += i.total_cents;
            t.rows.push(Row::new([
                i.number.clone(),
                dmy(i.date),
                i.budget_line_code.clone(),
                money(i.amount_cents),
                money(i.vat_cents),
                money(i.total_cents),
                i.paid_on
                    .map(dmy)
                    .unwrap_or_else(|| lang.pick("tasumata", "unpaid").into()),
            ]));
        }
        t.rows.push(Row::total([
            lang.pick("Kokku", "Total").to_string(),
            String::new(),
            String::new(),
            money(a),
            money(v),
            money(g),
            String::new(),
        ]));
        blocks.push(Block::Table(t));
    }

    if !c.documents.is_empty() {
        blocks.push(Block::Heading(lang.pick("Dokumendid", "Documents").into()));
        let mut t = Table::new(vec![
            Column::new(lang.pick("Fail", "File"), 3.0, Align::Left),
            Column::new("SHA-256", 5.0, Align::Left),
        ]);
        t.font_size = 7.5;
        for d in &c.documents {
            t.rows.push(Row::new([d.name.clone(), d.sha256.clone()]));
        }
        blocks.push(Block::Table(t));
    }
    if !c.warnings.is_empty() {
        blocks.push(Block::Heading(lang.pick("Hoiatused", "Warnings").into()));
        for w in &c.warnings {
            blocks.push(Block::Text(format!("• {}: {}", w.section, w.message)));
        }
    }
    if !c.history.is_empty() {
        blocks.push(Block::Heading(lang.pick("Ajalugu", "History").into()));
        let mut t = Table::new(vec![
            Column::new(lang.pick("Aeg", "When"), 1.5, Align::Left),
            Column::new(lang.pick("Kes", "Who"), 2.0, Align::Left),
            Column::new(lang.pick("Toiming", "Action"), 2.5, Align::Left),
        ]);
        t.font_size = 8.0;
        for h in &c.history {
            let at = DateTime::parse_from_rfc3339(&h.at)
                .map(|t| crate::text::dmy_hm(t.with_timezone(&Utc)))
                .unwrap_or_else(|_| h.at.clone());
            let who = match h.acting_as {
                Some(_) => format!(
                    "{} ({})",
                    h.user_name,
                    lang.pick("juhataja ülesannetes", "acting head")
                ),
                None => h.user_name.clone(),
            };
            t.rows.push(Row::new([at, who, action(&h.action, lang)]));
        }
        blocks.push(Block::Table(t));
    }
    Ok(Draft {
        title: match lang {
            Lang::Et => format!("Leping {}: {}", r.number, r.title),
            Lang::En => format!("Contract {}: {}", r.number, r.title),
        },
        subtitle: match lang {
            Lang::Et => format!("Lepingu kaart seisuga {}", dmy(today(now))),
            Lang::En => format!("Contract card as of {}", dmy(today(now))),
        },
        period: r.number.clone(),
        orientation: Orientation::Portrait,
        blocks,
    })
}

/// A contract's audited action for people.
fn action(code: &str, lang: Lang) -> String {
    let (et, en) = match code {
        "contract.add" => ("lepingu lisamine", "contract added"),
        "contract.update" => ("mustandi muutmine", "draft changed"),
        "contract.sign" => ("allkirjastamine", "signed"),
        "contract.amend" => ("muutmine", "amended"),
        "contract.terminate" => ("lõpetamine", "terminated"),
        "contract.deliverable_add" => ("tähtaja lisamine", "deliverable added"),
        "contract.deliverable_accept" => ("tulemuse vastuvõtmine", "deliverable accepted"),
        "contract.invoice_add" => ("arve lisamine", "invoice added"),
        "contract.invoice_paid" => ("arve tasutuks märkimine", "invoice paid"),
        "contract.document_add" => ("dokumendi lisamine", "document added"),
        other => (other, other),
    };
    lang.pick(et, en).to_string()
}

pub(crate) fn budget(
    desk: &Desk,
    actor: &Actor,
    year: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Draft> {
    let today = today(now);
    let b = desk.budget_status(actor, year, today)?;
    let mut t = Table::new(vec![
        Column::new(lang.pick("Kood", "Code"), 0.9, Align::Left),
        Column::new(lang.pick("Nimetus", "Name"), 2.6, Align::Left),
        Column::new(lang.pick("Kinnitatud", "Approved"), 1.6, Align::Right),
        Column::new(lang.pick("Seotud", "Committed"), 1.6, Align::Right),
        Column::new(lang.pick("Arveldatud", "Invoiced"), 1.6, Align::Right),
        Column::new(lang.pick("Vaba jääk", "Free"), 1.6, Align::Right),
        Column::new(lang.pick("Kasutatud", "Used"), 1.4, Align::Right),
        Column::new(lang.pick("Lepinguid", "Contracts"), 1.4, Align::Right),
    ]);
    t.font_size = 8.5;
    for l in &b.lines {
        let pct = format!(
            "{},{} %{}",
            l.used_permille / 10,
            l.used_permille % 10,
            if l.high { " !" } else { "" }
        );
        t.rows.push(Row::new([
            l.code.clone(),
            l.name.clone(),
            money(l.approved_cents),
            money(l.committed_cents),
            money(l.invoiced_cents),
            money(l.free_cents),
            pct,
            l.contracts.to_string(),
        ]));
    }
    t.rows.push(Row::total([
        String::new(),
        lang.pick("Kokku", "Total").to_string(),
        money(b.approved_cents),
        money(b.committed_cents),
        money(b.invoiced_cents),
        money(b.free_cents),
        String::new(),
        String::new(),
    ]));
    let high: Vec<String> = b
        .lines
        .iter()
        .filter(|l| l.high)
        .map(|l| l.code.clone())
        .collect();
    let mut blocks = vec![Block::Table(t), Block::Note(vat_note(b.includes_vat, lang))];
    if !high.is_empty() {
        blocks.push(Block::Note(match lang {
            Lang::Et => format!("! — üle 90 % kasutatud (§ 3.7.9): {}.", high.join(", ")),
            Lang::En => format!("! — over 90 % used (§ 3.7.9): {}.", high.join(", ")),
        }));
    }
    Ok(Draft {
        title: match lang {
            Lang::Et => format!("Eelarve seis {year}"),
            Lang::En => format!("Budget status {year}"),
        },
        subtitle: match lang {
            Lang::Et => format!("Seisuga {} · § 3.7.8–3.7.9", dmy(today)),
            Lang::En => format!("As of {} · § 3.7.8–3.7.9", dmy(today)),
        },
        period: year.to_string(),
        orientation: Orientation::Portrait,
        blocks,
    })
}
