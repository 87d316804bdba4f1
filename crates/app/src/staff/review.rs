//! The review steps of a staged rule set: the completeness check (or the refusal to accept),
//! the commission's protocol with its video record, and the hearing before a planned refusal.

use jiff::Timestamp;
use kandas_domain::application::custody::{MissingItem, Shortfall};
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::hearing::HearingClock;
use kandas_domain::application::review::{
    Check, Commission, Hearing, HearingOutcome, HearingRecord, PersonRecommendation,
    PlannedRefusal, Recommendation, Reschedule, VideoRecord,
};
use kandas_domain::application::status::Status;
use kandas_domain::codes::{ApplicationError, CustodyError, RequestError, ReviewError};
use kandas_domain::deadline::almaty_date;
use kandas_domain::grounds::GroundCode;
use kandas_domain::ids::{ApplicationId, MemberId};

use super::{acting_case, apply, rule_set};
use crate::actor::Actor;
use crate::applicant::view::{ApplicationView, documents};
use crate::error::AppError;
use crate::service::Service;

fn stale(version: i64, seen: i64) -> Result<(), AppError> {
    if version == seen {
        Ok(())
    } else {
        Err(AppError::Conflict(RequestError::StaleVersion.into()))
    }
}

/// A posted family member (none for the applicant; `review.member` for one that is not an id).
pub fn member(raw: Option<&str>) -> Result<Option<MemberId>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => MemberId::parse(raw)
            .map(Some)
            .map_err(|_| AppError::BadRequest(ReviewError::Member.into())),
    }
}

fn text(raw: &str, max: usize, code: ReviewError) -> Result<String, AppError> {
    let cleaned = raw.trim();
    if cleaned.is_empty() || cleaned.chars().count() > max || cleaned.chars().any(char::is_control)
    {
        return Err(AppError::BadRequest(code.into()));
    }
    Ok(cleaned.to_owned())
}

/// A posted document type (`custody.document` for one that is not a type).
pub fn document(code: &str) -> Result<DocumentType, AppError> {
    DocumentType::parse(code.trim()).ok_or(AppError::BadRequest(CustodyError::Document.into()))
}

/// A posted shortfall (`review.shortfall` for one that is not a shortfall).
pub fn shortfall(code: &str) -> Result<Shortfall, AppError> {
    Shortfall::ALL
        .into_iter()
        .find(|s| s.code() == code.trim())
        .ok_or(AppError::BadRequest(ReviewError::Shortfall.into()))
}

/// A posted recommendation (`review.recommendation` for one that is not `assign` or `refuse`).
pub fn recommendation(code: &str) -> Result<Recommendation, AppError> {
    match code.trim() {
        "assign" => Ok(Recommendation::Assign),
        "refuse" => Ok(Recommendation::Refuse),
        _ => Err(AppError::BadRequest(ReviewError::Recommendation.into())),
    }
}

/// The ground codes of a planned refusal (`review.hearing-planned` for one that is not a code).
pub fn planned_grounds<'a>(
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<GroundCode>, AppError> {
    GroundCode::parse_all(codes).ok_or(AppError::BadRequest(ReviewError::HearingPlanned.into()))
}

/// One missing item found at the completeness check.
#[derive(Debug, Clone)]
pub struct MissingInput {
    /// The document type.
    pub document: DocumentType,
    /// The family member, if the document is a member's.
    pub member: Option<MemberId>,
    /// What is wrong with it.
    pub shortfall: Shortfall,
}

/// The completeness check: complete, or what is missing.
#[derive(Debug, Clone)]
pub struct CompletenessInput {
    /// Nothing missing: accept the package for review.
    pub complete: bool,
    /// What is missing or expired (for a refusal to accept).
    pub missing: Vec<MissingInput>,
    /// The version the officer saw.
    pub version: i64,
}

/// Today and the last day of the completeness check's term (working days after acceptance).
fn completeness_term(
    service: &Service,
    application: &kandas_domain::application::Application,
) -> Result<(jiff::civil::Date, jiff::civil::Date), AppError> {
    let Status::Registered(registration) = &application.status else {
        return Err(AppError::Conflict(ApplicationError::WrongState.into()));
    };
    let days = rule_set(service, application)?.terms.completeness_days;
    let due = service
        .calendar
        .current()
        .add_working_days(registration.deadline.accepted, days)
        .map_err(AppError::internal)?;
    Ok((almaty_date(service.now()), due))
}

/// Accepts a registered package as complete, or refuses to accept it with what is missing.
pub async fn check(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    input: &CompletenessInput,
) -> Result<ApplicationView, AppError> {
    let application = acting_case(service, actor, id).await?;
    stale(input.version, application.version)?;
    let check = Check {
        at: service.now(),
        by: actor.user.clone(),
    };
    let transition = if input.complete && input.missing.is_empty() {
        let workflow = rule_set(service, &application)?.workflow();
        application.accept_complete(check, workflow)?
    } else {
        let missing = input
            .missing
            .iter()
            .map(|m| MissingItem {
                document: m.document,
                member: m.member.clone(),
                shortfall: m.shortfall,
            })
            .collect();
        let (_, checklist) = documents(service, &application).await?;
        let term = completeness_term(service, &application)?;
        application.refuse_incomplete(check, missing, &checklist, term)?
    };
    apply(service, actor, &application, transition, None, None).await
}

/// One person's recommendation in the protocol.
#[derive(Debug, Clone)]
pub struct RecommendationInput {
    /// The family member; absent for the applicant.
    pub member: Option<MemberId>,
    /// What the commission recommends.
    pub recommendation: Recommendation,
    /// The commission's reason.
    pub reason: String,
}

