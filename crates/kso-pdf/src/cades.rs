//! The CMS SignedData of a PAdES baseline B signature (ETSI EN 319 142-1, CAdES detached):
//! signed attributes content-type, message-digest, signing-certificate-v2 and — when the signer
//! claims a role — signer-attributes-v2. Also the reading side, for verification.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec, Utf8StringRef};
use der::{Any, Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::keys::{HashAlg, SigningKey};
use crate::{x509, Error, Result};

pub const OID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const OID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const OID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const OID_SIGNING_CERT_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// id-aa-ets-signerAttrV2 (ETSI EN 319 122-1).
const OID_SIGNER_ATTR_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.19122.1.1");
/// id-at-role.
const OID_ROLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.72");
/// id-at-title: the role's text inside its directory name.
const OID_TITLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.12");

/// RFC 5755 RoleSyntax: the claimed role is a GeneralName; a directory name with a title holds
/// any Unicode text.
#[derive(Sequence)]
struct RoleSyntax {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    authority: Option<Vec<GeneralName>>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT")]
    name: GeneralName,
}

fn role_value(role: &str) -> Result<Any> {
    let atv = x509_cert::attr::AttributeTypeAndValue {
        oid: OID_TITLE,
        value: Any::encode_from(&Utf8StringRef::new(role).map_err(enc)?).map_err(enc)?,
    };
    let mut rdn = SetOfVec::new();
    rdn.insert(atv).map_err(enc)?;
    let name = x509_cert::name::Name::from_der(&vec![rdn].to_der().map_err(enc)?).map_err(enc)?;
    Any::encode_from(&RoleSyntax {
        authority: None,
        name: GeneralName::DirectoryName(name),
    })
    .map_err(enc)
}

#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

#[derive(Sequence)]
struct EssCertIdV2 {
    /// Absent when SHA-256 (the DEFAULT, which DER leaves out).
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    issuer_serial: Option<IssuerSerial>,
}

#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial: SerialNumber,
}

fn enc(e: der::Error) -> Error {
    Error::Sign(e.to_string())
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(enc)?;
    Ok(Attribute { oid, values })
}

fn alg(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    }
}

/// The signed attributes of a signature over a content with `digest`.
fn signed_attributes(
    cert: &Certificate,
    cert_der: &[u8],
    hash: HashAlg,
    digest: &[u8],
    role: Option<&str>,
) -> Result<SetOfVec<Attribute>> {
    let mut attrs = Vec::new();
    attrs.push(attribute(
        OID_CONTENT_TYPE,
        Any::encode_from(&OID_DATA).map_err(enc)?,
    )?);
    let md = OctetString::new(digest.to_vec()).map_err(enc)?;
    attrs.push(attribute(
        OID_MESSAGE_DIGEST,
        Any::encode_from(&md).map_err(enc)?,
    )?);
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: (hash != HashAlg::Sha256).then(|| alg(hash.oid())),
            cert_hash: OctetString::new(hash.digest(cert_der)).map_err(enc)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate().issuer().clone(),
                )],
                serial: cert.tbs_certificate().serial_number().clone(),
            }),
        }],
    };
    attrs.push(attribute(
        OID_SIGNING_CERT_V2,
        Any::encode_from(&ess).map_err(enc)?,
    )?);
    if let Some(role) = role.filter(|r| !r.is_empty()) {
        // SignerAttributeV2 ::= SEQUENCE OF CHOICE { claimedAttributes [0] ClaimedAttributes, … }
        // ClaimedAttributes ::= SEQUENCE OF Attribute — here one: id-at-role, a RoleSyntax.
        let role_attr = attribute(OID_ROLE, role_value(role)?)?;
        let claimed = der::asn1::ContextSpecific {
            tag_number: der::TagNumber(0),
            tag_mode: der::TagMode::Explicit,
            value: vec![role_attr],
        };
        let value = Any::encode_from(&vec![claimed]).map_err(enc)?;
        attrs.push(attribute(OID_SIGNER_ATTR_V2, value)?);
    }
    SetOfVec::try_from(attrs).map_err(enc)
}

