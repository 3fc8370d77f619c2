#!/usr/bin/env python3
"""The external judges of KSO Desk's signed PDFs (issue 5), run by scripts/test.sh in a venv
with pyHanko: documents exported and signed by the real `kso` CLI are checked with poppler's
pdfsig/pdffonts/pdftotext, qpdf and pyHanko. Keys: RSA-2048 and P-384 from PKCS#12 files, and a
P-384 always-authenticate key on a SoftHSM token set up here (like the ID card's PIN2 key).

    python3 tests/pdf/judges.py [--kso target/debug/kso]
"""

import argparse
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KSO = os.environ.get("KSO_BIN", str(ROOT / "target/debug/kso"))
P12_PASSWORD = "test-parool"
PIN = "46813"
SOFTHSM = next(
    (p for p in ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"] if os.path.exists(p)),
    "/usr/lib/softhsm/libsofthsm2.so",
)
# Every Estonian letter and sign the documents must keep exactly.
ESTONIAN = "Kasutajatoe- ja seireosakond (õ ä ö ü š ž Õ Ä Ö Ü Š Ž „test“ – 1 234,56 € § 3.8.2)"
MONTH = datetime.date.today().strftime("%Y-%m")
YEAR = str(datetime.date.today().year)


def run(*args, env=None, check=True, cwd=None):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd)
    if check and r.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r


