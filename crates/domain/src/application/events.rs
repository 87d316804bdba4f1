//! The case's own history: what happened to an application (a status change, a step of the
//! review, the issue of the result, the disposal of its files), as events stored with the
//! change that caused them. The timeline the applicant and the officer see is read from them,
//! and the public performance figures are computed from them, so they hold no personal data:
//! the kind, the time and the facts the figures need (dates, the outcome, the grounds' codes).
//!
//! A status change's events follow from the status before and after it
//! ([`caused_by`]), so no use case can forget them and no audit action's name decides them.

#[cfg(test)]
mod tests;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::review::Review;
use super::status::{Outcome, Status};

/// What happened: a closed list (serialized as its code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A draft was created (online, or at a desk).
    Created,
    /// Signed and registered: the term runs.
    Submitted,
    /// Refused to accept (at a desk, or by the local executive body's completeness check).
    RefusedToAccept,
    /// Found complete; under review (staged rule sets).
    Accepted,
    /// The commission sat and recorded its protocol.
    Commission,
    /// A hearing was scheduled before a planned refusal.
    HearingScheduled,
    /// The hearing was moved to another time.
    HearingMoved,
    /// The applicant asked to move the hearing.
    HearingRequested,
    /// The hearing was held (or the applicant did not appear).
    Heard,
    /// The officer proposed the decision for the head's sign-off.
    Proposed,
    /// Decided: assigned, extended or refused.
    Decided,
    /// Withdrawn by the applicant.
    Withdrawn,
    /// The result was handed over at a desk.
    ResultIssued,
    /// The files kept for the closed case were disposed of after retention.
    FilesDisposed,
}

impl EventKind {
    /// Every kind.
    pub const ALL: [EventKind; 14] = [
        EventKind::Created,
        EventKind::Submitted,
        EventKind::RefusedToAccept,
        EventKind::Accepted,
        EventKind::Commission,
        EventKind::HearingScheduled,
        EventKind::HearingMoved,
        EventKind::HearingRequested,
        EventKind::Heard,
        EventKind::Proposed,
        EventKind::Decided,
        EventKind::Withdrawn,
        EventKind::ResultIssued,
        EventKind::FilesDisposed,
    ];

    /// The stable code (stored, and in the API).
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Submitted => "submitted",
            EventKind::RefusedToAccept => "refused_to_accept",
            EventKind::Accepted => "accepted",
            EventKind::Commission => "commission",
            EventKind::HearingScheduled => "hearing_scheduled",
            EventKind::HearingMoved => "hearing_moved",
            EventKind::HearingRequested => "hearing_requested",
            EventKind::Heard => "heard",
            EventKind::Proposed => "proposed",
            EventKind::Decided => "decided",
            EventKind::Withdrawn => "withdrawn",
            EventKind::ResultIssued => "result_issued",
            EventKind::FilesDisposed => "files_disposed",
        }
    }

    /// The kind of a stable code.
    pub fn parse(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The timeline's line for it: message id `action-<this>`.
    pub fn timeline_action(self) -> &'static str {
        match self {
            EventKind::Created => "create",
            EventKind::Submitted => "submit",
            EventKind::RefusedToAccept => "refuse-intake",
            EventKind::Accepted => "accept",
            EventKind::Commission => "commission",
            EventKind::HearingScheduled => "hearing",
            EventKind::HearingMoved => "hearing-moved",
            EventKind::HearingRequested => "hearing-request",
            EventKind::Heard => "heard",
            EventKind::Proposed => "propose",
            EventKind::Decided => "decide",
            EventKind::Withdrawn => "withdraw",
            EventKind::ResultIssued => "desk-issue-result",
            EventKind::FilesDisposed => "files-disposed",
        }
    }
}

/// How a case was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecidedAs {
    /// Status assigned (some family members may be refused).
    Assigned,
    /// Status extended.
    Extended,
    /// Refused on the merits.
    Refused,
}

impl DecidedAs {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            DecidedAs::Assigned => "assigned",
            DecidedAs::Extended => "extended",
            DecidedAs::Refused => "refused",
        }
    }

    /// The outcome of a stable code.
    pub fn parse(code: &str) -> Option<DecidedAs> {
        [DecidedAs::Assigned, DecidedAs::Extended, DecidedAs::Refused]
            .into_iter()
            .find(|d| d.code() == code)
    }

    /// How `outcome` decided.
    pub fn of(outcome: &Outcome) -> DecidedAs {
        match outcome {
            Outcome::Assigned { .. } => DecidedAs::Assigned,
            Outcome::Extended { .. } => DecidedAs::Extended,
            Outcome::Refused { .. } => DecidedAs::Refused,
        }
    }
}

