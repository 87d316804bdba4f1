//! The staged review (rule sets from 26 October 2025): the completeness check, the commission,
//! the hearing before a planned refusal, the officer's proposal and the head's sign-off. Each
//! transition is pure, like those of `transitions.rs`.

use crate::audit::AuditAction;
use jiff::civil::Date;
use serde_json::json;

use super::custody::MissingItem;
use super::document::{ChecklistItem, Provision};
use super::hearing::recommended_refusal;
use super::review::{Check, Commission, Review};
use super::status::{
    AuditEntry, Decision, Notice, Registration, Status, Transition, TransitionError,
};
use super::{Application, Kind};
use crate::rules::{Duties, Workflow};

impl Application {
    pub(super) fn in_review(&self) -> Result<(&Registration, &Review), TransitionError> {
        match &self.status {
            Status::InReview {
                registration,
                review,
            } => Ok((registration, review)),
            other => Err(TransitionError::WrongState(other.code())),
        }
    }

    pub(super) fn reviewed(
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
            action: AuditAction::ApplicationAccept,
            details: json!({ "at": check.at }),
        };
        let mut t = self.reviewed(registration, review, audit);
        t.notices.push(Notice::Accepted {
            number: self.number.to_string(),
        });
        Ok(t)
    }

    /// Registered → refused to accept: the local executive body found the package incomplete
    /// or a document expired; the notice names what is missing. Only lines the applicant had to
    /// provide can be missing (what the registries hold was never asked for), and only within
    /// the completeness check's term (`due`, seen on `today`).
    pub fn refuse_incomplete(
        &self,
        check: Check,
        missing: Vec<MissingItem>,
        checklist: &[ChecklistItem],
        (today, due): (Date, Date),
    ) -> Result<Transition, TransitionError> {
        let Status::Registered(registration) = &self.status else {
            return Err(TransitionError::WrongState(self.status.code()));
        };
        if missing.is_empty() {
            return Err(TransitionError::NothingMissing);
        }
        for item in &missing {
            let line = checklist
                .iter()
                .find(|l| l.document == item.document && l.member == item.member);
            match line.map(|l| l.provision) {
                None => return Err(TransitionError::NotInChecklist),
                Some(Provision::Registry(_)) => return Err(TransitionError::RegistryHeld),
                Some(Provision::Upload) => {}
            }
        }
        if today > due {
            return Err(TransitionError::CompletenessTermPassed);
        }
        Ok(Transition {
            audit: AuditEntry {
                action: AuditAction::ApplicationRefuseIntake,
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
            action: AuditAction::ApplicationCommission,
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
        if hearings && recommended_refusal(review) && !review.heard() {
            return Err(TransitionError::HearingNeeded);
        }
        if hearings && decision.refuses_anyone() && !review.heard() {
            return Err(TransitionError::HearingFirst);
        }
        if hearings {
            self.check_announced(review, &decision)?;
        }
        let audit = AuditEntry {
            action: AuditAction::ApplicationPropose,
            details: json!({ "decision": decision }),
        };
        let review = Review {
            proposal: Some(decision),
            ..review.clone()
        };
        Ok(self.reviewed(registration, review, audit))
    }

    /// The head signs the proposed decision off: the case is decided. An assigned status runs
    /// from the sign-off: `valid_until` replaces the proposal's. The head who signs off is never
    /// the official who proposed it, when the rule set's duties say so.
    pub fn sign_off(
        &self,
        check: Check,
        valid_until: Option<Date>,
        duties: &Duties,
    ) -> Result<Transition, TransitionError> {
        let (registration, review) = self.in_review()?;
        let Some(proposal) = &review.proposal else {
            return Err(TransitionError::NothingToSignOff);
        };
        if crate::duties::may_confirm(duties, &proposal.decided_by, &check.by).is_err() {
            return Err(TransitionError::SameOfficial);
        }
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
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
