//! The review's form that failed, kept so that the case page shows it again as typed: each
//! form's values by line, for the checklist, the recommendations, the notice and the decision.

use std::collections::BTreeSet;

use kandas_domain::application::custody::Shortfall;

use super::posted::{
    CommissionForm, CompletenessForm, DecisionForm, HeardForm, MemberLine, PlanLine, ScheduleForm,
};

/// No grounds ticked.
static NO_GROUNDS: BTreeSet<String> = BTreeSet::new();

/// The form that failed, kept to be shown again as typed (nothing on a GET).
#[derive(Default)]
pub enum Typed {
    /// Nothing was posted: the forms show their defaults.
    #[default]
    Nothing,
    /// The completeness check.
    Completeness(CompletenessForm),
    /// The commission's protocol.
    Commission(CommissionForm),
    /// The hearing scheduled or moved.
    Schedule(ScheduleForm),
    /// The hearing held.
    Heard(HeardForm),
    /// The decision.
    Decision(DecisionForm),
    /// The sign-off (it posts nothing to show again).
    SignOff,
}

impl Typed {
    /// Whether nothing was posted.
    pub fn is_empty(&self) -> bool {
        matches!(self, Typed::Nothing)
    }

    /// Whether shortfall `s` of checklist line `n` was ticked.
    pub fn shortfall(&self, n: usize, s: Shortfall) -> bool {
        match self {
            Typed::Completeness(f) => f.lines.get(&n).is_some_and(|l| l.shortfalls.contains(&s)),
            _ => false,
        }
    }

    /// The recommendation typed for person `n`, and its reason.
    pub fn recommendation(&self, n: usize) -> (&str, &str) {
        match self {
            Typed::Commission(f) => f.recommendations.get(&n).map_or(("", ""), |l| {
                (
                    l.recommendation.as_deref().unwrap_or_default(),
                    l.reason.as_deref().unwrap_or_default(),
                )
            }),
            _ => ("", ""),
        }
    }

    /// The decision's line of family member `n`.
    pub fn member(&self, n: usize) -> Option<&MemberLine> {
        match self {
            Typed::Decision(f) => f.members.get(&n),
            _ => None,
        }
    }

    /// Whether the decision refuses family member `n`.
    pub fn refuses(&self, n: usize) -> bool {
        self.member(n).and_then(|m| m.refuse).unwrap_or(false)
    }

    /// The grounds ticked for family member `n` in the decision.
    pub fn member_grounds(&self, n: usize) -> &BTreeSet<String> {
        self.member(n).map_or(&NO_GROUNDS, |m| &m.grounds)
    }

    /// The explanation typed for family member `n`.
    pub fn member_comment(&self, n: usize) -> &str {
        self.member(n)
            .and_then(|m| m.comment.as_deref())
            .unwrap_or_default()
    }

    /// The grounds ticked for the applicant in the decision.
    pub fn grounds(&self) -> &BTreeSet<String> {
        match self {
            Typed::Decision(f) => &f.grounds,
            _ => &NO_GROUNDS,
        }
    }

    /// The hearing's notice line of person `n`.
    pub fn plan(&self, n: usize) -> Option<&PlanLine> {
        match self {
            Typed::Schedule(f) => f.plans.get(&n),
            _ => None,
        }
    }

    /// The hearing form posted, if it was.
    pub fn schedule(&self) -> Option<&ScheduleForm> {
        match self {
            Typed::Schedule(f) => Some(f),
            _ => None,
        }
    }

    /// The commission form posted, if it was.
    pub fn commission(&self) -> Option<&CommissionForm> {
        match self {
            Typed::Commission(f) => Some(f),
            _ => None,
        }
    }

    /// The decision form posted, if it was.
    pub fn decision(&self) -> Option<&DecisionForm> {
        match self {
            Typed::Decision(f) => Some(f),
            _ => None,
        }
    }

    /// The hearing's statement as typed.
    pub fn statement(&self) -> &str {
        match self {
            Typed::Heard(f) => &f.statement,
            _ => "",
        }
    }

    /// The move's reason as typed.
    pub fn reason(&self) -> &str {
        self.schedule()
            .and_then(|f| f.reason.as_deref())
            .unwrap_or_default()
    }

    /// The protocol's number as typed.
    pub fn protocol_number(&self) -> &str {
        self.commission()
            .map_or("", CommissionForm::protocol_number)
    }

    /// The commission's members as typed.
    pub fn members(&self) -> &str {
        self.commission().map_or("", CommissionForm::members)
    }

    /// The video's reference as typed.
    pub fn video_reference(&self) -> &str {
        self.commission()
            .map_or("", CommissionForm::video_reference)
    }

    /// The video's hash as typed.
    pub fn video_sha256(&self) -> &str {
        self.commission().map_or("", CommissionForm::video_sha256)
    }

    /// The decision's outcome as chosen.
    pub fn outcome(&self) -> &str {
        self.decision().map_or("", DecisionForm::outcome)
    }

    /// The decision's explanation as typed.
    pub fn comment(&self) -> &str {
        self.decision().map_or("", DecisionForm::comment)
    }
}
