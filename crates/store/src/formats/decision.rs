//! The decision inside a stored status (version 1): its outcome, the grounds as they stood
//! when used, and the checks of who did a step when.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_domain::application::review::Check;
use kandas_domain::application::status::{Decision, MemberRefusal, Outcome};
use kandas_domain::grounds::Ground;
use kandas_domain::ids::{MemberId, UserId};
use kandas_domain::numbers::CertificateNumber;
use serde::{Deserialize, Serialize};

use super::codes::StoredKind;

/// A decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DecisionV1 {
    #[serde(rename = "decided_at")]
    decided_at: Timestamp,
    #[serde(rename = "decided_by")]
    decided_by: UserId,
    #[serde(rename = "outcome")]
    outcome: OutcomeV1,
    #[serde(
        rename = "signed_off",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    signed_off: Option<CheckV1>,
}

/// What was decided, tagged by `outcome`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome")]
pub(crate) enum OutcomeV1 {
    #[serde(rename = "assigned")]
    Assigned {
        #[serde(rename = "certificate")]
        certificate: CertificateNumber,
        #[serde(rename = "valid_until")]
        valid_until: Date,
        #[serde(rename = "members")]
        members: Vec<MemberId>,
        #[serde(
            rename = "refused_members",
            default,
            skip_serializing_if = "Vec::is_empty"
        )]
        refused_members: Vec<MemberRefusalV1>,
    },
    #[serde(rename = "extended")]
    Extended {
        #[serde(rename = "valid_until")]
        valid_until: Date,
    },
    #[serde(rename = "refused")]
    Refused {
        #[serde(rename = "grounds")]
        grounds: Vec<GroundV1>,
        #[serde(rename = "comment")]
        comment: String,
    },
}

/// A family member refused while the others are assigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct MemberRefusalV1 {
    #[serde(rename = "member")]
    member: MemberId,
    #[serde(rename = "grounds")]
    grounds: Vec<GroundV1>,
    #[serde(rename = "comment")]
    comment: String,
}

/// A ground of refusal as it stood when it was used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct GroundV1 {
    #[serde(rename = "code")]
    code: String,
    #[serde(rename = "kinds")]
    kinds: Vec<StoredKind>,
    #[serde(rename = "legal_basis")]
    legal_basis: String,
}

/// Who did a step, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CheckV1 {
    #[serde(rename = "at")]
    at: Timestamp,
    #[serde(rename = "by")]
    by: UserId,
}

impl From<&Check> for CheckV1 {
    fn from(c: &Check) -> Self {
        CheckV1 {
            at: c.at,
            by: c.by.clone(),
        }
    }
}

impl From<CheckV1> for Check {
    fn from(c: CheckV1) -> Self {
        Check { at: c.at, by: c.by }
    }
}

impl From<&Ground> for GroundV1 {
    fn from(g: &Ground) -> Self {
        GroundV1 {
            code: g.code.clone(),
            kinds: g.kinds.iter().map(|k| (*k).into()).collect(),
            legal_basis: g.legal_basis.clone(),
        }
    }
}

impl From<GroundV1> for Ground {
    fn from(g: GroundV1) -> Self {
        Ground {
            code: g.code,
            kinds: g.kinds.into_iter().map(Into::into).collect(),
            legal_basis: g.legal_basis,
        }
    }
}

pub(super) fn grounds_to(grounds: &[Ground]) -> Vec<GroundV1> {
    grounds.iter().map(Into::into).collect()
}

pub(super) fn grounds_from(grounds: Vec<GroundV1>) -> Vec<Ground> {
    grounds.into_iter().map(Into::into).collect()
}

impl From<&Outcome> for OutcomeV1 {
    fn from(o: &Outcome) -> Self {
        match o {
            Outcome::Assigned {
                certificate,
                valid_until,
                members,
                refused_members,
            } => OutcomeV1::Assigned {
                certificate: certificate.clone(),
                valid_until: *valid_until,
                members: members.clone(),
                refused_members: refused_members
                    .iter()
                    .map(|r| MemberRefusalV1 {
                        member: r.member.clone(),
                        grounds: grounds_to(&r.grounds),
                        comment: r.comment.clone(),
                    })
                    .collect(),
            },
            Outcome::Extended { valid_until } => OutcomeV1::Extended {
                valid_until: *valid_until,
            },
            Outcome::Refused { grounds, comment } => OutcomeV1::Refused {
                grounds: grounds_to(grounds),
                comment: comment.clone(),
            },
        }
    }
}

impl From<OutcomeV1> for Outcome {
    fn from(o: OutcomeV1) -> Self {
        match o {
            OutcomeV1::Assigned {
                certificate,
                valid_until,
                members,
                refused_members,
            } => Outcome::Assigned {
                certificate,
                valid_until,
                members,
                refused_members: refused_members
                    .into_iter()
                    .map(|r| MemberRefusal {
                        member: r.member,
                        grounds: grounds_from(r.grounds),
                        comment: r.comment,
                    })
                    .collect(),
            },
            OutcomeV1::Extended { valid_until } => Outcome::Extended { valid_until },
            OutcomeV1::Refused { grounds, comment } => Outcome::Refused {
                grounds: grounds_from(grounds),
                comment,
            },
        }
    }
}

impl From<&Decision> for DecisionV1 {
    fn from(d: &Decision) -> Self {
        DecisionV1 {
            decided_at: d.decided_at,
            decided_by: d.decided_by.clone(),
            outcome: (&d.outcome).into(),
            signed_off: d.signed_off.as_ref().map(Into::into),
        }
    }
}

impl From<DecisionV1> for Decision {
    fn from(d: DecisionV1) -> Self {
        Decision {
            decided_at: d.decided_at,
            decided_by: d.decided_by,
            outcome: d.outcome.into(),
            signed_off: d.signed_off.map(Into::into),
        }
    }
}
