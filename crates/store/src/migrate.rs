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

pub(crate) const SQLITE: &[Migration] = &[
    Migration {
        rebuilds_tables: false,
        version: 1,
        name: "init",
        sql: include_str!("../migrations/sqlite/0001_init.sql"),
    },
    Migration {
        rebuilds_tables: false,
        version: 2,
        name: "eds_nonces",
        sql: include_str!("../migrations/sqlite/0002_eds_nonces.sql"),
    },
    Migration {
        version: 3,
        rebuilds_tables: true,
        name: "desk",
        sql: include_str!("../migrations/sqlite/0003_desk.sql"),
    },
    Migration {
        version: 4,
        rebuilds_tables: false,
        name: "deadline_warnings",
        sql: include_str!("../migrations/sqlite/0004_deadline_warnings.sql"),
    },
    Migration {
        version: 5,
        rebuilds_tables: false,
        name: "due_process",
        sql: include_str!("../migrations/sqlite/0005_due_process.sql"),
    },
    Migration {
        version: 6,
        rebuilds_tables: false,
        name: "result_documents",
        sql: include_str!("../migrations/sqlite/0006_result_documents.sql"),
    },
    Migration {
        version: 7,
        rebuilds_tables: false,
        name: "calendar",
        sql: include_str!("../migrations/sqlite/0007_calendar.sql"),
    },
    Migration {
        version: 9,
        rebuilds_tables: false,
        name: "signin_limits",
        sql: include_str!("../migrations/sqlite/0009_signin_limits.sql"),
    },
    Migration {
        version: 10,
        rebuilds_tables: false,
        name: "accounts",
        sql: include_str!("../migrations/sqlite/0010_accounts.sql"),
    },
    Migration {
        version: 11,
        rebuilds_tables: false,
        name: "case_assignments",
        sql: include_str!("../migrations/sqlite/0011_case_assignments.sql"),
    },
    Migration {
        version: 12,
        rebuilds_tables: false,
        name: "audit_chain",
        sql: include_str!("../migrations/sqlite/0012_audit_chain.sql"),
    },
    Migration {
        version: 13,
        rebuilds_tables: false,
        name: "case_events",
        sql: include_str!("../migrations/sqlite/0013_case_events.sql"),
    },
    Migration {
        version: 14,
        rebuilds_tables: false,
        name: "audit_search",
        sql: include_str!("../migrations/sqlite/0014_audit_search.sql"),
    },
    Migration {
        version: 15,
        rebuilds_tables: false,
        name: "seal_timestamps",
        sql: include_str!("../migrations/sqlite/0015_seal_timestamps.sql"),
    },
    Migration {
        version: 16,
        rebuilds_tables: false,
        name: "idempotency_fingerprints",
        sql: include_str!("../migrations/sqlite/0016_idempotency_fingerprints.sql"),
    },
    Migration {
        version: 17,
        rebuilds_tables: false,
        name: "write_probe",
        sql: include_str!("../migrations/sqlite/0017_write_probe.sql"),
    },
    Migration {
        version: 18,
        rebuilds_tables: false,
        name: "deliveries",
        sql: include_str!("../migrations/sqlite/0018_deliveries.sql"),
    },
    Migration {
        version: 19,
        rebuilds_tables: false,
        name: "file_chunks",
        sql: include_str!("../migrations/sqlite/0019_file_chunks.sql"),
    },
    Migration {
        version: 20,
        rebuilds_tables: false,
        name: "keyring",
        sql: include_str!("../migrations/sqlite/0020_keyring.sql"),
    },
    Migration {
        version: 21,
        rebuilds_tables: false,
        name: "idempotency_responses",
        sql: include_str!("../migrations/sqlite/0021_idempotency_responses.sql"),
    },
    Migration {
        version: 22,
        rebuilds_tables: false,
        name: "loose_files",
        sql: include_str!("../migrations/sqlite/0022_loose_files.sql"),
    },
];

