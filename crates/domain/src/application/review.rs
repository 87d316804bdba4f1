//! The review of a registered application under a staged rule set (from 26 October 2025):
//! the completeness check, the commission with its protocol and video record, the hearing
//! before a planned refusal, and the officer's proposed decision that the head signs off.
//!
//! Under a single-step rule set (May 2022 – October 2025) none of this exists: the officer
//! decides a registered application directly.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::grounds::Ground;
use crate::ids::{MemberId, UserId};

/// Who did a step, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// When.
    pub at: Timestamp,
    /// Who.
    pub by: UserId,
}

/// A commission's recommendation for one person of the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// Assign the status.
    Assign,
    /// Refuse it (a hearing comes first).
    Refuse,
}

/// The recommendation for the applicant (`member: None`) or one family member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecommendation {
    /// The family member; `None` for the applicant.
    #[serde(default)]
    pub member: Option<MemberId>,
    /// What the commission recommends.
    pub recommendation: Recommendation,
    /// Why, in the commission's words.
    #[serde(default)]
    pub reason: String,
}

/// The video recording of a commission sitting: where it is kept and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoRecord {
    /// The archive's reference to the recording.
    pub reference: String,
    /// SHA-256 of the recording, 64 hex digits.
    pub sha256: String,
}

/// A commission sitting and its protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commission {
    /// When it sat.
    pub sat_at: Timestamp,
    /// Who recorded the protocol.
    pub recorded_by: UserId,
    /// The protocol's number.
    pub protocol_number: String,
    /// The members present (full names).
    pub members: Vec<String>,
    /// One recommendation per person of the application.
    pub recommendations: Vec<PersonRecommendation>,
    /// The sitting's video record.
    pub video: VideoRecord,
}

impl Commission {
    /// Whether the commission recommends refusing anyone.
    pub fn recommends_a_refusal(&self) -> bool {
        self.recommendations
            .iter()
            .any(|r| r.recommendation == Recommendation::Refuse)
    }
}

/// A request to move the hearing, with the applicant's reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reschedule {
    /// When it was moved (the applicant was notified of the new time then).
    pub asked_at: Timestamp,
    /// The reason given.
    pub reason: String,
    /// The time it had before.
    pub previous: Timestamp,
}

/// The applicant's request to move the hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RescheduleRequest {
    /// When the applicant asked.
    pub asked_at: Timestamp,
    /// The reason given.
    pub reason: String,
}

/// How the hearing went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum HearingOutcome {
    /// The applicant (or a representative) was heard.
    Held {
        /// The applicant's objections and what was said.
        statement: String,
    },
    /// The applicant did not appear, in person or online, at the time they were given.
    NoShow,
}

/// The hearing as recorded, at or after its time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredRecord", into = "StoredRecord")]
pub struct HearingRecord {
    /// When it was recorded.
    pub held_at: Timestamp,
    /// Who recorded it.
    pub recorded_by: UserId,
    /// Held (what was said), or the applicant did not appear.
    pub outcome: HearingOutcome,
}

impl HearingRecord {
    /// What was said; empty when the applicant did not appear.
    pub fn statement(&self) -> &str {
        match &self.outcome {
            HearingOutcome::Held { statement } => statement,
            HearingOutcome::NoShow => "",
        }
    }
}

/// The stored shape of a hearing record: records made before "did not appear" existed carry
/// only a statement, and were held.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredRecord {
    held_at: Timestamp,
    recorded_by: UserId,
    #[serde(default)]
    appeared: Option<bool>,
    #[serde(default)]
    statement: String,
}

impl From<StoredRecord> for HearingRecord {
    fn from(r: StoredRecord) -> Self {
        let outcome = match r.appeared {
            Some(false) => HearingOutcome::NoShow,
            _ => HearingOutcome::Held {
                statement: r.statement,
            },
        };
        HearingRecord {
            held_at: r.held_at,
            recorded_by: r.recorded_by,
            outcome,
        }
    }
}

impl From<HearingRecord> for StoredRecord {
    fn from(r: HearingRecord) -> Self {
        let (appeared, statement) = match r.outcome {
            HearingOutcome::Held { statement } => (true, statement),
            HearingOutcome::NoShow => (false, String::new()),
        };
        StoredRecord {
            held_at: r.held_at,
            recorded_by: r.recorded_by,
            appeared: Some(appeared),
            statement,
        }
    }
}

/// A refusal the officer plans, announced with the hearing: whose, and on which grounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRefusal {
    /// The family member; `None` for the applicant (and with them the whole application).
    #[serde(default)]
    pub member: Option<MemberId>,
    /// The grounds, from the closed list.
    pub grounds: Vec<Ground>,
}

/// The hearing before a planned refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hearing {
    /// When it takes place.
    pub at: Timestamp,
    /// The address, or the link of an online hearing.
    pub place: String,
    /// Whether it is held online.
    pub online: bool,
    /// Who scheduled it, and when (the applicant was notified then).
    pub scheduled: Check,
    /// Whose refusal is planned, on which grounds (told to the applicant with the notice).
    #[serde(default)]
    pub planned: Vec<PlannedRefusal>,
    /// Earlier times it was moved from, oldest first.
    #[serde(default)]
    pub reschedules: Vec<Reschedule>,
    /// The applicant's requests to move it, oldest first (the officer decides on a new time).
    #[serde(default)]
    pub requests: Vec<RescheduleRequest>,
    /// What was said, once held.
    #[serde(default)]
    pub record: Option<HearingRecord>,
}

impl Hearing {
    /// When the applicant was last notified of the hearing's time: when it was scheduled, or
    /// when it was last moved.
    pub fn notified_at(&self) -> Timestamp {
        self.reschedules
            .last()
            .map_or(self.scheduled.at, |r| r.asked_at)
    }

    /// The planned refusal of `member` (`None`: the applicant), if one was announced.
    pub fn planned_for(&self, member: Option<&MemberId>) -> Option<&PlannedRefusal> {
        self.planned.iter().find(|p| p.member.as_ref() == member)
    }
}

/// The steps done so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The completeness check: the package was accepted as complete.
    #[serde(default)]
    pub completeness: Option<Check>,
    /// The commission's sitting.
    #[serde(default)]
    pub commission: Option<Commission>,
    /// The hearing.
    #[serde(default)]
    pub hearing: Option<Hearing>,
    /// The officer's proposed decision, awaiting the head's sign-off.
    #[serde(default)]
    pub proposal: Option<super::status::Decision>,
}

impl Review {
    /// The status code of API.md for a case at this point of its review: `hearing` while a
    /// hearing is scheduled and not yet held; once it is recorded the case is under review again
    /// (the decision, then the head's sign-off, follow).
    pub fn code(&self) -> &'static str {
        if self.hearing.as_ref().is_some_and(|h| h.record.is_none()) {
            "hearing"
        } else if self.commission.is_some() {
            "under_review"
        } else {
            "accepted"
        }
    }

    /// Whether a hearing was held.
    pub fn heard(&self) -> bool {
        self.hearing.as_ref().is_some_and(|h| h.record.is_some())
    }
}
