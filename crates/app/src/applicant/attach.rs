//! Attachments: checked by content (PDF or JPEG only), size-limited, stored under random keys.

use kandas_domain::application::Application;
use kandas_domain::application::document::{Attachment, DocumentType, FileType};
use kandas_domain::ids::{AttachmentId, MemberId};
use serde_json::json;

use super::own_application;
use crate::actor::Actor;
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

/// The type of a file judged by its content alone.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    infer::get(bytes).and_then(|t| FileType::from_mime(t.mime_type()))
}

fn clean_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | '"'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// Adds an attachment to the actor's own online draft.
pub async fn attach(
    service: &Service,
    actor: &Actor,
    id: &str,
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
    if application.status.code() != "draft" {
        return Err(AppError::Conflict("application.not-draft"));
    }
    let document_type = DocumentType::parse(&upload.document_type)
        .ok_or(AppError::BadRequest("attachment.document-type"))?;
    let member = match upload
        .member
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        None => None,
        Some(raw) => {
            let member =
                MemberId::parse(raw).map_err(|_| AppError::BadRequest("attachment.member"))?;
            if !application.form.members.iter().any(|m| m.id == member) {
                return Err(AppError::BadRequest("attachment.member"));
            }
            Some(member)
        }
    };
    if upload.bytes.is_empty() {
        return Err(AppError::BadRequest("attachment.empty"));
    }
    if upload.bytes.len() > service.limits.max_attachment_bytes {
        return Err(AppError::BadRequest("attachment.too-large"));
    }
    let file_type = sniff(&upload.bytes).ok_or(AppError::BadRequest("attachment.file-type"))?;
    let attachment = Attachment {
        id: AttachmentId::from_random(random_id()),
        document_type,
        member,
        file_name: clean_file_name(&upload.file_name),
        file_type,
        size: upload.bytes.len() as u64,
        sha256: sha256_hex(&upload.bytes),
    };
    let storage_key = format!("att-{}", attachment.id);
    service.files.put(&storage_key, &upload.bytes).await?;
    let mut audit = service.audit_by(actor, "application.attach");
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
            Err(e.into())
        }
    }
}

/// The content of one of the actor's own attachments.
pub async fn download(
    service: &Service,
    actor: &Actor,
    id: &str,
    attachment: &str,
) -> Result<(Attachment, Vec<u8>), AppError> {
    let application = own_application(service, actor, id).await?;
    let attachment_id = AttachmentId::parse(attachment).map_err(|_| AppError::NotFound)?;
    let stored = service
        .store
        .attachment(&attachment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if stored.application != application.id {
        return Err(AppError::NotFound);
    }
    if stored.disposal.is_some() {
        return Err(AppError::Gone("attachment.disposed"));
    }
    let bytes = service
        .files
        .get(&stored.storage_key)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((stored.attachment, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_judged_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7\n1 0 obj"), Some(FileType::Pdf));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F']),
            Some(FileType::Jpeg)
        );
        assert_eq!(
            sniff(&[
                0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D
            ]),
            None
        );
        assert_eq!(sniff(b"hello"), None);
    }

    #[test]
    fn file_names_lose_paths_and_markup() {
        assert_eq!(
            clean_file_name("C:\\Users\\me\\pass<port>.pdf"),
            "passport.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name(""), "file");
    }
}
