//! Signing keys on a PKCS#11 token: the Estonian ID card through OpenSC's `opensc-pkcs11.so`
//! (the signing key "Allkirjastamine", ECDSA P-384, PIN2, always-authenticate), or any token with
//! a signing key and its certificate. The digest is made here; the token signs it (raw ECDSA, or
//! RSA PKCS#1 v1.5 over the DigestInfo).
//!
//! A key marked always-authenticate wants the PIN again between `C_SignInit` and `C_Sign`, which
//! cryptoki's one-call `sign` leaves no room for: so the module's own `C_Sign` is called on the
//! same session after a context-specific login.

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::RvError;
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use der::asn1::ObjectIdentifier;
use der::Decode;

use crate::keys::{ecdsa_raw_to_der, HashAlg, KeyKind, SigningKey, OID_P256, OID_P384};
use crate::{Error, Result};

/// The label of the ID card's signing key.
pub const ID_CARD_SIGNING_LABEL: &str = "Allkirjastamine";

type CSign = unsafe extern "C" fn(
    cryptoki_sys::CK_SESSION_HANDLE,
    *mut u8,
    cryptoki_sys::CK_ULONG,
    *mut u8,
    *mut cryptoki_sys::CK_ULONG,
) -> cryptoki_sys::CK_RV;

fn token_error(e: cryptoki::error::Error) -> Error {
    match e {
        cryptoki::error::Error::Pkcs11(
            RvError::PinIncorrect | RvError::PinInvalid | RvError::PinLenRange,
            _,
        ) => Error::WrongPin,
        cryptoki::error::Error::Pkcs11(RvError::PinLocked, _) => Error::PinLocked,
        other => Error::Token(other.to_string()),
    }
}

/// A signing key on a token, with a logged-in session.
pub struct TokenKey {
    session: Session,
    key: ObjectHandle,
    certificate: Vec<u8>,
    kind: KeyKind,
    always_authenticate: bool,
    pin: String,
    c_sign: CSign,
    // Kept open so that `c_sign` stays valid; the context finalizes the module when dropped.
    _module: libloading::Library,
    _context: Pkcs11,
}

