//! The store's applications area: drafts, forms and attachments, and the status changes that
//! write a case's state with its audit, jobs, certificate and evidence in one transaction.

use async_trait::async_trait;

use super::*;

/// Drafts, their forms and their attachments.
#[async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Creates a draft with the next application number of its year.
    async fn create_draft(&self, draft: &NewDraft) -> Result<Application, StoreError>;
    /// An application by id.
    async fn application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError>;
    /// An application by its number.
    async fn application_by_number(
        &self,
        number: &ApplicationNumber,
    ) -> Result<Option<Application>, StoreError>;
    /// Every application of a person, newest first.
    async fn applications_of(&self, iin: &Iin) -> Result<Vec<Application>, StoreError>;
    /// Replaces a draft's form; `Conflict` on a stale version.
    async fn save_form(&self, change: &FormChange) -> Result<Application, StoreError>;
    /// Adds an attachment and bumps the version; `Conflict` on a stale version.
    async fn add_attachment(
        &self,
        attachment: &StoredAttachment,
        expected_version: i64,
        audit: &AuditRecord,
    ) -> Result<Application, StoreError>;
    /// Removes an attachment of `application` and bumps the version, with its audit, in one
    /// transaction; `Conflict` on a stale version, `NotFound` when the application or the
    /// attachment (of that application) is not there.
    async fn remove_attachment(
        &self,
        application: &ApplicationId,
        attachment: &AttachmentId,
        expected_version: i64,
        audit: &AuditRecord,
    ) -> Result<Application, StoreError>;
    /// The attachments of an application.
    async fn attachments(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<StoredAttachment>, StoreError>;
    /// One attachment.
    async fn attachment(&self, id: &AttachmentId) -> Result<Option<StoredAttachment>, StoreError>;
}

/// The first answer to a request made under an idempotency key, kept for its replays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body (JSON).
    pub body: String,
}

/// Status changes with everything they write, the evidence of signing, and the office queue.
#[async_trait]
pub trait StatusStore: Send + Sync {
    /// Applies a status change with its audit, jobs, certificate and evidence.
    async fn change_status(&self, change: &StatusChange) -> Result<Application, StoreError>;
    /// The application an idempotency key was used for, by a request of the key's fingerprint
    /// (`KeyReused` when it was another request), unless it expired.
    async fn idempotent(&self, key: &IdempotencyKey) -> Result<Option<ApplicationId>, StoreError>;
    /// Keeps `response` (status and body) as the first answer to the request that recorded the
    /// key `key` of `scope`, unless one is kept already; answers the one kept (none when the
    /// key was not recorded: the request changed nothing).
    async fn answer_once(
        &self,
        scope: &str,
        key: &str,
        response: &StoredResponse,
    ) -> Result<Option<StoredResponse>, StoreError>;
    /// Deletes the idempotency keys recorded before `before`; answers how many.
    async fn delete_expired_keys(&self, before: Timestamp) -> Result<u64, StoreError>;
    /// The signature evidence of an application.
    async fn evidence(&self, application: &ApplicationId) -> Result<Option<Evidence>, StoreError>;
    /// The open cases of an office, soonest deadline first.
    async fn queue(&self, filter: &QueueFilter) -> Result<Vec<Application>, StoreError>;
}
