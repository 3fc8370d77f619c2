//! Contracts and budget through the service: the § 3.8.2 signing authority to the cent,
//! amendments, budget use, VAT by date, registry codes, splitting, permissions, audit.

mod common;

use chrono::NaiveDate;
use common::*;
use kso_core::contracts::*;
use kso_core::{Actor, Desk, Error, Lang};

const ET: Lang = Lang::Et;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

fn line(desk: &mut Desk, head: &Actor, year: i32, code: &str, approved: &str) -> i64 {
    desk.budget_line_save(
        head,
        &BudgetLineInput {
            id: None,
            year,
            code: code.into(),
            name: format!("Rida {code}"),
            approved: approved.into(),
        },
    )
    .unwrap()
    .id
}

fn supplier(desk: &mut Desk, head: &Actor, name: &str, reg: &str) -> i64 {
    desk.supplier_save(
        head,
        &SupplierInput {
            id: None,
            name: name.into(),
            reg_code: reg.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn input(number: &str, supplier: i64, line: i64, value: &str, start: &str) -> ContractInput {
    ContractInput {
        id: None,
        number: number.into(),
        title: format!("Leping {number}"),
        subject: "Seirelahenduse tugiteenus".into(),
        kind: ContractKind::Services,
        cpv: String::new(),
        supplier_id: Some(supplier),
        budget_line_id: Some(line),
        value: value.into(),
        vat_rate: String::new(),
        start_date: start.into(),
        end_date: "31.12.2026".into(),
        shares: vec![],
    }
}

fn sign_as(id: i64, who: SignAs) -> SignInput {
    SignInput {
        contract_id: id,
        sign_as: who,
        date: "10.03.2026".into(),
        director_name: if who == SignAs::Director {
            "Jüri Juurikas".into()
        } else {
            String::new()
        },
        reference: if who == SignAs::Director {
            "7.1-2/26/15".into()
        } else {
            String::new()
        },
    }
}

/// A department with one big budget line and one supplier.
fn setup() -> (tempfile::TempDir, Desk, Actor, i64, i64) {
    let (dir, mut desk, head) = with_head();
    let l = line(&mut desk, &head, 2026, "4500", "100 000,00");
    let s = supplier(&mut desk, &head, "Tarnija OÜ", "10234957");
    (dir, desk, head, l, s)
}

fn draft(desk: &mut Desk, head: &Actor, number: &str, s: i64, l: i64, value: &str) -> Contract {
    desk.contract_save(head, &input(number, s, l, value, "01.03.2026"), today(), ET)
        .unwrap()
}

fn refusals(e: Error) -> Vec<Refusal> {
    match e {
        Error::SigningRefused(r) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn field_rules(e: Error) -> Vec<(&'static str, String)> {
    match e {
        Error::Invalid(fields) => fields
            .iter()
            .map(|f| (f.field, f.rule.code().to_string()))
            .collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn the_head_signs_exactly_the_limit_but_not_a_cent_more() {
    let (_dir, mut desk, head, l, s) = setup();
    let at_limit = draft(&mut desk, &head, "2026-001", s, l, "10 000,00");
    assert!(at_limit.authority.head_may_sign);
    let signed = desk
        .contract_sign(&head, &sign_as(at_limit.row.id, SignAs::Head), today(), ET)
        .unwrap();
    assert_eq!(signed.row.status, ContractStatus::InForce);
    assert_eq!(signed.row.signer_capacity, Some(SignerCapacity::Head));
    assert_eq!(signed.row.signer_name.as_deref(), Some("Mari Maasikas"));

    let over = draft(&mut desk, &head, "2026-002", s, l, "10 000,01");
    assert!(!over.authority.head_may_sign);
    assert!(!over.authority.within_limit);
    assert!(
        over.authority.reasons[0].starts_with("§ 3.8.2"),
        "{:?}",
        over.authority.reasons
    );
    let audits = audit_count(&desk);
    let err = desk
        .contract_sign(&head, &sign_as(over.row.id, SignAs::Head), today(), ET)
        .unwrap_err();
    let api = err.to_api(ET);
    assert_eq!(api.code, "signing_refused");
    assert!(api.message.contains("§ 3.8.2"), "{}", api.message);
    assert!(
        api.message.contains("10\u{a0}000,01\u{a0}€"),
        "{}",
        api.message
    );
    assert_eq!(
        refusals(err),
        vec![Refusal::OverLimit {
            value_cents: 1_000_001,
            limit_cents: 1_000_000
        }]
    );
    // Refused: nothing changed, nothing audited.
    assert_eq!(audit_count(&desk), audits);
    let still = desk.contract(&head, over.row.id, today(), ET).unwrap();
    assert_eq!(still.row.status, ContractStatus::Draft);

    // The director signs instead: recorded with name, date and reference, no limit.
    let by_director = desk
        .contract_sign(&head, &sign_as(over.row.id, SignAs::Director), today(), ET)
        .unwrap();
    assert_eq!(
        by_director.row.signer_capacity,
        Some(SignerCapacity::Director)
    );
    assert_eq!(
        by_director.row.signer_name.as_deref(),
        Some("Jüri Juurikas")
    );
    assert_eq!(by_director.signed_ref, "7.1-2/26/15");
    assert_eq!(audit_count(&desk), audits + 1);
    // The director's record needs the name and the reference.
    let third = draft(&mut desk, &head, "2026-003", s, l, "50 000,00");
    let mut missing = sign_as(third.row.id, SignAs::Director);
    missing.director_name.clear();
    missing.reference = " ".into();
    let rules = field_rules(
        desk.contract_sign(&head, &missing, today(), ET)
            .unwrap_err(),
    );
    assert!(rules.contains(&("director_name", "required".into())));
    assert!(rules.contains(&("reference", "required".into())));
}

#[test]
fn amendments_count_cumulatively_for_the_limit() {
    let (_dir, mut desk, head, l, s) = setup();
    let c = draft(&mut desk, &head, "2026-010", s, l, "9 200,00");
    desk.contract_sign(&head, &sign_as(c.row.id, SignAs::Head), today(), ET)
        .unwrap();
    let amend = |value: &str, sign: SignAs| AmendmentInput {
        contract_id: c.row.id,
        date: "01.06.2026".into(),
        reason: "Lisatööd".into(),
        value: value.into(),
        start_date: String::new(),
        end_date: String::new(),
        subject: String::new(),
        sign_as: sign,
        director_name: if sign == SignAs::Director {
            "Jüri Juurikas".into()
        } else {
            String::new()
        },
        reference: if sign == SignAs::Director {
            "7.1-2/26/40".into()
        } else {
            String::new()
        },
    };
    let first = desk
        .contract_amend(&head, &amend("10 000,00", SignAs::Head), today(), ET)
        .unwrap();
    assert_eq!(first.row.value_cents, 1_000_000);
    assert_eq!(first.row.original_value_cents, 920_000);
    assert_eq!(first.amendments.len(), 1);
    assert_eq!(first.amendments[0].value_before_cents, 920_000);

    // One more cent in total is over the limit: refused, nothing written.
    let audits = audit_count(&desk);
    let err = desk
        .contract_amend(&head, &amend("10 000,01", SignAs::Head), today(), ET)
        .unwrap_err();
    assert!(matches!(
        refusals(err)[0],
        Refusal::OverLimit {
            value_cents: 1_000_001,
            ..
        }
    ));
    assert_eq!(audit_count(&desk), audits);
    let after = desk.contract(&head, c.row.id, today(), ET).unwrap();
    assert_eq!(after.row.value_cents, 1_000_000);
    assert_eq!(after.amendments.len(), 1);

    // The director can sign the amendment; the budget follows the new value.
    let big = desk
        .contract_amend(&head, &amend("12 000,00", SignAs::Director), today(), ET)
        .unwrap();
    assert_eq!(big.row.value_cents, 1_200_000);
    assert_eq!(big.amendments[1].signer_capacity, SignerCapacity::Director);
    assert_eq!(big.shares[0].cost_cents, 1_200_000 + 288_000);
    // An amendment that changes nothing is refused by name.
    let rules = field_rules(
        desk.contract_amend(&head, &amend("12000", SignAs::Director), today(), ET)
            .unwrap_err(),
    );
    assert_eq!(rules, vec![("value", "nothing_changed".into())]);
}

#[test]
fn a_contract_within_the_limit_but_not_the_free_budget_is_refused() {
    let (_dir, mut desk, head) = with_head();
    let small = line(&mut desk, &head, 2026, "5500", "5 000,00");
    let s = supplier(&mut desk, &head, "Tarnija OÜ", "10234957");
    // 4 500 € + 24 % = 5 580 € > 5 000 € free (the budget counts VAT).
    let c = draft(&mut desk, &head, "2026-020", s, small, "4 500,00");
    assert!(c.authority.within_limit);
    assert!(!c.authority.within_budget);
    let err = desk
        .contract_sign(&head, &sign_as(c.row.id, SignAs::Head), today(), ET)
        .unwrap_err();
    assert_eq!(
        refusals(err),
        vec![Refusal::OverBudget {
            line: "5500".into(),
            year: 2026,
            need_cents: 558_000,
            free_cents: 500_000
        }]
    );
    // Counting the budget without VAT (a setting), the same contract fits.
    desk.contract_settings_save(
        &head,
        &ContractSettingsInput {
            signing_limit: "10 000".into(),
            budget_includes_vat: false,
        },
    )
    .unwrap();
    let signed = desk
        .contract_sign(&head, &sign_as(c.row.id, SignAs::Head), today(), ET)
        .unwrap();
    assert_eq!(signed.row.status, ContractStatus::InForce);
    let budget = desk.budget_status(&head, 2026, today()).unwrap();
    assert_eq!(budget.lines[0].committed_cents, 450_000);
    assert_eq!(budget.lines[0].free_cents, 50_000);
}

#[test]
fn vat_is_taken_from_the_start_date_unless_overridden() {
    let (_dir, mut desk, head, l, s) = setup();
    let mut before = input("2025-001", s, l, "1 000,00", "30.06.2025");
    before.end_date = "31.12.2025".into();
    let c = desk.contract_save(&head, &before, today(), ET).unwrap();
    assert_eq!(c.row.vat_rate_bp, 2200);
    assert_eq!(c.row.gross_cents, 122_000);
    let mut after = input("2025-002", s, l, "1 000,00", "01.07.2025");
    after.end_date = "31.12.2025".into();
    let c = desk.contract_save(&head, &after, today(), ET).unwrap();
    assert_eq!(c.row.vat_rate_bp, 2400);
    assert_eq!(c.row.gross_cents, 124_000);
    assert!(!c.vat_overridden);
    let mut reduced = input("2026-030", s, l, "1 000,00", "01.03.2026");
    reduced.vat_rate = "9".into();
    let c = desk.contract_save(&head, &reduced, today(), ET).unwrap();
    assert_eq!(c.row.vat_rate_bp, 900);
    assert!(c.vat_overridden);
    assert_eq!(c.row.gross_cents, 109_000);
}

#[test]
fn registry_codes_are_checked_by_their_check_digit() {
    let (_dir, mut desk, head) = with_head();
    let good = desk
        .supplier_save(
            &head,
            &SupplierInput {
                name: "SMIT".into(),
                reg_code: "7000 8440".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(good.reg_code, "70008440");
    let bad = |reg: &str| SupplierInput {
        name: "Vale OÜ".into(),
        reg_code: reg.into(),
        ..Default::default()
    };
    for (reg, rule) in [
        ("70008441", "reg_code_check_digit"),
        ("1234567", "reg_code_form"),
        ("", "required"),
        ("70008440", "reg_code_taken"),
    ] {
        let rules = field_rules(desk.supplier_save(&head, &bad(reg)).unwrap_err());
        assert_eq!(rules, vec![("reg_code", rule.to_string())], "{reg}");
    }
    assert_eq!(desk.suppliers(&head).unwrap().len(), 1);
}

#[test]
fn bad_contract_input_names_every_field_and_saves_nothing() {
    let (_dir, mut desk, head, l, s) = setup();
    let audits = audit_count(&desk);
    let mut bad = input(" ", s, l, "12,345", "31.02.2026");
    bad.title = String::new();
    bad.cpv = "7200".into();
    bad.vat_rate = "abc".into();
    bad.supplier_id = Some(999);
    let rules = field_rules(desk.contract_save(&head, &bad, today(), ET).unwrap_err());
    for expected in [
        ("number", "required"),
        ("contract_title", "required"),
        ("cpv", "cpv_form"),
        ("supplier_id", "unknown_supplier"),
        ("value", "money_form"),
        ("contract_start", "date_form"),
        ("vat_rate", "rate_form"),
    ] {
        assert!(
            rules.contains(&(expected.0, expected.1.to_string())),
            "{expected:?} in {rules:?}"
        );
    }
    let mut ends_first = input("2026-040", s, l, "100", "01.03.2026");
    ends_first.end_date = "28.02.2026".into();
    let rules = field_rules(
        desk.contract_save(&head, &ends_first, today(), ET)
            .unwrap_err(),
    );
    assert_eq!(
        rules,
        vec![("contract_end", "end_before_start_date".into())]
    );
    draft(&mut desk, &head, "2026-041", s, l, "100");
    let rules = field_rules(
        desk.contract_save(
            &head,
            &input("2026-041", s, l, "1", "01.03.2026"),
            today(),
            ET,
        )
        .unwrap_err(),
    );
    assert_eq!(rules, vec![("number", "number_taken".into())]);
    assert_eq!(audit_count(&desk), audits + 1);
    assert_eq!(
        desk.contracts_list(&head, &ContractQuery::default(), today(), ET)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn budget_figures_equal_independent_sums_to_the_cent() {
    let (_dir, mut desk, head) = with_head();
    let l26 = line(&mut desk, &head, 2026, "4500", "500 000,00");
    let l27 = line(&mut desk, &head, 2027, "4500", "500 000,00");
    let s = supplier(&mut desk, &head, "Tarnija OÜ", "10234957");
    // Odd cents at 24 %, some split over two years in odd parts, some drafts.
    let mut ids = Vec::new();
    for i in 0..40 {
        let cents = 100_003 + i * 7_919;
        let value = format!("{},{:02}", cents / 100, cents % 100);
        let mut c = input(&format!("2026-{i:03}"), s, l26, &value, "01.03.2026");
        if i % 3 == 0 {
            let first = cents / 3;
            c.shares = vec![
                ShareInput {
                    budget_line_id: l26,
                    amount: format!("{},{:02}", first / 100, first % 100),
                },
                ShareInput {
                    budget_line_id: l27,
                    amount: format!("{},{:02}", (cents - first) / 100, (cents - first) % 100),
                },
            ];
            c.end_date = "30.06.2027".into();
        }
        let id = desk.contract_save(&head, &c, today(), ET).unwrap().row.id;
        if i % 5 != 4 {
            let signer = if cents > 1_000_000 {
                SignAs::Director
            } else {
                SignAs::Head
            };
            desk.contract_sign(&head, &sign_as(id, signer), today(), ET)
                .unwrap();
            for k in 0..(i % 3) {
                desk.invoice_add(
                    &head,
                    &InvoiceInput {
                        contract_id: id,
                        number: format!("A-{i}-{k}"),
                        date: "20.03.2026".into(),
                        amount: "333,33".into(),
                        vat: String::new(),
                        paid_on: String::new(),
                    },
                    today(),
                    ET,
                )
                .unwrap();
            }
        }
        ids.push(id);
    }
    // Terminate two: only what was invoiced stays committed.
    for id in [ids[1], ids[2]] {
        desk.contract_terminate(
            &head,
            &TerminationInput {
                contract_id: id,
                date: "31.03.2026".into(),
                reason: "Vajadus kadus".into(),
            },
            today(),
            ET,
        )
        .unwrap();
    }

    // Independently, straight from the tables: per (contract, line) the gross of the
    // contract's cumulative parts, the invoices' gross, and the rule of what stays committed.
    let conn = desk.connection();
    let mut committed = std::collections::HashMap::<i64, i64>::new();
    let mut invoiced = std::collections::HashMap::<i64, i64>::new();
    let mut stmt = conn
        .prepare("SELECT id, state, vat_rate_bp FROM contract")
        .unwrap();
    let contracts: Vec<(i64, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, state, bp) in contracts {
        let shares: Vec<(i64, i64)> = conn
            .prepare("SELECT cs.budget_line_id, cs.value_cents FROM contract_share cs JOIN budget_line b ON b.id = cs.budget_line_id WHERE contract_id = ?1 ORDER BY b.year")
            .unwrap()
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut cum = 0i64;
        let mut prev = 0i64;
        for (line_id, v) in shares {
            cum += v;
            let gross = cum + (cum * bp + 5000) / 10000;
            let part = gross - prev;
            prev = gross;
            let inv: i64 = conn
                .query_row(
                    "SELECT coalesce(sum(amount_cents + vat_cents), 0) FROM contract_invoice WHERE contract_id = ?1 AND budget_line_id = ?2",
                    [id, line_id],
                    |r| r.get(0),
                )
                .unwrap();
            let c = match state.as_str() {
                "draft" => 0,
                "terminated" => inv,
                _ => part.max(inv),
            };
            *committed.entry(line_id).or_default() += c;
            *invoiced.entry(line_id).or_default() += inv;
        }
    }
    for (year, line_id) in [(2026, l26), (2027, l27)] {
        let status = desk.budget_status(&head, year, today()).unwrap();
        let l = &status.lines[0];
        assert_eq!(l.committed_cents, committed[&line_id], "{year}");
        assert_eq!(l.invoiced_cents, invoiced[&line_id], "{year}");
        assert_eq!(l.free_cents, 50_000_000 - committed[&line_id]);
        assert_eq!(status.committed_cents, l.committed_cents);
    }
    // A split contract's parts add up to exactly its gross value.
    let c = desk.contract(&head, ids[0], today(), ET).unwrap();
    assert_eq!(c.shares.len(), 2);
    assert_eq!(
        c.shares.iter().map(|s| s.cost_cents).sum::<i64>(),
        c.row.gross_cents
    );
    assert_eq!(
        c.shares.iter().map(|s| s.value_cents).sum::<i64>(),
        c.row.value_cents
    );
}

#[test]
fn termination_returns_the_unspent_commitment_to_the_line() {
    let (_dir, mut desk, head, l, s) = setup();
    let c = draft(&mut desk, &head, "2026-050", s, l, "8 000,00");
    desk.contract_sign(&head, &sign_as(c.row.id, SignAs::Head), today(), ET)
        .unwrap();
    let inv = InvoiceInput {
        contract_id: c.row.id,
        number: "ARVE-1".into(),
        date: "31.03.2026".into(),
        amount: "2 000,00".into(),
        vat: String::new(),
        paid_on: "05.04.2026".into(),
    };
    let card = desk.invoice_add(&head, &inv, today(), ET).unwrap();
    assert_eq!(card.invoices[0].vat_cents, 48_000);
    assert_eq!(card.row.remaining_cents, 600_000);
    let before = desk.budget_status(&head, 2026, today()).unwrap().lines[0].clone();
    assert_eq!(before.committed_cents, 992_000);
    assert_eq!(before.invoiced_cents, 248_000);
    let err = desk.invoice_add(&head, &inv, today(), ET).unwrap_err();
    assert_eq!(
        field_rules(err),
        vec![("invoice_number", "number_taken".into())]
    );
    let ended = desk
        .contract_terminate(
            &head,
            &TerminationInput {
                contract_id: c.row.id,
                date: "01.04.2026".into(),
                reason: "Tarnija ei täitnud".into(),
            },
            today(),
            ET,
        )
        .unwrap();
    assert_eq!(ended.row.status, ContractStatus::Terminated);
    let after = desk.budget_status(&head, 2026, today()).unwrap().lines[0].clone();
    assert_eq!(after.committed_cents, 248_000);
    assert_eq!(after.free_cents, before.free_cents + 992_000 - 248_000);
    // A terminated contract cannot be amended or terminated again.
    let rules = field_rules(
        desk.contract_terminate(
            &head,
            &TerminationInput {
                contract_id: c.row.id,
                date: "02.04.2026".into(),
                reason: "x".into(),
            },
            today(),
            ET,
        )
        .unwrap_err(),
    );
    assert_eq!(rules, vec![("status", "terminated".into())]);
}

#[test]
fn splitting_is_detected_by_supplier_and_by_cpv_code() {
    let (_dir, mut desk, head, l, s) = setup();
    let other = supplier(&mut desk, &head, "Teine AS", "10137319");
    let a = draft(&mut desk, &head, "2026-060", s, l, "6 000,00");
    let b = draft(&mut desk, &head, "2026-061", s, l, "4 000,00");
    // 10 000,00 together: at the limit, not over it.
    let w = desk.contract_warnings(&head, today(), ET).unwrap();
    assert!(w.iter().all(|w| w.kind != WarningKind::Splitting), "{w:?}");
    let c = draft(&mut desk, &head, "2026-062", s, l, "0,01");
    let w = desk.contract_warnings(&head, today(), ET).unwrap();
    let split: Vec<_> = w
        .iter()
        .filter(|w| w.kind == WarningKind::Splitting)
        .collect();
    assert_eq!(split.len(), 1, "{w:?}");
    assert_eq!(split[0].contract_ids, vec![a.row.id, b.row.id, c.row.id]);
    assert_eq!(split[0].section, "§ 3.8.2");
    assert!(
        split[0]
            .message
            .starts_with("Tarnijaga Tarnija OÜ sõlmitud lepingud 2026. aastal"),
        "{}",
        split[0].message
    );
    assert_eq!(
        desk.contract(&head, a.row.id, today(), ET)
            .unwrap()
            .row
            .warnings,
        1
    );

    // Same CPV code with different suppliers.
    let mut x = input("2026-070", other, l, "7 000,00", "01.05.2026");
    x.cpv = "72000000-5".into();
    let x = desk.contract_save(&head, &x, today(), ET).unwrap();
    let mut y = input("2026-071", s, l, "3 500,00", "01.06.2026");
    y.cpv = "72000000-5".into();
    let y = desk.contract_save(&head, &y, today(), ET).unwrap();
    let w = desk.contract_warnings(&head, today(), ET).unwrap();
    assert!(w.iter().any(|w| w.kind == WarningKind::Splitting
        && w.contract_ids == vec![x.row.id, y.row.id]
        && w.message.contains("72000000")));
    // Another budget year is another group.
    let mut z = input("2027-001", other, l, "9 000,00", "01.01.2027");
    z.end_date = "31.12.2027".into();
    desk.contract_save(&head, &z, today(), ET).unwrap();
    let w = desk.contract_warnings(&head, today(), ET).unwrap();
    assert!(!w
        .iter()
        .any(|w| w.kind == WarningKind::Splitting && w.message.contains("2027-001")));
}

#[test]
fn performance_warnings_ending_overdue_over_invoiced_and_budget_high() {
    let (_dir, mut desk, head) = with_head();
    let l = line(&mut desk, &head, 2026, "4500", "11 000,00");
    let s = supplier(&mut desk, &head, "Tarnija OÜ", "10234957");
    let mut c = input("2026-080", s, l, "8 000,00", "01.01.2026");
    c.end_date = "10.04.2026".into(); // 26 days after today()
    let c = desk.contract_save(&head, &c, today(), ET).unwrap();
    desk.contract_sign(&head, &sign_as(c.row.id, SignAs::Head), today(), ET)
        .unwrap();
    desk.deliverable_add(
        &head,
        &DeliverableInput {
            contract_id: c.row.id,
            title: "Analüüs".into(),
            due_date: "01.03.2026".into(),
        },
        today(),
        ET,
    )
    .unwrap();
    let card = desk
        .deliverable_add(
            &head,
            &DeliverableInput {
                contract_id: c.row.id,
                title: "Lõpparuanne".into(),
                due_date: "01.04.2026".into(),
            },
            today(),
            ET,
        )
        .unwrap();
    assert!(card.deliverables[0].overdue);
    assert!(!card.deliverables[1].overdue);
    desk.invoice_add(
        &head,
        &InvoiceInput {
            contract_id: c.row.id,
            number: "1".into(),
            date: "01.03.2026".into(),
            amount: "8 000,01".into(),
            vat: String::new(),
            paid_on: String::new(),
        },
        today(),
        ET,
    )
    .unwrap();
    let card = desk.contract(&head, c.row.id, today(), ET).unwrap();
    let kinds: Vec<WarningKind> = card.warnings.iter().map(|w| w.kind).collect();
    assert!(kinds.contains(&WarningKind::Expiring), "{kinds:?}");
    assert!(kinds.contains(&WarningKind::DeliverableOverdue));
    assert!(kinds.contains(&WarningKind::InvoicesOverValue));
    assert_eq!(
        card.warnings
            .iter()
            .find(|w| w.kind == WarningKind::Expiring)
            .unwrap()
            .days,
        Some(26)
    );
    // 9 920,01 € committed of 11 000 € is over 90 %.
    let all = desk.contract_warnings(&head, today(), ET).unwrap();
    let high = all
        .iter()
        .find(|w| w.kind == WarningKind::BudgetHigh)
        .expect("budget high");
    assert_eq!(high.budget_line_id, Some(l));
    assert!(high.message.contains("4500"), "{}", high.message);
    // Accepting the overdue deliverable clears its warning.
    let d = card.deliverables[0].id;
    let card = desk
        .deliverable_accept(
            &head,
            &AcceptanceInput {
                deliverable_id: d,
                date: "15.03.2026".into(),
                accepted_by: String::new(),
            },
            today(),
            ET,
        )
        .unwrap();
    assert_eq!(card.deliverables[0].accepted_by, "Mari Maasikas");
    assert!(!card
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::DeliverableOverdue));
}

#[test]
fn only_the_head_or_the_acting_deputy_signs_and_every_change_is_audited() {
    let (_dir, mut desk, head, l, s) = setup();
    let c = draft(&mut desk, &head, "2026-090", s, l, "1 000,00");
    add_user(&mut desk, &head, "jaan", "deputy");
    add_user(&mut desk, &head, "vaatleja", "viewer");
    let login = |desk: &Desk, login: &str| {
        desk.sign_in(&kso_core::model::LoginInput {
            login: login.into(),
            password: PASSWORD.into(),
        })
        .unwrap()
    };
    let deputy = login(&desk, "jaan");
    let viewer = login(&desk, "vaatleja");
    for who in [&deputy, &viewer] {
        let err = desk
            .contract_sign(who, &sign_as(c.row.id, SignAs::Head), today(), ET)
            .unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert!(desk
            .contracts_list(who, &ContractQuery::default(), today(), ET)
            .is_ok());
    }
    // While acting for the head (§ 3.6) the deputy signs within the same limit.
    common::substitute_today(&mut desk, &head, deputy.user_id);
    let acting = deputy.clone();
    let signed = desk
        .contract_sign(&acting, &sign_as(c.row.id, SignAs::Head), today(), ET)
        .unwrap();
    assert_eq!(signed.row.signer_capacity, Some(SignerCapacity::ActingHead));
    let history = &signed.history;
    assert_eq!(history[0].action, "contract.sign");
    assert_eq!(history[0].acting_as, Some(kso_core::Role::Head));
    assert_eq!(history[1].action, "contract.add");
    let over = draft(&mut desk, &head, "2026-091", s, l, "10 000,01");
    assert_eq!(
        desk.contract_sign(&acting, &sign_as(over.row.id, SignAs::Head), today(), ET)
            .unwrap_err()
            .code(),
        "signing_refused"
    );
    // A signed contract is no longer a draft to edit, and invoices need a signed contract.
    let mut edit = input("2026-090", s, l, "900", "01.03.2026");
    edit.id = Some(c.row.id);
    assert_eq!(
        field_rules(desk.contract_save(&head, &edit, today(), ET).unwrap_err()),
        vec![("status", "not_draft".into())]
    );
    let inv = InvoiceInput {
        contract_id: over.row.id,
        number: "1".into(),
        date: "01.04.2026".into(),
        amount: "1".into(),
        vat: String::new(),
        paid_on: String::new(),
    };
    assert_eq!(
        field_rules(desk.invoice_add(&head, &inv, today(), ET).unwrap_err()),
        vec![("status", "not_signed".into())]
    );
}

#[test]
fn documents_are_stored_with_their_hash_and_the_register_filters() {
    let (_dir, mut desk, head, l, s) = setup();
    let c = draft(&mut desk, &head, "2026-100", s, l, "500");
    let card = desk
        .document_add(
            &head,
            &DocumentInput {
                contract_id: c.row.id,
                name: "leping.pdf".into(),
                content: b"abc".to_vec(),
            },
            today(),
            ET,
        )
        .unwrap();
    assert_eq!(
        card.documents[0].sha256,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(card.documents[0].size, 3);
    let (name, bytes) = desk.contract_document(&head, card.documents[0].id).unwrap();
    assert_eq!(
        (name.as_str(), bytes.as_slice()),
        ("leping.pdf", b"abc".as_slice())
    );

    let other = supplier(&mut desk, &head, "Teine AS", "10137319");
    let l25 = line(&mut desk, &head, 2025, "4500", "1 000,00");
    let mut old = input("2025-100", other, l25, "100", "01.02.2025");
    old.end_date = "31.12.2025".into();
    desk.contract_save(&head, &old, today(), ET).unwrap();
    let list = |q: ContractQuery| -> Vec<String> {
        desk.contracts_list(&head, &q, today(), ET)
            .unwrap()
            .into_iter()
            .map(|r| r.number)
            .collect()
    };
    assert_eq!(
        list(ContractQuery {
            year: Some(2025),
            ..Default::default()
        }),
        vec!["2025-100"]
    );
    assert_eq!(
        list(ContractQuery {
            supplier_id: Some(s),
            ..Default::default()
        }),
        vec!["2026-100"]
    );
    assert_eq!(
        list(ContractQuery {
            search: Some("teine".into()),
            ..Default::default()
        }),
        vec!["2025-100"]
    );
    assert_eq!(
        list(ContractQuery {
            status: Some(ContractStatus::Draft),
            budget_line_id: Some(l),
            ..Default::default()
        }),
        vec!["2026-100"]
    );
}
