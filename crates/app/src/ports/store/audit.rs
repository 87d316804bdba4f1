//! The store's audit area: records written on their own (reads, sign-ins, refusals) and the
//! trail read back.

use async_trait::async_trait;
use kandas_domain::audit::AuditAction;
use serde::Serialize;

use super::*;
use crate::actor::Role;

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
    /// What was done (and so why: [`AuditAction::purpose`]).
    pub action: AuditAction,
    /// The request id.
    pub request_id: String,
    /// More detail.
    pub details: serde_json::Value,
}

impl AuditRecord {
    /// A record of the service's own doing at `at` (a worker's run, a command, an anonymous
    /// attempt): no actor, no role, nobody's data until the caller names whose.
    pub fn system(at: Timestamp, action: AuditAction, request_id: impl Into<String>) -> Self {
        AuditRecord {
            at,
            actor: None,
            actor_iin: None,
            role: None,
            subject: None,
            application: None,
            action,
            request_id: request_id.into(),
            details: serde_json::Value::Null,
        }
    }
}

/// Selects audit records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// About this person.
    pub subject: Option<Iin>,
    /// About this application.
    pub application: Option<ApplicationId>,
    /// Done by the person with this IIN.
    pub actor: Option<Iin>,
    /// This action.
    pub action: Option<AuditAction>,
    /// Done by an account of this office (the account's office now: a row does not record it).
    pub office: Option<OfficeCode>,
    /// At or after this time.
    pub since: Option<Timestamp>,
    /// Before this time.
    pub until: Option<Timestamp>,
    /// Only rows older than this one (the next page of a search).
    pub before: Option<AuditCursor>,
    /// At most this many, newest first.
    pub limit: i64,
}

/// Where a page of the trail ended: the last row shown, by time and then by `seq`, the order
/// in which the trail is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditCursor {
    /// The row's time.
    pub at: Timestamp,
    /// The row's `seq`.
    pub seq: i64,
}

/// An audit record as stored: where it stands in the table and in the hash chain.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    /// The row's `seq` (the order of insertion).
    pub seq: i64,
    /// Its position in the hash chain (none for rows written before the chain began).
    pub position: Option<u64>,
    /// The record.
    pub record: AuditRecord,
}

impl AuditRow {
    /// The cursor that continues a listing after this row.
    pub fn cursor(&self) -> AuditCursor {
        AuditCursor {
            at: self.record.at,
            seq: self.seq,
        }
    }
}
