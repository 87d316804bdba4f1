//! Applications: drafts with their yearly numbers, reads, form saves and attachments, each
//! write guarded by the optimistic version.

use std::sync::LazyLock;

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::store::{
    ApplicationStore, AuditRecord, Disposal, FormChange, NewDraft, StoreError, StoredAttachment,
};
use kandas_domain::application::document::{Attachment, DocumentType, FileType};
use kandas_domain::application::events::{CaseEvent, EventKind};
use kandas_domain::application::{Application, Custody, Status};
use kandas_domain::ids::{ApplicationId, AttachmentId, MemberId};
use kandas_domain::iin::Iin;
use kandas_domain::numbers::ApplicationNumber;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::audit::insert_audit;
use crate::error::{corrupt, db};
use crate::events::insert_events;
use crate::formats::{StoredForm, StoredStatus};
use crate::idempotency::idempotent_on;
use crate::rows::{
    APPLICATION_COLUMNS, application, code, int, json, parsed, parsed_opt, text, text_opt, time,
    time_opt, ts,
};

const ATTACHMENT_COLUMNS: &str = "id, application_id, document_type, member_id, file_name, \
     file_type, size, sha256, storage_key, uploaded_at";
/// The columns read back: the written ones and the disposal.
const ATTACHMENT_READ_COLUMNS: &str = "id, application_id, document_type, member_id, \
     file_name, file_type, size, sha256, storage_key, uploaded_at, disposed_at, disposed_by";

/// The next number of a counter (`$1` its name, e.g. `application:2026`).
pub(crate) const NEXT_COUNTER: &str = "INSERT INTO counters (name, value) VALUES ($1, 1) \
     ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value";
/// How many drafts a person has open through a channel.
pub(crate) const OPEN_DRAFTS: &str = "SELECT COUNT(*) FROM applications \
     WHERE applicant = $1 AND channel = $2 AND status = 'draft'";
/// Whether an application exists (after a versioned update touched no row).
pub(crate) const EXISTS: &str = "SELECT id FROM applications WHERE id = $1";
/// Deletes an attachment of a draft.
pub(crate) const REMOVE_ATTACHMENT: &str =
    "DELETE FROM attachments WHERE id = $1 AND application_id = $2";
/// An application by id.
pub(crate) static BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1"));
/// An application by number.
pub(crate) static BY_NUMBER: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE number = $1"));
/// A person's applications, newest first.
pub(crate) static OF_APPLICANT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {APPLICATION_COLUMNS} FROM applications WHERE applicant = $1 \
         ORDER BY created_at DESC, number DESC"
    )
});
/// Saves a draft's form at the version read.
pub(crate) static SAVE_FORM: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE applications SET form_json = $1, office = $2, version = version + 1, \
         updated_at = $3 WHERE id = $4 AND version = $5 AND status = 'draft' \
         RETURNING {APPLICATION_COLUMNS}"
    )
});
/// Moves a draft's version on (a file added or removed) at the version read.
pub(crate) static BUMP_DRAFT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE applications SET version = version + 1, updated_at = $1 \
         WHERE id = $2 AND version = $3 AND status = 'draft' RETURNING {APPLICATION_COLUMNS}"
    )
});
/// The attachments of an application, in upload order.
pub(crate) static ATTACHMENTS_OF: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {ATTACHMENT_READ_COLUMNS} FROM attachments WHERE application_id = $1 \
         ORDER BY uploaded_at, id"
    )
});
/// An attachment by id.
pub(crate) static ATTACHMENT_BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {ATTACHMENT_READ_COLUMNS} FROM attachments WHERE id = $1"));

