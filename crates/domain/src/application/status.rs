//! The status machine of an application (API.md's vocabulary) as an enum carrying its data.
//!
//! A transition is a pure method: it returns the new status with the audit entry it writes and
//! the notices it sends, or says why it is not allowed.

use crate::audit::AuditAction;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use super::notice::{Notice, NoticeRefusal};

use super::custody::MissingItem;
use super::review::{Check, Review};

use crate::codes::{
    ApplicationError, DecisionError, DeskError, ErrorCode, ReviewError, ServiceError,
};
use crate::deadline::Deadline;
use crate::duties::DutyError;
use crate::grounds::Ground;
use crate::ids::{MemberId, UserId};
use crate::numbers::CertificateNumber;

/// How the applicant signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureMethod {
    /// A one-time SMS password to the phone in the Mobile Citizens Database.
    Sms,
    /// An electronic digital signature through NCALayer.
    Eds,
    /// A handwritten signature on the paper application, recorded by the desk employee.
    Paper,
}

/// Registration of a signed application: the term starts to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// When it was received.
    pub registered_at: Timestamp,
    /// Acceptance day, due date and rule set.
    pub deadline: Deadline,
    /// How it was signed.
    pub signed_by: SignatureMethod,
    /// SHA-256 of the exact signed document, hex.
    pub document_sha256: String,
}

/// What was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// Status assigned: a certificate covering the applicant and these members.
    Assigned {
        /// The certificate's number.
        certificate: CertificateNumber,
        /// Last day of validity.
        valid_until: Date,
        /// Family members covered.
        members: Vec<MemberId>,
        /// Family members refused, each with grounds (the others are covered).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        refused_members: Vec<MemberRefusal>,
    },
    /// Status extended.
    Extended {
        /// New last day of validity.
        valid_until: Date,
    },
    /// Refused on the merits.
    Refused {
        /// The grounds, from the closed list.
        grounds: Vec<Ground>,
        /// The officer's explanation.
        comment: String,
    },
}

/// A family member refused while the applicant (and others) are assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRefusal {
    /// The member.
    pub member: MemberId,
    /// The grounds, from the closed list.
    pub grounds: Vec<Ground>,
    /// The officer's explanation.
    pub comment: String,
}

/// A decision by an officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// When.
    pub decided_at: Timestamp,
    /// Who.
    pub decided_by: UserId,
    /// What.
    pub outcome: Outcome,
    /// The head's sign-off (staged rule sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_off: Option<Check>,
}

impl Decision {
    /// Whether it refuses anyone: the applicant, or a family member.
    pub fn refuses_anyone(&self) -> bool {
        match &self.outcome {
            Outcome::Refused { .. } => true,
            Outcome::Assigned {
                refused_members, ..
            } => !refused_members.is_empty(),
            Outcome::Extended { .. } => false,
        }
    }
}

/// Where an application stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    /// Being filled in by the applicant.
    Draft,
    /// Signed and received; the term runs.
    Registered(Registration),
    /// Under review (staged rule sets): accepted as complete, reviewed by the commission, heard.
    InReview {
        /// The registration it followed.
        registration: Registration,
        /// The steps done so far.
        review: Review,
    },
    /// Decided: assigned, extended or refused.
    Decided {
        /// The registration it followed.
        registration: Registration,
        /// The decision.
        decision: Decision,
        /// The review it went through (empty under a single-step rule set).
        #[serde(default)]
        review: Review,
    },
    /// Refused at intake: the package was incomplete or had expired documents.
    RejectedAtIntake {
        /// When.
        at: Timestamp,
        /// Who refused to accept it.
        by: UserId,
        /// What was missing, line by line.
        missing: Vec<MissingItem>,
        /// The registration it followed, when the local executive body refused to accept a
        /// registered package (its date and term stay in view); `None` at a desk, where a
        /// refused package is never registered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        registration: Option<Registration>,
    },
    /// Withdrawn by the applicant.
    Withdrawn {
        /// When.
        at: Timestamp,
        /// The registration, if it had been registered.
        registration: Option<Registration>,
    },
}

impl Status {
    /// The status code of API.md.
    pub fn code(&self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Registered(_) => "registered",
            Status::InReview { review, .. } => review.code(),
            Status::Decided { decision, .. } => match decision.outcome {
                Outcome::Assigned { .. } => "assigned",
                Outcome::Extended { .. } => "extended",
                Outcome::Refused { .. } => "refused",
            },
            Status::RejectedAtIntake { .. } => "rejected_at_intake",
            Status::Withdrawn { .. } => "withdrawn",
        }
    }

    /// When the case closed (decided, refused at intake or withdrawn); open cases have none.
    pub fn closed_at(&self) -> Option<Timestamp> {
        match self {
            Status::Draft | Status::Registered(_) | Status::InReview { .. } => None,
            Status::Decided { decision, .. } => Some(decision.decided_at),
            Status::RejectedAtIntake { at, .. } | Status::Withdrawn { at, .. } => Some(*at),
        }
    }

    /// The registration, once registered.
    pub fn registration(&self) -> Option<&Registration> {
        match self {
            Status::Draft => None,
            Status::RejectedAtIntake { registration, .. } => registration.as_ref(),
            Status::Registered(r)
            | Status::InReview {
                registration: r, ..
            }
            | Status::Decided {
                registration: r, ..
            } => Some(r),
            Status::Withdrawn { registration, .. } => registration.as_ref(),
        }
    }

    /// Whether the case waits for a decision (the term matters).
    pub fn is_open(&self) -> bool {
        matches!(self, Status::Registered(_) | Status::InReview { .. })
    }

    /// The review so far (empty before one starts).
    pub fn review(&self) -> Option<&Review> {
        match self {
            Status::InReview { review, .. } | Status::Decided { review, .. } => Some(review),
            _ => None,
        }
    }
}

