//! The chain over the audit trail, read back for verification, and its seals.

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jiff::Timestamp;
use kandas_app::audit_chain::{AuditSeal, ChainEntry, ChainRow, GENESIS};
use kandas_app::ports::store::{AuditChainStore, ChainHead, StoreError};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::error::{corrupt, db};
use crate::rows::{int, text, text_opt, time, ts};

fn unsigned(row: &AnyRow, column: &str) -> Result<u64, StoreError> {
    let n = int(row, column)?;
    u64::try_from(n).map_err(|_| corrupt(column, format!("{n} is negative")))
}

fn chain_row(row: &AnyRow) -> Result<ChainRow, StoreError> {
    Ok(ChainRow {
        seq: int(row, "seq")?,
        position: row.try_get::<Option<i64>, _>("chain_pos").map_err(db)?,
        prev_hash: text_opt(row, "prev_hash")?,
        hash: text_opt(row, "hash")?,
        fields: ChainEntry {
            position: 0,
            prev_hash: GENESIS,
            at: text(row, "at")?,
            actor: text_opt(row, "actor")?,
            actor_iin: text_opt(row, "actor_iin")?,
            role: text_opt(row, "role")?,
            subject: text_opt(row, "subject")?,
            application: text_opt(row, "application_id")?,
            action: text(row, "action")?,
            request_id: text(row, "request_id")?,
            details: text(row, "details_json")?,
        },
    })
}

fn seal(row: &AnyRow) -> Result<AuditSeal, StoreError> {
    let cose = text(row, "cose")?;
    Ok(AuditSeal {
        position: unsigned(row, "position")?,
        hash: text(row, "hash")?,
        sealed_at: time(row, "sealed_at")?,
        kid: text(row, "kid")?,
        cose: STANDARD
            .decode(&cose)
            .map_err(|e| corrupt("audit_seals.cose", e))?,
        timestamp: text_opt(row, "timestamp_token")?
            .map(|t| STANDARD.decode(&t))
            .transpose()
            .map_err(|e| corrupt("audit_seals.timestamp_token", e))?,
    })
}

/// A position as bound.
fn bound(position: u64) -> i64 {
    i64::try_from(position).unwrap_or(i64::MAX)
}

#[async_trait]
impl AuditChainStore for SqlStore {
    async fn chain_head(&self) -> Result<ChainHead, StoreError> {
        let row =
            sqlx::query("SELECT position, hash, started_after_seq FROM audit_chain WHERE id = 1")
                .fetch_one(&self.read)
                .await
                .map_err(db)?;
        Ok(ChainHead {
            position: unsigned(&row, "position")?,
            hash: text(&row, "hash")?,
            started_after_seq: int(&row, "started_after_seq")?,
        })
    }

    async fn chain_rows(&self, after: u64, limit: i64) -> Result<Vec<ChainRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, chain_pos, prev_hash, hash, at, actor, actor_iin, role, subject, \
             application_id, action, request_id, details_json FROM audit \
             WHERE chain_pos > $1 ORDER BY chain_pos, seq LIMIT $2",
        )
        .bind(bound(after))
        .bind(limit.max(1))
        .fetch_all(&self.read)
        .await
        .map_err(db)?;
        rows.iter().map(chain_row).collect()
    }

    async fn unchained_rows(&self) -> Result<Vec<i64>, StoreError> {
        sqlx::query_scalar("SELECT seq FROM audit WHERE chain_pos IS NULL ORDER BY seq")
            .fetch_all(&self.read)
            .await
            .map_err(db)
    }

    async fn first_position_since(&self, at: Timestamp) -> Result<Option<u64>, StoreError> {
        let first: Option<i64> =
            sqlx::query_scalar("SELECT MIN(chain_pos) FROM audit WHERE at >= $1")
                .bind(ts(at))
                .fetch_one(&self.read)
                .await
                .map_err(db)?;
        Ok(first.and_then(|p| u64::try_from(p).ok()))
    }

    async fn last_position_before(&self, at: Timestamp) -> Result<Option<u64>, StoreError> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(chain_pos) FROM audit WHERE at < $1")
                .bind(ts(at))
                .fetch_one(&self.read)
                .await
                .map_err(db)?;
        Ok(last.and_then(|p| u64::try_from(p).ok()))
    }

    async fn add_seal(&self, s: &AuditSeal) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_seals (position, hash, sealed_at, kid, cose, timestamp_token) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(bound(s.position))
        .bind(&s.hash)
        .bind(ts(s.sealed_at))
        .bind(&s.kid)
        .bind(STANDARD.encode(&s.cose))
        .bind(s.timestamp.as_ref().map(|t| STANDARD.encode(t)))
        .execute(&self.write)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn seals(&self) -> Result<Vec<AuditSeal>, StoreError> {
        let rows = sqlx::query(
            "SELECT position, hash, sealed_at, kid, cose, timestamp_token FROM audit_seals \
             ORDER BY position, sealed_at, id",
        )
        .fetch_all(&self.read)
        .await
        .map_err(db)?;
        rows.iter().map(seal).collect()
    }
}
