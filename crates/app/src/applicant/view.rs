//! What the applicant (and the officer) sees of a case: checklist, timeline, deadline, result
//! (who was refused and how to appeal, the result documents); the history of obtained services;
//! notifications.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_domain::application::Application;
use kandas_domain::application::document::{
    Attachment, ChecklistItem, RegistryHoldings, checklist,
};
use kandas_domain::application::events::EventKind;
use kandas_domain::application::review::Review;
use kandas_domain::application::status::{Decision, Outcome, SignatureMethod, Status};
use kandas_domain::application::terms::{StepTerm, step_terms};
use kandas_domain::deadline::{almaty_date, is_on_time};
use kandas_domain::ids::{ApplicationId, AttachmentId};
use serde::Serialize;

use super::outcome::{
    AppealView, RefusalToAcceptView, RefusalView, ResultDocumentView, appeal, refusal_to_accept,
    refusals, result_documents,
};
use super::own_application;
use crate::actor::Actor;
use crate::error::AppError;
use crate::ports::store::{Notification, StoredAttachment};
use crate::service::Service;

/// One step in the case's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// When.
    pub at: Timestamp,
    /// What happened.
    pub kind: EventKind,
    /// Its line (message id `action-<action>`).
    pub action: String,
}

/// The term of the case.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlineView {
    /// Accepted on.
    pub accepted: Date,
    /// Decision due by.
    pub due: Date,
    /// Whether it is (or was decided) on time.
    pub on_time: bool,
    /// The rule set it runs under.
    pub rule_set: String,
    /// Each step's term (completeness, commission, hearing, decision), with the day it was done.
    pub steps: Vec<StepTerm>,
    /// Whether every day counted lies in a confirmed year of the calendar (false while a year
    /// is derived by rule or computed from the statutory holidays: the due day may move).
    pub calendar_confirmed: bool,
}

/// An attachment whose file was disposed of after retention: its name and hash stay.
#[derive(Debug, Clone, Serialize)]
pub struct DisposedAttachment {
    /// Which.
    pub attachment: AttachmentId,
    /// When the file was deleted.
    pub at: Timestamp,
}

/// A case with everything shown about it.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationView {
    /// The application.
    pub application: Application,
    /// Its attachments.
    pub attachments: Vec<Attachment>,
    /// Those of them whose files were disposed of (retention).
    pub disposed: Vec<DisposedAttachment>,
    /// The required documents.
    pub checklist: Vec<ChecklistItem>,
    /// What happened when.
    pub timeline: Vec<TimelineEntry>,
    /// The term, once registered.
    pub deadline: Option<DeadlineView>,
    /// The decision, once made.
    pub result: Option<Outcome>,
    /// The decision with who made it and the head's sign-off, once made.
    pub decision: Option<Decision>,
    /// The review so far: completeness, commission, hearing, proposal (staged rule sets).
    pub review: Option<Review>,
    /// How it was signed, with the evidence (the validation report of an EDS).
    pub signature: Option<SignatureView>,
    /// Everyone the decision refused, with the grounds and the explanation.
    pub refusals: Vec<RefusalView>,
    /// The refusal to accept, with what is missing.
    pub refusal_to_accept: Option<RefusalToAcceptView>,
    /// How to appeal, whenever anyone was refused (or the package refused to accept).
    pub appeal: Option<AppealView>,
    /// The result documents of the decision, with their SHA-256.
    pub result_documents: Vec<ResultDocumentView>,
}

/// The signature of a submitted application, as kept with it.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    /// `sms` or `eds`.
    pub method: SignatureMethod,
    /// SHA-256 of the signed document.
    pub sha256: String,
    /// The evidence: the masked phone and challenge, or the CMS, certificate and report.
    pub detail: serde_json::Value,
}

