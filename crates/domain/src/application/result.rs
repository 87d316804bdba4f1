//! The result documents a decision makes: the kandas certificate, the decision to extend, the
//! decision to refuse; and, when family members are refused while the others are assigned, the
//! decision that refuses them. Each is made once, when the decision takes effect.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::status::{Decision, Outcome};

/// One kind of result document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// The kandas certificate (assignment).
    Certificate,
    /// The decision to extend the status.
    ExtensionDecision,
    /// The decision to refuse the application.
    RefusalDecision,
    /// The decision that refuses family members while the others are assigned.
    MemberRefusal,
}

impl ResultKind {
    /// Every kind.
    pub const ALL: [ResultKind; 4] = [
        ResultKind::Certificate,
        ResultKind::ExtensionDecision,
        ResultKind::RefusalDecision,
        ResultKind::MemberRefusal,
    ];

    /// The stable code (message id suffix `result-doc-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            ResultKind::Certificate => "certificate",
            ResultKind::ExtensionDecision => "extension_decision",
            ResultKind::RefusalDecision => "refusal_decision",
            ResultKind::MemberRefusal => "member_refusal",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<ResultKind> {
        ResultKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Whether the document refuses someone (and so says how to appeal).
    pub fn refuses(self) -> bool {
        matches!(
            self,
            ResultKind::RefusalDecision | ResultKind::MemberRefusal
        )
    }
}

impl Decision {
    /// When the decision took effect: the head's sign-off under a staged rule set, the
    /// officer's decision under a single-step one.
    pub fn took_effect_at(&self) -> Timestamp {
        self.signed_off.as_ref().map_or(self.decided_at, |c| c.at)
    }

    /// The result documents the decision makes, the main one first.
    pub fn result_kinds(&self) -> Vec<ResultKind> {
        match &self.outcome {
            Outcome::Assigned {
                refused_members, ..
            } if refused_members.is_empty() => vec![ResultKind::Certificate],
            Outcome::Assigned { .. } => vec![ResultKind::Certificate, ResultKind::MemberRefusal],
            Outcome::Extended { .. } => vec![ResultKind::ExtensionDecision],
            Outcome::Refused { .. } => vec![ResultKind::RefusalDecision],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::review::Check;
    use crate::ids::{MemberId, UserId};
    use crate::numbers::CertificateNumber;

    fn user(n: u8) -> UserId {
        UserId::from_random([n; 16])
    }

    #[test]
    fn a_decision_takes_effect_when_signed_off_and_names_its_documents() {
        let decided_at: Timestamp = "2026-11-24T05:00:00Z".parse().unwrap();
        let signed_at: Timestamp = "2026-11-25T09:30:00Z".parse().unwrap();
        let mut decision = Decision {
            decided_at,
            decided_by: user(1),
            outcome: Outcome::Assigned {
                certificate: CertificateNumber::new(2026, 1),
                valid_until: jiff::civil::Date::constant(2027, 11, 25),
                members: Vec::new(),
                refused_members: Vec::new(),
            },
            signed_off: None,
        };
        assert_eq!(decision.took_effect_at(), decided_at);
        assert_eq!(decision.result_kinds(), [ResultKind::Certificate]);
        decision.signed_off = Some(Check {
            at: signed_at,
            by: user(2),
        });
        assert_eq!(decision.took_effect_at(), signed_at);
        if let Outcome::Assigned {
            refused_members, ..
        } = &mut decision.outcome
        {
            refused_members.push(super::super::status::MemberRefusal {
                member: MemberId::from_random([3; 16]),
                grounds: Vec::new(),
                comment: "x".into(),
            });
        }
        assert_eq!(
            decision.result_kinds(),
            [ResultKind::Certificate, ResultKind::MemberRefusal]
        );
        for kind in ResultKind::ALL {
            assert_eq!(ResultKind::parse(kind.code()), Some(kind));
        }
        assert!(ResultKind::MemberRefusal.refuses() && !ResultKind::Certificate.refuses());
    }
}
