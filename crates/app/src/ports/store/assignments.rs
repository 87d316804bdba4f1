//! Records of the office's work queue: which official has taken a case.

use jiff::Timestamp;
use kandas_domain::ids::{ApplicationId, UserId};

/// A case taken by an official of its office (the latest taker holds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseAssignment {
    /// The case.
    pub application: ApplicationId,
    /// The official who holds it.
    pub user: UserId,
    /// When they took it.
    pub at: Timestamp,
}
