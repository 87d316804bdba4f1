//! Sign-in nonces for electronic signatures: issued, then used once while live.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::store::NonceStore;
use kandas_app::ports::store::StoreError;

use crate::SqlStore;
use crate::error::db;
use crate::rows::ts;

/// Uses a live nonce up, unless it was (`$1` now).
pub(crate) const CONSUME: &str = "UPDATE eds_nonces SET consumed_at = $1 \
     WHERE nonce_hash = $2 AND consumed_at IS NULL AND expires_at > $1";

#[async_trait]
impl NonceStore for SqlStore {
    async fn create_nonce(
        &self,
        nonce_hash: &str,
        at: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO eds_nonces (nonce_hash, created_at, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(nonce_hash)
        .bind(ts(at))
        .bind(ts(expires_at))
        .execute(&self.write)
        .await
        .map_err(db)?;
        Ok(())
    }

    async fn consume_nonce(&self, nonce_hash: &str, now: Timestamp) -> Result<bool, StoreError> {
        let done = sqlx::query(CONSUME)
            .bind(ts(now))
            .bind(nonce_hash)
            .execute(&self.write)
            .await
            .map_err(db)?;
        Ok(done.rows_affected() == 1)
    }
}
