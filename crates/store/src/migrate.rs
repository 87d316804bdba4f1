//! The migration runner: plain SQL files per backend, embedded in the binary, applied in order,
//! each in its own transaction and recorded in `schema_migrations`.

use kandas_app::ports::store::StoreError;

use crate::SqlStore;
use crate::error::db;

/// One migration: its version, name and SQL.
#[derive(Debug)]
pub(crate) struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

pub(crate) const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/sqlite/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "eds_nonces",
        sql: include_str!("../migrations/sqlite/0002_eds_nonces.sql"),
    },
];

pub(crate) const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "eds_nonces",
        sql: include_str!("../migrations/postgres/0002_eds_nonces.sql"),
    },
];

pub(crate) const BOOKKEEPING_SQLITE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";

pub(crate) const BOOKKEEPING_POSTGRES: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY, name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))";

/// SQLite: `BEGIN IMMEDIATE` already serializes migrating processes.
pub(crate) const LOCK_SQLITE: &str = "SELECT 1";

/// PostgreSQL: a transaction-scoped advisory lock (the subquery keeps `void` out of the result).
pub(crate) const LOCK_POSTGRES: &str =
    "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(7212001)) AS l";

impl SqlStore {
    /// Applies the migrations that are not applied yet; returns how many it applied.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        let mut applied = 0;
        for m in self.dialect.migrations {
            // Processes that start together take turns: the lock is held until commit.
            let mut tx = self.begin().await?;
            sqlx::raw_sql(self.dialect.lock_migrations)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            sqlx::raw_sql(self.dialect.bookkeeping)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(m.version)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?;
            if done.is_some() {
                continue;
            }
            sqlx::raw_sql(m.sql).execute(&mut *tx).await.map_err(|e| {
                StoreError::Backend(format!("migration {:04}_{}: {e}", m.version, m.name))
            })?;
            sqlx::query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
                .bind(m.version)
                .bind(m.name)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            tx.commit().await.map_err(db)?;
            tracing::info!(version = m.version, name = m.name, "applied migration");
            applied += 1;
        }
        Ok(applied)
    }
}
