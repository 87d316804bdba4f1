//! The bodies the office sends to record a step of the review: the completeness check, the
//! commission's protocol, the hearing and what was said at it.

use jiff::Timestamp;
use kandas_app::AppError;
use kandas_app::staff::review::{
    self, CommissionInput, CompletenessInput, HeardInput, HearingInput, MissingInput, PlannedInput,
    RecommendationInput,
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::codes::{DocumentTypeCode, RecommendationCode, ShortfallCode};

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

impl TryFrom<CompletenessBody> for CompletenessInput {
    type Error = AppError;

    fn try_from(b: CompletenessBody) -> Result<Self, AppError> {
        let missing = b
            .missing
            .into_iter()
            .map(|m| {
                Ok(MissingInput {
                    document: review::document(&m.document)?,
                    member: review::member(m.member.as_deref())?,
                    shortfall: review::shortfall(&m.shortfall)?,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(CompletenessInput {
            complete: b.complete,
            missing,
            version: b.version,
        })
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

impl TryFrom<CommissionBody> for CommissionInput {
    type Error = AppError;

    fn try_from(b: CommissionBody) -> Result<Self, AppError> {
        let recommendations = b
            .recommendations
            .into_iter()
            .map(|r| {
                Ok(RecommendationInput {
                    member: review::member(r.member.as_deref())?,
                    recommendation: review::recommendation(&r.recommendation)?,
                    reason: r.reason,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(CommissionInput {
            protocol_number: b.protocol_number,
            members: b.members,
            recommendations,
            video_reference: b.video_reference,
            video_sha256: b.video_sha256,
            version: b.version,
        })
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

impl TryFrom<HearingBody> for HearingInput {
    type Error = AppError;

    fn try_from(b: HearingBody) -> Result<Self, AppError> {
        let planned = b
            .planned
            .into_iter()
            .map(|p| {
                Ok(PlannedInput {
                    member: review::member(p.member.as_deref())?,
                    grounds: review::planned_grounds(p.grounds.iter().map(String::as_str))?,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(HearingInput {
            at: b.at,
            place: b.place,
            online: b.online,
            planned,
            reason: b.reason,
            version: b.version,
        })
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
