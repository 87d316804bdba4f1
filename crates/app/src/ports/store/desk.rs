//! Records of the desk: custody changes, the issue of a result, the desk's list of cases, and
//! the disposal of the files a State Corporation keeps for a case.

use async_trait::async_trait;

use super::*;
use jiff::Timestamp;
use kandas_domain::application::{Application, Channel, Custody};
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use serde::{Deserialize, Serialize};

use super::{AuditRecord, JobKind, StoredAttachment};

/// A new version of a draft's custody record.
#[derive(Debug, Clone)]
pub struct CustodyChange {
    /// Which.
    pub application: ApplicationId,
    /// The version the desk employee saw.
    pub expected_version: i64,
    /// The record.
    pub custody: Custody,
    /// Now.
    pub at: Timestamp,
    /// Audit.
    pub audit: AuditRecord,
}

/// A result (certificate or decision) handed over at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultIssue {
    /// Id.
    pub id: String,
    /// The case.
    pub application: ApplicationId,
    /// The desk.
    pub office: OfficeCode,
    /// The employee who handed it over.
    pub issued_by: UserId,
    /// Whom it was handed to (the applicant, or a representative).
    pub recipient_iin: Iin,
    /// The recipient's name as on the identity document.
    pub recipient_name: String,
    /// The identity document checked (type and number).
    pub identity_document: String,
    /// When.
    pub issued_at: Timestamp,
}

/// Which of a desk's cases to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskList {
    /// Drafts being taken in.
    Intake,
    /// Decided, not handed over yet.
    ReadyForIssue,
    /// Every case filed there.
    All,
}

/// A desk's list of cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskFilter {
    /// The desk.
    pub office: OfficeCode,
    /// Which.
    pub list: DeskList,
}

/// Who disposed of files, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disposal {
    /// When.
    pub at: Timestamp,
    /// Who ran it (an account, the worker or the command line).
    pub by: String,
}

/// A closed case whose kept files are due for disposal.
#[derive(Debug, Clone, PartialEq)]
pub struct RetentionCase {
    /// The case.
    pub application: Application,
    /// Its files not yet disposed of.
    pub files: Vec<StoredAttachment>,
}

/// Which closed cases' files are due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionFilter {
    /// The channel whose files are kept (the State Corporation's).
    pub channel: Channel,
    /// Cases closed at or before this moment.
    pub closed_before: Timestamp,
}

/// An issue with its audit and the applicant's notice.
#[derive(Debug, Clone)]
pub struct IssueRecord {
    /// The issue.
    pub issue: ResultIssue,
    /// Audit.
    pub audit: AuditRecord,
    /// Outbox jobs (the notice).
    pub jobs: Vec<JobKind>,
}

/// The desk: custody of documents, its lists, issues of results, retention.
#[async_trait]
pub trait DeskStore: Send + Sync {
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
}
