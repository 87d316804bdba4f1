//! Accounts and sessions.

use std::sync::LazyLock;

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::Role;
use kandas_app::ports::store::{AuditRecord, LiveSession, NewSession, StoreError, User, UserStore};
use kandas_domain::ids::UserId;
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::audit::insert_audit;
use crate::error::{corrupt, db};
use crate::rows::{parsed, parsed_opt, text, time, time_opt, ts, ts_opt};

pub(crate) const USER_COLUMNS: &str = "u.id, u.iin, u.password_hash, u.roles, u.office, \
     u.created_at, u.disabled_at, u.reset_requested_at";

/// An account by IIN.
pub(crate) static BY_IIN: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {USER_COLUMNS} FROM users u WHERE u.iin = $1"));
/// An account by id.
pub(crate) static BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"));
/// The account of a live session (`$1` token hash, `$2` now, `$3` the idle limit).
pub(crate) static SESSION_USER: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {USER_COLUMNS}, COALESCE(s.last_seen_at, s.created_at) AS last_seen \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 \
         AND COALESCE(s.last_seen_at, s.created_at) > $3 AND u.disabled_at IS NULL"
    )
});
/// Records a session's use.
pub(crate) const TOUCH_SESSION: &str =
    "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";

pub(crate) fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

pub(crate) fn user(row: &AnyRow) -> Result<User, StoreError> {
    let roles = text(row, "roles")?
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| Role::parse(s).ok_or_else(|| corrupt("roles", format!("unknown role `{s}`"))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(User {
        id: parsed(row, "id", UserId::parse)?,
        iin: parsed(row, "iin", Iin::parse)?,
        password_hash: text(row, "password_hash")?,
        roles,
        office: parsed_opt(row, "office", OfficeCode::parse)?,
        created_at: time(row, "created_at")?,
        disabled_at: time_opt(row, "disabled_at")?,
        reset_requested_at: time_opt(row, "reset_requested_at")?,
    })
}

#[async_trait]
impl UserStore for SqlStore {
    async fn create_user(&self, u: &User, audit: &AuditRecord) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO users (id, iin, password_hash, roles, office, created_at, disabled_at, \
             reset_requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(u.id.as_str())
        .bind(u.iin.as_str())
        .bind(u.password_hash.as_str())
        .bind(roles_text(&u.roles))
        .bind(u.office.as_ref().map(|o| o.as_str().to_owned()))
        .bind(ts(u.created_at))
        .bind(ts_opt(u.disabled_at))
        .bind(ts_opt(u.reset_requested_at))
        .execute(&mut *tx)
        .await
        .map_err(|e| match db(e) {
            StoreError::Duplicate(_) => StoreError::Duplicate("user"),
            other => other,
        })?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(db)
    }

    async fn user_by_iin(&self, iin: &Iin) -> Result<Option<User>, StoreError> {
        sqlx::query(BY_IIN.as_str())
            .bind(iin.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(user)
            .transpose()
    }

    async fn create_session(&self, s: &NewSession) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(s.token_hash.as_str())
        .bind(s.user.as_str())
        .bind(ts(s.created_at))
        .bind(ts(s.expires_at))
        .execute(&self.write)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn session_user(
        &self,
        token_hash: &str,
        now: Timestamp,
        idle_since: Timestamp,
    ) -> Result<Option<LiveSession>, StoreError> {
        let row = sqlx::query(SESSION_USER.as_str())
            .bind(token_hash)
            .bind(ts(now))
            .bind(ts(idle_since))
            .fetch_optional(&self.read)
            .await
            .map_err(db)?;
        row.as_ref()
            .map(|r| {
                Ok(LiveSession {
                    user: user(r)?,
                    last_seen: time(r, "last_seen")?,
                })
            })
            .transpose()
    }

    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query(TOUCH_SESSION)
            .bind(token_hash)
            .bind(ts(now))
            .execute(&self.write)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.write)
            .await
            .map_err(db)?;
        Ok(())
    }
}
