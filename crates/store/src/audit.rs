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
use crate::rows::{Built, Conditions, Param, bind_all, code, json, parsed_opt, text, time, ts};

/// Moves the chain's head on, answering the new position and the previous hash.
pub(crate) const ADVANCE_HEAD: &str =
    "UPDATE audit_chain SET position = position + 1 WHERE id = 1 RETURNING position, hash";
/// Inserts an audit row as the chain's next link.
pub(crate) const INSERT: &str = "INSERT INTO audit (at, actor, actor_iin, role, subject, \
     application_id, action, request_id, details_json, chain_pos, prev_hash, hash) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
/// Gives the chain's head the hash of the row just written.
pub(crate) const SET_HEAD: &str = "UPDATE audit_chain SET hash = $1 WHERE id = 1";

/// The columns of the rows a search answers.
const SEARCH_COLUMNS: &str = "seq, chain_pos, at, actor, actor_iin, role, subject, \
     application_id, action, request_id, details_json";

/// The search `q` as a statement, newest first: only the conditions asked for are in it, so
/// each can use its index (the subject, the application, the acting person, the action, the
/// acting account, the time).
pub(crate) fn search(q: &AuditQuery) -> Built {
    let mut c = Conditions::default();
    let text = |s: &str| Param::Text(s.to_owned());
    if let Some(subject) = &q.subject {
        c.compare("subject =", text(subject.as_str()));
    }
    if let Some(application) = &q.application {
        c.compare("application_id =", text(application.as_str()));
    }
    if let Some(actor) = &q.actor {
        c.compare("actor_iin =", text(actor.as_str()));
    }
    if let Some(action) = q.action {
        c.compare("action =", text(action.code()));
    }
    if let Some(office) = &q.office {
        let office = c.param(text(office.as_str()));
        c.and(format!(
            "actor IN (SELECT id FROM users WHERE office = {office})"
        ));
    }
    if let Some(since) = q.since {
        c.compare("at >=", Param::Text(ts(since)));
    }
    if let Some(until) = q.until {
        c.compare("at <", Param::Text(ts(until)));
    }
    if let Some(before) = q.before {
        // Older than the cursor's row: `at < $a OR (at = $a AND seq < $s)`, with the bound on
        // `at` on its own so that an index on the time serves it.
        let at = c.param(Param::Text(ts(before.at)));
        let seq = c.param(Param::Int(before.seq));
        c.and(format!("at <= {at} AND (at < {at} OR seq < {seq})"));
    }
    let limit = c.param(Param::Int(q.limit.max(0)));
    let sql = format!(
        "SELECT {SEARCH_COLUMNS} FROM audit {} ORDER BY at DESC, seq DESC LIMIT {limit}",
        c.clause()
    );
    (sql, c.into_params())
}

/// Writes one audit row on `conn` (inside the caller's transaction) as the chain's next link:
/// the head is moved on first, which on PostgreSQL locks its row until the transaction ends
/// (a concurrent writer waits there, then reads the head this one leaves), and on SQLite runs
/// under the writer's `BEGIN IMMEDIATE`; the row is inserted with its position, the previous
/// hash and its own (`kandas_app::audit_chain::entry`), and the head takes its hash.
pub(crate) async fn insert_audit(
    conn: &mut AnyConnection,
    r: &AuditRecord,
) -> Result<(), StoreError> {
    let head = sqlx::query(ADVANCE_HEAD)
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
    sqlx::query(INSERT)
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
    sqlx::query(SET_HEAD)
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
        self.audit_batch
            .audit(&self.write, self.dialect.begin, vec![r.clone()])
            .await
    }

    async fn audit_all(&self, records: &[AuditRecord]) -> Result<(), StoreError> {
        self.audit_batch
            .audit(&self.write, self.dialect.begin, records.to_vec())
            .await
    }

    async fn audit_rows(&self, q: &AuditQuery) -> Result<Vec<AuditRow>, StoreError> {
        let (sql, params) = search(q);
        let rows = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), &params)
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
