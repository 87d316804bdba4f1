//! The storage adapters of kandas: [`SqlStore`] implements every area of the `Store` port (each
//! in the module of its area) and the `Registry` port, on SQLite and on PostgreSQL with one set
//! of portable SQL (sqlx's `Any` driver), and
//! [`LocalFiles`] implements the `Files` port on local disk.
//!
//! Conventions shared by every query: ids are text, times are RFC 3339 UTC text with nine
//! fractional digits (so that text order is time order), dates are `YYYY-MM-DD` text, integers
//! are 64-bit, booleans are 0/1, structured values are JSON text in versioned formats of the
//! store's own (`formats`, `{"v":1,…}`), converted from and to domain types. Parameters are
//! numbered `$1, $2, …` in order of first appearance.

mod accounts;
mod applications;
mod assignments;
mod audit;
mod audit_batch;
mod audit_chain;
pub mod bench_seed;
mod calendar;
mod challenges;
mod connect;
mod db_files;
mod deadlines;
pub mod demo;
mod desk;
mod endings;
mod error;
mod events;
mod files;
mod formats;
#[doc(hidden)]
pub mod hot_queries;
mod idempotency;
mod jobs;
mod keyring;
mod loose_files;
mod migrate;
mod nonces;
mod registry;
mod results;
mod rows;
pub mod scratch;
mod signin;
mod status;
mod users;

use sqlx::AnyPool;

pub use connect::ACQUIRE_TIMEOUT;
pub use db_files::{CHUNK, DbFiles};
pub use files::LocalFiles;
pub use kandas_app::ports::files::valid_key;
pub use registry::{ImportCertificate, ImportConsent, ImportPerson, ImportSummary, RegistryImport};

/// The SQL database backend the store is connected to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file (one writer connection, WAL).
    Sqlite,
    /// A PostgreSQL server (a pool).
    Postgres,
}

/// The `Store` and `Registry` ports on SQLite or PostgreSQL.
///
/// Writes go through `write`; reads through `read`. On PostgreSQL both are the same pool; on
/// SQLite `write` holds a single connection, so that writers queue in the process instead of
/// failing with `SQLITE_BUSY`, and `read` is a small pool of readers (WAL lets them run beside
/// the writer).
#[derive(Debug, Clone)]
pub struct SqlStore {
    write: AnyPool,
    read: AnyPool,
    backend: Backend,
    dialect: &'static connect::Dialect,
    /// The group commit of requests' own audit rows (`audit_batch`).
    audit_batch: std::sync::Arc<audit_batch::AuditBatcher>,
}

impl SqlStore {
    /// Which backend this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection (e.g. before dropping a scratch database).
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}
