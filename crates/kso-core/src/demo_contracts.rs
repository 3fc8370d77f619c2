//! The demo's contracts and budget: a year of budget lines, suppliers and contracts as a
//! department head would have them — signed by the head and by the director, amended,
//! terminated, invoiced — with the patterns the app warns about: a contract near the limit,
//! two laptop purchases from one supplier adding up over it, a budget line over 90 %, a
//! contract ending within 30 days with an overdue deliverable, invoices over a contract's value,
//! and drafts waiting for a signature.

// Amounts are written as euros_cents (9_200_00 = 9 200,00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Transaction;

use crate::auth::Actor;
use crate::contracts::*;
use crate::error::Result;
use crate::store;
use crate::store::audit::AuditRecord;
use crate::store::contracts::ContractData;

const LINES: [(&str, &str, i64); 5] = [
    ("4500", "IT-teenused ja tugiteenused", 180_000_00),
    ("4502", "Tarkvara ja litsentsid", 60_000_00),
    ("4503", "Riistvara ja seadmed", 45_000_00),
    ("4508", "Koolitus ja arendus", 25_000_00),
    ("5500", "Seire- ja hoolduslepingud", 24_000_00),
];

const SUPPLIERS: [(&str, &str, &str, &str); 8] = [
    (
        "Seirekeskus OÜ",
        "1455123",
        "Kadri Lepik",
        "kadri.lepik@seirekeskus.ee",
    ),
    (
        "Andmevara AS",
        "1010387",
        "Tõnu Rebane",
        "myyk@andmevara.ee",
    ),
    (
        "Helistuudio OÜ",
        "1247731",
        "Anna Smirnova",
        "anna@helistuudio.ee",
    ),
    (
        "Printerid ja Ko OÜ",
        "1160042",
        "Peeter Pärn",
        "peeter@printerid.ee",
    ),
    (
        "Koolitusmaja OÜ",
        "1289950",
        "Liis Kuusk",
        "liis@koolitusmaja.ee",
    ),
    (
        "Pilvelahendused AS",
        "1073318",
        "Marek Ilves",
        "marek.ilves@pilv.ee",
    ),
    (
        "Turvatehnika AS",
        "1015624",
        "Urmas Saar",
        "urmas@turvatehnika.ee",
    ),
    (
        "Tõlkebüroo Sõna OÜ",
        "1198877",
        "Jelena Ivanova",
        "info@sona.ee",
    ),
];

enum Signer {
    Head,
    Director,
    Draft,
}

struct Spec {
    number: &'static str,
    title: &'static str,
    subject: &'static str,
    kind: ContractKind,
    cpv: &'static str,
    supplier: usize,
    line: &'static str,
    value: i64,
    /// Start and end as (month, day) of the year; an end month over 12 runs into next year.
    start: (u32, u32),
    end: (u32, u32),
    signer: Signer,
}

