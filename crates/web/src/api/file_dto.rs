//! The JSON shapes of a case's files, its checklist of required documents, and its timeline.

use jiff::Timestamp;
use kandas_app::applicant::view::{DisposedAttachment, TimelineEntry};
use kandas_domain::application::document::{Attachment, ChecklistItem, FileType, Provision};
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::{DocumentTypeCode, FileTypeCode, Id, ProvisionCode, Sha256Hex, SourceCode};

/// An attachment of a case.
#[derive(Serialize, ToSchema)]
pub struct AttachmentDto {
    /// Id.
    #[schema(value_type = Id)]
    pub id: String,
    /// The document it is.
    #[schema(value_type = DocumentTypeCode)]
    pub document_type: &'static str,
    /// The family member's id, for a member's document.
    #[schema(value_type = Option<Id>)]
    pub member: Option<String>,
    /// The file name as uploaded.
    pub file_name: String,
    /// `Pdf` or `Jpeg`, judged by content.
    #[schema(value_type = FileTypeCode)]
    pub file_type: &'static str,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the file.
    #[schema(value_type = Sha256Hex)]
    pub sha256: String,
}

impl From<&Attachment> for AttachmentDto {
    fn from(a: &Attachment) -> Self {
        AttachmentDto {
            id: a.id.to_string(),
            document_type: a.document_type.code(),
            member: a.member.as_ref().map(ToString::to_string),
            file_name: a.file_name.clone(),
            file_type: match a.file_type {
                FileType::Pdf => "Pdf",
                FileType::Jpeg => "Jpeg",
            },
            size: a.size,
            sha256: a.sha256.clone(),
        }
    }
}

/// An attachment whose file was disposed of after retention (its name and hash stay).
#[derive(Serialize, ToSchema)]
pub struct DisposedDto {
    /// The attachment.
    #[schema(value_type = Id)]
    pub attachment: String,
    /// When the file was deleted.
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
}

impl From<&DisposedAttachment> for DisposedDto {
    fn from(d: &DisposedAttachment) -> Self {
        DisposedDto {
            attachment: d.attachment.to_string(),
            at: d.at,
        }
    }
}

/// How a required document is provided.
#[derive(Serialize, ToSchema)]
pub struct ProvisionDto {
    /// `upload` (a file) or `registry` (the service reads it).
    #[schema(value_type = ProvisionCode)]
    pub by: &'static str,
    /// The registry, when `by` is `registry`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<SourceCode>, required = false)]
    pub source: Option<&'static str>,
}

/// A required document.
#[derive(Serialize, ToSchema)]
pub struct ChecklistItemDto {
    /// The document.
    #[schema(value_type = DocumentTypeCode)]
    pub document: &'static str,
    /// The family member, for a member's document.
    #[schema(value_type = Option<Id>)]
    pub member: Option<String>,
    /// How it is provided.
    pub provision: ProvisionDto,
    /// Provided.
    pub satisfied: bool,
}

impl From<&ChecklistItem> for ChecklistItemDto {
    fn from(c: &ChecklistItem) -> Self {
        let provision = match c.provision {
            Provision::Upload => ProvisionDto {
                by: "upload",
                source: None,
            },
            Provision::Registry(s) => ProvisionDto {
                by: "registry",
                source: Some(s.code()),
            },
        };
        ChecklistItemDto {
            document: c.document.code(),
            member: c.member.as_ref().map(ToString::to_string),
            provision,
            satisfied: c.satisfied,
        }
    }
}

/// One step of the timeline.
#[derive(Serialize, ToSchema)]
pub struct TimelineEntryDto {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// What happened: the event's code, e.g. `submitted`, `decided`.
    pub kind: String,
    /// Its line in the timeline (message id `action-<action>`), e.g. `submit`.
    pub action: String,
}

impl From<&TimelineEntry> for TimelineEntryDto {
    fn from(t: &TimelineEntry) -> Self {
        TimelineEntryDto {
            at: t.at,
            kind: t.kind.code().to_owned(),
            action: t.action.clone(),
        }
    }
}
