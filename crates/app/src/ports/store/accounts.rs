//! The records of accounts as administrators keep them, and of live sessions.

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
