//! The protocol of the commission's sitting, once the commission has sat, for the officer and
//! the applicant: rendered from the case as stored whenever asked for.

use kandas_documents::input::{Protocol, ProtocolLine};
use kandas_domain::application::Application;
use kandas_domain::application::review::Commission;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::ReviewError;
use kandas_domain::deadline::almaty;
use kandas_domain::ids::ApplicationId;

use super::both;
use crate::actor::Actor;
use crate::applicant::own_application;
use crate::desk::receipt::{Pdf, office_names, status_url};
use crate::error::AppError;
use crate::service::Service;
use crate::staff::office_case;

/// The protocol of the commission's sitting on the case, as a PDF in Kazakh and Russian: the
/// members present, the recommendation for each person with its reason, the video record.
/// `review.no-protocol` while no commission has sat.
pub async fn protocol_document(
    service: &Service,
    application: &Application,
) -> Result<Pdf, AppError> {
    let commission = application
        .status
        .review()
        .and_then(|r| r.commission.as_ref())
        .ok_or(AppError::Conflict(ReviewError::NoProtocol.into()))?;
    let applicant = match service.registry.person(&application.applicant).await? {
        Some(person) => person.name.display(),
        None => application.applicant.masked(),
    };
    let recommendations = protocol_lines(application, commission, &applicant);
    let number = application.number.to_string();
    let sat = almaty().to_datetime(commission.sat_at);
    let protocol = Protocol {
        number: commission.protocol_number.clone(),
        application_number: number.clone(),
        kind: application.kind,
        sat_on: sat.date(),
        sat_at_time: sat.strftime("%H:%M").to_string(),
        issuer: application
            .office
            .as_ref()
            .map(office_names)
            .unwrap_or_else(|| both("office-leb")),
        members: commission.members.clone(),
        recommendations,
        video_reference: commission.video.reference.clone(),
        video_sha256: commission.video.sha256.clone(),
        status_url: status_url(service, application)?,
    };
    let bytes = crate::rendering::off_workers(protocol, kandas_documents::protocol).await?;
    Ok(Pdf {
        file_name: format!("protocol-{number}.pdf"),
        bytes,
        sha256: None,
    })
}

/// One line per person the commission recommended on: the applicant by the registry's name,
/// the family members by the form's, each with who they are.
fn protocol_lines(
    application: &Application,
    commission: &Commission,
    applicant: &str,
) -> Vec<ProtocolLine> {
    commission
        .recommendations
        .iter()
        .map(|r| {
            let (person, role) = match &r.member {
                None => (applicant.to_owned(), both("pdf-applicant")),
                Some(id) => match application.form.members.iter().find(|m| &m.id == id) {
                    Some(m) => (
                        m.name.display(),
                        both(&format!("kinship-{}", m.kinship.code())),
                    ),
                    None => (id.to_string(), both("pdf-member")),
                },
            };
            ProtocolLine {
                person,
                role,
                recommendation: r.recommendation,
                reason: r.reason.clone(),
            }
        })
        .collect()
}

/// The protocol of a case of the officer's office; the read is audited.
pub async fn protocol_for_staff(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Pdf, AppError> {
    let application = office_case(service, actor, id).await?;
    let pdf = protocol_document(service, &application).await?;
    let read = AuditAction::StaffReadProtocol;
    crate::list_audit::audit_case(service, actor, read, &application, serde_json::Value::Null)
        .await?;
    Ok(pdf)
}

/// The protocol of the actor's own application, to download; the read is audited.
pub async fn own_protocol(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Pdf, AppError> {
    let application = own_application(service, actor, id).await?;
    let pdf = protocol_document(service, &application).await?;
    let action = AuditAction::ApplicationDownloadProtocol;
    audit_read(service, actor, &application, action).await?;
    Ok(pdf)
}

async fn audit_read(
    service: &Service,
    actor: &Actor,
    application: &Application,
    action: AuditAction,
) -> Result<(), AppError> {
    let mut audit = service.audit_by(actor, action);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    service.store.audit(&audit).await?;
    Ok(())
}
