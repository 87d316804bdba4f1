//! The storage port: transaction-shaped methods, so that one call writes a state change, its
//! audit record and its outbox jobs together or not at all. No transaction handle crosses it.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_domain::application::document::Attachment;
use kandas_domain::application::status::{Notice, SignatureMethod, Status};
use kandas_domain::application::{Application, Channel, Form, Kind};
use kandas_domain::ids::{ApplicationId, AttachmentId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use kandas_domain::phone::PhoneNumber;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::registry::RegisteredCertificate;
use crate::actor::Role;

/// Why a store call failed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The row is not there.
    #[error("not found")]
    NotFound,
    /// The expected version is stale: someone changed it first.
    #[error("changed by someone else (stale version)")]
    Conflict,
    /// A unique value is taken (e.g. an account for this IIN).
    #[error("already exists: {0}")]
    Duplicate(&'static str),
    /// The idempotency key was used before for this application.
    #[error("repeated request")]
    Replay(ApplicationId),
    /// Stored data does not parse back into domain types.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The database failed.
    #[error("database error: {0}")]
    Backend(String),
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Id.
    pub id: UserId,
    /// The person's IIN.
    pub iin: Iin,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Roles.
    pub roles: Vec<Role>,
    /// Office, for staff.
    pub office: Option<OfficeCode>,
    /// Created.
    pub created_at: Timestamp,
}

/// A session: the token itself is never stored, only its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// Whose.
    pub user: UserId,
    /// Created.
    pub created_at: Timestamp,
    /// Ends.
    pub expires_at: Timestamp,
}

/// What a one-time code confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "purpose")]
pub enum Purpose {
    /// Second factor of a sign-in.
    Login,
    /// Confirms a registration; carries the password hash chosen.
    Register {
        /// Argon2id PHC string.
        password_hash: String,
    },
    /// Signs one exact document of one application.
    Sign {
        /// The application.
        application: ApplicationId,
        /// SHA-256 of the document the code is bound to.
        document_sha256: String,
    },
}

/// A one-time code sent by SMS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// Id, given to the client.
    pub id: String,
    /// Whose.
    pub iin: Iin,
    /// What it confirms.
    pub purpose: Purpose,
    /// HMAC-SHA256 of the code, hex.
    pub code_hash: String,
    /// Where it was sent.
    pub phone: PhoneNumber,
    /// The client address that asked (for rate limits).
    pub ip: String,
    /// Created.
    pub created_at: Timestamp,
    /// Ends.
    pub expires_at: Timestamp,
    /// Tries left.
    pub attempts_left: i64,
    /// When it was used, if it was.
    pub consumed_at: Option<Timestamp>,
}

/// One row of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRecord {
    /// When.
    pub at: Timestamp,
    /// Who acted (none for anonymous attempts).
    pub actor: Option<UserId>,
    /// The actor's IIN.
    pub actor_iin: Option<Iin>,
    /// The role acted in.
    pub role: Option<Role>,
    /// Whose personal data it concerns.
    pub subject: Option<Iin>,
    /// The application concerned.
    pub application: Option<ApplicationId>,
    /// What, e.g. `staff.read-case`, `auth.login`, `access.refused`.
    pub action: String,
    /// The request id.
    pub request_id: String,
    /// More detail.
    pub details: serde_json::Value,
}

/// What a job does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "job")]
pub enum JobKind {
    /// Send one SMS (one-time codes).
    Sms {
        /// To.
        phone: PhoneNumber,
        /// Text.
        text: String,
    },
    /// Deliver a notice to the personal account and by SMS.
    Notify {
        /// The person.
        iin: Iin,
        /// The application.
        application: ApplicationId,
        /// What happened.
        notice: Notice,
    },
}

/// A job claimed by a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Id.
    pub id: String,
    /// What to do.
    pub kind: JobKind,
    /// Tries so far, this one included.
    pub attempts: i64,
}

/// A notification in the personal account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    /// Id (the job that delivered it).
    pub id: String,
    /// The person.
    pub iin: Iin,
    /// The application.
    pub application: ApplicationId,
    /// What happened.
    pub notice: Notice,
    /// When it was delivered.
    pub created_at: Timestamp,
}

/// The evidence of a signature, kept with the application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// How it was signed.
    pub method: SignatureMethod,
    /// The exact signed document.
    pub document: Vec<u8>,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// Method-specific detail (challenge id and masked phone; or the CMS and report).
    pub detail: serde_json::Value,
}

/// A client-chosen key that makes a request safe to repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    /// Who and which operation (`user-id:create`).
    pub scope: String,
    /// The client's key.
    pub key: String,
}

/// A new draft application.
#[derive(Debug, Clone)]
pub struct NewDraft {
    /// Id.
    pub id: ApplicationId,
    /// Kind.
    pub kind: Kind,
    /// Channel.
    pub channel: Channel,
    /// Applicant.
    pub applicant: Iin,
    /// Prefilled form.
    pub form: Form,
    /// Responsible office, when known.
    pub office: Option<OfficeCode>,
    /// Now.
    pub at: Timestamp,
    /// Audit.
    pub audit: AuditRecord,
    /// Idempotency.
    pub idempotency: Option<IdempotencyKey>,
}

/// A new version of a draft's form.
#[derive(Debug, Clone)]
pub struct FormChange {
    /// Which.
    pub application: ApplicationId,
    /// The version the editor saw.
    pub expected_version: i64,
    /// The new form.
    pub form: Form,
    /// The office that follows from the region.
    pub office: Option<OfficeCode>,
    /// Now.
    pub at: Timestamp,
    /// Audit.
    pub audit: AuditRecord,
}

