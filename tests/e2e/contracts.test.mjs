// Contracts and budget in the real app: a budget line, a supplier (its registry code checked),
// a contract signed within § 3.8.2, one over the limit refused and signed by the director, and a
// deliverable and an invoice that move the remaining value and the budget.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor, withApp } from "./webdriver.mjs";

const PASSWORD = "pikk-parool-1";
const PW = { KSO_PASSWORD: PASSWORD };
const YEAR = String(new Date().getFullYear());
/** WebDriver text with non-breaking spaces as plain ones. */
const plain = (s) => s.replace(/[\u00a0\u202f]/g, " ");

async function budgetCell(app, code, cell) {
  return plain(await app.text(`[data-line="${code}"] [data-cell="${cell}"]`));
}

async function newContract(app, number, value) {
  await app.click('button[name="contract_new"]');
  await app.waitFor('[data-dialog="contract"]');
  await app.type('input[name="contract_number"]', number);
  await app.type('input[name="contract_title"]', `Seirelahenduse tugi ${number}`);
  await app.select('select[name="contract_supplier"]', "Seirekeskus OÜ");
  await app.select('select[name="contract_line"]', "4500");
  await app.type('input[name="contract_value"]', value);
  await app.type('input[name="contract_start"]', `01.01.${YEAR}`);
  await app.type('input[name="contract_end"]', `31.12.${YEAR}`);
  await app.click('button[name="contract_save"]');
  await app.waitFor(`[data-section="contract_card"][data-contract="${number}"]`);
}

async function status(app) {
  return app.exec("return document.querySelector('[data-field=\"status\"]').dataset.status");
}

