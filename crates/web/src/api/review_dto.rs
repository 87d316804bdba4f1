//! The JSON shape of a case's review (staged rule sets): what was recorded at each step.

use jiff::Timestamp;
use kandas_domain::application::review::{
    Commission, Hearing, HearingOutcome, HearingRecord, PersonRecommendation, PlannedRefusal,
    Recommendation, Reschedule, RescheduleRequest, Review,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::{Id, RecommendationCode, Sha256Hex};
use super::record_dto::{CheckDto, DecidedGroundDto, DecisionDto, grounds};

/// The commission's recommendation for one person.
#[derive(Serialize, ToSchema)]
pub struct RecommendationDto {
    /// The family member; `null` for the applicant.
    #[schema(value_type = Option<Id>)]
    pub member: Option<String>,
    /// What the commission recommends.
    #[schema(value_type = RecommendationCode)]
    pub recommendation: &'static str,
    /// Why.
    pub reason: String,
}

impl From<&PersonRecommendation> for RecommendationDto {
    fn from(r: &PersonRecommendation) -> Self {
        RecommendationDto {
            member: r.member.as_ref().map(ToString::to_string),
            recommendation: match r.recommendation {
                Recommendation::Assign => "assign",
                Recommendation::Refuse => "refuse",
            },
            reason: r.reason.clone(),
        }
    }
}

/// The video record of the commission's sitting.
#[derive(Serialize, ToSchema)]
pub struct VideoDto {
    /// Where it is kept.
    pub reference: String,
    /// Its SHA-256.
    #[schema(value_type = Sha256Hex)]
    pub sha256: String,
}

/// The commission's sitting.
#[derive(Serialize, ToSchema)]
pub struct CommissionDto {
    /// When it sat.
    #[schema(value_type = String, format = DateTime)]
    pub sat_at: Timestamp,
    /// Who recorded it.
    #[schema(value_type = Id)]
    pub recorded_by: String,
    /// The protocol's number.
    pub protocol_number: String,
    /// The members present.
    pub members: Vec<String>,
    /// One recommendation per person.
    pub recommendations: Vec<RecommendationDto>,
    /// The video record.
    pub video: VideoDto,
}

impl From<&Commission> for CommissionDto {
    fn from(c: &Commission) -> Self {
        CommissionDto {
            sat_at: c.sat_at,
            recorded_by: c.recorded_by.to_string(),
            protocol_number: c.protocol_number.clone(),
            members: c.members.clone(),
            recommendations: c.recommendations.iter().map(Into::into).collect(),
            video: VideoDto {
                reference: c.video.reference.clone(),
                sha256: c.video.sha256.clone(),
            },
        }
    }
}

/// A refusal planned and announced with the hearing.
#[derive(Serialize, ToSchema)]
pub struct PlannedRefusalDto {
    /// The family member; `null` for the applicant (the whole application).
    #[schema(value_type = Option<Id>)]
    pub member: Option<String>,
    /// The grounds.
    pub grounds: Vec<DecidedGroundDto>,
}

impl From<&PlannedRefusal> for PlannedRefusalDto {
    fn from(p: &PlannedRefusal) -> Self {
        PlannedRefusalDto {
            member: p.member.as_ref().map(ToString::to_string),
            grounds: grounds(&p.grounds),
        }
    }
}

/// A move of the hearing.
#[derive(Serialize, ToSchema)]
pub struct RescheduleDto {
    /// When the applicant asked.
    #[schema(value_type = String, format = DateTime)]
    pub asked_at: Timestamp,
    /// The applicant's reason.
    pub reason: String,
    /// The time it had before.
    #[schema(value_type = String, format = DateTime)]
    pub previous: Timestamp,
}

impl From<&Reschedule> for RescheduleDto {
    fn from(r: &Reschedule) -> Self {
        RescheduleDto {
            asked_at: r.asked_at,
            reason: r.reason.clone(),
            previous: r.previous,
        }
    }
}

/// The applicant's request to move the hearing.
#[derive(Serialize, ToSchema)]
pub struct RescheduleRequestDto {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub asked_at: Timestamp,
    /// Why.
    pub reason: String,
}

impl From<&RescheduleRequest> for RescheduleRequestDto {
    fn from(r: &RescheduleRequest) -> Self {
        RescheduleRequestDto {
            asked_at: r.asked_at,
            reason: r.reason.clone(),
        }
    }
}

/// What was recorded of the hearing.
#[derive(Serialize, ToSchema)]
pub struct HearingRecordDto {
    /// When it was recorded.
    #[schema(value_type = String, format = DateTime)]
    pub held_at: Timestamp,
    /// Who recorded it.
    #[schema(value_type = Id)]
    pub recorded_by: String,
    /// The applicant (or a representative) appeared.
    pub appeared: Option<bool>,
    /// What was said; empty when nobody appeared.
    pub statement: String,
}

impl From<&HearingRecord> for HearingRecordDto {
    fn from(r: &HearingRecord) -> Self {
        let (appeared, statement) = match &r.outcome {
            HearingOutcome::Held { statement } => (true, statement.clone()),
            HearingOutcome::NoShow => (false, String::new()),
        };
        HearingRecordDto {
            held_at: r.held_at,
            recorded_by: r.recorded_by.to_string(),
            appeared: Some(appeared),
            statement,
        }
    }
}

/// The hearing before a planned refusal.
#[derive(Serialize, ToSchema)]
pub struct HearingDto {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// The address, or the link of an online hearing.
    pub place: String,
    /// Held online.
    pub online: bool,
    /// Who scheduled it, when.
    pub scheduled: CheckDto,
    /// Whose refusal is planned, on which grounds.
    pub planned: Vec<PlannedRefusalDto>,
    /// Its moves.
    pub reschedules: Vec<RescheduleDto>,
    /// The applicant's requests to move it.
    pub requests: Vec<RescheduleRequestDto>,
    /// What was recorded, once held.
    pub record: Option<HearingRecordDto>,
}

impl From<&Hearing> for HearingDto {
    fn from(h: &Hearing) -> Self {
        HearingDto {
            at: h.at,
            place: h.place.clone(),
            online: h.online,
            scheduled: (&h.scheduled).into(),
            planned: h.planned.iter().map(Into::into).collect(),
            reschedules: h.reschedules.iter().map(Into::into).collect(),
            requests: h.requests.iter().map(Into::into).collect(),
            record: h.record.as_ref().map(Into::into),
        }
    }
}

/// The review so far; each step `null` until done.
#[derive(Serialize, ToSchema)]
pub struct ReviewDto {
    /// The completeness check passed.
    pub completeness: Option<CheckDto>,
    /// The commission's sitting.
    pub commission: Option<CommissionDto>,
    /// The hearing.
    pub hearing: Option<HearingDto>,
    /// The decision proposed, awaiting the head's sign-off.
    pub proposal: Option<DecisionDto>,
}

impl From<&Review> for ReviewDto {
    fn from(r: &Review) -> Self {
        ReviewDto {
            completeness: r.completeness.as_ref().map(Into::into),
            commission: r.commission.as_ref().map(Into::into),
            hearing: r.hearing.as_ref().map(Into::into),
            proposal: r.proposal.as_ref().map(Into::into),
        }
    }
}
