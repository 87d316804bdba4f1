//! The decision: under a single-step rule set the officer decides a registered case; under a
//! staged one the officer proposes it (per family member) and the head signs it off, which
//! enters the certificate in the register.

use jiff::ToSpan;
use jiff::civil::Date;
use kandas_domain::application::Application;
use kandas_domain::application::review::Check;
use kandas_domain::application::status::{
    Decision, MemberRefusal, Outcome, Status, TransitionError,
};
use kandas_domain::application::verdict::Verdict;
use kandas_domain::certificate::CertificateStatus;
use kandas_domain::codes::{ApplicationError, DecisionError, RequestError};
use kandas_domain::deadline::almaty_date;
use kandas_domain::duties::DutyError;
use kandas_domain::grounds::GroundCode;
use kandas_domain::ids::{ApplicationId, MemberId};
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::rules::{RuleSet, Workflow};

use super::{acting_case, apply, office_case, rule_set};
use crate::actor::{Actor, Role};
use crate::applicant::view::{ApplicationView, build};
use crate::error::AppError;
use crate::idempotency;
use crate::ports::registry::RegisteredCertificate;
use crate::service::Service;

/// What an officer decides: the command both the API and the decision page build, with every
/// choice already parsed (the closed list and the case's members are checked here).
#[derive(Debug, Clone)]
pub struct Decide {
    /// Assign, extend or refuse.
    pub verdict: Verdict,
    /// Ground codes, for a refusal.
    pub grounds: Vec<GroundCode>,
    /// Explanation.
    pub comment: String,
    /// Family members refused while the applicant is assigned (the others are covered).
    pub members: Vec<RefuseMember>,
    /// For an extension: for how many months (1 up to the rule set's maximum; the maximum when
    /// not given).
    pub extension_months: Option<u32>,
    /// The version the officer saw.
    pub version: i64,
}

/// The refusal of one family member.
#[derive(Debug, Clone)]
pub struct RefuseMember {
    /// The member.
    pub member: MemberId,
    /// Ground codes.
    pub grounds: Vec<GroundCode>,
    /// Explanation.
    pub comment: String,
}

/// The decision as its idempotency key stands for it.
fn fingerprinted(input: &Decide) -> serde_json::Value {
    let grounds =
        |g: &[GroundCode]| -> Vec<String> { g.iter().map(|c| c.as_str().to_owned()).collect() };
    serde_json::json!({
        "verdict": input.verdict.code(),
        "grounds": grounds(&input.grounds),
        "comment": input.comment,
        "members": input.members.iter().map(|m| serde_json::json!({
            "member": m.member.as_str(),
            "grounds": grounds(&m.grounds),
            "comment": m.comment,
        })).collect::<Vec<_>>(),
        "extension_months": input.extension_months,
        "version": input.version,
    })
}

/// The verdict a posted code names (`decision.outcome` otherwise).
pub fn verdict(code: &str) -> Result<Verdict, AppError> {
    Verdict::parse(code.trim()).ok_or(AppError::BadRequest(DecisionError::Outcome.into()))
}

/// The ground codes posted (`decision.grounds` for one that is not a code).
pub fn ground_codes<'a>(
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<GroundCode>, AppError> {
    GroundCode::parse_all(codes).ok_or(AppError::BadRequest(DecisionError::Grounds.into()))
}

/// A posted member id (`decision.member` for one that is not an id).
pub fn member_id(raw: &str) -> Result<MemberId, AppError> {
    MemberId::parse(raw.trim()).map_err(|_| AppError::BadRequest(DecisionError::Member.into()))
}

fn months_after(date: Date, months: u32) -> Result<Date, AppError> {
    date.checked_add(i64::from(months).months())
        .map_err(AppError::internal)
}

fn refused_members(
    service: &Service,
    application: &Application,
    input: &Decide,
) -> Result<Vec<MemberRefusal>, AppError> {
    input
        .members
        .iter()
        .map(|m| {
            let member = Some(m.member.clone())
                .filter(|id| application.form.members.iter().any(|f| &f.id == id))
                .ok_or(AppError::BadRequest(DecisionError::Member.into()))?;
            let grounds = service
                .grounds
                .select(application.kind, &m.grounds)
                .map_err(|_| AppError::BadRequest(DecisionError::Grounds.into()))?;
            Ok(MemberRefusal {
                member,
                grounds,
                comment: m.comment.trim().to_owned(),
            })
        })
        .collect()
}

async fn outcome(
    service: &Service,
    application: &Application,
    input: &Decide,
    rules: &RuleSet,
    today: Date,
) -> Result<Outcome, AppError> {
    if !input.verdict.fits(application.kind) {
        return Err(AppError::BadRequest(DecisionError::WrongOutcome.into()));
    }
    match input.verdict {
        Verdict::Assign => {
            let (year, seq) = application.number.parts();
            let refused_members = refused_members(service, application, input)?;
            let members = application
                .form
                .members
                .iter()
                .map(|m| m.id.clone())
                .filter(|id| !refused_members.iter().any(|r| &r.member == id))
                .collect();
            Ok(Outcome::Assigned {
                certificate: CertificateNumber::new(year, seq),
                valid_until: months_after(today, rules.status_validity_months)?,
                members,
                refused_members,
            })
        }
        Verdict::Extend => {
            let current = extendable(service, application, rules).await?;
            let months = match input.extension_months {
                None => rules.extension_max_months,
                Some(m) if (1..=rules.extension_max_months).contains(&m) => m,
                Some(_) => return Err(AppError::BadRequest(DecisionError::ExtensionMonths.into())),
            };
            let valid_until = months_after(current.valid_until, months)?;
            Ok(Outcome::Extended { valid_until })
        }
        Verdict::Refuse => {
            let grounds = service
                .grounds
                .select(application.kind, &input.grounds)
                .map_err(|_| AppError::BadRequest(DecisionError::Grounds.into()))?;
            Ok(Outcome::Refused {
                grounds,
                comment: input.comment.trim().to_owned(),
            })
        }
    }
}

