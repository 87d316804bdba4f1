//! The review inside a stored status (version 1): completeness check, commission, hearing and
//! the proposed decision.

use jiff::Timestamp;
use kandas_domain::application::review::{
    Commission, Hearing, HearingOutcome, HearingRecord, PersonRecommendation, PlannedRefusal,
    Reschedule, RescheduleRequest, Review, VideoRecord,
};
use kandas_domain::ids::{MemberId, UserId};
use serde::{Deserialize, Serialize};

use super::codes::StoredRecommendation;
use super::decision::{CheckV1, DecisionV1, GroundV1, grounds_from, grounds_to};

/// The steps done so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ReviewV1 {
    #[serde(rename = "completeness", default)]
    completeness: Option<CheckV1>,
    #[serde(rename = "commission", default)]
    commission: Option<CommissionV1>,
    #[serde(rename = "hearing", default)]
    hearing: Option<HearingV1>,
    #[serde(rename = "proposal", default)]
    proposal: Option<DecisionV1>,
}

/// A commission sitting and its protocol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CommissionV1 {
    #[serde(rename = "sat_at")]
    sat_at: Timestamp,
    #[serde(rename = "recorded_by")]
    recorded_by: UserId,
    #[serde(rename = "protocol_number")]
    protocol_number: String,
    #[serde(rename = "members")]
    members: Vec<String>,
    #[serde(rename = "recommendations")]
    recommendations: Vec<RecommendationV1>,
    #[serde(rename = "video")]
    video: VideoV1,
}

/// The recommendation for one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RecommendationV1 {
    #[serde(rename = "member", default)]
    member: Option<MemberId>,
    #[serde(rename = "recommendation")]
    recommendation: StoredRecommendation,
    #[serde(rename = "reason", default)]
    reason: String,
}

/// Where the sitting's recording is kept, and its SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct VideoV1 {
    #[serde(rename = "reference")]
    reference: String,
    #[serde(rename = "sha256")]
    sha256: String,
}

/// The hearing before a planned refusal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct HearingV1 {
    #[serde(rename = "at")]
    at: Timestamp,
    #[serde(rename = "place")]
    place: String,
    #[serde(rename = "online", default)]
    online: bool,
    #[serde(rename = "scheduled")]
    scheduled: CheckV1,
    #[serde(rename = "planned", default)]
    planned: Vec<PlannedV1>,
    #[serde(rename = "reschedules", default)]
    reschedules: Vec<RescheduleV1>,
    #[serde(rename = "requests", default)]
    requests: Vec<RequestV1>,
    #[serde(rename = "record", default)]
    record: Option<RecordV1>,
}

/// A refusal announced with the hearing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PlannedV1 {
    #[serde(rename = "member", default)]
    member: Option<MemberId>,
    #[serde(rename = "grounds")]
    grounds: Vec<GroundV1>,
}

/// A move of the hearing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RescheduleV1 {
    #[serde(rename = "asked_at")]
    asked_at: Timestamp,
    #[serde(rename = "reason")]
    reason: String,
    #[serde(rename = "previous")]
    previous: Timestamp,
}

/// The applicant's request to move the hearing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RequestV1 {
    #[serde(rename = "asked_at")]
    asked_at: Timestamp,
    #[serde(rename = "reason")]
    reason: String,
}

/// The hearing as recorded. Records made before "did not appear" existed have no `appeared`
/// and were held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RecordV1 {
    #[serde(rename = "held_at")]
    held_at: Timestamp,
    #[serde(rename = "recorded_by")]
    recorded_by: UserId,
    #[serde(rename = "appeared", default)]
    appeared: Option<bool>,
    #[serde(rename = "statement", default)]
    statement: String,
}

impl From<&HearingRecord> for RecordV1 {
    fn from(r: &HearingRecord) -> Self {
        let (appeared, statement) = match &r.outcome {
            HearingOutcome::Held { statement } => (true, statement.clone()),
            HearingOutcome::NoShow => (false, String::new()),
        };
        RecordV1 {
            held_at: r.held_at,
            recorded_by: r.recorded_by.clone(),
            appeared: Some(appeared),
            statement,
        }
    }
}

