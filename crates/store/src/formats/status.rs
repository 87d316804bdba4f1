//! `applications.status_json`: where an application stands, version 1, tagged by `status`.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_domain::application::custody::MissingItem;
use kandas_domain::application::status::{Registration, Status};
use kandas_domain::deadline::{Deadline, Suspension};
use kandas_domain::ids::{MemberId, UserId};
use serde::{Deserialize, Serialize};

use super::Versioned;
use super::codes::{StoredDocumentType, StoredShortfall, StoredSignatureMethod};
use super::decision::DecisionV1;
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
