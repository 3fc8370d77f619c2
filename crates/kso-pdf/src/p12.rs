//! PKCS#12 (`.p12`, `.pfx`) files: the private key and its certificates, decrypted with the
//! password (never stored). Handles what OpenSSL 3 and Windows write today (PBES2 with PBKDF2 and
//! AES, MAC with SHA-256) and the older PKCS#12 encryption (3DES, RC2-40; MAC with SHA-1).

use cbc::cipher::{block_padding::Pkcs7, BlockModeDecrypt, InnerIvInit, KeyIvInit};
use cms::content_info::ContentInfo;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Any, Decode, Encode, Sequence};
use hmac::{Hmac, KeyInit, Mac};
use spki::AlgorithmIdentifierOwned;

use crate::keys::{FileKey, SoftwareKey, OID_SHA256, OID_SHA384, OID_SHA512};
use crate::{Error, Result};

const OID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const OID_ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const OID_KEY_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.1");
const OID_SHROUDED_KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
const OID_CERT_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");
const OID_X509_CERT: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
const OID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const OID_PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
const OID_PBE_SHA_3DES: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.3");
const OID_PBE_SHA_RC2_40: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.6");
const OID_PBE_SHA_RC2_128: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.5");

#[derive(Sequence)]
struct Pfx {
    version: u8,
    auth_safe: ContentInfo,
    mac_data: Option<MacData>,
}

#[derive(Sequence)]
struct MacData {
    mac: DigestInfo,
    mac_salt: OctetString,
    #[asn1(default = "one")]
    iterations: u32,
}

fn one() -> u32 {
    1
}

#[derive(Sequence)]
struct DigestInfo {
    algorithm: AlgorithmIdentifierOwned,
    digest: OctetString,
}

#[derive(Sequence)]
struct SafeBag {
    bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    bag_value: Any,
    bag_attributes: Option<Any>,
}

#[derive(Sequence)]
struct CertBag {
    cert_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    cert_value: OctetString,
}

#[derive(Sequence)]
struct EncryptedContentInfo {
    content_type: ObjectIdentifier,
    algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    content: Option<OctetString>,
}

#[derive(Sequence)]
struct EncryptedData {
    version: u8,
    info: EncryptedContentInfo,
}

#[derive(Sequence)]
struct EncryptedPrivateKeyInfo {
    algorithm: AlgorithmIdentifierOwned,
    data: OctetString,
}

#[derive(Sequence)]
struct PbeParams {
    salt: OctetString,
    iterations: u32,
}

fn bad(what: &str, e: impl std::fmt::Display) -> Error {
    Error::BadKeyFile(format!("{what}: {e}"))
}

