// Indicators in the real app (§ 2.3, § 3.7.4): the head sets a year's target for 2.3.4 and revises
// it with a reason, sees the history; imports a Jira export (repeated "Comment" columns, a quoted
// multi-line comment, Jira's own dates) through the streamed import with its progress bar; sees the
// month's figure on the dashboard's chart and table, and the imported tickets behind it.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { waitFor, withApp } from "./webdriver.mjs";

/** WebDriver text with non-breaking spaces as plain ones. */
const plain = (s) => s.replace(/[\u00a0\u202f]/g, " ");

const NOW = new Date();
const YEAR = NOW.getFullYear();
/** The month the tickets are resolved in: last month, or January in January (in this year, so the
 *  dashboard opens on it). */
const MONTH_INDEX = NOW.getMonth() > 0 ? NOW.getMonth() - 1 : 0;
const MONTH = `${YEAR}-${String(MONTH_INDEX + 1).padStart(2, "0")}`;
const MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][MONTH_INDEX];
const YY = String(YEAR).slice(2);
/** A Jira date as exported: `25/Feb/26 10:17 PM`. */
const jira = (day, time) => `${String(day).padStart(2, "0")}/${MON}/${YY} ${time}`;

const KEYS = ["KSOE2E-101", "KSOE2E-102", "KSOE2E-103"];

/** One CSV field, quoted when it has to be. */
const field = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A small Jira Service Management CSV export ("all fields" style, trimmed). */
function jiraCsv() {
  const header = [
    "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Resolution", "Assignee",
    "Created", "Updated", "Resolved", "Due date", "Custom field (Team)", "Custom field (Time to resolution)",
    "Satisfaction rating", "Comment", "Comment",
  ];
  const rows = [
    ["Parool ei tööta, konto lukus", KEYS[0], "20101", "Service Request", "Resolved", "Medium", "Done", "Jaan Tamm",
      jira(10, "09:05 AM"), jira(10, "10:17 AM"), jira(10, "10:17 AM"), "", "KSO kasutajatugi", "4h", "5",
      "Kasutaja helistas, parool lähtestati.", "Kasutaja kinnitas:\n\"kõik töötab\"\nSuletud."],
    ["VPN ühendus katkeb", KEYS[1], "20102", "Incident", "Resolved", "High", "Done", "Kati Kask",
      jira(11, "08:40 AM"), jira(12, "03:30 PM"), jira(12, "03:30 PM"), "", "Võrguteenused", "-2h", "3",
      "Edastatud teisele tasemele, võrgumeeskond.", ""],
    ["Printer ei prindi", KEYS[2], "20103", "Service Request", "Resolved", "Low", "Done", "Jaan Tamm",
      jira(13, "01:15 PM"), jira(13, "04:45 PM"), jira(13, "04:45 PM"), "", "KSO kasutajatugi", "", "",
      "", "Draiver uuendati, printer töötab."],
  ];
  return [header, ...rows].map((r) => r.map(field).join(",")).join("\n") + "\n";
}

/** The drill-down's page shown once it is the one asked for: its offset and part. */
const DRILL_READY = '[data-dialog="kpi_drill"] .kpi-drill-range[aria-busy="false"]';

/** The ticket keys listed in the drill-down, page by page until `want` are all seen. */
async function drilledKeys(app, want) {
  const seen = new Set();
  for (;;) {
    await app.waitFor(DRILL_READY, "the drill-down's records");
    const keys = await app.exec(`return [...document.querySelectorAll('[data-dialog="kpi_drill"] [data-ticket]')].map((e) => e.dataset.ticket)`);
    for (const k of keys) seen.add(k);
    if (want.every((k) => seen.has(k))) return seen;
    const next = await app.exec(`const b = document.querySelector('[data-dialog="kpi_drill"] button[name="drill_next"]'); return b !== null && !b.disabled`);
    if (!next) return seen;
    const offset = Number(await app.exec(`return document.querySelector(arguments[0]).dataset.offset`, [DRILL_READY]));
    await app.click('[data-dialog="kpi_drill"] button[name="drill_next"]');
    await app.waitFor(`${DRILL_READY}[data-offset="${offset + 100}"]`, "the next page of records");
  }
}

