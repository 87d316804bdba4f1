//! The JSON shapes of what a case records: its registration and term, and the decision with its
//! outcome.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_app::applicant::view::DeadlineView;
use kandas_domain::application::review::Check;
use kandas_domain::application::status::{
    Decision, MemberRefusal, Outcome, Registration, SignatureMethod,
};
use kandas_domain::application::terms::StepTerm;
use kandas_domain::deadline::{Deadline, Suspension};
use kandas_domain::grounds::Ground;
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::{CertificateNumberText, Id, KindCode, Sha256Hex, SignatureMethodCode};

/// Who did something, and when.
#[derive(Serialize, ToSchema)]
pub struct CheckDto {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// The official's account id.
    #[schema(value_type = Id)]
    pub by: String,
}

impl From<&Check> for CheckDto {
    fn from(c: &Check) -> Self {
        CheckDto {
            at: c.at,
            by: c.by.to_string(),
        }
    }
}

/// The term suspended (e.g. while a registry is asked).
#[derive(Serialize, ToSchema)]
pub struct SuspensionDto {
    /// From.
    #[schema(value_type = String, format = Date)]
    pub from: Date,
    /// To.
    #[schema(value_type = String, format = Date)]
    pub to: Date,
    /// Working days suspended.
    pub working_days: u32,
    /// The due date before the suspension.
    #[schema(value_type = String, format = Date)]
    pub original_due: Date,
}

impl From<&Suspension> for SuspensionDto {
    fn from(s: &Suspension) -> Self {
        SuspensionDto {
            from: s.from,
            to: s.to,
            working_days: s.working_days,
            original_due: s.original_due,
        }
    }
}

/// The term of a registered application.
#[derive(Serialize, ToSchema)]
pub struct TermDto {
    /// Accepted on.
    #[schema(value_type = String, format = Date)]
    pub accepted: Date,
    /// Decision due by.
    #[schema(value_type = String, format = Date)]
    pub due: Date,
    /// The rule set it runs under.
    pub rule_set: String,
    /// The suspension, if the term was suspended.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub suspension: Option<SuspensionDto>,
}

impl From<&Deadline> for TermDto {
    fn from(d: &Deadline) -> Self {
        TermDto {
            accepted: d.accepted,
            due: d.due,
            rule_set: d.rule_set.clone(),
            suspension: d.suspension.as_ref().map(Into::into),
        }
    }
}

/// The registration of a signed application: the term starts to run.
#[derive(Serialize, ToSchema)]
pub struct RegistrationDto {
    /// When it was received.
    #[schema(value_type = String, format = DateTime)]
    pub registered_at: Timestamp,
    /// Acceptance day, due date and rule set.
    pub deadline: TermDto,
    /// How it was signed.
    #[schema(value_type = SignatureMethodCode)]
    pub signed_by: &'static str,
    /// SHA-256 of the exact signed document.
    #[schema(value_type = Sha256Hex)]
    pub document_sha256: String,
}

impl From<&Registration> for RegistrationDto {
    fn from(r: &Registration) -> Self {
        RegistrationDto {
            registered_at: r.registered_at,
            deadline: (&r.deadline).into(),
            signed_by: method(r.signed_by),
            document_sha256: r.document_sha256.clone(),
        }
    }
}

/// The code of a signature method.
pub(crate) fn method(m: SignatureMethod) -> &'static str {
    match m {
        SignatureMethod::Sms => "sms",
        SignatureMethod::Eds => "eds",
        SignatureMethod::Paper => "paper",
    }
}

/// One step's term.
#[derive(Serialize, ToSchema)]
pub struct StepTermDto {
    /// The step: `completeness`, `commission`, `hearing` or `decision`.
    pub step: &'static str,
    /// Due by.
    #[schema(value_type = String, format = Date)]
    pub due: Date,
    /// Done on, once done.
    #[schema(value_type = Option<String>, format = Date)]
    pub done_on: Option<Date>,
}

impl From<&StepTerm> for StepTermDto {
    fn from(s: &StepTerm) -> Self {
        StepTermDto {
            step: s.step,
            due: s.due,
            done_on: s.done_on,
        }
    }
}

