//! The contracts and budget service (§ 3.7.8–3.7.9, § 3.7.13, § 3.8.2): budget lines and
//! their live use, suppliers, contracts, the head's signing authority, amendments,
//! termination, deliverables, invoices, documents and warnings. Every change is authorized,
//! validated and audited in one transaction; a refused signature changes nothing.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::auth::{Action, Actor, Role};
use crate::contracts::warnings;
use crate::contracts::*;
use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::service::{now_utc, Change, Desk};
use crate::store;
use crate::store::audit::AuditRecord;
use crate::store::contracts::{ContractData, ContractRecord, ShareRecord};
use crate::validate::{parse_date, Checker};

/// The largest document kept in the database.
pub const MAX_DOCUMENT_MB: i64 = 20;

/// Everything the contract computations need, loaded in a few queries.
pub struct Book {
    pub limit_cents: i64,
    pub includes_vat: bool,
    pub today: NaiveDate,
    pub records: Vec<ContractRecord>,
    pub shares: Vec<ShareRecord>,
    pub invoices: Vec<Invoice>,
    pub lines: Vec<BudgetLine>,
    pub deliverables: Vec<Deliverable>,
    amendments: HashMap<i64, u32>,
    /// Where each contract's parts are in `shares` (they are sorted by contract).
    share_index: HashMap<i64, std::ops::Range<usize>>,
    /// Invoiced excl. VAT per contract.
    invoiced: HashMap<i64, i64>,
    /// Approved and done training requests' cost per budget line (§ 3.7.10).
    training: HashMap<i64, i64>,
}

impl Book {
    pub fn load(conn: &Connection, today: NaiveDate) -> Result<Book> {
        let dept = store::department::get(conn)?.ok_or(Error::NotInitialized)?;
        let mut deliverables = store::contracts::all_deliverables(conn)?;
        for d in &mut deliverables {
            d.overdue = d.accepted_on.is_none() && d.due_date < today;
        }
        let shares = store::contracts::all_shares(conn)?;
        let mut share_index: HashMap<i64, std::ops::Range<usize>> = HashMap::new();
        for (i, s) in shares.iter().enumerate() {
            share_index
                .entry(s.contract_id)
                .and_modify(|r| r.end = i + 1)
                .or_insert(i..i + 1);
        }
        let invoices = store::contracts::all_invoices(conn)?;
        let mut invoiced: HashMap<i64, i64> = HashMap::new();
        for i in &invoices {
            *invoiced.entry(i.contract_id).or_default() += i.amount_cents;
        }
        Ok(Book {
            limit_cents: dept.signing_limit_cents,
            includes_vat: store::budget::includes_vat(conn)?,
            today,
            records: store::contracts::all(conn)?,
            shares,
            invoices,
            lines: store::budget::all(conn)?,
            deliverables,
            amendments: store::contracts::amendment_counts(conn)?
                .into_iter()
                .collect(),
            share_index,
            invoiced,
            training: store::reviews::training_use(conn)?.into_iter().collect(),
        })
    }