/// Reads the key and its certificate (and the rest of the chain) from a PKCS#12 file.
pub fn read(bytes: &[u8], password: &str) -> Result<FileKey> {
    let pfx = Pfx::from_der(bytes).map_err(|e| bad("not a PKCS#12 file", e))?;
    if pfx.auth_safe.content_type != OID_DATA {
        return Err(Error::Unsupported(
            "PKCS#12 with public-key integrity".into(),
        ));
    }
    let auth_safe = octets(&pfx.auth_safe.content)?;
    if let Some(mac) = &pfx.mac_data {
        check_mac(mac, &auth_safe, password)?;
    }
    let parts: Vec<ContentInfo> =
        Vec::from_der(&auth_safe).map_err(|e| bad("authenticated safe", e))?;
    let mut keys = Vec::new();
    let mut certs = Vec::new();
    for part in parts {
        let safe = if part.content_type == OID_DATA {
            octets(&part.content)?
        } else if part.content_type == OID_ENCRYPTED_DATA {
            let ed: EncryptedData = part
                .content
                .decode_as()
                .map_err(|e| bad("encrypted data", e))?;
            let data = ed
                .info
                .content
                .ok_or_else(|| bad("encrypted data", "empty"))?;
            decrypt(&ed.info.algorithm, data.as_bytes(), password)?
        } else {
            continue;
        };
        let bags: Vec<SafeBag> = Vec::from_der(&safe).map_err(|e| bad("safe contents", e))?;
        for bag in bags {
            if bag.bag_id == OID_CERT_BAG {
                let cb: CertBag = bag
                    .bag_value
                    .decode_as()
                    .map_err(|e| bad("certificate bag", e))?;
                if cb.cert_id == OID_X509_CERT {
                    certs.push(cb.cert_value.as_bytes().to_vec());
                }
            } else if bag.bag_id == OID_SHROUDED_KEY_BAG {
                let epki: EncryptedPrivateKeyInfo =
                    bag.bag_value.decode_as().map_err(|e| bad("key bag", e))?;
                let plain = decrypt(&epki.algorithm, epki.data.as_bytes(), password)?;
                keys.push(SoftwareKey::from_pkcs8(&plain)?);
            } else if bag.bag_id == OID_KEY_BAG {
                let der_bytes = bag.bag_value.to_der().map_err(|e| bad("key bag", e))?;
                keys.push(SoftwareKey::from_pkcs8(&der_bytes)?);
            }
        }
    }
    // The signer's certificate is the one whose public key is the private key's.
    for key in keys {
        let public = key.public_key_der()?;
        if let Some(i) = certs
            .iter()
            .position(|c| crate::x509::spki_der(c).is_ok_and(|p| p == public))
        {
            let certificate = certs.remove(i);
            return Ok(FileKey {
                key,
                certificate,
                chain: certs,
            });
        }
    }
    Err(Error::NoKey)
}

fn octets(any: &Any) -> Result<Vec<u8>> {
    let o: OctetString = any.decode_as().map_err(|e| bad("data", e))?;
    Ok(o.into_bytes().into_vec())
}

/// The password as PKCS#12 wants it for its own key derivation: BMPString with a final zero.
fn bmp(password: &str) -> Vec<u8> {
    let mut out: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    out.extend([0, 0]);
    out
}

