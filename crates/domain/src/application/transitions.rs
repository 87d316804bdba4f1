//! The transitions of a draft and of a case under a single-step rule set: submit, decide,
//! refuse at intake, withdraw. Each is a pure method returning the new status with the audit
//! entry it writes and the notices it sends, or why it is not allowed.

use crate::audit::AuditAction;
use jiff::Timestamp;
use serde_json::json;

use super::custody::MissingItem;
use super::review::Review;
use super::status::{
    AuditEntry, Decision, Notice, Outcome, Registration, Status, Transition, TransitionError,
};
use super::{Application, Kind};
use crate::ids::UserId;
use crate::rules::Workflow;

impl Application {
    /// Draft → registered, once signed.
    pub fn submit(&self, registration: Registration) -> Result<Transition, TransitionError> {
        if self.status != Status::Draft {
            return Err(TransitionError::WrongState(self.status.code()));
        }
        let notice = Notice::Registered {
            number: self.number.to_string(),
            due: registration.deadline.due,
        };
        Ok(Transition {
            audit: AuditEntry {
                action: AuditAction::ApplicationSubmit,
                details: json!({
                    "signed_by": registration.signed_by,
                    "document_sha256": registration.document_sha256,
                    "due": registration.deadline.due.to_string(),
                    "rule_set": registration.deadline.rule_set,
                }),
            },
            status: Status::Registered(registration),
            notices: vec![notice],
        })
    }

    /// Registered → assigned, extended or refused, in one step: only under a single-step rule
    /// set (a staged one goes through the review and the head's sign-off).
    pub fn decide(
        &self,
        decision: Decision,
        workflow: Workflow,
    ) -> Result<Transition, TransitionError> {
        let Status::Registered(registration) = &self.status else {
            return Err(TransitionError::WrongState(self.status.code()));
        };
        if workflow != Workflow::SingleStep {
            return Err(TransitionError::ReviewFirst);
        }
        self.check_outcome(&decision)?;
        Ok(self.decided(registration, decision, Review::default()))
    }

    /// The outcome fits the kind, and every refusal explains itself.
    pub(super) fn check_outcome(&self, decision: &Decision) -> Result<(), TransitionError> {
        match (&decision.outcome, self.kind) {
            (Outcome::Assigned { .. }, Kind::Extension) => {
                Err(TransitionError::WrongOutcome("assign"))
            }
            (Outcome::Extended { .. }, Kind::Assignment) => {
                Err(TransitionError::WrongOutcome("extend"))
            }
            (Outcome::Refused { comment, .. }, _) if comment.trim().is_empty() => {
                Err(TransitionError::NoExplanation)
            }
            (
                Outcome::Assigned {
                    refused_members, ..
                },
                _,
            ) if refused_members.iter().any(|m| m.comment.trim().is_empty()) => {
                Err(TransitionError::NoExplanation)
            }
            _ => Ok(()),
        }
    }

    /// The decided status, its audit entry and the applicant's notice.
    pub(super) fn decided(
        &self,
        registration: &Registration,
        decision: Decision,
        review: Review,
    ) -> Transition {
        let status = Status::Decided {
            registration: registration.clone(),
            decision: decision.clone(),
            review,
        };
        Transition {
            audit: AuditEntry {
                action: AuditAction::ApplicationDecide,
                details: json!({ "decision": decision }),
            },
            notices: vec![Notice::decided(self, &decision, status.code())],
            status,
        }
    }

    /// Draft → refused at intake: the desk found the package incomplete. Nothing is sent on.
    pub fn refuse_intake(
        &self,
        at: Timestamp,
        by: UserId,
        missing: Vec<MissingItem>,
    ) -> Result<Transition, TransitionError> {
        if self.status != Status::Draft {
            return Err(TransitionError::WrongState(self.status.code()));
        }
        if missing.is_empty() {
            return Err(TransitionError::NothingMissing);
        }
        Ok(Transition {
            audit: AuditEntry {
                action: AuditAction::ApplicationRefuseIntake,
                details: json!({ "missing": missing }),
            },
            notices: vec![Notice::rejected_at_intake(self, &missing, None)],
            status: Status::RejectedAtIntake {
                at,
                by,
                missing,
                registration: None,
            },
        })
    }

    /// Draft, registered or under review (before the decision) → withdrawn, at the applicant's
    /// request. A submitted case's withdrawal is notified; a draft's is only the applicant's own.
    pub fn withdraw(&self, at: Timestamp) -> Result<Transition, TransitionError> {
        let (registration, step) = match &self.status {
            Status::Draft => (None, "draft"),
            Status::Registered(r) => (Some(r.clone()), "registered"),
            Status::InReview {
                registration,
                review,
            } => (Some(registration.clone()), review.code()),
            other => return Err(TransitionError::WrongState(other.code())),
        };
        let notices = if registration.is_some() {
            vec![Notice::Withdrawn {
                number: self.number.to_string(),
            }]
        } else {
            Vec::new()
        };
        Ok(Transition {
            status: Status::Withdrawn { at, registration },
            audit: AuditEntry {
                action: AuditAction::ApplicationWithdraw,
                details: json!({ "from": step }),
            },
            notices,
        })
    }
}
