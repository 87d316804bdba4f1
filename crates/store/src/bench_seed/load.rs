//! The load: the scratch tables filled, the run's numbers and people reserved, the batches
//! written (each next one prepared while the database writes one), the scratch dropped.
//!
//! Each batch is a transaction of its own, except on PostgreSQL when the seed is large (at
//! least [`REBUILD_FROM`] applications and at least as many as there are): then the whole load
//! is one transaction that drops the seeded tables' secondary indexes first and builds them
//! again at the end, which PostgreSQL does several times faster than maintaining them row by
//! row (SQLite, whose rows go in time order so that every index grows at its end, gains
//! nothing from it). Either way a failure leaves nothing half-written.

use std::ops::Range;
use std::sync::Arc;

use kandas_app::ports::store::StoreError;
use kandas_domain::deadline::almaty_date;
use sqlx::{AnyConnection, Connection as _, Row as _};

use super::batch::{Copy, Cursor, Head, head, prepare, reserve_all, write};
use super::copies::{Listing, assign, check_numbers, execute, fill};
use super::sql::{self, Layout};
use super::tables::TABLES;
use super::{Run, SeedPlan, Seeded, failure, mix};
use crate::error::db;
use crate::{Backend, SqlStore};

/// The smallest seed whose load rebuilds the indexes (PostgreSQL).
pub(crate) const REBUILD_FROM: u64 = 50_000;

/// What a transaction of the load sets first on PostgreSQL: commits that do not wait for the
/// disk (a crash loses the last batches, never corrupts), sorts in memory, and, for a
/// superuser, no triggers: the foreign keys' checks, row by row, cost more than the rows
/// (every parent is written in the same transaction, before its children), as
/// `pg_restore --disable-triggers` does.
async fn settings(conn: &mut AnyConnection, backend: Backend) -> Result<String, StoreError> {
    if backend != Backend::Postgres {
        return Ok(String::new());
    }
    let superuser: String = sqlx::query_scalar("SELECT current_setting('is_superuser')")
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let common = "SET LOCAL synchronous_commit = off; SET LOCAL work_mem = '256MB'; \
                  SET LOCAL maintenance_work_mem = '512MB'";
    Ok(if superuser == "on" {
        format!("{common}; SET LOCAL session_replication_role = replica")
    } else {
        common.to_owned()
    })
}

/// Drops the secondary indexes of the seeded tables (not those of a constraint, nor unique
/// ones); answers their definitions, to build them again.
async fn drop_indexes(conn: &mut AnyConnection) -> Result<Vec<String>, StoreError> {
    let mut definitions = Vec::new();
    for t in TABLES {
        let rows = sqlx::query(
            "SELECT i.indexname::text AS indexname, i.indexdef FROM pg_indexes i \
             WHERE i.schemaname = current_schema() AND i.tablename = $1 \
             AND i.indexdef NOT LIKE 'CREATE UNIQUE%' \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) \
             ORDER BY i.indexname",
        )
        .bind(t.name)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
        for row in rows {
            let name: String = row.try_get("indexname").map_err(db)?;
            definitions.push(row.try_get("indexdef").map_err(db)?);
            execute(conn, format!("DROP INDEX \"{name}\"")).await?;
        }
    }
    Ok(definitions)
}

