//! Where a case stands in its review, as the officer's page and the queue show it: the next step,
//! each step with who did it and when, the commission's protocol, the hearing and the decision
//! (proposed, or signed off).

use std::collections::HashMap;

use jiff::Timestamp;
use kandas_domain::application::next_step;
use kandas_domain::application::review::{Commission, Recommendation, Review};
use kandas_domain::application::status::{Decision, Outcome, Status};
use kandas_domain::application::{Application, Kind};
use kandas_domain::grounds::Ground;
use kandas_domain::ids::{MemberId, UserId};
use kandas_domain::rules::Workflow;

pub use super::hearing_view::HearingView;
use crate::AppState;
use crate::pages::layout::Texts;

/// The rule set's workflow of a registered case (none before registration or for an unknown set).
pub fn workflow(state: &AppState, a: &Application) -> Option<Workflow> {
    let registration = a.status.registration()?;
    let rules = state.service.rules.by_id(&registration.deadline.rule_set);
    rules.ok().map(|r| r.workflow())
}

/// Whether a recommended refusal first gets a hearing under this workflow.
pub fn hearings(workflow: Option<Workflow>) -> bool {
    next_step::hearings(workflow)
}

/// The next step of an open case (`completeness`, `commission`, `hearing-schedule`, `hearing`,
/// `decision` or `sign-off`, as `kandas_domain::application::next_step` decides it); empty
/// once it is closed.
pub fn step(a: &Application, workflow: Option<Workflow>) -> &'static str {
    next_step::next_step(a, workflow).map_or("", next_step::Step::code)
}

/// One step of the review: its title, `done`, `now` or `later`, and who did it when.
pub struct StepLine {
    /// The step's title.
    pub title: String,
    /// `done`, `now` or `later`.
    pub state: &'static str,
    /// When and by whom, or what it stands at.
    pub detail: String,
}

/// One person's recommendation: name (and role), `assign` or `refuse`, the reason.
pub type RecommendationLine = (String, &'static str, String);

/// The commission's protocol.
pub struct CommissionView {
    /// The protocol's number.
    pub number: String,
    /// When it sat and who recorded it.
    pub sat: String,
    /// The members present.
    pub members: Vec<String>,
    /// One line per person of the application.
    pub recommendations: Vec<RecommendationLine>,
    /// Where the video recording is kept.
    pub video_reference: String,
    /// Its SHA-256.
    pub video_sha256: String,
}

/// A family member refused while the others are assigned.
pub struct MemberRefusalView {
    /// The member's name.
    pub name: String,
    /// Grounds: title, legal basis.
    pub grounds: Vec<(String, String)>,
    /// The explanation.
    pub comment: String,
}

/// The decision: proposed by the officer, or made (and signed off by the head).
pub struct DecisionView {
    /// `assign`, `extend` or `refuse`.
    pub outcome: &'static str,
    /// When and by whom it was proposed (or decided, in one step).
    pub decided: String,
    /// When and by whom it was signed off.
    pub signed_off: Option<String>,
    /// Grounds of a refusal: title, legal basis.
    pub grounds: Vec<(String, String)>,
    /// The explanation of a refusal.
    pub comment: String,
    /// Family members covered by the certificate.
    pub covered: Vec<String>,
    /// Family members refused.
    pub refused: Vec<MemberRefusalView>,
}

/// Everything the page shows about where the case stands.
pub struct Stage {
    /// The steps, in order.
    pub steps: Vec<StepLine>,
    /// The commission's protocol, once recorded.
    pub commission: Option<CommissionView>,
    /// The hearing, once scheduled.
    pub hearing: Option<HearingView>,
    /// The decision, once proposed.
    pub decision: Option<DecisionView>,
}

/// Who the page's reader and the applicant are, for names in the lines.
pub struct Names<'a> {
    /// Texts.
    pub t: Texts,
    /// The reader.
    pub me: &'a UserId,
    /// The applicant's name (empty when the registry has none).
    pub applicant: &'a str,
    /// The officials' names (from the population registry, by their accounts' IINs).
    pub officials: &'a HashMap<UserId, String>,
}

