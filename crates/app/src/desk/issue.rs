//! Results at the desk: a decided case shows as ready for issue at the office where it was
//! filed; at the applicant's request the desk opens the certificate (or decision) from the system
//! and prints it, and the issue is recorded (who, when, to whom, identity checked) and notified.

use kandas_documents::input::{
    Bilingual, Certificate, Decision, DecisionOutcome, Holder, RefusalGround,
};
use kandas_domain::application::Application;
use kandas_domain::application::status::{Notice, Outcome, Status};
use kandas_domain::deadline::almaty_date;
use kandas_domain::iin::Iin;
use kandas_domain::person::Country;
use serde::Deserialize;
use serde_json::json;

use super::receipt::{Pdf, office_names, status_url};
use super::{desk, desk_case};
use crate::actor::Actor;
use crate::error::AppError;
use crate::jobs::notice_jobs;
use crate::ports::store::{DeskFilter, DeskList, IssueRecord, ResultIssue};
use crate::service::Service;

/// The cases of the actor's desk in one of its lists.
pub async fn cases(
    service: &Service,
    actor: &Actor,
    list: DeskList,
) -> Result<Vec<Application>, AppError> {
    let desk = desk(service, actor).await?;
    let filter = DeskFilter {
        office: desk.office,
        list,
    };
    Ok(service.store.desk_cases(&filter).await?)
}

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
            let pdf = Certificate {
                number: certificate.to_string(),
                issued_on: decided_on,
                valid_until: *valid_until,
                holder,
                members: covered,
                issuer,
                verify_url: format!("{}/verify/{certificate}", service.public_url),
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

/// Opens the result of a case filed at the actor's desk, to print it; the read is audited.
pub async fn result_pdf(service: &Service, actor: &Actor, id: &str) -> Result<Pdf, AppError> {
    let (_, application) = desk_case(service, actor, id).await?;
    let pdf = result_document(service, &application).await?;
    let mut audit = service.audit_by(actor, "desk.open-result");
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    service.store.audit(&audit).await?;
    Ok(pdf)
}

/// Who receives the result, as the desk checked.
#[derive(Debug, Clone, Deserialize)]
pub struct IssueInput {
    /// The recipient's IIN.
    pub recipient_iin: String,
    /// The recipient's name as on the identity document.
    pub recipient_name: String,
    /// The identity document shown (type and number).
    pub identity_document: String,
    /// The desk checked the identity document against the recipient.
    #[serde(default)]
    pub identity_checked: bool,
}

/// Records that the result was handed over, and tells the applicant.
pub async fn issue(
    service: &Service,
    actor: &Actor,
    id: &str,
    input: &IssueInput,
) -> Result<ResultIssue, AppError> {
    let (desk, application) = desk_case(service, actor, id).await?;
    if !matches!(application.status, Status::Decided { .. }) {
        return Err(AppError::Conflict("desk.not-ready"));
    }
    if !input.identity_checked {
        return Err(AppError::BadRequest("desk.identity"));
    }
    let recipient_iin = Iin::parse(input.recipient_iin.trim())
        .map_err(|_| AppError::BadRequest("desk.recipient"))?;
    let recipient_name = input
        .recipient_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let identity_document = input.identity_document.trim().to_owned();
    let too_long = recipient_name.chars().count() > 200 || identity_document.chars().count() > 200;
    if recipient_name.is_empty() || identity_document.is_empty() || too_long {
        return Err(AppError::BadRequest("desk.recipient"));
    }
    let now = service.now();
    let issue = ResultIssue {
        id: uuid::Uuid::new_v4().to_string(),
        application: application.id.clone(),
        office: desk.office,
        issued_by: actor.user.clone(),
        recipient_iin: recipient_iin.clone(),
        recipient_name,
        identity_document,
        issued_at: now,
    };
    let mut audit = service.audit_by(actor, "desk.issue-result");
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = json!({
        "recipient": recipient_iin.masked(),
        "identity_checked": true,
        "issue": issue.id,
    });
    let notice = Notice::ResultIssued {
        number: application.number.to_string(),
    };
    let record = IssueRecord {
        issue: issue.clone(),
        audit,
        jobs: notice_jobs(&application, &[notice]),
    };
    service.store.record_issue(&record).await?;
    (service.wake)();
    Ok(issue)
}
