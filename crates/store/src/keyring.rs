//! The keyring's side of the store: the service's keys, encrypted, each replaced by version.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::store::{AuditRecord, KeyringStore, StoreError, StoredKey};
use sqlx::Row;

use crate::SqlStore;
use crate::audit::insert_audit;
use crate::error::db;
use crate::rows::ts;

#[async_trait]
impl KeyringStore for SqlStore {
    async fn stored_key(&self, name: &str) -> Result<Option<StoredKey>, StoreError> {
        let row = sqlx::query("SELECT sealed, version FROM keyring WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.read)
            .await
            .map_err(db)?;
        row.map(|row| {
            Ok(StoredKey {
                sealed: row.try_get("sealed").map_err(db)?,
                version: row.try_get("version").map_err(db)?,
            })
        })
        .transpose()
    }

    async fn save_key(
        &self,
        name: &str,
        sealed: &str,
        replaces: Option<i64>,
        at: Timestamp,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let saved = match replaces {
            None => sqlx::query(
                "INSERT INTO keyring (name, sealed, version, saved_at) VALUES ($1, $2, 1, $3) \
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(name)
            .bind(sealed)
            .bind(ts(at))
            .execute(&mut *tx)
            .await
            .map_err(db)?,
            Some(version) => sqlx::query(
                "UPDATE keyring SET sealed = $1, version = version + 1, saved_at = $2 \
                 WHERE name = $3 AND version = $4",
            )
            .bind(sealed)
            .bind(ts(at))
            .bind(name)
            .bind(version)
            .execute(&mut *tx)
            .await
            .map_err(db)?,
        };
        if saved.rows_affected() == 0 {
            return Ok(false);
        }
        if let Some(audit) = audit {
            insert_audit(&mut tx, audit).await?;
        }
        tx.commit().await.map_err(db)?;
        Ok(true)
    }
}
