//! Idempotency keys in the database: the application a key was used for by the same request
//! (`KeyReused` for another), recorded in the transaction of the change it stands for, taking
//! over a key that expired.

use kandas_app::ports::store::{IdempotencyKey, StoreError, StoredResponse};
use kandas_domain::ids::ApplicationId;
use sqlx::AnyConnection;
use sqlx::Row as _;

use crate::SqlStore;
use crate::error::{corrupt, db, is_unique};
use crate::rows::{text, text_opt, ts};

/// A key's application and fingerprint, unless it expired (`$3` the oldest time still live).
pub(crate) const LOOKUP: &str = "SELECT application_id, fingerprint FROM idempotency \
     WHERE scope = $1 AND key = $2 AND created_at >= $3";
/// Records a key, taking over one recorded before `$6`.
pub(crate) const RECORD: &str = "INSERT INTO idempotency (scope, key, application_id, \
     created_at, fingerprint) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO UPDATE SET \
     application_id = excluded.application_id, created_at = excluded.created_at, \
     fingerprint = excluded.fingerprint, response_status = NULL, response_body = NULL \
     WHERE idempotency.created_at < $6";
/// Keeps the first answer under a key.
pub(crate) const KEEP_ANSWER: &str = "UPDATE idempotency SET response_status = $1, \
     response_body = $2 WHERE scope = $3 AND key = $4 AND response_body IS NULL";
/// The answer kept under a key.
pub(crate) const KEPT_ANSWER: &str =
    "SELECT response_status, response_body FROM idempotency WHERE scope = $1 AND key = $2";

/// The application an idempotency key was used for, read on `conn`: the same request's
/// (`KeyReused` for another's); a key recorded before `key.not_before` has expired.
pub(crate) async fn idempotent_on(
    conn: &mut AnyConnection,
    key: &IdempotencyKey,
) -> Result<Option<ApplicationId>, StoreError> {
    let row = sqlx::query(LOOKUP)
        .bind(key.scope.as_str())
        .bind(key.key.as_str())
        .bind(ts(key.not_before))
        .fetch_optional(conn)
        .await
        .map_err(db)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let fingerprint = text_opt(&row, "fingerprint")?;
    if fingerprint.as_deref() != Some(key.fingerprint.as_str()) {
        return Err(StoreError::KeyReused);
    }
    let id = text(&row, "application_id")?;
    ApplicationId::parse(&id)
        .map(Some)
        .map_err(|e| corrupt("idempotency.application_id", e))
}

/// Records an idempotency key on `conn`, taking over one that expired; `false` when the key
/// is taken (by a request that committed first).
pub(crate) async fn insert_idempotency(
    conn: &mut AnyConnection,
    key: &IdempotencyKey,
    application: &ApplicationId,
    at: jiff::Timestamp,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(RECORD)
        .bind(key.scope.as_str())
        .bind(key.key.as_str())
        .bind(application.as_str())
        .bind(ts(at))
        .bind(key.fingerprint.as_str())
        .bind(ts(key.not_before))
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

impl SqlStore {
    /// When a unique violation on the idempotency key raced us, the winner's application.
    /// Records the idempotency key (if any) and commits; a key used before rolls the whole
    /// transaction back and answers `Replay` with the application it was used for.
    pub(crate) async fn commit_once(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Any>,
        key: Option<&IdempotencyKey>,
        application: &ApplicationId,
        at: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        if let Some(key) = key {
            let recorded = match insert_idempotency(&mut tx, key, application, at).await {
                Ok(recorded) => recorded,
                Err(e) if is_unique(&e) => false,
                Err(e) => return Err(db(e)),
            };
            if !recorded {
                drop(tx);
                return Err(self.replay_of(key).await);
            }
        }
        tx.commit().await.map_err(db)
    }

    /// What the request that took `key` first did: the same request's application (`Replay`),
    /// or `KeyReused` for another request.
    pub(crate) async fn replay_of(&self, key: &IdempotencyKey) -> StoreError {
        match self.read.acquire().await {
            Ok(mut conn) => match idempotent_on(&mut conn, key).await {
                Ok(Some(id)) => StoreError::Replay(id),
                Ok(None) => StoreError::Conflict,
                Err(other) => other,
            },
            Err(other) => db(other),
        }
    }
}

/// Keeps `response` as the first answer under the key `key` of `scope` (unless one is kept)
/// and answers the one kept; none when the key was not recorded.
pub(crate) async fn answer_once(
    store: &SqlStore,
    scope: &str,
    key: &str,
    response: &StoredResponse,
) -> Result<Option<StoredResponse>, StoreError> {
    sqlx::query(KEEP_ANSWER)
        .bind(i64::from(response.status))
        .bind(response.body.as_str())
        .bind(scope)
        .bind(key)
        .execute(&store.write)
        .await
        .map_err(db)?;
    let row = sqlx::query(KEPT_ANSWER)
        .bind(scope)
        .bind(key)
        .fetch_optional(&store.write)
        .await
        .map_err(db)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let status: Option<i64> = row.try_get("response_status").map_err(db)?;
    let body = text_opt(&row, "response_body")?;
    match (status, body) {
        (Some(status), Some(body)) => Ok(Some(StoredResponse {
            status: u16::try_from(status).map_err(|e| corrupt("idempotency.response_status", e))?,
            body,
        })),
        _ => Ok(None),
    }
}
