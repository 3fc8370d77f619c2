// The foundation's user flows, in the real app in the real WebKitGTK webview.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./webdriver.mjs";

const PASSWORD = "pikk-parool-1";
const HEAD = ["init", "--department", "Kasutajatoe- ja seireosakond", "--head-name", "Mari Maasikas", "--head-login", "mari"];

test("first run: setup creates the department and the head's account", async () => {
  await withApp(async ({ home, driver }) => {
    let app = await driver.launch();
    await app.waitFor('[data-page="setup"]', "the setup page on a fresh data directory");
    assert.equal(await app.value('input[name="department"]'), "Kasutajatoe- ja seireosakond");
    await app.type('input[name="department"]', "Kasutajatoe- ja seireosakond (test)");
    await app.type('input[name="head_name"]', "Mari Maasikas");
    await app.type('input[name="head_login"]', "mari");
    await app.type('input[name="password"]', PASSWORD);
    await app.type('input[name="password_repeat"]', PASSWORD);
    await app.click('button[name="create"]');

    // The overview first: nobody on the roster yet, so every hour of the month is a gap.
    await app.waitFor('[data-page="overview"]', "the overview after setup");
    assert.match(await app.text('[data-overview="gaps"]'), /^⚠ Katmata ajavahemikke: [1-9]\d*$/);
    assert.equal(await app.text('[data-section="overview_contracts"] p'), "Lepingute kohta hoiatusi ei ole.");
    assert.match(await app.text(".topbar .dept"), /Kasutajatoe- ja seireosakond \(test\)/);
    assert.equal(await app.text(".topbar .user"), "Mari Maasikas · osakonnajuhataja");
    await app.click('button[name="nav_staff"]');
    assert.match(await app.text('[data-empty="staff"]'), /Töötajaid ei ole/);

    // The database is in the user's data directory, with the department, the head and one audit record.
    const status = home.ksoJson(["status"]);
    assert.equal(status.department, "Kasutajatoe- ja seireosakond (test)");
    const audit = home.ksoJson(["audit", "list"], { KSO_USER: "mari", KSO_PASSWORD: PASSWORD });
    assert.deepEqual(audit.map((a) => [a.action, a.user_login]), [["department.setup", "mari"]]);
    // The file is encrypted: without a password the command line gets nothing.
    assert.throws(() => home.kso(["staff", "list"], { KSO_USER: "mari", KSO_PASSWORD: "vale-parool" }), /Vale kasutajanimi/);

    // After a restart the head signs in with the new password.
    await app.quit();
    app = await driver.launch();
    await app.signIn("mari", PASSWORD);
    await app.quit();
  });
});

test("setup refuses a short password next to the field and creates nothing", async () => {
  await withApp(async ({ home, driver }) => {
    const app = await driver.launch();
    await app.type('input[name="head_name"]', "Mari Maasikas");
    await app.type('input[name="head_login"]', "mari");
    await app.type('input[name="password"]', "lühike");
    await app.type('input[name="password_repeat"]', "lühike");
    await app.click('button[name="create"]');
    assert.equal(await app.text('[data-field-error="password"]'), "vähemalt 8 märki");
    const focused = await app.exec("return document.activeElement.name");
    assert.equal(focused, "password");
    assert.equal(home.ksoJson(["status"]).initialized, false);
    await app.quit();
  });
});

test("an added employee is still there after a restart", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(HEAD, { KSO_PASSWORD: PASSWORD });
    let app = await driver.launch();
    await app.signIn("mari", PASSWORD);
    await app.click('button[name="add_employee"]');
    await app.waitFor('[data-dialog="employee"]');
    await app.type('input[name="first_name"]', "Jaan");
    await app.type('input[name="last_name"]', "Tamm");
    await app.type('input[name="email"]', "jaan.tamm@smit.ee");
    await app.type('input[name="phone"]', "+372 5123 4567");
    await app.type('input[name="start_date"]', "01.03.2024");
    // Enter saves the form.
    await app.keys('input[name="start_date"]', "\uE007");
    await app.waitGone('[data-dialog="employee"]');
    await waitForNames(app, (names) => names.length === 1 && names[0] === "Tamm, Jaan");
    await app.quit();

    app = await driver.launch();
    await app.signIn("mari", PASSWORD);
    await app.waitFor('[data-table="staff"]');
    assert.deepEqual(await app.staffNames(), ["Tamm, Jaan"]);
    const row = await app.texts('[data-table="staff"] tbody tr td');
    assert.ok(row.includes("01.03.2024"), `start date shown as dd.mm.yyyy: ${row}`);
    const [e] = home.ksoJson(["staff", "list"]);
    assert.equal(e.email, "jaan.tamm@smit.ee");
    assert.equal(e.phone, "+372 5123 4567");
    await app.quit();
  });
});

