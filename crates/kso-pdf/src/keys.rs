//! Signing keys: what a signature needs of a key, wherever the key lives, and the software keys
//! read from a PKCS#12 file.

use der::asn1::ObjectIdentifier;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::{Error, Result};

pub const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const OID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const OID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
pub const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub const OID_SHA256_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
pub const OID_SHA384_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
pub const OID_SHA512_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
pub const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
pub const OID_ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
pub const OID_ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
pub const OID_ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");

/// The hash of a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum HashAlg {
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            HashAlg::Sha256 => OID_SHA256,
            HashAlg::Sha384 => OID_SHA384,
            HashAlg::Sha512 => OID_SHA512,
        }
    }

    pub fn from_oid(oid: &ObjectIdentifier) -> Option<HashAlg> {
        [HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512]
            .into_iter()
            .find(|h| h.oid() == *oid)
    }

    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Sha256 => "SHA-256",
            HashAlg::Sha384 => "SHA-384",
            HashAlg::Sha512 => "SHA-512",
        }
    }

    /// `sha256`, `SHA-384`, …
    pub fn parse(s: &str) -> Option<HashAlg> {
        match s.to_ascii_lowercase().replace('-', "").as_str() {
            "sha256" => Some(HashAlg::Sha256),
            "sha384" => Some(HashAlg::Sha384),
            "sha512" => Some(HashAlg::Sha512),
            _ => None,
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        self.digest_parts(&[data])
    }

    pub fn digest_parts(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut h = D::new();
            for p in parts {
                h.update(p);
            }
            h.finalize().to_vec()
        }
        match self {
            HashAlg::Sha256 => run::<sha2::Sha256>(parts),
            HashAlg::Sha384 => run::<sha2::Sha384>(parts),
            HashAlg::Sha512 => run::<sha2::Sha512>(parts),
        }
    }

    /// The DER DigestInfo prefix an RSA PKCS#1 v1.5 signature wraps around the digest.
    pub fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            HashAlg::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            HashAlg::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            HashAlg::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }
}

/// The kind of a signing key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa { bits: usize },
    P256,
    P384,
}

impl KeyKind {
    /// The hash that fits the key when the user did not choose one.
    pub fn default_hash(self) -> HashAlg {
        match self {
            KeyKind::P384 => HashAlg::Sha384,
            _ => HashAlg::Sha256,
        }
    }

    /// The CMS signature algorithm for this key with `hash`.
    pub fn signature_oid(self, hash: HashAlg) -> ObjectIdentifier {
        match (self, hash) {
            (KeyKind::Rsa { .. }, HashAlg::Sha256) => OID_SHA256_RSA,
            (KeyKind::Rsa { .. }, HashAlg::Sha384) => OID_SHA384_RSA,
            (KeyKind::Rsa { .. }, HashAlg::Sha512) => OID_SHA512_RSA,
            (_, HashAlg::Sha256) => OID_ECDSA_SHA256,
            (_, HashAlg::Sha384) => OID_ECDSA_SHA384,
            (_, HashAlg::Sha512) => OID_ECDSA_SHA512,
        }
    }

    pub fn name(self) -> String {
        match self {
            KeyKind::Rsa { bits } => format!("RSA {bits}"),
            KeyKind::P256 => "ECDSA P-256".into(),
            KeyKind::P384 => "ECDSA P-384".into(),
        }
    }
}

/// What a signature needs of a key, wherever the key lives (a file or a token).
pub trait SigningKey {
    /// The signer's certificate, DER.
    fn certificate(&self) -> &[u8];
    /// Further certificates of the chain (intermediates), DER.
    fn chain(&self) -> &[Vec<u8>];
    fn kind(&self) -> KeyKind;
    /// Signs a digest made with `hash`; returns the signature as CMS holds it: the RSA PKCS#1 v1.5
    /// signature, or ECDSA's DER `Ecdsa-Sig-Value`.
    fn sign_digest(&mut self, hash: HashAlg, digest: &[u8]) -> Result<Vec<u8>>;
}