impl Names<'_> {
    /// "…, 10:00 — you", "… — Қасымова Динара Әлібекқызы", or (an account the registry does
    /// not name) "… — employee 1a2b3c4d".
    pub fn done(&self, at: &Timestamp, by: &UserId) -> String {
        let who = if by == self.me {
            self.t.get("stage-you")
        } else {
            self.official(by)
        };
        format!("{} — {who}", self.t.when(at))
    }

    /// An official by name, or by the start of their account's id when the registry has none.
    pub fn official(&self, by: &UserId) -> String {
        match self.officials.get(by) {
            Some(name) => name.clone(),
            None => employee(self.t, by),
        }
    }

    /// The person's name and role in the application.
    pub fn person(&self, a: &Application, member: Option<&MemberId>) -> String {
        let t = self.t;
        match member.and_then(|id| a.form.members.iter().find(|m| &m.id == id)) {
            Some(m) => format!(
                "{} ({})",
                m.name.display(),
                t.pre("kinship-", m.kinship.code())
            ),
            None if self.applicant.is_empty() => t.get("commission-applicant"),
            None => format!("{} ({})", self.applicant, t.get("commission-applicant")),
        }
    }

    /// Each ground's title and legal basis.
    pub fn grounds(&self, grounds: &[Ground]) -> Vec<(String, String)> {
        let t = self.t;
        let line = |g: &Ground| (t.pre("ground-", &g.code), t.pre("ground-basis-", &g.code));
        grounds.iter().map(line).collect()
    }
}

/// "employee 1a2b3c4d": an official the population registry does not name.
fn employee(t: Texts, by: &UserId) -> String {
    let short: String = by.as_str().chars().take(8).collect();
    t.arg("stage-employee", "code", &short)
}

/// Who holds a case, for its reader: "you", the holder's name, or their short id; empty when
/// nobody has taken it.
pub fn holder_words(t: Texts, me: &UserId, holder: Option<&kandas_app::staff::Official>) -> String {
    holder.map_or_else(String::new, |h| {
        if &h.id == me {
            t.get("stage-you")
        } else {
            h.name.clone().unwrap_or_else(|| employee(t, &h.id))
        }
    })
}

fn line(title: String, state: &'static str, detail: String) -> StepLine {
    StepLine {
        title,
        state,
        detail,
    }
}

fn state_of(done: bool, now: bool) -> &'static str {
    match (done, now) {
        (true, _) => "done",
        (false, true) => "now",
        (false, false) => "later",
    }
}

fn completeness_line(n: &Names<'_>, a: &Application, review: &Review, next: &str) -> StepLine {
    let t = n.t;
    let detail = match (&a.status, &review.completeness) {
        (Status::RejectedAtIntake { at, by, .. }, _) => {
            format!("{} — {}", t.get("stage-refused-at-intake"), n.done(at, by))
        }
        (_, Some(c)) => n.done(&c.at, &c.by),
        _ => String::new(),
    };
    let state = state_of(!detail.is_empty(), next == "completeness");
    line(t.get("step-completeness"), state, detail)
}

fn commission_line(n: &Names<'_>, review: &Review, next: &str) -> StepLine {
    let t = n.t;
    let detail = review.commission.as_ref().map(|c| {
        let number = t.arg("commission-protocol", "number", &c.protocol_number);
        format!("{number} — {}", n.done(&c.sat_at, &c.recorded_by))
    });
    let state = state_of(detail.is_some(), next == "commission");
    line(t.get("step-commission"), state, detail.unwrap_or_default())
}

/// The hearing's step, once it is known to be needed (a recommended refusal, or scheduled).
fn hearing_line(t: Texts, review: &Review, next: &str) -> Option<StepLine> {
    let recommended = review
        .commission
        .as_ref()
        .is_some_and(Commission::recommends_a_refusal);
    if !recommended && review.hearing.is_none() {
        return None;
    }
    let detail = review.hearing.as_ref().map(|h| t.when(&h.at));
    let held = review.hearing.as_ref().is_some_and(|h| h.record.is_some());
    let state = state_of(held, next.starts_with("hearing"));
    Some(line(
        t.get("step-hearing"),
        state,
        detail.unwrap_or_default(),
    ))
}