/// A stored attachment with its storage key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    /// The attachment.
    pub attachment: Attachment,
    /// The application.
    pub application: ApplicationId,
    /// Where the bytes are (random, never a user file name).
    pub storage_key: String,
    /// When.
    pub uploaded_at: Timestamp,
}

/// A status change with everything that must be written with it.
#[derive(Debug, Clone)]
pub struct StatusChange {
    /// Which.
    pub application: ApplicationId,
    /// The version the actor saw.
    pub expected_version: i64,
    /// The new status.
    pub status: Status,
    /// Now.
    pub at: Timestamp,
    /// Audit.
    pub audit: AuditRecord,
    /// Outbox jobs.
    pub jobs: Vec<JobKind>,
    /// A certificate to enter in the register (assignment, extension).
    pub certificate: Option<RegisteredCertificate>,
    /// Signature evidence (submission).
    pub evidence: Option<Evidence>,
    /// Idempotency.
    pub idempotency: Option<IdempotencyKey>,
}

/// Filter of the staff queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFilter {
    /// The office.
    pub office: OfficeCode,
    /// Only this status code.
    pub status: Option<String>,
    /// Only cases due before this date (overdue).
    pub due_before: Option<jiff::civil::Date>,
}

/// A message the development SMS sender recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DevSms {
    /// To.
    pub phone: String,
    /// Text.
    pub text: String,
    /// When.
    pub sent_at: Timestamp,
}

/// Selects audit records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// About this person.
    pub subject: Option<Iin>,
    /// About this application.
    pub application: Option<ApplicationId>,
    /// At most this many, newest first.
    pub limit: i64,
}

/// Persistent state of the service.
#[async_trait]
pub trait Store: Send + Sync {
    /// Whether the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Creates an account; `Duplicate("user")` when the IIN has one.
    async fn create_user(&self, user: &User, audit: &AuditRecord) -> Result<(), StoreError>;
    /// The account of this IIN.
    async fn user_by_iin(&self, iin: &Iin) -> Result<Option<User>, StoreError>;

    /// Stores a session.
    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError>;
    /// The user of a live session.
    async fn session_user(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<User>, StoreError>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// Stores a challenge and enqueues its SMS in one transaction.
    async fn create_challenge(
        &self,
        challenge: &Challenge,
        sms: &JobKind,
    ) -> Result<(), StoreError>;
    /// A challenge by id.
    async fn challenge(&self, id: &str) -> Result<Option<Challenge>, StoreError>;
    /// The newest challenge that signs this application (store the application id of a
    /// `Purpose::Sign` in its own column to find it).
    async fn latest_sign_challenge(
        &self,
        application: &ApplicationId,
    ) -> Result<Option<Challenge>, StoreError>;
    /// Takes one try away; returns the tries left (never below zero).
    async fn challenge_failed(&self, id: &str) -> Result<i64, StoreError>;
    /// Marks it used; `false` if it was used already (single use).
    async fn consume_challenge(&self, id: &str, at: Timestamp) -> Result<bool, StoreError>;
    /// Challenges created since `since` for this IIN and from this address.
    async fn recent_challenges(
        &self,
        iin: &Iin,
        ip: &str,
        since: Timestamp,
    ) -> Result<(i64, i64), StoreError>;

    /// Creates a draft with the next application number of its year.
    async fn create_draft(&self, draft: &NewDraft) -> Result<Application, StoreError>;
    /// An application by id.
    async fn application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError>;
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
    /// The attachments of an application.
    async fn attachments(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<StoredAttachment>, StoreError>;
    /// One attachment.
    async fn attachment(&self, id: &AttachmentId) -> Result<Option<StoredAttachment>, StoreError>;
    /// Applies a status change with its audit, jobs, certificate and evidence.
    async fn change_status(&self, change: &StatusChange) -> Result<Application, StoreError>;
    /// The application an idempotency key was used for.
    async fn idempotent(&self, key: &IdempotencyKey) -> Result<Option<ApplicationId>, StoreError>;
    /// The signature evidence of an application.
    async fn evidence(&self, application: &ApplicationId) -> Result<Option<Evidence>, StoreError>;
    /// The open cases of an office, soonest deadline first.
    async fn queue(&self, filter: &QueueFilter) -> Result<Vec<Application>, StoreError>;

    /// Writes an audit record on its own (reads, sign-ins, refused access).
    async fn audit(&self, record: &AuditRecord) -> Result<(), StoreError>;
    /// Reads the audit trail.
    async fn audit_trail(&self, query: &AuditQuery) -> Result<Vec<AuditRecord>, StoreError>;

    /// The notifications of a person, newest first.
    async fn notifications_of(&self, iin: &Iin) -> Result<Vec<Notification>, StoreError>;
    /// Puts a notification in the personal account (idempotent by id).
    async fn deliver_notification(&self, notification: &Notification) -> Result<(), StoreError>;

    /// Claims the next due job until `lease_until`; several workers never get the same job.
    async fn claim_job(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<Job>, StoreError>;
    /// Marks a job done.
    async fn complete_job(&self, id: &str, at: Timestamp) -> Result<(), StoreError>;
    /// Schedules another try, or gives up when `retry_at` is `None`.
    async fn fail_job(
        &self,
        id: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError>;
    /// How many jobs are waiting (for metrics and tests).
    async fn pending_jobs(&self) -> Result<i64, StoreError>;

    /// Records an SMS of the development sender.
    async fn record_dev_sms(&self, sms: &DevSms) -> Result<(), StoreError>;
    /// The development SMS inbox, newest first.
    async fn dev_sms(&self) -> Result<Vec<DevSms>, StoreError>;
}
