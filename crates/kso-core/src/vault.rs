//! The database key and its wrappings (issue 6).
//!
//! The database file is encrypted by SQLCipher with a random 256-bit key. That key is never
//! stored as such: the key file beside the database (`kso.sqlite.keys`) holds one *wrapping* of
//! it per account — AES-256-GCM under a key derived from the account's password with Argon2id
//! (its own salt). So the head and the deputy each open the database with their own password,
//! and a password change rewraps one entry without re-encrypting the database.
//!
//! The key file also keeps what the sign-in screen needs before the database is open (the
//! department's name and the interface language) and each account's failed attempts, so the
//! growing delay survives a restart. Nothing in it is secret without a password.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::db::with_suffix;
use crate::error::{Error, Result};

const FORMAT: &str = "kso-desk-keys/1";

/// Argon2id cost of a key-encryption key: 64 MiB, 3 passes (OWASP's first recommendation is
/// 19 MiB × 2; the key file may be copied, so this one is dearer).
pub const KDF_M_KIB: u32 = 65_536;
pub const KDF_T: u32 = 3;
pub const KDF_P: u32 = 1;

/// The database key, wiped from memory when dropped.
#[derive(Clone)]
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    pub fn random() -> DbKey {
        let mut k = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(k.as_mut());
        DbKey(k)
    }

    /// The SQLCipher raw-key literal: `x'…'` (wiped when dropped).
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(67));
        s.push_str("x'");
        for b in self.0.iter() {
            s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        s.push('\'');
        s
    }

    /// Whether two keys are the same (in constant time).
    pub(crate) fn same(&self, other: &DbKey) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

/// One account's wrapping of the database key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeySlot {
    pub user_id: i64,
    pub login: String,
    pub salt: String,
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
    pub nonce: String,
    pub wrapped: String,
    /// Failed sign-in attempts since the last successful one.
    #[serde(default)]
    pub failures: u32,
    #[serde(default)]
    pub last_failure: Option<DateTime<Utc>>,
}

/// The key file.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
pub struct KeyFile {
    pub format: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub accounts: Vec<KeySlot>,
    /// Accounts that have no wrapping yet (after the upgrade of an unencrypted file): they sign
    /// in once the head has set their passwords.
    #[serde(default)]
    pub pending: Vec<String>,
}

/// `kso.sqlite` → `kso.sqlite.keys`.
pub fn keys_path(db: &Path) -> PathBuf {
    with_suffix(db, ".keys")
}

impl KeyFile {
    pub fn new() -> KeyFile {
        KeyFile {
            format: FORMAT.into(),
            ..Default::default()
        }
    }

