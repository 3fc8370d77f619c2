//! The test keys of `kso_pdf::testing` in a temporary directory.

#![allow(dead_code)]

use std::path::PathBuf;

pub use kso_pdf::testing::PASSWORD;

pub struct Keys {
    pub dir: tempfile::TempDir,
}

impl Keys {
    pub fn make() -> Keys {
        let dir = tempfile::tempdir().unwrap();
        kso_pdf::testing::make_keys(dir.path());
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