test("a line, a supplier and contracts: § 3.8.2 enforced, the director signs above it, invoices move the budget", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["init", "--department", "KSO", "--head-name", "Mari Maasikas", "--head-login", "mari"], PW);
    const app = await driver.launch();
    await app.signIn("mari", PASSWORD);
    await app.click('button[name="nav_contracts"]');
    await app.waitFor('[data-page="contracts"]');

    // A budget line of this year.
    await app.click('button[name="tab_budget"]');
    await app.type('input[name="line_code"]', "4500");
    await app.type('input[name="line_name"]', "IT-teenused ja tugiteenused");
    await app.type('input[name="line_approved"]', "40 000");
    await app.click('button[name="line_save"]');
    await app.waitFor('[data-line="4500"]');
    assert.equal(await budgetCell(app, "4500", "free"), "40 000,00 €");

    // A supplier: a wrong check digit is refused next to the field, then the right code saves.
    await app.click('button[name="tab_suppliers"]');
    await app.type('input[name="supplier_name"]', "Seirekeskus OÜ");
    await app.type('input[name="supplier_reg_code"]', "10234958");
    await app.click('button[name="supplier_save"]');
    assert.equal(await app.text('[data-field-error="supplier_reg_code"]'), "registrikoodi kontrollnumber ei klapi (vaadake kood üle)");
    await app.type('input[name="supplier_reg_code"]', "10234957");
    await app.click('button[name="supplier_save"]');
    await waitFor(async () => (await app.texts('[data-table="suppliers"] td')).includes("10234957"), "the supplier in the list");

    // A contract within the limit: the card says so, the head signs it.
    await app.click('button[name="tab_contracts"]');
    await newContract(app, `${YEAR}-001`, "9 200");
    assert.equal(await status(app), "draft");
    assert.equal(plain(await app.text('[data-field="gross"]')), "11 408,00 €");
    assert.match(plain(await app.text('[data-authority="ok"]')), /§ 3\.8\.2/);
    await app.click('button[name="contract_sign"]');
    await app.waitFor('[data-dialog="sign"]');
    await app.click('button[name="sign_submit"]');
    await waitFor(async () => (await status(app)) === "in_force", "the contract in force");
    assert.match(await app.text('[data-section="signature"]'), /Mari Maasikas/);

    // One cent over the limit: the head's signature is refused with § 3.8.2 and nothing changes.
    await app.click('button[name="contract_back"]');
    await newContract(app, `${YEAR}-002`, "10 000,01");
    assert.match(plain(await app.text('[data-authority="refused"]')), /§ 3\.8\.2.*10 000,01 €.*10 000,00 €/s);
    await app.click('button[name="contract_sign"]');
    await app.waitFor('[data-dialog="sign"]');
    await app.click('button[name="sign_submit"]');
    const refusal = await app.text('[data-dialog="sign"] [data-error-code="signing_refused"]');
    assert.match(refusal, /§ 3\.8\.2/);
    assert.match(refusal, /direktor/);
    assert.equal(await status(app), "draft");
    // The director signs instead: recorded with name and reference.
    await app.select('select[name="sign_as"]', "direktor");
    await app.type('input[name="director_name"]', "Märt Männik");
    await app.type('input[name="sign_reference"]', `1-3/${YEAR}/140`);
    await app.click('button[name="sign_submit"]');
    await waitFor(async () => (await status(app)) === "in_force", "signed by the director");
    const signature = await app.text('[data-section="signature"]');
    assert.match(signature, /Märt Männik/);
    assert.match(signature, /direktor/i);
    assert.match(signature, new RegExp(`1-3/${YEAR}/140`));

    // A deliverable and an invoice on the first contract.
    await app.click('button[name="contract_back"]');
    await app.waitFor('[data-table="contracts"]');
    const first = await app.exec(
      `return [...document.querySelectorAll('[data-table="contracts"] tbody tr')].find((tr) => tr.textContent.includes("${YEAR}-001")).dataset.row`,
    );
    await app.exec(`document.querySelector('[data-table="contracts"] tbody tr[data-row="${first}"]').dispatchEvent(new MouseEvent("dblclick", { bubbles: true }))`);
    await app.waitFor(`[data-section="contract_card"][data-contract="${YEAR}-001"]`);
    await app.click('button[name="card_tab_deliverables"]');
    await app.type('input[name="deliverable_title"]', "1. kvartali aruanne");
    await app.type('input[name="deliverable_due"]', `31.03.${YEAR}`);
    await app.click('button[name="deliverable_add"]');
    await app.waitFor("[data-deliverable]");
    await app.click('button[name="deliverable_accept"]');
    await waitFor(async () => (await app.findAll('button[name="deliverable_accept"]')).length === 0, "the deliverable accepted");
    assert.match(await app.text("[data-deliverable]"), /Mari Maasikas/);

    await app.click('button[name="card_tab_invoices"]');
    await app.type('input[name="invoice_number"]', "A-1");
    await app.type('input[name="invoice_date"]', `31.03.${YEAR}`);
    await app.type('input[name="invoice_amount"]', "2 000");
    await app.click('button[name="invoice_add"]');
    await app.waitFor('[data-invoice="A-1"]');
    assert.equal(plain(await app.text('[data-field="remaining"]')), "7 200,00 €");
    assert.equal(plain(await app.text('[data-field="invoiced"]')), "2 000,00 €");

    // The budget: both contracts committed with VAT (11 408,00 + 12 400,01), the invoice's 2 480,00.
    await app.click('button[name="tab_budget"]');
    await app.waitFor('[data-line="4500"]');
    assert.equal(await budgetCell(app, "4500", "committed"), "23 808,01 €");
    assert.equal(await budgetCell(app, "4500", "invoiced"), "2 480,00 €");
    assert.equal(await budgetCell(app, "4500", "free"), "16 191,99 €");

    // The same figures from the command line, and the signatures in the audit trail.
    const budget = home.ksoJson(["budget", "status", "--year", YEAR]);
    assert.equal(budget.lines[0].committed_cents, 2_380_801);
    const actions = home.ksoJson(["audit", "list"]).map((a) => a.action);
    assert.equal(actions.filter((a) => a === "contract.sign").length, 2);
    await app.quit();
  });
});

/** Opens a contract of the register by its number. */
async function openContract(app, number) {
  await app.waitFor('[data-table="contracts"]');
  await app.exec(
    `[...document.querySelectorAll('[data-table="contracts"] tbody tr')].find((tr) => tr.textContent.includes(arguments[0])).dispatchEvent(new MouseEvent("dblclick", { bubbles: true }))`,
    [number],
  );
  await app.waitFor(`[data-section="contract_card"][data-contract="${number}"]`);
}

