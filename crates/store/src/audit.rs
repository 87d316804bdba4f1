//! The audit trail, and the jobs outbox rows written inside other transactions.

use async_trait::async_trait;
use kandas_app::Role;
use kandas_app::ports::store::{AuditQuery, AuditRecord, AuditStore, JobKind, StoreError};
use kandas_domain::audit::AuditAction;
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::Iin;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::error::db;
use crate::formats::{StoredAuditDetails, StoredJob, from_column};
use crate::rows::{code, json, parsed_opt, text, time, ts};

/// Writes one audit row on `conn` (inside the caller's transaction).
pub(crate) async fn insert_audit(
    conn: &mut AnyConnection,
    r: &AuditRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit (at, actor, actor_iin, role, subject, application_id, action, \
         request_id, details_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(ts(r.at))
    .bind(r.actor.as_ref().map(|a| a.as_str().to_owned()))
    .bind(r.actor_iin.as_ref().map(|i| i.as_str().to_owned()))
    .bind(r.role.map(|role| role.code()))
    .bind(r.subject.as_ref().map(|i| i.as_str().to_owned()))
    .bind(r.application.as_ref().map(|a| a.as_str().to_owned()))
    .bind(r.action.code())
    .bind(r.request_id.as_str())
    .bind(json::<StoredAuditDetails, _>(&r.details)?)
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// Enqueues one job on `conn` (inside the caller's transaction), due at `run_at`.
pub(crate) async fn insert_job(
    conn: &mut AnyConnection,
    kind: &JobKind,
    run_at: jiff::Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO jobs (id, kind_json, run_at, attempts, dead, created_at) \
         VALUES ($1, $2, $3, 0, 0, $4)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(json::<StoredJob, _>(kind)?)
    .bind(ts(run_at))
    .bind(ts(run_at))
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

fn record(row: &AnyRow) -> Result<AuditRecord, StoreError> {
    let details = text(row, "details_json")?;
    Ok(AuditRecord {
        at: time(row, "at")?,
        actor: parsed_opt(row, "actor", UserId::parse)?,
        actor_iin: parsed_opt(row, "actor_iin", Iin::parse)?,
        role: match crate::rows::text_opt(row, "role")? {
            Some(_) => Some(code(row, "role", Role::parse)?),
            None => None,
        },
        subject: parsed_opt(row, "subject", Iin::parse)?,
        application: parsed_opt(row, "application_id", ApplicationId::parse)?,
        action: code(row, "action", AuditAction::parse)?,
        request_id: text(row, "request_id")?,
        details: from_column::<StoredAuditDetails, _>("details_json", &details)?,
    })
}

#[async_trait]
impl AuditStore for SqlStore {
    async fn audit(&self, r: &AuditRecord) -> Result<(), StoreError> {
        let mut conn = self.write.acquire().await.map_err(db)?;
        insert_audit(&mut conn, r).await
    }

    async fn audit_all(&self, records: &[AuditRecord]) -> Result<(), StoreError> {
        if records.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        for r in records {
            insert_audit(&mut tx, r).await?;
        }
        tx.commit().await.map_err(db)
    }

    async fn audit_trail(&self, q: &AuditQuery) -> Result<Vec<AuditRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, actor, actor_iin, role, subject, application_id, action, request_id, \
             details_json FROM audit \
             WHERE ($1 IS NULL OR subject = $1) AND ($2 IS NULL OR application_id = $2) \
             ORDER BY at DESC, seq DESC LIMIT $3",
        )
        .bind(q.subject.as_ref().map(|i| i.as_str().to_owned()))
        .bind(q.application.as_ref().map(|a| a.as_str().to_owned()))
        .bind(q.limit.max(0))
        .fetch_all(&self.read)
        .await
        .map_err(db)?;
        rows.iter().map(record).collect()
    }
}
