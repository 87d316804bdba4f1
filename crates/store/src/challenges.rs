//! One-time codes: stored with their SMS job, tries counted down atomically, used once.

use std::sync::LazyLock;

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::store::{Challenge, ChallengeStore, JobKind, Purpose, StoreError};
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use kandas_domain::phone::PhoneNumber;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::audit::insert_job;
use crate::error::db;
use crate::formats::StoredPurpose;
use crate::rows::{from_json, int, json, parsed, text, time, time_opt, ts, ts_opt};

const CHALLENGE_COLUMNS: &str = "id, iin, purpose_json, code_hash, phone, ip, created_at, \
     expires_at, attempts_left, consumed_at";

/// A challenge by id.
pub(crate) static BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {CHALLENGE_COLUMNS} FROM challenges WHERE id = $1"));
/// The latest signing challenge of an application, an unused one first.
pub(crate) static LATEST_SIGN: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {CHALLENGE_COLUMNS} FROM challenges WHERE sign_application = $1 \
         ORDER BY CASE WHEN consumed_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC \
         LIMIT 1"
    )
});
/// Takes one try of a live challenge, answering the tries left.
pub(crate) const TAKE_TRY: &str = "UPDATE challenges SET attempts_left = attempts_left - 1 \
     WHERE id = $1 AND attempts_left > 0 AND consumed_at IS NULL AND expires_at > $2 \
     RETURNING attempts_left";
/// Uses a challenge up, unless it was.
pub(crate) const CONSUME: &str =
    "UPDATE challenges SET consumed_at = $1 WHERE id = $2 AND consumed_at IS NULL";
/// The challenges issued since `$2` to an IIN (`$1`) and to a client address (`$3`).
pub(crate) const RECENT: &str = "SELECT \
     (SELECT COUNT(*) FROM challenges WHERE iin = $1 AND created_at >= $2) AS by_iin, \
     (SELECT COUNT(*) FROM challenges WHERE ip = $3 AND created_at >= $2) AS by_ip";

fn challenge(row: &AnyRow) -> Result<Challenge, StoreError> {
    Ok(Challenge {
        id: text(row, "id")?,
        iin: parsed(row, "iin", Iin::parse)?,
        purpose: from_json::<StoredPurpose, _>(row, "purpose_json")?,
        code_hash: text(row, "code_hash")?,
        phone: parsed(row, "phone", PhoneNumber::parse)?,
        ip: text(row, "ip")?,
        created_at: time(row, "created_at")?,
        expires_at: time(row, "expires_at")?,
        attempts_left: int(row, "attempts_left")?,
        consumed_at: time_opt(row, "consumed_at")?,
    })
}

#[async_trait]
impl ChallengeStore for SqlStore {
    async fn create_challenge(&self, c: &Challenge, sms: &JobKind) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO challenges (id, iin, purpose_json, sign_application, code_hash, phone, \
             ip, created_at, expires_at, attempts_left, consumed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(c.id.as_str())
        .bind(c.iin.as_str())
        .bind(json::<StoredPurpose, _>(&c.purpose)?)
        .bind(match &c.purpose {
            Purpose::Sign { application, .. } => Some(application.as_str().to_owned()),
            _ => None,
        })
        .bind(c.code_hash.as_str())
        .bind(c.phone.as_str())
        .bind(c.ip.as_str())
        .bind(ts(c.created_at))
        .bind(ts(c.expires_at))
        .bind(c.attempts_left.max(0))
        .bind(ts_opt(c.consumed_at))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        insert_job(&mut tx, sms, c.created_at).await?;
        tx.commit().await.map_err(db)
    }

    async fn challenge(&self, id: &str) -> Result<Option<Challenge>, StoreError> {
        sqlx::query(BY_ID.as_str())
            .bind(id)
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(challenge)
            .transpose()
    }

    async fn latest_sign_challenge(
        &self,
        application: &ApplicationId,
    ) -> Result<Option<Challenge>, StoreError> {
        sqlx::query(LATEST_SIGN.as_str())
            .bind(application.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(challenge)
            .transpose()
    }

    async fn take_try(&self, id: &str, now: Timestamp) -> Result<Option<i64>, StoreError> {
        // One statement checks and counts: of any number of concurrent guesses, only as many
        // as there are tries left get one.
        sqlx::query_scalar(TAKE_TRY)
            .bind(id)
            .bind(ts(now))
            .fetch_optional(&self.write)
            .await
            .map_err(db)
    }

    async fn consume_challenge(&self, id: &str, at: Timestamp) -> Result<bool, StoreError> {
        let mut conn = self.write.acquire().await.map_err(db)?;
        consume(&mut conn, id, at).await
    }

    async fn recent_challenges(
        &self,
        iin: &Iin,
        ip: &str,
        since: Timestamp,
    ) -> Result<(i64, i64), StoreError> {
        let row = sqlx::query(RECENT)
            .bind(iin.as_str())
            .bind(ts(since))
            .bind(ip)
            .fetch_one(&self.read)
            .await
            .map_err(db)?;
        Ok((int(&row, "by_iin")?, int(&row, "by_ip")?))
    }
}

/// Uses the challenge up, on `conn` (a transaction's, for a change that spends it): whether it
/// was still unused.
async fn consume(conn: &mut AnyConnection, id: &str, at: Timestamp) -> Result<bool, StoreError> {
    let done = sqlx::query(CONSUME)
        .bind(ts(at))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(done.rows_affected() == 1)
}

/// Spends the one-time code of a change in its transaction: a code used already fails the
/// change (`StoreError::CodeUsed`).
pub(crate) async fn spend_code(
    conn: &mut AnyConnection,
    id: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    if consume(conn, id, at).await? {
        Ok(())
    } else {
        Err(StoreError::CodeUsed)
    }
}
