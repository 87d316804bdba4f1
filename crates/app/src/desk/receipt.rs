//! Receipts given at the desk, in Kazakh and Russian: of acceptance (number, documents taken,
//! expected decision date, a QR code that opens the status page) or of refusal to accept (what
//! is missing). Rendered from the case as stored, so a receipt printed again says the same.

use kandas_documents::input::{
    Bilingual, IntakeReceipt, MissingLine, ReceiptDocument, RefusalReceipt, RegistryDocument,
};
use kandas_domain::application::Application;
use kandas_domain::application::custody::original_is_kept;
use kandas_domain::application::document::Provision;
use kandas_domain::application::status::Status;
use kandas_domain::deadline::almaty_date;
use kandas_domain::ids::MemberId;
use kandas_domain::office::OfficeCode;

use super::desk_case;
use crate::actor::Actor;
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

fn pdf_error(e: kandas_documents::PdfError) -> AppError {
    AppError::Internal(format!("rendering the receipt failed: {e}"))
}

/// The receipt of a case taken in at the actor's desk: of acceptance once accepted, of refusal
/// once refused; a draft has none yet.
pub async fn receipt(service: &Service, actor: &Actor, id: &str) -> Result<Pdf, AppError> {
    let (desk, application) = desk_case(service, actor, id).await?;
    let person = service
        .registry
        .person(&application.applicant)
        .await?
        .ok_or(AppError::NotFound)?;
    let applicant_name = person.name.display();
    let intake_office = office_names(&desk.office);
    let operator = match service.registry.person(&actor.iin).await? {
        Some(employee) => employee.name.display(),
        None => actor.iin.masked(),
    };
    let url = status_url(service, &application)?;
    let number = application.number.to_string();
    let bytes = match &application.status {
        Status::RejectedAtIntake { at, missing, .. } => {
            let receipt = RefusalReceipt {
                number: number.clone(),
                kind: application.kind,
                refused_on: almaty_date(*at),
                intake_office,
                applicant_name,
                applicant_iin: application.applicant.to_string(),
                operator,
                missing: missing
                    .iter()
                    .map(|m| MissingLine {
                        document: m.document,
                        member: member_name(&application, m.member.as_ref()),
                        shortfall: m.shortfall,
                    })
                    .collect(),
                status_url: url,
            };
            kandas_documents::refusal_receipt(&receipt).map_err(pdf_error)?
        }
        status => {
            let registration = status
                .registration()
                .ok_or(AppError::Conflict("application.not-submitted"))?;
            let (_, checklist) = documents(service, &application).await?;
            let taken = checklist
                .iter()
                .filter(|i| i.provision == Provision::Upload)
                .map(|i| ReceiptDocument {
                    document: i.document,
                    member: member_name(&application, i.member.as_ref()),
                    original_kept: original_is_kept(i.document),
                })
                .collect();
            let registry_documents = checklist
                .iter()
                .filter_map(|i| match i.provision {
                    Provision::Registry(source) => Some(RegistryDocument {
                        document: i.document,
                        member: member_name(&application, i.member.as_ref()),
                        source,
                    }),
                    Provision::Upload => None,
                })
                .collect();
            let deciding = application.office.as_ref().unwrap_or(&desk.office);
            let receipt = IntakeReceipt {
                number: number.clone(),
                kind: application.kind,
                accepted_on: almaty_date(registration.registered_at),
                due: registration.deadline.due,
                intake_office,
                deciding_office: office_names(deciding),
                applicant_name,
                applicant_iin: application.applicant.to_string(),
                operator,
                documents: taken,
                registry_documents,
                status_url: url,
            };
            kandas_documents::intake_receipt(&receipt).map_err(pdf_error)?
        }
    };
    Ok(Pdf {
        file_name: format!("receipt-{number}.pdf"),
        bytes,
    })
}
