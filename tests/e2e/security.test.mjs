// Issue 6 in the real app: the head registers an absence with a substitute (§ 3.6); the
// substitute signs a contract within the limit only inside the period, and the audit view shows
// it as done acting for the head; the session lock; the encrypted file.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { waitFor, withApp } from "./webdriver.mjs";

const YEAR = String(new Date().getFullYear());
const plain = (s) => s.replace(/[\u00a0\u202f]/g, " ");

/** A date n days from today (Tallinn is the machine's zone or close to it), dd.mm.yyyy. */
function day(n) {
  const d = new Date(Date.now() + n * 86400000);
  const tallinn = new Intl.DateTimeFormat("et-EE", { timeZone: "Europe/Tallinn", day: "2-digit", month: "2-digit", year: "numeric" });
  return tallinn.format(d);
}

async function openContract(app, number) {
  await app.waitFor('[data-table="contracts"]');
  await app.exec(
    `[...document.querySelectorAll('[data-table="contracts"] tbody tr')].find((tr) => tr.textContent.includes(arguments[0])).dispatchEvent(new MouseEvent("dblclick", { bubbles: true }))`,
    [number],
  );
  await app.waitFor(`[data-section="contract_card"][data-contract="${number}"]`);
}

async function registerAbsence(app, from, to, reason) {
  await app.click('button[name="nav_settings"]');
  await app.click('button[name="settings_tab_substitution"]');
  await app.type('input[name="starts_on"]', from);
  await app.type('input[name="ends_on"]', to);
  await app.type('input[name="reason"]', reason);
  await app.select('select[name="substitute_id"]', "Jaan Tamm");
  await app.click('button[name="save_absence"]');
  await waitFor(
    async () => (await app.texts('[data-table="head_absences"] tbody tr')).some((t) => t.includes(reason)),
    `the absence "${reason}" in the list`,
  );
}

/** Calls a command through the app's own IPC, as a tampered UI could; resolves to its error code or "ok". */
async function invoke(app, command, args) {
  return app.exec(
    `return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(() => "ok", (e) => e.code)`,
    [command, args],
  );
}

test("the substitute signs within the limit only inside the head's absence, recorded as acting for the head", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const contractId = home.ksoJson(["contracts", "list", "--year", YEAR]).find((r) => r.number === `${YEAR}-011`).id;

    // The head registers an absence that starts in five days.
    let app = await driver.launch();
    await app.signIn("juhataja", "demo-parool", "settings");
    await registerAbsence(app, day(5), day(8), "Koolitus Tartus");
    // An overlapping one is refused next to its field.
    await app.type('input[name="starts_on"]', day(7));
    await app.type('input[name="ends_on"]', day(9));
    await app.type('input[name="reason"]', "Kattuv");
    await app.click('button[name="save_absence"]');
    assert.match(await app.text('[data-field-error="starts_on"]'), /kattub/);
    // The head changes the planned absence (its reason here; the substitute the same way).
    await app.exec(
      `[...document.querySelectorAll('[data-table="head_absences"] tbody tr')].find((tr) => tr.textContent.includes("Koolitus Tartus")).querySelector('button[name="edit_absence"]').click()`,
    );
    await app.waitFor('button[name="cancel_edit"]');
    await app.type('input[name="reason"]', "Koolitus Tartus ja Narvas");
    await app.click('button[name="save_absence"]');
    await waitFor(
      async () => (await app.texts('[data-table="head_absences"] tbody tr')).some((t) => t.includes("Koolitus Tartus ja Narvas")),
      "the changed absence in the list",
    );
    assert.equal(home.ksoJson(["substitution", "list"]).filter((a) => a.reason.startsWith("Koolitus Tartus")).length, 1);
    await app.quit();

    // Outside the period the substitute may not sign: not offered, and refused by the core.
    const sub = await driver.launch();
    await sub.signIn("asendaja", "demo-parool", "contracts");
    assert.equal((await sub.findAll(".acting-banner")).length, 0);
    await openContract(sub, `${YEAR}-011`);
    assert.equal((await sub.findAll('button[name="contract_sign"]')).length, 0);
    const sign = { input: { contract_id: contractId, sign_as: "head", date: "", director_name: "", reference: "" } };
    assert.equal(await invoke(sub, "contract_sign", sign), "forbidden");
    await sub.quit();

    // The head registers an absence from today; the overview shows who substitutes.
    app = await driver.launch();
    await app.signIn("juhataja", "demo-parool", "settings");
    await registerAbsence(app, day(0), day(2), "Puhkus");
    await app.click('button[name="nav_overview"]');
    assert.match(await app.text(".substitution-card"), /Jaan Tamm/);
    await app.quit();

    // Inside the period the substitute signs the 3 200 € draft as acting head.
    const acting = await driver.launch();
    await acting.signIn("asendaja", "demo-parool", "overview");
    // The band appears once the substitution is loaded and moves the menu down: wait for it
    // before clicking there, as a user would.
    assert.match(await acting.text(".acting-banner"), /Asendate osakonnajuhatajat \(§ 3\.6\)/);
    await acting.click('button[name="nav_contracts"]');
    await acting.waitFor('[data-page="contracts"]', "the contracts page");
    await openContract(acting, `${YEAR}-011`);
    await acting.click('button[name="contract_sign"]');
    await acting.click('button[name="sign_submit"]');
    await waitFor(
      async () => ["signed", "in_force"].includes(await acting.exec("return document.querySelector('[data-field=\"status\"]').dataset.status")),
      "signed by the acting head",
    );
    const card = home.ksoJson(["contracts", "show", String(contractId)]);
    assert.equal(card.row.signer_capacity, "acting_head");

    // The audit view shows it as done acting for the head.
    await acting.click('button[name="nav_audit"]');
    await acting.click('input[name="acting_only"]');
    await waitFor(async () => {
      const rows = await acting.texts("table tbody tr");
      return rows.length > 0 && rows.every((r) => r.includes("Jaan Tamm"));
    }, "only the substitute's records");
    const first = plain(await acting.text("table tbody tr"));
    assert.match(first, /osakonnajuhataja ülesannetes/);
    assert.match(first, /contract\.sign|Lepingu allkirjastamine|allkirjast/i);

    // The head is back early: the same action is refused at once, though the screen still offers it.
    home.kso(["substitution", "end", "--id", String(home.ksoJson(["substitution", "list"]).find((a) => a.reason === "Puhkus").id)]);
    const other = home.ksoJson(["contracts", "list", "--year", YEAR]).find((r) => r.number === `${YEAR}-010`).id;
    assert.equal(
      await invoke(acting, "contract_sign", { input: { ...sign.input, contract_id: other } }),
      "forbidden",
    );
    await acting.quit();
  });
});

