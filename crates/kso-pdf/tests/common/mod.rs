//! Test keys made with OpenSSL: a CA, and RSA-2048, P-256 and P-384 signers with PKCS#12 files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const PASSWORD: &str = "test-parool";

pub struct Keys {
    pub dir: tempfile::TempDir,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Keys {
    /// A CA and three signers (`rsa`, `p256`, `p384`), each with `NAME.p12` (modern encryption)
    /// and `rsa-legacy.p12` (3DES/RC2, SHA-1 MAC).
    pub fn make() -> Keys {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        openssl(
            d,
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-384",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "3650",
                "-nodes",
                "-subj",
                "/C=EE/O=KSO Desk test/CN=KSO Desk test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        );
        std::fs::write(
            d.join("signer.ext"),
            "keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n",
        )
        .unwrap();
        for (name, newkey, cn) in [
            (
                "rsa",
                vec!["-newkey", "rsa:2048"],
                "MAASIKAS,MARI,48001010000",
            ),
            (
                "p256",
                vec!["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
                "TAMM,JAAN,38001010000",
            ),
            (
                "p384",
                vec!["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
                "KÕIV,ÜLLE,48501010000",
            ),
        ] {
            let mut args = vec!["req", "-utf8"];
            args.extend(newkey);
            let key = format!("{name}.key");
            let csr = format!("{name}.csr");
            let subj = format!("/C=EE/O=SMIT/CN={cn}");
            args.extend(["-keyout", &key, "-out", &csr, "-nodes", "-subj", &subj]);
            openssl(d, &args);
            let pem = format!("{name}.pem");
            openssl(
                d,
                &[
                    "x509",
                    "-req",
                    "-in",
                    &csr,
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-out",
                    &pem,
                    "-days",
                    "825",
                    "-extfile",
                    "signer.ext",
                ],
            );
            let p12 = format!("{name}.p12");
            let pass = format!("pass:{PASSWORD}");
            openssl(
                d,
                &[
                    "pkcs12",
                    "-export",
                    "-inkey",
                    &key,
                    "-in",
                    &pem,
                    "-certfile",
                    "ca.pem",
                    "-out",
                    &p12,
                    "-passout",
                    &pass,
                ],
            );
        }
        // The older PKCS#12 encryption: 3DES for the key, RC2-40 or 3DES for the certificates.
        let pass = format!("pass:{PASSWORD}");
        openssl(
            d,
            &[
                "pkcs12",
                "-export",
                "-inkey",
                "rsa.key",
                "-in",
                "rsa.pem",
                "-out",
                "rsa-legacy.p12",
                "-passout",
                &pass,
                "-keypbe",
                "PBE-SHA1-3DES",
                "-certpbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
            ],
        );
        Keys { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }

    pub fn ca_der(&self) -> Vec<u8> {
        kso_pdf::x509::parse_pem_or_der(&self.bytes("ca.pem")).unwrap()
    }
}
