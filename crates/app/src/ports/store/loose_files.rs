//! Stored files that no row holds: an upload's bytes before its attachment is added (and after,
//! should the process die in between), a removed attachment's bytes until they are deleted.

use async_trait::async_trait;
use jiff::Timestamp;

use super::StoreError;

/// The marks of loose files.
#[async_trait]
pub trait LooseFileStore: Send + Sync {
    /// Marks the file `key` loose from `at` (before its bytes are stored); the transaction
    /// that adds the attachment holding it takes the mark off.
    async fn mark_loose(&self, key: &str, at: Timestamp) -> Result<(), StoreError>;
    /// Up to `limit` files marked loose before `before` that no attachment holds, oldest first.
    async fn loose_files(&self, before: Timestamp, limit: i64) -> Result<Vec<String>, StoreError>;
    /// Takes the mark off `key` (its bytes are deleted).
    async fn forget_loose(&self, key: &str) -> Result<(), StoreError>;
}
