// Signed PDF summaries in the real app: export the month's roster signed with a .p12, see the
// verification, find it in the register, verify the file again, trust the CA.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makeKeys, makeToken, PASSWORD } from "./keys.mjs";
import { KSO, withApp } from "./webdriver.mjs";

const MONTH = new Date().toISOString().slice(0, 7);

test("the month's roster exported and signed with a .p12, verified, registered, and trusted once the CA is added", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const keys = makeKeys(join(home.dir, "keys"));
    const app = await driver.launch();
    await app.signIn("juhataja", "demo-parool", "roster");

    // A wrong password is named next to its field, and nothing is exported.
    await app.click('button[name="export_pdf"]');
    await app.waitFor('[data-dialog="export"]');
    await app.click('input[name="sign_with"][value="p12"]');
    await app.upload('input[name="p12_file"]', keys.p12);
    assert.match(await app.text('[data-role]'), /Osakonnajuhataja$/);
    await app.type('input[name="p12_password"]', "vale");
    await app.click('button[name="export_submit"]');
    assert.equal(await app.text('[data-field-error="p12_password"]'), "võtmefaili parool on vale");
    assert.deepEqual(home.ksoJson(["documents", "list"]), []);

    // With the right one: the file is saved, signed, and its signature checked at once.
    await app.type('input[name="p12_password"]', PASSWORD);
    await app.click('button[name="export_submit"]');
    await app.waitFor('[data-section="verification"]');
    const number = await app.exec("return document.querySelector('[data-exported]').dataset.exported");
    assert.match(number, /^KSO-\d{4}-0001$/);
    assert.equal(await app.exec("return document.querySelector('[data-section=verification]').dataset.allIntact"), "yes");
    const sig = await app.text('[data-signature="Signature1"]');
    assert.match(sig, /MAASIKAS,MARI,48001010000 · Osakonnajuhataja/);
    assert.match(sig, /terve; allkiri hõlmab kogu dokumenti/);
    assert.match(sig, /usaldusankruid ei ole lisatud/);
    const path = (await app.text("[data-saved-path] code")).trim();
    assert.ok(path.startsWith(home.downloads), path);
    assert.ok(existsSync(path));
    // The saved file is what the CLI verifies too (exit 0: every signature intact).
    const cli = spawnSync(KSO, ["--db", home.db, "pdf", "verify", path, "--json"], {
      encoding: "utf8",
      env: { ...process.env, KSO_USER: "juhataja", KSO_PASSWORD: "demo-parool" },
    });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(JSON.parse(cli.stdout).document.number, number);
    await app.click('button[name="export_close"]');
    await app.waitGone('[data-dialog="export"]');

    // The register lists it with its signature.
    await app.click('button[name="nav_documents"]');
    await app.waitFor('[data-table="documents"] tbody tr');
    const row = (await app.texts('[data-table="documents"] tbody tr td')).join(" | ");
    assert.match(row, new RegExp(`${number} \\| Valvegraafik`));
    assert.match(row, /MAASIKAS,MARI,48001010000 \(Osakonnajuhataja/);

    // Verifying the file: intact; after the CA is imported as a trust anchor, trusted.
    await app.click('button[name="docs_tab_verify"]');
    await app.upload('input[name="verify_file"]', path);
    await app.waitFor('[data-signature="Signature1"]');
    assert.equal(await app.exec("return document.querySelector('[data-signature=Signature1]').dataset.trust"), "no_anchors");
    assert.match(await app.text("[data-document]"), new RegExp(number));
    await app.click('button[name="docs_tab_settings"]');
    await app.upload('input[name="anchor_file"]', keys.ca);
    await app.waitFor('[data-table="trust_anchors"] tbody tr');
    assert.match(await app.text('[data-table="trust_anchors"] tbody tr'), /KSO Desk test CA/);
    await app.click('button[name="docs_tab_verify"]');
    await app.upload('input[name="verify_file"]', path);
    await app.waitFor('[data-signature="Signature1"][data-trust="trusted"]');
    assert.match(await app.text('[data-signature="Signature1"]'), /sertifikaat on usaldatud \(KSO Desk test CA\)/);

    // A file changed after signing is reported as such.
    const bytes = readFileSync(path);
    const tampered = join(home.dir, "tampered.pdf");
    writeFileSync(tampered, Buffer.concat([bytes, Buffer.from("\n% appended\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")]));
    await app.upload('input[name="verify_file"]', tampered);
    await app.waitFor('[data-section="verification"][data-all-intact="no"]');
    await app.quit();
  });
});

test("the deputy, not acting for the head, exports unsigned and is not offered signing", async () => {
  await withApp(async ({ home, driver }) => {
    home.kso(["demo"]);
    const app = await driver.launch();
    await app.signIn("asendaja", "demo-parool", "documents");
    await app.select('select[name="export_kind"]', "Koosseisu tabel");
    await app.click('button[name="export_open"]');
    await app.waitFor('[data-dialog="export"] [data-no-signing]');
    assert.equal(await app.exec("return document.querySelector('input[name=sign_with][value=p12]').disabled"), true);
    await app.click('button[name="export_submit"]');
    await app.waitFor("[data-exported]");
    assert.ok(existsSync((await app.text("[data-saved-path] code")).trim()));
    const docs = home.ksoJson(["documents", "list"]);
    assert.equal(docs.length, 1);
    assert.equal(docs[0].kind, "staffing");
    assert.equal(docs[0].created_by, "Jaan Tamm");
    assert.deepEqual(docs[0].signatures, []);
    await app.quit();
  });
});

test("the budget signed with the ID card (a SoftHSM token, PIN for every signature); a wrong PIN is named", async () => {
  const home0 = join((await import("node:os")).tmpdir(), `kso-token-${process.pid}`);
  const token = makeToken(home0, "46813");
  try {
    await withApp(async ({ home, driver }) => {
      home.kso(["demo"]);
      const app = await driver.launch();
      await app.signIn("juhataja", "demo-parool", "documents");
      // The module is a setting (OpenSC's by default).
      await app.click('button[name="docs_tab_settings"]');
      assert.equal(await app.value('input[name="pkcs11_module"]'), "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
      await app.type('input[name="pkcs11_module"]', token.module);
      await app.click('button[name="signing_settings_save"]');
      await app.waitFor('[data-form="signing_settings"] [role="status"]');

      await app.click('button[name="nav_contracts"]');
      await app.click('button[name="tab_budget"]');
      await app.click('button[name="export_pdf"]');
      await app.click('input[name="sign_with"][value="pkcs11"]');
      await app.type('input[name="pin"]', "11111");
      await app.click('button[name="export_submit"]');
      assert.equal(await app.text('[data-field-error="pin"]'), "PIN on vale");
      assert.deepEqual(home.ksoJson(["documents", "list"]), []);
      await app.type('input[name="pin"]', "46813");
      await app.click('button[name="export_submit"]');
      await app.waitFor('[data-signature="Signature1"]');
      const sig = await app.text('[data-signature="Signature1"]');
      assert.match(sig, /KASK,KATI,49001010000 · Osakonnajuhataja/);
      assert.match(sig, /SHA-384, ECDSA P-384/);
      assert.equal(await app.exec("return document.querySelector('[data-section=verification]').dataset.allIntact"), "yes");
      const docs = home.ksoJson(["documents", "list"]);
      assert.equal(docs[0].kind, "budget");
      assert.equal(docs[0].signatures[0].key_source, "pkcs11");
      await app.quit();
    }, { env: { SOFTHSM2_CONF: token.conf } });
  } finally {
    rmSync(home0, { recursive: true, force: true });
  }
});
