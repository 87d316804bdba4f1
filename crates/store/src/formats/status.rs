//! `applications.status_json`: where an application stands, version 1, tagged by `status`.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_domain::application::custody::MissingItem;
use kandas_domain::application::review::Check;
use kandas_domain::application::status::{Decision, MemberRefusal, Outcome, Registration, Status};
use kandas_domain::deadline::{Deadline, Suspension};
use kandas_domain::grounds::Ground;
use kandas_domain::ids::{MemberId, UserId};
use kandas_domain::numbers::CertificateNumber;
use serde::{Deserialize, Serialize};

use super::Versioned;
use super::codes::{StoredDocumentType, StoredKind, StoredShortfall, StoredSignatureMethod};
use super::review::ReviewV1;

/// The stored status.
pub(crate) type StoredStatus = Versioned<StatusV1>;

/// Version 1 of the status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status")]
pub(crate) enum StatusV1 {
    #[serde(rename = "draft")]
    Draft,
    #[serde(rename = "registered")]
    Registered(RegistrationV1),
    #[serde(rename = "in_review")]
    InReview {
        #[serde(rename = "registration")]
        registration: RegistrationV1,
        #[serde(rename = "review")]
        review: ReviewV1,
    },
    #[serde(rename = "decided")]
    Decided {
        #[serde(rename = "registration")]
        registration: RegistrationV1,
        #[serde(rename = "decision")]
        decision: DecisionV1,
        #[serde(rename = "review", default)]
        review: ReviewV1,
    },
    #[serde(rename = "rejected_at_intake")]
    RejectedAtIntake {
        #[serde(rename = "at")]
        at: Timestamp,
        #[serde(rename = "by")]
        by: UserId,
        #[serde(rename = "missing")]
        missing: Vec<MissingV1>,
        #[serde(
            rename = "registration",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        registration: Option<RegistrationV1>,
    },
    #[serde(rename = "withdrawn")]
    Withdrawn {
        #[serde(rename = "at")]
        at: Timestamp,
        #[serde(rename = "registration", default)]
        registration: Option<RegistrationV1>,
    },
}

/// A registration: the term runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RegistrationV1 {
    #[serde(rename = "registered_at")]
    registered_at: Timestamp,
    #[serde(rename = "deadline")]
    deadline: DeadlineV1,
    #[serde(rename = "signed_by")]
    signed_by: StoredSignatureMethod,
    #[serde(rename = "document_sha256")]
    document_sha256: String,
}

/// Acceptance day, due date and rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DeadlineV1 {
    #[serde(rename = "accepted")]
    accepted: Date,
    #[serde(rename = "due")]
    due: Date,
    #[serde(rename = "rule_set")]
    rule_set: String,
    #[serde(
        rename = "suspension",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    suspension: Option<SuspensionV1>,
}

/// The term standing still for a hearing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SuspensionV1 {
    #[serde(rename = "from")]
    from: Date,
    #[serde(rename = "to")]
    to: Date,
    #[serde(rename = "working_days")]
    working_days: u32,
    #[serde(rename = "original_due")]
    original_due: Date,
}

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

/// A document line missing something at intake.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct MissingV1 {
    #[serde(rename = "document")]
    document: StoredDocumentType,
    #[serde(rename = "member", default)]
    member: Option<MemberId>,
    #[serde(rename = "shortfall")]
    shortfall: StoredShortfall,
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

impl From<&Registration> for RegistrationV1 {
    fn from(r: &Registration) -> Self {
        let d = &r.deadline;
        RegistrationV1 {
            registered_at: r.registered_at,
            deadline: DeadlineV1 {
                accepted: d.accepted,
                due: d.due,
                rule_set: d.rule_set.clone(),
                suspension: d.suspension.map(|s| SuspensionV1 {
                    from: s.from,
                    to: s.to,
                    working_days: s.working_days,
                    original_due: s.original_due,
                }),
            },
            signed_by: r.signed_by.into(),
            document_sha256: r.document_sha256.clone(),
        }
    }
}

impl From<RegistrationV1> for Registration {
    fn from(r: RegistrationV1) -> Self {
        let d = r.deadline;
        Registration {
            registered_at: r.registered_at,
            deadline: Deadline {
                accepted: d.accepted,
                due: d.due,
                rule_set: d.rule_set,
                suspension: d.suspension.map(|s| Suspension {
                    from: s.from,
                    to: s.to,
                    working_days: s.working_days,
                    original_due: s.original_due,
                }),
            },
            signed_by: r.signed_by.into(),
            document_sha256: r.document_sha256,
        }
    }
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

impl From<&MissingItem> for MissingV1 {
    fn from(m: &MissingItem) -> Self {
        MissingV1 {
            document: m.document.into(),
            member: m.member.clone(),
            shortfall: m.shortfall.into(),
        }
    }
}

impl From<MissingV1> for MissingItem {
    fn from(m: MissingV1) -> Self {
        MissingItem {
            document: m.document.into(),
            member: m.member,
            shortfall: m.shortfall.into(),
        }
    }
}

impl From<&Status> for StoredStatus {
    fn from(s: &Status) -> Self {
        Versioned::new(match s {
            Status::Draft => StatusV1::Draft,
            Status::Registered(r) => StatusV1::Registered(r.into()),
            Status::InReview {
                registration,
                review,
            } => StatusV1::InReview {
                registration: registration.into(),
                review: review.into(),
            },
            Status::Decided {
                registration,
                decision,
                review,
            } => StatusV1::Decided {
                registration: registration.into(),
                decision: decision.into(),
                review: review.into(),
            },
            Status::RejectedAtIntake {
                at,
                by,
                missing,
                registration,
            } => StatusV1::RejectedAtIntake {
                at: *at,
                by: by.clone(),
                missing: missing.iter().map(Into::into).collect(),
                registration: registration.as_ref().map(Into::into),
            },
            Status::Withdrawn { at, registration } => StatusV1::Withdrawn {
                at: *at,
                registration: registration.as_ref().map(Into::into),
            },
        })
    }
}

impl From<StoredStatus> for Status {
    fn from(stored: StoredStatus) -> Self {
        match stored.into_body() {
            StatusV1::Draft => Status::Draft,
            StatusV1::Registered(r) => Status::Registered(r.into()),
            StatusV1::InReview {
                registration,
                review,
            } => Status::InReview {
                registration: registration.into(),
                review: review.into(),
            },
            StatusV1::Decided {
                registration,
                decision,
                review,
            } => Status::Decided {
                registration: registration.into(),
                decision: decision.into(),
                review: review.into(),
            },
            StatusV1::RejectedAtIntake {
                at,
                by,
                missing,
                registration,
            } => Status::RejectedAtIntake {
                at,
                by,
                missing: missing.into_iter().map(Into::into).collect(),
                registration: registration.map(Into::into),
            },
            StatusV1::Withdrawn { at, registration } => Status::Withdrawn {
                at,
                registration: registration.map(Into::into),
            },
        }
    }
}
