//! Results at any State Corporation desk: the service page says any State Corporation employee
//! issues a certificate on request, online applicants included. An operator finds a decided case
//! by its number, its certificate's number or the holder's IIN — whichever office took it in, or
//! none (filed online) — prints the result stored when it was decided, and records whom it was
//! handed to. Away from the desk that filed the case only the holder receives it, their identity
//! document checked and recorded. Every search, read, print and issue is audited; an issue is
//! notified to the holder.
//!
//! A local executive body's own desk issues only what it took in (see [`super::desk_action`]).

use kandas_domain::application::Application;
use kandas_domain::application::status::Status;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::DeskError;
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use kandas_domain::numbers::{ApplicationNumber, CertificateNumber};
use serde_json::json;

use super::{Desk, desk, desk_action};
use crate::actor::Actor;
use crate::error::AppError;
use crate::ports::store::{ResultIssue, ResultSummary};
use crate::service::Service;
use kandas_domain::application::Channel;

/// A decided case as a desk that did not necessarily take it in sees it: enough to hand the
/// result over, nothing of the form.
#[derive(Debug, Clone)]
pub struct ResultCase {
    /// The case (the page shows its number, kind, result and channel only).
    pub application: Application,
    /// The case was filed at this desk.
    pub filed_here: bool,
    /// The result's hand-overs so far, at any desk, oldest first.
    pub issues: Vec<ResultIssue>,
    /// The result documents stored when it was decided (the first is the main one).
    pub documents: Vec<ResultSummary>,
}

/// A decided case the actor's desk may issue: one it took in, or — at a State Corporation
/// desk — any. Another case, or one not decided yet, looks absent or not ready; a refusal is
/// audited.
pub async fn result_case(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<(Desk, Application, bool), AppError> {
    let desk = desk(service, actor).await?;
    let application = service
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let filed_here = application.intake_office.as_ref() == Some(&desk.office);
    if !filed_here && desk.channel != Channel::StateCorporation {
        let reason = "a local executive body's desk issues only what it took in";
        return Err(service
            .refuse(actor, Some(&application), reason, AppError::NotFound)
            .await);
    }
    let application = if filed_here {
        desk_action(service, actor, id).await?.1
    } else {
        duties(service, actor, &application).await?;
        application
    };
    if !matches!(application.status, Status::Decided { .. }) {
        return Err(AppError::Conflict(DeskError::NotReady.into()));
    }
    Ok((desk, application, filed_here))
}

/// Nobody hands over a result in a case they are the applicant or a family member of.
async fn duties(
    service: &Service,
    actor: &Actor,
    application: &Application,
) -> Result<(), AppError> {
    let Some(registration) = application.status.registration() else {
        return Ok(());
    };
    let rules = service
        .rules
        .by_id(&registration.deadline.rule_set)
        .map_err(AppError::internal)?;
    if let Err(e) = kandas_domain::duties::may_act_on(&rules.duties, application, &actor.iin) {
        return Err(service.refuse_duty(actor, Some(application), None, e).await);
    }
    Ok(())
}

/// The decided cases matching `query`: an application number (`KND-…`), a certificate number
/// (`KC-…`) or the holder's IIN. Only State Corporation desks search; the search is audited
/// (the IIN masked).
pub async fn find(
    service: &Service,
    actor: &Actor,
    query: &str,
) -> Result<Vec<Application>, AppError> {
    let desk = desk(service, actor).await?;
    if desk.channel != Channel::StateCorporation {
        let reason = "only a State Corporation desk issues results of other offices";
        return Err(service
            .refuse(actor, None, reason, AppError::Forbidden)
            .await);
    }
    let query: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let upper = query.to_uppercase();
    let (found, asked): (Vec<Application>, String) =
        if let Ok(number) = ApplicationNumber::parse(&upper) {
            let found = service.store.application_by_number(&number).await?;
            (found.into_iter().collect(), number.to_string())
        } else if let Ok(certificate) = CertificateNumber::parse(&upper) {
            let id = service
                .store
                .application_of_certificate(&certificate)
                .await?;
            let found = match id {
                Some(id) => service.store.application(&id).await?,
                None => None,
            };
            (found.into_iter().collect(), certificate.to_string())
        } else if let Ok(iin) = Iin::parse(&query) {
            let masked = iin.masked();
            (service.store.applications_of(&iin).await?, masked)
        } else {
            return Err(AppError::Invalid(vec![
                kandas_domain::application::form::FieldError {
                    field: "q".into(),
                    code: DeskError::Search.into(),
                },
            ]));
        };
    let decided: Vec<Application> = found
        .into_iter()
        .filter(|a| matches!(a.status, Status::Decided { .. }))
        .collect();
    if decided.is_empty() {
        // A search that shows no one is still recorded, with what was asked (masked).
        let mut audit = service.audit_by(actor, AuditAction::DeskFindResult);
        audit.details = json!({ "query": asked, "found": 0 });
        service.store.audit(&audit).await?;
    } else {
        let action = AuditAction::DeskFindResult;
        crate::list_audit::audit_list(service, actor, action, &decided).await?;
    }
    Ok(decided)
}

/// One decided case to hand over at the actor's desk; the read is audited.
pub async fn case(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<ResultCase, AppError> {
    let (_, application, filed_here) = result_case(service, actor, id).await?;
    let details = json!({ "filed_here": filed_here });
    let read = AuditAction::DeskReadResult;
    crate::list_audit::audit_case(service, actor, read, &application, details).await?;
    let issues = service.store.result_issues(&application.id).await?;
    let documents = service.store.result_documents(&application.id).await?;
    Ok(ResultCase {
        application,
        filed_here,
        issues,
        documents,
    })
}
