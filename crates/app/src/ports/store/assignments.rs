//! Records of the office's work queue: which official has taken a case.

use async_trait::async_trait;

use super::*;
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

/// Who holds which case.
#[async_trait]
pub trait AssignmentStore: Send + Sync {
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
    /// Who holds each of these cases that someone took.
    async fn case_assignments(
        &self,
        cases: &[ApplicationId],
    ) -> Result<Vec<CaseAssignment>, StoreError>;
}
