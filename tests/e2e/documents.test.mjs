// Signed PDF summaries in the real app: export the month's roster signed with a .p12, see the
// verification, find it in the register, verify the file again, trust the CA.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { KSO, withApp } from "./webdriver.mjs";

const PASSWORD = "test-parool";

/** A CA and a P-256 signer with a PKCS#12 file, made with OpenSSL in `dir`. */
function makeKeys(dir) {
  mkdirSync(dir, { recursive: true });
  const ssl = (...args) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-keyout", "ca.key", "-out", "ca.pem",
    "-days", "3650", "-nodes", "-subj", "/C=EE/O=KSO Desk test/CN=KSO Desk test CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  writeFileSync(join(dir, "signer.ext"), "keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n");
  ssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout", "head.key", "-out", "head.csr", "-nodes",
    "-subj", "/C=EE/O=SMIT/CN=MAASIKAS,MARI,48001010000");
  ssl("x509", "-req", "-in", "head.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "head.pem",
    "-days", "825", "-extfile", "signer.ext");
  ssl("pkcs12", "-export", "-inkey", "head.key", "-in", "head.pem", "-out", "head.p12", "-passout", `pass:${PASSWORD}`);
  return { p12: join(dir, "head.p12"), ca: join(dir, "ca.pem") };
}

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

/** A SoftHSM token like the ID card's signing side: a P-384 key "Allkirjastamine" that asks for
 *  the PIN on every signature (always-authenticate), with a certificate from a test CA. */
function makeToken(dir, pin) {
  const keys = makeKeys(join(dir, "keys"));
  const tokens = join(dir, "softhsm", "tokens");
  mkdirSync(tokens, { recursive: true });
  const conf = join(dir, "softhsm", "softhsm2.conf");
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const module = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"].find((p) => existsSync(p));
  const run = (cmd, ...args) => execFileSync(cmd, args, { env, cwd: join(dir, "keys"), stdio: "pipe" }).toString();
  run("softhsm2-util", "--init-token", "--free", "--label", "ESTEID PIN2", "--pin", pin, "--so-pin", "12345678");
  run("pkcs11-tool", "--module", module, "--login", "--pin", pin, "--keypairgen", "--key-type", "EC:secp384r1",
    "--label", "Allkirjastamine", "--id", "02", "--always-auth");
  const point = run("pkcs11-tool", "--module", module, "--list-objects").split("\n").find((l) => l.includes("EC_POINT:")).split(":")[1].trim();
  // The token gives the point as a DER OCTET STRING (04 61 04…); a SubjectPublicKeyInfo for P-384 wraps it.
  const spki = Buffer.concat([Buffer.from("3076301006072a8648ce3d020106052b81040022036200", "hex"), Buffer.from(point, "hex").subarray(2)]);
  writeFileSync(join(dir, "keys", "card.der"), spki);
  run("openssl", "pkey", "-pubin", "-inform", "DER", "-in", "card.der", "-out", "card.pem");
  run("openssl", "x509", "-new", "-subj", "/C=EE/CN=KASK,KATI,49001010000", "-force_pubkey", "card.pem", "-CA", "ca.pem",
    "-CAkey", "ca.key", "-days", "825", "-extfile", "signer.ext", "-outform", "DER", "-out", "card-cert.der");
  run("pkcs11-tool", "--module", module, "--login", "--pin", pin, "--write-object", "card-cert.der", "--type", "cert",
    "--id", "02", "--label", "Allkirjastamine");
  return { module, conf, ca: keys.ca };
}

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
