// The duty roster in the real app: shift types, keyboard filling, violations that come and go,
// an hour's coverage gap, publishing and a recorded later change.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor, withApp } from "./webdriver.mjs";

const PASSWORD = "pikk-parool-1";
const PW = { KSO_PASSWORD: PASSWORD };
const RIGHT = "\uE014";
const LEFT = "\uE012";
const DOWN = "\uE015";
const DELETE = "\uE017";

/** A department with two employees, the head signed in on the current month's roster. */
async function rosterOf(home, driver) {
  home.kso(["init", "--department", "KSO", "--head-name", "Mari Maasikas", "--head-login", "mari"], PW);
  for (const [first, last] of [["Kati", "Kask"], ["Jaan", "Tamm"]]) {
    home.kso(["--user", "mari", "staff", "add", "--first-name", first, "--last-name", last,
      "--email", `${first.toLowerCase()}.${last.toLowerCase()}@smit.ee`, "--start-date", "01.01.2024"], PW);
  }
  const app = await driver.launch();
  await app.signIn("mari", PASSWORD);
  await app.click('button[name="nav_roster"]');
  await app.waitFor("[data-roster-grid]");
  const month = await app.exec("return document.querySelector('[data-month]').dataset.month");
  return { app, month, mm: month.slice(5) };
}

/** Adds shift type H, 21:00 for 11 hours, on the shifts tab. */
async function addLateNightShift(app) {
    await app.click('button[name="tab_shifts"]');
    await app.type('input[name="shift_code"]', "H");
    await app.type('input[name="shift_name"]', "Hiline öö");
    await app.type('input[name="shift_start"]', "21:00");
    await app.type('input[name="shift_length"]', "11");
    await app.click('button[name="shift_save"]');
    await app.waitFor('[data-shift="H"]');
}

const cell = (app, row, col) => app.text(`[data-cell="${row}-${col}"]`);
const findings = (app) => app.texts(".findings li .msg");

async function waitFinding(app, pred, what) {
  return waitFor(async () => (await findings(app)).find(pred), what);
}

test("shift types are created, a month is filled by keyboard, a violation appears and goes", async () => {
  await withApp(async ({ home, driver }) => {
    const { app, month, mm } = await rosterOf(home, driver);

    // A new shift type.
    await addLateNightShift(app);
    assert.deepEqual((await app.texts('[data-shift="H"] td')).slice(0, 4), ["H", "Hiline öö", "21:00", "11"]);
    // A bad start time is refused next to its field.
    await app.type('input[name="shift_code"]', "X");
    await app.type('input[name="shift_name"]', "Vigane");
    await app.type('input[name="shift_start"]', "25:00");
    await app.click('button[name="shift_save"]');
    assert.equal(await app.text('[data-field-error="shift_start"]'), "kellaaeg kujul hh:mm (näiteks 08:00)");

    // Keyboard: the grid has the cursor at day 1; a code fills the cell and moves right.
    await app.click('button[name="tab_month"]');
    await app.waitFor("[data-roster-grid]");
    await app.keys("[data-roster-grid]", "ö");
    await waitFor(async () => (await cell(app, 0, 0)) === "Ö", "Ö in day 1");
    await app.keys("[data-roster-grid]", "p");
    await waitFor(async () => (await cell(app, 0, 1)).startsWith("P"), "P in day 2");

    // A night then a day shift: the rest rule with its section, and the cell is marked.
    const rest = `TLS § 51: Kati Kask 01.${mm}→02.${mm}: puhkeaeg 0 h, nõutud 11 h`;
    await waitFinding(app, (m) => m === rest, "the TLS § 51 violation");
    assert.match(await app.exec("return document.querySelector('[data-cell=\"0-1\"]').className"), /bad/);

    // Fixing it makes it go.
    await app.keys("[data-roster-grid]", LEFT + DELETE);
    await waitFor(async () => (await cell(app, 0, 1)) === "", "day 2 cleared");
    await waitFor(async () => !(await findings(app)).includes(rest), "the violation to go");

    // The file has what the screen shows.
    const csv = home.kso(["roster", "export", "--month", month, "--format", "csv"]);
    assert.match(csv.split("\n")[1], /^Kati Kask;kati\.kask@smit\.ee;Ö;;/);
    const check = JSON.parse(home.kso(["roster", "check", "--month", month, "--json"]));
    assert.ok(!check.some((f) => f.rule === "daily_rest"));
    await app.quit();
  });
});

test("a coverage gap is flagged for the hour it occurs", async () => {
  await withApp(async ({ home, driver }) => {
    const { app, mm } = await rosterOf(home, driver);
    await addLateNightShift(app);
    await app.click('button[name="tab_month"]');
    await app.waitFor("[data-roster-grid]");

    // Day 5: Kati 08–20, Jaan 21–08: nobody from 20:00 to 21:00.
    await app.keys("[data-roster-grid]", RIGHT.repeat(4) + "p");
    await waitFor(async () => (await cell(app, 0, 4)) === "P", "P on day 5");
    await app.keys("[data-roster-grid]", DOWN + LEFT + "h");
    await waitFor(async () => (await cell(app, 1, 4)) === "H", "H on day 5");

    const gap = `§ 2.2.1: 05.${mm} 20:00–21:00: puudu 1 (tööl 0, vaja 1)`;
    await waitFinding(app, (m) => m === gap, "the one-hour gap");
    const gapHours = Number(await app.text('[data-gap-day="5"]'));
    assert.ok(gapHours >= 1, `day 5 has uncovered hours: ${gapHours}`);
    // 21:00–08:00 is covered by the late night shift: no gap starts at 21:00 on day 5.
    assert.ok(!(await findings(app)).some((m) => m.startsWith(`§ 2.2.1: 05.${mm} 21:00`)));
    await app.quit();
  });
});

