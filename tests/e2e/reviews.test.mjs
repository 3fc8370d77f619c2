// Reviews in the real app (§ 3.7.5, § 3.7.10, § 3.7.11; ATS § 30): plan and hold a development
// interview, rate last year's goals and set next year's, make a training request from a need,
// give the summary, record the comments, sign it as the head and then as the employee (an
// ID-card-like SoftHSM token); submit a personnel proposal; the dashboard's reminders; a viewer
// sees no interview.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { makeKeys, makeToken, PASSWORD } from "./keys.mjs";
import { KSO, withApp } from "./webdriver.mjs";

const YEAR = new Date().getFullYear();

test("hold an interview, rate and set goals, a training request from a need, sign the summary twice; a proposal", async () => {
  const tokenHome = join(tmpdir(), `kso-review-${process.pid}`);
  try {
    await withApp(async ({ home, driver }) => {
      home.kso(["demo"]);
      // Someone whose interview this year is not planned yet (not a new hire).
      const line = home.ksoJson(["reviews", "list", "--year", String(YEAR)]).find((r) => r.annual === null && r.probation === null);
      assert.ok(line, "the demo leaves some interviews unplanned");
      const [first, ...rest] = line.employee.split(" ");
      const token = makeToken(tokenHome, "46813", `${rest.join(" ").toUpperCase()},${first.toUpperCase()},49001010000`);
      const keys = makeKeys(join(home.dir, "keys"));

      const app = await driver.launch();
      await app.signIn("juhataja", "demo-parool", "overview");
      // The dashboard reminds of the interviews not held, naming this employee.
      await app.waitFor('[data-section="overview_reviews"] [data-reminder="annual_not_held"]');
      assert.match(await app.text('[data-section="overview_reviews"] [data-reminder="annual_not_held"]'), new RegExp(line.employee));
      await app.click('button[name="nav_documents"]');
      await app.click('button[name="docs_tab_settings"]');
      await app.type('input[name="pkcs11_module"]', token.module);
      await app.click('button[name="signing_settings_save"]');
      await app.waitFor('[data-form="signing_settings"] [role="status"]');

      await app.click('button[name="nav_reviews"]');
      await app.waitFor('[data-table="reviews"]');
      await app.click(`button[name="review_plan"][data-employee="${line.employee_id}"]`);
      await app.waitFor('[data-dialog="review_plan"]');
      await app.click('button[name="review_plan_save"]');
      await app.waitFor('[data-section="review_editor"]', "the new interview's editor");

      // Last year's next goals are this year's goals to rate; one more goal, rated too.
      await app.click('button[name="goals_add"]');
      const rows = (await app.findAll('[data-goals="goals"] [data-goal-row]')).length;
      const added = rows - 1;
      await app.type(`input[name="goals_${added}_text"]`, "Juhendada uut kolleegi sisseelamisel");
      // Unrated goals keep it from being held: saved first, then the step is refused.
      await app.click('button[name="review_save"]');
      await app.waitFor('[data-section="review_detail"] [role="status"]');
      await app.click('button[name="review_held"]');
      await app.waitText('[data-section="review_detail"] [data-field-error="goals"]', (s) => /iga eesmärk tuleb hinnata/.test(s), "the unrated refusal");
      for (let i = 0; i < rows; i++) await app.select(`select[name="goals_${i}_rating"]`, `${1 + (i % 4)} –`);
      await app.click('button[name="next_goals_add"]');
      await app.type('input[name="next_goals_0_text"]', "Lahendada 75 % pöördumistest esimesel tasandil");
      await app.select('select[name="next_goals_0_kpi"]', "2.3.4");
      await app.click('button[name="need_add"]');
      await app.type('input[name="need_0"]', "ITIL 4 Foundation");
      await app.type('textarea[name="development"]', "Omandas uue piletisüsteemi töövood.");
      await app.type('textarea[name="feedback"]', "Meeskonna koosolekud võiksid olla lühemad.");
      await app.click('button[name="review_save"]');
      await app.waitFor('[data-section="saved_needs"] button[name="training_from_need"]');
      await app.click('button[name="review_held"]');
      await app.waitFor('[data-review-status="held"]');

      // A training request from the need, against the training budget line.
      await app.click('button[name="training_from_need"]');
      await app.waitFor('[data-dialog="training"]');
      assert.equal(await app.value('[data-dialog="training"] input[name="course"]'), "ITIL 4 Foundation");
      await app.type('input[name="provider"]', "BCS Koolitus AS");
      await app.type('input[name="starts_on"]', `14.12.${YEAR}`);
      await app.type('input[name="ends_on"]', `15.12.${YEAR}`);
      await app.type('input[name="cost"]', "1 150,00");
      await app.select('select[name="budget_line_id"]', `${YEAR} · 4508`);
      await app.click('button[name="training_save"]');
      await app.waitFor('[data-section="needs"] [data-training], [data-section="saved_needs"] [data-training]', "the request shown at its need");

      // The summary, given; the employee's comments recorded; the content is then locked.
      await app.type('textarea[name="summary"]', "Töötulemused vastavad ootustele.");
      await app.click('button[name="review_save"]');
      await app.waitFor('[data-section="review_detail"] [role="status"]');
      await app.click('button[name="review_give_summary"]');
      await app.waitFor('[data-review-status="summary_given"]');
      assert.equal((await app.findAll('[data-section="review_editor"]')).length, 0, "locked after the summary");
      await app.click('button[name="review_comments"]');
      await app.type('textarea[name="employee_comments"]', "Olen kokkuvõttega nõus.");
      await app.click('button[name="review_comments_save"]');
      await app.waitFor('[data-review-status="commented"]');
      assert.equal(await app.text('[data-review-section="comments"]'), "Olen kokkuvõttega nõus.");

      // Signed by the head (a key file), then by the employee (their ID card).
      await app.click('button[name="review_sign"]');
      await app.waitFor('[data-dialog="review_sign"]');
      await app.click('input[name="sign_with"][value="p12"]');
      await app.upload('input[name="p12_file"]', keys.p12);
      await app.type('input[name="p12_password"]', PASSWORD);
      await app.click('button[name="review_sign_submit"]');
      await app.waitFor('[data-review-signed="commented"]', "the head's signature", 30000);
      await app.click('button[name="review_sign_close"]');
      await app.click('button[name="review_sign"]');
      await app.waitFor('[data-dialog="review_sign"]');
      assert.equal(await app.value('select[name="signer"]'), "employee");
      await app.type('input[name="pin"]', "46813");
      await app.click('button[name="review_sign_submit"]');
      await app.waitFor('[data-review-signed="signed"]', "the employee's signature", 30000);
      assert.match(await app.text('[data-dialog="review_sign"] [data-signature="Signature2"]'), /Töötaja, kokkuvõttega tutvunud/);
      const path = (await app.text('[data-dialog="review_sign"] [data-saved-path] code')).trim();
      assert.ok(existsSync(path), path);
      const verify = spawnSync(KSO, ["--db", home.db, "pdf", "verify", path, "--json"], {
        encoding: "utf8",
        env: { ...process.env, KSO_USER: "juhataja", KSO_PASSWORD: "demo-parool" },
      });
      assert.equal(verify.status, 0, verify.stderr);
      assert.equal(JSON.parse(verify.stdout).report.signatures.length, 2);
      await app.click('button[name="review_sign_close"]');
      await app.waitFor('[data-review-status="signed"]');

      // The CLI agrees: signed; the request is at the training list.
      const after = home.ksoJson(["reviews", "list", "--year", String(YEAR)]).find((r) => r.employee_id === line.employee_id);
      assert.equal(after.annual[1], "signed");
      const training = home.ksoJson(["training", "list"]).find((x) => x.employee_id === line.employee_id && x.course === "ITIL 4 Foundation");
      assert.equal(training.status, "requested");
      assert.equal(training.cost_cents, 115000);

      // Approved, the request's cost counts against the training line (§ 3.7.10).
      const line4508 = () => home.ksoJson(["budget", "status", "--year", String(YEAR)]).lines.find((l) => l.code === "4508");
      const before = line4508();
      await app.click('button[name="reviews_back"]');
      await app.click('button[name="tab_training"]');
      await app.click(`[data-training="${training.id}"] button[name="training_approve"]`);
      await app.waitText(`[data-table="trainings"] tbody`, () => line4508().training_cents === before.training_cents + 115000, "the cost on the line");
      assert.equal(line4508().free_cents, before.free_cents - 115000);

      // A proposal: a reward needs an amount; then submitted to management.
      await app.click('button[name="tab_proposals"]');
      await app.click('button[name="proposal_new"]');
      await app.waitFor('[data-dialog="proposal"]');
      await app.select('select[name="employee_id"]', line.employee);
      await app.type('textarea[name="justification"]', "Erakordne panus piletisüsteemi vahetusel.");
      await app.click('button[name="proposal_save"]');
      assert.equal(await app.text('[data-dialog="proposal"] [data-field-error="proposal_amount"]'), "kohustuslik väli");
      await app.type('input[name="proposal_amount"]', "600");
      await app.click('button[name="proposal_save"]');
      await app.waitGone('[data-dialog="proposal"]');
      const proposals = home.ksoJson(["proposals", "list"]);
      const mine = proposals.find((p) => p.employee_id === line.employee_id && p.kind === "reward" && p.status === "draft");
      assert.equal(mine.amount_cents, 60000);
      await app.click(`[data-proposal="${mine.id}"] button[name="proposal_submit"]`);
      await app.waitFor(`[data-table="proposals"] [data-proposal="${mine.id}"]`);
      await app.waitText(`[data-table="proposals"] tbody`, () => home.ksoJson(["proposals", "list"]).find((p) => p.id === mine.id).status === "submitted", "submitted");
      await app.quit();
    }, { env: { SOFTHSM2_CONF: join(tokenHome, "softhsm", "softhsm2.conf") } });
  } finally {
    rmSync(tokenHome, { recursive: true, force: true });
  }
});

test("interviews are confidential: the viewer sees only training, no reminders", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const app = await driver.launch();
    await app.signIn("vaatleja", "demo-parool", "overview");
    assert.equal((await app.findAll('[data-section="overview_reviews"]')).length, 0);
    await app.click('button[name="nav_reviews"]');
    await app.waitFor('[data-table="trainings"]');
    assert.equal((await app.findAll('button[name="tab_interviews"]')).length, 0);
    assert.equal((await app.findAll('button[name="tab_proposals"]')).length, 0);
    // The core refuses the CLI the same.
    const r = spawnSync(KSO, ["--db", home.db, "reviews", "list", "--year", String(YEAR)], {
      encoding: "utf8",
      env: { ...process.env, KSO_USER: "vaatleja", KSO_PASSWORD: "demo-parool" },
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /arenguvestluste ja personaliettepanekute vaatamine/);
    await app.quit();
  });
});
