//! The `Files` port in the database, so that every node sharing it sees every file: contents in
//! rows of at most [`CHUNK`] bytes (`file_chunks`), written in one transaction (a file is whole
//! or absent), read back in order. Keys are checked as on local disk.

use async_trait::async_trait;
use kandas_app::ports::files::{Files, FilesError, checked_key};
use kandas_app::ports::store::StoreError;

use crate::SqlStore;
use crate::error::db;

/// The largest piece of a file in one row.
pub const CHUNK: usize = 1024 * 1024;

/// Files in the database's `file_chunks` table.
#[derive(Debug, Clone)]
pub struct DbFiles {
    store: SqlStore,
}

impl SqlStore {
    /// The `Files` port on this database.
    pub fn files(&self) -> DbFiles {
        DbFiles {
            store: self.clone(),
        }
    }
}

/// A file's pieces in order.
pub(crate) const CHUNKS: &str = "SELECT data FROM file_chunks WHERE file_key = $1 ORDER BY seq";

fn failed(e: StoreError) -> FilesError {
    FilesError(Box::new(e))
}

#[async_trait]
impl Files for DbFiles {
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), FilesError> {
        let key = checked_key(key)?;
        let mut tx = self.store.begin().await.map_err(failed)?;
        sqlx::query("DELETE FROM file_chunks WHERE file_key = $1")
            .bind(key)
            .execute(&mut *tx)
            .await
            .map_err(|e| failed(db(e)))?;
        // An empty file is one empty chunk, so that it is there.
        let chunks: Vec<&[u8]> = if bytes.is_empty() {
            vec![bytes]
        } else {
            bytes.chunks(CHUNK).collect()
        };
        for (seq, chunk) in chunks.into_iter().enumerate() {
            sqlx::query("INSERT INTO file_chunks (file_key, seq, data) VALUES ($1, $2, $3)")
                .bind(key)
                .bind(i64::try_from(seq).map_err(|e| FilesError(Box::new(e)))?)
                .bind(chunk.to_vec())
                .execute(&mut *tx)
                .await
                .map_err(|e| failed(db(e)))?;
        }
        tx.commit().await.map_err(|e| failed(db(e)))
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, FilesError> {
        let key = checked_key(key)?;
        let chunks: Vec<Vec<u8>> = sqlx::query_scalar(CHUNKS)
            .bind(key)
            .fetch_all(&self.store.read)
            .await
            .map_err(|e| failed(db(e)))?;
        if chunks.is_empty() {
            return Ok(None);
        }
        Ok(Some(chunks.concat()))
    }

    async fn delete(&self, key: &str) -> Result<(), FilesError> {
        let key = checked_key(key)?;
        sqlx::query("DELETE FROM file_chunks WHERE file_key = $1")
            .bind(key)
            .execute(&self.store.write)
            .await
            .map_err(|e| failed(db(e)))?;
        Ok(())
    }

    async fn keys(&self) -> Result<Vec<String>, FilesError> {
        sqlx::query_scalar("SELECT DISTINCT file_key FROM file_chunks ORDER BY file_key")
            .fetch_all(&self.store.read)
            .await
            .map_err(|e| failed(db(e)))
    }
}
