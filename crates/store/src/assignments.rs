//! The work queue's assignments: which official of the office holds a case.

use async_trait::async_trait;
use kandas_app::ports::store::{AssignmentStore, AuditRecord, CaseAssignment, StoreError};
use kandas_domain::ids::{ApplicationId, UserId};
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::audit::insert_audit;
use crate::error::db;
use crate::rows::{parsed, time, ts};

/// Who holds a case.
pub(crate) const OF_CASE: &str = "SELECT application_id, user_id, assigned_at \
     FROM case_assignments WHERE application_id = $1";
/// Who holds each of `n` cases (`$1` … `$n`): the cases a queue shows, whatever the office's
/// history holds.
pub(crate) fn of_cases(n: usize) -> String {
    let marks: Vec<String> = (1..=n).map(|k| format!("${k}")).collect();
    format!(
        "SELECT application_id, user_id, assigned_at FROM case_assignments \
         WHERE application_id IN ({}) ORDER BY application_id",
        marks.join(", ")
    )
}

/// Cases a statement asks about at most.
const CASES_AT_ONCE: usize = 500;

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
        sqlx::query(OF_CASE)
            .bind(application.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(assignment)
            .transpose()
    }

    async fn case_assignments(
        &self,
        cases: &[ApplicationId],
    ) -> Result<Vec<CaseAssignment>, StoreError> {
        let mut found = Vec::new();
        for chunk in cases.chunks(CASES_AT_ONCE) {
            let mut query = sqlx::query(sqlx::AssertSqlSafe(of_cases(chunk.len())));
            for id in chunk {
                query = query.bind(id.as_str());
            }
            for row in query.fetch_all(&self.read).await.map_err(db)? {
                found.push(assignment(&row)?);
            }
        }
        Ok(found)
    }
}
