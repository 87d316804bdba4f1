//! The review steps of a staged rule set: the completeness check (or the refusal to accept),
//! the commission's protocol with its video record, and the hearing before a planned refusal.

use jiff::Timestamp;
use kandas_domain::application::custody::{MissingItem, Shortfall};
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::review::{
    Check, Commission, Hearing, HearingRecord, PersonRecommendation, Recommendation, Reschedule,
    VideoRecord,
};
use kandas_domain::deadline::almaty_date;
use kandas_domain::ids::MemberId;
use serde::Deserialize;

use super::{apply, office_case, rule_set};
use crate::actor::Actor;
use crate::applicant::view::ApplicationView;
use crate::error::AppError;
use crate::service::Service;

fn stale(version: i64, seen: i64) -> Result<(), AppError> {
    if version == seen {
        Ok(())
    } else {
        Err(AppError::Conflict("request.stale-version"))
    }
}

fn member(raw: Option<&str>) -> Result<Option<MemberId>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => MemberId::parse(raw)
            .map(Some)
            .map_err(|_| AppError::BadRequest("review.member")),
    }
}

fn text(raw: &str, max: usize, code: &'static str) -> Result<String, AppError> {
    let cleaned = raw.trim();
    if cleaned.is_empty() || cleaned.chars().count() > max || cleaned.chars().any(char::is_control)
    {
        return Err(AppError::BadRequest(code));
    }
    Ok(cleaned.to_owned())
}

/// One missing item found at the completeness check.
#[derive(Debug, Clone, Deserialize)]
pub struct MissingInput {
    /// The document type code.
    pub document: String,
    /// The family member, if the document is a member's.
    #[serde(default)]
    pub member: Option<String>,
    /// `not_presented`, `no_copy`, `no_translation`, `expired` or `no_scan`.
    pub shortfall: String,
}

/// The completeness check: complete, or what is missing.
#[derive(Debug, Clone, Deserialize)]
pub struct CompletenessInput {
    /// Nothing missing: accept the package for review.
    #[serde(default)]
    pub complete: bool,
    /// What is missing or expired (for a refusal to accept).
    #[serde(default)]
    pub missing: Vec<MissingInput>,
    /// The version the officer saw.
    pub version: i64,
}

/// Accepts a registered package as complete, or refuses to accept it with what is missing.
pub async fn check(
    service: &Service,
    actor: &Actor,
    id: &str,
    input: &CompletenessInput,
) -> Result<ApplicationView, AppError> {
    let application = office_case(service, actor, id).await?;
    stale(input.version, application.version)?;
    let check = Check {
        at: service.now(),
        by: actor.user.clone(),
    };
    let transition = if input.complete && input.missing.is_empty() {
        let workflow = rule_set(service, &application)?.workflow();
        application.accept_complete(check, workflow)?
    } else {
        let mut missing = Vec::with_capacity(input.missing.len());
        for m in &input.missing {
            missing.push(MissingItem {
                document: DocumentType::parse(&m.document)
                    .ok_or(AppError::BadRequest("custody.document"))?,
                member: member(m.member.as_deref())?,
                shortfall: Shortfall::ALL
                    .into_iter()
                    .find(|s| s.code() == m.shortfall)
                    .ok_or(AppError::BadRequest("review.shortfall"))?,
            });
        }
        application.refuse_incomplete(check, missing)?
    };
    apply(service, actor, &application, transition, None, None).await
}

/// One person's recommendation in the protocol.
#[derive(Debug, Clone, Deserialize)]
pub struct RecommendationInput {
    /// The family member; absent for the applicant.
    #[serde(default)]
    pub member: Option<String>,
    /// `assign` or `refuse`.
    pub recommendation: String,
    /// The commission's reason.
    #[serde(default)]
    pub reason: String,
}

