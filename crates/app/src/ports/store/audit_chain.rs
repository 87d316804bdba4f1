//! The store's side of the tamper-evident trail: the chain's head, its rows in position order,
//! and the hourly seals (kept in a table of their own, append-only like the trail).

use async_trait::async_trait;

use super::*;
use crate::audit_chain::{AuditSeal, ChainRow};

/// Where the chain stands, as the database records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// The last position taken (0: no row yet).
    pub position: u64,
    /// That row's hash, hex (64 zeros for an empty chain).
    pub hash: String,
    /// The last `seq` written before the chain began: rows up to it have no position.
    pub started_after_seq: i64,
}

/// The chain's rows and seals.
#[async_trait]
pub trait AuditChainStore: Send + Sync {
    /// The chain's recorded head.
    async fn chain_head(&self) -> Result<ChainHead, StoreError>;
    /// At most `limit` chained rows after `position`, in position order (ties by `seq`).
    async fn chain_rows(&self, after: u64, limit: i64) -> Result<Vec<ChainRow>, StoreError>;
    /// The `seq` of rows without a position: written before the chain began (`seq` at most
    /// the head's `started_after_seq`) or inserted around it.
    async fn unchained_rows(&self) -> Result<Vec<i64>, StoreError>;
    /// The lowest position of a row at or after `at` (`None`: no such row).
    async fn first_position_since(&self, at: Timestamp) -> Result<Option<u64>, StoreError>;
    /// The highest position of a row before `at`.
    async fn last_position_before(&self, at: Timestamp) -> Result<Option<u64>, StoreError>;
    /// Stores a seal.
    async fn add_seal(&self, seal: &AuditSeal) -> Result<(), StoreError>;
    /// Every seal, by position then time.
    async fn seals(&self) -> Result<Vec<AuditSeal>, StoreError>;
}