/// The audit entry a transition writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// The action.
    pub action: AuditAction,
    /// What changed.
    pub details: serde_json::Value,
}

/// A transition's result: the new status, its audit entry and its notices.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// The new status.
    pub status: Status,
    /// The audit entry.
    pub audit: AuditEntry,
    /// Notices to the applicant.
    pub notices: Vec<Notice>,
}

/// Why a transition is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    /// The application is not in a state that allows it.
    #[error("not allowed while the application is `{0}`")]
    WrongState(&'static str),
    /// Assign for an extension, or extend for an assignment.
    #[error("the outcome `{0}` does not fit this kind of application")]
    WrongOutcome(&'static str),
    /// A refusal without an explanation.
    #[error("a refusal must explain its grounds")]
    NoExplanation,
    /// A refusal to accept a package that lacks nothing.
    #[error("nothing is missing: the package must be accepted")]
    NothingMissing,
    /// Under a staged rule set the case is reviewed before it is decided.
    #[error("the rules in force ask for the review steps before a decision")]
    ReviewFirst,
    /// A step that only assignment applications have (the commission).
    #[error("this step is only for assignment applications")]
    AssignmentOnly,
    /// A refusal under a staged rule set needs a hearing first.
    #[error("a refusal needs a hearing first")]
    HearingFirst,
    /// The commission recommends refusing someone: the hearing comes before the decision.
    #[error("the commission recommends a refusal: schedule a hearing first")]
    HearingNeeded,
    /// The hearing was held already; it can no longer move.
    #[error("the hearing has been held")]
    AlreadyHeard,
    /// There is no proposed decision to sign off.
    #[error("there is no proposed decision to sign off")]
    NothingToSignOff,
    /// The commission's protocol lacks something.
    #[error("the commission's protocol is incomplete")]
    IncompleteProtocol,
    /// The hearing's notice does not say whose refusal is planned on which grounds, or leaves
    /// out someone the commission recommends refusing.
    #[error("the hearing must name each planned refusal with its grounds")]
    HearingPlanned,
    /// The hearing is set sooner after its notice than the rules allow.
    #[error("the hearing is too soon after its notice")]
    HearingNotice,
    /// The hearing is set outside its term.
    #[error("the hearing is outside its term")]
    HearingDate,
    /// A hearing is recorded before its time.
    #[error("the hearing's time has not come yet")]
    HearingNotYet,
    /// A refusal the hearing did not announce (another person, or other grounds).
    #[error("the hearing did not announce this refusal")]
    NotAnnounced,
    /// The official who proposed the decision cannot also sign it off.
    #[error("the official who proposed the decision cannot sign it off")]
    SameOfficial,
    /// A refusal to accept names a document the registries hold (never asked for).
    #[error("the registries hold this document; it was never asked for")]
    RegistryHeld,
    /// A refusal to accept names a document the checklist does not ask for.
    #[error("the checklist does not ask for this document")]
    NotInChecklist,
    /// The completeness check's term is over: the package can no longer be refused to accept.
    #[error("the completeness check's term is over")]
    CompletenessTermPassed,
    /// The working calendar could not answer.
    #[error("working calendar: {0}")]
    Calendar(#[from] crate::calendar::CalendarError),
}

impl TransitionError {
    /// The message id.
    pub fn code(&self) -> &'static str {
        self.error_code().code()
    }

    /// The typed error code.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            TransitionError::WrongState(_) => ApplicationError::WrongState.into(),
            TransitionError::WrongOutcome(_) => DecisionError::WrongOutcome.into(),
            TransitionError::NoExplanation => DecisionError::NoExplanation.into(),
            TransitionError::NothingMissing => DeskError::NothingMissing.into(),
            TransitionError::ReviewFirst => ReviewError::ReviewFirst.into(),
            TransitionError::AssignmentOnly => ReviewError::AssignmentOnly.into(),
            TransitionError::HearingFirst => ReviewError::HearingFirst.into(),
            TransitionError::HearingNeeded => ReviewError::HearingNeeded.into(),
            TransitionError::AlreadyHeard => ReviewError::AlreadyHeard.into(),
            TransitionError::NothingToSignOff => ReviewError::NothingToSignOff.into(),
            TransitionError::IncompleteProtocol => ReviewError::IncompleteProtocol.into(),
            TransitionError::HearingPlanned => ReviewError::HearingPlanned.into(),
            TransitionError::HearingNotice => ReviewError::HearingNotice.into(),
            TransitionError::HearingDate => ReviewError::HearingDate.into(),
            TransitionError::HearingNotYet => ReviewError::HearingNotYet.into(),
            TransitionError::NotAnnounced => ReviewError::RefusalNotHeard.into(),
            TransitionError::SameOfficial => DutyError::SameOfficial.into(),
            TransitionError::RegistryHeld => ReviewError::RegistryHeld.into(),
            TransitionError::NotInChecklist => ReviewError::NotInChecklist.into(),
            TransitionError::CompletenessTermPassed => ReviewError::CompletenessTermPassed.into(),
            TransitionError::Calendar(_) => ServiceError::Internal.into(),
        }
    }
}

#[cfg(test)]
mod tests;