pub(crate) const POSTGRES: &[Migration] = &[
    Migration {
        rebuilds_tables: false,
        version: 1,
        name: "init",
        sql: include_str!("../migrations/postgres/0001_init.sql"),
    },
    Migration {
        rebuilds_tables: false,
        version: 2,
        name: "eds_nonces",
        sql: include_str!("../migrations/postgres/0002_eds_nonces.sql"),
    },
    Migration {
        version: 3,
        rebuilds_tables: false,
        name: "desk",
        sql: include_str!("../migrations/postgres/0003_desk.sql"),
    },
    Migration {
        version: 4,
        rebuilds_tables: false,
        name: "deadline_warnings",
        sql: include_str!("../migrations/postgres/0004_deadline_warnings.sql"),
    },
    Migration {
        version: 5,
        rebuilds_tables: false,
        name: "due_process",
        sql: include_str!("../migrations/postgres/0005_due_process.sql"),
    },
    Migration {
        version: 6,
        rebuilds_tables: false,
        name: "result_documents",
        sql: include_str!("../migrations/postgres/0006_result_documents.sql"),
    },
    Migration {
        version: 7,
        rebuilds_tables: false,
        name: "calendar",
        sql: include_str!("../migrations/postgres/0007_calendar.sql"),
    },
    Migration {
        version: 9,
        rebuilds_tables: false,
        name: "signin_limits",
        sql: include_str!("../migrations/postgres/0009_signin_limits.sql"),
    },
    Migration {
        version: 10,
        rebuilds_tables: false,
        name: "accounts",
        sql: include_str!("../migrations/postgres/0010_accounts.sql"),
    },
    Migration {
        version: 11,
        rebuilds_tables: false,
        name: "case_assignments",
        sql: include_str!("../migrations/postgres/0011_case_assignments.sql"),
    },
    Migration {
        version: 12,
        rebuilds_tables: false,
        name: "audit_chain",
        sql: include_str!("../migrations/postgres/0012_audit_chain.sql"),
    },
    Migration {
        version: 13,
        rebuilds_tables: false,
        name: "case_events",
        sql: include_str!("../migrations/postgres/0013_case_events.sql"),
    },
    Migration {
        version: 14,
        rebuilds_tables: false,
        name: "audit_search",
        sql: include_str!("../migrations/postgres/0014_audit_search.sql"),
    },
    Migration {
        version: 15,
        rebuilds_tables: false,
        name: "seal_timestamps",
        sql: include_str!("../migrations/postgres/0015_seal_timestamps.sql"),
    },
    Migration {
        version: 16,
        rebuilds_tables: false,
        name: "idempotency_fingerprints",
        sql: include_str!("../migrations/postgres/0016_idempotency_fingerprints.sql"),
    },
    Migration {
        version: 17,
        rebuilds_tables: false,
        name: "write_probe",
        sql: include_str!("../migrations/postgres/0017_write_probe.sql"),
    },
    Migration {
        version: 18,
        rebuilds_tables: false,
        name: "deliveries",
        sql: include_str!("../migrations/postgres/0018_deliveries.sql"),
    },
    Migration {
        version: 19,
        rebuilds_tables: false,
        name: "file_chunks",
        sql: include_str!("../migrations/postgres/0019_file_chunks.sql"),
    },
    Migration {
        version: 20,
        rebuilds_tables: false,
        name: "keyring",
        sql: include_str!("../migrations/postgres/0020_keyring.sql"),
    },
    Migration {
        version: 21,
        rebuilds_tables: false,
        name: "idempotency_responses",
        sql: include_str!("../migrations/postgres/0021_idempotency_responses.sql"),
    },
    Migration {
        version: 22,
        rebuilds_tables: false,
        name: "loose_files",
        sql: include_str!("../migrations/postgres/0022_loose_files.sql"),
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
