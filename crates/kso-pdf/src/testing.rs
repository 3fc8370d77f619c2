//! Test keys made with OpenSSL (for tests and benchmarks only): a CA, and RSA-2048, P-256 and
//! P-384 signers with PKCS#12 files. Needs the `openssl` command.

use std::path::Path;
use std::process::Command;

/// The password of the PKCS#12 files made here.
pub const PASSWORD: &str = "test-parool";

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

/// Writes into `d`: `ca.pem` and `ca.key`; for `rsa`, `p256` and `p384` a key, a certificate
/// signed by the CA and `NAME.p12` (current encryption); and `rsa-legacy.p12` (3DES, SHA-1 MAC).
pub fn make_keys(d: &Path) {
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
    .expect("a writable directory");
    let pass = format!("pass:{PASSWORD}");
    for (name, newkey, cn) in [
        (
            "rsa",
            &["-newkey", "rsa:2048"][..],
            "MAASIKAS,MARI,48001010000",
        ),
        (
            "p256",
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"][..],
            "TAMM,JAAN,38001010000",
        ),
        (
            "p384",
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"][..],
            "KÕIV,ÜLLE,48501010000",
        ),
    ] {
        let (key, csr, pem, p12) = (
            format!("{name}.key"),
            format!("{name}.csr"),
            format!("{name}.pem"),
            format!("{name}.p12"),
        );
        let subj = format!("/C=EE/O=SMIT/CN={cn}");
        let mut args = vec!["req", "-utf8"];
        args.extend_from_slice(newkey);
        args.extend(["-keyout", &key, "-out", &csr, "-nodes", "-subj", &subj]);
        openssl(d, &args);
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
}