impl From<RecordV1> for HearingRecord {
    fn from(r: RecordV1) -> Self {
        let outcome = match r.appeared {
            Some(false) => HearingOutcome::NoShow,
            _ => HearingOutcome::Held {
                statement: r.statement,
            },
        };
        HearingRecord {
            held_at: r.held_at,
            recorded_by: r.recorded_by,
            outcome,
        }
    }
}

impl From<&Hearing> for HearingV1 {
    fn from(h: &Hearing) -> Self {
        HearingV1 {
            at: h.at,
            place: h.place.clone(),
            online: h.online,
            scheduled: (&h.scheduled).into(),
            planned: h
                .planned
                .iter()
                .map(|p| PlannedV1 {
                    member: p.member.clone(),
                    grounds: grounds_to(&p.grounds),
                })
                .collect(),
            reschedules: h
                .reschedules
                .iter()
                .map(|r| RescheduleV1 {
                    asked_at: r.asked_at,
                    reason: r.reason.clone(),
                    previous: r.previous,
                })
                .collect(),
            requests: h
                .requests
                .iter()
                .map(|r| RequestV1 {
                    asked_at: r.asked_at,
                    reason: r.reason.clone(),
                })
                .collect(),
            record: h.record.as_ref().map(Into::into),
        }
    }
}

impl From<HearingV1> for Hearing {
    fn from(h: HearingV1) -> Self {
        Hearing {
            at: h.at,
            place: h.place,
            online: h.online,
            scheduled: h.scheduled.into(),
            planned: h
                .planned
                .into_iter()
                .map(|p| PlannedRefusal {
                    member: p.member,
                    grounds: grounds_from(p.grounds),
                })
                .collect(),
            reschedules: h
                .reschedules
                .into_iter()
                .map(|r| Reschedule {
                    asked_at: r.asked_at,
                    reason: r.reason,
                    previous: r.previous,
                })
                .collect(),
            requests: h
                .requests
                .into_iter()
                .map(|r| RescheduleRequest {
                    asked_at: r.asked_at,
                    reason: r.reason,
                })
                .collect(),
            record: h.record.map(Into::into),
        }
    }
}

impl From<&Commission> for CommissionV1 {
    fn from(c: &Commission) -> Self {
        CommissionV1 {
            sat_at: c.sat_at,
            recorded_by: c.recorded_by.clone(),
            protocol_number: c.protocol_number.clone(),
            members: c.members.clone(),
            recommendations: c
                .recommendations
                .iter()
                .map(|r| RecommendationV1 {
                    member: r.member.clone(),
                    recommendation: r.recommendation.into(),
                    reason: r.reason.clone(),
                })
                .collect(),
            video: VideoV1 {
                reference: c.video.reference.clone(),
                sha256: c.video.sha256.clone(),
            },
        }
    }
}

impl From<CommissionV1> for Commission {
    fn from(c: CommissionV1) -> Self {
        Commission {
            sat_at: c.sat_at,
            recorded_by: c.recorded_by,
            protocol_number: c.protocol_number,
            members: c.members,
            recommendations: c
                .recommendations
                .into_iter()
                .map(|r| PersonRecommendation {
                    member: r.member,
                    recommendation: r.recommendation.into(),
                    reason: r.reason,
                })
                .collect(),
            video: VideoRecord {
                reference: c.video.reference,
                sha256: c.video.sha256,
            },
        }
    }
}

impl From<&Review> for ReviewV1 {
    fn from(r: &Review) -> Self {
        ReviewV1 {
            completeness: r.completeness.as_ref().map(Into::into),
            commission: r.commission.as_ref().map(Into::into),
            hearing: r.hearing.as_ref().map(Into::into),
            proposal: r.proposal.as_ref().map(Into::into),
        }
    }
}

impl From<ReviewV1> for Review {
    fn from(r: ReviewV1) -> Self {
        Review {
            completeness: r.completeness.map(Into::into),
            commission: r.commission.map(Into::into),
            hearing: r.hearing.map(Into::into),
            proposal: r.proposal.map(Into::into),
        }
    }
}