test("the session locks, refuses every command while locked, and unlocks with the same password", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const app = await driver.launch();
    await app.signIn("juhataja", "demo-parool", "staff");
    await app.click('button[name="lock"]');
    await app.waitFor('[data-page="lock"]', "the lock screen");
    assert.equal(await invoke(app, "staff_list", { query: { include_inactive: false, search: null } }), "session_locked");
    await app.type('input[name="unlock_password"]', "vale-parool");
    await app.click('button[name="unlock"]');
    await waitFor(async () => (await app.findAll('[data-page="lock"] [data-error-code="bad_credentials"], [data-page="lock"] .banner.error')).length > 0, "the wrong password refused");
    await app.type('input[name="unlock_password"]', "demo-parool");
    await app.click('button[name="unlock"]');
    await app.waitGone('[data-page="lock"]');
    // Back where the user was.
    await app.waitFor('[data-page="staff"]');
    assert.equal(await invoke(app, "staff_list", { query: { include_inactive: false, search: null } }), "ok");

    // The audit view checks the chain and exports the filtered trail.
    await app.click('button[name="nav_audit"]');
    await app.click('button[name="audit_verify"]');
    assert.match(await app.text('.audit-verified[data-audit-intact="true"]'), /Auditilogi on rikkumata/);
    // "Objekt: leping" shows (and exports) only the contracts' records.
    await app.select('select[name="entity"]', "leping");
    await waitFor(
      async () => (await app.texts("table tbody tr")).every((r) => /leping/i.test(r)),
      "the filter applied",
    );
    await app.click('button[name="audit_export"]');
    const notice = await app.text(".banner.info[data-notice]");
    const path = notice.match(/(\/\S+\.csv)/)[1];
    const csv = readFileSync(path, "utf8");
    assert.match(csv.split("\n")[0], /aeg \(UTC\);kasutaja/);
    const rows = csv.split("\n").slice(1).filter(Boolean);
    assert.ok(rows.length > 0 && rows.every((l) => l.includes(';"contract";')), "only contract records");
    await app.quit();

    // The database file holds no name in plain text.
    const bytes = readFileSync(home.db);
    assert.ok(!bytes.includes(Buffer.from("Maasikas")));
  });
});
