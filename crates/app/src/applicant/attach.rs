//! Attachments: checked by content (a strictly parsed PDF or a decodable JPEG, nothing active,
//! nothing bigger decoded than the limits: [`crate::content`]), size-limited, stored under random
//! keys with names cleaned and their extension taken from the detected type.

use kandas_domain::application::Application;
use kandas_domain::application::document::{Attachment, DocumentType};
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::{ApplicationError, AttachmentError};
use kandas_domain::ids::{ApplicationId, AttachmentId, MemberId};
use serde_json::json;

use super::own_application;
use crate::actor::Actor;
use crate::content::{self, file_name};
use crate::error::AppError;
use crate::ports::store::StoredAttachment;
use crate::secrets::{random_id, sha256_hex};
use crate::service::Service;

/// An uploaded file as it arrived.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The document type code.
    pub document_type: String,
    /// The family member id, if the document is a member's.
    pub member: Option<String>,
    /// The name the file had on the applicant's device.
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
    /// The version of the application the applicant saw.
    pub version: i64,
}

/// The most files one document of the checklist (one line: a type, and whose) may hold.
pub const MAX_FILES_PER_DOCUMENT: usize = 10;

/// Adds an attachment to the actor's own online draft.
pub async fn attach(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    upload: Upload,
) -> Result<(Application, Attachment), AppError> {
    let application = own_application(service, actor, id).await?;
    super::editable_online(&application)?;
    add(service, actor, &application, upload).await
}

/// Adds an attachment to a draft the actor may edit (checked by the caller).
pub async fn add(
    service: &Service,
    actor: &Actor,
    application: &Application,
    upload: Upload,
) -> Result<(Application, Attachment), AppError> {
    add_within(service, actor, application, upload, None).await
}

/// Adds an attachment; `replacing` is a file of the same document about to go, which leaves room
/// for this one when the document is full.
async fn add_within(
    service: &Service,
    actor: &Actor,
    application: &Application,
    upload: Upload,
    replacing: Option<&AttachmentId>,
) -> Result<(Application, Attachment), AppError> {
    if application.status.code() != "draft" {
        return Err(AppError::Conflict(ApplicationError::NotDraft.into()));
    }
    let document_type = DocumentType::parse(&upload.document_type)
        .ok_or(AppError::BadRequest(AttachmentError::DocumentType.into()))?;
    let member = match upload
        .member
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        None => None,
        Some(raw) => {
            let member = MemberId::parse(raw)
                .map_err(|_| AppError::BadRequest(AttachmentError::Member.into()))?;
            if !application.form.members.iter().any(|m| m.id == member) {
                return Err(AppError::BadRequest(AttachmentError::Member.into()));
            }
            Some(member)
        }
    };
    let refused = |code: AttachmentError| AppError::FileRefused {
        code,
        file: file_name::shown(&upload.file_name),
    };
    if upload.bytes.is_empty() {
        return Err(refused(AttachmentError::Empty));
    }
    if upload.bytes.len() > service.limits.max_attachment_bytes {
        return Err(refused(AttachmentError::TooLarge));
    }
    if file_name::disguised(&upload.file_name) {
        return Err(refused(AttachmentError::FileName));
    }
    // What stays: the live files but the one about to be replaced. The upload carries the
    // version it saw, and the store adds it only at that version, so these counts hold.
    let kept: Vec<_> = service
        .store
        .attachments(&application.id)
        .await?
        .into_iter()
        .filter(|a| a.disposal.is_none() && Some(&a.attachment.id) != replacing)
        .collect();
    let held = kept
        .iter()
        .filter(|a| a.attachment.document_type == document_type && a.attachment.member == member)
        .count();
    if held >= MAX_FILES_PER_DOCUMENT {
        return Err(refused(AttachmentError::TooMany));
    }
    let quotas = service.limits.quotas;
    if kept.len() >= quotas.files_per_application {
        return Err(refused(AttachmentError::ApplicationFull));
    }
    let bytes: u64 = kept.iter().map(|a| a.attachment.size).sum();
    if bytes.saturating_add(upload.bytes.len() as u64) > quotas.bytes_per_application {
        return Err(refused(AttachmentError::ApplicationBytes));
    }
    let file_type = content::check(&upload.bytes, &service.limits.content)
        .map_err(|refusal| refused(refusal.into()))?
        .file_type;
    let attachment = Attachment {
        id: AttachmentId::from_random(random_id()),
        document_type,
        member,
        file_name: file_name::stored(&upload.file_name, file_type),
        file_type,
        size: upload.bytes.len() as u64,
        sha256: sha256_hex(&upload.bytes),
    };
    let storage_key = format!("att-{}", attachment.id);
    // Loose until the attachment holds it: should the process die before, the worker deletes it.
    service
        .store
        .mark_loose(&storage_key, service.now())
        .await?;
    service.files.put(&storage_key, &upload.bytes).await?;
    let mut audit = service.audit_by(actor, AuditAction::ApplicationAttach);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = json!({ "document_type": document_type, "sha256": attachment.sha256, "size": attachment.size });
    let stored = StoredAttachment {
        attachment: attachment.clone(),
        application: application.id.clone(),
        storage_key: storage_key.clone(),
        uploaded_at: service.now(),
        disposal: None,
    };
    match service
        .store
        .add_attachment(&stored, upload.version, &audit)
        .await
    {
        Ok(application) => Ok((application, attachment)),
        Err(e) => {
            // The row was not written, so the bytes must not linger either.
            service.files.delete(&storage_key).await?;
            service.store.forget_loose(&storage_key).await?;
            Err(e.into())
        }
    }
}

