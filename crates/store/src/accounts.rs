//! Accounts as an administrator keeps them: found by IIN, disabled and enabled, given roles,
//! their sessions ended, their passwords reset — each change with its audit row.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::store::{
    AccountChange, AccountQuery, AccountStore, AuditRecord, JobKind, StoreError, User,
};
use kandas_domain::ids::UserId;

use crate::SqlStore;
use crate::audit::{insert_audit, insert_job};
use crate::error::db;
use crate::rows::ts;
use crate::users::{USER_COLUMNS, roles_text, user};

/// The password hash of an account whose password was reset: no PHC string, so no password
/// verifies against it.
const NO_PASSWORD: &str = "!reset";

#[async_trait]
impl AccountStore for SqlStore {
    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>, StoreError> {
        sqlx::query(crate::users::BY_ID.as_str())
            .bind(id.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(user)
            .transpose()
    }

    async fn accounts(&self, q: &AccountQuery) -> Result<Vec<User>, StoreError> {
        let rows = match &q.iin {
            Some(iin) => {
                sqlx::query(crate::users::BY_IIN.as_str())
                    .bind(iin.as_str())
                    .fetch_all(&self.read)
                    .await
            }
            None => {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users u WHERE u.roles <> 'applicant' \
                     ORDER BY u.iin LIMIT $1"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(q.limit)
                    .fetch_all(&self.read)
                    .await
            }
        }
        .map_err(db)?;
        rows.iter().map(user).collect()
    }

    async fn session_count(&self, id: &UserId, now: Timestamp) -> Result<i64, StoreError> {
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND expires_at > $2")
            .bind(id.as_str())
            .bind(ts(now))
            .fetch_one(&self.read)
            .await
            .map_err(db)
    }

    async fn change_account(
        &self,
        id: &UserId,
        change: &AccountChange,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        let (sql, params): (&str, Vec<Option<String>>) = match change {
            AccountChange::Disable { at } => (
                "UPDATE users SET disabled_at = $2 WHERE id = $1",
                vec![Some(ts(*at))],
            ),
            AccountChange::Enable => ("UPDATE users SET disabled_at = NULL WHERE id = $1", vec![]),
            AccountChange::Roles { roles, office } => (
                "UPDATE users SET roles = $2, office = $3 WHERE id = $1",
                vec![
                    Some(roles_text(roles)),
                    office.as_ref().map(|o| o.as_str().to_owned()),
                ],
            ),
            // Nothing of the account changes: the no-op update tells whether it exists and locks
            // its row like the other changes before the sessions are deleted.
            AccountChange::EndSessions => ("UPDATE users SET id = id WHERE id = $1", vec![]),
            AccountChange::RequestReset { at } => (
                "UPDATE users SET reset_requested_at = $2, password_hash = $3 WHERE id = $1",
                vec![Some(ts(*at)), Some(NO_PASSWORD.to_owned())],
            ),
            AccountChange::SetPassword { password_hash } => (
                "UPDATE users SET password_hash = $2, reset_requested_at = NULL WHERE id = $1",
                vec![Some(password_hash.clone())],
            ),
        };
        let mut tx = self.begin().await?;
        let mut update = sqlx::query(sql).bind(id.as_str());
        for p in params {
            update = update.bind(p);
        }
        let updated = update.execute(&mut *tx).await.map_err(db)?;
        if updated.rows_affected() == 0 {
            return Ok(false);
        }
        if matches!(
            change,
            AccountChange::Disable { .. }
                | AccountChange::EndSessions
                | AccountChange::RequestReset { .. }
                | AccountChange::SetPassword { .. }
        ) {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id.as_str())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        insert_audit(&mut tx, audit).await?;
        for job in jobs {
            insert_job(&mut tx, job, audit.at).await?;
        }
        tx.commit().await.map_err(db)?;
        Ok(true)
    }
}
