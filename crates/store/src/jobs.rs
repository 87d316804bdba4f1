//! The jobs outbox (claim with a lease, complete, retry or give up), notifications in the
//! personal account, and the development SMS inbox.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::store::{
    Delivery, DeliveryChannel, DeliveryOutcome, DevSms, Job, JobKind, JobQueue, JobStore,
    Notification, StoreError,
};
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::error::db;
use crate::formats::{REDACTED_SMS, StoredJob, StoredNotice, from_column};
use crate::rows::{code, from_json, int, json, parsed, parsed_opt, text, time, ts};

/// How many times a claim that lost a race is tried again while jobs are due.
const CLAIM_TRIES: usize = 16;

/// Claims the earliest due job. Parameters: `$1` lease end, `$2` now. The outer conditions are
/// checked again on the row itself, so two claimers of the same row cannot both win.
pub(crate) const CLAIM_PORTABLE: &str = "UPDATE jobs SET lease_until = $1, attempts = attempts + 1 \
     WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND dead = 0 AND run_at <= $2 \
       AND (lease_until IS NULL OR lease_until <= $2) ORDER BY run_at, id LIMIT 1) \
     AND done_at IS NULL AND dead = 0 AND (lease_until IS NULL OR lease_until <= $2) \
     RETURNING id, kind_json, attempts";

/// The same on PostgreSQL, where concurrent claimers skip rows another claimer holds.
pub(crate) const CLAIM_POSTGRES: &str = "UPDATE jobs SET lease_until = $1, attempts = attempts + 1 \
     WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND dead = 0 AND run_at <= $2 \
       AND (lease_until IS NULL OR lease_until <= $2) ORDER BY run_at, id LIMIT 1 \
       FOR UPDATE SKIP LOCKED) \
     AND done_at IS NULL AND dead = 0 AND (lease_until IS NULL OR lease_until <= $2) \
     RETURNING id, kind_json, attempts";

/// How many jobs are due and free to claim (`$1` now).
pub(crate) const DUE: &str = "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND dead = 0 \
     AND run_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)";
/// A job's payload.
pub(crate) const PAYLOAD: &str = "SELECT kind_json FROM jobs WHERE id = $1";
/// A job done (`$2` the payload to keep instead, if any).
pub(crate) const COMPLETE: &str = "UPDATE jobs SET done_at = $1, lease_until = NULL, \
     kind_json = COALESCE($2, kind_json) WHERE id = $3";
/// A job failed, tried again at `$2`.
pub(crate) const RETRY: &str =
    "UPDATE jobs SET last_error = $1, run_at = $2, lease_until = NULL WHERE id = $3";
/// A job failed for good (`$2` the payload to keep instead, if any).
pub(crate) const GIVE_UP: &str = "UPDATE jobs SET last_error = $1, dead = 1, \
     lease_until = NULL, kind_json = COALESCE($2, kind_json) WHERE id = $3";
/// The waiting jobs (the metrics of the queue).
pub(crate) const WAITING: &str =
    "SELECT kind_json, created_at FROM jobs WHERE done_at IS NULL AND dead = 0";
/// A person's notifications, newest first.
pub(crate) const NOTIFICATIONS_OF: &str = "SELECT id, iin, application_id, notice_json, \
     created_at FROM notifications WHERE iin = $1 ORDER BY created_at DESC, id DESC";
/// Delivers a notification once.
pub(crate) const DELIVER: &str = "INSERT INTO notifications (id, iin, application_id, \
     notice_json, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING";
/// The delivery attempts about a case, oldest first.
pub(crate) const DELIVERIES_OF: &str = "SELECT id, job_id, application_id, channel, recipient, \
     attempt, started_at, finished_at, outcome, detail FROM deliveries \
     WHERE application_id = $1 ORDER BY started_at, id";

fn delivery(row: &AnyRow) -> Result<Delivery, StoreError> {
    Ok(Delivery {
        id: text(row, "id")?,
        job: text(row, "job_id")?,
        application: parsed_opt(row, "application_id", ApplicationId::parse)?,
        channel: code(row, "channel", DeliveryChannel::parse)?,
        recipient: text(row, "recipient")?,
        attempt: int(row, "attempt")?,
        started_at: time(row, "started_at")?,
        finished_at: time(row, "finished_at")?,
        outcome: code(row, "outcome", DeliveryOutcome::parse)?,
        detail: text(row, "detail")?,
    })
}

fn notification(row: &AnyRow) -> Result<Notification, StoreError> {
    Ok(Notification {
        id: text(row, "id")?,
        iin: parsed(row, "iin", Iin::parse)?,
        application: parsed(row, "application_id", ApplicationId::parse)?,
        notice: from_json::<StoredNotice, _>(row, "notice_json")?,
        created_at: time(row, "created_at")?,
    })
}