/// Removes a file from the actor's own online draft: the wrong file, or one to upload again.
pub async fn remove(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    attachment: &AttachmentId,
    version: i64,
) -> Result<Application, AppError> {
    let application = own_application(service, actor, id).await?;
    super::editable_online(&application)?;
    let stored = own_attachment(service, &application, attachment).await?;
    discard(service, actor, &application, &stored, version).await
}

/// Replaces a file of the actor's own online draft by `upload`, for the same document: the new
/// file is judged and added first, so a refused one leaves the old in place.
pub async fn replace(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    attachment: &AttachmentId,
    upload: Upload,
) -> Result<(Application, Attachment), AppError> {
    let application = own_application(service, actor, id).await?;
    super::editable_online(&application)?;
    let old = own_attachment(service, &application, attachment).await?;
    let same = DocumentType::parse(&upload.document_type) == Some(old.attachment.document_type)
        && upload
            .member
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
            == old.attachment.member.as_ref().map(MemberId::as_str);
    if !same {
        return Err(AppError::BadRequest(AttachmentError::OtherDocument.into()));
    }
    let replacing = Some(&old.attachment.id);
    let (added, attachment) = add_within(service, actor, &application, upload, replacing).await?;
    let application = discard(service, actor, &added, &old, added.version).await?;
    Ok((application, attachment))
}

/// One attachment of `application` (anyone else's, or none, is not found).
async fn own_attachment(
    service: &Service,
    application: &Application,
    attachment: &AttachmentId,
) -> Result<StoredAttachment, AppError> {
    match service.store.attachment(attachment).await? {
        Some(stored) if stored.application == application.id => Ok(stored),
        _ => Err(AppError::NotFound),
    }
}

/// Takes a file off a draft the actor may edit: the row and the bytes go (a draft's files were
/// never signed, so nothing refers to them), the audit keeps its name, hash and size.
async fn discard(
    service: &Service,
    actor: &Actor,
    application: &Application,
    stored: &StoredAttachment,
    version: i64,
) -> Result<Application, AppError> {
    if application.status.code() != "draft" {
        return Err(AppError::Conflict(ApplicationError::NotDraft.into()));
    }
    let a = &stored.attachment;
    let mut audit = service.audit_by(actor, AuditAction::ApplicationDetach);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = json!({
        "attachment": a.id, "document_type": a.document_type, "member": a.member,
        "file_name": a.file_name, "sha256": a.sha256, "size": a.size,
    });
    let changed = service
        .store
        .remove_attachment(&application.id, &a.id, version, &audit)
        .await?;
    // The removal marked the bytes loose: deleted now, or by the worker's sweep if this fails.
    match service.files.delete(&stored.storage_key).await {
        Ok(()) => service.store.forget_loose(&stored.storage_key).await?,
        Err(e) => tracing::warn!(
            key = %stored.storage_key, error = %crate::error::Chain(&e),
            "a removed attachment's file stayed; the worker's sweep deletes it"
        ),
    }
    Ok(changed)
}

/// The content of one of the actor's own attachments.
pub async fn download(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    attachment: &AttachmentId,
) -> Result<(Attachment, Vec<u8>), AppError> {
    let application = own_application(service, actor, id).await?;
    file_of(service, &application, attachment).await
}

/// One file of `application` with its bytes: 404 for an unknown id or another case's file,
/// 410 `attachment.disposed` once it was disposed of after retention, and an internal error
/// when the row is there but the stored bytes are not.
pub async fn file_of(
    service: &Service,
    application: &Application,
    attachment: &AttachmentId,
) -> Result<(Attachment, Vec<u8>), AppError> {
    let stored = match service.store.attachment(attachment).await? {
        Some(s) if s.application == application.id => s,
        _ => return Err(AppError::NotFound),
    };
    if stored.disposal.is_some() {
        return Err(AppError::Gone(AttachmentError::Disposed.into()));
    }
    let bytes = service
        .files
        .get(&stored.storage_key)
        .await?
        .ok_or_else(|| {
            AppError::internal(format!(
                "the file of attachment {} is missing from storage",
                stored.attachment.id
            ))
        })?;
    Ok((stored.attachment, bytes))
}