test("publishing a month, then a change needs a reason and is recorded", async () => {
  await withApp(async ({ home, driver }) => {
    const { app, month } = await rosterOf(home, driver);
    await app.keys("[data-roster-grid]", "p");
    await waitFor(async () => (await cell(app, 0, 0)) === "P", "P on day 1");
    await app.click('button[name="publish"]');
    await app.click('button[name="confirm_publish"]');
    await app.waitFor('[data-status="published"]');
    assert.match(await app.text('[data-status="published"]'), /^Avaldatud .*Mari Maasikas/);

    // A change now asks why.
    await app.keys("[data-roster-grid]", "\uE011" + "ö");
    await app.waitFor('[data-dialog="reason"]');
    await app.type('input[name="reason"]', "Jaan haigestus");
    await app.keys('input[name="reason"]', "\uE007");
    await app.waitGone('[data-dialog="reason"]');
    await waitFor(async () => (await cell(app, 0, 0)) === "Ö", "Ö on day 1");

    const history = await app.texts(".history li");
    assert.equal(history.length, 1);
    assert.match(history[0], /Mari Maasikas · Kati Kask \d\d\.\d\d\.\d{4}: P → Ö · „Jaan haigestus“/);
    const audit = home.ksoJson(["audit", "list"]);
    assert.equal(audit[0].action, "roster.set");
    assert.equal(audit[0].after.reason, "Jaan haigestus");
    assert.equal(audit[1].action, "roster.publish");
    assert.equal(audit[1].entity_id, month);
    await app.quit();
  });
});

test("skills, weekly hours and an absence are kept, and the roster shades the absence", async () => {
  await withApp(async ({ home, driver }) => {
    const { app, month, mm } = await rosterOf(home, driver);
    await app.click('button[name="nav_staff"]');
    await app.waitFor('[data-table="staff"]');
    await app.keys('[data-table="staff"] tbody', "\uE007");
    await app.waitFor('[data-dialog="employee"]');
    await app.click('input[name="skill_ru"]');
    await app.click('input[name="skill_first_line"]');
    await app.type('input[name="weekly_hours"]', "30,5");
    await app.click('button[name="save"]');
    await app.waitFor('[data-save-state="saved"]');
    await app.type('input[name="absence_start"]', `03.${mm}.${month.slice(0, 4)}`);
    await app.type('input[name="absence_end"]', `04.${mm}.${month.slice(0, 4)}`);
    await app.click('button[name="absence_add"]');
    await app.waitFor("[data-absence]");
    assert.match(await app.text("[data-absence]"), new RegExp(`^03\\.${mm}\\.\\d{4}–04\\.${mm}\\.\\d{4} puhkus`));
    const [kati] = home.ksoJson(["staff", "list"]);
    assert.deepEqual(kati.skills, ["ru", "first_line"]);
    assert.equal(kati.weekly_minutes, 1830);

    await app.keys('input[name="first_name"]', "\uE00C");
    await app.click('button[name="nav_roster"]');
    await app.waitFor("[data-roster-grid]");
    assert.match(await app.exec("return document.querySelector('[data-cell=\"0-2\"]').className"), /absent/);
    assert.doesNotMatch(await app.exec("return document.querySelector('[data-cell=\"0-4\"]').className"), /absent/);
    // Typing over the absence is refused with the reason.
    await app.keys("[data-roster-grid]", RIGHT + RIGHT + "p");
    assert.match(await app.text(".banner.error"), /Kati Kask \d\d\.\d\d\.\d{4}: puudub: puhkus/);
    assert.equal(await cell(app, 0, 2), "·");
    await app.quit();
  });
});

test("the reference period and a date-specific need are set on the shifts tab", async () => {
  await withApp(async ({ home, driver }) => {
    const { app, month } = await rosterOf(home, driver);
    await app.click('button[name="tab_shifts"]');
    await app.waitFor('select[name="reference_months"]');
    await app.exec("const s = document.querySelector('select[name=reference_months]'); s.value = '2'; s.dispatchEvent(new Event('change', { bubbles: true }));");
    await app.type('input[name="override_date"]', `01.${month.slice(5)}.${month.slice(0, 4)}`);
    await app.exec("const s = document.querySelector('select[name=override_shift]'); s.value = s.options[1].value; s.dispatchEvent(new Event('change', { bubbles: true }));");
    await app.type('input[name="override_min"]', "3");
    await app.type('input[name="override_optimal"]', "4");
    await app.click('button[name="override_add"]');
    await app.waitFor(`[data-override="${month}-01-P"]`);
    assert.deepEqual((await app.texts(`[data-override="${month}-01-P"] td`)).slice(1, 5), ["P", "kõik kokku", "3", "4"]);

    // Both survive leaving the page; the roster counts with the day's own minimum.
    await app.click('button[name="tab_month"]');
    await app.waitFor("[data-roster-grid]");
    assert.equal(await app.text('[data-coverage="P"] td:nth-of-type(1)'), "0⚠");
    assert.equal(await app.exec("return document.querySelector('[data-coverage=\"P\"] td').title"), "0 / 3");
    await app.click('button[name="tab_shifts"]');
    await waitFor(async () => (await app.value('select[name="reference_months"]')) === "2", "2 months kept");
    const audit = home.ksoJson(["audit", "list"]).map((a) => a.action);
    assert.deepEqual(audit.slice(0, 2), ["coverage_override.set", "department.reference_months"]);
    await app.quit();
  });
});
