//! The staged review (rule sets from 26 October 2025): the completeness check, the commission,
//! the hearing before a planned refusal, the officer's proposal and the head's sign-off. Each
//! transition is pure, like those of `transitions.rs`.

use jiff::Timestamp;
use serde_json::json;

use super::custody::MissingItem;
use super::review::{
    Check, Commission, Hearing, HearingRecord, Reschedule, RescheduleRequest, Review,
};
use super::status::{
    AuditEntry, Decision, Notice, REFUSE_INTAKE_ACTION, Registration, Status, Transition,
    TransitionError,
};
use super::{Application, Kind};
use crate::rules::Workflow;

/// The audit action of the completeness check.
pub const COMPLETENESS_ACTION: &str = "application.accept";
/// The audit action of recording the commission's protocol.
pub const COMMISSION_ACTION: &str = "application.commission";
/// The audit action of scheduling (or moving) the hearing.
pub const HEARING_ACTION: &str = "application.hearing";
/// The audit action of recording what was said at the hearing.
pub const HEARD_ACTION: &str = "application.heard";
/// The audit action of the applicant's request to move the hearing.
pub const RESCHEDULE_REQUEST_ACTION: &str = "application.hearing-request";
/// The audit action of proposing the decision.
pub const PROPOSE_ACTION: &str = "application.propose";

impl Application {
    fn in_review(&self) -> Result<(&Registration, &Review), TransitionError> {
        match &self.status {
            Status::InReview {
                registration,
                review,
            } => Ok((registration, review)),
            other => Err(TransitionError::WrongState(other.code())),
        }
    }

    fn reviewed(
        &self,
        registration: &Registration,
        review: Review,
        audit: AuditEntry,
    ) -> Transition {
        Transition {
            status: Status::InReview {
                registration: registration.clone(),
                review,
            },
            audit,
            notices: Vec::new(),
        }
    }

    /// Registered → accepted: the local executive body found the package complete.
    pub fn accept_complete(
        &self,
        check: Check,
        workflow: Workflow,
    ) -> Result<Transition, TransitionError> {
        let Status::Registered(registration) = &self.status else {
            return Err(TransitionError::WrongState(self.status.code()));
        };
        if workflow == Workflow::SingleStep {
            return Err(TransitionError::WrongState(self.status.code()));
        }
        let review = Review {
            completeness: Some(check.clone()),
            ..Review::default()
        };
        let audit = AuditEntry {
            action: COMPLETENESS_ACTION,
            details: json!({ "at": check.at }),
        };
        let mut t = self.reviewed(registration, review, audit);
        t.notices.push(Notice::Accepted {
            number: self.number.to_string(),
        });
        Ok(t)
    }

    /// Registered → refused to accept: the local executive body found the package incomplete
    /// or a document expired; the notice names what is missing.
    pub fn refuse_incomplete(
        &self,
        check: Check,
        missing: Vec<MissingItem>,
    ) -> Result<Transition, TransitionError> {
        let Status::Registered(registration) = &self.status else {
            return Err(TransitionError::WrongState(self.status.code()));
        };
        if missing.is_empty() {
            return Err(TransitionError::NothingMissing);
        }
        Ok(Transition {
            audit: AuditEntry {
                action: REFUSE_INTAKE_ACTION,
                details: json!({ "missing": missing }),
            },
            notices: vec![Notice::rejected_at_intake(
                self,
                &missing,
                Some(crate::deadline::almaty_date(registration.registered_at)),
            )],
            status: Status::RejectedAtIntake {
                at: check.at,
                by: check.by,
                missing,
                registration: Some(registration.clone()),
            },
        })
    }

