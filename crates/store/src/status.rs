//! Status changes — the state, its audit row, outbox jobs, register entry, signature evidence,
//! result documents and idempotency key in one transaction — and the reads that follow from them.

use std::sync::LazyLock;

use async_trait::async_trait;
use kandas_app::ports::registry::RegisteredCertificate;
use kandas_app::ports::store::{
    Evidence, IdempotencyKey, QueueFilter, StatusChange, StatusStore, StoreError, StoredResponse,
};
use kandas_domain::application::Application;
use kandas_domain::application::events::caused_by;
use kandas_domain::application::status::SignatureMethod;
use kandas_domain::ids::ApplicationId;
use sqlx::AnyConnection;

use crate::SqlStore;
use crate::applications::missing_or_stale;
use crate::audit::{insert_audit, insert_job};
use crate::challenges::spend_code;
use crate::error::{corrupt, db};
use crate::events::{insert_events, status_at};
use crate::formats::{StoredEvidenceDetail, StoredStatus, from_column};
use crate::idempotency::idempotent_on;
use crate::results::insert_results;
use crate::rows::{
    APPLICATION_COLUMNS, Built, Conditions, Param, application, bind_all, date, json, text, ts,
};

/// Enters a certificate in the register, or extends it once more.
pub(crate) const UPSERT_CERTIFICATE: &str = "INSERT INTO certificates (number, holder, \
     issued_on, valid_until, extended, issuer, application_id, extensions) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (number) DO UPDATE SET valid_until = excluded.valid_until, extended = 1, \
     extensions = excluded.extensions \
     WHERE certificates.holder = excluded.holder \
     AND certificates.extensions + 1 = excluded.extensions";
/// The signature evidence of an application.
pub(crate) const EVIDENCE: &str =
    "SELECT method, document, sha256, detail_json FROM evidence WHERE application_id = $1";
/// A status change at the version read.
pub(crate) static CHANGE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE applications SET status = $1, status_json = $2, due_date = $3, \
         closed_at = $4, version = version + 1, updated_at = $5 WHERE id = $6 \
         AND version = $7 RETURNING {APPLICATION_COLUMNS}"
    )
});

/// The office's queue as asked, soonest deadline first: only the filters asked for are in the
/// statement, so that the index on office, status and due date serves each variant.
pub(crate) fn queue(f: &QueueFilter) -> Built {
    let mut c = Conditions::default();
    c.compare("office =", Param::Text(f.office.as_str().to_owned()));
    match &f.status {
        Some(status) => c.compare("status =", Param::Text(status.clone())),
        None => c.and("status IN ('registered', 'accepted', 'under_review', 'hearing')".into()),
    }
    if let Some(due) = f.due_before {
        c.compare("due_date <", Param::Text(date(due)));
    }
    if let Some(channel) = f.channel {
        c.compare("channel =", Param::Text(channel.code().to_owned()));
    }
    if let Some(user) = &f.assigned_to {
        let user = c.param(Param::Text(user.as_str().to_owned()));
        c.and(format!(
            "id IN (SELECT application_id FROM case_assignments WHERE user_id = {user})"
        ));
    }
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS} FROM applications {} \
         ORDER BY (due_date IS NULL), due_date, number",
        c.clause()
    );
    (sql, c.into_params())
}

fn method_code(m: SignatureMethod) -> &'static str {
    match m {
        SignatureMethod::Sms => "sms",
        SignatureMethod::Eds => "eds",
        SignatureMethod::Paper => "paper",
    }
}

fn method_parse(s: &str) -> Option<SignatureMethod> {
    match s {
        "sms" => Some(SignatureMethod::Sms),
        "eds" => Some(SignatureMethod::Eds),
        "paper" => Some(SignatureMethod::Paper),
        _ => None,
    }
}

/// Enters a certificate in the register. A new number is inserted; an existing number is
/// updated only as its next extension (same holder, one extension more than it has); anything
/// else is `Duplicate("certificate")`.
pub(crate) async fn upsert_certificate(
    conn: &mut AnyConnection,
    c: &RegisteredCertificate,
    application: Option<&ApplicationId>,
) -> Result<(), StoreError> {
    let done = sqlx::query(UPSERT_CERTIFICATE)
        .bind(c.number.as_str())
        .bind(c.holder.as_str())
        .bind(date(c.issued_on))
        .bind(date(c.valid_until))
        .bind(i64::from(c.extended()))
        .bind(c.issuer.as_str())
        .bind(application.map(|a| a.as_str().to_owned()))
        .bind(i64::from(c.extensions))
        .execute(conn)
        .await
        .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Duplicate("certificate"));
    }
    Ok(())
}

