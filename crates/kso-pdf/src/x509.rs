//! What signing and verification need of X.509 certificates: names, the public key, validity,
//! and checking a signature made with a certificate's key.

use der::{Decode, Encode};
use x509_cert::Certificate;

use crate::keys::{
    HashAlg, OID_ECDSA_SHA256, OID_ECDSA_SHA384, OID_ECDSA_SHA512, OID_EC_PUBLIC_KEY, OID_P256,
    OID_P384, OID_RSA, OID_SHA256_RSA, OID_SHA384_RSA, OID_SHA512_RSA,
};
use crate::{Error, Result};

pub fn parse(der_bytes: &[u8]) -> Result<Certificate> {
    Certificate::from_der(der_bytes).map_err(|e| Error::BadCertificate(e.to_string()))
}

/// Reads a certificate from PEM or DER.
pub fn parse_pem_or_der(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.starts_with(b"-----") {
        use der::DecodePem;
        let text = std::str::from_utf8(bytes).map_err(|e| Error::BadCertificate(e.to_string()))?;
        let cert = Certificate::from_pem(text).map_err(|e| Error::BadCertificate(e.to_string()))?;
        return cert
            .to_der()
            .map_err(|e| Error::BadCertificate(e.to_string()));
    }
    parse(bytes)?;
    Ok(bytes.to_vec())
}

/// The certificate's SubjectPublicKeyInfo, DER.
pub fn spki_der(der_bytes: &[u8]) -> Result<Vec<u8>> {
    parse(der_bytes)?
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|e| Error::BadCertificate(e.to_string()))
}

/// The common name of a distinguished name, or the whole name.
pub fn common_name(name: &x509_cert::name::Name) -> String {
    match name.common_name() {
        Ok(Some(cn)) => String::from(cn),
        _ => name.to_string(),
    }
}

/// A public key that checks signatures.
pub enum PublicKey {
    Rsa(rsa::PublicKey),
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
}

impl PublicKey {
    pub fn of(cert: &Certificate) -> Result<PublicKey> {
        let spki = cert.tbs_certificate().subject_public_key_info();
        let alg = spki.algorithm.oid;
        let bits = spki.subject_public_key.raw_bytes();
        if alg == OID_RSA {
            use rsa::pkcs1::DecodeRsaPublicKey;
            return rsa::PublicKey::from_pkcs1_der(bits)
                .map(PublicKey::Rsa)
                .map_err(|e| Error::BadCertificate(format!("RSA key: {e}")));
        }
        if alg == OID_EC_PUBLIC_KEY {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok());
            if curve == Some(OID_P256) {
                return p256::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                    .map(PublicKey::P256)
                    .map_err(|e| Error::BadCertificate(format!("P-256 key: {e}")));
            }
            if curve == Some(OID_P384) {
                return p384::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                    .map(PublicKey::P384)
                    .map_err(|e| Error::BadCertificate(format!("P-384 key: {e}")));
            }
        }
        Err(Error::Unsupported(format!("public key algorithm {alg}")))
    }

    pub fn name(&self) -> String {
        use rsa::traits::PublicKeyParts;
        match self {
            PublicKey::Rsa(k) => format!("RSA {}", k.size() * 8),
            PublicKey::P256(_) => "ECDSA P-256".into(),
            PublicKey::P384(_) => "ECDSA P-384".into(),
        }
    }

    /// Whether `signature` is this key's signature of a message whose digest is `digest`
    /// (made with `hash`).
    pub fn verify_digest(&self, hash: HashAlg, digest: &[u8], signature: &[u8]) -> bool {
        use p256::ecdsa::signature::hazmat::PrehashVerifier;
        match self {
            PublicKey::Rsa(k) => {
                let mut em = hash.digest_info_prefix().to_vec();
                em.extend_from_slice(digest);
                k.verify(rsa::Pkcs1v15Sign::new_unprefixed(), &em, signature)
                    .is_ok()
            }
            PublicKey::P256(k) => p256::ecdsa::Signature::from_der(signature)
                .is_ok_and(|s| k.verify_prehash(digest, &s).is_ok()),
            PublicKey::P384(k) => p384::ecdsa::Signature::from_der(signature)
                .is_ok_and(|s| k.verify_prehash(digest, &s).is_ok()),
        }
    }
}

/// The hash of a signature algorithm (RSA PKCS#1 v1.5 or ECDSA with SHA-2).
pub fn signature_hash(oid: &der::asn1::ObjectIdentifier) -> Option<HashAlg> {
    match *oid {
        o if o == OID_SHA256_RSA || o == OID_ECDSA_SHA256 => Some(HashAlg::Sha256),
        o if o == OID_SHA384_RSA || o == OID_ECDSA_SHA384 => Some(HashAlg::Sha384),
        o if o == OID_SHA512_RSA || o == OID_ECDSA_SHA512 => Some(HashAlg::Sha512),
        _ => None,
    }
}

/// Whether `cert` was signed by the key of `issuer`.
pub fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return false;
    }
    let Some(hash) = signature_hash(&cert.signature_algorithm().oid) else {
        return false;
    };
    let Ok(tbs) = cert.tbs_certificate().to_der() else {
        return false;
    };
    let Ok(key) = PublicKey::of(issuer) else {
        return false;
    };
    let Some(sig) = cert.signature().as_bytes() else {
        return false;
    };
    key.verify_digest(hash, &hash.digest(&tbs), sig)
}
