//! Stored files (attachments, signed documents): random keys, never user file names.

use async_trait::async_trait;
use thiserror::Error;

use crate::error::BoxError;

/// The longest key accepted.
pub const MAX_KEY: usize = 128;

/// Whether `key` may name a file: 1–128 of `a-z`, `0-9` and `-` (never a path, in any store).
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `key` when it is [`valid_key`], else the error every adapter answers.
pub fn checked_key(key: &str) -> Result<&str, FilesError> {
    if valid_key(key) {
        Ok(key)
    } else {
        Err(FilesError("invalid file key".into()))
    }
}

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
    /// Every stored file's key, in order (`kandas files migrate`); a write in progress is not
    /// one.
    async fn keys(&self) -> Result<Vec<String>, FilesError>;
}
