// Job descriptions in the real app (§ 3.4–3.5): the head writes a new position's description
// from a template, submits it, records the deputy director's approval and sees it in force;
// revises a main duty and sees the consent flag (Civil Service Act § 59(1¹)) on the version and
// in the diff; exports the version as a PDF through the document register.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { withApp } from "./webdriver.mjs";

const VIEW = "article.job-view";

test("write, submit, approve, in force; revise a main duty: the consent flag and the diff; the PDF", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const app = await driver.launch();
    await app.signIn("juhataja", "demo-parool");

    // A new position in the staffing table: it has no description yet.
    await app.click('button[name="tab_positions"]');
    await app.waitFor('[data-table="positions"]');
    await app.type('input[name="position_code"]', "KSO-08");
    await app.type('input[name="position_title"]', "Teenusehaldur");
    await app.type('input[name="position_approved_on"]', "01.12.2026");
    await app.type('input[name="position_directive_no"]', "1-1/2026/40");
    await app.click('button[name="position_save"]');
    await app.waitFor('[data-position="KSO-08"]');

    await app.click('button[name="nav_jobs"]');
    await app.waitFor('[data-table="jobs"] tr.job-KSO-08');
    assert.match(await app.text('[data-table="jobs"] tr.job-KSO-08'), /kehtiv puudub/);
    // The demo's pending revision of the support specialist's description needs consent.
    assert.equal((await app.findAll('[data-table="jobs"] tr.job-KSO-04 [data-consent]')).length, 1);
    // The checks name the new position: no description in force.
    await app.waitFor('[data-section="job_checks"] [data-issue="none_in_force"][data-position="KSO-08"]');

    // Written from the built-in template.
    await app.click('button[name="job_open"][data-code="KSO-08"]');
    await app.waitFor('[data-section="job_detail"]');
    await app.click('button[name="job_new"]');
    await app.waitFor('[data-dialog="job_new"]');
    await app.select('[data-dialog="job_new"] select[name="start"]', "mallist");
    await app.select('[data-dialog="job_new"] select[name="template"]', "Kasutajatoe spetsialist");
    await app.click('button[name="job_create"]');
    await app.waitFor('[data-section="job_editor"]', "the editor of the new draft");
    await app.type('textarea[name="purpose"]', "Hallata osakonna IT-teenuseid nii, et kasutajad saavad kokkulepitud teenuse.");
    await app.type('textarea[name="duty_1_text"]', "Haldab teenuste kataloogi ja teenustasemelepinguid.");
    await app.click('input[name="substituted_by_KSO-03"]');
    await app.type('input[name="note"]', "Esimene versioon");
    await app.click('button[name="job_save"]');
    await app.waitFor(`${VIEW}[data-state="draft"]`, "the saved draft");
    assert.equal(await app.text('[data-job-section="purpose"]'), "Hallata osakonna IT-teenuseid nii, et kasutajad saavad kokkulepitud teenuse.");
    assert.match(await app.text('[data-job-section="substituted_by"]'), /^KSO-03 /);

    // Submitted, then the approval recorded: in force from today.
    await app.click('button[name="job_submit"]');
    await app.waitFor(`${VIEW}[data-state="submitted"]`);
    await app.click('button[name="job_record_approval"]');
    await app.waitFor('[data-dialog="job_approve"]');
    // Without a reference or the signed PDF the approval is refused, naming the field.
    await app.click('button[name="job_approve_save"]');
    await app.waitFor('[data-dialog="job_approve"] [data-field-error="reference"]');
    await app.type('input[name="reference"]', "1-3/2026/99");
    await app.click('button[name="job_approve_save"]');
    await app.waitFor(`${VIEW}[data-version="1"][data-state="in_force"]`, "version 1 in force");
    assert.match(await app.text(`${VIEW} [data-approval]`), /1-3\/2026\/99/);

    // A revision: a main duty reworded. The version and the diff say it needs consent.
    await app.click('button[name="job_new"]');
    await app.waitFor('[data-dialog="job_new"]');
    assert.equal(await app.value('[data-dialog="job_new"] select[name="start"]'), "latest");
    await app.click('button[name="job_create"]');
    await app.waitFor('[data-section="job_editor"]');
    await app.type('textarea[name="duty_1_text"]', "Haldab teenuste kataloogi, teenustasemelepinguid ja teenuste aruandlust.");
    await app.click('button[name="job_save"]');
    await app.waitFor(`${VIEW}[data-version="2"][data-state="draft"]`);
    assert.match(await app.text(`${VIEW} [data-consent]`), /Vajab töötaja nõusolekut .*põhiülesanded/);

    await app.click('button[name="job_compare"]');
    await app.waitFor('[data-dialog="job_diff"] [data-diff-section="duty"]');
    const duty = '[data-dialog="job_diff"] [data-diff-section="duty"][data-consent="true"]';
    await app.waitFor(duty, "the changed main duty marked for consent");
    const added = (await app.texts(`${duty} ins`)).join(" ");
    assert.match(added, /aruandlust/);
    // Kept and removed words give the old text, kept and added ones the new.
    const texts = await app.exec(
      `const p = document.querySelector(arguments[0] + " p");
       const part = (skip) => [...p.childNodes].filter((n) => n.nodeName !== skip).map((n) => n.textContent).join("");
       return [part("INS"), part("DEL")];`,
      [duty],
    );
    assert.deepEqual(texts, [
      "Haldab teenuste kataloogi ja teenustasemelepinguid.",
      "Haldab teenuste kataloogi, teenustasemelepinguid ja teenuste aruandlust.",
    ]);
    assert.equal((await app.findAll('[data-dialog="job_diff"] [data-diff-section]')).length, 1, "only the duty changed");
    await app.click('[data-dialog="job_diff"] button[aria-label]');
    await app.waitGone('[data-dialog="job_diff"]');

    // The PDF of version 2, through the document register.
    await app.click('button[name="export_pdf"]');
    await app.waitFor('[data-dialog="export"]');
    await app.click('button[name="export_submit"]');
    await app.waitFor("[data-exported]");
    const path = (await app.text("[data-saved-path] code")).trim();
    assert.ok(existsSync(path), path);
    assert.equal(readFileSync(path).subarray(0, 5).toString(), "%PDF-");
    const docs = home.ksoJson(["documents", "list"]);
    assert.equal(docs.length, 1);
    assert.equal(docs[0].kind, "job");
    assert.equal(docs[0].period, "KSO-08-v2");
    await app.click('button[name="export_close"]');

    // The same in the CLI.
    const list = home.ksoJson(["jobs", "list"]);
    const line = list.find((j) => j.position.code === "KSO-08");
    assert.equal(line.in_force[0], 1);
    assert.deepEqual(line.open, [2, "draft"]);
    assert.equal(line.open_consent, true);
    await app.quit();
  });
});
