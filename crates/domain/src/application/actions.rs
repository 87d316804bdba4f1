//! What an official may do on a case now: the actions of its next step, less those their
//! authority or the separation of duties forbids. The pages offer the forms of these actions
//! and the API lists them, so a client knows what comes next without knowing the rules.

use super::Application;
use super::Kind;
use super::next_step::{Step, hearings, next_step};
use crate::duties::{may_act_on, may_confirm};
use crate::ids::UserId;
use crate::iin::Iin;
use crate::rules::{Duties, Workflow};

/// One thing an official can do to move a case on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Find the package complete (staged rules).
    AcceptComplete,
    /// Refuse to accept an incomplete package, naming what is missing.
    RefuseIncomplete,
    /// Record the commission's protocol.
    RecordCommission,
    /// Schedule the hearing of a planned refusal.
    ScheduleHearing,
    /// Move a scheduled hearing, for a reason.
    RescheduleHearing,
    /// Record what was said at the hearing.
    RecordHearing,
    /// Decide the case in one step (single-step rules).
    Decide,
    /// Propose the decision for the head's sign-off (staged rules).
    Propose,
    /// Sign the officer's proposal off (a head, never the proposer).
    SignOff,
}

impl Action {
    /// Every action, in the order a case meets them.
    pub const ALL: [Action; 9] = [
        Action::AcceptComplete,
        Action::RefuseIncomplete,
        Action::RecordCommission,
        Action::ScheduleHearing,
        Action::RescheduleHearing,
        Action::RecordHearing,
        Action::Decide,
        Action::Propose,
        Action::SignOff,
    ];

    /// The stable code (the API's `actions`, `action-…` message ids).
    pub fn code(self) -> &'static str {
        match self {
            Action::AcceptComplete => "accept-complete",
            Action::RefuseIncomplete => "refuse-incomplete",
            Action::RecordCommission => "record-commission",
            Action::ScheduleHearing => "schedule-hearing",
            Action::RescheduleHearing => "reschedule-hearing",
            Action::RecordHearing => "record-hearing",
            Action::Decide => "decide",
            Action::Propose => "propose",
            Action::SignOff => "sign-off",
        }
    }
}

/// The official who looks at the case.
#[derive(Debug, Clone, Copy)]
pub struct Official<'a> {
    /// Their account.
    pub user: &'a UserId,
    /// Their IIN (no one acts on their own or their family's case).
    pub iin: &'a Iin,
    /// Whether they may sign decisions off (a head).
    pub signs_off: bool,
}

/// The next step of the case and what `official` may do about it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    /// What the case waits for; none once it is closed.
    pub step: Option<Step>,
    /// What this official may do now (empty when it waits for someone else).
    pub actions: Vec<Action>,
}

/// The next step of `application` under `workflow`, and the actions `official` may take.
pub fn next(
    application: &Application,
    workflow: Option<Workflow>,
    duties: &Duties,
    official: Official<'_>,
) -> Next {
    let step = next_step(application, workflow);
    let actions = match step {
        _ if may_act_on(duties, application, official.iin).is_err() => Vec::new(),
        None => Vec::new(),
        Some(step) => step_actions(application, workflow, duties, official, step),
    };
    Next { step, actions }
}

fn step_actions(
    application: &Application,
    workflow: Option<Workflow>,
    duties: &Duties,
    official: Official<'_>,
    step: Step,
) -> Vec<Action> {
    let staged = matches!(workflow, Some(Workflow::Staged { .. }));
    match step {
        Step::Completeness => vec![Action::AcceptComplete, Action::RefuseIncomplete],
        Step::Commission => vec![Action::RecordCommission],
        Step::HearingSchedule => vec![Action::ScheduleHearing],
        Step::Hearing => vec![Action::RecordHearing, Action::RescheduleHearing],
        Step::Decision if !staged => vec![Action::Decide],
        Step::Decision => {
            // An extension has no commission: an officer who plans to refuse it schedules the
            // hearing first.
            let unheard = application
                .status
                .review()
                .is_some_and(|r| r.hearing.is_none());
            let may_hear = application.kind == Kind::Extension && hearings(workflow) && unheard;
            if may_hear {
                vec![Action::Propose, Action::ScheduleHearing]
            } else {
                vec![Action::Propose]
            }
        }
        Step::SignOff => {
            let proposer = application
                .status
                .review()
                .and_then(|r| r.proposal.as_ref())
                .map(|p| &p.decided_by);
            let another = proposer.is_none_or(|p| may_confirm(duties, p, official.user).is_ok());
            if official.signs_off && another {
                vec![Action::SignOff]
            } else {
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests;
