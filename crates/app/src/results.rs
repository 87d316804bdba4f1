//! The result documents of a decided case: the kandas certificate (sealed for offline checks)
//! or the decision to extend or to refuse, rendered from the case and the registries as they
//! stand. The desk prints them; the applicant downloads them from the history.

use kandas_documents::input::{
    Bilingual, Certificate, Decision, DecisionOutcome, Holder, RefusalGround,
};
use kandas_domain::application::Application;
use kandas_domain::application::status::{Outcome, Status};
use kandas_domain::deadline::almaty_date;
use kandas_domain::person::Country;

use crate::actor::Actor;
use crate::applicant::own_application;
use crate::desk::receipt::{Pdf, office_names, status_url};
use crate::error::AppError;
use crate::sealing::{Sealable, seal_certificate};
use crate::service::Service;

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
