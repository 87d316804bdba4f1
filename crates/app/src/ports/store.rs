//! The storage port: transaction-shaped methods, so that one call writes a state change, its
//! audit record and its outbox jobs together or not at all. No transaction handle crosses it.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_domain::application::Application;
use kandas_domain::ids::{ApplicationId, AttachmentId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::numbers::{ApplicationNumber, CertificateNumber};

use crate::error::BoxError;
use crate::ports::registry::RegisteredCertificate;
use kandas_domain::office::OfficeCode;
use thiserror::Error;

mod accounts;
mod assignments;
mod desk;
mod records;
mod results;

pub use accounts::*;
pub use assignments::*;
pub use desk::*;
pub use records::*;
pub use results::*;

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
    /// Stored data does not parse back into domain types; the source says what and why.
    #[error("stored data is corrupt")]
    Corrupt(#[source] BoxError),
    /// The database failed; the source is the driver's error.
    #[error("database error")]
    Backend(#[source] BoxError),
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
    /// The session with this token hash if it still works at `now`: not past its end, used
    /// since `idle_since`, of an account that is not disabled.
    async fn session_user(
        &self,
        token_hash: &str,
        now: Timestamp,
        idle_since: Timestamp,
    ) -> Result<Option<LiveSession>, StoreError>;
    /// Records that a session was used at `now`.
    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// The account with this id.
    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>, StoreError>;
    /// Accounts for an administrator, by IIN.
    async fn accounts(&self, query: &AccountQuery) -> Result<Vec<User>, StoreError>;
    /// How many sessions of the account still work at `now` (idle ones included).
    async fn session_count(&self, user: &UserId, now: Timestamp) -> Result<i64, StoreError>;
    /// Applies an administrator's (or, for a new password, the person's) change to an account
    /// with its audit row and jobs in one transaction; `false` (nothing written) when there is
    /// no such account.
    async fn change_account(
        &self,
        user: &UserId,
        change: &AccountChange,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;

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
    /// Takes one try of a live challenge (not used, not expired at `now`, tries left) in one
    /// conditional statement, before the code is compared: answers the tries left after this
    /// one, or `None` when no try could be taken. Concurrent guesses get at most as many tries
    /// as there were.
    async fn take_try(&self, id: &str, now: Timestamp) -> Result<Option<i64>, StoreError>;
    /// Stores a sign-in nonce (only its SHA-256) until `expires_at`.
    async fn create_nonce(
        &self,
        nonce_hash: &str,
        at: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Uses a nonce up: `true` once, while it is live; `false` when unknown, used or expired.
    async fn consume_nonce(&self, nonce_hash: &str, now: Timestamp) -> Result<bool, StoreError>;
    /// The sign-in attempt counter of `key`, if any.
    async fn attempt_counter(&self, key: &str) -> Result<Option<AttemptCounter>, StoreError>;
    /// Writes `next` if the counter is still at `expected_seq` (`None`: it does not exist yet),
    /// with the audit and jobs of a lock, in one transaction; `false` when another attempt
    /// changed it first (read it again and retry).
    async fn put_attempt_counter(
        &self,
        expected_seq: Option<i64>,
        next: &AttemptCounter,
        audit: Option<&AuditRecord>,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;
    /// Deletes sign-in nonces that expired before `nonces_before`, one-time codes that expired
    /// before `challenges_before`, and attempt counters idle (and not blocked) since then.
    async fn delete_expired(
        &self,
        nonces_before: Timestamp,
        challenges_before: Timestamp,
    ) -> Result<Swept, StoreError>;
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
    /// Applies a status change with its audit, jobs, certificate and evidence.
    async fn change_status(&self, change: &StatusChange) -> Result<Application, StoreError>;
    /// The application an idempotency key was used for.
    async fn idempotent(&self, key: &IdempotencyKey) -> Result<Option<ApplicationId>, StoreError>;
    /// The signature evidence of an application.
    async fn evidence(&self, application: &ApplicationId) -> Result<Option<Evidence>, StoreError>;
    /// The open cases of an office, soonest deadline first.
    async fn queue(&self, filter: &QueueFilter) -> Result<Vec<Application>, StoreError>;
    /// The result documents stored for a case (without their bytes), in the order of kinds.
    async fn result_documents(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<ResultSummary>, StoreError>;
    /// One stored result document with its bytes.
    async fn result_document(
        &self,
        application: &ApplicationId,
        kind: kandas_domain::application::result::ResultKind,
    ) -> Result<Option<StoredResult>, StoreError>;
    /// Stores result documents of a case decided before they were kept; a document already
    /// stored stays as it is (the first one written wins).
    async fn keep_result_documents(&self, documents: &[StoredResult]) -> Result<(), StoreError>;

    /// Open cases (registered or in review) due on `due`, of every office.
    async fn open_cases_due(&self, due: jiff::civil::Date) -> Result<Vec<Application>, StoreError>;
    /// The enabled accounts of an office.
    async fn staff_of(&self, office: &OfficeCode) -> Result<Vec<User>, StoreError>;
    /// Records the head's deadline warning of a case with its audit and notices; `false` (and
    /// nothing written) when the case was warned about already for this due date (a hearing
    /// that suspends the term moves it, and the new date is warned about again).
    async fn record_deadline_warning(
        &self,
        application: &ApplicationId,
        due: jiff::civil::Date,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;
    /// Certificates whose last day is `on`, with the application each came from (none for one
    /// imported from the register).
    async fn certificates_expiring(
        &self,
        on: jiff::civil::Date,
    ) -> Result<Vec<(RegisteredCertificate, Option<ApplicationId>)>, StoreError>;
    /// Records the holder's expiry reminder with its audit and jobs; `false` (and nothing
    /// written) when the certificate's holder was reminded already.
    async fn record_expiry_reminder(
        &self,
        number: &CertificateNumber,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;
    /// Counts one public check of a certificate on `day`; answers that day's count so far.
    async fn count_certificate_check(
        &self,
        number: &CertificateNumber,
        day: jiff::civil::Date,
    ) -> Result<i64, StoreError>;
    /// The working calendar's years as edited by an administrator (JSON of `YearCalendar`).
    async fn calendar_years(&self) -> Result<Vec<String>, StoreError>;
    /// Saves an edited year of the working calendar with its audit.
    async fn save_calendar_year(
        &self,
        year: i16,
        year_json: &str,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// The enabled accounts that hold `role`, by IIN.
    async fn users_with_role(&self, role: crate::actor::Role) -> Result<Vec<User>, StoreError>;
    /// Records the administrators' reminder that `year`'s calendar is not confirmed, for the
    /// reminder week `week`, with its audit and jobs; `false` (and nothing written) when that
    /// week's reminder went already.
    async fn record_calendar_reminder(
        &self,
        year: i16,
        week: i64,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;
    /// Records an early ending of a certificate's status with the audit; a new ending replaces
    /// only an annulled one (`Duplicate("ending")` otherwise).
    async fn record_ending(
        &self,
        number: &CertificateNumber,
        ending: &kandas_domain::certificate::Ending,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// Writes an ending confirmed or annulled, if it is still in the state `from` it was read
    /// in (`Conflict` otherwise), with the audit.
    async fn change_ending(
        &self,
        number: &CertificateNumber,
        ending: &kandas_domain::certificate::Ending,
        from: kandas_domain::certificate::EndingState,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// The application a certificate was issued on (none for one imported from the register).
    async fn application_of_certificate(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<ApplicationId>, StoreError>;
    /// The early ending recorded for a certificate, whatever its state.
    async fn ending(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<kandas_domain::certificate::Ending>, StoreError>;
    /// Replaces a desk draft's custody record; `Conflict` on a stale version.
    async fn save_custody(&self, change: &CustodyChange) -> Result<Application, StoreError>;
    /// The cases filed at a desk, most recently changed first.
    async fn desk_cases(&self, filter: &DeskFilter) -> Result<Vec<Application>, StoreError>;
    /// Records the issue of a result with its audit and notice.
    async fn record_issue(&self, record: &IssueRecord) -> Result<(), StoreError>;
    /// The issues of a case's result, oldest first.
    async fn result_issues(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<ResultIssue>, StoreError>;
    /// Closed cases of the channel whose files are not all disposed of yet.
    async fn retention_due(
        &self,
        filter: &RetentionFilter,
    ) -> Result<Vec<RetentionCase>, StoreError>;
    /// Marks these files of a case disposed of (their names and hashes stay) with the audit.
    async fn mark_disposed(
        &self,
        application: &ApplicationId,
        attachments: &[AttachmentId],
        disposal: &Disposal,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;

    /// Records that an official took a case (replacing whoever held it) with the audit row, in
    /// one transaction.
    async fn assign_case(
        &self,
        assignment: &CaseAssignment,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// Who holds a case, if anyone took it.
    async fn case_assignment(
        &self,
        application: &ApplicationId,
    ) -> Result<Option<CaseAssignment>, StoreError>;
    /// Who holds each taken case of an office.
    async fn office_assignments(
        &self,
        office: &OfficeCode,
    ) -> Result<Vec<CaseAssignment>, StoreError>;

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
    /// The jobs waiting (neither done nor given up), by kind, and the oldest one's age.
    async fn job_queue(&self) -> Result<JobQueue, StoreError>;
    /// The connection pools' use now (for metrics: a pool with none idle makes requests wait).
    fn pool_stats(&self) -> Vec<PoolStats>;

    /// Records an SMS of the development sender.
    async fn record_dev_sms(&self, sms: &DevSms) -> Result<(), StoreError>;
    /// The development SMS inbox, newest first.
    async fn dev_sms(&self) -> Result<Vec<DevSms>, StoreError>;
}
