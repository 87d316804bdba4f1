//! Ordering the service (a new draft, prefilled) and saving the form.

use kandas_domain::application::form::FormInput;
use kandas_domain::application::status::{Outcome, Status};
use kandas_domain::application::{Application, Channel, Form, Kind};
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::ApplicationError;
use kandas_domain::ids::{ApplicationId, MemberId};
use kandas_domain::iin::Iin;
use kandas_domain::office::{OfficeCode, RegionCode};
use serde_json::json;

use super::own_application;
use crate::actor::Actor;
use crate::error::AppError;
use crate::idempotency;
use crate::ports::registry::RegisteredCertificate;
use crate::ports::store::{FormChange, NewDraft, StoreError};
use crate::secrets::random_id;
use crate::service::Service;

/// A posted kind of application (`application.kind` for one that is not a kind).
pub fn kind(code: &str) -> Result<Kind, AppError> {
    Kind::parse(code.trim()).ok_or(AppError::BadRequest(ApplicationError::Kind.into()))
}

/// Creates a draft of `kind`, prefilled from the registries. Repeating with the same
/// idempotency key returns the draft made the first time.
pub async fn create(
    service: &Service,
    actor: &Actor,
    kind: Kind,
    idempotency_key: Option<&str>,
) -> Result<Application, AppError> {
    let command = serde_json::json!({ "kind": kind.code() });
    let idempotency = idempotency::key(service, actor, idempotency_key, "create", None, command)?;
    if let Some(id) = idempotency::earlier(service, idempotency.as_ref()).await? {
        return own_application(service, actor, &id).await;
    }
    let draft = prefilled(service, actor, &actor.iin, kind, Channel::Portal, None).await?;
    let draft = NewDraft {
        idempotency,
        open_drafts_limit: Some(service.limits.quotas.open_drafts_per_applicant),
        ..draft
    };
    match service.store.create_draft(&draft).await {
        Err(StoreError::Replay(id)) => own_application(service, actor, &id).await,
        other => Ok(other?),
    }
}

/// A new draft for `applicant`, prefilled from the registries (once-only): for an extension the
/// region and deciding office come from the registered certificate.
pub(crate) async fn prefilled(
    service: &Service,
    actor: &Actor,
    applicant: &Iin,
    kind: Kind,
    channel: Channel,
    intake_office: Option<OfficeCode>,
) -> Result<NewDraft, AppError> {
    if service.registry.person(applicant).await?.is_none() {
        return Err(AppError::Conflict(
            ApplicationError::PersonNotInRegistry.into(),
        ));
    }
    let mut form = Form::default();
    let mut office = None;
    if kind == Kind::Extension {
        let certificate = service.registry.certificate(applicant).await?;
        if let Some(certificate) = &certificate {
            form = previous_form(service, applicant, certificate).await?;
        }
        let issuer = certificate.and_then(|c| OfficeCode::parse(&c.issuer).ok());
        form.region = issuer
            .as_ref()
            .and_then(|o| RegionCode::parse(o.region_code()).ok());
        office = issuer;
    }
    let id = ApplicationId::from_random(random_id());
    let mut audit = service.audit_by(actor, AuditAction::ApplicationCreate);
    audit.subject = Some(applicant.clone());
    audit.application = Some(id.clone());
    // Starting the case is the purpose of this registry read (the desk looks no one up freely).
    audit.details = json!({ "kind": kind, "channel": channel, "purpose": "start" });
    Ok(NewDraft {
        id,
        kind,
        channel,
        applicant: applicant.clone(),
        form,
        office,
        intake_office,
        at: service.now(),
        audit,
        open_drafts_limit: None,
        idempotency: None,
    })
}

/// Replaces the editable form of a draft; `version` must be the one the applicant saw.
pub async fn save_form(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    input: &FormInput,
    version: i64,
) -> Result<Application, AppError> {
    let application = own_application(service, actor, id).await?;
    super::editable_online(&application)?;
    store_form(service, actor, &application, input, version).await
}

/// Replaces the form of a draft the actor may edit (checked by the caller).
pub(crate) async fn store_form(
    service: &Service,
    actor: &Actor,
    application: &Application,
    input: &FormInput,
    version: i64,
) -> Result<Application, AppError> {
    if application.status.code() != "draft" {
        return Err(AppError::Conflict(ApplicationError::NotDraft.into()));
    }
    let mut member_ids = || MemberId::from_random(random_id());
    let today = kandas_domain::deadline::almaty_date(service.now());
    let form = input
        .parse(today, &mut member_ids)
        .map_err(AppError::Invalid)?;
    let mut audit = service.audit_by(actor, AuditAction::ApplicationSaveForm);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    let change = FormChange {
        application: application.id.clone(),
        expected_version: version,
        office: form.region.as_ref().map(RegionCode::local_executive_body),
        form,
        at: service.now(),
        audit,
    };
    Ok(service.store.save_form(&change).await?)
}

/// The form of the assignment that produced `certificate`, for an extension to start from
/// (once-only): the answers and the family members it covers. A certificate imported from the
/// register has no such case here, and the form starts empty.
async fn previous_form(
    service: &Service,
    applicant: &Iin,
    certificate: &RegisteredCertificate,
) -> Result<Form, AppError> {
    let assigned = service
        .store
        .applications_of(applicant)
        .await?
        .into_iter()
        .find_map(|a| match &a.status {
            Status::Decided { decision, .. } => match &decision.outcome {
                Outcome::Assigned {
                    certificate: number,
                    members,
                    ..
                } if number == &certificate.number => Some((a.form.clone(), members.clone())),
                _ => None,
            },
            _ => None,
        });
    Ok(match assigned {
        Some((previous, covered)) => Form {
            members: previous
                .members
                .into_iter()
                .filter(|m| covered.contains(&m.id))
                .collect(),
            consent_via_foreign_mission: false,
            ..previous
        },
        None => Form::default(),
    })
}