const SPECS: [Spec; 11] = [
    Spec {
        number: "001",
        title: "Seirelahenduse tugiteenus",
        subject: "Zabbixi ja Grafana seirelahenduse tugi ja arendus, reageerimisaeg 4 tundi",
        kind: ContractKind::Services,
        cpv: "72250000-2",
        supplier: 0,
        line: "5500",
        value: 9_200_00,
        start: (1, 15),
        end: (12, 31),
        signer: Signer::Head,
    },
    Spec {
        number: "002",
        title: "Jira Service Management litsentsid",
        subject: "50 agendi litsentsid 12 kuuks",
        kind: ContractKind::Goods,
        cpv: "48000000-8",
        supplier: 1,
        line: "4502",
        value: 8_400_00,
        start: (2, 1),
        end: (13, 31),
        signer: Signer::Head,
    },
    Spec {
        number: "003",
        title: "Kõnekeskuse tarkvara hooldus",
        subject: "Asterisk-kõnekeskuse hooldus ja järjekordade seadistamine",
        kind: ContractKind::Services,
        cpv: "72267000-4",
        supplier: 2,
        line: "4500",
        value: 6_000_00,
        start: (3, 1),
        end: (14, 28),
        signer: Signer::Head,
    },
    Spec {
        number: "004",
        title: "Sülearvutid tugiisikutele (I)",
        subject: "8 sülearvutit koos dokkimisjaamaga",
        kind: ContractKind::Goods,
        cpv: "30213100-6",
        supplier: 3,
        line: "4503",
        value: 6_800_00,
        start: (4, 6),
        end: (5, 29),
        signer: Signer::Head,
    },
    Spec {
        number: "005",
        title: "Sülearvutid tugiisikutele (II)",
        subject: "6 sülearvutit koos dokkimisjaamaga",
        kind: ContractKind::Goods,
        cpv: "30213100-6",
        supplier: 3,
        line: "4503",
        value: 5_400_00,
        start: (6, 2),
        end: (7, 15),
        signer: Signer::Head,
    },
    Spec {
        number: "006",
        title: "Klienditeeninduse koolitus",
        subject: "Keerulised kõned ja pöördumiste eskaleerimine, 3 gruppi",
        kind: ContractKind::Services,
        cpv: "80500000-9",
        supplier: 4,
        line: "4508",
        value: 4_500_00,
        start: (9, 1),
        end: (12, 10),
        signer: Signer::Head,
    },
    Spec {
        number: "007",
        title: "Pilveteenuse raamleping",
        subject: "Tugisüsteemide majutus ja varundus",
        kind: ContractKind::Services,
        cpv: "72415000-2",
        supplier: 5,
        line: "4500",
        value: 48_000_00,
        start: (1, 1),
        end: (12, 31),
        signer: Signer::Director,
    },
    Spec {
        number: "008",
        title: "Turvakaamerate hooldus",
        subject: "Operatsioonisaali ja serveriruumi kaamerate hooldus",
        kind: ContractKind::Services,
        cpv: "50610000-4",
        supplier: 6,
        line: "5500",
        value: 9_800_00,
        start: (2, 15),
        end: (13, 14),
        signer: Signer::Head,
    },
    Spec {
        number: "009",
        title: "Kasutajajuhendite tõlked",
        subject: "Juhendite tõlkimine vene ja inglise keelde",
        kind: ContractKind::Services,
        cpv: "79530000-8",
        supplier: 7,
        line: "4500",
        value: 3_000_00,
        start: (3, 1),
        end: (12, 31),
        signer: Signer::Head,
    },
    Spec {
        number: "010",
        title: "Seireekraanid operatsioonisaali",
        subject: "Neli 75-tollist ekraani koos kinnitustega",
        kind: ContractKind::Goods,
        cpv: "32320000-2",
        supplier: 1,
        line: "4503",
        value: 12_500_00,
        start: (12, 1),
        end: (12, 31),
        signer: Signer::Draft,
    },
    Spec {
        number: "011",
        title: "Peakomplektid",
        subject: "20 juhtmeta peakomplekti",
        kind: ContractKind::Goods,
        cpv: "32342100-3",
        supplier: 2,
        line: "4503",
        value: 3_200_00,
        start: (12, 1),
        end: (12, 31),
        signer: Signer::Draft,
    },
];

fn day(year: i32, (month, d): (u32, u32)) -> NaiveDate {
    let (y, m) = if month > 12 {
        (year + 1, month - 12)
    } else {
        (year, month)
    };
    NaiveDate::from_ymd_opt(y, m, d).expect("demo dates are valid")
}

fn log(
    tx: &Transaction,
    head: &Actor,
    on: NaiveDate,
    action: &'static str,
    id: i64,
    after: serde_json::Value,
) -> Result<()> {
    store::audit::insert(
        tx,
        head,
        &crate::demo::stamp(on, 9, 30),
        &AuditRecord {
            action,
            entity: action.split('.').next().unwrap_or(action),
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(after),
        },
    )?;
    Ok(())
}

