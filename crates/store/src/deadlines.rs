//! Deadlines: the open cases due on a day, the accounts of an office, the head's warning one
//! working day before a case's deadline, and the holder's reminder before a certificate
//! expires — each written once.

use async_trait::async_trait;
use jiff::civil::Date;
use kandas_app::ports::registry::RegisteredCertificate;
use kandas_app::ports::store::{AuditRecord, DeadlineStore, JobKind, StoreError, User};
use kandas_domain::application::Application;
use kandas_domain::ids::ApplicationId;
use kandas_domain::office::OfficeCode;

use crate::SqlStore;
use crate::audit::{insert_audit, insert_job};
use crate::error::corrupt;
use crate::error::db;
use crate::registry::certificate;
use crate::rows::{APPLICATION_COLUMNS, application, date, text_opt, ts};
use crate::users::{USER_COLUMNS, user};
use kandas_domain::numbers::CertificateNumber;

/// Counts a public check of a certificate on a day, answering the day's checks.
pub(crate) const COUNT_CHECK: &str = "INSERT INTO certificate_checks (number, day, checks) \
     VALUES ($1, $2, 1) ON CONFLICT (number, day) \
     DO UPDATE SET checks = certificate_checks.checks + 1 RETURNING checks";

/// After inserting a "once" row (`inserted` rows): nothing more when it was there already;
/// otherwise the audit and the jobs, then commit. Answers whether this was the first time.
pub(crate) async fn finish_once(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    inserted: u64,
    audit: &AuditRecord,
    jobs: &[JobKind],
) -> Result<bool, StoreError> {
    if inserted == 0 {
        return Ok(false);
    }
    insert_audit(&mut tx, audit).await?;
    for job in jobs {
        insert_job(&mut tx, job, audit.at).await?;
    }
    tx.commit().await.map_err(db)?;
    Ok(true)
}

#[async_trait]
impl DeadlineStore for SqlStore {
    async fn open_cases_due(&self, due: Date) -> Result<Vec<Application>, StoreError> {
        let sql = format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE due_date = $1 \
             AND status IN ('registered', 'accepted', 'under_review', 'hearing') \
             ORDER BY office, number"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(date(due))
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(application).collect()
    }

    async fn staff_of(&self, office: &OfficeCode) -> Result<Vec<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.office = $1 AND u.disabled_at IS NULL \
             ORDER BY u.iin"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(office.as_str())
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(user).collect()
    }

    async fn record_deadline_warning(
        &self,
        application: &ApplicationId,
        due: Date,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO deadline_warnings (application_id, due_date, warned_at) \
             VALUES ($1, $2, $3) ON CONFLICT (application_id) DO UPDATE SET \
             due_date = excluded.due_date, warned_at = excluded.warned_at \
             WHERE deadline_warnings.due_date <> excluded.due_date",
        )
        .bind(application.as_str())
        .bind(date(due))
        .bind(ts(audit.at))
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
        finish_once(tx, inserted, audit, jobs).await
    }

    async fn certificates_expiring(
        &self,
        on: Date,
    ) -> Result<Vec<(RegisteredCertificate, Option<ApplicationId>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT number, holder, issued_on, valid_until, extensions, issuer, application_id \
             FROM certificates WHERE valid_until = $1 ORDER BY number",
        )
        .bind(date(on))
        .fetch_all(&self.read)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|row| {
                let application = text_opt(row, "application_id")?
                    .map(|id| ApplicationId::parse(&id).map_err(|e| corrupt("application_id", e)))
                    .transpose()?;
                Ok((certificate(row)?, application))
            })
            .collect()
    }

    async fn record_expiry_reminder(
        &self,
        number: &CertificateNumber,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO expiry_reminders (number, reminded_at) VALUES ($1, $2) \
             ON CONFLICT (number) DO NOTHING",
        )
        .bind(number.as_str())
        .bind(ts(audit.at))
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
        finish_once(tx, inserted, audit, jobs).await
    }

    async fn count_certificate_check(
        &self,
        number: &CertificateNumber,
        day: Date,
    ) -> Result<i64, StoreError> {
        sqlx::query_scalar(COUNT_CHECK)
            .bind(number.as_str())
            .bind(date(day))
            .fetch_one(&self.write)
            .await
            .map_err(db)
    }
}