    pub fn record(&self, id: i64) -> Result<&ContractRecord> {
        self.records
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::NotFound {
                entity: "contract",
                id: id.to_string(),
            })
    }

    fn shares_of(&self, id: i64) -> impl Iterator<Item = &ShareRecord> {
        let range = self.share_index.get(&id).cloned().unwrap_or(0..0);
        self.shares[range].iter()
    }

    /// The budget cost of parts of one contract's value, adding up exactly.
    fn costs(&self, values: &[i64], rate_bp: i64) -> Vec<i64> {
        if self.includes_vat {
            split_gross(values, rate_bp)
        } else {
            values.to_vec()
        }
    }

    fn invoice_cost(&self, i: &Invoice) -> i64 {
        if self.includes_vat {
            i.total_cents
        } else {
            i.amount_cents
        }
    }

    pub fn contract_shares(&self, rec: &ContractRecord) -> Vec<ContractShare> {
        let shares: Vec<&ShareRecord> = self.shares_of(rec.id).collect();
        let values: Vec<i64> = shares.iter().map(|s| s.value_cents).collect();
        let costs = self.costs(&values, rec.vat_rate_bp);
        shares
            .iter()
            .zip(costs)
            .map(|(s, cost)| ContractShare {
                budget_line_id: s.budget_line_id,
                year: s.year,
                line_code: s.line_code.clone(),
                value_cents: s.value_cents,
                cost_cents: cost,
            })
            .collect()
    }

    fn base_row(&self, rec: &ContractRecord) -> ContractRow {
        let first = self.shares_of(rec.id).next();
        let invoiced = self.invoiced.get(&rec.id).copied().unwrap_or(0);
        let vat = vat_of(rec.value_cents, rec.vat_rate_bp);
        ContractRow {
            id: rec.id,
            number: rec.number.clone(),
            title: rec.title.clone(),
            kind: rec.kind,
            cpv: rec.cpv.clone(),
            supplier_id: rec.supplier_id,
            supplier_name: rec.supplier_name.clone(),
            supplier_reg_code: rec.supplier_reg_code.clone(),
            budget_line_id: first.map_or(0, |s| s.budget_line_id),
            budget_line_code: first.map_or_else(String::new, |s| s.line_code.clone()),
            value_cents: rec.value_cents,
            original_value_cents: rec.original_value_cents,
            vat_rate_bp: rec.vat_rate_bp,
            vat_cents: vat,
            gross_cents: rec.value_cents + vat,
            start_date: rec.start_date,
            end_date: rec.end_date,
            status: status_on(rec.state, rec.start_date, rec.end_date, self.today),
            signer_capacity: rec.signer_capacity,
            signer_name: rec.signer_name.clone(),
            signed_on: rec.signed_on,
            invoiced_cents: invoiced,
            remaining_cents: rec.value_cents - invoiced,
            amendments: self.amendments.get(&rec.id).copied().unwrap_or(0),
            warnings: 0,
        }
    }

    fn deliverables_of(&self, id: i64) -> Vec<Deliverable> {
        self.deliverables
            .iter()
            .filter(|d| d.contract_id == id)
            .cloned()
            .collect()
    }

    /// The register rows and every warning, each row counting the warnings about it.
    pub fn rows_and_warnings(&self, lang: Lang) -> (Vec<ContractRow>, Vec<Warning>) {
        let mut rows: Vec<ContractRow> = self.records.iter().map(|r| self.base_row(r)).collect();
        let mut all = warnings::splitting(&rows, self.limit_cents, lang);
        let mut deliverables: HashMap<i64, Vec<Deliverable>> = HashMap::new();
        for d in &self.deliverables {
            deliverables
                .entry(d.contract_id)
                .or_default()
                .push(d.clone());
        }
        for row in &rows {
            all.extend(warnings::for_contract(
                row,
                deliverables.get(&row.id).map_or(&[][..], Vec::as_slice),
                self.today,
                lang,
            ));
        }
        all.extend(warnings::budget(&self.line_statuses(None), lang));
        for row in &mut rows {
            row.warnings = all
                .iter()
                .filter(|w| w.contract_ids.contains(&row.id))
                .count() as u32;
        }
        (rows, all)
    }

    /// Committed and invoiced cost per budget line.
    pub fn budget_use(&self) -> BTreeMap<i64, (i64, i64)> {
        let mut shares = Vec::new();
        for rec in &self.records {
            for s in self.contract_shares(rec) {
                shares.push(ShareFact {
                    contract_id: rec.id,
                    budget_line_id: s.budget_line_id,
                    value_cents: s.value_cents,
                    cost_cents: s.cost_cents,
                    state: rec.state,
                });
            }
        }
        let invoices: Vec<InvoiceFact> = self
            .invoices
            .iter()
            .map(|i| InvoiceFact {
                contract_id: i.contract_id,
                budget_line_id: i.budget_line_id,
                cost_cents: self.invoice_cost(i),
            })
            .collect();
        budget_use(&shares, &invoices)
    }

    pub fn line_statuses(&self, year: Option<i32>) -> Vec<BudgetLineStatus> {
        let used = self.budget_use();
        let mut contracts: HashMap<i64, u32> = HashMap::new();
        for s in &self.shares {
            *contracts.entry(s.budget_line_id).or_default() += 1;
        }
        self.lines
            .iter()
            .filter(|l| year.is_none_or(|y| l.year == y))
            .map(|l| {
                let (contracts_committed, invoiced) = used.get(&l.id).copied().unwrap_or((0, 0));
                let training = self.training.get(&l.id).copied().unwrap_or(0);
                let committed = contracts_committed + training;
                let used_permille = if l.approved_cents > 0 {
                    (committed * 1000 + l.approved_cents / 2) / l.approved_cents
                } else if committed > 0 {
                    1000
                } else {
                    0
                };
                BudgetLineStatus {
                    id: l.id,
                    year: l.year,
                    code: l.code.clone(),
                    name: l.name.clone(),
                    approved_cents: l.approved_cents,
                    committed_cents: committed,
                    invoiced_cents: invoiced,
                    training_cents: training,
                    free_cents: l.approved_cents - committed,
                    used_permille,
                    high: used_permille > warnings::BUDGET_HIGH_PERMILLE,
                    contracts: contracts.get(&l.id).copied().unwrap_or(0),
                }
            })
            .collect()
    }

    fn free_by_line(&self) -> HashMap<i64, i64> {
        self.line_statuses(None)
            .into_iter()
            .map(|l| (l.id, l.free_cents))
            .collect()
    }

    /// What signing a draft needs of each budget line: the cost of its part.
    pub fn needs_for_draft(&self, rec: &ContractRecord) -> Vec<LineNeed> {
        let free = self.free_by_line();
        self.contract_shares(rec)
            .into_iter()
            .map(|s| LineNeed {
                budget_line_id: s.budget_line_id,
                code: s.line_code,
                year: s.year,
                need_cents: s.cost_cents,
                free_cents: free.get(&s.budget_line_id).copied().unwrap_or(0),
            })
            .collect()
    }

    /// What an amendment needs: the increase of cost on each line whose part grows.
    fn needs_for_change(&self, rec: &ContractRecord, new_shares: &[(i64, i64)]) -> Vec<LineNeed> {
        let free = self.free_by_line();
        let old = self.contract_shares(rec);
        let values: Vec<i64> = new_shares.iter().map(|s| s.1).collect();
        let new_costs = self.costs(&values, rec.vat_rate_bp);
        new_shares
            .iter()
            .zip(new_costs)
            .filter_map(|((line, _), cost)| {
                let before = old
                    .iter()
                    .find(|s| s.budget_line_id == *line)
                    .map_or(0, |s| s.cost_cents);
                let l = self.lines.iter().find(|l| l.id == *line)?;
                (cost > before).then(|| LineNeed {
                    budget_line_id: *line,
                    code: l.code.clone(),
                    year: l.year,
                    need_cents: cost - before,
                    free_cents: free.get(line).copied().unwrap_or(0),
                })
            })
            .collect()
    }

    fn authority(&self, value_cents: i64, lines: Vec<LineNeed>, lang: Lang) -> Authority {
        let refusals = authority(value_cents, self.limit_cents, &lines);
        let within_limit = value_cents <= self.limit_cents;
        let within_budget = lines.iter().all(|l| l.need_cents <= l.free_cents);
        Authority {
            limit_cents: self.limit_cents,
            value_cents,
            within_limit,
            within_budget,
            head_may_sign: refusals.is_empty(),
            lines,
            reasons: refusals.iter().map(|r| r.message(lang)).collect(),
        }
    }
}

