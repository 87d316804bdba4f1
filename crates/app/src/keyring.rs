//! The service's keys, kept in the database so that every node has the same ones: the
//! one-time-code key and the seal (its private keys, the published key set, the check-code
//! key), each encrypted under the master key every node is given ([`MasterKey`]). Keys are
//! made once, by whichever node comes first; the seal rotates by replacing its record, which
//! every node reloads ([`SealCell::reload`]) well before the new key takes over.

mod master;
mod seal_cell;

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use kandas_domain::audit::AuditAction;
use kandas_seal::{CodeKey, KeySet, Seal, SealKey};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ports::store::{AuditRecord, KeyringStore};

pub use master::MasterKey;
pub use seal_cell::SealCell;

/// The name of the one-time-code key (also the key of status links).
pub const OTP: &str = "otp";
/// The name of the seal's record.
pub const SEAL: &str = "seal";

/// The seal as stored (inside the ciphertext): the published set, the private keys still in
/// use, the check-code key.
#[derive(Serialize, Deserialize)]
struct SealRecord {
    keys: String,
    signing: Vec<String>,
    code: String,
}

fn corrupt(name: &str, e: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("the stored key `{name}` is invalid: {e}"))
}

impl SealRecord {
    fn of(seal: &Seal) -> SealRecord {
        SealRecord {
            keys: seal.keys().to_json(),
            signing: seal.signing_keys().iter().map(SealKey::to_hex).collect(),
            code: seal.code_key().to_hex(),
        }
    }

    fn open(bytes: &[u8]) -> Result<Seal, AppError> {
        let record: SealRecord = serde_json::from_slice(bytes).map_err(|e| corrupt(SEAL, e))?;
        let keys = KeySet::from_json(&record.keys).map_err(|e| corrupt(SEAL, e))?;
        let signing = record
            .signing
            .iter()
            .map(|hex| SealKey::from_hex(hex))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| corrupt(SEAL, e))?;
        let codes = CodeKey::from_hex(&record.code).map_err(|e| corrupt(SEAL, e))?;
        Seal::with_keys(signing, keys, codes).map_err(|e| corrupt(SEAL, e))
    }
}

/// A seal rotation as done: the key retired, the key that takes over, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// The key that signs until `at`.
    pub old: String,
    /// The key that signs from `at`.
    pub new: String,
    /// When the new key takes over (to the second).
    pub at: Timestamp,
}

/// The keys in the database, opened with the master key.
#[derive(Clone)]
pub struct Keyring {
    store: Arc<dyn KeyringStore>,
    master: MasterKey,
}

impl Keyring {
    /// The keyring of `store` under `master`.
    pub fn new(store: Arc<dyn KeyringStore>, master: MasterKey) -> Keyring {
        Keyring { store, master }
    }

    /// The key `name` and its version, if it was made.
    pub async fn read(&self, name: &str) -> Result<Option<(Vec<u8>, i64)>, AppError> {
        match self.store.stored_key(name).await? {
            Some(stored) => Ok(Some((
                self.master.open(name, &stored.sealed)?,
                stored.version,
            ))),
            None => Ok(None),
        }
    }

    /// Stores `bytes` as the key `name` unless it exists; false when it did. Made by the
    /// service itself (on first start, or moved from an older data directory): not audited.
    pub async fn add(&self, name: &str, bytes: &[u8], at: Timestamp) -> Result<bool, AppError> {
        let sealed = self.master.seal(name, bytes)?;
        Ok(self.store.save_key(name, &sealed, None, at, None).await?)
    }

    /// The key `name`, made with `make` if there is none yet. Two nodes making it at once
    /// both end up with the one stored first.
    pub async fn get_or_add(
        &self,
        name: &str,
        at: Timestamp,
        make: impl FnOnce() -> Vec<u8>,
    ) -> Result<Vec<u8>, AppError> {
        if let Some((bytes, _)) = self.read(name).await? {
            return Ok(bytes);
        }
        self.add(name, &make(), at).await?;
        match self.read(name).await? {
            Some((bytes, _)) => Ok(bytes),
            None => Err(AppError::internal(format!(
                "the key `{name}` was stored but does not read back"
            ))),
        }
    }

    /// The one-time-code key, made (32 random bytes) on first use.
    pub async fn otp_key(&self, at: Timestamp) -> Result<Vec<u8>, AppError> {
        self.get_or_add(OTP, at, || crate::secrets::random_key().to_vec())
            .await
    }

