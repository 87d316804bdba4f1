//! The local executive body's back office: the queue, the case, the decision.
//!
//! Staff see only their own office's cases; every read of a case is audited.

use jiff::ToSpan;
use jiff::civil::Date;
use kandas_domain::application::status::{Decision, Outcome};
use kandas_domain::application::{Application, Kind};
use kandas_domain::deadline::{Urgency, almaty_date};
use kandas_domain::ids::ApplicationId;
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::office::OfficeCode;
use serde::Deserialize;

use crate::actor::{Actor, Role};
use crate::applicant::view::{ApplicationView, build};
use crate::error::AppError;
use crate::jobs::notice_jobs;
use crate::ports::registry::RegisteredCertificate;
use crate::ports::store::{IdempotencyKey, QueueFilter, StatusChange};
use crate::service::Service;

/// What an officer decides.
#[derive(Debug, Clone, Deserialize)]
pub struct DecisionInput {
    /// `assign`, `extend` or `refuse`.
    pub outcome: String,
    /// Ground codes, for a refusal.
    #[serde(default)]
    pub grounds: Vec<String>,
    /// Explanation.
    #[serde(default)]
    pub comment: String,
    /// The version the officer saw.
    pub version: i64,
}

/// The office of an officer or head; anyone else is refused, and the refusal is audited.
async fn officer<'a>(service: &Service, actor: &'a Actor) -> Result<&'a OfficeCode, AppError> {
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

/// One case of the queue with its deadline judged today.
#[derive(Debug, Clone)]
pub struct QueueItem {
    /// The case.
    pub application: Application,
    /// Its due date and how pressing it is, once registered.
    pub due: Option<(Date, Urgency)>,
}

/// The office's open cases, soonest deadline first; `overdue` keeps those past due.
pub async fn queue(
    service: &Service,
    actor: &Actor,
    status: Option<String>,
    overdue: bool,
) -> Result<Vec<QueueItem>, AppError> {
    let office = officer(service, actor).await?;
    let today = almaty_date(service.now());
    let filter = QueueFilter {
        office: office.clone(),
        status,
        due_before: overdue.then_some(today),
    };
    let cases = service.store.queue(&filter).await?;
    Ok(cases
        .into_iter()
        .map(|application| {
            let due = application.status.registration().map(|r| r.deadline.due);
            QueueItem {
                due: due.map(|d| (d, Urgency::of(d, today))),
                application,
            }
        })
        .collect())
}

async fn office_case(service: &Service, actor: &Actor, id: &str) -> Result<Application, AppError> {
    let office = officer(service, actor).await?;
    let id = ApplicationId::parse(id).map_err(|_| AppError::NotFound)?;
    let application = service
        .store
        .application(&id)
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

/// The whole case; the read is audited.
pub async fn case(service: &Service, actor: &Actor, id: &str) -> Result<ApplicationView, AppError> {
    let application = office_case(service, actor, id).await?;
    let mut audit = service.audit_by(actor, "staff.read-case");
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    service.store.audit(&audit).await?;
    build(service, application).await
}

fn months_after(date: Date, months: u32) -> Result<Date, AppError> {
    date.checked_add(i64::from(months).months())
        .map_err(|e| AppError::Internal(e.to_string()))
}

async fn outcome(
    service: &Service,
    application: &Application,
    input: &DecisionInput,
    today: Date,
) -> Result<(Outcome, Option<RegisteredCertificate>), AppError> {
    let rules = service.rules_at(service.now())?;
    let issuer = application
        .office
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    match (input.outcome.as_str(), application.kind) {
        ("assign", Kind::Assignment) => {
            let (year, seq) = application.number.parts();
            let certificate = CertificateNumber::new(year, seq);
            let valid_until = months_after(today, rules.status_validity_months)?;
            let record = RegisteredCertificate {
                number: certificate.clone(),
                holder: application.applicant.clone(),
                issued_on: today,
                valid_until,
                extended: false,
                issuer,
            };
            let members = application
                .form
                .members
                .iter()
                .map(|m| m.id.clone())
                .collect();
            Ok((
                Outcome::Assigned {
                    certificate,
                    valid_until,
                    members,
                },
                Some(record),
            ))
        }
        ("extend", Kind::Extension) => {
            let current = service
                .registry
                .certificate(&application.applicant)
                .await?
                .ok_or(AppError::Conflict("decision.no-certificate"))?;
            if current.extended || current.valid_until < today {
                return Err(AppError::Conflict("decision.cannot-extend"));
            }
            let valid_until = months_after(current.valid_until, rules.extension_max_months)?;
            Ok((
                Outcome::Extended { valid_until },
                Some(RegisteredCertificate {
                    valid_until,
                    extended: true,
                    ..current
                }),
            ))
        }
        ("refuse", kind) => {
            let grounds = service
                .grounds
                .select(kind, &input.grounds)
                .map_err(|_| AppError::BadRequest("decision.grounds"))?;
            Ok((
                Outcome::Refused {
                    grounds,
                    comment: input.comment.trim().to_owned(),
                },
                None,
            ))
        }
        ("assign" | "extend", _) => Err(AppError::BadRequest("decision.wrong-outcome")),
        _ => Err(AppError::BadRequest("decision.outcome")),
    }
}

/// Decides a case. One of two officers deciding at once wins; the other gets a conflict.
pub async fn decide(
    service: &Service,
    actor: &Actor,
    id: &str,
    input: &DecisionInput,
    idempotency_key: Option<&str>,
) -> Result<ApplicationView, AppError> {
    let idempotency = idempotency_key.map(|key| IdempotencyKey {
        scope: format!("{}:decide", actor.user),
        key: key.to_owned(),
    });
    if let Some(key) = &idempotency
        && let Some(done) = service.store.idempotent(key).await?
    {
        return case(service, actor, done.as_str()).await;
    }
    let application = office_case(service, actor, id).await?;
    if application.version != input.version {
        return Err(AppError::Conflict("request.stale-version"));
    }
    let now = service.now();
    let (outcome, certificate) = outcome(service, &application, input, almaty_date(now)).await?;
    let decision = Decision {
        decided_at: now,
        decided_by: actor.user.clone(),
        outcome,
    };
    let transition = application.decide(decision)?;
    let mut audit = service.audit_by(actor, transition.audit.action);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = transition.audit.details.clone();
    let change = StatusChange {
        application: application.id.clone(),
        expected_version: input.version,
        jobs: notice_jobs(&application, &transition.notices),
        status: transition.status,
        at: now,
        audit,
        certificate,
        evidence: None,
        idempotency,
    };
    let decided = service.store.change_status(&change).await?;
    (service.wake)();
    build(service, decided).await
}