/// The commission's protocol.
#[derive(Debug, Clone)]
pub struct CommissionInput {
    /// The protocol's number.
    pub protocol_number: String,
    /// The members present.
    pub members: Vec<String>,
    /// One recommendation per person of the application.
    pub recommendations: Vec<RecommendationInput>,
    /// Where the video recording of the sitting is kept.
    pub video_reference: String,
    /// The recording's SHA-256 (64 hex digits).
    pub video_sha256: String,
    /// The version the officer saw.
    pub version: i64,
}

/// Records the commission's sitting: its protocol, recommendations and video record.
pub async fn commission(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    input: &CommissionInput,
) -> Result<ApplicationView, AppError> {
    let application = acting_case(service, actor, id).await?;
    stale(input.version, application.version)?;
    let recommendations = input
        .recommendations
        .iter()
        .map(|r| PersonRecommendation {
            member: r.member.clone(),
            recommendation: r.recommendation,
            reason: r.reason.trim().chars().take(2000).collect(),
        })
        .collect();
    let members = input
        .members
        .iter()
        .map(|m| text(m, 200, ReviewError::Protocol))
        .collect::<Result<Vec<_>, _>>()?;
    let commission = Commission {
        sat_at: service.now(),
        recorded_by: actor.user.clone(),
        protocol_number: text(&input.protocol_number, 50, ReviewError::Protocol)?,
        members,
        recommendations,
        video: VideoRecord {
            reference: text(&input.video_reference, 500, ReviewError::Protocol)?,
            sha256: input.video_sha256.trim().to_ascii_lowercase(),
        },
    };
    let transition = application.record_commission(commission)?;
    apply(service, actor, &application, transition, None, None).await
}

/// A refusal the officer plans: whose (a family member, or the applicant), on which grounds.
#[derive(Debug, Clone)]
pub struct PlannedInput {
    /// The family member; absent for the applicant (the whole application).
    pub member: Option<MemberId>,
    /// Ground codes, checked against the closed list.
    pub grounds: Vec<GroundCode>,
}

/// When and where the hearing is, and whose refusal it is about.
#[derive(Debug, Clone)]
pub struct HearingInput {
    /// When (RFC 3339).
    pub at: Timestamp,
    /// The address, or the link of an online hearing.
    pub place: String,
    /// Held online.
    pub online: bool,
    /// Whose refusal is planned, on which grounds (told to the applicant with the notice).
    /// Given when the hearing is scheduled; a move keeps them.
    pub planned: Vec<PlannedInput>,
    /// For a move: the applicant's reason.
    pub reason: Option<String>,
    /// The version the officer saw.
    pub version: i64,
}

fn planned(
    service: &Service,
    application: &kandas_domain::application::Application,
    input: &[PlannedInput],
) -> Result<Vec<PlannedRefusal>, AppError> {
    input
        .iter()
        .map(|p| {
            Ok(PlannedRefusal {
                member: p.member.clone(),
                grounds: service
                    .grounds
                    .select(application.kind, &p.grounds)
                    .map_err(|_| AppError::BadRequest(ReviewError::HearingPlanned.into()))?,
            })
        })
        .collect()
}

/// Schedules the hearing (the applicant is notified with whose refusal is planned on which
/// grounds, the date and the place or link), or moves it when `reason` says why the applicant
/// asked. The time must leave the rule set's notice and stay within the hearing's term.
pub async fn hearing(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    input: &HearingInput,
) -> Result<ApplicationView, AppError> {
    let application = acting_case(service, actor, id).await?;
    stale(input.version, application.version)?;
    let rules = rule_set(service, &application)?;
    let place = text(&input.place, 500, ReviewError::Place)?;
    let now = service.now();
    let calendar = service.calendar.current();
    let clock = HearingClock {
        now,
        calendar: &calendar,
        rules,
    };
    let scheduled = application.status.review().and_then(|r| r.hearing.clone());
    let transition = match (scheduled, &input.reason) {
        (Some(current), Some(reason)) => {
            let asked = Reschedule {
                asked_at: now,
                reason: text(reason, 1000, ReviewError::Reason)?,
                previous: current.at,
            };
            let to = (input.at, place, input.online);
            application.reschedule_hearing(asked, to, clock)?
        }
        (Some(_), None) => return Err(AppError::BadRequest(ReviewError::Reason.into())),
        (None, _) => {
            let hearing = Hearing {
                at: input.at,
                place,
                online: input.online,
                scheduled: Check {
                    at: now,
                    by: actor.user.clone(),
                },
                planned: planned(service, &application, &input.planned)?,
                reschedules: Vec::new(),
                requests: Vec::new(),
                record: None,
            };
            application.schedule_hearing(hearing, clock)?
        }
    };
    apply(service, actor, &application, transition, None, None).await
}

/// How the hearing went.
#[derive(Debug, Clone)]
pub struct HeardInput {
    /// The applicant (or a representative) appeared; `false` records that they did not.
    pub appeared: bool,
    /// The applicant's objections and what was said (when they appeared).
    pub statement: String,
    /// The version the officer saw.
    pub version: i64,
}

/// Records the hearing, at or after its time: held with what was said, or that the applicant
/// did not appear.
pub async fn heard(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    input: &HeardInput,
) -> Result<ApplicationView, AppError> {
    let application = acting_case(service, actor, id).await?;
    stale(input.version, application.version)?;
    let outcome = if input.appeared {
        HearingOutcome::Held {
            statement: text(&input.statement, 10_000, ReviewError::Statement)?,
        }
    } else {
        HearingOutcome::NoShow
    };
    let record = HearingRecord {
        held_at: service.now(),
        recorded_by: actor.user.clone(),
        outcome,
    };
    let transition = application.record_hearing(record)?;
    apply(service, actor, &application, transition, None, None).await
}
