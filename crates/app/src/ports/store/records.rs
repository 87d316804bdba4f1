//! The records the storage port reads and writes.

use jiff::Timestamp;
use kandas_domain::application::document::Attachment;
use kandas_domain::application::status::{Notice, SignatureMethod, Status};
use kandas_domain::application::{Channel, Form, Kind};
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use kandas_domain::phone::PhoneNumber;
use serde::Serialize;

use crate::actor::Role;
use crate::ports::registry::RegisteredCertificate;
use crate::ports::store::AuditRecord;

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
    /// Disabled by an administrator since (no sign-in, no session works).
    pub disabled_at: Option<Timestamp>,
    /// An administrator reset the password at: the old one no longer works and the person
    /// sets a new one through an SMS code.
    pub reset_requested_at: Option<Timestamp>,
}

impl User {
    /// A new, enabled account.
    pub fn new(
        id: UserId,
        iin: Iin,
        password_hash: String,
        roles: Vec<Role>,
        office: Option<OfficeCode>,
        created_at: Timestamp,
    ) -> User {
        User {
            id,
            iin,
            password_hash,
            roles,
            office,
            created_at,
            disabled_at: None,
            reset_requested_at: None,
        }
    }
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Second factor of a sign-in.
    Login,
    /// Confirms a registration; carries the password hash chosen.
    Register {
        /// Argon2id PHC string.
        password_hash: String,
    },
    /// Sets a new password after an administrator's reset; carries its hash.
    ResetPassword {
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

/// What a job does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobKind {
    /// Send one SMS (one-time codes, reminders).
    Sms {
        /// To.
        phone: PhoneNumber,
        /// Text.
        text: String,
        /// The case it is about (a signing code, a deadline warning), for the case's
        /// delivery log.
        application: Option<ApplicationId>,
        /// A one-time code's end: past it the message is dropped, not sent.
        expires_at: Option<Timestamp>,
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

impl JobKind {
    /// The kind's name, for metrics and logs.
    pub fn name(&self) -> &'static str {
        match self {
            JobKind::Sms { .. } => "sms",
            JobKind::Notify { .. } => "notify",
        }
    }
}

/// The jobs waiting: how many of each kind, and since when the oldest waits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobQueue {
    /// How many wait, by [`JobKind::name`] (kinds with none are left out).
    pub queued: Vec<(&'static str, i64)>,
    /// When the oldest waiting job was enqueued.
    pub oldest: Option<Timestamp>,
}

/// One connection pool's use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// Which pool (`read`, `write`, or `shared` when one pool does both).
    pub pool: &'static str,
    /// Connections open.
    pub open: u32,
    /// Of those, idle.
    pub idle: u32,
    /// The most it opens.
    pub max: u32,
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

/// A client-chosen key that makes a request safe to repeat (`app::idempotency` makes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    /// Whose key: the actor's account.
    pub scope: String,
    /// The client's key.
    pub key: String,
    /// The SHA-256 of the request it stands for (the operation, its target, the command), hex:
    /// the same key for another request is refused, never answered with the first's result.
    pub fingerprint: String,
    /// Keys recorded before this have expired: the key is new again.
    pub not_before: Timestamp,
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
    /// The desk where it is filed on paper; `None` online.
    pub intake_office: Option<OfficeCode>,
    /// Now.
    pub at: Timestamp,
    /// Audit.
    pub audit: AuditRecord,
    /// The most drafts of this channel the applicant may have open, this one included: the
    /// store refuses past it (`StoreError::TooManyDrafts`); `None` for no limit.
    pub open_drafts_limit: Option<u32>,
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
    /// When the file was disposed of (retention); its name and hash stay.
    pub disposal: Option<super::Disposal>,
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
    /// The one-time code (its challenge id) this change spends: used up in the same
    /// transaction, so that a change that does not commit leaves the code usable.
    pub spends_code: Option<String>,
    /// The result documents of a decision, rendered as it takes effect.
    pub results: Vec<super::StoredResult>,
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
    /// Only cases made through this channel.
    pub channel: Option<Channel>,
    /// Only cases this official has taken.
    pub assigned_to: Option<UserId>,
}

/// A message the development SMS sender recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DevSms {
    /// The message's id (the inbox keeps each id once).
    pub id: String,
    /// To.
    pub phone: String,
    /// Text.
    pub text: String,
    /// When.
    pub sent_at: Timestamp,
}

/// A counter of sign-in attempts for one IIN (`iin:…`) or client address (`ip:…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptCounter {
    /// `iin:<IIN>` or `ip:<address>`.
    pub key: String,
    /// Attempts counted in the current window (each counted before it is checked; a success
    /// takes its own back).
    pub failures: i64,
    /// The last attempt counted.
    pub last_at: Timestamp,
    /// No attempt before this moment (back-off, or the lock).
    pub blocked_until: Option<Timestamp>,
    /// Bumped by every write: the compare-and-set that keeps concurrent attempts counted.
    pub seq: i64,
}

/// What a sweep of expired anonymous rows deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Sign-in nonces.
    pub nonces: u64,
    /// One-time codes.
    pub challenges: u64,
    /// Idle attempt counters.
    pub counters: u64,
    /// Expired idempotency keys.
    pub keys: u64,
}
