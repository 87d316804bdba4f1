//! Receipts given at the desk, in Kazakh and Russian: of acceptance (number, documents taken,
//! expected decision date, a QR code that opens the status page) or of refusal to accept (what
//! is missing, how to appeal). Rendered from the case as stored, so a receipt printed again says
//! the same. The refusal receipt is the applicant's too, online (`applicant::receipt`).

use kandas_documents::input::{
    Bilingual, IntakeReceipt, MissingLine, ReceiptDocument, RefusalReceipt, Registered,
    RegistryDocument,
};
use kandas_domain::application::Application;
use kandas_domain::application::custody::original_is_kept;
use kandas_domain::application::document::Provision;
use kandas_domain::application::status::Status;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::ApplicationError;
use kandas_domain::deadline::almaty_date;
use kandas_domain::ids::{ApplicationId, MemberId};
use kandas_domain::office::OfficeCode;

use super::desk_case;
use crate::actor::Actor;
use crate::appeal::{appeal_lines, appeals_against};
use crate::applicant::view::documents;
use crate::error::AppError;
use crate::service::Service;

/// A rendered PDF with the name to save it under.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The file name (ASCII).
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
    /// SHA-256 of the content, hex, for a document that is stored and served as it is.
    pub sha256: Option<String>,
}

/// An office's name in Kazakh and Russian.
pub fn office_names(office: &OfficeCode) -> Bilingual {
    Bilingual {
        kk: kandas_i18n::office_name("kk", office),
        ru: kandas_i18n::office_name("ru", office),
    }
}

/// The public status page of an application, with the key that opens it.
pub fn status_url(service: &Service, application: &Application) -> Result<String, AppError> {
    let number = application.number.as_str();
    let key = service.secrets.status_key(number)?;
    Ok(format!("{}/status/{number}?key={key}", service.public_url))
}

fn member_name(application: &Application, member: Option<&MemberId>) -> Option<String> {
    let id = member?;
    application
        .form
        .members
        .iter()
        .find(|m| &m.id == id)
        .map(|m| m.name.display())
}

/// The receipt of a case taken in at the actor's desk: of acceptance once accepted, of refusal
/// once refused; a draft has none yet.
pub async fn receipt(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Pdf, AppError> {
    let (desk, application) = desk_case(service, actor, id).await?;
    let read = AuditAction::DeskReadReceipt;
    crate::list_audit::audit_case(service, actor, read, &application, serde_json::Value::Null)
        .await?;
    let operator = match service.registry.person(&actor.iin).await? {
        Some(employee) => employee.name.display(),
        None => actor.iin.masked(),
    };
    let bytes = match &application.status {
        Status::RejectedAtIntake { .. } => {
            refusal_receipt(service, &application, &desk.office, operator).await?
        }
        _ => intake_receipt(service, &application, &desk.office, operator).await?,
    };
    Ok(Pdf {
        file_name: format!("receipt-{}.pdf", application.number),
        bytes,
        sha256: None,
    })
}

async fn applicant_name(service: &Service, application: &Application) -> Result<String, AppError> {
    let person = service
        .registry
        .person(&application.applicant)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(person.name.display())
}

/// The receipt of refusal to accept: what is missing, and how to appeal the refusal. A package
/// the local executive body refused at its completeness check keeps its registration, and the
/// receipt is that body's; a desk's refusal is the desk's (`desk_office`, `operator`).
pub(crate) async fn refusal_receipt(
    service: &Service,
    application: &Application,
    desk_office: &OfficeCode,
    operator: String,
) -> Result<Vec<u8>, AppError> {
    let Status::RejectedAtIntake {
        at,
        missing,
        registration,
        ..
    } = &application.status
    else {
        return Err(AppError::Conflict(ApplicationError::NoReceipt.into()));
    };
    let refused_on = almaty_date(*at);
    let refused_by = match (registration, &application.office) {
        (Some(_), Some(leb)) => leb,
        _ => application.intake_office.as_ref().unwrap_or(desk_office),
    };
    let appeals = appeals_against(service, application, refused_by, refused_on)?;
    let receipt = RefusalReceipt {
        number: application.number.to_string(),
        kind: application.kind,
        refused_on,
        intake_office: office_names(refused_by),
        applicant_name: applicant_name(service, application).await?,
        applicant_iin: application.applicant.to_string(),
        operator,
        missing: missing
            .iter()
            .map(|m| MissingLine {
                document: m.document,
                member: member_name(application, m.member.as_ref()),
                shortfall: m.shortfall,
            })
            .collect(),
        registered: registration.as_ref().map(|r| Registered {
            on: almaty_date(r.registered_at),
            due: r.deadline.due,
        }),
        appeal: appeal_lines(&appeals, refused_by),
        status_url: status_url(service, application)?,
    };
    crate::rendering::off_workers(receipt, kandas_documents::refusal_receipt).await
}

/// The receipt of acceptance: the documents taken, those obtained from registries, the due date.
async fn intake_receipt(
    service: &Service,
    application: &Application,
    desk_office: &OfficeCode,
    operator: String,
) -> Result<Vec<u8>, AppError> {
    let registration = application
        .status
        .registration()
        .ok_or(AppError::Conflict(ApplicationError::NotSubmitted.into()))?;
    let (_, checklist) = documents(service, application).await?;
    let taken = checklist
        .iter()
        .filter(|i| i.provision == Provision::Upload)
        .map(|i| ReceiptDocument {
            document: i.document,
            member: member_name(application, i.member.as_ref()),
            original_kept: original_is_kept(i.document),
        })
        .collect();
    let registry_documents = checklist
        .iter()
        .filter_map(|i| match i.provision {
            Provision::Registry(source) => Some(RegistryDocument {
                document: i.document,
                member: member_name(application, i.member.as_ref()),
                source,
            }),
            Provision::Upload => None,
        })
        .collect();
    let deciding = application.office.as_ref().unwrap_or(desk_office);
    let receipt = IntakeReceipt {
        number: application.number.to_string(),
        kind: application.kind,
        accepted_on: almaty_date(registration.registered_at),
        due: registration.deadline.due,
        intake_office: office_names(desk_office),
        deciding_office: office_names(deciding),
        applicant_name: applicant_name(service, application).await?,
        applicant_iin: application.applicant.to_string(),
        operator,
        documents: taken,
        registry_documents,
        status_url: status_url(service, application)?,
    };
    crate::rendering::off_workers(receipt, kandas_documents::intake_receipt).await
}
