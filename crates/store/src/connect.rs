//! Opening the database: the backend is chosen from the URL, SQLite gets its pragmas on every
//! connection and a single writer connection.

use std::time::Duration;

use async_trait::async_trait;
use kandas_app::ports::store::{PoolStats, Store, StoreError};
use sqlx::{AnyConnection, Connection as _};
use sqlx::{AnyPool, any::AnyPoolOptions};

use crate::error::db;
use crate::migrate::Migration;
use crate::{Backend, SqlStore, jobs, migrate};

/// Pragmas run on every SQLite connection: wait rather than fail on a lock, WAL so readers run
/// beside the writer, durable commits, enforced foreign keys.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// The little that differs between the backends, chosen once when connecting.
#[derive(Debug)]
pub(crate) struct Dialect {
    /// Starts a write transaction.
    pub(crate) begin: &'static str,
    /// Claims a job (`$1` lease end, `$2` now).
    pub(crate) claim_job: &'static str,
    /// Serializes migrating processes (inside the migration's transaction).
    pub(crate) lock_migrations: &'static str,
    /// Creates the migrations bookkeeping table.
    pub(crate) bookkeeping: &'static str,
    /// The migrations of this backend.
    pub(crate) migrations: &'static [Migration],
}

/// SQLite: `BEGIN IMMEDIATE` takes the write lock up front, so a transaction never fails
/// half-way on a lock upgrade.
const SQLITE: Dialect = Dialect {
    begin: "BEGIN IMMEDIATE",
    claim_job: jobs::CLAIM_PORTABLE,
    lock_migrations: migrate::LOCK_SQLITE,
    bookkeeping: migrate::BOOKKEEPING_SQLITE,
    migrations: migrate::SQLITE,
};

/// PostgreSQL: concurrent claimers skip the rows another claimer holds.
const POSTGRES: Dialect = Dialect {
    begin: "BEGIN",
    claim_job: jobs::CLAIM_POSTGRES,
    lock_migrations: migrate::LOCK_POSTGRES,
    bookkeeping: migrate::BOOKKEEPING_POSTGRES,
    migrations: migrate::POSTGRES,
};

/// The write `/readyz` commits.
pub(crate) const WRITE_PROBE: &str = "UPDATE write_probe SET writes = writes + 1 WHERE id = 1";

/// The dialect of `backend`.
pub(crate) fn dialect(backend: Backend) -> &'static Dialect {
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

const SQLITE_READERS: u32 = 4;
const POSTGRES_POOL: u32 = 10;

fn backend_of(url: &str) -> Result<Backend, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::Backend(
            "unsupported database URL: use sqlite://… or postgres://…".into(),
        ))
    }
}

/// Adds `mode=rwc` so that a missing SQLite file is created.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

fn in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// How long a request waits for a database connection before it is answered 503: a database
/// out of reach fails fast, and heals by itself when it is back (`[database] timeout_ms`).
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

fn sqlite_options(max: u32, acquire: Duration) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(acquire)
        .after_connect(|conn: &mut AnyConnection, _meta| {
            Box::pin(async move {
                sqlx::raw_sql(SQLITE_PRAGMAS).execute(&mut *conn).await?;
                Ok(())
            })
        })
}

/// Whether the writer can go back to the pool. A transaction dropped after a failed statement
/// is rolled back by a queued command, which a round trip lets run; a connection still in a
/// transaction after that is one whose rollback failed because SQLite rolled back by itself
/// (a full disk, an I/O error). Kept, it would refuse every later `BEGIN`; discarded, the next
/// write opens a fresh connection and succeeds once the cause is gone.
async fn still_usable(conn: &mut AnyConnection) -> Result<bool, sqlx::Error> {
    sqlx::raw_sql("SELECT 1").execute(&mut *conn).await?;
    let usable = !conn.is_in_transaction();
    if !usable {
        tracing::warn!("discarding the SQLite writer left in a failed transaction");
    }
    Ok(usable)
}

impl SqlStore {
    /// Connects to `sqlite://path` (created when missing) or `postgres://…`, waiting at most
    /// [`ACQUIRE_TIMEOUT`] for a connection.
    pub async fn connect(url: &str) -> Result<SqlStore, StoreError> {
        SqlStore::connect_waiting(url, ACQUIRE_TIMEOUT).await
    }

    /// [`SqlStore::connect`], waiting at most `acquire` for a connection.
    pub async fn connect_waiting(url: &str, acquire: Duration) -> Result<SqlStore, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        match backend {
            Backend::Sqlite => {
                let url = sqlite_url(url);
                let write = sqlite_options(1, acquire)
                    .after_release(|conn: &mut AnyConnection, _meta| {
                        Box::pin(async move { still_usable(conn).await })
                    })
                    .connect(&url)
                    .await
                    .map_err(db)?;
                let read = if in_memory(&url) {
                    write.clone()
                } else {
                    sqlite_options(SQLITE_READERS, acquire)
                        .connect_lazy(&url)
                        .map_err(db)?
                };
                Ok(SqlStore {
                    write,
                    read,
                    backend,
                    dialect: dialect(backend),
                    audit_batch: Default::default(),
                })
            }
            Backend::Postgres => {
                let pool: AnyPool = AnyPoolOptions::new()
                    .max_connections(POSTGRES_POOL)
                    .acquire_timeout(acquire)
                    .connect(url)
                    .await
                    .map_err(db)?;
                Ok(SqlStore {
                    write: pool.clone(),
                    read: pool,
                    backend,
                    dialect: dialect(backend),
                    audit_batch: Default::default(),
                })
            }
        }
    }

    /// The pools' use: SQLite's writer and readers, or PostgreSQL's one shared pool.
    pub(crate) fn pools(&self) -> Vec<PoolStats> {
        let stats = |pool: &'static str, p: &AnyPool| PoolStats {
            pool,
            open: p.size(),
            idle: u32::try_from(p.num_idle()).unwrap_or(u32::MAX),
            max: p.options().get_max_connections(),
        };
        if self.backend == Backend::Postgres {
            vec![stats("shared", &self.write)]
        } else {
            vec![stats("write", &self.write), stats("read", &self.read)]
        }
    }

    /// Begins a write transaction.
    pub(crate) async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        self.write.begin_with(self.dialect.begin).await.map_err(db)
    }
}

#[async_trait]
impl Store for SqlStore {
    async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.read.acquire().await.map_err(db)?;
        conn.ping().await.map_err(db)?;
        drop(conn);
        // A read answering says nothing of a full disk or a broken writer: commit a write.
        let mut tx = self.begin().await?;
        sqlx::query(WRITE_PROBE)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        tx.commit().await.map_err(db)
    }

    fn pool_stats(&self) -> Vec<PoolStats> {
        self.pools()
    }
}