/// Writes every copy, batch by batch, each next batch prepared while the database writes one.
pub(crate) async fn seed(
    store: &SqlStore,
    run: Arc<Run>,
    layout: &Layout,
    plan: &SeedPlan,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<Seeded, StoreError> {
    let seed = mix(u64::from_str_radix(&run.prefix, 16).unwrap_or(7));
    let copies = Arc::new(assign(&run, plan, seed));
    check_numbers(store, &run, &copies).await?;
    let adding: u64 = copies
        .iter()
        .map(|c| run.variants[c.variant].years.len() as u64)
        .sum();
    let mut conn = store.write.acquire().await.map_err(db)?;
    if run.backend == Backend::Sqlite {
        // Bulk writes: a large page cache, scratch tables in memory, and commits synced at
        // checkpoints only (WAL keeps the database whole on a crash either way).
        let pragmas = "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; \
                       PRAGMA synchronous = NORMAL";
        execute(&mut conn, pragmas.into()).await?;
    }
    for statement in sql::scratch_tables(run.backend) {
        execute(&mut conn, statement).await?;
    }
    fill(&mut conn, &run, layout).await?;
    let settings = settings(&mut conn, run.backend).await?;
    if run.backend == Backend::Postgres {
        let scratch: Vec<String> = TABLES
            .iter()
            .map(|t| format!("bench_t_{}", t.name))
            .collect();
        execute(
            &mut conn,
            format!("ANALYZE bench_office, {}", scratch.join(", ")),
        )
        .await?;
    }
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applications")
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let rebuild = run.backend == Backend::Postgres
        && adding >= REBUILD_FROM
        && adding >= u64::try_from(existing).unwrap_or(0);
    let load = Load {
        store,
        run: run.clone(),
        layout,
        copies,
        settings,
        progress,
    };
    let listing = if rebuild {
        let mut tx = conn.begin_with(store.dialect.begin).await.map_err(db)?;
        execute(&mut tx, load.settings.clone()).await?;
        let indexes = drop_indexes(&mut tx).await?;
        let listing = load.batches(&mut tx, false, plan).await?;
        for definition in indexes {
            execute(&mut tx, definition).await?;
        }
        tx.commit().await.map_err(db)?;
        listing
    } else {
        load.batches(&mut conn, true, plan).await?
    };
    for statement in sql::drop_scratch() {
        execute(&mut conn, statement).await?;
    }
    match run.backend {
        Backend::Sqlite => {
            let pragmas = "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; \
                           PRAGMA synchronous = FULL";
            execute(&mut conn, pragmas.into()).await?;
        }
        // The planner's statistics, as autovacuum would soon have them.
        Backend::Postgres => {
            let seeded: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
            let tables = seeded.join(", ");
            execute(
                &mut conn,
                format!("ANALYZE {tables}, deadline_warnings, expiry_reminders"),
            )
            .await?;
        }
    }
    let Listing {
        mut seeded,
        closed_cases,
        ..
    } = listing;
    let room = 1000 - seeded.office_cases.len().min(1000);
    seeded
        .office_cases
        .extend(closed_cases.into_iter().take(room));
    Ok(seeded)
}

/// The load's fixed parts.
struct Load<'a> {
    store: &'a SqlStore,
    run: Arc<Run>,
    layout: &'a Layout,
    copies: Arc<Vec<Copy>>,
    settings: String,
    progress: &'a (dyn Fn(u64) + Send + Sync),
}

impl Load<'_> {
    /// A transaction of its own on `conn`, with the settings.
    async fn begin<'c>(
        &self,
        conn: &'c mut AnyConnection,
    ) -> Result<sqlx::Transaction<'c, sqlx::Any>, StoreError> {
        let mut tx = conn
            .begin_with(self.store.dialect.begin)
            .await
            .map_err(db)?;
        if !self.settings.is_empty() {
            execute(&mut tx, self.settings.clone()).await?;
        }
        Ok(tx)
    }

    /// Writes every batch on `conn`, each in its own transaction when `own`.
    async fn batches(
        &self,
        conn: &mut AnyConnection,
        own: bool,
        plan: &SeedPlan,
    ) -> Result<Listing, StoreError> {
        let (run, copies) = (&self.run, &self.copies);
        let total = copies.len().max(1);
        let mut listing = Listing {
            wanted: (0..plan.sample)
                .map(|i| i * total / plan.sample.max(1))
                .collect(),
            seeded: Seeded::default(),
            closed_cases: Vec::new(),
        };
        let today = almaty_date(plan.now);
        let (mut cursor, start) = if own {
            let mut tx = self.begin(conn).await?;
            let reserved = (
                reserve_all(&mut tx, run, copies).await?,
                head(&mut tx, false).await?,
            );
            tx.commit().await.map_err(db)?;
            reserved
        } else {
            (
                reserve_all(conn, run, copies).await?,
                head(conn, false).await?,
            )
        };
        let size = plan.batch.max(1);
        let ranges: Vec<Range<usize>> = (0..copies.len())
            .step_by(size)
            .map(|from| from..(from + size).min(copies.len()))
            .collect();
        let spawn = |range: Range<usize>, mut cursor: Cursor, start: Head| {
            let (run, copies) = (run.clone(), copies.clone());
            tokio::task::spawn_blocking(move || {
                prepare(&run, &copies[range], &mut cursor, start).map(|p| (p, cursor))
            })
        };
        let mut next = ranges
            .first()
            .cloned()
            .map(|r| spawn(r, cursor.clone(), start));
        for (i, range) in ranges.iter().enumerate() {
            let Some(pending) = next.take() else { break };
            let (prepared, after) = pending
                .await
                .map_err(|e| failure(format!("preparing a batch: {e}")))??;
            cursor = after;
            next = ranges
                .get(i + 1)
                .cloned()
                .map(|r| spawn(r, cursor.clone(), prepared.end()));
            let chunk = &copies[range.clone()];
            let made = if own {
                let mut tx = self.begin(conn).await?;
                let made = write(&mut tx, run, self.layout, chunk, prepared).await?;
                tx.commit().await.map_err(db)?;
                made
            } else {
                write(conn, run, self.layout, chunk, prepared).await?
            };
            for ((c, numbers), applicant) in chunk.iter().zip(&made.numbers).zip(&made.applicants) {
                listing.note(run, c, numbers, applicant, today);
                listing.seeded.applications += run.variants[c.variant].years.len() as u64;
            }
            (self.progress)(listing.seeded.applications);
        }
        Ok(listing)
    }
}