fn not_found(entity: &'static str, id: i64) -> Error {
    Error::NotFound {
        entity,
        id: id.to_string(),
    }
}

/// In what capacity the signed-in user signs as the head.
fn capacity_of(actor: &Actor) -> SignerCapacity {
    if actor.role != Role::Head && actor.acting_as == Some(Role::Head) {
        SignerCapacity::ActingHead
    } else {
        SignerCapacity::Head
    }
}

fn money(c: &mut Checker, field: &'static str, value: &str) -> i64 {
    if value.trim().is_empty() {
        c.fail(field, Rule::Required);
        return 0;
    }
    match parse_money(value) {
        Some(v) => v,
        None => {
            c.fail(field, Rule::MoneyForm);
            0
        }
    }
}

fn optional_date(c: &mut Checker, field: &'static str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        None
    } else {
        c.date(field, value)
    }
}

fn audit(
    action: &'static str,
    id: i64,
    before: serde_json::Value,
    after: serde_json::Value,
) -> AuditRecord {
    AuditRecord {
        action,
        entity: action.split('.').next().unwrap_or(action),
        entity_id: Some(id.to_string()),
        before: (!before.is_null()).then_some(before),
        after: (!after.is_null()).then_some(after),
    }
}

/// The signer for `sign_as`: the user themself as head (or acting head), or the director,
/// whose name and the document reference are required.
fn signer(
    c: &mut Checker,
    actor: &Actor,
    sign_as: SignAs,
    director_name: &str,
    reference: &str,
) -> (SignerCapacity, String, String) {
    match sign_as {
        SignAs::Head => (
            capacity_of(actor),
            actor.name.clone(),
            c.optional_text("reference", reference, 100),
        ),
        SignAs::Director => (
            SignerCapacity::Director,
            c.text("director_name", director_name, 100),
            c.text("reference", reference, 100),
        ),
    }
}

/// The contract must be signed and not terminated.
fn require_signed(rec: &ContractRecord) -> Result<()> {
    match rec.state {
        ContractState::Draft => Err(Error::field("status", Rule::NotSigned)),
        ContractState::Terminated => Err(Error::field("status", Rule::Terminated)),
        ContractState::Signed => Ok(()),
    }
}

/// Moves a change of value onto the last budget year's part (a decrease that empties it
/// continues on the year before).
fn shift_value(shares: &[ShareRecord], delta: i64) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = shares
        .iter()
        .map(|s| (s.budget_line_id, s.value_cents))
        .collect();
    if delta >= 0 {
        if let Some(last) = out.last_mut() {
            last.1 += delta;
        }
    } else {
        let mut left = -delta;
        for part in out.iter_mut().rev() {
            let take = left.min(part.1);
            part.1 -= take;
            left -= take;
            if left == 0 {
                break;
            }
        }
    }
    out
}

impl Desk {
    // ---- reads ----------------------------------------------------------------------------

    pub fn contract_settings(&self, actor: &Actor) -> Result<ContractSettings> {
        self.read(actor, Action::ViewContracts, |c| {
            let dept = store::department::get(c)?.ok_or(Error::NotInitialized)?;
            Ok(ContractSettings {
                signing_limit_cents: dept.signing_limit_cents,
                budget_includes_vat: store::budget::includes_vat(c)?,
            })
        })
    }

    /// Budget lines of one year, or of every year.
    pub fn budget_lines(&self, actor: &Actor, year: Option<i32>) -> Result<Vec<BudgetLine>> {
        self.read(actor, Action::ViewContracts, |c| {
            Ok(store::budget::all(c)?
                .into_iter()
                .filter(|l| year.is_none_or(|y| l.year == y))
                .collect())
        })
    }

    /// The budget of a year with each line's committed, invoiced and free amounts, live.
    pub fn budget_status(
        &self,
        actor: &Actor,
        year: i32,
        today: NaiveDate,
    ) -> Result<BudgetStatus> {
        self.read(actor, Action::ViewContracts, |c| {
            let book = Book::load(c, today)?;
            let lines = book.line_statuses(Some(year));
            Ok(BudgetStatus {
                year,
                includes_vat: book.includes_vat,
                approved_cents: lines.iter().map(|l| l.approved_cents).sum(),
                committed_cents: lines.iter().map(|l| l.committed_cents).sum(),
                invoiced_cents: lines.iter().map(|l| l.invoiced_cents).sum(),
                free_cents: lines.iter().map(|l| l.free_cents).sum(),
                lines,
            })
        })
    }

