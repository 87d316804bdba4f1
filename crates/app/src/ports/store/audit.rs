//! The store's audit area: records written on their own (reads, sign-ins, refusals) and the
//! trail read back.

use async_trait::async_trait;

use super::*;

/// The audit trail.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Writes an audit record on its own (reads, sign-ins, refused access).
    async fn audit(&self, record: &AuditRecord) -> Result<(), StoreError>;
    /// Writes the records of one read together, all or none (a list: one row per person shown).
    async fn audit_all(&self, records: &[AuditRecord]) -> Result<(), StoreError>;
    /// Reads the audit trail as stored, newest first.
    async fn audit_rows(&self, query: &AuditQuery) -> Result<Vec<AuditRow>, StoreError>;
    /// Reads the audit trail's records, newest first.
    async fn audit_trail(&self, query: &AuditQuery) -> Result<Vec<AuditRecord>, StoreError> {
        let rows = self.audit_rows(query).await?;
        Ok(rows.into_iter().map(|r| r.record).collect())
    }
}