impl TokenKey {
    /// Opens the module, finds a token with a signing key whose certificate is on the token too
    /// (the one labelled `label` if given, "Allkirjastamine" first otherwise), logs in with `pin`.
    pub fn open(module: &str, pin: &str, label: Option<&str>) -> Result<TokenKey> {
        let context = Pkcs11::new(module).map_err(|e| Error::Token(format!("{module}: {e}")))?;
        match context.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(())
            | Err(cryptoki::error::Error::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(token_error(e)),
        }
        // The module's own C_Sign, from the same (already loaded) library.
        // SAFETY: the library is a PKCS#11 module (it just initialized through cryptoki); the
        // symbol is the standard entry point, and the function list it fills is the module's.
        let (module_lib, c_sign) = unsafe {
            let lib = libloading::Library::new(module).map_err(|e| Error::Token(e.to_string()))?;
            let get: libloading::Symbol<
                unsafe extern "C" fn(
                    *mut cryptoki_sys::CK_FUNCTION_LIST_PTR,
                ) -> cryptoki_sys::CK_RV,
            > = lib
                .get(b"C_GetFunctionList")
                .map_err(|e| Error::Token(e.to_string()))?;
            let mut list: cryptoki_sys::CK_FUNCTION_LIST_PTR = std::ptr::null_mut();
            if get(&mut list) != cryptoki_sys::CKR_OK || list.is_null() {
                return Err(Error::Token("C_GetFunctionList failed".into()));
            }
            let c_sign = (*list)
                .C_Sign
                .ok_or_else(|| Error::Token("the module has no C_Sign".into()))?;
            (lib, c_sign)
        };
        let slots = context
            .get_slots_with_initialized_token()
            .map_err(token_error)?;
        let mut candidates = Vec::new();
        for slot in slots {
            // A reader with a card this module cannot use is passed over.
            let Ok(session) = context.open_ro_session(slot) else {
                continue;
            };
            let certs = session
                .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
                .unwrap_or_default();
            if !certs.is_empty() {
                candidates.push(session);
            }
        }
        // Public objects are visible before login; private keys may not be: log in to each token
        // that has a certificate, the signing one first.
        let mut last_err = Error::NoToken;
        for session in candidates {
            match session.login(UserType::User, Some(&AuthPin::from(pin.to_string()))) {
                Ok(()) | Err(cryptoki::error::Error::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
                Err(e) => {
                    last_err = token_error(e);
                    if matches!(last_err, Error::WrongPin | Error::PinLocked) {
                        return Err(last_err);
                    }
                    continue;
                }
            }
            match find_key(&session, label) {
                Ok((key, certificate, kind, always_authenticate)) => {
                    return Ok(TokenKey {
                        session,
                        key,
                        certificate,
                        kind,
                        always_authenticate,
                        pin: pin.to_string(),
                        c_sign,
                        _module: module_lib,
                        _context: context,
                    });
                }
                Err(e) => last_err = e,
            }
        }
        Err(last_err)
    }

    /// Whether the token asks for the PIN for every signature (the ID card's PIN2 does).
    pub fn always_authenticate(&self) -> bool {
        self.always_authenticate
    }

    fn raw_sign(&self, mechanism: &Mechanism, data: &[u8]) -> Result<Vec<u8>> {
        self.session
            .sign_init(mechanism, self.key)
            .map_err(token_error)?;
        if self.always_authenticate {
            self.session
                .login(
                    UserType::ContextSpecific,
                    Some(&AuthPin::from(self.pin.clone())),
                )
                .map_err(token_error)?;
        }
        let mut input = data.to_vec();
        let mut out = vec![0u8; 1024];
        let mut len: cryptoki_sys::CK_ULONG = out.len() as cryptoki_sys::CK_ULONG;
        // SAFETY: the session handle is open and initialised for signing above; the buffers are
        // valid for their stated lengths.
        let rv = unsafe {
            (self.c_sign)(
                self.session.handle(),
                input.as_mut_ptr(),
                input.len() as cryptoki_sys::CK_ULONG,
                out.as_mut_ptr(),
                &mut len,
            )
        };
        if rv != cryptoki_sys::CKR_OK {
            return Err(match cryptoki::error::Rv::from(rv) {
                cryptoki::error::Rv::Error(e) => token_error(cryptoki::error::Error::Pkcs11(
                    e,
                    cryptoki::context::Function::Sign,
                )),
                cryptoki::error::Rv::Ok => Error::Token("C_Sign".into()),
            });
        }
        out.truncate(len as usize);
        Ok(out)
    }
}

fn find_key(
    session: &Session,
    label: Option<&str>,
) -> Result<(ObjectHandle, Vec<u8>, KeyKind, bool)> {
    let keys = session
        .find_objects(&[
            Attribute::Class(ObjectClass::PRIVATE_KEY),
            Attribute::Sign(true),
        ])
        .map_err(token_error)?;
    let mut found = Vec::new();
    for key in keys {
        let attrs = session
            .get_attributes(
                key,
                &[
                    AttributeType::Id,
                    AttributeType::Label,
                    AttributeType::KeyType,
                    AttributeType::EcParams,
                    AttributeType::AlwaysAuthenticate,
                ],
            )
            .map_err(token_error)?;
        let mut id = Vec::new();
        let mut key_label = String::new();
        let mut key_type = None;
        let mut ec_params = Vec::new();
        let mut always = false;
        for a in attrs {
            match a {
                Attribute::Id(v) => id = v,
                Attribute::Label(v) => key_label = String::from_utf8_lossy(&v).into_owned(),
                Attribute::KeyType(t) => key_type = Some(t),
                Attribute::EcParams(p) => ec_params = p,
                Attribute::AlwaysAuthenticate(b) => always = b,
                _ => {}
            }
        }
        if label.is_some_and(|l| l != key_label) {
            continue;
        }
        let certs = session
            .find_objects(&[
                Attribute::Class(ObjectClass::CERTIFICATE),
                Attribute::Id(id),
            ])
            .map_err(token_error)?;
        let Some(cert) = certs.first() else { continue };
        let value = session
            .get_attributes(*cert, &[AttributeType::Value])
            .map_err(token_error)?
            .into_iter()
            .find_map(|a| match a {
                Attribute::Value(v) => Some(v),
                _ => None,
            })
            .ok_or(Error::NoToken)?;
        let kind = match key_type {
            Some(KeyType::EC) => {
                let curve = ObjectIdentifier::from_der(&ec_params)
                    .map_err(|e| Error::Unsupported(format!("EC parameters: {e}")))?;
                if curve == OID_P256 {
                    KeyKind::P256
                } else if curve == OID_P384 {
                    KeyKind::P384
                } else {
                    return Err(Error::Unsupported(format!("elliptic curve {curve}")));
                }
            }
            Some(KeyType::RSA) => {
                let cert = crate::x509::parse(&value)?;
                match crate::x509::PublicKey::of(&cert)? {
                    crate::x509::PublicKey::Rsa(k) => {
                        use rsa::traits::PublicKeyParts;
                        KeyKind::Rsa { bits: k.size() * 8 }
                    }
                    _ => {
                        return Err(Error::Unsupported(
                            "an RSA key with another certificate".into(),
                        ))
                    }
                }
            }
            other => return Err(Error::Unsupported(format!("key type {other:?}"))),
        };
        let rank = if key_label == ID_CARD_SIGNING_LABEL {
            0
        } else {
            1
        };
        found.push((rank, key, value, kind, always));
    }
    found.sort_by_key(|f| f.0);
    found
        .into_iter()
        .next()
        .map(|(_, k, v, kind, always)| (k, v, kind, always))
        .ok_or(Error::NoToken)
}

impl SigningKey for TokenKey {
    fn certificate(&self) -> &[u8] {
        &self.certificate
    }

    fn chain(&self) -> &[Vec<u8>] {
        &[]
    }

    fn kind(&self) -> KeyKind {
        self.kind
    }

    fn sign_digest(&mut self, hash: HashAlg, digest: &[u8]) -> Result<Vec<u8>> {
        match self.kind {
            KeyKind::Rsa { .. } => {
                let mut info = hash.digest_info_prefix().to_vec();
                info.extend_from_slice(digest);
                self.raw_sign(&Mechanism::RsaPkcs, &info)
            }
            KeyKind::P256 | KeyKind::P384 => {
                let raw = self.raw_sign(&Mechanism::Ecdsa, digest)?;
                ecdsa_raw_to_der(&raw)
            }
        }
    }
}
