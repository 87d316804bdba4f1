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
mod applications;
mod assignments;
mod audit;
mod audit_chain;
mod deadlines;
mod deliveries;
mod desk;
mod events;
mod jobs;
mod keyring;
mod loose_files;
mod records;
mod results;
mod signin;

pub use accounts::*;
pub use applications::*;
pub use assignments::*;
pub use audit::*;
pub use audit_chain::*;
pub use deadlines::*;
pub use deliveries::*;
pub use desk::*;
pub use events::*;
pub use jobs::*;
pub use keyring::*;
pub use loose_files::*;
pub use records::*;
pub use results::*;
pub use signin::*;

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
    /// The idempotency key was used before for this request, on this application.
    #[error("repeated request")]
    Replay(ApplicationId),
    /// The idempotency key was used before for another request.
    #[error("idempotency key used for another request")]
    KeyReused,
    /// The applicant has as many open drafts as `NewDraft::open_drafts_limit` allows.
    #[error("too many open drafts")]
    TooManyDrafts,
    /// The one-time code a change spends was used up already.
    #[error("one-time code used already")]
    CodeUsed,
    /// Stored data does not parse back into domain types; the source says what and why.
    #[error("stored data is corrupt")]
    Corrupt(#[source] BoxError),
    /// The database cannot be reached now (no connection within the pool's wait, a connection
    /// lost or refused, the server shutting down): worth trying again shortly.
    #[error("database unavailable")]
    Unavailable(#[source] BoxError),
    /// The database failed; the source is the driver's error.
    #[error("database error")]
    Backend(#[source] BoxError),
}

/// Persistent state of the service: every area's port, on one database.
#[async_trait]
pub trait Store:
    UserStore
    + AccountStore
    + ChallengeStore
    + NonceStore
    + SignInLimitStore
    + ApplicationStore
    + StatusStore
    + ResultStore
    + DeadlineStore
    + CalendarStore
    + EndingStore
    + DeskStore
    + AssignmentStore
    + AuditStore
    + AuditChainStore
    + JobStore
    + CaseEventStore
    + KeyringStore
    + LooseFileStore
{
    /// Whether the database answers reads and commits a write (`/readyz`).
    async fn ping(&self) -> Result<(), StoreError>;
    /// The connection pools' use now (for metrics: a pool with none idle makes requests wait).
    fn pool_stats(&self) -> Vec<PoolStats>;
}

/// Every area's store trait, for code that calls a concrete store (the adapters' tests, the
/// binary's commands): `use kandas_app::ports::store::prelude::*;`.
pub mod prelude {
    pub use super::{
        AccountStore, ApplicationStore, AssignmentStore, AuditChainStore, AuditStore,
        CalendarStore, CaseEventStore, ChallengeStore, DeadlineStore, DeskStore, EndingStore,
        JobStore, KeyringStore, LooseFileStore, NonceStore, ResultStore, SignInLimitStore,
        StatusStore, Store, UserStore,
    };
}