/// Makes the detached CMS signature of a content whose `hash` digest is `digest`.
pub fn sign(
    key: &mut dyn SigningKey,
    hash: HashAlg,
    digest: &[u8],
    role: Option<&str>,
) -> Result<Vec<u8>> {
    let cert_der = key.certificate().to_vec();
    let cert = x509::parse(&cert_der)?;
    let signed_attrs = signed_attributes(&cert, &cert_der, hash, digest, role)?;
    // The signature covers the attributes as a DER SET, not as the [0] IMPLICIT they are stored in.
    let to_sign = signed_attrs.to_der().map_err(enc)?;
    let signature = key.sign_digest(hash, &hash.digest(&to_sign))?;
    let kind = key.kind();
    let sig_alg = AlgorithmIdentifierOwned {
        oid: kind.signature_oid(hash),
        parameters: match kind {
            crate::KeyKind::Rsa { .. } => Some(Any::null()),
            _ => None,
        },
    };
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate().issuer().clone(),
            serial_number: cert.tbs_certificate().serial_number().clone(),
        }),
        digest_alg: alg(hash.oid()),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: sig_alg,
        signature: OctetString::new(signature).map_err(enc)?,
        unsigned_attrs: None,
    };
    let mut certs = vec![CertificateChoices::Certificate(cert)];
    for c in key.chain() {
        certs.push(CertificateChoices::Certificate(x509::parse(c)?));
    }
    let mut digest_algs = SetOfVec::new();
    digest_algs.insert(alg(hash.oid())).map_err(enc)?;
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer).map_err(enc)?;
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: digest_algs,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: OID_DATA,
            econtent: None,
        },
        certificates: Some(cms::signed_data::CertificateSet(
            SetOfVec::try_from(certs).map_err(enc)?,
        )),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    let info = ContentInfo {
        content_type: OID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(enc)?,
    };
    info.to_der().map_err(enc)
}

/// What a CMS signature says and whether it holds, for a content with a known digest.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub hash: Option<HashAlg>,
    pub signer: Option<Certificate>,
    pub certificates: Vec<Certificate>,
    /// The message-digest attribute equals the content's digest.
    pub digest_ok: bool,
    /// The signature over the signed attributes verifies with the signer's key.
    pub signature_ok: bool,
    /// signing-certificate-v2 is present and names the signer's certificate.
    pub signing_certificate_ok: bool,
    pub role: Option<String>,
    /// A signing-time attribute (not used by PAdES, read when present).
    pub signing_time: Option<String>,
    pub key_name: Option<String>,
    pub problems: Vec<String>,
}

