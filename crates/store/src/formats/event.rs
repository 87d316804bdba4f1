//! `case_events.kind` and `case_events.facts_json`: what happened to a case and the facts the
//! event keeps, version 1 (`{"v":1,…}`, every fact optional and left out when empty). The kind
//! and outcome codes are spelled out here, so a variant renamed in the domain keeps its code.

use jiff::civil::Date;
use kandas_domain::application::events::{DecidedAs, EventFacts, EventKind};
use serde::{Deserialize, Serialize};

use super::Versioned;

/// The stored code of an event's kind.
pub(crate) fn kind_code(kind: EventKind) -> &'static str {
    match kind {
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

/// The kind of a stored code.
pub(crate) fn kind_parse(code: &str) -> Option<EventKind> {
    EventKind::ALL.into_iter().find(|k| kind_code(*k) == code)
}

fn outcome_code(d: DecidedAs) -> &'static str {
    match d {
        DecidedAs::Assigned => "assigned",
        DecidedAs::Extended => "extended",
        DecidedAs::Refused => "refused",
    }
}

/// The stored facts of an event.
pub(crate) type StoredEventFacts = Versioned<EventFactsV1>;

/// Version 1 of an event's facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct EventFactsV1 {
    #[serde(rename = "accepted", default, skip_serializing_if = "Option::is_none")]
    accepted: Option<Date>,
    #[serde(rename = "due", default, skip_serializing_if = "Option::is_none")]
    due: Option<Date>,
    #[serde(rename = "outcome", default, skip_serializing_if = "Option::is_none")]
    outcome: Option<String>,
    #[serde(rename = "grounds", default, skip_serializing_if = "Vec::is_empty")]
    grounds: Vec<String>,
    #[serde(rename = "missing", default, skip_serializing_if = "is_zero")]
    missing: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl From<&EventFacts> for StoredEventFacts {
    fn from(f: &EventFacts) -> Self {
        Versioned::new(EventFactsV1 {
            accepted: f.accepted,
            due: f.due,
            outcome: f.outcome.map(|o| outcome_code(o).to_owned()),
            grounds: f.grounds.clone(),
            missing: f.missing,
        })
    }
}

impl TryFrom<StoredEventFacts> for EventFacts {
    type Error = String;

    fn try_from(stored: StoredEventFacts) -> Result<EventFacts, String> {
        let f = stored.into_body();
        let outcome = f
            .outcome
            .map(|code| {
                [DecidedAs::Assigned, DecidedAs::Extended, DecidedAs::Refused]
                    .into_iter()
                    .find(|d| outcome_code(*d) == code)
                    .ok_or_else(|| format!("unknown outcome `{code}`"))
            })
            .transpose()?;
        Ok(EventFacts {
            accepted: f.accepted,
            due: f.due,
            outcome,
            grounds: f.grounds,
            missing: f.missing,
        })
    }
}
