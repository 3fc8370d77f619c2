//! KSO Desk's documents, without Tauri and without the database:
//! - `layout`: A4 documents over printpdf (header, title, tables across pages, "Lk 2/5" footers,
//!   an embedded free font so Estonian text is exact and can be copied out);
//! - `pades`: PAdES baseline B signatures (`/SubFilter /ETSI.CAdES.detached`) appended as an
//!   incremental update, so a second signature keeps the first one valid;
//! - `keys`, `p12`, `pkcs11`: signing keys from a PKCS#12 file or a PKCS#11 token (the Estonian
//!   ID card through OpenSC, PIN2 asked for every signature);
//! - `verify`: each signature's signer, time, hash, integrity, what changed after it, and whether
//!   its certificate chains to a trust anchor the user imported.

pub mod cades;
pub mod keys;
pub mod layout;
pub mod p12;
pub mod pades;
pub mod pkcs11;
#[doc(hidden)]
pub mod testing;
pub mod verify;
pub mod x509;

pub use keys::{HashAlg, KeyKind, SigningKey};
pub use pades::{sign_pdf, SignOptions};
pub use verify::{verify_pdf, Modification, SignatureReport, Trust, VerifyReport};

/// The language of verification's findings (Estonian first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Et,
    En,
}

impl Lang {
    pub fn pick<'a>(self, et: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Et => et,
            Lang::En => en,
        }
    }
}

/// Errors of the document layer, signing and verification. `code()` is stable; the message is
/// for logs — the fronts show their own translated text per code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the PDF could not be made: {0}")]
    Render(String),
    #[error("not a PDF this program can read: {0}")]
    BadPdf(String),
    #[error("the key file could not be read: {0}")]
    BadKeyFile(String),
    #[error("wrong password for the key file")]
    WrongPassword,
    #[error("the key file has no private key with its certificate")]
    NoKey,
    #[error("unsupported key or algorithm: {0}")]
    Unsupported(String),
    #[error("the PKCS#11 module or token failed: {0}")]
    Token(String),
    #[error("wrong PIN")]
    WrongPin,
    #[error("the PIN is blocked")]
    PinLocked,
    #[error("no token with a signing key and its certificate was found")]
    NoToken,
    #[error("signing failed: {0}")]
    Sign(String),
    #[error("the certificate could not be read: {0}")]
    BadCertificate(String),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Render(_) => "pdf_render",
            Error::BadPdf(_) => "pdf_unreadable",
            Error::BadKeyFile(_) => "key_file_unreadable",
            Error::WrongPassword => "key_file_password",
            Error::NoKey => "key_file_no_key",
            Error::Unsupported(_) => "key_unsupported",
            Error::Token(_) => "token_failed",
            Error::WrongPin => "token_wrong_pin",
            Error::PinLocked => "token_pin_locked",
            Error::NoToken => "token_not_found",
            Error::Sign(_) => "sign_failed",
            Error::BadCertificate(_) => "certificate_unreadable",
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
