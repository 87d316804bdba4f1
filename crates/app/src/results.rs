//! The result documents of a decided case: the kandas certificate (sealed for offline checks)
//! or the decision to extend or to refuse, rendered from the case and the registries as they
//! stand. The desk prints them; the applicant downloads them from the history. And the protocol
//! of the commission's sitting, once the commission has sat, for the officer and the applicant.

use kandas_documents::input::{
    Bilingual, Certificate, Decision, DecisionOutcome, Holder, Protocol, ProtocolLine,
    RefusalGround,
};
use kandas_domain::application::Application;
use kandas_domain::application::review::Commission;
use kandas_domain::application::status::{Outcome, Status};
use kandas_domain::deadline::{almaty, almaty_date};
use kandas_domain::person::Country;

use crate::actor::Actor;
use crate::applicant::own_application;
use crate::desk::receipt::{Pdf, office_names, status_url};
use crate::error::AppError;
use crate::sealing::{Sealable, seal_certificate};
use crate::service::Service;
use crate::staff::office_case;

fn country(code: Option<&Country>) -> Bilingual {
    match code {
        Some(c) => Bilingual {
            kk: kandas_i18n::text("kk", &format!("country-{}", c.as_str())),
            ru: kandas_i18n::text("ru", &format!("country-{}", c.as_str())),
        },
        None => Bilingual {
            kk: String::new(),
            ru: String::new(),
        },
    }
}

fn both(id: &str) -> Bilingual {
    Bilingual {
        kk: kandas_i18n::text("kk", id),
        ru: kandas_i18n::text("ru", id),
    }
}

fn pdf_error(e: kandas_documents::PdfError) -> AppError {
    AppError::Internal(format!("rendering the result failed: {e}"))
}

/// The result document of a decided case: the kandas certificate, or the decision to extend or
/// to refuse, rendered from the case and the registries as they stand.
pub async fn result_document(
    service: &Service,
    application: &Application,
) -> Result<Pdf, AppError> {
    let Status::Decided { decision, .. } = &application.status else {
        return Err(AppError::Conflict("desk.not-ready"));
    };
    let person = service
        .registry
        .person(&application.applicant)
        .await?
        .ok_or(AppError::NotFound)?;
    let origin = application.form.country_of_origin.as_ref();
    let holder = Holder {
        name_cyrillic: person.name.display(),
        name_latin: person.name_latin.display(),
        birth_date: person.birth_date,
        iin: Some(application.applicant.to_string()),
        country: country(origin.or(Some(&person.citizenship))),
    };
    let issuer = application
        .office
        .as_ref()
        .map(office_names)
        .unwrap_or_else(|| both("office-leb"));
    let decided_on = almaty_date(decision.decided_at);
    let (file_name, bytes) = match &decision.outcome {
        Outcome::Assigned {
            certificate,
            valid_until,
            members,
            ..
        } => {
            let covered = application
                .form
                .members
                .iter()
                .filter(|m| members.contains(&m.id))
                .map(|m| Holder {
                    name_cyrillic: m.name.display(),
                    name_latin: m.name_latin.display(),
                    birth_date: m.birth_date,
                    iin: m.iin.as_ref().map(ToString::to_string),
                    country: country(Some(&m.citizenship)),
                })
                .collect();
            let sealable = Sealable {
                number: certificate,
                holder: &person,
                valid_until: *valid_until,
                extended: false,
                issuer: application
                    .office
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                issued_on: decided_on,
            };
            let sealed = seal_certificate(service, &sealable)?;
            let pdf = Certificate {
                number: certificate.to_string(),
                issued_on: decided_on,
                valid_until: *valid_until,
                holder,
                members: covered,
                issuer,
                verify_url: sealed.url,
                code: sealed.code,
            };
            let bytes = kandas_documents::certificate(&pdf).map_err(pdf_error)?;
            (format!("certificate-{certificate}.pdf"), bytes)
        }
        Outcome::Extended { valid_until } => {
            let outcome = DecisionOutcome::Extended {
                certificate: service
                    .registry
                    .certificate(&application.applicant)
                    .await?
                    .map(|c| c.number.to_string())
                    .unwrap_or_default(),
                valid_until: *valid_until,
            };
            decision_pdf(service, application, holder, issuer, outcome)?
        }
        Outcome::Refused { grounds, comment } => {
            let outcome = DecisionOutcome::Refused {
                grounds: grounds
                    .iter()
                    .map(|g| RefusalGround {
                        text: both(&format!("ground-{}", g.code)),
                        legal_basis: both(&format!("ground-basis-{}", g.code)),
                    })
                    .collect(),
                comment: comment.clone(),
            };
            decision_pdf(service, application, holder, issuer, outcome)?
        }
    };
    Ok(Pdf { file_name, bytes })
}

fn decision_pdf(
    service: &Service,
    application: &Application,
    holder: Holder,
    issuer: Bilingual,
    outcome: DecisionOutcome,
) -> Result<(String, Vec<u8>), AppError> {
    let Status::Decided { decision, .. } = &application.status else {
        return Err(AppError::Conflict("desk.not-ready"));
    };
    let number = application.number.to_string();
    let pdf = Decision {
        application_number: number.clone(),
        kind: application.kind,
        decided_on: almaty_date(decision.decided_at),
        holder,
        issuer,
        outcome,
        status_url: status_url(service, application)?,
    };
    let bytes = kandas_documents::decision(&pdf).map_err(pdf_error)?;
    Ok((format!("decision-{number}.pdf"), bytes))
}

/// The result of the actor's own decided application, to download; the read is audited.
pub async fn own_result(service: &Service, actor: &Actor, id: &str) -> Result<Pdf, AppError> {
    let application = own_application(service, actor, id).await?;
    let pdf = result_document(service, &application).await?;
    let mut audit = service.audit_by(actor, "application.download-result");
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    service.store.audit(&audit).await?;
    Ok(pdf)
}

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
        .ok_or(AppError::Conflict("review.no-protocol"))?;
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
    let bytes = kandas_documents::protocol(&protocol).map_err(pdf_error)?;
    Ok(Pdf {
        file_name: format!("protocol-{number}.pdf"),
        bytes,
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
    id: &str,
) -> Result<Pdf, AppError> {
    let application = office_case(service, actor, id).await?;
    let pdf = protocol_document(service, &application).await?;
    audit_read(service, actor, &application, "staff.read-protocol").await?;
    Ok(pdf)
}

/// The protocol of the actor's own application, to download; the read is audited.
pub async fn own_protocol(service: &Service, actor: &Actor, id: &str) -> Result<Pdf, AppError> {
    let application = own_application(service, actor, id).await?;
    let pdf = protocol_document(service, &application).await?;
    let action = "application.download-protocol";
    audit_read(service, actor, &application, action).await?;
    Ok(pdf)
}

async fn audit_read(
    service: &Service,
    actor: &Actor,
    application: &Application,
    action: &str,
) -> Result<(), AppError> {
    let mut audit = service.audit_by(actor, action);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    service.store.audit(&audit).await?;
    Ok(())
}