/// The facts an event keeps beyond its kind: what the public figures need, never a person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFacts {
    /// The day of acceptance (submitted, decided, refused to accept after registration).
    pub accepted: Option<Date>,
    /// The day the decision was due (as it stood at the event).
    pub due: Option<Date>,
    /// How it was decided.
    pub outcome: Option<DecidedAs>,
    /// The codes of the grounds of every refusal the decision made (the applicant's and the
    /// family members'), each once, sorted.
    pub grounds: Vec<String>,
    /// How many checklist lines a refusal to accept named as missing.
    pub missing: u32,
}

/// One event of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    /// When.
    pub at: Timestamp,
    /// What.
    pub kind: EventKind,
    /// The facts it keeps.
    pub facts: EventFacts,
}

impl CaseEvent {
    /// An event with the facts `status` gives for its kind.
    pub fn new(at: Timestamp, kind: EventKind, status: &Status) -> CaseEvent {
        CaseEvent {
            at,
            kind,
            facts: facts_of(kind, status),
        }
    }
}

/// The facts of an event of `kind` whose case now stands at `status`.
pub fn facts_of(kind: EventKind, status: &Status) -> EventFacts {
    let registration = status.registration();
    let mut facts = EventFacts {
        accepted: registration.map(|r| r.deadline.accepted),
        due: registration.map(|r| r.deadline.due),
        ..EventFacts::default()
    };
    match (kind, status) {
        (EventKind::Decided, Status::Decided { decision, .. }) => {
            facts.outcome = Some(DecidedAs::of(&decision.outcome));
            let mut grounds: Vec<String> = match &decision.outcome {
                Outcome::Refused { grounds, .. } => {
                    grounds.iter().map(|g| g.code.clone()).collect()
                }
                Outcome::Assigned {
                    refused_members, ..
                } => refused_members
                    .iter()
                    .flat_map(|m| m.grounds.iter().map(|g| g.code.clone()))
                    .collect(),
                Outcome::Extended { .. } => Vec::new(),
            };
            grounds.sort();
            grounds.dedup();
            facts.grounds = grounds;
        }
        (EventKind::RefusedToAccept, Status::RejectedAtIntake { missing, .. }) => {
            facts.missing = u32::try_from(missing.len()).unwrap_or(u32::MAX);
        }
        _ => {}
    }
    facts
}

/// The events a status change from `before` to `after` at `at` causes, in the order they
/// happened (one, as a rule; none for a change no one would see, such as a due date moved by
/// the term's suspension alone).
pub fn caused_by(before: &Status, after: &Status, at: Timestamp) -> Vec<CaseEvent> {
    let kinds: Vec<EventKind> = match (before, after) {
        (Status::Draft, Status::Registered(_)) => vec![EventKind::Submitted],
        (_, Status::RejectedAtIntake { .. })
            if !matches!(before, Status::RejectedAtIntake { .. }) =>
        {
            vec![EventKind::RefusedToAccept]
        }
        (_, Status::Withdrawn { .. }) if !matches!(before, Status::Withdrawn { .. }) => {
            vec![EventKind::Withdrawn]
        }
        (_, Status::Decided { .. }) if !matches!(before, Status::Decided { .. }) => {
            vec![EventKind::Decided]
        }
        (_, Status::InReview { review, .. }) => {
            let empty = Review::default();
            review_steps(before.review().unwrap_or(&empty), review)
        }
        _ => Vec::new(),
    };
    kinds
        .into_iter()
        .map(|kind| CaseEvent::new(at, kind, after))
        .collect()
}

/// The steps of the review done between `old` and `new`, in the order of the review.
fn review_steps(old: &Review, new: &Review) -> Vec<EventKind> {
    let mut kinds = Vec::new();
    if old.completeness.is_none() && new.completeness.is_some() {
        kinds.push(EventKind::Accepted);
    }
    if old.commission.is_none() && new.commission.is_some() {
        kinds.push(EventKind::Commission);
    }
    match (&old.hearing, &new.hearing) {
        (None, Some(_)) => kinds.push(EventKind::HearingScheduled),
        (Some(o), Some(n)) => {
            if n.requests.len() > o.requests.len() {
                kinds.push(EventKind::HearingRequested);
            }
            if n.reschedules.len() > o.reschedules.len() {
                kinds.push(EventKind::HearingMoved);
            }
        }
        _ => {}
    }
    if !old.heard() && new.heard() {
        kinds.push(EventKind::Heard);
    }
    if new.proposal.is_some() && old.proposal != new.proposal {
        kinds.push(EventKind::Proposed);
    }
    kinds
}
