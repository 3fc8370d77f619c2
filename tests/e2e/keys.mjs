// Test keys for the WebDriver tests: a CA with a .p12 signer, and an ID-card-like SoftHSM token.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const PASSWORD = "test-parool";

/** A CA and a P-256 signer with a PKCS#12 file, made with OpenSSL in `dir`. */
export function makeKeys(dir) {
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

/** A SoftHSM token like the ID card's signing side: a P-384 key "Allkirjastamine" that asks for
 *  the PIN on every signature (always-authenticate), with a certificate from a test CA naming `cn`
 *  ("SURNAME,GIVEN,PERSONAL CODE" as on the Estonian ID card). */
export function makeToken(dir, pin, cn = "KASK,KATI,49001010000") {
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
  // The subject comes from a request made with a throwaway key (`req -utf8` keeps "PÕDER" as
  // UTF-8, which `x509 -new` would not); the certificate gets the token's key instead.
  run("openssl", "req", "-new", "-utf8", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", "throwaway.key", "-subj", `/C=EE/CN=${cn}`, "-out", "card.csr");
  run("openssl", "x509", "-req", "-in", "card.csr", "-force_pubkey", "card.pem", "-CA", "ca.pem",
    "-CAkey", "ca.key", "-CAcreateserial", "-days", "825", "-extfile", "signer.ext", "-outform", "DER", "-out", "card-cert.der");
  run("pkcs11-tool", "--module", module, "--login", "--pin", pin, "--write-object", "card-cert.der", "--type", "cert",
    "--id", "02", "--label", "Allkirjastamine");
  return { module, conf, ca: keys.ca };
}

