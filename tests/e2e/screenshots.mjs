// Takes screenshots of the main screens on demo data (for the README and for looking at):
//   DISPLAY=:99 node tests/e2e/screenshots.mjs OUT_DIR
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
  await app.click('button[name="nav_roster"]');
  await app.waitFor("[data-roster-grid]");
  writeFileSync(join(out, "roster.png"), await app.screenshot());
  await app.click('button[name="nav_audit"]');
  await app.waitFor('[data-table="audit"]');
  writeFileSync(join(out, "audit.png"), await app.screenshot());
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
  await app.click('button[name="lang_en"]');
  await app.click('button[name="nav_settings"]');
  await app.waitFor(".kpis");
  writeFileSync(join(out, "settings-en.png"), await app.screenshot());
  await app.click('button[name="lang_et"]');
  await app.quit();
});
console.log(`screenshots in ${out}`);
