//! The migration runner: plain SQL files per backend, embedded in the binary, applied in order,
//! each in its own transaction and recorded in `schema_migrations`. Each version is applied
//! unless it is recorded, so numbers may have gaps and a version merged later than a higher one
//! is still applied.

use kandas_app::ports::store::StoreError;

use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::error::db;

/// One migration: its version, name and SQL.
#[derive(Debug)]
pub(crate) struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
    /// SQLite rebuilds a table (it cannot change a CHECK constraint): foreign keys are switched
    /// off around the transaction and checked with `PRAGMA foreign_key_check` before commit,
    /// SQLite's documented procedure for schema changes.
    rebuilds_tables: bool,
}

/// Both backends' lists from one table: each migration's version, name and file stem (its SQL
/// is `migrations/<backend>/<stem>.sql`), and whether it rebuilds SQLite tables (`rebuilds`;
/// PostgreSQL alters them in place, so its migrations never do).
macro_rules! migrations {
    ($($version:literal, $name:literal, $stem:literal, $sqlite:ident;)+) => {
        pub(crate) const SQLITE: &[Migration] = &[$(Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../migrations/sqlite/", $stem, ".sql")),
            rebuilds_tables: rebuilds!($sqlite),
        },)+];
        pub(crate) const POSTGRES: &[Migration] = &[$(Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../migrations/postgres/", $stem, ".sql")),
            rebuilds_tables: false,
        },)+];
    };
}

macro_rules! rebuilds {
    (rebuilds) => {
        true
    };
    (keeps) => {
        false
    };
}

migrations! {
    1, "init", "0001_init", keeps;
    2, "eds_nonces", "0002_eds_nonces", keeps;
    3, "desk", "0003_desk", rebuilds;
    4, "deadline_warnings", "0004_deadline_warnings", keeps;
    5, "due_process", "0005_due_process", keeps;
    6, "result_documents", "0006_result_documents", keeps;
    7, "calendar", "0007_calendar", keeps;
    9, "signin_limits", "0009_signin_limits", keeps;
    10, "accounts", "0010_accounts", keeps;
    11, "case_assignments", "0011_case_assignments", keeps;
    12, "audit_chain", "0012_audit_chain", keeps;
    13, "case_events", "0013_case_events", keeps;
    14, "audit_search", "0014_audit_search", keeps;
    15, "seal_timestamps", "0015_seal_timestamps", keeps;
    16, "idempotency_fingerprints", "0016_idempotency_fingerprints", keeps;
    17, "write_probe", "0017_write_probe", keeps;
    18, "deliveries", "0018_deliveries", keeps;
    19, "file_chunks", "0019_file_chunks", keeps;
    20, "keyring", "0020_keyring", keeps;
    21, "idempotency_responses", "0021_idempotency_responses", keeps;
    22, "loose_files", "0022_loose_files", keeps;
    23, "audit_account", "0023_audit_account", keeps;
}

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
        self.migrate_up_to(i64::MAX).await
    }

    /// Applies the migrations up to `version` (tests of upgrades from an older schema).
    pub async fn migrate_up_to(&self, version: i64) -> Result<usize, StoreError> {
        let mut applied = 0;
        for m in self
            .dialect
            .migrations
            .iter()
            .filter(|m| m.version <= version)
        {
            let mut conn = self.write.acquire().await.map_err(db)?;
            if m.rebuilds_tables {
                sqlx::raw_sql("PRAGMA foreign_keys = OFF")
                    .execute(&mut *conn)
                    .await
                    .map_err(db)?;
            }
            let outcome = self.apply(&mut conn, m).await;
            if m.rebuilds_tables {
                sqlx::raw_sql("PRAGMA foreign_keys = ON")
                    .execute(&mut *conn)
                    .await
                    .map_err(db)?;
            }
            if outcome? {
                tracing::info!(version = m.version, name = m.name, "applied migration");
                applied += 1;
            }
        }
        Ok(applied)
    }

    /// Applies one migration unless it was applied; `true` when it ran.
    async fn apply(
        &self,
        conn: &mut sqlx::AnyConnection,
        m: &Migration,
    ) -> Result<bool, StoreError> {
        {
            // Processes that start together take turns: the lock is held until commit.
            let mut tx = sqlx::Connection::begin_with(conn, self.dialect.begin)
                .await
                .map_err(db)?;
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
                return Ok(false);
            }
            sqlx::raw_sql(m.sql).execute(&mut *tx).await.map_err(|e| {
                crate::error::backend(format!("migration {:04}_{}", m.version, m.name), e)
            })?;
            if m.version == crate::events::BACKFILL_VERSION {
                crate::events::backfill(&mut tx).await?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
                .bind(m.version)
                .bind(m.name)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            if m.rebuilds_tables {
                let broken: Vec<AnyRow> = sqlx::query("PRAGMA foreign_key_check")
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db)?;
                if !broken.is_empty() {
                    return Err(StoreError::Backend(
                        format!(
                            "migration {:04}_{}: {} rows break a foreign key",
                            m.version,
                            m.name,
                            broken.len()
                        )
                        .into(),
                    ));
                }
            }
            tx.commit().await.map_err(db)?;
            Ok(true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Migration, POSTGRES, SQLITE};

    fn versions(list: &[Migration]) -> Vec<(i64, &'static str)> {
        list.iter().map(|m| (m.version, m.name)).collect()
    }

    #[test]
    fn both_backends_list_the_same_migrations_in_ascending_order() {
        assert_eq!(versions(SQLITE), versions(POSTGRES));
        assert!(SQLITE.windows(2).all(|w| w[0].version < w[1].version));
        for m in SQLITE.iter().chain(POSTGRES) {
            assert!(!m.sql.trim().is_empty(), "{}", m.name);
        }
    }
}
