//! The work queue's assignments: which official of the office holds a case.

use async_trait::async_trait;
use kandas_app::ports::store::{AssignmentStore, AuditRecord, CaseAssignment, StoreError};
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::office::OfficeCode;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::audit::insert_audit;
use crate::error::db;
use crate::rows::{parsed, time, ts};

fn assignment(row: &AnyRow) -> Result<CaseAssignment, StoreError> {
    Ok(CaseAssignment {
        application: parsed(row, "application_id", ApplicationId::parse)?,
        user: parsed(row, "user_id", UserId::parse)?,
        at: time(row, "assigned_at")?,
    })
}

#[async_trait]
impl AssignmentStore for SqlStore {
    async fn assign_case(&self, a: &CaseAssignment, audit: &AuditRecord) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO case_assignments (application_id, user_id, assigned_at) \
             VALUES ($1, $2, $3) ON CONFLICT (application_id) DO UPDATE \
             SET user_id = excluded.user_id, assigned_at = excluded.assigned_at",
        )
        .bind(a.application.as_str())
        .bind(a.user.as_str())
        .bind(ts(a.at))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(db)
    }

    async fn case_assignment(
        &self,
        application: &ApplicationId,
    ) -> Result<Option<CaseAssignment>, StoreError> {
        sqlx::query(
            "SELECT application_id, user_id, assigned_at FROM case_assignments \
             WHERE application_id = $1",
        )
        .bind(application.as_str())
        .fetch_optional(&self.read)
        .await
        .map_err(db)?
        .as_ref()
        .map(assignment)
        .transpose()
    }

    async fn office_assignments(
        &self,
        office: &OfficeCode,
    ) -> Result<Vec<CaseAssignment>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.application_id, c.user_id, c.assigned_at FROM case_assignments c \
             JOIN applications a ON a.id = c.application_id WHERE a.office = $1 \
             ORDER BY c.application_id",
        )
        .bind(office.as_str())
        .fetch_all(&self.read)
        .await
        .map_err(db)?;
        rows.iter().map(assignment).collect()
    }
}
