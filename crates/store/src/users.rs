//! Accounts and sessions.

use jiff::Timestamp;
use kandas_app::Role;
use kandas_app::ports::store::{AuditRecord, NewSession, StoreError, User};
use kandas_domain::ids::UserId;
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::audit::insert_audit;
use crate::error::{corrupt, db};
use crate::rows::{parsed, parsed_opt, text, time, ts};

pub(crate) const USER_COLUMNS: &str =
    "u.id, u.iin, u.password_hash, u.roles, u.office, u.created_at";

fn roles_text(roles: &[Role]) -> String {
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
    })
}

impl SqlStore {
    pub(crate) async fn insert_user(
        &self,
        u: &User,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO users (id, iin, password_hash, roles, office, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(u.id.as_str())
        .bind(u.iin.as_str())
        .bind(u.password_hash.as_str())
        .bind(roles_text(&u.roles))
        .bind(u.office.as_ref().map(|o| o.as_str().to_owned()))
        .bind(ts(u.created_at))
        .execute(&mut *tx)
        .await
        .map_err(|e| match db(e) {
            StoreError::Duplicate(_) => StoreError::Duplicate("user"),
            other => other,
        })?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(db)
    }

    pub(crate) async fn find_user(&self, iin: &Iin) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.iin = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(iin.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(user)
            .transpose()
    }

    pub(crate) async fn insert_session(&self, s: &NewSession) -> Result<(), StoreError> {
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

    pub(crate) async fn find_session_user(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .bind(ts(now))
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(user)
            .transpose()
    }

    pub(crate) async fn remove_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.write)
            .await
            .map_err(db)?;
        Ok(())
    }
}