    pub fn load(path: &Path) -> Result<Option<KeyFile>> {
        match fs::read(path) {
            Ok(bytes) => {
                let kf: KeyFile = serde_json::from_slice(&bytes).map_err(|_| Error::WrongKey)?;
                if kf.format != FORMAT {
                    return Err(Error::WrongKey);
                }
                Ok(Some(kf))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Loads the file, lets `f` change it and writes it back, holding an exclusive lock on
    /// `<keys>.lock` throughout, so that two writers (the app and the command line, or two
    /// sign-ins) never lose each other's change. A missing file starts empty.
    pub fn update<T>(path: &Path, f: impl FnOnce(&mut KeyFile) -> Result<T>) -> Result<T> {
        let _lock = lock(path)?;
        let mut kf = KeyFile::load(path)?.unwrap_or_else(KeyFile::new);
        let value = f(&mut kf)?;
        kf.write(path)?;
        Ok(value)
    }

    /// Writes the file under the lock (for a new file, or a copy beside a backup).
    pub fn save(&self, path: &Path) -> Result<()> {
        let _lock = lock(path)?;
        self.write(path)
    }

    /// Writes the file atomically (a temporary file of its own, fsync, rename), readable by its
    /// owner only.
    fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        let mut nonce = [0u8; 8];
        OsRng.fill_bytes(&mut nonce);
        let tmp = with_suffix(path, &format!(".{}.tmp", hex(&nonce)));
        {
            let mut f = fs::File::create(&tmp)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                f.set_permissions(fs::Permissions::from_mode(0o600))?;
            }
            f.write_all(&json)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Ok(d) = fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    pub fn slot(&self, login: &str) -> Option<&KeySlot> {
        self.accounts
            .iter()
            .find(|s| s.login.eq_ignore_ascii_case(login))
    }

    pub fn slot_mut(&mut self, login: &str) -> Option<&mut KeySlot> {
        self.accounts
            .iter_mut()
            .find(|s| s.login.eq_ignore_ascii_case(login))
    }

    /// Puts (or replaces) an account's wrapping.
    pub fn put(&mut self, slot: KeySlot) {
        self.accounts.retain(|s| s.user_id != slot.user_id);
        self.pending
            .retain(|p| !p.eq_ignore_ascii_case(&slot.login));
        self.accounts.push(slot);
        self.accounts.sort_by_key(|s| s.user_id);
    }

    pub fn remove(&mut self, user_id: i64) {
        self.accounts.retain(|s| s.user_id != user_id);
    }
}

/// The exclusive lock beside the key file, released when the returned file is dropped.
fn lock(path: &Path) -> Result<fs::File> {
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(with_suffix(path, ".lock"))?;
    f.lock()?;
    Ok(f)
}

fn kek(password: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<Zeroizing<[u8; 32]>> {
    let params =
        Params::new(m, t, p, Some(32)).map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(password.as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    Ok(out)
}

fn aad(user_id: i64, login: &str) -> Vec<u8> {
    format!("{FORMAT}|{user_id}|{}", login.to_lowercase()).into_bytes()
}

/// Wraps the database key for an account under its password.
pub fn wrap(key: &DbKey, user_id: i64, login: &str, password: &str) -> Result<KeySlot> {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mut nonce = [0u8; 12];
    OsRng.fill_bytes(&mut nonce);
    let kek = kek(password, &salt, KDF_M_KIB, KDF_T, KDF_P)?;
    let cipher = Aes256Gcm::new_from_slice(kek.as_ref())
        .map_err(|_| Error::Internal("kek length".into()))?;
    let aad = aad(user_id, login);
    let wrapped = cipher
        .encrypt(
            &nonce.into(),
            Payload {
                msg: key.0.as_ref(),
                aad: &aad,
            },
        )
        .map_err(|_| Error::Internal("key wrapping failed".into()))?;
    Ok(KeySlot {
        user_id,
        login: login.to_string(),
        salt: hex(&salt),
        m_kib: KDF_M_KIB,
        t: KDF_T,
        p: KDF_P,
        nonce: hex(&nonce),
        wrapped: hex(&wrapped),
        failures: 0,
        last_failure: None,
    })
}

/// Unwraps the database key with a password; `None` if the password is wrong (or the slot was
/// tampered with — GCM cannot tell them apart, and neither should an attacker).
pub fn unwrap(slot: &KeySlot, password: &str) -> Result<Option<DbKey>> {
    let (Some(salt), Some(nonce), Some(wrapped)) =
        (unhex(&slot.salt), unhex(&slot.nonce), unhex(&slot.wrapped))
    else {
        return Err(Error::WrongKey);
    };
    let nonce: [u8; 12] = nonce.try_into().map_err(|_| Error::WrongKey)?;
    // Refuse absurd costs from a doctored file rather than allocate them.
    if slot.m_kib > 1024 * 1024 || slot.t > 10 || slot.p == 0 || slot.p > 16 {
        return Err(Error::WrongKey);
    }
    let kek = kek(password, &salt, slot.m_kib, slot.t, slot.p)?;
    let cipher = Aes256Gcm::new_from_slice(kek.as_ref())
        .map_err(|_| Error::Internal("kek length".into()))?;
    let aad = aad(slot.user_id, &slot.login);
    match cipher.decrypt(
        &nonce.into(),
        Payload {
            msg: &wrapped,
            aad: &aad,
        },
    ) {
        Ok(plain) => {
            let plain = Zeroizing::new(plain);
            let mut k = Zeroizing::new([0u8; 32]);
            if plain.len() != 32 {
                return Err(Error::WrongKey);
            }
            k.copy_from_slice(&plain);
            Ok(Some(DbKey(k)))
        }
        Err(_) => Ok(None),
    }
}

/// Seconds to wait after `failures` failed attempts in a row: none for the first three, then
/// 2, 4, 8 … seconds, at most five minutes.
pub fn delay_after(failures: u32) -> u64 {
    if failures < 3 {
        0
    } else {
        (1u64 << (failures - 2).min(20)).min(300)
    }
}

/// How long the account must still wait before its next attempt, if at all.
pub fn wait_needed(slot: &KeySlot, now: DateTime<Utc>) -> Option<u64> {
    let last = slot.last_failure?;
    let delay = delay_after(slot.failures) as i64;
    let ready = last + chrono::Duration::seconds(delay);
    (ready > now).then(|| (ready - now).num_seconds().max(1) as u64)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_and_unwrap() {
        let key = DbKey::random();
        let slot = wrap(&key, 7, "Mari", "pikk-parool-1").unwrap();
        let back = unwrap(&slot, "pikk-parool-1").unwrap().unwrap();
        assert_eq!(back.0.as_ref(), key.0.as_ref());
        assert!(unwrap(&slot, "pikk-parool-2").unwrap().is_none());
        // The wrapping is bound to its account: moved to another one, it does not open.
        let moved = KeySlot {
            user_id: 8,
            ..slot.clone()
        };
        assert!(unwrap(&moved, "pikk-parool-1").unwrap().is_none());
    }

    #[test]
    fn the_delay_grows_and_is_capped() {
        assert_eq!(
            (0..12).map(delay_after).collect::<Vec<_>>(),
            vec![0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300]
        );
        let now = Utc::now();
        let mut slot = wrap(&DbKey::random(), 1, "a", "pikk-parool-1").unwrap();
        slot.failures = 5;
        slot.last_failure = Some(now);
        assert_eq!(wait_needed(&slot, now), Some(8));
        assert_eq!(wait_needed(&slot, now + chrono::Duration::seconds(9)), None);
    }
}