fn attachment(row: &AnyRow) -> Result<StoredAttachment, StoreError> {
    let size = int(row, "size")?;
    Ok(StoredAttachment {
        attachment: Attachment {
            id: parsed(row, "id", AttachmentId::parse)?,
            document_type: code(row, "document_type", DocumentType::parse)?,
            member: parsed_opt(row, "member_id", MemberId::parse)?,
            file_name: text(row, "file_name")?,
            file_type: code(row, "file_type", FileType::from_mime)?,
            size: u64::try_from(size).map_err(|e| corrupt("size", e))?,
            sha256: text(row, "sha256")?,
        },
        application: parsed(row, "application_id", ApplicationId::parse)?,
        storage_key: text(row, "storage_key")?,
        uploaded_at: time(row, "uploaded_at")?,
        disposal: match time_opt(row, "disposed_at")? {
            Some(at) => Some(Disposal {
                at,
                by: text_opt(row, "disposed_by")?.unwrap_or_default(),
            }),
            None => None,
        },
    })
}

/// A file added to or removed from a draft: the draft's version moves on, if it is still the
/// one the person saw (a stale version, a missing or a submitted case is the matching error).
async fn bump_draft_version(
    conn: &mut AnyConnection,
    id: &ApplicationId,
    expected_version: i64,
    at: Timestamp,
) -> Result<Application, StoreError> {
    let row = sqlx::query(BUMP_DRAFT.as_str())
        .bind(ts(at))
        .bind(id.as_str())
        .bind(expected_version)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    match row {
        Some(row) => application(&row),
        None => Err(missing_or_stale(conn, id).await),
    }
}

/// After a versioned update touched no row: `NotFound` or `Conflict`.
pub(crate) async fn missing_or_stale(conn: &mut AnyConnection, id: &ApplicationId) -> StoreError {
    let found: Result<Option<String>, _> = sqlx::query_scalar(EXISTS)
        .bind(id.as_str())
        .fetch_optional(conn)
        .await;
    match found {
        Ok(Some(_)) => StoreError::Conflict,
        Ok(None) => StoreError::NotFound,
        Err(e) => db(e),
    }
}

#[async_trait]
impl ApplicationStore for SqlStore {
    async fn create_draft(&self, d: &NewDraft) -> Result<Application, StoreError> {
        let mut tx = self.begin().await?;
        if let Some(key) = &d.idempotency
            && let Some(id) = idempotent_on(&mut tx, key).await?
        {
            return Err(StoreError::Replay(id));
        }
        // The year on the number (and the certificate's, which takes it) is Almaty's.
        let year = kandas_domain::deadline::almaty_date(d.at).year();
        let seq: i64 = sqlx::query_scalar(NEXT_COUNTER)
            .bind(format!("application:{year}"))
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?;
        let seq = u32::try_from(seq).map_err(|e| corrupt("counters.value", e))?;
        // Counted after the counter's row lock, which every new draft takes: concurrent
        // drafts of one person cannot both slip under the quota.
        if let Some(limit) = d.open_drafts_limit {
            let open: i64 = sqlx::query_scalar(OPEN_DRAFTS)
                .bind(d.applicant.as_str())
                .bind(d.channel.code())
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
            if open >= i64::from(limit) {
                return Err(StoreError::TooManyDrafts);
            }
        }
        let app = Application {
            id: d.id.clone(),
            number: ApplicationNumber::new(year, seq),
            kind: d.kind,
            channel: d.channel,
            applicant: d.applicant.clone(),
            office: d.office.clone(),
            intake_office: d.intake_office.clone(),
            form: d.form.clone(),
            custody: Custody::default(),
            status: Status::Draft,
            version: 1,
            created_at: d.at,
            updated_at: d.at,
        };
        sqlx::query(
            "INSERT INTO applications (id, number, kind, channel, applicant, office, \
             intake_office, form_json, status, status_json, due_date, version, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, 1, $11, $12)",
        )
        .bind(app.id.as_str())
        .bind(app.number.as_str())
        .bind(app.kind.code())
        .bind(app.channel.code())
        .bind(app.applicant.as_str())
        .bind(app.office.as_ref().map(|o| o.as_str().to_owned()))
        .bind(app.intake_office.as_ref().map(|o| o.as_str().to_owned()))
        .bind(json::<StoredForm, _>(&app.form)?)
        .bind(app.status.code())
        .bind(json::<StoredStatus, _>(&app.status)?)
        .bind(ts(app.created_at))
        .bind(ts(app.updated_at))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        insert_audit(&mut tx, &d.audit).await?;
        let created = CaseEvent::new(d.at, EventKind::Created, &app.status);
        insert_events(&mut tx, &app.id, &[created], &d.audit).await?;
        self.commit_once(tx, d.idempotency.as_ref(), &app.id, d.at)
            .await?;
        Ok(app)
    }