test("a bad e-mail shows the error next to the field and saves nothing", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(HEAD, { KSO_PASSWORD: PASSWORD });
    const app = await driver.launch();
    await app.signIn("mari", PASSWORD);
    await app.click('button[name="add_employee"]');
    await app.type('input[name="first_name"]', "Jaan");
    await app.type('input[name="last_name"]', "Tamm");
    await app.type('input[name="email"]', "jaan.tamm(at)smit.ee");
    await app.click('button[name="save"]');

    const message = await app.text('[data-field-error="email"]');
    assert.equal(message, "see ei ole e-posti aadress (näiteks nimi@smit.ee)");
    // The error sits inside the e-mail field's own block, and the field has focus.
    const inField = await app.exec(
      "return document.querySelector('[data-field-error=\"email\"]').parentElement.querySelector('input').name",
    );
    assert.equal(inField, "email");
    assert.equal(await app.exec("return document.activeElement.name"), "email");
    assert.equal((await app.findAll('[data-dialog="employee"]')).length, 1, "the dialog stays open");

    // Nothing was saved: not in the list, not in the file, not in the audit trail.
    assert.deepEqual(home.ksoJson(["staff", "list", "--all"]), []);
    assert.deepEqual(home.ksoJson(["audit", "list"]).map((a) => a.action), ["department.setup"]);

    // Fixing the address saves.
    await app.type('input[name="email"]', "jaan.tamm@smit.ee");
    await app.click('button[name="save"]');
    await app.waitGone('[data-dialog="employee"]');
    await waitForNames(app, (names) => names.length === 1 && names[0] === "Tamm, Jaan");
    await app.quit();
  });
});

test("switching to English changes the interface and survives a restart", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(HEAD, { KSO_PASSWORD: PASSWORD });
    let app = await driver.launch();
    await app.signIn("mari", PASSWORD);
    assert.equal(await app.text('button[name="nav_staff"]'), "Koosseis");
    await app.click('button[name="lang_en"]');
    await app.waitText('button[name="nav_staff"]', (t) => t === "Staff", "the menu in English");
    assert.equal(await app.text(".topbar .user"), "Mari Maasikas · head of department");
    assert.equal(await app.text('button[name="add_employee"]'), "Add employee");
    assert.equal(await app.exec("return document.documentElement.lang"), "en");
    await app.quit();

    app = await driver.launch();
    await app.waitFor('[data-page="login"]');
    assert.equal(await app.text('button[name="sign_in"]'), "Sign in");
    await app.signIn("mari", PASSWORD);
    assert.equal(await app.text('button[name="nav_audit"]'), "Audit trail");
    // And back to Estonian.
    await app.click('button[name="lang_et"]');
    await app.waitText('button[name="nav_audit"]', (t) => t === "Auditilogi", "the menu in Estonian");
    await app.quit();
  });
});

test("the app on the CLI's demo database shows the same people; a viewer cannot add", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const people = home.ksoJson(["staff", "list"]);
    const cli = people.map((e) => `${e.last_name}, ${e.first_name}`);
    assert.ok(cli.length >= 18, `${cli.length} demo employees`);

    let app = await driver.launch();
    await app.signIn("juhataja", "demo-parool");
    await app.waitFor('[data-table="staff"]');
    const shown = await app.staffNames();
    assert.deepEqual([...shown].sort(), [...cli].sort());
    assert.match(await app.text("[data-staff-count]"), new RegExp(`^${cli.length} töötajat`));

    // Keyboard: the list has the keyboard; ↓ ↓ Enter opens the third person, Esc closes.
    const third = (await app.staffNames())[2];
    await app.keys('[data-table="staff"] tbody', "\uE015\uE015\uE007");
    await app.waitFor('[data-dialog="employee"]');
    assert.equal(`${await app.value('input[name="last_name"]')}, ${await app.value('input[name="first_name"]')}`, third);
    await app.keys('input[name="first_name"]', "\uE00C");
    await app.waitGone('[data-dialog="employee"]');

    // Keyboard: / focuses the search; typing filters.
    await app.exec("document.activeElement.blur()");
    await app.keys("body", "/");
    assert.equal(await app.exec("return document.activeElement.name"), "search");
    await app.keys('input[name="search"]', people[0].email);
    await waitForNames(app, (names) => names.length === 1 && names[0] === cli[0]);

    // The audit trail shows the year's history.
    await app.click('button[name="nav_audit"]');
    await app.waitFor('[data-table="audit"]');
    const actions = await app.texts('[data-table="audit"] tbody tr td:nth-child(3)');
    assert.ok(actions.includes("töösuhte lõpetamine"), `history has leavers: ${actions.slice(0, 5)}`);
    await app.click('button[name="sign_out"]');

    await app.signIn("vaatleja", "demo-parool");
    await app.waitFor('[data-table="staff"]');
    assert.equal((await app.findAll('button[name="add_employee"]')).length, 0, "a viewer is offered no Add");
    await app.quit();
  });
});

async function waitForNames(app, pred) {
  const end = Date.now() + 10000;
  for (;;) {
    const names = await app.staffNames();
    if (pred(names)) return names;
    if (Date.now() > end) throw new Error(`staff list never matched: ${names}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
