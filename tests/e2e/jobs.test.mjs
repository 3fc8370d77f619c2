// Job descriptions in the real app (§ 3.4–3.5): the head writes a new position's description
// from a template, submits it, records the deputy director's approval and sees it in force;
// revises a main duty and sees the consent flag (Civil Service Act § 59(1¹)) on the version and
// in the diff; exports the version as a PDF through the document register.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { makeToken } from "./keys.mjs";
import { KSO, withApp } from "./webdriver.mjs";

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

test("the holder signs with the ID card; a signed file is checked; kept files saved; a template deleted", async () => {
  const tokenHome = join(tmpdir(), `kso-holder-${process.pid}`);
  try {
    await withApp(async ({ home, driver }) => {
      home.kso(["demo"]);
      // KSO-04's version in force, and a holder who has not acknowledged it yet.
      const line = home.ksoJson(["jobs", "list"]).find((j) => j.position.code === "KSO-04");
      const n = line.in_force[0];
      const v = home.ksoJson(["jobs", "show", "KSO-04", "--version", String(n)]);
      const done = new Set(v.acknowledgements.map((a) => a.employee_id));
      const [holderId, holder] = v.holders.find((h) => !done.has(h[0]));
      const [first, ...rest] = holder.split(" ");
      // The holder's ID card: a SoftHSM token whose certificate names them as the card does.
      const token = makeToken(tokenHome, "46813", `${rest.join(" ").toUpperCase()},${first.toUpperCase()},49001010000`);
      // The description exported unsigned, as an employee might bring it back unsigned.
      const unsigned = join(home.dir, "unsigned.pdf");
      home.kso(["export", "job", "--position", "KSO-04", "--version", String(n), "--out", unsigned]);

      const app = await driver.launch();
      await app.signIn("juhataja", "demo-parool", "documents");
      await app.click('button[name="docs_tab_settings"]');
      await app.type('input[name="pkcs11_module"]', token.module);
      await app.click('button[name="signing_settings_save"]');
      await app.waitFor('[data-form="signing_settings"] [role="status"]');

      await app.click('button[name="nav_jobs"]');
      await app.click('button[name="job_open"][data-code="KSO-04"]');
      await app.waitFor('[data-section="job_detail"]');
      await app.select('select[name="job_version"]', `v${n} — kehtib`);
      await app.waitFor(`${VIEW}[data-version="${n}"][data-state="in_force"]`);
      await app.click('button[name="job_acknowledge"]');
      await app.waitFor('[data-dialog="job_ack"]');
      await app.select('[data-dialog="job_ack"] select[name="employee_id"]', holder);

      // A PDF without a signature is refused, naming the file and the rule; nothing recorded.
      await app.click('input[name="ack_how"][value="file"]');
      await app.upload('input[name="ack_file"]', unsigned);
      await app.click('button[name="job_ack_save"]');
      assert.equal(await app.text('[data-dialog="job_ack"] [data-field-error="file"]'), "PDF-il ei ole terviklikku digiallkirja");

      // The holder signs here with the card: a wrong PIN is named; the right one signs.
      await app.click('input[name="ack_how"][value="sign"]');
      assert.match(await app.text('[data-dialog="job_ack"] [data-role]'), /Töötaja, ametijuhendiga tutvunud/);
      await app.type('input[name="pin"]', "11111");
      await app.click('button[name="job_ack_save"]');
      assert.equal(await app.text('[data-field-error="pin"]'), "PIN on vale");
      await app.type('input[name="pin"]', "46813");
      await app.click('button[name="job_ack_save"]');
      await app.waitFor("[data-holder-signed]", "the holder's signature made", 30000);
      const sig = await app.text('[data-dialog="job_ack"] [data-signature="Signature1"]');
      assert.match(sig, new RegExp(`${first.toUpperCase()},49001010000 · Töötaja, ametijuhendiga tutvunud`));
      const path = (await app.text('[data-dialog="job_ack"] [data-saved-path] code')).trim();
      assert.ok(existsSync(path), path);
      const verify = spawnSync(KSO, ["--db", home.db, "pdf", "verify", path, "--json"], {
        encoding: "utf8",
        env: { ...process.env, KSO_USER: "juhataja", KSO_PASSWORD: "demo-parool" },
      });
      assert.equal(verify.status, 0, verify.stderr);
      await app.click('button[name="job_ack_close"]');

      // The acknowledgement keeps the signed file; saving it gives the same bytes, still intact.
      const ack = `[data-section="acknowledgements"] [data-ack="${holderId}"]`;
      await app.waitFor(`${ack} button[name="job_file_save"]`);
      await app.click(`${ack} button[name="job_file_save"]`);
      await app.waitFor(`${ack} [data-saved-path]`);
      assert.match(await app.text(`${ack} [data-saved-path]`), /✔/);
      const copy = (await app.text(`${ack} [data-saved-path] code`)).trim();
      assert.deepEqual(readFileSync(copy), readFileSync(path));
      const after = home.ksoJson(["jobs", "show", "KSO-04", "--version", String(n)]);
      const recorded = after.acknowledgements.find((a) => a.employee_id === holderId);
      assert.match(recorded.file.file_name, /-allkirjastatud\.pdf$/);
      const docs = home.ksoJson(["documents", "list"]);
      assert.equal(docs[0].kind, "job");
      assert.equal(docs[0].signatures[0].role, "Töötaja, ametijuhendiga tutvunud");

      // A template saved from the description, then deleted from the new-draft dialog.
      await app.click('button[name="job_save_template"]');
      await app.type('input[name="template_name"]', "Tugispetsialist 2026");
      await app.click('button[name="job_template_save"]');
      await app.waitFor('[role="status"]');
      await app.click('button[name="jobs_back"]');
      await app.click('button[name="job_open"][data-code="KSO-02"]');
      await app.waitFor('[data-section="job_detail"] button[name="job_new"]');
      await app.click('button[name="job_new"]');
      await app.select('[data-dialog="job_new"] select[name="start"]', "mallist");
      await app.select('[data-dialog="job_new"] select[name="template"]', "Tugispetsialist 2026");
      await app.click('button[name="job_template_delete"]');
      await app.click('button[name="job_template_delete_yes"]');
      await app.waitGone('[data-confirm="job_template_delete"]');
      const names = await app.texts('[data-dialog="job_new"] select[name="template"] option');
      assert.ok(!names.includes("Tugispetsialist 2026"), names.join(", "));
      // The built-in ones cannot be deleted: no button for them.
      assert.equal((await app.findAll('button[name="job_template_delete"]')).length, 0);
      await app.quit();
    }, { env: { SOFTHSM2_CONF: join(tokenHome, "softhsm", "softhsm2.conf") } });
  } finally {
    rmSync(tokenHome, { recursive: true, force: true });
  }
});
