//! Versioned rule sets: every number the law sets for the service (terms, working hours,
//! validity, retention, limits), keyed by the date from which it applies.
//!
//! An application is governed by the rule set in force on the day it is accepted (registered):
//! received within working hours on a working day, that day; received after hours or on a day
//! off, the next working day (see [`crate::deadline::compute`]). So an application received on
//! the evening before a new set takes effect runs under the new set, and old sets are kept for
//! the cases registered under them. The shipped sets live in `data/rule_sets.json`; a deployment
//! may replace them with a file of the same shape (`rules_file`), checked by
//! [`RuleBook::from_json`] at start.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use crate::application::kind::Kind;

/// The rule sets shipped with the service.
const SHIPPED: &str = include_str!("../data/rule_sets.json");

/// What went wrong loading or looking up rule sets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// The rule-set JSON could not be read.
    #[error("the rule-set JSON is malformed: {0}")]
    Json(String),
    /// There is no rule set at all.
    #[error("the rule book has no rule sets")]
    Empty,
    /// Two rule sets share an id.
    #[error("the rule set id {0:?} appears twice")]
    DuplicateId(String),
    /// Two rule sets take effect on the same day, so neither wins.
    #[error("two rule sets take effect on {0}")]
    DuplicateEffectiveDate(Date),
    /// The office does not open before it closes.
    #[error("rule set {id:?}: working hours must open before they close")]
    InvalidWorkingHours {
        /// The offending rule set.
        id: String,
    },
    /// A term or period that must be at least one (day, hour or month) is zero.
    #[error("rule set {id:?}: {term} must be at least 1")]
    ZeroTerm {
        /// The offending rule set.
        id: String,
        /// The field name of the term.
        term: &'static str,
    },
    /// The audit trail would be disposed of before the documents it speaks of.
    #[error("rule set {id:?}: audit_trail.keep_years must outlast retention_days")]
    TrailShorterThanDocuments {
        /// The offending rule set.
        id: String,
    },
    /// No rule set was in force on the day asked about.
    #[error("no rule set was in force on {0}")]
    NoneInForce(Date),
    /// No rule set has the id asked about.
    #[error("there is no rule set with the id {0:?}")]
    UnknownId(String),
}

/// The provider's office hours on working days: applications are taken in `[opens, closes)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours {
    /// Opening time (Asia/Almaty).
    pub opens: Time,
    /// Closing time (Asia/Almaty); an application at or after it counts as next day's.
    pub closes: Time,
}

/// The terms of the service, in working days after the day of acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    /// Decision on an assignment application.
    pub assignment_days: u32,
    /// Decision on an extension application.
    pub extension_days: u32,
    /// The LEB's completeness check after receipt.
    pub completeness_days: u32,
    /// The commission's review of an accepted assignment application (0 when there is none).
    pub commission_days: u32,
    /// The hearing before a planned refusal (0 when there is none).
    pub hearing_days: u32,
}

/// Limits of the one-time SMS password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpPolicy {
    /// How long a code stays valid, in seconds.
    pub ttl_seconds: u32,
    /// How many wrong entries are allowed before the code is void.
    pub max_attempts: u32,
}

/// Who may do what on one case: the separation of duties the rules demand, enforced by the code
/// rather than by the staff's honesty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duties {
    /// The head who signs a decision off is never the official who proposed it.
    pub sign_off_by_another: bool,
    /// No staff member acts on a case in which they are the applicant or a family member
    /// (matched by IIN), at the desk or in the back office.
    pub no_own_cases: bool,
    /// Ending a certificate (terminated, revoked) is recorded by one official and takes effect
    /// only when a head, another official, confirms it.
    pub endings_confirmed: bool,
}