/// The applicant's certificate, if its status may still be extended: extended fewer times than
/// the rule set allows, and active on the day the extension was received (not expired then, not
/// terminated or revoked, the holder not a citizen of Kazakhstan). An extension filed in time
/// can so be decided after the expiry date.
async fn extendable(
    service: &Service,
    application: &Application,
    rules: &RuleSet,
) -> Result<RegisteredCertificate, AppError> {
    let received = application
        .status
        .registration()
        .map(|r| almaty_date(r.registered_at))
        .ok_or(AppError::Conflict(ApplicationError::NotSubmitted.into()))?;
    let current = service
        .registry
        .certificate(&application.applicant)
        .await?
        .ok_or(AppError::Conflict(DecisionError::NoCertificate.into()))?;
    if current.extensions >= rules.extensions_allowed {
        return Err(AppError::Conflict(DecisionError::AlreadyExtended.into()));
    }
    match crate::public::standing(service, &current, received).await? {
        CertificateStatus::Valid | CertificateStatus::Extended => Ok(current),
        _ => Err(AppError::Conflict(DecisionError::NotActive.into())),
    }
}

/// The register entry a decided outcome makes: a new certificate, or its one extension.
async fn register_entry(
    service: &Service,
    application: &Application,
    outcome: &Outcome,
    (rules, today): (&RuleSet, Date),
) -> Result<Option<RegisteredCertificate>, AppError> {
    match outcome {
        Outcome::Assigned {
            certificate,
            valid_until,
            ..
        } => Ok(Some(RegisteredCertificate {
            number: certificate.clone(),
            holder: application.applicant.clone(),
            issued_on: today,
            valid_until: *valid_until,
            extensions: 0,
            issuer: application
                .office
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        })),
        Outcome::Extended { valid_until } => {
            let current = extendable(service, application, rules).await?;
            Ok(Some(RegisteredCertificate {
                valid_until: *valid_until,
                extensions: current.extensions + 1,
                ..current
            }))
        }
        Outcome::Refused { .. } => Ok(None),
    }
}

/// Decides a case (single-step rules) or proposes the decision for the head to sign off
/// (staged rules). One of two officers deciding at once wins; the other gets a conflict.
pub async fn decide(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    input: &Decide,
    idempotency_key: Option<&str>,
) -> Result<ApplicationView, AppError> {
    let idempotency = idempotency::key(
        service,
        actor,
        idempotency_key,
        "decide",
        Some(id),
        fingerprinted(input),
    )?;
    if let Some(done) = idempotency::earlier(service, idempotency.as_ref()).await? {
        // The same request again: what it did, read without a new audited read.
        return build(service, office_case(service, actor, &done).await?).await;
    }
    let application = acting_case(service, actor, id).await?;
    if application.version != input.version {
        return Err(AppError::Conflict(RequestError::StaleVersion.into()));
    }
    let now = service.now();
    let today = almaty_date(now);
    let rules = rule_set(service, &application)?;
    let outcome = outcome(service, &application, input, rules, today).await?;
    let decision = Decision {
        decided_at: now,
        decided_by: actor.user.clone(),
        outcome,
        signed_off: None,
    };
    let workflow = rules.workflow();
    let (transition, certificate) = match workflow {
        Workflow::SingleStep => {
            let certificate =
                register_entry(service, &application, &decision.outcome, (rules, today)).await?;
            (application.decide(decision, workflow)?, certificate)
        }
        Workflow::Staged { .. } => (application.propose(decision, workflow)?, None),
    };
    apply(
        service,
        actor,
        &application,
        transition,
        certificate,
        idempotency,
    )
    .await
}

/// The head signs the proposed decision off: the case is decided, the certificate (or its
/// extension) enters the register, and the applicant is told.
pub async fn sign_off(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    version: i64,
) -> Result<ApplicationView, AppError> {
    let application = acting_case(service, actor, id).await?;
    if !actor.has(Role::Head) {
        let reason = "only the head signs decisions off";
        return Err(service
            .refuse(actor, Some(&application), reason, AppError::Forbidden)
            .await);
    }
    if application.version != version {
        return Err(AppError::Conflict(RequestError::StaleVersion.into()));
    }
    let now = service.now();
    let today = almaty_date(now);
    let rules = rule_set(service, &application)?;
    let check = Check {
        at: now,
        by: actor.user.clone(),
    };
    let valid_until = months_after(today, rules.status_validity_months)?;
    let transition = match application.sign_off(check, Some(valid_until), &rules.duties) {
        Err(TransitionError::SameOfficial) => {
            let e = DutyError::SameOfficial;
            return Err(service
                .refuse_duty(actor, Some(&application), None, e)
                .await);
        }
        other => other?,
    };
    let Status::Decided { decision, .. } = &transition.status else {
        return Err(AppError::internal("a sign-off must decide the case"));
    };
    let entry = (rules, today);
    let certificate = register_entry(service, &application, &decision.outcome, entry).await?;
    apply(service, actor, &application, transition, certificate, None).await
}