test("on demo data: warnings on the overview, an amendment over the limit refused, termination frees the budget, the limit is a setting", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const app = await driver.launch();
    await app.signIn("juhataja", "demo-parool", "overview");

    // The overview shows the splitting pattern and the nearly spent line; a warning opens its contract.
    const split = await app.text('[data-section="overview_contracts"] [data-warning="splitting"]');
    assert.match(split, /§ 3\.8\.2/);
    assert.match(split, new RegExp(`${YEAR}-004, ${YEAR}-005`));
    assert.match(await app.text('[data-section="overview_budget"] [data-warning="budget_high"]'), /5500/);
    await app.click('[data-section="overview_contracts"] [data-warning="splitting"] button');
    await app.waitFor(`[data-section="contract_card"][data-contract="${YEAR}-004"]`);
    assert.match(await app.text('[data-section="card_warnings"]'), /tükeldatud/);

    // The monitoring contract is at 9 950,00 €: an amendment to 10 000,01 € is refused (§ 3.8.2).
    await app.click('button[name="contract_back"]');
    await openContract(app, `${YEAR}-001`);
    await app.click('button[name="contract_amend"]');
    await app.waitFor('[data-dialog="amend"]');
    await app.type('input[name="amend_reason"]', "Lisanduvad armatuurlauad");
    await app.type('input[name="amend_value"]', "10 000,01");
    await app.click('button[name="amend_submit"]');
    const refusal = await app.text('[data-dialog="amend"] [data-error-code="signing_refused"]');
    assert.match(plain(refusal), /§ 3\.8\.2.*10 000,01 €/);
    // To exactly the limit it is the head's to sign.
    await app.type('input[name="amend_value"]', "10 000");
    await app.click('button[name="amend_submit"]');
    await app.waitGone('[data-dialog="amend"]');
    assert.equal(plain(await app.text('[data-field="value"]')), "10 000,00 €");
    await app.click('button[name="card_tab_amendments"]');
    assert.equal((await app.findAll("[data-amendment]")).length, 2);

    // Terminating the call-centre contract returns what was not invoiced to line 4500.
    const committed = () => home.ksoJson(["budget", "status", "--year", YEAR]).lines.find((l) => l.code === "4500").committed_cents;
    const before = committed();
    await app.click('button[name="contract_back"]');
    await openContract(app, `${YEAR}-003`);
    const id = home.ksoJson(["contracts", "list", "--year", YEAR]).find((r) => r.number === `${YEAR}-003`).id;
    const card = home.ksoJson(["contracts", "show", String(id)]);
    await app.click('button[name="contract_terminate"]');
    await app.waitFor('[data-dialog="terminate"]');
    await app.click('button[name="terminate_submit"]');
    assert.ok(await app.text('[data-field-error="terminate_reason"]'));
    await app.type('input[name="terminate_reason"]', "Kõnekeskus viiakse üle uuele platvormile");
    await app.click('button[name="terminate_submit"]');
    await waitFor(async () => (await status(app)) === "terminated", "the contract terminated");
    const invoicedGross = card.invoices.filter((i) => i.budget_line_code === "4500").reduce((n, i) => n + i.total_cents, 0);
    const share = card.shares.find((s) => s.line_code === "4500" && s.year === Number(YEAR)).cost_cents;
    assert.equal(before - committed(), share - invoicedGross);

    // The limit is a setting: raised to 13 000 €, the 12 500 € draft becomes the head's to sign.
    await app.click('button[name="nav_settings"]');
    await app.type('input[name="signing_limit"]', "13 000");
    await app.click('button[name="contract_settings_save"]');
    await app.waitFor('[data-form="contract_settings"] [role="status"]');
    await app.click('button[name="nav_contracts"]');
    await openContract(app, `${YEAR}-010`);
    assert.match(plain(await app.text('[data-authority="ok"]')), /12 500,00 € ≤ 13 000,00 €/);
    await app.click('button[name="contract_sign"]');
    await app.click('button[name="sign_submit"]');
    await waitFor(async () => ["signed", "in_force"].includes(await status(app)), "signed by the head");
    await app.quit();

    // The deputy, not acting for the head, sees contracts but no signing or amending.
    const deputy = await driver.launch();
    await deputy.signIn("asendaja", "demo-parool", "contracts");
    await openContract(deputy, `${YEAR}-011`);
    assert.equal((await deputy.findAll('button[name="contract_sign"]')).length, 0);
    assert.equal((await deputy.findAll('button[name="contract_edit"]')).length, 0);
    await deputy.quit();
  });
});