#[async_trait]
impl StatusStore for SqlStore {
    async fn change_status(&self, c: &StatusChange) -> Result<Application, StoreError> {
        let mut tx = self.begin().await?;
        if let Some(key) = &c.idempotency
            && let Some(id) = idempotent_on(&mut tx, key).await?
        {
            return Err(StoreError::Replay(id));
        }
        if let Some(challenge) = &c.spends_code {
            spend_code(&mut tx, challenge, c.at).await?;
        }
        let before = status_at(&mut tx, &c.application, c.expected_version).await?;
        let due = c.status.registration().map(|r| date(r.deadline.due));
        let row = sqlx::query(CHANGE.as_str())
            .bind(c.status.code())
            .bind(json::<StoredStatus, _>(&c.status)?)
            .bind(due)
            .bind(c.status.closed_at().map(ts))
            .bind(ts(c.at))
            .bind(c.application.as_str())
            .bind(c.expected_version)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
        let Some(row) = row else {
            return Err(missing_or_stale(&mut tx, &c.application).await);
        };
        let app = application(&row)?;
        insert_audit(&mut tx, &c.audit).await?;
        if let Some(before) = &before {
            let events = caused_by(before, &c.status, c.at);
            insert_events(&mut tx, &c.application, &events, &c.audit).await?;
        }
        for job in &c.jobs {
            insert_job(&mut tx, job, c.at).await?;
        }
        if let Some(cert) = &c.certificate {
            upsert_certificate(&mut tx, cert, Some(&c.application)).await?;
        }
        insert_results(&mut tx, &c.results, false).await?;
        if let Some(e) = &c.evidence {
            sqlx::query(
                "INSERT INTO evidence (application_id, method, document, sha256, detail_json, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(c.application.as_str())
            .bind(method_code(e.method))
            .bind(e.document.clone())
            .bind(e.sha256.as_str())
            .bind(json::<StoredEvidenceDetail, _>(&e.detail)?)
            .bind(ts(c.at))
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        self.commit_once(tx, c.idempotency.as_ref(), &c.application, c.at)
            .await?;
        Ok(app)
    }

    async fn idempotent(&self, key: &IdempotencyKey) -> Result<Option<ApplicationId>, StoreError> {
        let mut conn = self.read.acquire().await.map_err(db)?;
        idempotent_on(&mut conn, key).await
    }

    async fn answer_once(
        &self,
        scope: &str,
        key: &str,
        response: &StoredResponse,
    ) -> Result<Option<StoredResponse>, StoreError> {
        crate::idempotency::answer_once(self, scope, key, response).await
    }

    async fn delete_expired_keys(&self, before: jiff::Timestamp) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM idempotency WHERE created_at < $1")
            .bind(crate::rows::ts(before))
            .execute(&self.write)
            .await
            .map_err(db)?;
        Ok(done.rows_affected())
    }

    async fn evidence(&self, application: &ApplicationId) -> Result<Option<Evidence>, StoreError> {
        let row = sqlx::query(EVIDENCE)
            .bind(application.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?;
        let Some(row) = row else { return Ok(None) };
        let method = text(&row, "method")?;
        let detail = text(&row, "detail_json")?;
        Ok(Some(Evidence {
            method: method_parse(&method)
                .ok_or_else(|| corrupt("method", format!("unknown code `{method}`")))?,
            document: sqlx::Row::try_get(&row, "document").map_err(|e| corrupt("document", e))?,
            sha256: text(&row, "sha256")?,
            detail: from_column::<StoredEvidenceDetail, _>("detail_json", &detail)?,
        }))
    }

    async fn queue(&self, f: &QueueFilter) -> Result<Vec<Application>, StoreError> {
        let (sql, params) = queue(f);
        let rows = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), &params)
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(application).collect()
    }
}
