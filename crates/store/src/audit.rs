//! The audit trail, and the jobs outbox rows written inside other transactions.

use async_trait::async_trait;
use kandas_app::Role;
use kandas_app::audit_chain::{ChainEntry, hash_hex, parse_hash};
use kandas_app::ports::store::{
    AuditQuery, AuditRecord, AuditRow, AuditStore, JobKind, StoreError,
};
use kandas_domain::audit::AuditAction;
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::Iin;
use sqlx::AnyConnection;
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::error::{corrupt, db};
use crate::formats::{StoredAuditDetails, StoredJob, from_column};
use crate::rows::{code, json, parsed_opt, text, time, ts, ts_opt};

/// Writes one audit row on `conn` (inside the caller's transaction) as the chain's next link:
/// the head is moved on first, which on PostgreSQL locks its row until the transaction ends
/// (a concurrent writer waits there, then reads the head this one leaves), and on SQLite runs
/// under the writer's `BEGIN IMMEDIATE`; the row is inserted with its position, the previous
/// hash and its own (`kandas_app::audit_chain::entry`), and the head takes its hash.
pub(crate) async fn insert_audit(
    conn: &mut AnyConnection,
    r: &AuditRecord,
) -> Result<(), StoreError> {
    let head = sqlx::query(
        "UPDATE audit_chain SET position = position + 1 WHERE id = 1 RETURNING position, hash",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    let position: i64 = head.try_get("position").map_err(db)?;
    let prev_text: String = head.try_get("hash").map_err(db)?;
    let prev_hash = parse_hash(&prev_text)
        .ok_or_else(|| corrupt("audit_chain.hash", format!("{prev_text:?} is not hex")))?;
    let entry = ChainEntry {
        position: u64::try_from(position)
            .map_err(|_| corrupt("audit_chain.position", position.to_string()))?,
        prev_hash,
        at: ts(r.at),
        actor: r.actor.as_ref().map(|a| a.as_str().to_owned()),
        actor_iin: r.actor_iin.as_ref().map(|i| i.as_str().to_owned()),
        role: r.role.map(|role| role.code().to_owned()),
        subject: r.subject.as_ref().map(|i| i.as_str().to_owned()),
        application: r.application.as_ref().map(|a| a.as_str().to_owned()),
        action: r.action.code().to_owned(),
        request_id: r.request_id.as_str().to_owned(),
        details: json::<StoredAuditDetails, _>(&r.details)?,
    };
    let hash = hash_hex(&entry.hash());
    sqlx::query(
        "INSERT INTO audit (at, actor, actor_iin, role, subject, application_id, action, \
         request_id, details_json, chain_pos, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&entry.at)
    .bind(&entry.actor)
    .bind(&entry.actor_iin)
    .bind(&entry.role)
    .bind(&entry.subject)
    .bind(&entry.application)
    .bind(&entry.action)
    .bind(&entry.request_id)
    .bind(&entry.details)
    .bind(position)
    .bind(&prev_text)
    .bind(&hash)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    sqlx::query("UPDATE audit_chain SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut *conn)
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
        let mut tx = self.begin().await?;
        insert_audit(&mut tx, r).await?;
        tx.commit().await.map_err(db)
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

    async fn audit_rows(&self, q: &AuditQuery) -> Result<Vec<AuditRow>, StoreError> {
        let text_of = |v: Option<&str>| v.map(str::to_owned);
        let rows = sqlx::query(
            "SELECT seq, chain_pos, at, actor, actor_iin, role, subject, application_id, action, \
             request_id, details_json FROM audit \
             WHERE ($1 IS NULL OR subject = $1) AND ($2 IS NULL OR application_id = $2) \
             AND ($3 IS NULL OR actor_iin = $3) AND ($4 IS NULL OR action = $4) \
             AND ($5 IS NULL OR actor IN (SELECT id FROM users WHERE office = $5)) \
             AND ($6 IS NULL OR at >= $6) AND ($7 IS NULL OR at < $7) \
             AND ($8 IS NULL OR at < $8 OR (at = $8 AND seq < $9)) \
             ORDER BY at DESC, seq DESC LIMIT $10",
        )
        .bind(text_of(q.subject.as_ref().map(Iin::as_str)))
        .bind(text_of(q.application.as_ref().map(ApplicationId::as_str)))
        .bind(text_of(q.actor.as_ref().map(Iin::as_str)))
        .bind(q.action.map(|a| a.code().to_owned()))
        .bind(text_of(q.office.as_ref().map(|o| o.as_str())))
        .bind(ts_opt(q.since))
        .bind(ts_opt(q.until))
        .bind(ts_opt(q.before.map(|c| c.at)))
        .bind(q.before.map(|c| c.seq))
        .bind(q.limit.max(0))
        .fetch_all(&self.read)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|row| {
                let position: Option<i64> = row.try_get("chain_pos").map_err(db)?;
                Ok(AuditRow {
                    seq: row.try_get("seq").map_err(db)?,
                    position: position.and_then(|p| u64::try_from(p).ok()),
                    record: record(row)?,
                })
            })
            .collect()
    }
}
