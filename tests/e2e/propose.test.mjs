// Roster proposals in the real app, on the demo department: a cell locked by keyboard, a wish
// added, a proposal searched for with its progress shown, stopped early, reviewed (changed cells
// marked, no violation left) and accepted; a second one discarded.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor, withApp } from "./webdriver.mjs";

const CTRL = "\uE009";
const NULL = "\uE000";
const RIGHT = "\uE014";

/** A cell's shift code (its own text, without the wish and violation marks). */
const code = (app, row, col) => app.exec(
  "return [...document.querySelector(`[data-cell=\"${arguments[0]}\"]`).childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')",
  [`${row}-${col}`],
);
const errorsShown = (app) => app.exec("return Number(document.querySelector('[data-findings]').dataset.errors)");

test("a month is proposed, watched, stopped, reviewed and accepted; a lock and a wish are kept", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const app = await driver.launch();
    await app.signIn("juhataja", "demo-parool", "overview");
    await app.click('button[name="nav_roster"]');
    await app.waitFor("[data-roster-grid]");
    await app.waitFor('[data-propose="idle"]');
    // The demo month has violations to mend.
    assert.ok((await errorsShown(app)) > 0, "the demo month starts with violations");

    // Lock a cell that is not locked yet (day 3 of the first such row) with Ctrl+L.
    const row = await app.exec(
      "return [...document.querySelectorAll('tr[data-employee]')].findIndex((tr) => !tr.querySelectorAll('td[data-cell]')[2].hasAttribute('data-locked'))");
    const at = `${row}-2`;
    await app.click(`[data-cell="${at}"]`);
    await app.keys("[data-roster-grid]", CTRL + "l" + NULL);
    await app.waitFor(`[data-cell="${at}"][data-locked]`);
    const lockedBefore = await code(app, row, 2);

    // A wish: row 3's employee wants day 10 off (the demo has three wishes already).
    await app.click('[data-cell="3-9"]');
    await app.click('button[name="requests"]');
    await app.waitFor('[data-dialog="requests"]');
    const before = (await app.texts('[data-table="requests"] tbody tr')).length;
    await app.click('button[name="request_add"]');
    await waitFor(async () => (await app.texts('[data-table="requests"] tbody tr')).length === before + 1, "the wish listed");
    await app.click('button[name="requests_close"]');
    await app.waitGone('[data-dialog="requests"]');
    await app.waitFor('[data-cell="3-9"] .wish');

    // Propose for up to a minute, watch the progress, stop it early.
    await app.type('input[name="propose_seconds"]', "60");
    await app.type('input[name="propose_seed"]', "11");
    await app.click('button[name="propose"]');
    await app.waitFor('[data-propose="running"]');
    await waitFor(async () => Number(await app.exec("return document.querySelector('[data-progress]')?.dataset.progress ?? 0")) > 1000, "the progress to move");
    const hard = await app.exec("return Number(document.querySelector('[data-hard]').dataset.hard)");
    assert.equal(hard, 0, "the best so far keeps every rule");
    await app.click('button[name="propose_stop"]');
    await app.waitFor('[data-propose="review"]', "the proposal", 20000);

    // Review: changed cells marked, no violation left, the locked cell as it was, the wish kept.
    const changed = await app.exec("return document.querySelectorAll('td[data-changed]').length");
    assert.ok(changed > 0, "changed cells are marked");
    assert.equal(await app.exec("return Number(document.querySelector('[data-hard-after]').dataset.hardAfter)"), 0);
    assert.equal(await errorsShown(app), await app.exec(
      "return [...document.querySelectorAll('.findings li.error')].filter((li) => li.dataset.rule === 'coverage_gap').length"));
    assert.equal(await code(app, row, 2), lockedBefore);
    assert.equal(await app.exec(`return document.querySelector('[data-cell="${at}"]').hasAttribute('data-changed')`), false);
    // The wish is weighed (the core's tests show a wish kept where cover allows) and shown.
    assert.equal(await app.exec("return Number(document.querySelector('[data-requests]').dataset.requests)"), before + 1);
    await app.waitFor('[data-cell="3-9"] .wish');
    assert.match(await app.text(".propose-meta"), /Seeme 11/);
    assert.match(await app.text(".propose-meta"), /peatatud/);
    // The grid cannot be typed into while reviewing.
    await app.keys("[data-roster-grid]", RIGHT + "p");

    // Accept: the month is the proposal's, the marks are gone.
    await app.click('button[name="proposal_accept"]');
    await app.waitFor('[data-propose="idle"]');
    assert.equal(await app.exec("return document.querySelectorAll('td[data-changed]').length"), 0);
    const hardLeft = await app.exec(
      "return [...document.querySelectorAll('.findings li.error')].filter((li) => li.dataset.rule !== 'coverage_gap').length");
    assert.equal(hardLeft, 0, "no hard violation after accepting");
    const month = await app.exec("return document.querySelector('[data-month]').dataset.month");
    const check = home.kso(["--user", "juhataja", "roster", "check", "--month", month], { KSO_PASSWORD: "demo-parool" });
    const hardLines = check.split("\n").filter((l) => l.startsWith("!") && !l.includes("§ 2.2.1"));
    assert.deepEqual(hardLines, [], "the CLI's check agrees");

    // A second proposal is discarded: nothing changes.
    const cells = await app.exec("return [...document.querySelectorAll('td[data-cell]')].map((t) => t.textContent).join('|')");
    await app.type('input[name="propose_seconds"]', "2");
    await app.click('button[name="propose"]');
    await app.waitFor('[data-propose="review"]', "the second proposal", 20000);
    await app.click('button[name="proposal_discard"]');
    await app.waitFor('[data-propose="idle"]');
    assert.equal(await app.exec("return [...document.querySelectorAll('td[data-cell]')].map((t) => t.textContent).join('|')"), cells);
  });
});
