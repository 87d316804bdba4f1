//! Sign-in attempt counters (one row per IIN or client address, compare-and-set on `seq`) and
//! the deletion of expired anonymous rows: sign-in nonces and one-time codes.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::store::{
    AttemptCounter, AuditRecord, JobKind, SignInLimitStore, StoreError, Swept,
};
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::audit::{insert_audit, insert_job};
use crate::error::db;
use crate::rows::{int, text, time, time_opt, ts, ts_opt};

/// The counter of an IIN or a client address.
pub(crate) const COUNTER: &str =
    "SELECT key, failures, last_at, blocked_until, seq FROM signin_limits WHERE key = $1";
/// A first counter, unless another attempt wrote it first.
pub(crate) const FIRST: &str = "INSERT INTO signin_limits (key, failures, last_at, \
     blocked_until, seq) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING";
/// The next state of a counter, if it is still at the version read (`$6`).
pub(crate) const NEXT: &str = "UPDATE signin_limits SET failures = $2, last_at = $3, \
     blocked_until = $4, seq = $5 WHERE key = $1 AND seq = $6";

fn counter(row: &AnyRow) -> Result<AttemptCounter, StoreError> {
    Ok(AttemptCounter {
        key: text(row, "key")?,
        failures: int(row, "failures")?,
        last_at: time(row, "last_at")?,
        blocked_until: time_opt(row, "blocked_until")?,
        seq: int(row, "seq")?,
    })
}

#[async_trait]
impl SignInLimitStore for SqlStore {
    async fn attempt_counter(&self, key: &str) -> Result<Option<AttemptCounter>, StoreError> {
        sqlx::query(COUNTER)
            .bind(key)
            .fetch_optional(&self.write)
            .await
            .map_err(db)?
            .as_ref()
            .map(counter)
            .transpose()
    }

    /// Writes `next` if the row is still at `expected` (`None`: no row yet), with the audit and
    /// jobs of a lock; `false` when another attempt changed it first.
    async fn put_attempt_counter(
        &self,
        expected: Option<i64>,
        next: &AttemptCounter,
        audit: Option<&AuditRecord>,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let query = sqlx::query(if expected.is_some() { NEXT } else { FIRST })
            .bind(next.key.as_str())
            .bind(next.failures)
            .bind(ts(next.last_at))
            .bind(ts_opt(next.blocked_until))
            .bind(next.seq);
        let query = match expected {
            Some(seq) => query.bind(seq),
            None => query,
        };
        let written = query.execute(&mut *tx).await.map_err(db)?.rows_affected();
        if written == 0 {
            return Ok(false);
        }
        if let Some(audit) = audit {
            insert_audit(&mut tx, audit).await?;
        }
        for job in jobs {
            insert_job(&mut tx, job, next.last_at).await?;
        }
        tx.commit().await.map_err(db)?;
        Ok(true)
    }

    async fn delete_expired(
        &self,
        nonces_before: Timestamp,
        challenges_before: Timestamp,
    ) -> Result<Swept, StoreError> {
        let nonces = sqlx::query("DELETE FROM eds_nonces WHERE expires_at < $1")
            .bind(ts(nonces_before))
            .execute(&self.write)
            .await
            .map_err(db)?
            .rows_affected();
        let challenges = sqlx::query("DELETE FROM challenges WHERE expires_at < $1")
            .bind(ts(challenges_before))
            .execute(&self.write)
            .await
            .map_err(db)?
            .rows_affected();
        let counters = sqlx::query(
            "DELETE FROM signin_limits WHERE last_at < $1 \
             AND (blocked_until IS NULL OR blocked_until < $1)",
        )
        .bind(ts(challenges_before))
        .execute(&self.write)
        .await
        .map_err(db)?
        .rows_affected();
        Ok(Swept {
            nonces,
            challenges,
            counters,
            ..Swept::default()
        })
    }
}