    pub fn suppliers(&self, actor: &Actor) -> Result<Vec<Supplier>> {
        self.read(actor, Action::ViewContracts, store::suppliers::list)
    }

    /// The contract register, filtered.
    pub fn contracts_list(
        &self,
        actor: &Actor,
        q: &ContractQuery,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Vec<ContractRow>> {
        self.read(actor, Action::ViewContracts, |c| {
            let book = Book::load(c, today)?;
            let (rows, _) = book.rows_and_warnings(lang);
            let search = q.search.as_deref().map(str::to_lowercase);
            Ok(rows
                .into_iter()
                .filter(|r| {
                    q.year.is_none_or(|y| {
                        (r.start_date.year()..=r.end_date.year()).contains(&y)
                            || book.shares_of(r.id).any(|s| s.year == y)
                    })
                })
                .filter(|r| q.status.is_none_or(|s| r.status == s))
                .filter(|r| q.supplier_id.is_none_or(|s| r.supplier_id == s))
                .filter(|r| {
                    q.budget_line_id
                        .is_none_or(|l| book.shares_of(r.id).any(|s| s.budget_line_id == l))
                })
                .filter(|r| {
                    search.as_deref().is_none_or(|s| {
                        s.trim().is_empty()
                            || r.number.to_lowercase().contains(s.trim())
                            || r.title.to_lowercase().contains(s.trim())
                            || r.supplier_name.to_lowercase().contains(s.trim())
                    })
                })
                .collect())
        })
    }

    /// Every warning of the module: splitting, contracts ending, overdue deliverables,
    /// invoices over the value, budget lines nearly used up.
    pub fn contract_warnings(
        &self,
        actor: &Actor,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Vec<Warning>> {
        self.read(actor, Action::ViewContracts, |c| {
            Ok(Book::load(c, today)?.rows_and_warnings(lang).1)
        })
    }

    /// The contract card.
    pub fn contract(
        &self,
        actor: &Actor,
        id: i64,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        self.read(actor, Action::ViewContracts, |c| card(c, id, today, lang))
    }

    /// A stored document: its name and content, byte for byte.
    pub fn contract_document(&self, actor: &Actor, id: i64) -> Result<(String, Vec<u8>)> {
        self.read(actor, Action::ViewContracts, |c| {
            store::contracts::document_content(c, id)?
                .map(|(_, name, content)| (name, content))
                .ok_or_else(|| not_found("document", id))
        })
    }

    // ---- settings, budget lines, suppliers ------------------------------------------------

    pub fn contract_settings_save(
        &mut self,
        actor: &Actor,
        input: &ContractSettingsInput,
    ) -> Result<ContractSettings> {
        self.change(actor, Action::EditContracts, |tx| {
            let mut c = Checker::new();
            let limit = money(&mut c, "signing_limit", &input.signing_limit);
            if !c.has("signing_limit") && limit == 0 {
                c.fail("signing_limit", Rule::MoneyForm);
            }
            c.finish()?;
            let dept = store::department::get(tx)?.ok_or(Error::NotInitialized)?;
            let before = ContractSettings {
                signing_limit_cents: dept.signing_limit_cents,
                budget_includes_vat: store::budget::includes_vat(tx)?,
            };
            store::budget::set_settings(tx, limit, input.budget_includes_vat)?;
            let after = ContractSettings {
                signing_limit_cents: limit,
                budget_includes_vat: input.budget_includes_vat,
            };
            Ok(Change {
                audit: audit(
                    "department.contract_settings",
                    1,
                    serde_json::to_value(&before).unwrap_or_default(),
                    serde_json::to_value(&after).unwrap_or_default(),
                ),
                value: after,
            })
        })
    }

    pub fn budget_line_save(
        &mut self,
        actor: &Actor,
        input: &BudgetLineInput,
    ) -> Result<BudgetLine> {
        self.change(actor, Action::EditContracts, |tx| {
            let mut c = Checker::new();
            if !(2000..=2100).contains(&input.year) {
                c.fail("year", Rule::YearRange);
            }
            let code = c.text("code", &input.code, 20);
            let name = c.text("name", &input.name, 200);
            let approved = money(&mut c, "approved", &input.approved);
            let before = match input.id {
                Some(id) => {
                    Some(store::budget::get(tx, id)?.ok_or_else(|| not_found("budget_line", id))?)
                }
                None => None,
            };
            if !c.has("code")
                && !c.has("year")
                && store::budget::code_taken(tx, input.year, &code, input.id)?
            {
                c.fail("code", Rule::CodeTaken);
            }
            if let Some(b) = &before {
                if b.year != input.year && store::budget::in_use(tx, b.id)? {
                    c.fail("year", Rule::LineInUse);
                }
            }
            c.finish()?;
            let mut line = BudgetLine {
                id: input.id.unwrap_or(0),
                year: input.year,
                code,
                name,
                approved_cents: approved,
            };
            line.id = store::budget::save(tx, &line)?;
            let action = if before.is_some() {
                "budget_line.update"
            } else {
                "budget_line.add"
            };
            Ok(Change {
                audit: audit(
                    action,
                    line.id,
                    serde_json::to_value(&before).unwrap_or_default(),
                    serde_json::to_value(&line).unwrap_or_default(),
                ),
                value: line,
            })
        })
    }

    pub fn supplier_save(&mut self, actor: &Actor, input: &SupplierInput) -> Result<Supplier> {
        self.change(actor, Action::EditContracts, |tx| {
            let mut c = Checker::new();
            let name = c.text("name", &input.name, 200);
            let reg_code: String = input
                .reg_code
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if reg_code.is_empty() {
                c.fail("reg_code", Rule::Required);
            } else if !reg_code_form_ok(&reg_code) {
                c.fail("reg_code", Rule::RegCodeForm);
            } else if !reg_code_ok(&reg_code) {
                c.fail("reg_code", Rule::RegCodeCheckDigit);
            } else if store::suppliers::reg_code_taken(tx, &reg_code, input.id)? {
                c.fail("reg_code", Rule::RegCodeTaken);
            }
            let vat_no = c.optional_text("vat_no", &input.vat_no.to_uppercase(), 20);
            let contact = c.optional_text("contact", &input.contact, 200);
            let email = input.email.trim().to_string();
            if !email.is_empty() && !crate::validate::is_email(&email) {
                c.fail("email", Rule::EmailForm);
            }
            let phone = c.phone("phone", &input.phone).unwrap_or_default();
            let before = match input.id {
                Some(id) => {
                    Some(store::suppliers::get(tx, id)?.ok_or_else(|| not_found("supplier", id))?)
                }
                None => None,
            };
            c.finish()?;
            let mut s = Supplier {
                id: input.id.unwrap_or(0),
                name,
                reg_code,
                vat_no,
                contact,
                email,
                phone,
            };
            s.id = store::suppliers::save(tx, &s)?;
            let action = if before.is_some() {
                "supplier.update"
            } else {
                "supplier.add"
            };
            Ok(Change {
                audit: audit(
                    action,
                    s.id,
                    serde_json::to_value(&before).unwrap_or_default(),
                    serde_json::to_value(&s).unwrap_or_default(),
                ),
                value: s,
            })
        })
    }

    // ---- contracts ------------------------------------------------------------------------

    /// Adds a draft contract or rewrites a draft (a signed one changes only by amendment).
    pub fn contract_save(
        &mut self,
        actor: &Actor,
        input: &ContractInput,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        let id = self.change(actor, Action::EditContracts, |tx| {
            let before = match input.id {
                Some(id) => {
                    let rec = store::contracts::get(tx, id)?.ok_or_else(|| not_found("contract", id))?;
                    if rec.state != ContractState::Draft {
                        return Err(Error::field("status", Rule::NotDraft));
                    }
                    Some(card(tx, id, today, lang)?.row)
                }
                None => None,
            };
            let (data, shares) = check_contract(tx, input)?;
            let id = match input.id {
                Some(id) => {
                    store::contracts::update_draft(tx, id, &data)?;
                    id
                }
                None => store::contracts::insert(tx, &data, &now_utc())?,
            };
            store::contracts::replace_shares(tx, id, &shares)?;
            let after = card(tx, id, today, lang)?;
            let action = if before.is_some() { "contract.update" } else { "contract.add" };
            Ok(Change {
                audit: audit(
                    action,
                    id,
                    serde_json::to_value(&before).unwrap_or_default(),
                    serde_json::json!({ "row": after.row, "subject": after.subject, "shares": after.shares }),
                ),
                value: id,
            })
        })?;
        self.contract(actor, id, today, lang)
    }

    /// Signs a draft. As head (or acting head) only within § 3.8.2: the value excl. VAT at most
    /// the limit and every budget line with the free amount; otherwise refused with the reasons
    /// and nothing changes. As director: recorded with name, date and reference, no limit.
    pub fn contract_sign(
        &mut self,
        actor: &Actor,
        input: &SignInput,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        // Whom the user acts for is the core's decision (§ 3.6), not the caller's.
        let actor = &self.whoami(actor)?;
        let id = input.contract_id;
        self.change(actor, Action::SignContracts, |tx| {
            let book = Book::load(tx, today)?;
            let rec = book.record(id)?;
            match rec.state {
                ContractState::Draft => {}
                ContractState::Signed => return Err(Error::field("status", Rule::AlreadySigned)),
                ContractState::Terminated => return Err(Error::field("status", Rule::Terminated)),
            }
            let mut c = Checker::new();
            let date = c.date("date", &input.date);
            let (capacity, name, reference) = signer(
                &mut c,
                actor,
                input.sign_as,
                &input.director_name,
                &input.reference,
            );
            c.finish()?;
            if input.sign_as == SignAs::Head {
                let refusals = authority(
                    rec.value_cents,
                    book.limit_cents,
                    &book.needs_for_draft(rec),
                );
                if !refusals.is_empty() {
                    return Err(Error::SigningRefused(refusals));
                }
            }
            let date = date.expect("checked");
            store::contracts::set_signed(tx, id, date, capacity, &name, &reference)?;
            Ok(Change {
                audit: audit(
                    "contract.sign",
                    id,
                    serde_json::json!({ "state": "draft" }),
                    serde_json::json!({
                        "number": rec.number,
                        "value_cents": rec.value_cents,
                        "signed_on": date,
                        "signer_capacity": capacity,
                        "signer_name": name,
                        "reference": reference,
                    }),
                ),
                value: (),
            })
        })?;
        self.contract(actor, id, today, lang)
    }

    /// Amends a signed contract: a new value, dates or subject with a reason. The value after
    /// all amendments counts for the head's limit, and an increase needs free budget; the
    /// director's signature can be recorded instead.
    pub fn contract_amend(
        &mut self,
        actor: &Actor,
        input: &AmendmentInput,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        // Whom the user acts for is the core's decision (§ 3.6), not the caller's.
        let actor = &self.whoami(actor)?;
        let id = input.contract_id;
        self.change(actor, Action::SignContracts, |tx| {
            let book = Book::load(tx, today)?;
            let rec = book.record(id)?;
            require_signed(rec)?;
            let mut c = Checker::new();
            let date = c.date("date", &input.date);
            let reason = c.text("reason", &input.reason, 1000);
            let value = if input.value.trim().is_empty() {
                rec.value_cents
            } else {
                money(&mut c, "value", &input.value)
            };
            let start = optional_date(&mut c, "contract_start", &input.start_date).unwrap_or(rec.start_date);
            let end = optional_date(&mut c, "contract_end", &input.end_date).unwrap_or(rec.end_date);
            if !c.has("contract_start") && !c.has("contract_end") && end < start {
                c.fail("contract_end", Rule::EndBeforeStartDate);
            }
            let subject = if input.subject.trim().is_empty() {
                rec.subject.clone()
            } else {
                c.optional_text("subject", &input.subject, 4000)
            };
            let (capacity, name, reference) =
                signer(&mut c, actor, input.sign_as, &input.director_name, &input.reference);
            if value == rec.value_cents
                && start == rec.start_date
                && end == rec.end_date
                && subject == rec.subject
            {
                c.fail("value", Rule::NothingChanged);
            }
            c.finish()?;
            let old_shares: Vec<ShareRecord> = book.shares_of(id).cloned().collect();
            let new_shares = shift_value(&old_shares, value - rec.value_cents);
            if input.sign_as == SignAs::Head {
                let refusals = authority(value, book.limit_cents, &book.needs_for_change(rec, &new_shares));
                if !refusals.is_empty() {
                    return Err(Error::SigningRefused(refusals));
                }
            }
            let amendment = Amendment {
                id: 0,
                seq: 0,
                date: date.expect("checked"),
                reason,
                value_before_cents: rec.value_cents,
                value_after_cents: value,
                start_before: rec.start_date,
                start_after: start,
                end_before: rec.end_date,
                end_after: end,
                subject_before: rec.subject.clone(),
                subject_after: subject.clone(),
                signer_capacity: capacity,
                signer_name: name,
                signed_ref: reference,
            };
            store::contracts::insert_amendment(tx, id, &amendment)?;
            store::contracts::set_terms(tx, id, value, start, end, &subject)?;
            store::contracts::replace_shares(tx, id, &new_shares)?;
            Ok(Change {
                audit: audit(
                    "contract.amend",
                    id,
                    serde_json::json!({ "value_cents": rec.value_cents, "start_date": rec.start_date, "end_date": rec.end_date, "subject": rec.subject }),
                    serde_json::to_value(&amendment).unwrap_or_default(),
                ),
                value: (),
            })
        })?;
        self.contract(actor, id, today, lang)
    }

    /// Terminates a signed contract; what was not invoiced returns to its budget lines.
    pub fn contract_terminate(
        &mut self,
        actor: &Actor,
        input: &TerminationInput,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        let id = input.contract_id;
        self.change(actor, Action::SignContracts, |tx| {
            let rec = store::contracts::get(tx, id)?.ok_or_else(|| not_found("contract", id))?;
            require_signed(&rec)?;
            let mut c = Checker::new();
            let date = c.date("date", &input.date);
            let reason = c.text("termination_reason", &input.reason, 1000);
            c.finish()?;
            let date = date.expect("checked");
            store::contracts::set_terminated(tx, id, date, &reason)?;
            Ok(Change {
                audit: audit(
                    "contract.terminate",
                    id,
                    serde_json::json!({ "state": "signed" }),
                    serde_json::json!({ "state": "terminated", "terminated_on": date, "reason": reason }),
                ),
                value: (),
            })
        })?;
        self.contract(actor, id, today, lang)
    }

    pub fn deliverable_add(
        &mut self,
        actor: &Actor,
        input: &DeliverableInput,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        let id = input.contract_id;
        self.change(actor, Action::EditContracts, |tx| {
            let rec = store::contracts::get(tx, id)?.ok_or_else(|| not_found("contract", id))?;
            if rec.state == ContractState::Terminated {
                return Err(Error::field("status", Rule::Terminated));
            }
            let mut c = Checker::new();
            let title = c.text("deliverable_title", &input.title, 300);
            let due = c.date("due_date", &input.due_date);
            c.finish()?;
            let due = due.expect("checked");
            let did = store::contracts::insert_deliverable(tx, id, &title, due)?;
            Ok(Change {
                audit: audit(
                    "contract.deliverable_add",
                    id,
                    serde_json::Value::Null,
                    serde_json::json!({ "deliverable_id": did, "title": title, "due_date": due }),
                ),
                value: (),
            })
        })?;
        self.contract(actor, id, today, lang)
    }

    /// Records the acceptance of a deliverable (date, by whom; the user's name when empty).
    pub fn deliverable_accept(
        &mut self,
        actor: &Actor,
        input: &AcceptanceInput,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        let did = input.deliverable_id;
        let id = self.change(actor, Action::EditContracts, |tx| {
            let d = store::contracts::deliverable(tx, did)?.ok_or_else(|| not_found("deliverable", did))?;
            let mut c = Checker::new();
            let date = c.date("date", &input.date);
            let by = if input.accepted_by.trim().is_empty() {
                actor.name.clone()
            } else {
                c.text("accepted_by", &input.accepted_by, 100)
            };
            c.finish()?;
            let date = date.expect("checked");
            store::contracts::accept_deliverable(tx, did, date, &by)?;
            Ok(Change {
                audit: audit(
                    "contract.deliverable_accept",
                    d.contract_id,
                    serde_json::json!({ "deliverable_id": did, "accepted_on": d.accepted_on, "accepted_by": d.accepted_by }),
                    serde_json::json!({ "deliverable_id": did, "title": d.title, "accepted_on": date, "accepted_by": by }),
                ),
                value: d.contract_id,
            })
        })?;
        self.contract(actor, id, today, lang)
    }

    /// Records an invoice of a signed (or terminated) contract. It falls on the budget line of
    /// its year's part (the nearest year's when the contract has no part in that year).
    pub fn invoice_add(
        &mut self,
        actor: &Actor,
        input: &InvoiceInput,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        let id = input.contract_id;
        self.change(actor, Action::EditContracts, |tx| {
            let rec = store::contracts::get(tx, id)?.ok_or_else(|| not_found("contract", id))?;
            if rec.state == ContractState::Draft {
                return Err(Error::field("status", Rule::NotSigned));
            }
            let mut c = Checker::new();
            let number = c.text("invoice_number", &input.number, 50);
            let date = c.date("date", &input.date);
            let amount = money(&mut c, "amount", &input.amount);
            let vat = if input.vat.trim().is_empty() {
                vat_of(amount, rec.vat_rate_bp)
            } else {
                money(&mut c, "vat", &input.vat)
            };
            let paid_on = optional_date(&mut c, "paid_on", &input.paid_on);
            if !c.has("invoice_number") && store::contracts::invoice_number_taken(tx, id, &number)?
            {
                c.fail("invoice_number", Rule::NumberTaken);
            }
            c.finish()?;
            let date = date.expect("checked");
            let shares = store::contracts::shares_of(tx, id)?;
            let line = shares
                .iter()
                .find(|s| s.year == date.year())
                .or_else(|| {
                    if shares.first().is_some_and(|s| date.year() < s.year) {
                        shares.first()
                    } else {
                        shares.last()
                    }
                })
                .ok_or_else(|| Error::Internal(format!("contract {id} has no budget line")))?;
            let invoice = Invoice {
                id: 0,
                contract_id: id,
                budget_line_id: line.budget_line_id,
                budget_line_code: line.line_code.clone(),
                number,
                date,
                amount_cents: amount,
                vat_cents: vat,
                total_cents: amount + vat,
                paid_on,
            };
            let iid = store::contracts::insert_invoice(tx, &invoice)?;
            Ok(Change {
                audit: audit(
                    "contract.invoice_add",
                    id,
                    serde_json::Value::Null,
                    serde_json::to_value(Invoice { id: iid, ..invoice }).unwrap_or_default(),
                ),
                value: (),
            })
        })?;
        self.contract(actor, id, today, lang)
    }

    /// Marks an invoice paid on a date (or unpaid with an empty date).
    pub fn invoice_paid(
        &mut self,
        actor: &Actor,
        invoice_id: i64,
        paid_on: &str,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        let id = self.change(actor, Action::EditContracts, |tx| {
            let inv = store::contracts::invoice(tx, invoice_id)?.ok_or_else(|| not_found("invoice", invoice_id))?;
            let mut c = Checker::new();
            let on = optional_date(&mut c, "paid_on", paid_on);
            c.finish()?;
            store::contracts::set_invoice_paid(tx, invoice_id, on)?;
            Ok(Change {
                audit: audit(
                    "contract.invoice_paid",
                    inv.contract_id,
                    serde_json::json!({ "invoice_id": invoice_id, "paid_on": inv.paid_on }),
                    serde_json::json!({ "invoice_id": invoice_id, "number": inv.number, "paid_on": on }),
                ),
                value: inv.contract_id,
            })
        })?;
        self.contract(actor, id, today, lang)
    }

    /// Stores a document of a contract with its SHA-256 hash.
    pub fn document_add(
        &mut self,
        actor: &Actor,
        input: &DocumentInput,
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Contract> {
        let id = input.contract_id;
        let by = actor.name.clone();
        self.change(actor, Action::EditContracts, |tx| {
            store::contracts::get(tx, id)?.ok_or_else(|| not_found("contract", id))?;
            let mut c = Checker::new();
            let name = c.text("document", &input.name, 255);
            if input.content.len() as i64 > MAX_DOCUMENT_MB * 1024 * 1024 {
                c.fail("document", Rule::FileTooLarge { max_mb: MAX_DOCUMENT_MB });
            }
            c.finish()?;
            let hash = crate::contracts::sha256_hex(&input.content);
            let did = store::contracts::insert_document(tx, id, &name, &hash, &input.content, &now_utc(), &by)?;
            Ok(Change {
                audit: audit(
                    "contract.document_add",
                    id,
                    serde_json::Value::Null,
                    serde_json::json!({ "document_id": did, "name": name, "size": input.content.len(), "sha256": hash }),
                ),
                value: (),
            })
        })?;
        self.contract(actor, id, today, lang)
    }
}

/// The card of one contract, read inside or outside a transaction.
fn card(conn: &Connection, id: i64, today: NaiveDate, lang: Lang) -> Result<Contract> {
    let book = Book::load(conn, today)?;
    let rec = book.record(id)?;
    let (rows, all) = book.rows_and_warnings(lang);
    let row = rows
        .into_iter()
        .find(|r| r.id == id)
        .expect("the record's row");
    let authority = match rec.state {
        ContractState::Draft => book.authority(rec.value_cents, book.needs_for_draft(rec), lang),
        _ => book.authority(rec.value_cents, Vec::new(), lang),
    };
    let warnings = all
        .into_iter()
        .filter(|w| w.contract_ids.contains(&id))
        .collect();
    Ok(Contract {
        subject: rec.subject.clone(),
        vat_overridden: rec.vat_overridden,
        signed_ref: rec.signed_ref.clone(),
        terminated_on: rec.terminated_on,
        termination_reason: rec.termination_reason.clone(),
        shares: book.contract_shares(rec),
        amendments: store::contracts::amendments_of(conn, id)?,
        deliverables: book.deliverables_of(id),
        invoices: book
            .invoices
            .iter()
            .filter(|i| i.contract_id == id)
            .cloned()
            .collect(),
        documents: store::contracts::documents_of(conn, id)?,
        authority,
        warnings,
        history: store::audit::list(
            conn,
            &store::audit::Filter {
                entity: Some("contract"),
                entity_id: Some(&id.to_string()),
                limit: 500,
                ..Default::default()
            },
        )?,
        row,
    })
}

/// The rules of a draft: the fields, an existing supplier and budget lines, the parts over
/// budget years adding up to the value, the VAT rate from the start date unless given.
fn check_contract(
    conn: &Connection,
    input: &ContractInput,
) -> Result<(ContractData, Vec<(i64, i64)>)> {
    let mut c = Checker::new();
    let number = c.text("number", &input.number, 50);
    let title = c.text("contract_title", &input.title, 300);
    let subject = c.optional_text("subject", &input.subject, 4000);
    let cpv = input.cpv.trim().to_string();
    if !cpv.is_empty() && !cpv_ok(&cpv) {
        c.fail("cpv", Rule::CpvForm);
    }
    match input.supplier_id {
        None => c.fail("supplier_id", Rule::Required),
        Some(s) if store::suppliers::get(conn, s)?.is_none() => {
            c.fail("supplier_id", Rule::UnknownSupplier)
        }
        Some(_) => {}
    }
    let value = money(&mut c, "value", &input.value);
    let start = c.date("contract_start", &input.start_date);
    let end = c.date("contract_end", &input.end_date);
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            c.fail("contract_end", Rule::EndBeforeStartDate);
        }
    }
    let rate = if input.vat_rate.trim().is_empty() {
        None
    } else {
        let r = parse_rate(&input.vat_rate);
        if r.is_none() {
            c.fail("vat_rate", Rule::RateForm);
        }
        r
    };
    if !c.has("number") && store::contracts::number_taken(conn, &number, input.id)? {
        c.fail("number", Rule::NumberTaken);
    }
    let mut shares: Vec<(i64, i64)> = Vec::new();
    if input.shares.is_empty() {
        match input.budget_line_id {
            None => c.fail("budget_line_id", Rule::Required),
            Some(l) if store::budget::get(conn, l)?.is_none() => {
                c.fail("budget_line_id", Rule::UnknownBudgetLine)
            }
            Some(l) => shares.push((l, value)),
        }
    } else {
        for s in &input.shares {
            if store::budget::get(conn, s.budget_line_id)?.is_none() {
                c.fail("shares", Rule::UnknownBudgetLine);
            } else if shares.iter().any(|(l, _)| *l == s.budget_line_id) {
                c.fail("shares", Rule::ShareLineYear);
            }
            match parse_money(&s.amount) {
                Some(v) => shares.push((s.budget_line_id, v)),
                None => c.fail("shares", Rule::MoneyForm),
            }
        }
        if !c.has("shares") && !c.has("value") && shares.iter().map(|s| s.1).sum::<i64>() != value {
            c.fail("shares", Rule::SharesSum { total_cents: value });
        }
    }
    c.finish()?;
    let start = start.expect("checked");
    Ok((
        ContractData {
            number,
            title,
            subject,
            kind: input.kind,
            cpv,
            supplier_id: input.supplier_id.expect("checked"),
            value_cents: value,
            vat_rate_bp: rate.unwrap_or_else(|| vat_rate_on(start)),
            vat_overridden: rate.is_some(),
            start_date: start,
            end_date: end.expect("checked"),
        },
        shares,
    ))
}

/// A date typed by the user, for the command-line tool (`dd.mm.yyyy` or ISO).
pub fn date_arg(s: &str) -> Result<NaiveDate> {
    parse_date(s).ok_or_else(|| Error::field("date", Rule::DateForm))
}
