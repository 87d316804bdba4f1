//! The local executive body's back office: the queue, the case, the review and the decision.
//!
//! Staff see only their own office's cases; every read of a case is audited.

mod case_file;
mod decide;
pub mod endings;
mod files;
pub mod officials;
mod queue;
pub mod registry_check;
pub mod review;

pub use case_file::{CaseFile, case_file};
pub use decide::{Decide, RefuseMember, decide, ground_codes, member_id, sign_off, verdict};
pub use endings::{annul_ending, confirm_ending, end_certificate, ending_of};
pub use files::open_attachment;
pub use queue::{Official, QueueItem, QueueQuery, STATUSES, holder, queue, take};

use kandas_domain::application::Application;
use kandas_domain::application::status::Transition;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::ApplicationError;
use kandas_domain::ids::ApplicationId;
use kandas_domain::office::OfficeCode;
use kandas_domain::rules::{RuleSet, Workflow};

use crate::actor::{Actor, Role};
use crate::applicant::view::{ApplicationView, build};
use crate::error::AppError;
use crate::jobs::notice_jobs;
use crate::ports::registry::RegisteredCertificate;
use crate::ports::store::{IdempotencyKey, StatusChange};
use crate::service::Service;

/// The office of an officer or head; anyone else is refused, and the refusal is audited.
pub(crate) async fn officer<'a>(
    service: &Service,
    actor: &'a Actor,
) -> Result<&'a OfficeCode, AppError> {
    match &actor.office {
        Some(office) if actor.has(Role::Officer) || actor.has(Role::Head) => Ok(office),
        _ => {
            let reason = "not an officer of a local executive body";
            Err(service
                .refuse(actor, None, reason, AppError::Forbidden)
                .await)
        }
    }
}

pub(crate) async fn office_case(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Application, AppError> {
    let office = officer(service, actor).await?;
    let application = service
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if application.office.as_ref() != Some(office) || application.status.registration().is_none() {
        let reason = "another office's case, or not yet submitted";
        return Err(service
            .refuse(actor, Some(&application), reason, AppError::NotFound)
            .await);
    }
    Ok(application)
}

/// A case of the officer's office that the officer may act on: never one in which they are the
/// applicant or a family member (the rule set's duties); the refusal is audited.
pub(crate) async fn acting_case(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Application, AppError> {
    let application = office_case(service, actor, id).await?;
    let duties = rule_set(service, &application)?.duties;
    if let Err(e) = kandas_domain::duties::may_act_on(&duties, &application, &actor.iin) {
        return Err(service
            .refuse_duty(actor, Some(&application), None, e)
            .await);
    }
    Ok(application)
}

/// The whole case; the read is audited.
pub async fn case(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<ApplicationView, AppError> {
    let application = office_case(service, actor, id).await?;
    let read = AuditAction::StaffReadCase;
    crate::list_audit::audit_case(service, actor, read, &application, serde_json::Value::Null)
        .await?;
    build(service, application).await
}

/// The case's next step and what `actor` may do about it now, as the domain decides it from
/// the rule set the case runs under (nothing for a case that was never registered).
pub fn next(
    service: &Service,
    actor: &Actor,
    application: &Application,
) -> Result<kandas_domain::application::actions::Next, AppError> {
    use kandas_domain::application::actions::{Next, Official, next};
    if application.status.registration().is_none() {
        return Ok(Next {
            step: None,
            actions: Vec::new(),
        });
    }
    let rules = rule_set(service, application)?;
    let official = Official {
        user: &actor.user,
        iin: &actor.iin,
        signs_off: actor.has(crate::actor::Role::Head),
    };
    Ok(next(
        application,
        Some(rules.workflow()),
        &rules.duties,
        official,
    ))
}

/// The rule set a registered case runs under (the one in force on its registration day).
pub(crate) fn rule_set<'a>(
    service: &'a Service,
    application: &Application,
) -> Result<&'a RuleSet, AppError> {
    let registration = application
        .status
        .registration()
        .ok_or(AppError::Conflict(ApplicationError::NotSubmitted.into()))?;
    service
        .rules
        .by_id(&registration.deadline.rule_set)
        .map_err(AppError::internal)
}

/// The workflow of a registered case's rule set (none before registration, or for a rule set
/// the book no longer has).
pub fn workflow_of(service: &Service, application: &Application) -> Option<Workflow> {
    let registration = application.status.registration()?;
    let rules = service.rules.by_id(&registration.deadline.rule_set).ok()?;
    Some(rules.workflow())
}

/// Writes a transition of `application` (the version it was read at) with its audit entry,
/// the applicant's notices, a register entry and, when it decides the case, the result
/// documents rendered as the decision takes effect; answers the case as it now stands.
pub(crate) async fn apply(
    service: &Service,
    actor: &Actor,
    application: &Application,
    transition: Transition,
    certificate: Option<RegisteredCertificate>,
    idempotency: Option<IdempotencyKey>,
) -> Result<ApplicationView, AppError> {
    let mut audit = service.audit_by(actor, transition.audit.action);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = transition.audit.details.clone();
    let results = crate::results::frozen(service, application, &transition.status).await?;
    let change = StatusChange {
        application: application.id.clone(),
        expected_version: application.version,
        jobs: notice_jobs(application, &transition.notices),
        status: transition.status,
        at: service.now(),
        audit,
        certificate,
        evidence: None,
        spends_code: None,
        results,
        idempotency,
    };
    let changed = service.store.change_status(&change).await?;
    (service.wake)();
    build(service, changed).await
}
