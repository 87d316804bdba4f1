//! The records of accounts as administrators keep them, and of live sessions.

use async_trait::async_trait;

use super::*;
use jiff::Timestamp;
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;

use super::User;
use crate::actor::Role;

/// A session that still works, with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    /// The account.
    pub user: User,
    /// When the session was last used (opened, if never since).
    pub last_seen: Timestamp,
}

/// Accounts an administrator looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountQuery {
    /// The account of this IIN only; none: the accounts that hold a role other than applicant.
    pub iin: Option<Iin>,
    /// At most this many.
    pub limit: i64,
}

/// An administrator's change to an account, applied with its audit row in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountChange {
    /// No sign-in and no session from now on; the sessions are deleted.
    Disable {
        /// Since.
        at: Timestamp,
    },
    /// Enabled again (the sessions ended when it was disabled stay ended).
    Enable,
    /// New roles and office.
    Roles {
        /// Roles.
        roles: Vec<Role>,
        /// Office, for staff.
        office: Option<OfficeCode>,
    },
    /// Every session of the account is deleted.
    EndSessions,
    /// The password stops working and the sessions are deleted; the person sets a new one.
    RequestReset {
        /// When.
        at: Timestamp,
    },
    /// The new password the person set (ends a pending reset); the sessions are deleted.
    SetPassword {
        /// Argon2id PHC string.
        password_hash: String,
    },
}

/// Accounts by IIN and their sessions (sign-in).
#[async_trait]
pub trait UserStore: Send + Sync {
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
}

/// The administrator's view of accounts: reading, listing and changing them.
#[async_trait]
pub trait AccountStore: Send + Sync {
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
}