/// What the registries hold for this applicant and family.
pub async fn holdings(
    service: &Service,
    application: &Application,
) -> Result<RegistryHoldings, AppError> {
    let registry = &service.registry;
    let mut member_identity = Vec::new();
    for member in &application.form.members {
        if let Some(iin) = &member.iin
            && registry.person(iin).await?.is_some()
        {
            member_identity.push(member.id.clone());
        }
    }
    Ok(RegistryHoldings {
        applicant_identity: registry.person(&application.applicant).await?.is_some(),
        member_identity,
        certificate: registry
            .certificate(&application.applicant)
            .await?
            .is_some(),
        consent_decision: registry.consent_decision(&application.applicant).await?,
    })
}

/// The attachments and checklist of a case.
pub async fn documents(
    service: &Service,
    application: &Application,
) -> Result<(Vec<Attachment>, Vec<ChecklistItem>), AppError> {
    let stored = service.store.attachments(&application.id).await?;
    checked(service, application, stored).await
}

async fn checked(
    service: &Service,
    application: &Application,
    stored: Vec<StoredAttachment>,
) -> Result<(Vec<Attachment>, Vec<ChecklistItem>), AppError> {
    let attachments: Vec<Attachment> = stored.into_iter().map(|s| s.attachment).collect();
    let held = holdings(service, application).await?;
    let items = checklist(application.kind, &application.form, &held, &attachments);
    Ok((attachments, items))
}

/// Builds the full view of a case (for its applicant or for staff who may see it).
pub async fn build(
    service: &Service,
    application: Application,
) -> Result<ApplicationView, AppError> {
    let stored = service.store.attachments(&application.id).await?;
    let disposed = stored
        .iter()
        .filter_map(|s| {
            s.disposal.as_ref().map(|d| DisposedAttachment {
                attachment: s.attachment.id.clone(),
                at: d.at,
            })
        })
        .collect();
    let (attachments, checklist) = checked(service, &application, stored).await?;
    let timeline = super::timeline::of(service, &application.id).await?;
    let today = almaty_date(service.now());
    let deadline = application.status.registration().map(|r| {
        let judged_on = match &application.status {
            Status::Decided { decision, .. } => almaty_date(decision.took_effect_at()),
            closed => closed.closed_at().map_or(today, almaty_date),
        };
        let calendar = service.calendar.current();
        let steps = service
            .rules
            .by_id(&r.deadline.rule_set)
            .ok()
            .and_then(|rules| step_terms(&application, &calendar, rules).ok())
            .unwrap_or_default();
        let last = steps.iter().map(|s| s.due).fold(r.deadline.due, Date::max);
        DeadlineView {
            calendar_confirmed: calendar.confirmed_between(r.deadline.accepted, last),
            accepted: r.deadline.accepted,
            due: r.deadline.due,
            on_time: is_on_time(r.deadline.due, judged_on),
            rule_set: r.deadline.rule_set.clone(),
            steps,
        }
    });
    let decision = match &application.status {
        Status::Decided { decision, .. } => Some(decision.clone()),
        _ => None,
    };
    let result = decision.as_ref().map(|d| d.outcome.clone());
    let review = application.status.review().cloned();
    let signature = service
        .store
        .evidence(&application.id)
        .await?
        .map(|e| SignatureView {
            method: e.method,
            sha256: e.sha256,
            detail: e.detail,
        });
    let appeal = appeal(service, &application)?;
    Ok(ApplicationView {
        refusals: refusals(service, &application).await?,
        refusal_to_accept: refusal_to_accept(&application, appeal.clone()),
        appeal,
        result_documents: result_documents(service, &application).await?,
        application,
        attachments,
        disposed,
        checklist,
        timeline,
        deadline,
        result,
        decision,
        review,
        signature,
    })
}

/// The applicant's view of their own case.
pub async fn view(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<ApplicationView, AppError> {
    let application = own_application(service, actor, id).await?;
    build(service, application).await
}

/// "History of obtained services": every application of the actor, newest first.
pub async fn history(service: &Service, actor: &Actor) -> Result<Vec<Application>, AppError> {
    Ok(service.store.applications_of(&actor.iin).await?)
}

/// The actor's notifications, newest first.
pub async fn notifications(
    service: &Service,
    actor: &Actor,
) -> Result<Vec<Notification>, AppError> {
    Ok(service.store.notifications_of(&actor.iin).await?)
}
