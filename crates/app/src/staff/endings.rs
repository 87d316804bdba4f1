//! Early endings of a certificate's status: an officer records that it is terminated (the
//! holder became a citizen of Kazakhstan before the registry says so) or revoked (the decision
//! was annulled); it takes effect when a head of the issuing office, another official, confirms
//! it; a head may annul a recorded ending, with a reason. Nobody acts on their own certificate
//! or their family's. Each step is audited; each refusal is a translated error and an audit row.

use kandas_domain::audit::AuditAction;
use kandas_domain::certificate::{CertificateEnding, Check, Ending, EndingState};
use kandas_domain::codes::CertificateError;
use kandas_domain::deadline::almaty_date;
use kandas_domain::duties::{DutyError, may_act_for};
use kandas_domain::numbers::CertificateNumber;
use serde::Serialize;

use super::officer;
use crate::actor::{Actor, Role};
use crate::error::AppError;
use crate::ports::registry::RegisteredCertificate;
use crate::ports::store::StoreError;
use crate::service::Service;

/// A certificate of the office with its ending, as the back office sees it.
#[derive(Debug, Clone, Serialize)]
pub struct EndingView {
    /// The certificate's number.
    pub number: String,
    /// `terminated` or `revoked`.
    pub ending: &'static str,
    /// `recorded` (not in effect yet), `confirmed` (in effect) or `annulled`.
    pub state: EndingState,
    /// Why it ends.
    pub reason: String,
    /// The day it ends.
    pub ended_on: jiff::civil::Date,
    /// Who recorded it, and when.
    pub recorded: Check,
    /// The head's confirmation.
    pub confirmed: Option<Check>,
    /// The head's annulment, and why.
    pub annulled: Option<(Check, String)>,
}

impl From<(&CertificateNumber, &Ending)> for EndingView {
    fn from((number, e): (&CertificateNumber, &Ending)) -> Self {
        EndingView {
            number: number.to_string(),
            ending: e.kind.code(),
            state: e.state(),
            reason: e.reason.clone(),
            ended_on: e.ended_on,
            recorded: e.recorded.clone(),
            confirmed: e.confirmed.clone(),
            annulled: e
                .annulled
                .as_ref()
                .map(|a| (a.by.clone(), a.reason.clone())),
        }
    }
}

fn reason(raw: &str) -> Result<String, AppError> {
    let reason = raw.trim();
    if reason.is_empty() || reason.chars().count() > 1000 || reason.chars().any(char::is_control) {
        return Err(AppError::BadRequest(CertificateError::Reason.into()));
    }
    Ok(reason.to_owned())
}

/// A certificate the actor's office issued that the actor may act on (not their own, nor their
/// family's).
async fn office_certificate(
    service: &Service,
    actor: &Actor,
    number: &str,
) -> Result<RegisteredCertificate, AppError> {
    let office = officer(service, actor).await?;
    let number = CertificateNumber::parse(number.trim()).map_err(|_| AppError::NotFound)?;
    let certificate = service
        .registry
        .certificate_by_number(&number)
        .await?
        .ok_or(AppError::NotFound)?;
    if certificate.issuer != office.as_str() {
        let reason = "a certificate another office issued";
        return Err(service
            .refuse(actor, None, reason, AppError::NotFound)
            .await);
    }
    let duties = service.rules_at(service.now())?.duties;
    let application = match service.store.application_of_certificate(&number).await? {
        Some(id) => service.store.application(&id).await?,
        None => None,
    };
    if let Err(e) = may_act_for(
        &duties,
        &certificate.holder,
        application.as_ref(),
        &actor.iin,
    ) {
        let holder = certificate.holder.clone();
        return Err(service
            .refuse_duty(actor, application.as_ref(), Some(&holder), e)
            .await);
    }
    Ok(certificate)
}

fn check(service: &Service, actor: &Actor) -> Check {
    Check {
        at: service.now(),
        by: actor.user.clone(),
    }
}

/// Only a head confirms or annuls; anyone else is refused, and the refusal is audited.
async fn head(service: &Service, actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Head) {
        return Ok(());
    }
    let reason = "only a head confirms or annuls the ending of a status";
    Err(service
        .refuse(actor, None, reason, AppError::Forbidden)
        .await)
}

async fn current(service: &Service, number: &CertificateNumber) -> Result<Ending, AppError> {
    service
        .store
        .ending(number)
        .await?
        .ok_or(AppError::Conflict(CertificateError::NoEnding.into()))
}

