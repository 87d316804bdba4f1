//! The review's posted forms, typed: the completeness check, the commission's protocol, the
//! hearing (scheduled or moved, and held), the decision and the sign-off. Lines of a form are
//! numbered inputs (`line-3-expired`, `member-1-ground-G1`) read pair by pair; a failed form
//! is kept as [`super::typed::Typed`] so that the case page shows it again as typed.

use std::collections::{BTreeMap, BTreeSet};

use kandas_domain::application::custody::Shortfall;
use serde::Deserialize;

use crate::pages::layout::csrf_form;
use crate::pages::lines::{self, Pairs, checked, no_version, once, pairs_form, tick};

/// The completeness check: `complete=true`, or the shortfalls ticked per checklist line.
#[derive(Default)]
pub struct CompletenessForm {
    csrf: String,
    version: Option<i64>,
    complete: Option<String>,
    /// The checklist's lines (`line-{n}-document`, `line-{n}-member`, `line-{n}-{shortfall}`).
    pub lines: BTreeMap<usize, CheckLine>,
}

/// A checklist line as posted.
#[derive(Default)]
pub struct CheckLine {
    /// The document type code.
    pub document: Option<String>,
    /// The member id (empty for the applicant's).
    pub member: Option<String>,
    /// The shortfalls ticked.
    pub shortfalls: Vec<Shortfall>,
}