/// Writes the demo's budget, suppliers and contracts; returns the number of audit records.
pub fn generate(
    tx: &Transaction,
    head: &Actor,
    history_start: NaiveDate,
    today: NaiveDate,
) -> Result<u32> {
    let year = today.year();
    let mut audits = 0;
    let mut lines = std::collections::HashMap::new();
    for y in [year - 1, year] {
        for (code, name, approved) in LINES {
            // Last year's budget was a little smaller.
            let approved = if y < year {
                approved * 9 / 10
            } else {
                approved
            };
            let id = store::budget::save(
                tx,
                &BudgetLine {
                    id: 0,
                    year: y,
                    code: code.into(),
                    name: name.into(),
                    approved_cents: approved,
                },
            )?;
            lines.insert((y, code), id);
        }
    }
    let mut suppliers = Vec::new();
    for (name, base, contact, email) in SUPPLIERS {
        let reg_code = with_check_digit(base).expect("a check digit exists");
        suppliers.push(store::suppliers::save(
            tx,
            &Supplier {
                id: 0,
                name: name.into(),
                reg_code,
                vat_no: format!("EE10{}", &base[..7]),
                contact: contact.into(),
                email: email.into(),
                phone: "+372 600 1234".into(),
            },
        )?);
    }

    // Last year (when the history reaches that far back): two contracts that ran their course.
    let last_year = if history_start <= NaiveDate::from_ymd_opt(year - 1, 1, 1).expect("date") {
        2
    } else {
        0
    };
    for (i, (title, supplier, line, value)) in [
        ("Tugiteenuse tööjaamade hooldus", 3, "4500", 7_000_00),
        ("Seirelahenduse tugiteenus", 0, "5500", 8_800_00),
    ]
    .into_iter()
    .enumerate()
    .take(last_year)
    {
        let start = NaiveDate::from_ymd_opt(year - 1, 1, 10).expect("date");
        let end = NaiveDate::from_ymd_opt(year - 1, 12, 31).expect("date");
        let data = ContractData {
            number: format!("{}-{:03}", year - 1, i + 1),
            title: title.into(),
            subject: String::new(),
            kind: ContractKind::Services,
            cpv: String::new(),
            supplier_id: suppliers[supplier],
            value_cents: value,
            vat_rate_bp: vat_rate_on(start),
            vat_overridden: false,
            start_date: start,
            end_date: end,
        };
        let id = store::contracts::insert(tx, &data, &crate::demo::stamp(start, 9, 0))?;
        store::contracts::replace_shares(tx, id, &[(lines[&(year - 1, line)], value)])?;
        store::contracts::set_signed(
            tx,
            id,
            start - Duration::days(3),
            SignerCapacity::Head,
            &head.name,
            "",
        )?;
        for q in 0..4 {
            let on = NaiveDate::from_ymd_opt(year - 1, 3 * q + 3, 28).expect("date");
            let amount = value / 4;
            store::contracts::insert_invoice(
                tx,
                &Invoice {
                    id: 0,
                    contract_id: id,
                    budget_line_id: lines[&(year - 1, line)],
                    budget_line_code: line.into(),
                    number: format!("{}-{}", 100 + i, q + 1),
                    date: on,
                    amount_cents: amount,
                    vat_cents: vat_of(amount, data.vat_rate_bp),
                    total_cents: 0,
                    paid_on: Some(on + Duration::days(14)),
                },
            )?;
        }
        log(
            tx,
            head,
            start - Duration::days(3),
            "contract.sign",
            id,
            serde_json::json!({ "number": data.number, "value_cents": value }),
        )?;
        audits += 1;
    }

    for spec in &SPECS {
        let start = day(year, spec.start);
        let end = day(year, spec.end);
        let number = format!("{year}-{}", spec.number);
        let rate = vat_rate_on(start);
        let data = ContractData {
            number: number.clone(),
            title: spec.title.into(),
            subject: spec.subject.into(),
            kind: spec.kind,
            cpv: spec.cpv.into(),
            supplier_id: suppliers[spec.supplier],
            value_cents: spec.value,
            vat_rate_bp: rate,
            vat_overridden: false,
            start_date: start,
            end_date: end,
        };
        let prepared = (start - Duration::days(20)).min(today);
        let id = store::contracts::insert(tx, &data, &crate::demo::stamp(prepared, 9, 0))?;
        // A contract running into next year puts its months there on next year's line.
        let this_line = lines[&(year, spec.line)];
        let shares = if end.year() > year {
            let next = match lines.get(&(year + 1, spec.line)) {
                Some(l) => *l,
                None => {
                    let (code, name, approved) = LINES
                        .iter()
                        .find(|l| l.0 == spec.line)
                        .copied()
                        .expect("line");
                    let l = store::budget::save(
                        tx,
                        &BudgetLine {
                            id: 0,
                            year: year + 1,
                            code: code.into(),
                            name: name.into(),
                            approved_cents: approved,
                        },
                    )?;
                    lines.insert((year + 1, spec.line), l);
                    l
                }
            };
            let months_next = i64::from(end.month());
            let months_total = 12;
            let next_part = spec.value * months_next / months_total;
            vec![(this_line, spec.value - next_part), (next, next_part)]
        } else {
            vec![(this_line, spec.value)]
        };
        store::contracts::replace_shares(tx, id, &shares)?;
        log(
            tx,
            head,
            prepared,
            "contract.add",
            id,
            serde_json::json!({ "number": number, "value_cents": spec.value }),
        )?;
        audits += 1;
        let signed_on = start - Duration::days(5);
        match spec.signer {
            Signer::Draft => continue,
            _ if signed_on > today => continue,
            Signer::Head => store::contracts::set_signed(
                tx,
                id,
                signed_on,
                SignerCapacity::Head,
                &head.name,
                "",
            )?,
            Signer::Director => store::contracts::set_signed(
                tx,
                id,
                signed_on,
                SignerCapacity::Director,
                "Märt Männik",
                &format!("1-3/{year}/118"),
            )?,
        }
        log(
            tx,
            head,
            signed_on,
            "contract.sign",
            id,
            serde_json::json!({ "number": number, "value_cents": spec.value }),
        )?;
        audits += 1;

        // Monthly invoices for services, one for goods, paid two weeks later (the last unpaid).
        let mut invoices: Vec<(NaiveDate, i64)> = Vec::new();
        match spec.kind {
            ContractKind::Services => {
                let months = ((end.year() - start.year()) * 12 + end.month() as i32
                    - start.month() as i32
                    + 1)
                .max(1) as i64;
                let mut d = start;
                let mut n = 0;
                while d <= end && d < today && n < months {
                    let month_end = crate::roster::Month::of(d).last();
                    // The translations were terminated at the end of August.
                    let stop = spec.number == "009" && month_end.month() > 8;
                    if month_end >= today || stop {
                        break;
                    }
                    invoices.push((month_end, spec.value / months));
                    d = month_end + Duration::days(1);
                    n += 1;
                }
            }
            ContractKind::Goods => {
                let delivered = start + Duration::days(21);
                if delivered < today {
                    invoices.push((delivered, spec.value));
                }
            }
        }
        if spec.number == "002" {
            // An extra licence billed over the contract's value.
            invoices.push((start + Duration::days(60), 150_00));
        }
        let count = invoices.len();
        for (k, (on, amount)) in invoices.into_iter().enumerate() {
            let line = shares
                .iter()
                .find(|(l, _)| lines.get(&(on.year(), spec.line)) == Some(l))
                .map_or(shares[0].0, |s| s.0);
            let paid = (k + 1 < count)
                .then_some(on + Duration::days(14))
                .filter(|p| *p < today);
            store::contracts::insert_invoice(
                tx,
                &Invoice {
                    id: 0,
                    contract_id: id,
                    budget_line_id: line,
                    budget_line_code: spec.line.into(),
                    number: format!("{}{:02}", &spec.number[1..], k + 1),
                    date: on,
                    amount_cents: amount,
                    vat_cents: vat_of(amount, rate),
                    total_cents: 0,
                    paid_on: paid,
                },
            )?;
        }

        // Deliverables: acceptance of goods, quarterly reports of services.
        match spec.kind {
            ContractKind::Goods => {
                let due = start + Duration::days(21);
                let did = store::contracts::insert_deliverable(tx, id, "Tarne ja üleandmine", due)?;
                if due < today {
                    store::contracts::accept_deliverable(
                        tx,
                        did,
                        due + Duration::days(2),
                        &head.name,
                    )?;
                }
            }
            ContractKind::Services if spec.number == "006" => {
                let due = NaiveDate::from_ymd_opt(year, 11, 1).expect("date");
                store::contracts::insert_deliverable(tx, id, "Koolitusprogrammi vahearuanne", due)?;
                store::contracts::insert_deliverable(
                    tx,
                    id,
                    "Lõpparuanne ja tagasiside kokkuvõte",
                    end,
                )?;
            }
            ContractKind::Services => {
                for q in [3, 6, 9, 12] {
                    let due = NaiveDate::from_ymd_opt(year, q, 28).expect("date");
                    if due < start || due > end {
                        continue;
                    }
                    let did = store::contracts::insert_deliverable(
                        tx,
                        id,
                        &format!("{}. kvartali aruanne", q / 3),
                        due,
                    )?;
                    if due + Duration::days(3) < today {
                        store::contracts::accept_deliverable(
                            tx,
                            did,
                            due + Duration::days(3),
                            &head.name,
                        )?;
                    }
                }
            }
        }
    }

    // Amend the monitoring contract close to the limit; terminate the translations early.
    let by_number = |n: &str| -> Result<Option<store::contracts::ContractRecord>> {
        Ok(store::contracts::all(tx)?
            .into_iter()
            .find(|c| c.number == format!("{year}-{n}")))
    };
    if let Some(c) = by_number("001")?.filter(|c| c.state == ContractState::Signed) {
        let on = NaiveDate::from_ymd_opt(year, 6, 1)
            .expect("date")
            .min(today);
        let new_value = 9_950_00;
        let shares = store::contracts::shares_of(tx, c.id)?;
        store::contracts::insert_amendment(
            tx,
            c.id,
            &Amendment {
                id: 0,
                seq: 0,
                date: on,
                reason: "Lisatud Grafana armatuurlaudade arendus".into(),
                value_before_cents: c.value_cents,
                value_after_cents: new_value,
                start_before: c.start_date,
                start_after: c.start_date,
                end_before: c.end_date,
                end_after: c.end_date,
                subject_before: c.subject.clone(),
                subject_after: c.subject.clone(),
                signer_capacity: SignerCapacity::Head,
                signer_name: head.name.clone(),
                signed_ref: String::new(),
            },
        )?;
        store::contracts::set_terms(tx, c.id, new_value, c.start_date, c.end_date, &c.subject)?;
        let last = shares.last().expect("a share").budget_line_id;
        store::contracts::replace_shares(
            tx,
            c.id,
            &shares
                .iter()
                .map(|s| {
                    (
                        s.budget_line_id,
                        if s.budget_line_id == last {
                            s.value_cents + new_value - c.value_cents
                        } else {
                            s.value_cents
                        },
                    )
                })
                .collect::<Vec<_>>(),
        )?;
        log(
            tx,
            head,
            on,
            "contract.amend",
            c.id,
            serde_json::json!({ "value_before_cents": c.value_cents, "value_after_cents": new_value }),
        )?;
        audits += 1;
    }
    if let Some(c) = by_number("009")?.filter(|c| c.state == ContractState::Signed) {
        let on = NaiveDate::from_ymd_opt(year, 8, 31).expect("date");
        if on < today {
            store::contracts::set_terminated(
                tx,
                c.id,
                on,
                "Tõlked tehakse edaspidi riigi tõlkeraamlepingu alusel",
            )?;
            log(
                tx,
                head,
                on,
                "contract.terminate",
                c.id,
                serde_json::json!({ "state": "terminated" }),
            )?;
            audits += 1;
        }
    }
    Ok(audits)
}
