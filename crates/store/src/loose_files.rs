//! The marks of loose files: stored bytes no attachment holds, swept by the worker.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::store::{LooseFileStore, StoreError};
use sqlx::AnyConnection;

use crate::SqlStore;
use crate::error::db;
use crate::rows::ts;

/// Takes the mark off a stored file (`$1` its key).
pub(crate) const UNMARK: &str = "DELETE FROM loose_files WHERE storage_key = $1";

/// Marks the file of an attachment loose (`$1` the attachment, `$2` since when).
pub(crate) const LET_GO: &str = "INSERT INTO loose_files (storage_key, since) \
     SELECT storage_key, $2 FROM attachments WHERE id = $1 \
     ON CONFLICT (storage_key) DO NOTHING";

/// Takes the mark off `key` on `conn` (in the transaction that adds the attachment holding it).
pub(crate) async fn held(conn: &mut AnyConnection, key: &str) -> Result<(), StoreError> {
    sqlx::query(UNMARK)
        .bind(key)
        .execute(conn)
        .await
        .map_err(db)?;
    Ok(())
}

/// Marks the file of attachment `attachment` loose from `at` on `conn` (in the transaction that
/// removes the attachment, so its bytes are swept should their delete fail).
pub(crate) async fn let_go(
    conn: &mut AnyConnection,
    attachment: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(LET_GO)
        .bind(attachment)
        .bind(ts(at))
        .execute(conn)
        .await
        .map_err(db)?;
    Ok(())
}

#[async_trait]
impl LooseFileStore for SqlStore {
    async fn mark_loose(&self, key: &str, at: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO loose_files (storage_key, since) VALUES ($1, $2) \
             ON CONFLICT (storage_key) DO NOTHING",
        )
        .bind(key)
        .bind(ts(at))
        .execute(&self.write)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn loose_files(&self, before: Timestamp, limit: i64) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT l.storage_key FROM loose_files l WHERE l.since < $1 \
             AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.storage_key = l.storage_key) \
             ORDER BY l.since, l.storage_key LIMIT $2",
        )
        .bind(ts(before))
        .bind(limit)
        .fetch_all(&self.read)
        .await
        .map_err(db)
    }

    async fn forget_loose(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM loose_files WHERE storage_key = $1")
            .bind(key)
            .execute(&self.write)
            .await
            .map_err(db)?;
        Ok(())
    }
}
