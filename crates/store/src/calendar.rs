//! The working calendar's side of the store: the years an administrator edited, the
//! administrators to remind, and the reminder that a year's calendar is not confirmed, written
//! once per year and week.

use async_trait::async_trait;
use kandas_app::Role;
use kandas_app::ports::store::{AuditRecord, CalendarStore, JobKind, StoreError, User};

use serde_json::Value;

use crate::SqlStore;
use crate::audit::insert_audit;
use crate::deadlines::finish_once;
use crate::error::db;
use crate::formats::{StoredCalendarYear, from_column, to_column};
use crate::rows::ts;
use crate::users::{USER_COLUMNS, user};

#[async_trait]
impl CalendarStore for SqlStore {
    async fn users_with_role(&self, role: Role) -> Result<Vec<User>, StoreError> {
        // Roles are stored comma-separated: match the whole code between commas.
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE ',' || u.roles || ',' LIKE $1 \
             AND u.disabled_at IS NULL ORDER BY u.iin"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(format!("%,{},%", role.code()))
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(user).collect()
    }

    async fn record_calendar_reminder(
        &self,
        year: i16,
        week: i64,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO calendar_reminders (year, week, sent_at) VALUES ($1, $2, $3) \
             ON CONFLICT (year, week) DO NOTHING",
        )
        .bind(i64::from(year))
        .bind(week)
        .bind(ts(audit.at))
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
        finish_once(tx, inserted, audit, jobs).await
    }

    async fn calendar_years(&self) -> Result<Vec<String>, StoreError> {
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT year_json FROM calendar_years ORDER BY year")
                .fetch_all(&self.read)
                .await
                .map_err(db)?;
        rows.iter()
            .map(|text| {
                let year: Value = from_column::<StoredCalendarYear, _>("year_json", text)?;
                Ok(year.to_string())
            })
            .collect()
    }

    async fn save_calendar_year(
        &self,
        year: i16,
        year_json: &str,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        // The year arrives in the calendar file's format; what is stored is its envelope.
        let year_value: Value = serde_json::from_str(year_json)
            .map_err(|e| crate::error::backend("reading the edited year to store", e))?;
        let stored = to_column::<StoredCalendarYear, _>(&year_value)?;
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO calendar_years (year, year_json, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (year) DO UPDATE SET year_json = excluded.year_json, \
             updated_at = excluded.updated_at",
        )
        .bind(i64::from(year))
        .bind(stored)
        .bind(ts(audit.at))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(db)
    }
}
