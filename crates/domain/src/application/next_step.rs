//! The next step of an open case under its rule set's workflow: what the office does next
//! (the queue's "step" column, its filter, and the form the case page offers).

use super::review::{Commission, Review};
use super::status::Status;
use super::{Application, Kind};
use crate::rules::Workflow;

/// What an open case waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The completeness check of the package (staged rules).
    Completeness,
    /// The commission's sitting (an assignment under staged rules).
    Commission,
    /// A recommended refusal: the hearing is to be scheduled.
    HearingSchedule,
    /// The hearing is scheduled and not yet recorded.
    Hearing,
    /// The officer decides (or proposes the decision).
    Decision,
    /// The head signs the officer's proposal off.
    SignOff,
}

impl Step {
    /// Every step, in the order a case goes through them.
    pub const ALL: [Step; 6] = [
        Step::Completeness,
        Step::Commission,
        Step::HearingSchedule,
        Step::Hearing,
        Step::Decision,
        Step::SignOff,
    ];

    /// The stable code (`step-…` message ids).
    pub fn code(self) -> &'static str {
        match self {
            Step::Completeness => "completeness",
            Step::Commission => "commission",
            Step::HearingSchedule => "hearing-schedule",
            Step::Hearing => "hearing",
            Step::Decision => "decision",
            Step::SignOff => "sign-off",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Whether a recommended refusal first gets a hearing under this workflow.
pub fn hearings(workflow: Option<Workflow>) -> bool {
    matches!(workflow, Some(Workflow::Staged { hearing: true }))
}

/// The next step of `application` under `workflow`; none once it is closed (or a draft). It
/// depends only on the case, never on who looks at it: a proposal waits for the head's
/// sign-off whoever reads the queue.
pub fn next_step(application: &Application, workflow: Option<Workflow>) -> Option<Step> {
    match &application.status {
        Status::Registered(_) if matches!(workflow, Some(Workflow::Staged { .. })) => {
            Some(Step::Completeness)
        }
        Status::Registered(_) => Some(Step::Decision),
        Status::InReview { review, .. } => {
            Some(review_step(application.kind, review, hearings(workflow)))
        }
        _ => None,
    }
}

fn review_step(kind: Kind, review: &Review, hearings: bool) -> Step {
    if review.proposal.is_some() {
        return Step::SignOff;
    }
    if kind == Kind::Assignment && review.commission.is_none() {
        return Step::Commission;
    }
    let recommended = review
        .commission
        .as_ref()
        .is_some_and(Commission::recommends_a_refusal);
    match &review.hearing {
        None if hearings && recommended => Step::HearingSchedule,
        Some(h) if h.record.is_none() => Step::Hearing,
        _ => Step::Decision,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_back() {
        for step in Step::ALL {
            assert_eq!(Step::parse(step.code()), Some(step));
        }
        assert_eq!(Step::parse("hearing-held"), None);
    }
}
