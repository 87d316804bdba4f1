//! The result documents of a case as stored: rendered once when the decision took effect, kept
//! with their SHA-256, and served as they are at every download and reprint.

use async_trait::async_trait;

use super::*;
use jiff::Timestamp;
use kandas_domain::application::result::ResultKind;
use kandas_domain::ids::ApplicationId;

/// A stored result document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResult {
    /// The case.
    pub application: ApplicationId,
    /// Which document.
    pub kind: ResultKind,
    /// The name to save it under (ASCII).
    pub file_name: String,
    /// The PDF.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`, hex.
    pub sha256: String,
    /// When it was rendered.
    pub created_at: Timestamp,
}

/// What the view shows of a stored result document: everything but its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultSummary {
    /// Which document.
    pub kind: ResultKind,
    /// The name to save it under.
    pub file_name: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// When it was rendered.
    pub created_at: Timestamp,
}

/// The result documents kept at a decision.
#[async_trait]
pub trait ResultStore: Send + Sync {
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
}