    /// Accepted → under review: the commission's protocol, one recommendation per person.
    pub fn record_commission(&self, commission: Commission) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        if self.kind != Kind::Assignment {
            return Err(TransitionError::AssignmentOnly);
        }
        if review.commission.is_some() || review.proposal.is_some() {
            return Err(TransitionError::WrongState(self.status.code()));
        }
        let people = 1 + self.form.members.len();
        let covers_everyone = commission.recommendations.len() == people
            && self.form.members.iter().all(|m| {
                commission
                    .recommendations
                    .iter()
                    .any(|r| r.member.as_ref() == Some(&m.id))
            })
            && commission
                .recommendations
                .iter()
                .any(|r| r.member.is_none());
        let video_hash = commission.video.sha256.len() == 64
            && commission
                .video
                .sha256
                .bytes()
                .all(|b| b.is_ascii_hexdigit());
        if !covers_everyone
            || !video_hash
            || commission.members.is_empty()
            || commission.protocol_number.trim().is_empty()
            || commission.video.reference.trim().is_empty()
        {
            return Err(TransitionError::IncompleteProtocol);
        }
        let audit = AuditEntry {
            action: COMMISSION_ACTION,
            details: json!({
                "protocol": commission.protocol_number,
                "video_sha256": commission.video.sha256,
                "recommendations": commission.recommendations,
            }),
        };
        let review = Review {
            commission: Some(commission),
            ..review.clone()
        };
        Ok(self.reviewed(registration, review, audit))
    }

    /// Under review → hearing: a refusal is recommended, so the applicant is heard first.
    pub fn schedule_hearing(&self, hearing: Hearing) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        // A refusal is planned by the commission's recommendation or by the officer; an
        // assignment is heard once its commission has sat, an extension (no commission) at once.
        if self.kind == Kind::Assignment && review.commission.is_none() {
            return Err(TransitionError::ReviewFirst);
        }
        if review.hearing.is_some() || review.proposal.is_some() {
            return Err(TransitionError::WrongState(self.status.code()));
        }
        let mut t = self.heard(registration, review, hearing, "scheduled");
        t.audit.action = HEARING_ACTION;
        Ok(t)
    }

    /// The applicant asked to move the hearing, for a reason: a new time and place.
    pub fn reschedule_hearing(
        &self,
        asked: Reschedule,
        at: Timestamp,
        place: String,
        online: bool,
    ) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        let Some(current) = &review.hearing else {
            return Err(TransitionError::WrongState(self.status.code()));
        };
        if current.record.is_some() {
            return Err(TransitionError::AlreadyHeard);
        }
        let mut moved = current.clone();
        moved.reschedules.push(asked);
        moved.at = at;
        moved.place = place;
        moved.online = online;
        let mut t = self.heard(registration, review, moved, "rescheduled");
        t.audit.action = HEARING_ACTION;
        Ok(t)
    }

    /// The applicant asks to move the hearing, for a reason; the officer sets the new time.
    pub fn ask_to_reschedule(
        &self,
        request: RescheduleRequest,
    ) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        let Some(current) = &review.hearing else {
            return Err(TransitionError::WrongState(self.status.code()));
        };
        if current.record.is_some() {
            return Err(TransitionError::AlreadyHeard);
        }
        let mut asked = current.clone();
        let audit = AuditEntry {
            action: RESCHEDULE_REQUEST_ACTION,
            details: json!({ "reason": request.reason, "hearing_at": current.at }),
        };
        asked.requests.push(request);
        let review = Review {
            hearing: Some(asked),
            ..review.clone()
        };
        Ok(self.reviewed(registration, review, audit))
    }

    /// What was said at the hearing.
    pub fn record_hearing(&self, record: HearingRecord) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        let Some(current) = &review.hearing else {
            return Err(TransitionError::WrongState(self.status.code()));
        };
        if current.record.is_some() {
            return Err(TransitionError::AlreadyHeard);
        }
        let held = Hearing {
            record: Some(record),
            ..current.clone()
        };
        let mut t = self.heard(registration, review, held, "held");
        t.audit.action = HEARD_ACTION;
        t.notices.clear();
        Ok(t)
    }

    fn heard(
        &self,
        registration: &Registration,
        review: &Review,
        hearing: Hearing,
        what: &str,
    ) -> Transition {
        let audit = AuditEntry {
            action: HEARING_ACTION,
            details: json!({ what: hearing.at, "place": hearing.place, "online": hearing.online }),
        };
        let notice = Notice::HearingScheduled {
            number: self.number.to_string(),
            at: hearing.at,
            place: hearing.place.clone(),
        };
        let review = Review {
            hearing: Some(hearing),
            ..review.clone()
        };
        let mut t = self.reviewed(registration, review, audit);
        t.notices.push(notice);
        t
    }

    /// The officer proposes the decision, for the head to sign off. An assignment needs the
    /// commission's protocol; a refusal of anyone needs the hearing held (when the rules have
    /// hearings); a recommended refusal needs the hearing whatever is proposed.
    pub fn propose(
        &self,
        decision: Decision,
        workflow: Workflow,
    ) -> Result<Transition, TransitionError> {
        if matches!(self.status, Status::Registered(_)) {
            return Err(TransitionError::ReviewFirst);
        }
        let (registration, review) = self.in_review()?;
        if review.proposal.is_some() {
            return Err(TransitionError::WrongState(self.status.code()));
        }
        self.check_outcome(&decision)?;
        if self.kind == Kind::Assignment && review.commission.is_none() {
            return Err(TransitionError::ReviewFirst);
        }
        let hearings = matches!(workflow, Workflow::Staged { hearing: true });
        let recommended_refusal = review
            .commission
            .as_ref()
            .is_some_and(Commission::recommends_a_refusal);
        if hearings && recommended_refusal && !review.heard() {
            return Err(TransitionError::HearingNeeded);
        }
        if hearings && decision.refuses_anyone() && !review.heard() {
            return Err(TransitionError::HearingFirst);
        }
        let audit = AuditEntry {
            action: PROPOSE_ACTION,
            details: json!({ "decision": decision }),
        };
        let review = Review {
            proposal: Some(decision),
            ..review.clone()
        };
        Ok(self.reviewed(registration, review, audit))
    }

    /// The head signs the proposed decision off: the case is decided. An assigned status runs
    /// from the sign-off: `valid_until` replaces the proposal's.
    pub fn sign_off(
        &self,
        check: Check,
        valid_until: Option<jiff::civil::Date>,
    ) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        let Some(proposal) = &review.proposal else {
            return Err(TransitionError::NothingToSignOff);
        };
        let mut decision = Decision {
            signed_off: Some(check),
            ..proposal.clone()
        };
        if let (
            super::status::Outcome::Assigned {
                valid_until: until, ..
            },
            Some(new),
        ) = (&mut decision.outcome, valid_until)
        {
            *until = new;
        }
        let review = Review {
            proposal: None,
            ..review.clone()
        };
        Ok(self.decided(registration, decision, review))
    }
}

#[cfg(test)]
mod tests;