#[async_trait]
impl JobStore for SqlStore {
    async fn claim_job(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<Job>, StoreError> {
        let sql = self.dialect.claim_job;
        for _ in 0..CLAIM_TRIES {
            let row = sqlx::query(sql)
                .bind(ts(lease_until))
                .bind(ts(now))
                .fetch_optional(&self.write)
                .await
                .map_err(db)?;
            if let Some(row) = row {
                return Ok(Some(Job {
                    id: text(&row, "id")?,
                    kind: from_json::<StoredJob, _>(&row, "kind_json")?,
                    attempts: int(&row, "attempts")?,
                }));
            }
            let due: i64 = sqlx::query_scalar(DUE)
                .bind(ts(now))
                .fetch_one(&self.write)
                .await
                .map_err(db)?;
            if due == 0 {
                return Ok(None);
            }
            tokio::task::yield_now().await;
        }
        Ok(None)
    }

    async fn complete_job(&self, id: &str, at: Timestamp) -> Result<(), StoreError> {
        let redacted = self.kept_payload(id).await?;
        sqlx::query(COMPLETE)
            .bind(ts(at))
            .bind(redacted)
            .bind(id)
            .execute(&self.write)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn fail_job(
        &self,
        id: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        let done = match retry_at {
            Some(at) => sqlx::query(RETRY)
                .bind(error)
                .bind(ts(at))
                .bind(id)
                .execute(&self.write)
                .await
                .map_err(db)?,
            None => {
                let redacted = self.kept_payload(id).await?;
                sqlx::query(GIVE_UP)
                    .bind(error)
                    .bind(redacted)
                    .bind(id)
                    .execute(&self.write)
                    .await
                    .map_err(db)?
            }
        };
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn pending_jobs(&self) -> Result<i64, StoreError> {
        sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND dead = 0")
            .fetch_one(&self.read)
            .await
            .map_err(db)
    }

    /// The waiting jobs by kind and the oldest one's enqueue time. The kind is inside the
    /// payload, so the rows are read (an outbox that works holds few).
    async fn job_queue(&self) -> Result<JobQueue, StoreError> {
        let rows = sqlx::query(WAITING)
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        let mut queue = JobQueue::default();
        for row in &rows {
            let kind: JobKind = from_json::<StoredJob, _>(row, "kind_json")?;
            let created = time(row, "created_at")?;
            match queue
                .queued
                .iter_mut()
                .find(|(name, _)| *name == kind.name())
            {
                Some((_, n)) => *n += 1,
                None => queue.queued.push((kind.name(), 1)),
            }
            queue.oldest = Some(queue.oldest.map_or(created, |o| o.min(created)));
        }
        queue.queued.sort_unstable();
        Ok(queue)
    }

    async fn notifications_of(&self, iin: &Iin) -> Result<Vec<Notification>, StoreError> {
        let rows = sqlx::query(NOTIFICATIONS_OF)
            .bind(iin.as_str())
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(notification).collect()
    }

    async fn deliver_notification(&self, n: &Notification) -> Result<(), StoreError> {
        sqlx::query(DELIVER)
            .bind(n.id.as_str())
            .bind(n.iin.as_str())
            .bind(n.application.as_str())
            .bind(json::<StoredNotice, _>(&n.notice)?)
            .bind(ts(n.created_at))
            .execute(&self.write)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn record_delivery(&self, d: &Delivery) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO deliveries (id, job_id, application_id, channel, recipient, attempt, \
             started_at, finished_at, outcome, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(d.id.as_str())
        .bind(d.job.as_str())
        .bind(d.application.as_ref().map(|a| a.as_str().to_owned()))
        .bind(d.channel.code())
        .bind(d.recipient.as_str())
        .bind(d.attempt)
        .bind(ts(d.started_at))
        .bind(ts(d.finished_at))
        .bind(d.outcome.code())
        .bind(d.detail.as_str())
        .execute(&self.write)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn deliveries(&self, application: &ApplicationId) -> Result<Vec<Delivery>, StoreError> {
        let rows = sqlx::query(DELIVERIES_OF)
            .bind(application.as_str())
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(delivery).collect()
    }

    async fn record_dev_sms(&self, s: &DevSms) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO dev_sms (message_id, phone, text, sent_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (message_id) DO NOTHING",
        )
        .bind(s.id.as_str())
        .bind(s.phone.as_str())
        .bind(s.text.as_str())
        .bind(ts(s.sent_at))
        .execute(&self.write)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn dev_sms(&self) -> Result<Vec<DevSms>, StoreError> {
        let rows = sqlx::query(
            "SELECT COALESCE(message_id, '') AS message_id, phone, text, sent_at FROM dev_sms \
             ORDER BY seq DESC",
        )
        .fetch_all(&self.read)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(DevSms {
                    id: text(r, "message_id")?,
                    phone: text(r, "phone")?,
                    text: text(r, "text")?,
                    sent_at: time(r, "sent_at")?,
                })
            })
            .collect()
    }
}

impl SqlStore {
    /// The stored payload of a job, as JSON text (for operations and tests: it shows that
    /// finished SMS jobs keep no text).
    pub async fn job_payload(&self, id: &str) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar(PAYLOAD)
            .bind(id)
            .fetch_optional(&self.read)
            .await
            .map_err(db)
    }

    /// The payload to keep once a job is finished: SMS texts are redacted.
    async fn kept_payload(&self, id: &str) -> Result<Option<&'static str>, StoreError> {
        let kind: Option<String> = sqlx::query_scalar(PAYLOAD)
            .bind(id)
            .fetch_optional(&self.write)
            .await
            .map_err(db)?;
        let kind = kind.ok_or(StoreError::NotFound)?;
        Ok(
            match from_column::<StoredJob, JobKind>("kind_json", &kind) {
                Ok(JobKind::Sms { .. }) => Some(REDACTED_SMS),
                _ => None,
            },
        )
    }
}
