//! Acceptance at the desk, or refusal to accept: the package is checked against the checklist
//! and the custody record; the applicant confirms by an SMS code to their phone (or the desk
//! records a paper signature); accepted, the case goes to the local executive body's queue at
//! once with its term running. Refused, nothing is sent on and every original goes back.

use kandas_domain::application::Application;
use kandas_domain::application::custody::Custody;
use kandas_domain::application::form::FieldError;
use kandas_domain::application::status::SignatureMethod;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::{CustodyError, DeskError, RequestError};
use kandas_domain::ids::ApplicationId;
use serde::Deserialize;
use serde_json::json;

use super::{desk_action, draft};
use crate::actor::Actor;
use crate::applicant::sign::{
    document_of, ready_to_sign, send_signing_code, submit, submit_by_code,
};
use crate::applicant::view::documents;
use crate::error::AppError;
use crate::jobs::notice_jobs;
use crate::otp::CodeSent;
use crate::ports::store::{CustodyChange, StatusChange};
use crate::service::Service;

/// How the applicant confirms the application at the desk.
#[derive(Debug, Clone, Deserialize)]
pub struct AcceptInput {
    /// The code sent to the applicant's phone.
    #[serde(default)]
    pub code: Option<String>,
    /// The applicant signed the paper application by hand instead.
    #[serde(default)]
    pub paper_signature: bool,
    /// The version the desk saw.
    pub version: i64,
}

fn field(document: &str, member: Option<String>) -> String {
    let member = member.map(|m| format!("[{m}]")).unwrap_or_default();
    format!("documents.{document}{member}")
}

/// The form, the scans and the custody record are complete, and every original but the
/// personal history went back; otherwise the fields that say what is not.
async fn complete(service: &Service, application: &Application) -> Result<(), AppError> {
    draft(application)?;
    ready_to_sign(service, application).await?;
    let (_, checklist) = documents(service, application).await?;
    let mut problems: Vec<FieldError> = application
        .custody
        .shortfalls(&checklist)
        .into_iter()
        .map(|m| FieldError {
            field: field(m.document.code(), m.member.map(|x| x.to_string())),
            code: m.shortfall.error_code(),
        })
        .collect();
    problems.extend(application.custody.unreturned(&checklist).into_iter().map(
        |(document, member)| FieldError {
            field: field(document.code(), member.map(|x| x.to_string())),
            code: CustodyError::NotReturned.into(),
        },
    ));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// Sends the applicant a code that confirms the application as it stands.
pub async fn send_code(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    ip: &str,
) -> Result<CodeSent, AppError> {
    let (_, application) = desk_action(service, actor, id).await?;
    complete(service, &application).await?;
    send_signing_code(service, &application, ip).await
}

/// Accepts the package: confirmed by the applicant's code or a paper signature, registered, and
/// handed over to the local executive body.
pub async fn accept(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    input: &AcceptInput,
) -> Result<Application, AppError> {
    let (_, application) = desk_action(service, actor, id).await?;
    if application.status.registration().is_none() && application.version != input.version {
        return Err(AppError::Conflict(RequestError::StaleVersion.into()));
    }
    match (input.code.as_deref().map(str::trim), input.paper_signature) {
        (Some(code), false) if !code.is_empty() => {
            if application.status.registration().is_none() {
                complete(service, &application).await?;
            }
            submit_by_code(service, actor, application, code).await
        }
        (None | Some(""), true) => {
            complete(service, &application).await?;
            let document = document_of(service, &application).await?;
            let detail = json!({ "recorded_by": actor.user, "desk": application.intake_office });
            submit(
                service,
                actor,
                &application,
                document,
                SignatureMethod::Paper,
                detail,
                None,
            )
            .await
        }
        _ => Err(AppError::BadRequest(DeskError::Confirmation.into())),
    }
}

/// Refuses to accept an incomplete package: the receipt lists what is missing, nothing is sent
/// on, and every original shown goes back to the applicant.
pub async fn refuse(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    version: i64,
) -> Result<Application, AppError> {
    let (_, application) = desk_action(service, actor, id).await?;
    draft(&application)?;
    let (_, checklist) = documents(service, &application).await?;
    let missing = application.custody.shortfalls(&checklist);
    let now = service.now();
    let transition = application.refuse_intake(now, actor.user.clone(), missing)?;
    let returned: Custody = application.custody.all_returned();
    let mut audit = service.audit_by(actor, AuditAction::DeskCustody);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = json!({ "returned": "all" });
    let after_return = service
        .store
        .save_custody(&CustodyChange {
            application: application.id.clone(),
            expected_version: version,
            custody: returned,
            at: now,
            audit,
        })
        .await?;
    let mut audit = service.audit_by(actor, transition.audit.action);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = transition.audit.details.clone();
    let change = StatusChange {
        application: application.id.clone(),
        expected_version: after_return.version,
        jobs: notice_jobs(&application, &transition.notices),
        status: transition.status,
        at: now,
        audit,
        certificate: None,
        evidence: None,
        spends_code: None,
        results: Vec::new(),
        idempotency: None,
    };
    let application = service.store.change_status(&change).await?;
    (service.wake)();
    Ok(application)
}