/// How the hearing before a planned refusal is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingProcedure {
    /// The least time between the applicant's notice and the hearing, in hours (a move gives a
    /// new notice, so the time counts again from the move).
    ///
    /// The rules give the hearing 2 working days from the notice and say nothing of the least
    /// notice. 24 hours is the shortest time in which an applicant who learns of a planned
    /// refusal by SMS can read the grounds, gather papers and travel to the office or arrange
    /// to join online, and it still fits inside those 2 working days.
    pub min_notice_hours: u32,
    /// Whether the decision term stands still for the working days between the notice and the
    /// hearing.
    pub suspends_term: bool,
}

/// How long the audit trail is kept: it is the evidence of who read and did what, so it
/// outlives the documents it speaks of (`RuleSet::retention_days`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditTrailRetention {
    /// Years an audit row is kept after it was written.
    pub keep_years: u32,
    /// Where the term comes from.
    pub source: String,
}

impl AuditTrailRetention {
    /// The shortest the term can be, in days (a year counted as 365).
    pub fn min_days(&self) -> u64 {
        u64::from(self.keep_years) * 365
    }
}

/// How a decision can be appealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRules {
    /// How long after learning of the decision a complaint may be filed, in months.
    pub complaint_months: u32,
}

/// One version of the rules, applying from `effective_from` until the next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    /// Stable id stored with each application, e.g. `"2025-10"`.
    pub id: String,
    /// The first day on which this set applies: it governs the applications accepted
    /// (registered) on or after it, whenever they were received.
    pub effective_from: Date,
    /// Office hours of the provider.
    pub working_hours: WorkingHours,
    /// Terms in working days.
    pub terms: Terms,
    /// Whether a commission reviews assignment applications.
    pub commission: bool,
    /// Whether a planned refusal first gets a hearing.
    pub hearing: bool,
    /// How long an assigned status is valid, in months.
    pub status_validity_months: u32,
    /// The longest extension, in months.
    pub extension_max_months: u32,
    /// How many extensions a person may get.
    pub extensions_allowed: u32,
    /// How long the State Corporation keeps an application's documents, in days.
    pub retention_days: u32,
    /// How long the audit trail is kept (longer than the documents).
    pub audit_trail: AuditTrailRetention,
    /// Limits of the one-time SMS password.
    pub otp: OtpPolicy,
    /// The separation of duties.
    pub duties: Duties,
    /// How hearings are held (only when `hearing`).
    pub hearing_procedure: HearingProcedure,
    /// How decisions are appealed.
    pub appeal: AppealRules,
}

/// How a registered case goes to its decision under a rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "workflow")]
pub enum Workflow {
    /// The officer decides a registered case in one step (May 2022 – October 2025).
    SingleStep,
    /// A completeness check, a commission for assignments, a hearing before a refusal (when
    /// `hearing`), and a decision the head signs off (from 26 October 2025).
    Staged {
        /// Whether a planned refusal first gets a hearing.
        hearing: bool,
    },
}

impl RuleSet {
    /// How cases registered under this set go to their decision.
    pub fn workflow(&self) -> Workflow {
        if self.commission || self.hearing {
            Workflow::Staged {
                hearing: self.hearing,
            }
        } else {
            Workflow::SingleStep
        }
    }

    /// The decision term for `kind`, in working days after the day of acceptance.
    pub fn term_days(&self, kind: Kind) -> u32 {
        match kind {
            Kind::Assignment => self.terms.assignment_days,
            Kind::Extension => self.terms.extension_days,
        }
    }