/// Reads a CMS signature (with trailing zero padding) and checks it against the content, whose
/// parts are hashed with the signature's own digest algorithm.
pub fn check(cms_bytes: &[u8], content: &[&[u8]], lang: crate::Lang) -> Parsed {
    let mut out = Parsed {
        hash: None,
        signer: None,
        certificates: Vec::new(),
        digest_ok: false,
        signature_ok: false,
        signing_certificate_ok: false,
        role: None,
        signing_time: None,
        key_name: None,
        problems: Vec::new(),
    };
    let sd = match ContentInfo::from_der_partial(cms_bytes)
        .map_err(|e| e.to_string())
        .and_then(|(ci, _)| {
            if ci.content_type != OID_SIGNED_DATA {
                return Err("not SignedData".to_string());
            }
            ci.content
                .decode_as::<SignedData>()
                .map_err(|e| e.to_string())
        }) {
        Ok(sd) => sd,
        Err(e) => {
            out.problems.push(format!(
                "{}: {e}",
                lang.pick("CMS-allkirja ei saa lugeda", "CMS")
            ));
            return out;
        }
    };
    if let Some(set) = &sd.certificates {
        for c in set.0.iter() {
            if let CertificateChoices::Certificate(c) = c {
                out.certificates.push(c.clone());
            }
        }
    }
    let Some(si) = sd.signer_infos.0.iter().next() else {
        out.problems.push(
            lang.pick("CMS-allkirjas ei ole allkirjastajat", "CMS: no signer")
                .into(),
        );
        return out;
    };
    let Some(hash) = HashAlg::from_oid(&si.digest_alg.oid) else {
        out.problems.push(format!(
            "{} {}",
            lang.pick("räsialgoritmi ei toetata:", "unsupported digest algorithm"),
            si.digest_alg.oid
        ));
        return out;
    };
    out.hash = Some(hash);
    let signer = match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => out
            .certificates
            .iter()
            .find(|c| {
                c.tbs_certificate().issuer() == &ias.issuer
                    && c.tbs_certificate().serial_number() == &ias.serial_number
            })
            .cloned(),
        SignerIdentifier::SubjectKeyIdentifier(_) => None,
    };
    let Some(signer) = signer else {
        out.problems.push(
            lang.pick(
                "allkirjas ei ole allkirjastaja sertifikaati",
                "the signer's certificate is not in the signature",
            )
            .into(),
        );
        return out;
    };
    let Some(attrs) = &si.signed_attrs else {
        out.problems.push(
            lang.pick("allkirjastatud atribuute ei ole", "no signed attributes")
                .into(),
        );
        return out;
    };
    let content_digest = hash.digest_parts(content);
    for a in attrs.iter() {
        let first = a.values.iter().next();
        if a.oid == OID_MESSAGE_DIGEST {
            out.digest_ok = first
                .and_then(|v| v.decode_as::<OctetString>().ok())
                .is_some_and(|d| d.as_bytes() == content_digest.as_slice());
        } else if a.oid == OID_SIGNING_CERT_V2 {
            let cert_der = signer.to_der().unwrap_or_default();
            out.signing_certificate_ok = first
                .and_then(|v| v.decode_as::<SigningCertificateV2>().ok())
                .and_then(|s| s.certs.into_iter().next())
                .is_some_and(|id| {
                    let h = match &id.hash_algorithm {
                        None => Some(HashAlg::Sha256),
                        Some(a) => HashAlg::from_oid(&a.oid),
                    };
                    h.is_some_and(|h| h.digest(&cert_der) == id.cert_hash.as_bytes())
                });
        } else if a.oid == OID_SIGNER_ATTR_V2 {
            out.role = first.and_then(read_role);
        } else if a.oid == OID_SIGNING_TIME {
            out.signing_time = first.map(|v| format!("{v:?}"));
        }
    }
    if !out.signing_certificate_ok {
        out.problems.push(
            lang.pick(
                "signing-certificate-v2 puudub või ei vasta sertifikaadile",
                "signing-certificate-v2 is missing or does not match",
            )
            .into(),
        );
    }
    match x509::PublicKey::of(&signer) {
        Ok(key) => {
            out.key_name = Some(key.name());
            out.signature_ok = attrs.to_der().is_ok_and(|der| {
                key.verify_digest(hash, &hash.digest(&der), si.signature.as_bytes())
            });
        }
        Err(e) => out.problems.push(e.to_string()),
    }
    out.signer = Some(signer);
    out
}

fn read_role(value: &Any) -> Option<String> {
    let seq: Vec<der::asn1::ContextSpecific<Vec<Attribute>>> = value.decode_as().ok()?;
    let attr = seq
        .into_iter()
        .filter(|c| c.tag_number == der::TagNumber(0))
        .flat_map(|c| c.value)
        .find(|a| a.oid == OID_ROLE)?;
    let v = attr.values.iter().next()?;
    if let Ok(RoleSyntax {
        name: GeneralName::DirectoryName(name),
        ..
    }) = v.decode_as::<RoleSyntax>()
    {
        return name
            .iter()
            .find(|atv| atv.oid == OID_TITLE)
            .and_then(|atv| atv.value.decode_as::<Utf8StringRef<'_>>().ok())
            .map(|s| s.to_string());
    }
    // Some signers put the role in as a plain UTF8String.
    v.decode_as::<Utf8StringRef<'_>>()
        .ok()
        .map(|s| s.to_string())
}
