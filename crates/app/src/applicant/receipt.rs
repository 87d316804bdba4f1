//! The applicant's own receipt of refusal to accept, online as at the desk: what is missing, the
//! registration and term when the local executive body refused a registered application, that
//! nothing was decided on the merits, and how to appeal.

use kandas_domain::application::status::Status;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::ApplicationError;
use kandas_domain::ids::ApplicationId;

use super::own_application;
use crate::actor::Actor;
use crate::desk::receipt::{Pdf, refusal_receipt};
use crate::error::AppError;
use crate::service::Service;

/// The receipt of refusal to accept of the actor's own application; `application.no-receipt`
/// for one that was not refused to accept. The read is audited.
pub async fn own_receipt(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Pdf, AppError> {
    let application = own_application(service, actor, id).await?;
    let Status::RejectedAtIntake { registration, .. } = &application.status else {
        return Err(AppError::Conflict(ApplicationError::NoReceipt.into()));
    };
    // Who refused: the local executive body that checked a registered package, or the desk.
    let refused_by = match (
        registration,
        &application.office,
        &application.intake_office,
    ) {
        (Some(_), Some(office), _) | (None, _, Some(office)) => office.clone(),
        _ => return Err(AppError::Conflict(ApplicationError::NoReceipt.into())),
    };
    let name = kandas_i18n::office_name("ru", &refused_by);
    let bytes = refusal_receipt(service, &application, &refused_by, name).await?;
    let mut audit = service.audit_by(actor, AuditAction::ApplicationDownloadReceipt);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    service.store.audit(&audit).await?;
    Ok(Pdf {
        file_name: format!("receipt-{}.pdf", application.number),
        bytes,
        sha256: None,
    })
}