/// The term of the case as shown.
#[derive(Serialize, ToSchema)]
pub struct DeadlineDto {
    /// Accepted on.
    #[schema(value_type = String, format = Date)]
    pub accepted: Date,
    /// Decision due by.
    #[schema(value_type = String, format = Date)]
    pub due: Date,
    /// Whether it is (or was decided) on time.
    pub on_time: bool,
    /// The rule set it runs under.
    pub rule_set: String,
    /// Each step's term, with the day it was done.
    pub steps: Vec<StepTermDto>,
    /// Every day counted lies in a confirmed year of the calendar (otherwise the due day may
    /// move).
    pub calendar_confirmed: bool,
}

impl From<&DeadlineView> for DeadlineDto {
    fn from(d: &DeadlineView) -> Self {
        DeadlineDto {
            accepted: d.accepted,
            due: d.due,
            on_time: d.on_time,
            rule_set: d.rule_set.clone(),
            steps: d.steps.iter().map(Into::into).collect(),
            calendar_confirmed: d.calendar_confirmed,
        }
    }
}

/// A ground of refusal as the decision records it.
#[derive(Serialize, ToSchema)]
pub struct DecidedGroundDto {
    /// The ground's code.
    pub code: String,
    /// The kinds of application it applies to.
    #[schema(value_type = Vec<KindCode>)]
    pub kinds: Vec<&'static str>,
    /// The provisions of law it rests on.
    pub legal_basis: String,
}

pub(crate) fn grounds(g: &[Ground]) -> Vec<DecidedGroundDto> {
    g.iter()
        .map(|g| DecidedGroundDto {
            code: g.code.clone(),
            kinds: g.kinds.iter().map(|k| k.code()).collect(),
            legal_basis: g.legal_basis.clone(),
        })
        .collect()
}

/// A family member refused while the others are assigned.
#[derive(Serialize, ToSchema)]
pub struct MemberRefusalDto {
    /// The member.
    #[schema(value_type = Id)]
    pub member: String,
    /// The grounds.
    pub grounds: Vec<DecidedGroundDto>,
    /// The officer's explanation.
    pub comment: String,
}

impl From<&MemberRefusal> for MemberRefusalDto {
    fn from(m: &MemberRefusal) -> Self {
        MemberRefusalDto {
            member: m.member.to_string(),
            grounds: grounds(&m.grounds),
            comment: m.comment.clone(),
        }
    }
}

/// What was decided (`outcome` names the variant).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum OutcomeDto {
    /// Status assigned: a certificate covering the applicant and these members.
    Assigned {
        /// The certificate's number.
        #[schema(value_type = CertificateNumberText)]
        certificate: String,
        /// Last day of validity.
        #[schema(value_type = String, format = Date)]
        valid_until: Date,
        /// Family members covered.
        #[schema(value_type = Vec<Id>)]
        members: Vec<String>,
        /// Family members refused (absent when none).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[schema(required = false)]
        refused_members: Vec<MemberRefusalDto>,
    },
    /// Status extended.
    Extended {
        /// New last day of validity.
        #[schema(value_type = String, format = Date)]
        valid_until: Date,
    },
    /// Refused on the merits.
    Refused {
        /// The grounds.
        grounds: Vec<DecidedGroundDto>,
        /// The officer's explanation.
        comment: String,
    },
}

impl From<&Outcome> for OutcomeDto {
    fn from(o: &Outcome) -> Self {
        match o {
            Outcome::Assigned {
                certificate,
                valid_until,
                members,
                refused_members,
            } => OutcomeDto::Assigned {
                certificate: certificate.to_string(),
                valid_until: *valid_until,
                members: members.iter().map(ToString::to_string).collect(),
                refused_members: refused_members.iter().map(Into::into).collect(),
            },
            Outcome::Extended { valid_until } => OutcomeDto::Extended {
                valid_until: *valid_until,
            },
            Outcome::Refused {
                grounds: g,
                comment,
            } => OutcomeDto::Refused {
                grounds: grounds(g),
                comment: comment.clone(),
            },
        }
    }
}

/// A decision with who made it.
#[derive(Serialize, ToSchema)]
pub struct DecisionDto {
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub decided_at: Timestamp,
    /// The official's account id.
    #[schema(value_type = Id)]
    pub decided_by: String,
    /// What.
    pub outcome: OutcomeDto,
    /// The head's sign-off (absent until signed off, and under single-step rule sets).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub signed_off: Option<CheckDto>,
}

impl From<&Decision> for DecisionDto {
    fn from(d: &Decision) -> Self {
        DecisionDto {
            decided_at: d.decided_at,
            decided_by: d.decided_by.to_string(),
            outcome: (&d.outcome).into(),
            signed_off: d.signed_off.as_ref().map(Into::into),
        }
    }
}
