//! The result documents of decided cases: written with the decision (`status.rs`) or, for a case
//! decided before they were kept, once on its first download; read back byte for byte.

use async_trait::async_trait;
use kandas_app::ports::store::{ResultStore, ResultSummary, StoreError, StoredResult};
use kandas_domain::application::result::ResultKind;
use kandas_domain::ids::ApplicationId;
use sqlx::AnyConnection;
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::error::{corrupt, db};
use crate::rows::{code, parsed, text, time, ts};

/// Writes result documents on `conn` (inside the caller's transaction). With `keep_first`, a
/// document already stored stays and the new one is dropped; without, a second one is an error.
pub(crate) async fn insert_results(
    conn: &mut AnyConnection,
    documents: &[StoredResult],
    keep_first: bool,
) -> Result<(), StoreError> {
    let sql = if keep_first {
        "INSERT INTO result_documents (application_id, kind, file_name, content, sha256, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (application_id, kind) DO NOTHING"
    } else {
        "INSERT INTO result_documents (application_id, kind, file_name, content, sha256, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6)"
    };
    for d in documents {
        sqlx::query(sql)
            .bind(d.application.as_str())
            .bind(d.kind.code())
            .bind(d.file_name.as_str())
            .bind(d.bytes.clone())
            .bind(d.sha256.as_str())
            .bind(ts(d.created_at))
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

/// The result documents of a case, without their bytes.
pub(crate) const OF_CASE: &str = "SELECT kind, file_name, sha256, created_at \
     FROM result_documents WHERE application_id = $1 ORDER BY created_at, kind";
/// One result document of a case.
pub(crate) const ONE: &str = "SELECT application_id, kind, file_name, content, sha256, \
     created_at FROM result_documents WHERE application_id = $1 AND kind = $2";

fn summary(row: &AnyRow) -> Result<ResultSummary, StoreError> {
    Ok(ResultSummary {
        kind: code(row, "kind", ResultKind::parse)?,
        file_name: text(row, "file_name")?,
        sha256: text(row, "sha256")?,
        created_at: time(row, "created_at")?,
    })
}

#[async_trait]
impl ResultStore for SqlStore {
    async fn result_documents(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<ResultSummary>, StoreError> {
        let rows = sqlx::query(OF_CASE)
            .bind(application.as_str())
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(summary).collect()
    }

    async fn result_document(
        &self,
        application: &ApplicationId,
        kind: ResultKind,
    ) -> Result<Option<StoredResult>, StoreError> {
        let row = sqlx::query(ONE)
            .bind(application.as_str())
            .bind(kind.code())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?;
        let Some(row) = row else { return Ok(None) };
        let summary = summary(&row)?;
        Ok(Some(StoredResult {
            application: parsed(&row, "application_id", ApplicationId::parse)?,
            kind: summary.kind,
            file_name: summary.file_name,
            bytes: row
                .try_get::<Vec<u8>, _>("content")
                .map_err(|e| corrupt("content", e))?,
            sha256: summary.sha256,
            created_at: summary.created_at,
        }))
    }

    async fn keep_result_documents(&self, documents: &[StoredResult]) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        insert_results(&mut tx, documents, true).await?;
        tx.commit().await.map_err(db)
    }
}