/// The commission's protocol.
#[derive(Debug, Clone, Deserialize)]
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
    id: &str,
    input: &CommissionInput,
) -> Result<ApplicationView, AppError> {
    let application = office_case(service, actor, id).await?;
    stale(input.version, application.version)?;
    let mut recommendations = Vec::with_capacity(input.recommendations.len());
    for r in &input.recommendations {
        let recommendation = match r.recommendation.as_str() {
            "assign" => Recommendation::Assign,
            "refuse" => Recommendation::Refuse,
            _ => return Err(AppError::BadRequest("review.recommendation")),
        };
        recommendations.push(PersonRecommendation {
            member: member(r.member.as_deref())?,
            recommendation,
            reason: r.reason.trim().chars().take(2000).collect(),
        });
    }
    let members = input
        .members
        .iter()
        .map(|m| text(m, 200, "review.protocol"))
        .collect::<Result<Vec<_>, _>>()?;
    let commission = Commission {
        sat_at: service.now(),
        recorded_by: actor.user.clone(),
        protocol_number: text(&input.protocol_number, 50, "review.protocol")?,
        members,
        recommendations,
        video: VideoRecord {
            reference: text(&input.video_reference, 500, "review.protocol")?,
            sha256: input.video_sha256.trim().to_ascii_lowercase(),
        },
    };
    let transition = application.record_commission(commission)?;
    apply(service, actor, &application, transition, None, None).await
}

/// When and where the hearing is.
#[derive(Debug, Clone, Deserialize)]
pub struct HearingInput {
    /// When (RFC 3339).
    pub at: Timestamp,
    /// The address, or the link of an online hearing.
    pub place: String,
    /// Held online.
    #[serde(default)]
    pub online: bool,
    /// For a move: the applicant's reason.
    #[serde(default)]
    pub reason: Option<String>,
    /// The version the officer saw.
    pub version: i64,
}

/// The hearing must be within the rule set's term (working days from today) and not past.
fn within_term(service: &Service, days: u32, at: Timestamp) -> Result<(), AppError> {
    let today = almaty_date(service.now());
    let last = service
        .calendar
        .current()
        .add_working_days(today, days)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if at <= service.now() || almaty_date(at) > last {
        return Err(AppError::BadRequest("review.hearing-date"));
    }
    Ok(())
}

/// Schedules the hearing (the applicant is notified with the date and place or link), or moves
/// it when `reason` says why the applicant asked.
pub async fn hearing(
    service: &Service,
    actor: &Actor,
    id: &str,
    input: &HearingInput,
) -> Result<ApplicationView, AppError> {
    let application = office_case(service, actor, id).await?;
    stale(input.version, application.version)?;
    let rules = rule_set(service, &application)?;
    within_term(service, rules.terms.hearing_days, input.at)?;
    let place = text(&input.place, 500, "review.place")?;
    let now = service.now();
    let scheduled = application.status.review().and_then(|r| r.hearing.clone());
    let transition = match (scheduled, &input.reason) {
        (Some(current), Some(reason)) => {
            let asked = Reschedule {
                asked_at: now,
                reason: text(reason, 1000, "review.reason")?,
                previous: current.at,
            };
            application.reschedule_hearing(asked, input.at, place, input.online)?
        }
        (Some(_), None) => return Err(AppError::BadRequest("review.reason")),
        (None, _) => application.schedule_hearing(Hearing {
            at: input.at,
            place,
            online: input.online,
            scheduled: Check {
                at: now,
                by: actor.user.clone(),
            },
            reschedules: Vec::new(),
            requests: Vec::new(),
            record: None,
        })?,
    };
    apply(service, actor, &application, transition, None, None).await
}

/// What was said at the hearing.
#[derive(Debug, Clone, Deserialize)]
pub struct HeardInput {
    /// The applicant's objections and what was said.
    pub statement: String,
    /// The version the officer saw.
    pub version: i64,
}

/// Records the hearing as held.
pub async fn heard(
    service: &Service,
    actor: &Actor,
    id: &str,
    input: &HeardInput,
) -> Result<ApplicationView, AppError> {
    let application = office_case(service, actor, id).await?;
    stale(input.version, application.version)?;
    let record = HearingRecord {
        held_at: service.now(),
        recorded_by: actor.user.clone(),
        statement: text(&input.statement, 10_000, "review.statement")?,
    };
    let transition = application.record_hearing(record)?;
    apply(service, actor, &application, transition, None, None).await
}
