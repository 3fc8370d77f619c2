// The staffing table (§ 3.1) in the real app.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./webdriver.mjs";

test("the staffing table shows approvals, holders and vacancies; a position needs its directive", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const app = await driver.launch();
    await app.signIn("juhataja", "demo-parool");
    await app.click('button[name="tab_positions"]');
    await app.waitFor('[data-table="positions"]');
    const spec = await app.texts('[data-position="KSO-04"] td');
    assert.equal(spec[1], "Kasutajatoe spetsialist");
    assert.match(spec[5], /^\d\d\.\d\d\.\d{4} nr 1-1\/2025\/17$/);
    assert.match(spec[6], /vaba 1$/);
    assert.equal(spec[4], "Vahetuse vanem");

    await app.type('input[name="position_code"]', "KSO-08");
    await app.type('input[name="position_title"]', "Teenusehaldur");
    await app.type('input[name="position_approved_on"]', "01.12.2026");
    await app.click('button[name="position_save"]');
    assert.equal(await app.text('[data-field-error="position_directive_no"]'), "§ 3.1: kinnitamisel on nii kuupäev kui ka käskkirja number");
    assert.equal((await app.findAll('[data-position="KSO-08"]')).length, 0);

    await app.type('input[name="position_directive_no"]', "1-1/2026/40");
    await app.click('button[name="position_save"]');
    await app.waitFor('[data-position="KSO-08"]');
    const row = await app.texts('[data-position="KSO-08"] td');
    assert.equal(row[5], "01.12.2026 nr 1-1/2026/40");
    assert.match(row[6], /vaba 1/);
    const audit = home.ksoJson(["audit", "list"]);
    assert.equal(audit[0].action, "position.add");
    await app.quit();
  });
});
