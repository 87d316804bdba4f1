//! The JSON shapes of a case's review (staged rule sets): what was recorded at each step, and the
//! bodies the office sends to record a step.

use jiff::Timestamp;
use kandas_app::staff::review::{
    CommissionInput, CompletenessInput, HeardInput, HearingInput, MissingInput, PlannedInput,
    RecommendationInput,
};
use kandas_domain::application::review::{
    Commission, Hearing, HearingOutcome, HearingRecord, PersonRecommendation, PlannedRefusal,
    Recommendation, Reschedule, RescheduleRequest, Review,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::{DocumentTypeCode, Id, RecommendationCode, Sha256Hex, ShortfallCode};
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

/// One missing document found at the completeness check.
#[derive(Deserialize, ToSchema)]
pub struct MissingBody {
    /// The document type.
    #[schema(value_type = DocumentTypeCode)]
    pub document: String,
    /// The family member, if the document is a member's.
    #[serde(default)]
    pub member: Option<String>,
    /// What is missing.
    #[schema(value_type = ShortfallCode)]
    pub shortfall: String,
}

/// The completeness check: `{complete: true, version}` accepts the package for review,
/// `{missing: [...], version}` refuses to accept it.
#[derive(Deserialize, ToSchema)]
pub struct CompletenessBody {
    /// Nothing is missing.
    #[serde(default)]
    pub complete: bool,
    /// What is missing or expired (for a refusal to accept).
    #[serde(default)]
    pub missing: Vec<MissingBody>,
    /// The application version the officer saw (409 when stale).
    pub version: i64,
}

impl From<CompletenessBody> for CompletenessInput {
    fn from(b: CompletenessBody) -> Self {
        CompletenessInput {
            complete: b.complete,
            missing: b
                .missing
                .into_iter()
                .map(|m| MissingInput {
                    document: m.document,
                    member: m.member,
                    shortfall: m.shortfall,
                })
                .collect(),
            version: b.version,
        }
    }
}

/// The commission's recommendation for one person.
#[derive(Deserialize, ToSchema)]
pub struct RecommendationBody {
    /// The family member; absent for the applicant.
    #[serde(default)]
    pub member: Option<String>,
    /// What the commission recommends.
    #[schema(value_type = RecommendationCode)]
    pub recommendation: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// The commission's protocol.
#[derive(Deserialize, ToSchema)]
pub struct CommissionBody {
    /// The protocol's number.
    pub protocol_number: String,
    /// The members present.
    pub members: Vec<String>,
    /// One recommendation per person of the application.
    pub recommendations: Vec<RecommendationBody>,
    /// Where the video recording of the sitting is kept.
    pub video_reference: String,
    /// The recording's SHA-256 (64 hex digits).
    pub video_sha256: String,
    /// The application version the officer saw (409 when stale).
    pub version: i64,
}

impl From<CommissionBody> for CommissionInput {
    fn from(b: CommissionBody) -> Self {
        CommissionInput {
            protocol_number: b.protocol_number,
            members: b.members,
            recommendations: b
                .recommendations
                .into_iter()
                .map(|r| RecommendationInput {
                    member: r.member,
                    recommendation: r.recommendation,
                    reason: r.reason,
                })
                .collect(),
            video_reference: b.video_reference,
            video_sha256: b.video_sha256,
            version: b.version,
        }
    }
}

/// Whose refusal is planned, on which grounds.
#[derive(Deserialize, ToSchema)]
pub struct PlannedBody {
    /// The family member; absent for the applicant (the whole application).
    #[serde(default)]
    pub member: Option<String>,
    /// Ground codes from the closed list.
    #[serde(default)]
    pub grounds: Vec<String>,
}

/// When and where the hearing is, and whose refusal it is about. The hearing must leave the
/// rule set's notice (24 hours) and stay within its term (2 working days).
#[derive(Deserialize, ToSchema)]
pub struct HearingBody {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// The address, or the link of an online hearing.
    pub place: String,
    /// Held online.
    #[serde(default)]
    pub online: bool,
    /// Whose refusal is planned (when scheduling; a move keeps them).
    #[serde(default)]
    pub planned: Vec<PlannedBody>,
    /// For a move: the applicant's reason.
    #[serde(default)]
    pub reason: Option<String>,
    /// The application version the officer saw (409 when stale).
    pub version: i64,
}

impl From<HearingBody> for HearingInput {
    fn from(b: HearingBody) -> Self {
        HearingInput {
            at: b.at,
            place: b.place,
            online: b.online,
            planned: b
                .planned
                .into_iter()
                .map(|p| PlannedInput {
                    member: p.member,
                    grounds: p.grounds,
                })
                .collect(),
            reason: b.reason,
            version: b.version,
        }
    }
}

fn yes() -> bool {
    true
}

/// How the hearing went; only at or after its time.
#[derive(Deserialize, ToSchema)]
pub struct HeardBody {
    /// The applicant (or a representative) appeared; `false` records that they did not.
    #[serde(default = "yes")]
    #[schema(default = true)]
    pub appeared: bool,
    /// What was said (when they appeared).
    #[serde(default)]
    pub statement: String,
    /// The application version the officer saw (409 when stale).
    pub version: i64,
}

impl From<HeardBody> for HeardInput {
    fn from(b: HeardBody) -> Self {
        HeardInput {
            appeared: b.appeared,
            statement: b.statement,
            version: b.version,
        }
    }
}