test("targets set and revised with history; a Jira export imported with progress; the month's figure and the tickets behind it", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    // Not the demo's own file name, so that the history shows this import.
    const csv = join(home.dir, "kso-e2e-jira.csv");
    writeFileSync(csv, jiraCsv());

    const app = await driver.launch();
    await app.signIn("juhataja", "demo-parool", "kpi");

    // § 3.7.4: the year's target for 2.3.4, then a revision, which needs its reason.
    await app.click('button[name="kpi_tab_targets"]');
    await app.waitFor(`[data-section="kpi_targets"] [data-year="${YEAR}"]`);
    const row = '[data-table="kpi_targets"] tr[data-kpi="2.3.4"]';
    await app.type(`${row} input[name="target_value"]`, "71,5");
    await app.type(`${row} input[name="target_reason"]`, "Aasta eesmärk kinnitatud");
    await app.click(`${row} button[name="target_save"]`);
    await app.waitText(`${row} [data-cell="target"]`, (s) => plain(s) === "71,5 %", "the target 71,5 %");

    await app.type(`${row} input[name="target_value"]`, "73,25");
    // The form starts afresh after a save: the reason is empty.
    assert.equal(await app.value(`${row} input[name="target_reason"]`), "");
    await app.click(`${row} button[name="target_save"]`);
    await app.waitFor(`${row} [data-field-error="target_reason"]`, "the reason required for a revision");
    assert.equal(plain(await app.text(`${row} [data-cell="target"]`)), "71,5 %");
    await app.type(`${row} input[name="target_reason"]`, "Töökoormus kasvas");
    await app.click(`${row} button[name="target_save"]`);
    await app.waitText(`${row} [data-cell="target"]`, (s) => plain(s) === "73,25 %", "the revised target 73,25 %");

    await app.click(`${row} button[name="target_history"]`);
    await app.waitFor('[data-history-for="2.3.4"] [data-revision]');
    const history = (await app.texts('[data-history-for="2.3.4"] [data-revision]')).map(plain);
    assert.ok(history.some((h) => /→ 71,5 %/.test(h) && h.includes("Aasta eesmärk kinnitatud")), history.join("\n"));
    assert.ok(history.some((h) => /71,5 % → 73,25 %/.test(h) && h.includes("Töökoormus kasvas")), history.join("\n"));

    // The Jira export through the streamed import.
    await app.click('button[name="kpi_tab_import"]');
    await app.waitFor('[data-form="kpi_import"]');
    await app.select('select[name="import_kind"]', "Pöördumised");
    await app.select('select[name="import_format"]', "Jira");
    await app.upload('input[name="kpi_file"]', csv);
    await waitFor(async () => app.exec("return !document.getElementById('kpi-import-button').disabled"), "the import button enabled");
    await app.click("#kpi-import-button");
    await app.waitFor('[data-section="kpi_import_report"]', "the import report", 60000);
    // The progress bar was there and ended full; it said how many rows were read.
    assert.equal(await app.exec("return document.getElementById('kpi-progress').value"), 1);
    assert.match(await app.text('[data-section="kpi_import_progress"] [data-rows]'), /rida loetud/);
    const report = await app.exec(
      `const r = document.querySelector('[data-section="kpi_import_report"]').dataset; return { committed: r.committed, rows: r.rows, inserted: r.inserted, rejected: r.rejected }`,
    );
    assert.deepEqual(report, { committed: "yes", rows: "3", inserted: "3", rejected: "0" }, await app.text('[data-section="kpi_import_report"]'));
    // The import is in the history.
    await waitFor(
      async () => app.exec(`return [...document.querySelectorAll('[data-table="kpi_batches"] tbody tr')].some((r) => r.textContent.includes("kso-e2e-jira.csv"))`),
      "the import in the history",
    );

    // The dashboard: the chart and the month's figure, which opens the tickets behind it.
    await app.click('button[name="kpi_tab_dashboard"]');
    const card = '.kpi-card[data-kpi="2.3.4"]';
    await app.waitFor(`${card} svg.kpi-chart`, "the 2.3.4 chart");
    assert.equal(plain(await app.text(`${card} [data-field="target"]`)), "73,25 %");
    assert.equal((await app.findAll(`${card} svg.kpi-chart .target`)).length, 1);
    assert.equal((await app.findAll(`${card} svg.kpi-chart [data-point="${MONTH}"]`)).length, 1);
    const figure = `${card} button[name="kpi_figure"][data-month="${MONTH}"]`;
    assert.match(plain(await app.text(figure)), /^\d+(,\d)? %$/);
    assert.notEqual(await app.text(`${card} [data-counts="${MONTH}"]`), "—");

    await app.click(figure);
    await app.waitFor('[data-dialog="kpi_drill"]');
    const seen = await drilledKeys(app, KEYS);
    for (const k of KEYS) assert.ok(seen.has(k), `${k} behind the ${MONTH} figure (saw ${[...seen].slice(0, 20).join(", ")})`);
    // Only the records in the numerator: every row says so.
    await app.select('[data-dialog="kpi_drill"] select[name="drill_part"]', "lugejas");
    await app.waitFor(`${DRILL_READY}[data-part="numerator"]`, "the records in the numerator");
    assert.equal(
      await app.exec(`return [...document.querySelectorAll('[data-dialog="kpi_drill"] [data-in-numerator]')].every((e) => e.dataset.inNumerator === "yes")`),
      true,
    );
    await app.click('[data-dialog="kpi_drill"] button[name="drill_close"]');
    await app.waitGone('[data-dialog="kpi_drill"]');

    // The overview shows the indicator against its target and links to the module.
    await app.click('button[name="nav_overview"]');
    await app.waitFor('[data-section="overview_kpi"] [data-kpi="2.3.4"]');
    assert.match(plain(await app.text('[data-section="overview_kpi"] [data-kpi="2.3.4"]')), /73,25 % \/ \d+(,\d)? %/);
    await app.click('button[name="overview_kpi"]');
    await app.waitFor('[data-page="kpi"]');
    await app.quit();
  });
});
