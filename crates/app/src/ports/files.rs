//! Stored files (attachments, signed documents): random keys, never user file names.

use async_trait::async_trait;
use thiserror::Error;

use crate::error::BoxError;

/// A failure of file storage; the source says why.
#[derive(Debug, Error)]
#[error("file storage failed")]
pub struct FilesError(#[source] pub BoxError);

/// Where file contents live.
#[async_trait]
pub trait Files: Send + Sync {
    /// Stores `bytes` under `key` durably (the call returns after the data is on disk).
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), FilesError>;
    /// Reads the file stored under `key`; `None` when there is none.
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, FilesError>;
    /// Deletes the file under `key` (no error when it is already gone).
    async fn delete(&self, key: &str) -> Result<(), FilesError>;
}