class World:
    """Keys, a SoftHSM token and two databases (a demo department and one whose name holds every
    Estonian letter), in a temporary directory."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="kso-judges-"))
        self.keys = self.dir / "keys"
        self.keys.mkdir()
        self.make_keys()
        self.make_token()
        self.demo = self.dir / "demo.sqlite"
        run(KSO, "--db", self.demo, "demo")
        self.plain = self.dir / "plain.sqlite"
        run(KSO, "--db", self.plain, "init", "--department", ESTONIAN, "--head-name", "Žanna Šmidt-Õunapuu",
            "--head-login", "zanna", env={"KSO_PASSWORD": "pikk-parool-1"})

    def ssl(self, *args):
        run("openssl", *args, cwd=self.keys)

    def make_keys(self):
        self.ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-keyout", "ca.key", "-out", "ca.pem",
                 "-days", "3650", "-nodes", "-subj", "/C=EE/O=KSO Desk test/CN=KSO Desk test CA",
                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        (self.keys / "signer.ext").write_text("keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n")
        for name, newkey, cn in [
            ("rsa", ["-newkey", "rsa:2048"], "MAASIKAS,MARI,48001010000"),
            ("p384", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"], "TAMM,JAAN,38001010000"),
        ]:
            self.ssl("req", *newkey, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-nodes", "-subj", f"/C=EE/O=SMIT/CN={cn}")
            self.sign_cert(f"{name}.csr", f"{name}.pem")
            self.ssl("pkcs12", "-export", "-inkey", f"{name}.key", "-in", f"{name}.pem", "-certfile", "ca.pem",
                     "-out", f"{name}.p12", "-passout", f"pass:{P12_PASSWORD}")
        self.ca = self.keys / "ca.pem"

    def sign_cert(self, csr, out):
        self.ssl("x509", "-req", "-in", csr, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", out,
                 "-days", "825", "-extfile", "signer.ext")

    def make_token(self):
        """A SoftHSM token like the ID card's signing side: a P-384 key labelled "Allkirjastamine",
        always-authenticate (PIN for every signature), with its certificate."""
        hsm = self.dir / "softhsm"
        (hsm / "tokens").mkdir(parents=True)
        conf = hsm / "softhsm2.conf"
        conf.write_text(f"directories.tokendir = {hsm / 'tokens'}\nobjectstore.backend = file\n")
        self.hsm_env = {"SOFTHSM2_CONF": str(conf)}
        run("softhsm2-util", "--init-token", "--free", "--label", "ESTEID PIN2", "--pin", PIN, "--so-pin", "12345678",
            env=self.hsm_env)
        tool = ["pkcs11-tool", "--module", SOFTHSM, "--login", "--pin", PIN]
        run(*tool, "--keypairgen", "--key-type", "EC:secp384r1", "--label", "Allkirjastamine", "--id", "02",
            "--always-auth", env=self.hsm_env)
        listing = run("pkcs11-tool", "--module", SOFTHSM, "--list-objects", env=self.hsm_env).stdout
        point = next(line.split(":", 1)[1].strip() for line in listing.splitlines() if "EC_POINT:" in line)
        raw = bytes.fromhex(point)
        assert raw[0] == 0x04 and raw[1] == 0x61, "an uncompressed P-384 point in an OCTET STRING"
        spki = bytes.fromhex("3076301006072a8648ce3d020106052b81040022036200") + raw[2:]
        (self.keys / "card.der").write_bytes(spki)
        self.ssl("pkey", "-pubin", "-inform", "DER", "-in", "card.der", "-out", "card-pub.pem")
        self.ssl("x509", "-new", "-subj", "/C=EE/CN=KASK,KATI,49001010000", "-force_pubkey", "card-pub.pem",
                 "-CA", "ca.pem", "-CAkey", "ca.key", "-days", "825", "-extfile", "signer.ext", "-outform", "DER",
                 "-out", "card-cert.der")
        run(*tool, "--write-object", self.keys / "card-cert.der", "--type", "cert", "--id", "02", "--label",
            "Allkirjastamine", env=self.hsm_env)

    def kso(self, db, *args, env=None, check=True):
        # The database is encrypted: every command signs in, as --user if given, else as the head.
        head = {"KSO_USER": "zanna", "KSO_PASSWORD": "pikk-parool-1"} if db == self.plain \
            else {"KSO_USER": "juhataja", "KSO_PASSWORD": "demo-parool"}
        return run(KSO, "--db", db, *args, env={**head, **(env or {})}, check=check)

    def export(self, what, out, *sign, db=None, user="juhataja", env=None):
        db = db or self.demo
        args = {"roster": ["roster", "--month", MONTH], "contracts": ["contracts", "--year", YEAR],
                "staffing": ["staffing"], "budget": ["budget", "--year", YEAR],
                "kpi": ["kpi", "--year", YEAR], "job": ["job", "--position", "KSO-04"]}[what]
        self.kso(db, "--user", user, "export", *args, "--out", out, *sign,
                 env={"KSO_P12_PASSWORD": P12_PASSWORD, "KSO_PIN": PIN, **self.hsm_env, **(env or {})})
        return Path(out)


W = None


def world():
    global W
    if W is None:
        W = World()
    return W


def pdfsig(path):
    # pdfsig always exits 0: the text is the verdict.
    return run("pdfsig", path).stdout


def pyhanko(path):
    return run("pyhanko", "sign", "validate", "--trust", world().ca, "--trust-replace", path, check=False)


def fonts_embedded(path):
    """Every font embedded, subset and with a Unicode map (pdffonts' emb, sub, uni columns)."""
    rows = run("pdffonts", path).stdout.splitlines()[2:]
    assert rows, "the PDF has fonts"
    return all(r.split()[-5:-2] == ["yes", "yes", "yes"] for r in rows)


class Judges(unittest.TestCase):
    def assert_valid(self, path, signatures=1):
        sig = pdfsig(path)
        self.assertEqual(sig.count("Signature Validation: Signature is Valid."), signatures, sig)
        self.assertIn("Total document signed", sig)
        self.assertIn("ETSI.CAdES.detached", sig)
        r = pyhanko(path)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        lines = [l for l in r.stdout.splitlines() if l.strip()]
        self.assertEqual(len(lines), signatures, r.stdout)
        self.assertTrue(lines[-1].endswith("INTACT:TRUSTED,UNTOUCHED"), r.stdout)
        run("qpdf", "--check", path)
        self.assertTrue(fonts_embedded(path))
        v = world().kso(world().demo, "pdf", "verify", path, "--trust", world().ca, check=False)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_rsa_key_file(self):
        path = world().export("contracts", world().dir / "contracts-rsa.pdf", "--sign-p12", world().keys / "rsa.p12")
        self.assert_valid(path)
        self.assertIn("Signing Hash Algorithm: SHA-256", pdfsig(path))
        text = run("pdftotext", "-layout", path, "-").stdout
        self.assertIn(f"Lepingute register {YEAR}", text)
        self.assertIn("Allkirjastatud digitaalselt (PAdES). Allkirjastaja: Mari Maasikas, osakonnajuhataja.", text)

    def test_p384_key_file(self):
        path = world().export("roster", world().dir / "roster-p384.pdf", "--sign-p12", world().keys / "p384.p12")
        self.assert_valid(path)
        self.assertIn("Signing Hash Algorithm: SHA-384", pdfsig(path))
        text = run("pdftotext", "-layout", path, "-").stdout
        self.assertIn("Valvegraafik: ", text)
        self.assertIn("Rikkumised ja katmata ajad", text)

    def test_p384_always_authenticate_token(self):
        path = world().export("budget", world().dir / "budget-card.pdf", "--sign-pkcs11", SOFTHSM)
        self.assert_valid(path)
        self.assertIn("KASK,KATI,49001010000", pdfsig(path))
        # A wrong PIN signs and registers nothing.
        before = world().kso(world().demo, "documents", "list", "--json").stdout
        r = world().kso(world().demo, "--user", "juhataja", "export", "staffing", "--out", world().dir / "x.pdf",
                        "--sign-pkcs11", SOFTHSM, env={"KSO_PIN": "00000", **world().hsm_env}, check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("PIN on vale", r.stderr)
        self.assertEqual(world().kso(world().demo, "documents", "list", "--json").stdout, before)

    def test_annual_kpi_report(self):
        path = world().export("kpi", world().dir / "kpi.pdf", "--sign-p12", world().keys / "rsa.p12")
        self.assert_valid(path)
        text = run("pdftotext", "-layout", path, "-").stdout
        self.assertIn(f"Mõõdikute aastaaruanne {YEAR}", text)
        for code in ("2.3.1", "2.3.2", "2.3.3", "2.3.4", "2.3.5", "2.3.6"):
            self.assertIn(code, text)
        self.assertIn("Kuidas näitajad on arvutatud", text)
        self.assertIn("Allkirjastatud digitaalselt (PAdES). Allkirjastaja: Mari Maasikas, osakonnajuhataja.", text)

    def test_job_description_signed_by_the_head_and_then_the_holder(self):
        # On a copy of the demo (this test approves a version and hires the card's holder).
        db = world().dir / "jobs.sqlite"
        shutil.copy(world().demo, db)
        shutil.copy(f"{world().demo}.keys", f"{db}.keys")
        # The demo's pending revision of KSO-04: it changes a main duty, which the PDF says.
        once = world().export("job", world().dir / "job.pdf", "--sign-p12", world().keys / "rsa.p12", db=db)
        self.assert_valid(once)
        text = run("pdftotext", "-layout", once, "-").stdout
        self.assertIn("Ametijuhend: Kasutajatoe spetsialist", text)
        self.assertIn("2. Tööülesanded ja oodatavad tulemused", text)
        self.assertIn("avaliku teenistuse seadus § 59 lg 1¹", text)
        self.assertIn("Ametijuhendiga tutvunud", text)
        # The approving PDF must be signed: the unsigned export is refused, the head-signed one kept.
        unsigned = world().export("job", world().dir / "job-unsigned.pdf", db=db)
        refused = world().kso(db, "jobs", "approve", "KSO-04", "--file", unsigned, check=False)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("PDF-il ei ole terviklikku digiallkirja", refused.stderr)
        world().kso(db, "jobs", "approve", "KSO-04", "--reference", "1-3/2026/7", "--file", once)
        # The holder (the card's Kati Kask) signs the approved PDF with the ID card (a SoftHSM
        # token): the second signature, in the employee's role, and the acknowledgement.
        world().kso(db, "staff", "add", "--first-name", "Kati", "--last-name", "Kask", "--email",
                    "kati.kask.kaart@example.ee", "--start-date", "01.01.2025", "--position", "KSO-04")
        twice = world().dir / "job-twice.pdf"
        world().kso(db, "jobs", "acknowledge", "KSO-04", "--employee", "Kati Kask", "--out", twice,
                    "--sign-pkcs11", SOFTHSM, env={"KSO_PIN": PIN, **world().hsm_env})
        self.assert_valid(twice, signatures=2)
        self.assertEqual(twice.read_bytes()[:len(once.read_bytes())], once.read_bytes(), "added to the approved file")
        self.assertIn("KASK,KATI", pdfsig(twice))
        shown = json.loads(world().kso(db, "jobs", "show", "KSO-04", "--json").stdout)
        ack = next(a for a in shown["acknowledgements"] if a["employee"] == "Kati Kask")
        self.assertTrue(ack["file"]["file_name"].endswith("-allkirjastatud.pdf"))
        docs = json.loads(world().kso(db, "documents", "list", "--json").stdout)
        signed = next(d for d in docs if d["kind"] == "job" and d["signatures"])
        self.assertEqual([s["role"] for s in signed["signatures"]],
                         ["Osakonnajuhataja", "Töötaja, ametijuhendiga tutvunud"])

    def test_interview_summary_signed_by_the_head_and_then_the_employee(self):
        # A demo interview whose summary the employee has commented: the head signs, then the
        # employee with a key whose certificate names them (as on their ID card).
        year = str(datetime.date.today().year)
        lines = json.loads(world().kso(world().demo, "reviews", "list", "--year", year, "--json").stdout)
        line = next(l for l in lines if l["annual"] and l["annual"][1] == "commented")
        review = str(line["annual"][0])
        first, *rest = line["employee"].split(" ")
        cn = f"{' '.join(rest).upper()},{first.upper()},49001010000"
        world().ssl("req", "-utf8", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout", "employee.key",
                    "-out", "employee.csr", "-nodes", "-subj", f"/C=EE/CN={cn}")
        world().sign_cert("employee.csr", "employee.pem")
        world().ssl("pkcs12", "-export", "-inkey", "employee.key", "-in", "employee.pem", "-certfile", "ca.pem",
                    "-out", "employee.p12", "-passout", f"pass:{P12_PASSWORD}")
        env = {"KSO_P12_PASSWORD": P12_PASSWORD}
        once = world().dir / "review-head.pdf"
        world().kso(world().demo, "reviews", "sign", review, "--signer", "head", "--out", once,
                    "--sign-p12", world().keys / "rsa.p12", env=env)
        self.assert_valid(once)
        text = run("pdftotext", "-layout", once, "-").stdout
        self.assertIn(f"Arenguvestluse kokkuvõte: {line['employee']} {year}", text)
        self.assertIn("1. Tööalaste eesmärkide täitmine", text)
        self.assertIn("7. Töötaja arvamus kokkuvõtte kohta", text)
        twice = world().dir / "review-both.pdf"
        world().kso(world().demo, "reviews", "sign", review, "--signer", "employee", "--out", twice,
                    "--sign-p12", world().keys / "employee.p12", env=env)
        self.assert_valid(twice, signatures=2)
        self.assertEqual(twice.read_bytes()[:len(once.read_bytes())], once.read_bytes(), "added to the head's file")
        self.assertIn(cn, pdfsig(twice))
        after = json.loads(world().kso(world().demo, "reviews", "show", review, "--json").stdout)
        self.assertEqual(after["status"], "signed")

    def test_estonian_text_is_exact_and_the_font_embedded(self):
        path = world().export("staffing", world().dir / "estonian.pdf", "--sign-p12", world().keys / "rsa.p12",
                              db=world().plain, user="zanna", env={"KSO_PASSWORD": "pikk-parool-1"})
        self.assert_valid(path)
        text = run("pdftotext", path, "-").stdout
        self.assertIn(f"SMIT · {ESTONIAN}", text)
        self.assertIn("Allkirjastaja: Žanna Šmidt-Õunapuu, osakonnajuhataja.", text)
        fonts = run("pdffonts", path).stdout
        self.assertIn("+LiberationSans ", fonts)
        self.assertIn("+LiberationSans-Bold ", fonts)

    def test_two_signatures_both_valid(self):
        once = world().export("budget", world().dir / "once.pdf", "--sign-p12", world().keys / "rsa.p12")
        twice = world().dir / "twice.pdf"
        world().kso(world().demo, "--user", "juhataja", "pdf", "sign", once, "--out", twice, "--sign-p12",
                    world().keys / "p384.p12", env={"KSO_P12_PASSWORD": P12_PASSWORD})
        sig = pdfsig(twice)
        self.assertEqual(sig.count("Signature Validation: Signature is Valid."), 2, sig)
        r = pyhanko(twice)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        lines = [l for l in r.stdout.splitlines() if l.strip()]
        self.assertEqual(len(lines), 2, r.stdout)
        for line in lines:
            self.assertIn(":INTACT:TRUSTED", line)
            self.assertNotIn("ILLEGAL", line)
        v = world().kso(world().demo, "pdf", "verify", twice, "--trust", world().ca, "--json", check=False)
        self.assertEqual(v.returncode, 0, v.stdout)

    def test_a_changed_byte_is_found(self):
        path = world().export("contracts", world().dir / "tamper-byte.pdf", "--sign-p12", world().keys / "p384.p12")
        data = bytearray(path.read_bytes())
        at = data.index(b"/Title<FEFF") + 12
        data[at] = ord("1") if data[at] == ord("0") else ord("0")
        bad = world().dir / "tampered-byte.pdf"
        bad.write_bytes(bytes(data))
        self.assertIn("Digest Mismatch", pdfsig(bad))
        r = pyhanko(bad)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("INVALID", r.stdout + r.stderr)
        v = world().kso(world().demo, "pdf", "verify", bad, check=False)
        self.assertNotEqual(v.returncode, 0)
        self.assertIn("RIKUTUD", v.stdout)

    def test_page_content_appended_after_signing_is_found(self):
        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

        path = world().export("roster", world().dir / "tamper-append.pdf", "--sign-p12", world().keys / "rsa.p12")
        with open(path, "rb") as f:
            w = IncrementalPdfFileWriter(f)
            ref = w.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (MAKSTUD) Tj ET"))
            w.add_stream_to_page(0, ref)
            out = io.BytesIO()
            w.write(out)
        bad = world().dir / "tampered-append.pdf"
        bad.write_bytes(out.getvalue())
        sig = pdfsig(bad)
        self.assertIn("Not total document signed", sig)
        r = pyhanko(bad)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("ILLEGAL_MODIFICATIONS", r.stdout + r.stderr)
        v = world().kso(world().demo, "pdf", "verify", bad, check=False)
        self.assertEqual(v.returncode, 2, v.stdout + v.stderr)
        self.assertIn("DOKUMENTI ON PÄRAST MUUDETUD", v.stdout)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--kso")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args, rest = parser.parse_known_args()
    if args.kso:
        KSO = args.kso
    for tool in ["pdfsig", "pdffonts", "pdftotext", "qpdf", "pyhanko", "openssl", "softhsm2-util", "pkcs11-tool"]:
        if shutil.which(tool) is None:
            sys.exit(f"judges.py: {tool} is missing (scripts/test.sh installs it)")
    result = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2).result
    if W is not None and not args.keep:
        shutil.rmtree(W.dir, ignore_errors=True)
    elif W is not None:
        print(f"kept {W.dir}")
    sys.exit(0 if result.wasSuccessful() else 1)