    fn validate(&self) -> Result<(), RulesError> {
        if self.working_hours.opens >= self.working_hours.closes {
            return Err(RulesError::InvalidWorkingHours {
                id: self.id.clone(),
            });
        }
        let t = &self.terms;
        let required = [
            ("assignment_days", t.assignment_days, true),
            ("extension_days", t.extension_days, true),
            ("completeness_days", t.completeness_days, true),
            ("commission_days", t.commission_days, self.commission),
            ("hearing_days", t.hearing_days, self.hearing),
            (
                "hearing_procedure.min_notice_hours",
                self.hearing_procedure.min_notice_hours,
                self.hearing,
            ),
            ("extension_max_months", self.extension_max_months, true),
            ("status_validity_months", self.status_validity_months, true),
            (
                "appeal.complaint_months",
                self.appeal.complaint_months,
                true,
            ),
            ("audit_trail.keep_years", self.audit_trail.keep_years, true),
        ];
        if self.audit_trail.min_days() <= u64::from(self.retention_days) {
            return Err(RulesError::TrailShorterThanDocuments {
                id: self.id.clone(),
            });
        }
        match required
            .iter()
            .find(|(_, days, needed)| *needed && *days == 0)
        {
            Some((term, _, _)) => Err(RulesError::ZeroTerm {
                id: self.id.clone(),
                term,
            }),
            None => Ok(()),
        }
    }
}

/// The serialized shape of the rule book.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RuleBookFile {
    rule_sets: Vec<RuleSet>,
}

/// All rule sets, validated and ordered by `effective_from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RuleBookFile", into = "RuleBookFile")]
pub struct RuleBook {
    sets: Vec<RuleSet>,
}

impl TryFrom<RuleBookFile> for RuleBook {
    type Error = RulesError;

    fn try_from(file: RuleBookFile) -> Result<Self, RulesError> {
        RuleBook::new(file.rule_sets)
    }
}

impl From<RuleBook> for RuleBookFile {
    fn from(book: RuleBook) -> RuleBookFile {
        RuleBookFile {
            rule_sets: book.sets,
        }
    }
}

impl RuleBook {
    /// Validates the sets (at least one, unique ids and effective dates, hours that open before
    /// they close, non-zero terms) and orders them by `effective_from`.
    pub fn new(mut sets: Vec<RuleSet>) -> Result<Self, RulesError> {
        if sets.is_empty() {
            return Err(RulesError::Empty);
        }
        sets.sort_by_key(|s| s.effective_from);
        for (i, set) in sets.iter().enumerate() {
            set.validate()?;
            if sets[..i].iter().any(|s| s.id == set.id) {
                return Err(RulesError::DuplicateId(set.id.clone()));
            }
            if i > 0 && sets[i - 1].effective_from == set.effective_from {
                return Err(RulesError::DuplicateEffectiveDate(set.effective_from));
            }
        }
        Ok(RuleBook { sets })
    }

    /// The rule sets shipped with the service (`data/rule_sets.json`).
    pub fn shipped() -> Result<Self, RulesError> {
        Self::from_json(SHIPPED)
    }

    /// Reads and validates a rule book (see [`RuleBook::new`]).
    pub fn from_json(json: &str) -> Result<Self, RulesError> {
        let file: RuleBookFile =
            serde_json::from_str(json).map_err(|e| RulesError::Json(e.to_string()))?;
        Self::try_from(file)
    }

    /// The rule book as pretty-printed JSON, in the shape `from_json` reads.
    pub fn to_json(&self) -> String {
        // Serializing plain strings, numbers and dates cannot fail; fall back to an empty string
        // rather than panic should that ever change.
        serde_json::to_string_pretty(&RuleBookFile {
            rule_sets: self.sets.clone(),
        })
        .unwrap_or_default()
    }

    /// All sets, oldest first.
    pub fn sets(&self) -> &[RuleSet] {
        &self.sets
    }

    /// The set in force on `date`: the one with the latest `effective_from` on or before it.
    pub fn in_force(&self, date: Date) -> Result<&RuleSet, RulesError> {
        self.sets
            .iter()
            .rev()
            .find(|s| s.effective_from <= date)
            .ok_or(RulesError::NoneInForce(date))
    }

    /// The set with the given id (as stored with an application).
    pub fn by_id(&self, id: &str) -> Result<&RuleSet, RulesError> {
        self.sets
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| RulesError::UnknownId(id.to_owned()))
    }
}

#[cfg(test)]
mod tests;