    /// The seal and its record's version, if it was made.
    pub async fn seal(&self) -> Result<Option<(Seal, i64)>, AppError> {
        match self.read(SEAL).await? {
            Some((bytes, version)) => Ok(Some((SealRecord::open(&bytes)?, version))),
            None => Ok(None),
        }
    }

    /// Stores `seal` as the seal unless there is one (audited as `audit`, when someone's act);
    /// false when there was.
    pub async fn add_seal(
        &self,
        seal: &Seal,
        at: Timestamp,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, AppError> {
        let record = serde_json::to_vec(&SealRecord::of(seal)).map_err(AppError::internal)?;
        let sealed = self.master.seal(SEAL, &record)?;
        Ok(self.store.save_key(SEAL, &sealed, None, at, audit).await?)
    }

    /// Makes the seal: its first key, in use from `at`, and the check-code key; audited when
    /// `audited` (an administrator's `kandas seal init`, not development's first start).
    /// Refused when there is one (a second would orphan the certificates of the first).
    pub async fn init_seal(&self, at: Timestamp, audited: bool) -> Result<Seal, AppError> {
        let key = SealKey::from_seed(crate::secrets::random_key());
        let keys = KeySet::first(&key, at);
        let seal = Seal::new(key, keys, CodeKey::from_bytes(crate::secrets::random_key()))
            .map_err(AppError::internal)?;
        let mut audit = saved(SEAL, 1, at);
        audit.details["active"] = seal.kid().into();
        if !self.add_seal(&seal, at, audited.then_some(&audit)).await? {
            return Err(AppError::internal(
                "there is a seal already: rotate it with `kandas seal rotate`",
            ));
        }
        Ok(seal)
    }

    /// Rotates the seal: a new key takes over `delay` after `now` (long enough for every node
    /// to reload the seal first, so that none signs with the old key after it retired); the
    /// old key stays published for what it signed, and its private half is dropped at the
    /// next rotation. Refused while a rotation is pending.
    pub async fn rotate_seal(
        &self,
        now: Timestamp,
        delay: SignedDuration,
    ) -> Result<Rotation, AppError> {
        let Some((seal, version)) = self.seal().await? else {
            return Err(AppError::internal(
                "there is no seal to rotate: make it with `kandas seal init`",
            ));
        };
        let active = seal
            .keys()
            .active()
            .cloned()
            .ok_or_else(|| corrupt(SEAL, "no active key"))?;
        if active.not_before > now {
            return Err(AppError::internal(format!(
                "a rotation is pending: the key {} takes over at {}",
                active.kid, active.not_before
            )));
        }
        let at = now + delay;
        let new = SealKey::from_seed(crate::secrets::random_key());
        let mut keys = seal.keys().clone();
        keys.rotate(&new, at).map_err(AppError::internal)?;
        let signing = seal
            .signing_keys()
            .iter()
            .filter(|k| k.kid() == active.kid)
            .cloned()
            .chain([new.clone()])
            .collect();
        let rotated =
            Seal::with_keys(signing, keys, seal.code_key().clone()).map_err(AppError::internal)?;
        let record = serde_json::to_vec(&SealRecord::of(&rotated)).map_err(AppError::internal)?;
        let sealed = self.master.seal(SEAL, &record)?;
        // The switch as the key set has it (to the second).
        let at = rotated.keys().find(new.kid()).map_or(at, |k| k.not_before);
        let mut audit = saved(SEAL, version + 1, now);
        audit.details["retired"] = active.kid.clone().into();
        audit.details["active"] = new.kid().into();
        audit.details["from"] = at.to_string().into();
        if !self
            .store
            .save_key(SEAL, &sealed, Some(version), now, Some(&audit))
            .await?
        {
            return Err(AppError::internal(
                "the seal changed while it was being rotated (another rotation?): try again",
            ));
        }
        Ok(Rotation {
            old: active.kid,
            new: new.kid().to_owned(),
            at,
        })
    }
}

/// The audit record of saving version `version` of the key `name` (never its value).
fn saved(name: &str, version: i64, at: Timestamp) -> AuditRecord {
    let mut audit = AuditRecord::system(at, AuditAction::KeySave, crate::secrets::new_id());
    audit.details = serde_json::json!({ "key": name, "version": version });
    audit
}
