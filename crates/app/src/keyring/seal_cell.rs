//! The seal in use, replaceable while the service runs: each node reloads it from the keyring
//! now and then, so a rotation made anywhere reaches every node before the new key takes over.

use std::sync::{Arc, RwLock};

use kandas_seal::{AuditHead, Claims, KeySet, Seal, SealError};

use super::Keyring;
use crate::error::AppError;

/// The seal in use and the version of its record.
#[derive(Debug)]
pub struct SealCell {
    current: RwLock<(Arc<Seal>, i64)>,
}

impl SealCell {
    /// A cell holding `seal`, read as version `version` of its record.
    pub fn new(seal: Seal, version: i64) -> SealCell {
        SealCell {
            current: RwLock::new((Arc::new(seal), version)),
        }
    }

    /// The seal in use now.
    pub fn current(&self) -> Arc<Seal> {
        match self.current.read() {
            Ok(c) => c.0.clone(),
            Err(poisoned) => poisoned.into_inner().0.clone(),
        }
    }

    fn version(&self) -> i64 {
        match self.current.read() {
            Ok(c) => c.1,
            Err(poisoned) => poisoned.into_inner().1,
        }
    }

    /// Reads the seal's record and takes it in if it changed; answers whether it did.
    pub async fn reload(&self, keyring: &Keyring) -> Result<bool, AppError> {
        let Some((seal, version)) = keyring.seal().await? else {
            return Err(AppError::internal("the stored seal is gone"));
        };
        if version == self.version() {
            return Ok(false);
        }
        let mut slot = match self.current.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        *slot = (Arc::new(seal), version);
        Ok(true)
    }
}

impl crate::ports::Seal for SealCell {
    fn sign(&self, claims: &Claims) -> Result<Vec<u8>, SealError> {
        self.current().sign(claims)
    }

    fn sign_audit_head(&self, head: &AuditHead) -> Result<Vec<u8>, SealError> {
        self.current().sign_audit_head(head)
    }

    fn code(&self, number: &str) -> String {
        self.current().code(number)
    }

    fn code_matches(&self, number: &str, code: &str) -> bool {
        self.current().code_matches(number, code)
    }

    fn keys(&self) -> KeySet {
        self.current().keys().clone()
    }

    fn kid_at(&self, at: jiff::Timestamp) -> Option<String> {
        self.current().kid_at(at).map(str::to_owned)
    }
}