impl Pairs for CompletenessForm {
    fn take(&mut self, name: &str, value: String) -> Result<(), String> {
        match name {
            "csrf" => self.csrf = value,
            "version" => return lines::version(&mut self.version, &value),
            "complete" => return once(&mut self.complete, name, value),
            _ => {
                let Some((n, part)) = lines::numbered(name, "line-") else {
                    return Ok(());
                };
                let line = self.lines.entry(n).or_default();
                match part {
                    "document" => return once(&mut line.document, name, value),
                    "member" => return once(&mut line.member, name, value),
                    code => {
                        let shortfall = Shortfall::ALL.into_iter().find(|s| s.code() == code);
                        if let Some(s) = shortfall.filter(|_| checked(&value)) {
                            line.shortfalls.push(s);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

impl CompletenessForm {
    /// `complete=true` accepts the package.
    pub fn complete(&self) -> bool {
        self.complete.as_deref() == Some("true")
    }

    /// The version posted back.
    pub fn version(&self) -> i64 {
        self.version.unwrap_or_else(no_version)
    }
}

/// The commission's protocol: one recommendation per person (`rec-{n}`, `rec-{n}-member`,
/// `rec-{n}-reason`).
#[derive(Default)]
pub struct CommissionForm {
    csrf: String,
    version: Option<i64>,
    protocol_number: Option<String>,
    members: Option<String>,
    video_reference: Option<String>,
    video_sha256: Option<String>,
    /// The recommendations, by person: 0 is the applicant.
    pub recommendations: BTreeMap<usize, RecommendationLine>,
}

/// A person's recommendation as posted.
#[derive(Default)]
pub struct RecommendationLine {
    /// The member id (empty for the applicant); a line without it is no line.
    pub member: Option<String>,
    /// `assign` or `refuse`.
    pub recommendation: Option<String>,
    /// The reason.
    pub reason: Option<String>,
}

impl Pairs for CommissionForm {
    fn take(&mut self, name: &str, value: String) -> Result<(), String> {
        match name {
            "csrf" => self.csrf = value,
            "version" => return lines::version(&mut self.version, &value),
            "protocol_number" => return once(&mut self.protocol_number, name, value),
            "members" => return once(&mut self.members, name, value),
            "video_reference" => return once(&mut self.video_reference, name, value),
            "video_sha256" => return once(&mut self.video_sha256, name, value),
            _ => {
                let Some((n, part)) = lines::numbered(name, "rec-") else {
                    return Ok(());
                };
                let line = self.recommendations.entry(n).or_default();
                let slot = match part {
                    "" => &mut line.recommendation,
                    "member" => &mut line.member,
                    "reason" => &mut line.reason,
                    _ => return Ok(()),
                };
                return once(slot, name, value);
            }
        }
        Ok(())
    }
}

impl CommissionForm {
    /// The version posted back.
    pub fn version(&self) -> i64 {
        self.version.unwrap_or_else(no_version)
    }

    /// The protocol's number as typed.
    pub fn protocol_number(&self) -> &str {
        self.protocol_number.as_deref().unwrap_or_default()
    }

    /// The commission's members as typed, one a line.
    pub fn members(&self) -> &str {
        self.members.as_deref().unwrap_or_default()
    }

    /// Where the video is kept.
    pub fn video_reference(&self) -> &str {
        self.video_reference.as_deref().unwrap_or_default()
    }

    /// The video's SHA-256 as typed.
    pub fn video_sha256(&self) -> &str {
        self.video_sha256.as_deref().unwrap_or_default()
    }
}

/// The hearing scheduled or moved: time, place, online, the move's reason (the first
/// scheduling has none) and the people whose refusal the notice announces (`plan-{n}-…`).
#[derive(Default)]
pub struct ScheduleForm {
    csrf: String,
    version: Option<i64>,
    at: Option<String>,
    place: Option<String>,
    online: Option<bool>,
    /// The applicant's reason for moving it.
    pub reason: Option<String>,
    /// The people of the notice, by position: 0 is the applicant.
    pub plans: BTreeMap<usize, PlanLine>,
}

/// A person of the notice as posted.
#[derive(Default)]
pub struct PlanLine {
    /// The member id (empty for the applicant); a line without it is no line.
    pub member: Option<String>,
    /// Their refusal is announced.
    pub refuse: Option<bool>,
    /// The grounds ticked.
    pub grounds: BTreeSet<String>,
}

impl Pairs for ScheduleForm {
    fn take(&mut self, name: &str, value: String) -> Result<(), String> {
        match name {
            "csrf" => self.csrf = value,
            "version" => return lines::version(&mut self.version, &value),
            "at" => return once(&mut self.at, name, value),
            "place" => return once(&mut self.place, name, value),
            "online" => return tick(&mut self.online, name, &value),
            "reason" => return once(&mut self.reason, name, value),
            _ => {
                let Some((n, part)) = lines::numbered(name, "plan-") else {
                    return Ok(());
                };
                let line = self.plans.entry(n).or_default();
                match part {
                    "member" => return once(&mut line.member, name, value),
                    "refuse" => return tick(&mut line.refuse, name, &value),
                    _ => ground(&mut line.grounds, part, &value),
                }
            }
        }
        Ok(())
    }
}

impl ScheduleForm {
    /// The version posted back.
    pub fn version(&self) -> i64 {
        self.version.unwrap_or_else(no_version)
    }

    /// `YYYY-MM-DDTHH:MM` in Almaty time, as typed.
    pub fn at(&self) -> &str {
        self.at.as_deref().unwrap_or_default()
    }

    /// The place as typed.
    pub fn place(&self) -> &str {
        self.place.as_deref().unwrap_or_default()
    }

    /// Held online.
    pub fn online(&self) -> bool {
        self.online.unwrap_or(false)
    }
}

/// A ticked `ground-{code}` box into `grounds`.
fn ground(grounds: &mut BTreeSet<String>, part: &str, value: &str) {
    if let Some(code) = part.strip_prefix("ground-")
        && !code.is_empty()
        && checked(value)
    {
        grounds.insert(code.to_owned());
    }
}

/// What was said at the hearing.
#[derive(Default, Deserialize)]
pub struct HeardForm {
    #[serde(default)]
    csrf: String,
    /// The version posted back.
    #[serde(default = "no_version")]
    pub version: i64,
    /// `no` when the applicant did not appear.
    #[serde(default)]
    pub appeared: String,
    /// The statement.
    #[serde(default)]
    pub statement: String,
}

/// The decision: the outcome, the applicant's grounds (`ground-{code}`) and explanation, the
/// extension's months, and each family member refused (`member-{n}-…`, from 1).
#[derive(Default)]
pub struct DecisionForm {
    csrf: String,
    version: Option<i64>,
    outcome: Option<String>,
    comment: Option<String>,
    extension_months: Option<String>,
    idempotency_key: Option<String>,
    /// The grounds ticked for the applicant.
    pub grounds: BTreeSet<String>,
    /// The family members, by position.
    pub members: BTreeMap<usize, MemberLine>,
}

/// A family member of the decision as posted.
#[derive(Default)]
pub struct MemberLine {
    /// Their id; a line without it is no line.
    pub id: Option<String>,
    /// Refused.
    pub refuse: Option<bool>,
    /// The grounds ticked.
    pub grounds: BTreeSet<String>,
    /// The explanation.
    pub comment: Option<String>,
}

impl Pairs for DecisionForm {
    fn take(&mut self, name: &str, value: String) -> Result<(), String> {
        match name {
            "csrf" => self.csrf = value,
            "version" => return lines::version(&mut self.version, &value),
            "outcome" => return once(&mut self.outcome, name, value),
            "comment" => return once(&mut self.comment, name, value),
            "extension_months" => return once(&mut self.extension_months, name, value),
            "idempotency_key" => return once(&mut self.idempotency_key, name, value),
            _ if name.starts_with("ground-") => ground(&mut self.grounds, name, &value),
            _ => {
                let Some((n, part)) = lines::numbered(name, "member-") else {
                    return Ok(());
                };
                let line = self.members.entry(n).or_default();
                match part {
                    "id" => return once(&mut line.id, name, value),
                    "refuse" => return tick(&mut line.refuse, name, &value),
                    "comment" => return once(&mut line.comment, name, value),
                    _ => ground(&mut line.grounds, part, &value),
                }
            }
        }
        Ok(())
    }
}

impl DecisionForm {
    /// The version posted back.
    pub fn version(&self) -> i64 {
        self.version.unwrap_or_else(no_version)
    }

    /// `assign`, `extend` or `refuse`, as chosen.
    pub fn outcome(&self) -> &str {
        self.outcome.as_deref().unwrap_or_default()
    }

    /// The explanation as typed.
    pub fn comment(&self) -> &str {
        self.comment.as_deref().unwrap_or_default()
    }

    /// The extension's months chosen.
    pub fn extension_months(&self) -> Option<u32> {
        self.extension_months.as_deref()?.parse().ok()
    }

    /// The submit's idempotency key, if it has one.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref().filter(|k| !k.is_empty())
    }
}

/// The head's sign-off: the version of the proposal signed off.
#[derive(Default, Deserialize)]
pub struct SignOffForm {
    #[serde(default)]
    csrf: String,
    /// The version posted back.
    #[serde(default = "no_version")]
    pub version: i64,
}

pairs_form!(CompletenessForm, CommissionForm, ScheduleForm, DecisionForm);
csrf_form!(
    CompletenessForm,
    CommissionForm,
    ScheduleForm,
    HeardForm,
    DecisionForm,
    SignOffForm
);