/// The key derivation of RFC 7292, appendix B.2.
fn pkcs12_kdf<D: sha2::Digest + sha2::digest::common::BlockSizeUser>(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    id: u8,
    len: usize,
) -> Vec<u8> {
    let u = <D as sha2::Digest>::output_size();
    let v = <D as sha2::digest::common::BlockSizeUser>::block_size();
    let fill = |s: &[u8]| -> Vec<u8> {
        if s.is_empty() {
            return Vec::new();
        }
        let n = v * s.len().div_ceil(v);
        s.iter().copied().cycle().take(n).collect()
    };
    let d = vec![id; v];
    let mut i = fill(salt);
    i.extend(fill(password));
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let mut a = D::new()
            .chain_update(&d)
            .chain_update(&i)
            .finalize()
            .to_vec();
        for _ in 1..iterations {
            a = D::digest(&a).to_vec();
        }
        out.extend_from_slice(&a[..u.min(len - out.len())]);
        if out.len() >= len {
            break;
        }
        let b: Vec<u8> = a.iter().copied().cycle().take(v).collect();
        for block in i.chunks_mut(v) {
            // block = (block + b + 1) mod 2^(8v)
            let mut carry = 1u16;
            for k in (0..v).rev() {
                let sum = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out
}

fn check_mac(mac: &MacData, data: &[u8], password: &str) -> Result<()> {
    let pw = bmp(password);
    let salt = mac.mac_salt.as_bytes();
    let expected = mac.mac.digest.as_bytes();
    let alg = mac.mac.algorithm.oid;
    let ok = if alg == OID_SHA1 {
        let key = pkcs12_kdf::<sha1::Sha1>(&pw, salt, mac.iterations, 3, 20);
        hmac_ok::<Hmac<sha1::Sha1>>(&key, data, expected)
    } else if alg == OID_SHA256 {
        let key = pkcs12_kdf::<sha2::Sha256>(&pw, salt, mac.iterations, 3, 32);
        hmac_ok::<Hmac<sha2::Sha256>>(&key, data, expected)
    } else if alg == OID_SHA384 {
        let key = pkcs12_kdf::<sha2::Sha384>(&pw, salt, mac.iterations, 3, 48);
        hmac_ok::<Hmac<sha2::Sha384>>(&key, data, expected)
    } else if alg == OID_SHA512 {
        let key = pkcs12_kdf::<sha2::Sha512>(&pw, salt, mac.iterations, 3, 64);
        hmac_ok::<Hmac<sha2::Sha512>>(&key, data, expected)
    } else {
        return Err(Error::Unsupported(format!("PKCS#12 MAC algorithm {alg}")));
    };
    if ok {
        Ok(())
    } else {
        Err(Error::WrongPassword)
    }
}

fn hmac_ok<M: Mac + KeyInit>(key: &[u8], data: &[u8], expected: &[u8]) -> bool {
    let Ok(mut m) = <M as KeyInit>::new_from_slice(key) else {
        return false;
    };
    m.update(data);
    m.verify_slice(expected).is_ok()
}

/// Decrypts a PKCS#12 bag or safe: PBES2 (PBKDF2 with AES or 3DES) or the PKCS#12 PBE schemes.
fn decrypt(alg: &AlgorithmIdentifierOwned, data: &[u8], password: &str) -> Result<Vec<u8>> {
    if alg.oid == OID_PBES2 {
        let der_bytes = alg.to_der().map_err(|e| bad("encryption", e))?;
        let scheme = pkcs5::EncryptionScheme::from_der(&der_bytes)
            .map_err(|e| Error::Unsupported(format!("encryption: {e}")))?;
        return scheme
            .decrypt(password, data)
            .map_err(|_| Error::WrongPassword);
    }
    let params: PbeParams = alg
        .parameters
        .as_ref()
        .ok_or_else(|| bad("encryption", "no parameters"))?
        .decode_as()
        .map_err(|e| bad("encryption", e))?;
    let pw = bmp(password);
    let (salt, n) = (params.salt.as_bytes(), params.iterations);
    let mut buf = data.to_vec();
    let plain = if alg.oid == OID_PBE_SHA_3DES {
        let key = pkcs12_kdf::<sha1::Sha1>(&pw, salt, n, 1, 24);
        let iv = pkcs12_kdf::<sha1::Sha1>(&pw, salt, n, 2, 8);
        cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(|e| bad("3DES", e))?
            .decrypt_padded::<Pkcs7>(&mut buf)
            .map_err(|_| Error::WrongPassword)?
            .to_vec()
    } else if alg.oid == OID_PBE_SHA_RC2_40 || alg.oid == OID_PBE_SHA_RC2_128 {
        let bits = if alg.oid == OID_PBE_SHA_RC2_40 {
            40
        } else {
            128
        };
        let key = pkcs12_kdf::<sha1::Sha1>(&pw, salt, n, 1, bits / 8);
        let iv = pkcs12_kdf::<sha1::Sha1>(&pw, salt, n, 2, 8);
        let cipher = rc2::Rc2::new_with_eff_key_len(&key, bits);
        cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, &iv)
            .map_err(|e| bad("RC2", e))?
            .decrypt_padded::<Pkcs7>(&mut buf)
            .map_err(|_| Error::WrongPassword)?
            .to_vec()
    } else {
        return Err(Error::Unsupported(format!("encryption {}", alg.oid)));
    };
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pkcs12_kdf_matches_a_known_vector() {
        // From the PKCS#12 test vectors used by OpenSSL and Bouncy Castle: password "smeg",
        // salt 0A58CF64530D823F, one iteration, ID 1, 24 bytes with SHA-1.
        let key = pkcs12_kdf::<sha1::Sha1>(
            &bmp("smeg"),
            &[0x0A, 0x58, 0xCF, 0x64, 0x53, 0x0D, 0x82, 0x3F],
            1,
            1,
            24,
        );
        let hex: String = key.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(hex, "8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3");
    }
}
