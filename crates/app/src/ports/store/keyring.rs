//! The service's keys as the database holds them: each encrypted under the master key
//! ([`crate::keyring`]), with a version that a change replaces.

use async_trait::async_trait;
use jiff::Timestamp;

use super::{AuditRecord, StoreError};

/// A key as stored: the ciphertext and its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredKey {
    /// The key encrypted under the master key (`crate::keyring::MasterKey::seal`).
    pub sealed: String,
    /// Its version: 1 when made, one more at each change.
    pub version: i64,
}

/// The keys every node shares.
#[async_trait]
pub trait KeyringStore: Send + Sync {
    /// The key `name`, if it was made.
    async fn stored_key(&self, name: &str) -> Result<Option<StoredKey>, StoreError>;
    /// Saves `sealed` as the key `name` at `at` (with `audit`, when it is someone's act), in one
    /// transaction: as its first version when `replaces` is `None`, else in place of version
    /// `replaces`. False when another node got there first (the key exists already, or its
    /// version moved on).
    async fn save_key(
        &self,
        name: &str,
        sealed: &str,
        replaces: Option<i64>,
        at: Timestamp,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError>;
}
