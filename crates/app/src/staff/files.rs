//! The case's files opened by the office: the same authorization as reading the case (an
//! officer or head of the case's office; another office's case is a 404 with an
//! `access.refused` row), and every open audited before the bytes leave.

use kandas_domain::application::document::Attachment;
use kandas_domain::audit::AuditAction;
use kandas_domain::ids::{ApplicationId, AttachmentId};
use serde_json::json;

use super::office_case;
use crate::actor::Actor;
use crate::applicant::attach::file_of;
use crate::error::AppError;
use crate::service::Service;

/// One file of a case of the actor's office, with its bytes; 410 `attachment.disposed` once
/// the file was disposed of after retention (its name and hash stay in the view).
pub async fn open_attachment(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    attachment: &AttachmentId,
) -> Result<(Attachment, Vec<u8>), AppError> {
    let application = office_case(service, actor, id).await?;
    let (file, bytes) = file_of(service, &application, attachment).await?;
    let mut audit = service.audit_by(actor, AuditAction::StaffOpenAttachment);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = json!({
        "attachment": file.id,
        "document_type": file.document_type,
        "member": file.member,
        "file_name": file.file_name,
        "sha256": file.sha256,
    });
    service.store.audit(&audit).await?;
    Ok((file, bytes))
}
