// Takes screenshots of the main screens on demo data (for the README and for looking at):
//   DISPLAY=:99 node tests/e2e/screenshots.mjs OUT_DIR
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withApp } from "./webdriver.mjs";

const out = process.argv[2] ?? "docs/screenshots";
mkdirSync(out, { recursive: true });

await withApp(async ({ home, driver }) => {
  home.kso(["demo", "--employees", "40"]);
  const app = await driver.launch();
  await app.signIn("juhataja", "demo-parool", "overview");
  await app.waitFor('[data-section="overview_roster"]');
  writeFileSync(join(out, "overview.png"), await app.screenshot());
  await app.click('button[name="nav_staff"]');
  await app.waitFor('[data-table="staff"]');
  writeFileSync(join(out, "staff.png"), await app.screenshot());
  await app.exec("document.querySelector('[data-table=\"staff\"] tbody tr:nth-child(3)').dispatchEvent(new MouseEvent('dblclick', {bubbles: true}))");
  await app.waitFor('[data-dialog="employee"]');
  await app.type('input[name="email"]', "vigane-aadress");
  await app.click('button[name="save"]');
  await app.waitFor('[data-field-error="email"]');
  writeFileSync(join(out, "employee.png"), await app.screenshot());
  await app.keys('input[name="email"]', "\uE00C");
  await app.click('button[name="nav_jobs"]');
  await app.waitFor('[data-table="jobs"]');
  writeFileSync(join(out, "jobs.png"), await app.screenshot());
  await app.click('button[name="job_open"][data-code="KSO-04"]');
  await app.waitFor('article.job-view[data-state="submitted"]');
  writeFileSync(join(out, "job.png"), await app.screenshot());
  await app.click('button[name="job_compare"]');
  await app.waitFor('[data-dialog="job_diff"] [data-diff-section]');
  writeFileSync(join(out, "job-diff.png"), await app.screenshot());
  await app.keys('[data-dialog="job_diff"] select[name="diff_from"]', "\uE00C");
  await app.waitGone('[data-dialog="job_diff"]');
  // The version in force: the holders' acknowledgement, signed here with the ID card.
  await app.select('select[name="job_version"]', "v1 — kehtib");
  await app.waitFor('article.job-view[data-state="in_force"]');
  await app.click('button[name="job_acknowledge"]');
  await app.click('input[name="ack_how"][value="sign"]');
  await app.waitFor('[data-dialog="job_ack"] input[name="pin"]');
  writeFileSync(join(out, "job-ack.png"), await app.screenshot());
  await app.keys('[data-dialog="job_ack"] input[name="pin"]', "\uE00C");
  await app.waitGone('[data-dialog="job_ack"]');
  // Interviews: the year's list, one held interview with its goals, the proposals.
  await app.click('button[name="nav_reviews"]');
  await app.waitFor('[data-table="reviews"]');
  writeFileSync(join(out, "reviews.png"), await app.screenshot());
  await app.exec(`[...document.querySelectorAll('button[name="review_open"]')].find((b) => b.querySelector('[data-status="held"]'))?.click()`);
  await app.waitFor('[data-section="review_detail"]');
  writeFileSync(join(out, "review.png"), await app.screenshot());
  await app.click('button[name="reviews_back"]');
  await app.click('button[name="tab_proposals"]');
  await app.waitFor('[data-table="proposals"]');
  writeFileSync(join(out, "proposals.png"), await app.screenshot());
  await app.click('button[name="nav_roster"]');
  await app.waitFor("[data-roster-grid]");
  writeFileSync(join(out, "roster.png"), await app.screenshot());
  await app.click('button[name="nav_contracts"]');
  await app.waitFor('[data-table="contracts"]');
  writeFileSync(join(out, "contracts.png"), await app.screenshot());
  await app.exec(`[...document.querySelectorAll('[data-table="contracts"] tbody tr')].find((tr) => tr.textContent.includes("Seirelahenduse tugiteenus")).dispatchEvent(new MouseEvent("dblclick", { bubbles: true }))`);
  await app.waitFor('[data-section="contract_card"]');
  writeFileSync(join(out, "contract.png"), await app.screenshot());
  await app.click('button[name="contract_back"]');
  await app.click('button[name="contract_new"]');
  await app.waitFor('[data-dialog="contract"]');
  writeFileSync(join(out, "contract-new.png"), await app.screenshot());
  await app.keys('input[name="contract_number"]', "\uE00C");
  await app.click('button[name="tab_budget"]');
  await app.waitFor('[data-table="budget"]');
  writeFileSync(join(out, "budget.png"), await app.screenshot());
  // Indicators: the dashboard, a month's tickets, the targets, the import and the mapping.
  await app.click('button[name="nav_kpi"]');
  await app.waitFor('.kpi-card svg.kpi-chart');
  writeFileSync(join(out, "kpi.png"), await app.screenshot());
  await app.click('.kpi-card[data-kpi="2.3.4"] button[name="kpi_figure"]');
  await app.waitFor('[data-dialog="kpi_drill"] .kpi-drill-range[aria-busy="false"]');
  writeFileSync(join(out, "kpi-drill.png"), await app.screenshot());
  await app.click('[data-dialog="kpi_drill"] button[name="drill_close"]');
  await app.click('button[name="kpi_tab_targets"]');
  await app.waitFor('[data-table="kpi_targets"]');
  writeFileSync(join(out, "kpi-targets.png"), await app.screenshot());
  await app.click('button[name="kpi_tab_actuals"]');
  await app.waitFor('.kpi-actuals');
  writeFileSync(join(out, "kpi-actuals.png"), await app.screenshot());
  await app.click('button[name="kpi_tab_import"]');
  await app.waitFor('[data-form="kpi_import"]');
  writeFileSync(join(out, "kpi-import.png"), await app.screenshot());
  const mapped = join(home.dir, "vana-susteem.csv");
  writeFileSync(mapped, "Nr;Pealkiri;Olek;Loodud;Lahendatud;Tähtaeg;Meeskond;Tagastatud;Hinne\n" +
    "V-1;Printer ei prindi;Lahendatud;02.11.2026 09:15;02.11.2026 11:40;03.11.2026;KSO kasutajatugi;ei;9\n" +
    "V-2;VPN katkeb;Lahendatud;03.11.2026 10:05;05.11.2026 16:20;04.11.2026;Võrguteenused;jah;6\n");
  await app.click('button[name="kpi_tab_mapping"]');
  await app.click('button[name="profile_new"]');
  await app.upload('#kpi-mapping-file', mapped);
  await app.waitFor('[data-section="kpi_mapping"] select');
  writeFileSync(join(out, "kpi-mapping.png"), await app.screenshot());
  // A signed export: the CLI signs one with a test key, the app exports another and shows it.
  const keys = join(home.dir, "keys");
  mkdirSync(keys, { recursive: true });
  const ssl = (...args) => execFileSync("openssl", args, { cwd: keys, stdio: "pipe" });
  ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout", "k.key", "-out", "k.pem", "-days", "30",
    "-nodes", "-subj", "/C=EE/O=SMIT/CN=MAASIKAS,MARI,48001010000");
  ssl("pkcs12", "-export", "-inkey", "k.key", "-in", "k.pem", "-out", "k.p12", "-passout", "pass:x");
  home.kso(["--user", "juhataja", "export", "contracts", "--year", String(new Date().getFullYear()), "--out", join(home.dir, "c.pdf"),
    "--sign-p12", join(keys, "k.p12")], { KSO_PASSWORD: "demo-parool", KSO_P12_PASSWORD: "x" });
  await app.click('button[name="nav_roster"]');
  await app.click('button[name="export_pdf"]');
  await app.click('input[name="sign_with"][value="p12"]');
  await app.upload('input[name="p12_file"]', join(keys, "k.p12"));
  await app.type('input[name="p12_password"]', "x");
  writeFileSync(join(out, "export.png"), await app.screenshot());
  await app.click('button[name="export_submit"]');
  await app.waitFor('[data-section="verification"]');
  writeFileSync(join(out, "export-signed.png"), await app.screenshot());
  await app.click('button[name="export_close"]');
  await app.click('button[name="nav_documents"]');
  await app.waitFor('[data-table="documents"] tbody tr');
  writeFileSync(join(out, "documents.png"), await app.screenshot());
  await app.click('button[name="lang_en"]');
  await app.click('button[name="nav_settings"]');
  await app.waitFor(".kpis");
  writeFileSync(join(out, "settings-en.png"), await app.screenshot());
  await app.click('button[name="lang_et"]');
  // Issue 6: accounts, the substitution, security, the audit check, the lock screen, and the
  // substitute's view while acting for the head.
  await app.click('button[name="settings_tab_accounts"]');
  await app.waitFor('[data-table="accounts"]');
  writeFileSync(join(out, "accounts.png"), await app.screenshot());
  await app.click('button[name="settings_tab_substitution"]');
  const today = new Intl.DateTimeFormat("et-EE", { timeZone: "Europe/Tallinn", day: "2-digit", month: "2-digit", year: "numeric" });
  await app.type('input[name="starts_on"]', today.format(new Date()));
  await app.type('input[name="ends_on"]', today.format(new Date(Date.now() + 4 * 86400000)));
  await app.type('input[name="reason"]', "Põhipuhkus");
  await app.select('select[name="substitute_id"]', "Jaan Tamm");
  await app.click('button[name="save_absence"]');
  await app.waitFor('[data-table="head_absences"] [data-state="current"]');
  writeFileSync(join(out, "substitution.png"), await app.screenshot());
  await app.click('button[name="settings_tab_security"]');
  await app.waitFor('input[name="idle_lock_minutes"]');
  writeFileSync(join(out, "security.png"), await app.screenshot());
  await app.click('button[name="lock"]');
  await app.waitFor('[data-page="lock"]');
  writeFileSync(join(out, "lock.png"), await app.screenshot());
  await app.quit();
  const acting = await driver.launch();
  await acting.signIn("asendaja", "demo-parool", "overview");
  await acting.waitFor(".acting-banner");
  writeFileSync(join(out, "overview-acting.png"), await acting.screenshot());
  await acting.click('button[name="nav_audit"]');
  await acting.click('button[name="audit_verify"]');
  await acting.waitFor(".audit-verified");
  writeFileSync(join(out, "audit.png"), await acting.screenshot());
  await acting.quit();
});
console.log(`screenshots in ${out}`);