/// The steps of a staged review, or the single decision of the May-2022 rules.
fn steps(n: &Names<'_>, a: &Application, workflow: Option<Workflow>) -> Vec<StepLine> {
    let t = n.t;
    let next = step(a, workflow);
    let review = a.status.review().cloned().unwrap_or_default();
    let decision = decision_of(&a.status);
    let staged = matches!(workflow, Some(Workflow::Staged { .. }));
    let mut lines = Vec::new();
    if staged {
        lines.push(completeness_line(n, a, &review, next));
    }
    if staged && a.kind == Kind::Assignment {
        lines.push(commission_line(n, &review, next));
    }
    if hearings(workflow) {
        lines.extend(hearing_line(t, &review, next));
    }
    let proposed = review.proposal.as_ref().or(decision);
    let detail = proposed
        .map(|d| n.done(&d.decided_at, &d.decided_by))
        .unwrap_or_default();
    let state = state_of(!detail.is_empty(), next == "decision");
    lines.push(line(t.get("step-decision"), state, detail));
    if staged {
        let signed = decision.and_then(|d| d.signed_off.as_ref());
        let detail = signed.map(|c| n.done(&c.at, &c.by)).unwrap_or_default();
        let state = state_of(signed.is_some(), next == "sign-off");
        lines.push(line(t.get("step-sign-off"), state, detail));
    }
    lines
}

fn decision_of(status: &Status) -> Option<&Decision> {
    match status {
        Status::Decided { decision, .. } => Some(decision),
        _ => None,
    }
}

fn commission_view(n: &Names<'_>, a: &Application, c: &Commission) -> CommissionView {
    let recommendation = |r: Recommendation| match r {
        Recommendation::Assign => "assign",
        Recommendation::Refuse => "refuse",
    };
    CommissionView {
        number: c.protocol_number.clone(),
        sat: n.done(&c.sat_at, &c.recorded_by),
        members: c.members.clone(),
        recommendations: c
            .recommendations
            .iter()
            .map(|r| {
                let who = n.person(a, r.member.as_ref());
                (who, recommendation(r.recommendation), r.reason.clone())
            })
            .collect(),
        video_reference: c.video.reference.clone(),
        video_sha256: c.video.sha256.clone(),
    }
}

fn decision_view(n: &Names<'_>, a: &Application, d: &Decision) -> DecisionView {
    let mut view = DecisionView {
        outcome: "refuse",
        decided: n.done(&d.decided_at, &d.decided_by),
        signed_off: d.signed_off.as_ref().map(|c| n.done(&c.at, &c.by)),
        grounds: Vec::new(),
        comment: String::new(),
        covered: Vec::new(),
        refused: Vec::new(),
    };
    match &d.outcome {
        Outcome::Assigned {
            members,
            refused_members,
            ..
        } => {
            view.outcome = "assign";
            view.covered = members.iter().map(|m| n.person(a, Some(m))).collect();
            view.refused = refused_members
                .iter()
                .map(|r| MemberRefusalView {
                    name: n.person(a, Some(&r.member)),
                    grounds: n.grounds(&r.grounds),
                    comment: r.comment.clone(),
                })
                .collect();
        }
        Outcome::Extended { .. } => view.outcome = "extend",
        Outcome::Refused { grounds, comment } => {
            view.grounds = n.grounds(grounds);
            view.comment.clone_from(comment);
        }
    }
    view
}

/// Where the case stands.
pub fn stage(n: &Names<'_>, a: &Application, workflow: Option<Workflow>) -> Stage {
    let review = a.status.review();
    let proposal = review.and_then(|r| r.proposal.as_ref());
    let decision = proposal.or(decision_of(&a.status));
    Stage {
        steps: steps(n, a, workflow),
        commission: review
            .and_then(|r| r.commission.as_ref())
            .map(|c| commission_view(n, a, c)),
        hearing: review
            .and_then(|r| r.hearing.as_ref())
            .map(|h| super::hearing_view::hearing_view(n, a, h)),
        decision: decision.map(|d| decision_view(n, a, d)),
    }
}