fn audit_of(
    service: &Service,
    actor: &Actor,
    action: AuditAction,
    certificate: &RegisteredCertificate,
    ending: &Ending,
) -> crate::ports::store::AuditRecord {
    let mut audit = service.audit_by(actor, action);
    audit.subject = Some(certificate.holder.clone());
    audit.details = serde_json::json!({ "certificate": certificate.number.to_string(),
        "ending": ending.kind.code(), "state": ending.state().code(), "reason": ending.reason,
        "annul_reason": ending.annulled.as_ref().map(|a| a.reason.clone()) });
    audit
}

/// Records that a certificate the office issued ends early: terminated or revoked. It takes
/// effect when a head confirms it (at once, should the rule set ask for no confirmation).
pub async fn end_certificate(
    service: &Service,
    actor: &Actor,
    number: &str,
    ending: &str,
    why: &str,
) -> Result<EndingView, AppError> {
    let kind = CertificateEnding::parse(ending)
        .ok_or(AppError::BadRequest(CertificateError::Ending.into()))?;
    let certificate = office_certificate(service, actor, number).await?;
    let why = reason(why)?;
    let duties = service.rules_at(service.now())?.duties;
    let today = almaty_date(service.now());
    let recorded = Ending::record(kind, why, check(service, actor), today, &duties);
    let audit = audit_of(
        service,
        actor,
        AuditAction::CertificateEnd,
        &certificate,
        &recorded,
    );
    match service
        .store
        .record_ending(&certificate.number, &recorded, &audit)
        .await
    {
        Err(StoreError::Duplicate(_)) => {
            return Err(AppError::Conflict(CertificateError::Terminated.into()));
        }
        other => other?,
    }
    Ok(EndingView::from((&certificate.number, &recorded)))
}

/// A head confirms a recorded ending: from now on the public check says terminated or revoked.
/// The official who recorded it cannot confirm it.
pub async fn confirm_ending(
    service: &Service,
    actor: &Actor,
    number: &str,
) -> Result<EndingView, AppError> {
    let certificate = office_certificate(service, actor, number).await?;
    head(service, actor).await?;
    let recorded = current(service, &certificate.number).await?;
    let duties = service.rules_at(service.now())?.duties;
    let confirmed = match recorded.confirm(check(service, actor), &duties) {
        Ok(c) => c,
        Err(kandas_domain::certificate::EndingError::SameOfficial) => {
            let holder = certificate.holder.clone();
            let e = DutyError::SameOfficial;
            return Err(service.refuse_duty(actor, None, Some(&holder), e).await);
        }
        Err(e) => return Err(e.into()),
    };
    let audit = audit_of(
        service,
        actor,
        AuditAction::CertificateEndConfirm,
        &certificate,
        &confirmed,
    );
    service
        .store
        .change_ending(&certificate.number, &confirmed, recorded.state(), &audit)
        .await?;
    Ok(EndingView::from((&certificate.number, &confirmed)))
}

/// A head annuls a recorded (or confirmed) ending, with a reason: the certificate stands again.
pub async fn annul_ending(
    service: &Service,
    actor: &Actor,
    number: &str,
    why: &str,
) -> Result<EndingView, AppError> {
    let certificate = office_certificate(service, actor, number).await?;
    head(service, actor).await?;
    let why = reason(why)?;
    let recorded = current(service, &certificate.number).await?;
    let annulled = recorded.annul(check(service, actor), why)?;
    let audit = audit_of(
        service,
        actor,
        AuditAction::CertificateEndAnnul,
        &certificate,
        &annulled,
    );
    service
        .store
        .change_ending(&certificate.number, &annulled, recorded.state(), &audit)
        .await?;
    Ok(EndingView::from((&certificate.number, &annulled)))
}

/// The ending recorded for a certificate of the office, whatever its state; the read is audited.
pub async fn ending_of(
    service: &Service,
    actor: &Actor,
    number: &str,
) -> Result<Option<EndingView>, AppError> {
    let certificate = office_certificate(service, actor, number).await?;
    let mut audit = service.audit_by(actor, AuditAction::CertificateReadEnding);
    audit.subject = Some(certificate.holder.clone());
    audit.details = serde_json::json!({ "certificate": certificate.number.to_string() });
    service.store.audit(&audit).await?;
    let ending = service.store.ending(&certificate.number).await?;
    Ok(ending.map(|e| EndingView::from((&certificate.number, &e))))
}
