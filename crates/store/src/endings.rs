//! Early endings of a certificate's status (terminated, revoked): recorded by one official,
//! confirmed or annulled by a head. One row per certificate; a new ending may replace only an
//! annulled one, and a change applies only to the state it was read in.

use std::sync::LazyLock;

use async_trait::async_trait;
use kandas_app::ports::store::{AuditRecord, EndingStore, StoreError};
use kandas_domain::certificate::{Annulment, CertificateEnding, Check, Ending, EndingState};
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::numbers::CertificateNumber;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::audit::insert_audit;
use crate::error::{corrupt, db};
use crate::rows::{date, day, parsed, text, text_opt, time_opt, ts};

const COLUMNS: &str = "kind, ended_on, reason, recorded_at, recorded_by, state, confirmed_by, \
                       confirmed_at, annulled_by, annulled_at, annul_reason";

/// A certificate's ending.
pub(crate) static OF_CERTIFICATE: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {COLUMNS} FROM certificate_endings WHERE number = $1"));

fn check(row: &AnyRow, by: &str, at: &str) -> Result<Option<Check>, StoreError> {
    match (text_opt(row, by)?, time_opt(row, at)?) {
        (Some(by), Some(at)) => Ok(Some(Check {
            at,
            by: UserId::parse(&by).map_err(|e| corrupt("certificate_endings", e))?,
        })),
        _ => Ok(None),
    }
}

fn ending(row: &AnyRow) -> Result<Ending, StoreError> {
    let kind = parsed(row, "kind", |k| {
        CertificateEnding::parse(k).ok_or("unknown kind")
    })?;
    let state = parsed(row, "state", |s| {
        EndingState::parse(s).ok_or("unknown state")
    })?;
    let recorded = check(row, "recorded_by", "recorded_at")?
        .ok_or_else(|| corrupt("certificate_endings.recorded_by", "missing"))?;
    let annulled = check(row, "annulled_by", "annulled_at")?.map(|by| Annulment {
        by,
        reason: text_opt(row, "annul_reason")
            .ok()
            .flatten()
            .unwrap_or_default(),
    });
    let ending = Ending {
        kind,
        ended_on: day(row, "ended_on")?,
        reason: text(row, "reason")?,
        recorded,
        confirmed: check(row, "confirmed_by", "confirmed_at")?,
        annulled,
    };
    if ending.state() == state {
        Ok(ending)
    } else {
        Err(corrupt("certificate_endings.state", state.code()))
    }
}

fn at(check: Option<&Check>) -> (Option<String>, Option<String>) {
    match check {
        Some(c) => (Some(c.by.to_string()), Some(ts(c.at))),
        None => (None, None),
    }
}

#[async_trait]
impl EndingStore for SqlStore {
    async fn record_ending(
        &self,
        number: &CertificateNumber,
        e: &Ending,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let (confirmed_by, confirmed_at) = at(e.confirmed.as_ref());
        let done = sqlx::query(
            "INSERT INTO certificate_endings (number, kind, ended_on, reason, recorded_at, \
             recorded_by, state, confirmed_by, confirmed_at, annulled_by, annulled_at, \
             annul_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL, NULL) \
             ON CONFLICT (number) DO UPDATE SET kind = excluded.kind, ended_on = excluded.ended_on, \
             reason = excluded.reason, recorded_at = excluded.recorded_at, \
             recorded_by = excluded.recorded_by, state = excluded.state, \
             confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at, \
             annulled_by = NULL, annulled_at = NULL, annul_reason = NULL \
             WHERE certificate_endings.state = 'annulled'",
        )
        .bind(number.as_str())
        .bind(e.kind.code())
        .bind(date(e.ended_on))
        .bind(e.reason.as_str())
        .bind(ts(e.recorded.at))
        .bind(e.recorded.by.as_str())
        .bind(e.state().code())
        .bind(confirmed_by)
        .bind(confirmed_at)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Duplicate("ending"));
        }
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(db)
    }

    async fn change_ending(
        &self,
        number: &CertificateNumber,
        e: &Ending,
        from: EndingState,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let (confirmed_by, confirmed_at) = at(e.confirmed.as_ref());
        let annulled = e.annulled.as_ref();
        let (annulled_by, annulled_at) = at(annulled.map(|a| &a.by));
        let done = sqlx::query(
            "UPDATE certificate_endings SET state = $1, confirmed_by = $2, confirmed_at = $3, \
             annulled_by = $4, annulled_at = $5, annul_reason = $6 \
             WHERE number = $7 AND state = $8",
        )
        .bind(e.state().code())
        .bind(confirmed_by)
        .bind(confirmed_at)
        .bind(annulled_by)
        .bind(annulled_at)
        .bind(annulled.map(|a| a.reason.clone()))
        .bind(number.as_str())
        .bind(from.code())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict);
        }
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(db)
    }

    async fn ending(&self, number: &CertificateNumber) -> Result<Option<Ending>, StoreError> {
        sqlx::query(OF_CERTIFICATE.as_str())
            .bind(number.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(ending)
            .transpose()
    }

    async fn application_of_certificate(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<ApplicationId>, StoreError> {
        let id: Option<Option<String>> =
            sqlx::query_scalar("SELECT application_id FROM certificates WHERE number = $1")
                .bind(number.as_str())
                .fetch_optional(&self.read)
                .await
                .map_err(db)?;
        id.flatten()
            .map(|id| {
                ApplicationId::parse(&id).map_err(|e| corrupt("certificates.application_id", e))
            })
            .transpose()
    }
}