/// A private key held in memory (read from a PKCS#12 file).
pub enum SoftwareKey {
    Rsa(Box<rsa::PrivateKey>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

impl SoftwareKey {
    /// Reads a PKCS#8 PrivateKeyInfo (RSA, P-256 or P-384).
    pub fn from_pkcs8(der_bytes: &[u8]) -> Result<SoftwareKey> {
        use pkcs8::DecodePrivateKey;
        let info = pkcs8::PrivateKeyInfoRef::try_from(der_bytes)
            .map_err(|e| Error::BadKeyFile(format!("private key: {e}")))?;
        let oid = info.algorithm.oid;
        if oid == OID_RSA {
            let key = rsa::PrivateKey::from_pkcs8_der(der_bytes)
                .map_err(|e| Error::BadKeyFile(format!("RSA key: {e}")))?;
            return Ok(SoftwareKey::Rsa(Box::new(key)));
        }
        if oid == OID_EC_PUBLIC_KEY {
            let curve = info
                .algorithm
                .parameters_oid()
                .map_err(|e| Error::BadKeyFile(format!("EC key: {e}")))?;
            if curve == OID_P256 {
                let key = p256::ecdsa::SigningKey::from_pkcs8_der(der_bytes)
                    .map_err(|e| Error::BadKeyFile(format!("P-256 key: {e}")))?;
                return Ok(SoftwareKey::P256(key));
            }
            if curve == OID_P384 {
                let key = p384::ecdsa::SigningKey::from_pkcs8_der(der_bytes)
                    .map_err(|e| Error::BadKeyFile(format!("P-384 key: {e}")))?;
                return Ok(SoftwareKey::P384(key));
            }
            return Err(Error::Unsupported(format!("elliptic curve {curve}")));
        }
        Err(Error::Unsupported(format!("key algorithm {oid}")))
    }

    pub fn kind(&self) -> KeyKind {
        use rsa::traits::PublicKeyParts;
        match self {
            SoftwareKey::Rsa(k) => KeyKind::Rsa { bits: k.size() * 8 },
            SoftwareKey::P256(_) => KeyKind::P256,
            SoftwareKey::P384(_) => KeyKind::P384,
        }
    }

    /// The public key as SubjectPublicKeyInfo DER (to find the key's certificate).
    pub fn public_key_der(&self) -> Result<Vec<u8>> {
        use pkcs8::EncodePublicKey;
        let doc = match self {
            SoftwareKey::Rsa(k) => k.to_public_key().to_public_key_der(),
            SoftwareKey::P256(k) => k.verifying_key().to_public_key_der(),
            SoftwareKey::P384(k) => k.verifying_key().to_public_key_der(),
        };
        doc.map(|d| d.as_bytes().to_vec())
            .map_err(|e| Error::BadKeyFile(format!("public key: {e}")))
    }

    pub fn sign_digest(&self, hash: HashAlg, digest: &[u8]) -> Result<Vec<u8>> {
        use p256::ecdsa::signature::hazmat::PrehashSigner;
        let fail = |e: &dyn std::fmt::Display| Error::Sign(e.to_string());
        match self {
            SoftwareKey::Rsa(k) => {
                let mut em = hash.digest_info_prefix().to_vec();
                em.extend_from_slice(digest);
                k.sign(rsa::Pkcs1v15Sign::new_unprefixed(), &em)
                    .map_err(|e| fail(&e))
            }
            SoftwareKey::P256(k) => {
                let sig: p256::ecdsa::Signature = k.sign_prehash(digest).map_err(|e| fail(&e))?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
            SoftwareKey::P384(k) => {
                let sig: p384::ecdsa::Signature = k.sign_prehash(digest).map_err(|e| fail(&e))?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
        }
    }
}

/// A key and its certificates from a PKCS#12 file.
pub struct FileKey {
    pub key: SoftwareKey,
    pub certificate: Vec<u8>,
    pub chain: Vec<Vec<u8>>,
}

impl SigningKey for FileKey {
    fn certificate(&self) -> &[u8] {
        &self.certificate
    }

    fn chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn kind(&self) -> KeyKind {
        self.key.kind()
    }

    fn sign_digest(&mut self, hash: HashAlg, digest: &[u8]) -> Result<Vec<u8>> {
        self.key.sign_digest(hash, digest)
    }
}

/// Converts a raw `r‖s` ECDSA signature (as PKCS#11 returns it) into DER `Ecdsa-Sig-Value`.
pub fn ecdsa_raw_to_der(raw: &[u8]) -> Result<Vec<u8>> {
    let bad = || Error::Sign(format!("an ECDSA signature of {} bytes", raw.len()));
    match raw.len() {
        64 => p256::ecdsa::Signature::from_slice(raw)
            .map(|s| s.to_der().as_bytes().to_vec())
            .map_err(|_| bad()),
        96 => p384::ecdsa::Signature::from_slice(raw)
            .map(|s| s.to_der().as_bytes().to_vec())
            .map_err(|_| bad()),
        _ => Err(bad()),
    }
}