    async fn application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError> {
        sqlx::query(BY_ID.as_str())
            .bind(id.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(application)
            .transpose()
    }

    async fn application_by_number(
        &self,
        number: &ApplicationNumber,
    ) -> Result<Option<Application>, StoreError> {
        sqlx::query(BY_NUMBER.as_str())
            .bind(number.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(application)
            .transpose()
    }

    async fn applications_of(&self, iin: &Iin) -> Result<Vec<Application>, StoreError> {
        let rows = sqlx::query(OF_APPLICANT.as_str())
            .bind(iin.as_str())
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(application).collect()
    }

    async fn save_form(&self, c: &FormChange) -> Result<Application, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(SAVE_FORM.as_str())
            .bind(json::<StoredForm, _>(&c.form)?)
            .bind(c.office.as_ref().map(|o| o.as_str().to_owned()))
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
        tx.commit().await.map_err(db)?;
        Ok(app)
    }

    async fn add_attachment(
        &self,
        a: &StoredAttachment,
        expected_version: i64,
        audit: &AuditRecord,
    ) -> Result<Application, StoreError> {
        let mut tx = self.begin().await?;
        let app =
            bump_draft_version(&mut tx, &a.application, expected_version, a.uploaded_at).await?;
        let att = &a.attachment;
        let sql = format!(
            "INSERT INTO attachments ({ATTACHMENT_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(att.id.as_str())
            .bind(a.application.as_str())
            .bind(att.document_type.code())
            .bind(att.member.as_ref().map(|m| m.as_str().to_owned()))
            .bind(att.file_name.as_str())
            .bind(att.file_type.mime())
            .bind(i64::try_from(att.size).map_err(|e| StoreError::Backend(Box::new(e)))?)
            .bind(att.sha256.as_str())
            .bind(a.storage_key.as_str())
            .bind(ts(a.uploaded_at))
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        crate::loose_files::held(&mut tx, &a.storage_key).await?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(db)?;
        Ok(app)
    }

    async fn remove_attachment(
        &self,
        app_id: &ApplicationId,
        attachment: &AttachmentId,
        expected_version: i64,
        audit: &AuditRecord,
    ) -> Result<Application, StoreError> {
        let mut tx = self.begin().await?;
        let app = bump_draft_version(&mut tx, app_id, expected_version, audit.at).await?;
        crate::loose_files::let_go(&mut tx, attachment.as_str(), audit.at).await?;
        let deleted = sqlx::query(REMOVE_ATTACHMENT)
            .bind(attachment.as_str())
            .bind(app_id.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db)?
            .rows_affected();
        if deleted != 1 {
            // Dropping the transaction rolls the version back.
            return Err(StoreError::NotFound);
        }
        insert_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(db)?;
        Ok(app)
    }

    async fn attachments(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<StoredAttachment>, StoreError> {
        let rows = sqlx::query(ATTACHMENTS_OF.as_str())
            .bind(application.as_str())
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(attachment).collect()
    }

    async fn attachment(&self, id: &AttachmentId) -> Result<Option<StoredAttachment>, StoreError> {
        sqlx::query(ATTACHMENT_BY_ID.as_str())
            .bind(id.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(attachment)
            .transpose()
    }
}
