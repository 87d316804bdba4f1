//! What the notices of a refusal tell the applicant: the refusal to accept names each missing
//! line, the decision names each refused family member with the grounds. The notice is kept in
//! the personal account as written, so it names people as the form had them.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Application;
use super::custody::{MissingItem, Shortfall};
use super::document::DocumentType;
use super::member::Kinship;
use jiff::Timestamp;

use super::status::{Decision, Outcome};

/// What a notice to the applicant says; the text is rendered in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "notice")]
pub enum Notice {
    /// The application was registered; the decision is due by `due`.
    Registered {
        /// Application number.
        number: String,
        /// Due date.
        due: Date,
    },
    /// The package was refused at intake; `missing` counts the missing items.
    RejectedAtIntake {
        /// Application number.
        number: String,
        /// How many items were missing.
        missing: usize,
        /// What is missing, line by line (notices stored before this carry only the count).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<super::notice::MissingNotice>,
        /// The registration day, when the local executive body refused a registered package.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        registered_on: Option<Date>,
    },
    /// The result was handed over at the desk.
    ResultIssued {
        /// Application number.
        number: String,
    },
    /// The applicant withdrew the application before the decision.
    Withdrawn {
        /// Application number.
        number: String,
    },
    /// The package was found complete; the review has begun.
    Accepted {
        /// Application number.
        number: String,
    },
    /// A hearing was scheduled (or moved) before a planned refusal.
    HearingScheduled {
        /// Application number.
        number: String,
        /// When.
        at: Timestamp,
        /// The address or the link.
        place: String,
        /// Held online (the place is the link to join).
        #[serde(default)]
        online: bool,
        /// Whose refusal is planned, on which grounds.
        #[serde(default)]
        refusals: Vec<NoticeRefusal>,
        /// The decision's due date, moved by the hearing when the term stands still for it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<Date>,
    },
    /// To the head: an open case is due on `due`, the next working day.
    DeadlineWarning {
        /// Application number.
        number: String,
        /// Due date.
        due: Date,
    },
    /// To the holder: the certificate expires on `valid_until`; an extension can be filed.
    ExpiryReminder {
        /// The certificate's number.
        certificate: String,
        /// Its last day.
        valid_until: Date,
    },
    /// A decision was made.
    Decided {
        /// Application number.
        number: String,
        /// `assigned`, `extended` or `refused`.
        outcome: String,
        /// The certificate number, when assigned.
        certificate: Option<String>,
        /// The ground codes of a refusal of the whole application.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        grounds: Vec<String>,
        /// The family members refused while the others are assigned.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        refused_members: Vec<super::notice::DecidedRefusal>,
    },
}

impl Notice {
    /// The message id of the notice's text.
    pub fn message_id(&self) -> String {
        match self {
            Notice::Registered { .. } => "notice-registered".into(),
            Notice::RejectedAtIntake {
                registered_on: Some(_),
                ..
            } => "notice-rejected_at_check".into(),
            Notice::RejectedAtIntake { .. } => "notice-rejected_at_intake".into(),
            Notice::ResultIssued { .. } => "notice-result-issued".into(),
            Notice::Withdrawn { .. } => "notice-withdrawn".into(),
            Notice::Accepted { .. } => "notice-accepted".into(),
            Notice::DeadlineWarning { .. } => "notice-deadline-warning".into(),
            Notice::ExpiryReminder { .. } => "notice-expiry-reminder".into(),
            Notice::HearingScheduled { .. } => "notice-hearing".into(),
            Notice::Decided { outcome, .. } => format!("notice-{outcome}"),
        }
    }
}

/// A planned refusal as a notice tells it: whose (a family member's full name; `None` for the
/// applicant), and the ground codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeRefusal {
    /// The family member's full name; `None` for the applicant.
    #[serde(default)]
    pub member: Option<String>,
    /// The ground codes (message ids `ground-<code>`).
    pub grounds: Vec<String>,
}

/// One missing line as a refusal-to-accept notice tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingNotice {
    /// The document.
    pub document: DocumentType,
    /// The family member's full name; `None` for the applicant's own document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// What is missing.
    pub shortfall: Shortfall,
}

/// A family member refused while the others are assigned, as the decision's notice tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecidedRefusal {
    /// The member's full name.
    pub member: String,
    /// Who the member is to the applicant.
    pub kinship: Kinship,
    /// The ground codes (message ids `ground-<code>`).
    pub grounds: Vec<String>,
}

impl Notice {
    /// The notice of a refusal to accept: every missing line with the member it concerns, and
    /// the registration day when the local executive body refused a registered package.
    pub fn rejected_at_intake(
        application: &Application,
        missing: &[MissingItem],
        registered_on: Option<Date>,
    ) -> Notice {
        let items = missing
            .iter()
            .map(|m| MissingNotice {
                document: m.document,
                member: m.member.as_ref().map(|id| {
                    application
                        .form
                        .members
                        .iter()
                        .find(|f| &f.id == id)
                        .map_or_else(|| id.to_string(), |f| f.name.display())
                }),
                shortfall: m.shortfall,
            })
            .collect();
        Notice::RejectedAtIntake {
            number: application.number.to_string(),
            missing: missing.len(),
            items,
            registered_on,
        }
    }

    /// The notice of a decision (`outcome` is the status code it makes): the certificate, or
    /// the grounds of a refusal, and each family member refused with the grounds.
    pub fn decided(application: &Application, decision: &Decision, outcome: &str) -> Notice {
        let (certificate, grounds, refused_members) = match &decision.outcome {
            Outcome::Assigned {
                certificate,
                refused_members,
                ..
            } => {
                let refused = refused_members
                    .iter()
                    .filter_map(|r| {
                        let member = application.form.members.iter().find(|m| m.id == r.member)?;
                        Some(DecidedRefusal {
                            member: member.name.display(),
                            kinship: member.kinship,
                            grounds: r.grounds.iter().map(|g| g.code.clone()).collect(),
                        })
                    })
                    .collect();
                (Some(certificate.to_string()), Vec::new(), refused)
            }
            Outcome::Extended { .. } => (None, Vec::new(), Vec::new()),
            Outcome::Refused { grounds, .. } => (
                None,
                grounds.iter().map(|g| g.code.clone()).collect(),
                Vec::new(),
            ),
        };
        Notice::Decided {
            number: application.number.to_string(),
            outcome: outcome.to_owned(),
            certificate,
            grounds,
            refused_members,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::member::FamilyMember;
    use crate::application::status::MemberRefusal;
    use crate::grounds::Grounds;
    use crate::ids::{MemberId, UserId};
    use crate::numbers::CertificateNumber;

    fn child() -> FamilyMember {
        serde_json::from_value(serde_json::json!({
            "id": MemberId::from_random([7; 16]), "kinship": "child",
            "name": { "surname": "Ерланұлы", "given": "Алихан", "patronymic": null },
            "name_latin": { "surname": "YERLANULY", "given": "ALIKHAN", "patronymic": null },
            "birth_date": "2019-04-01", "citizenship": "CHN", "iin": null,
            "identity_document": { "kind": "birth_certificate", "number": "B1", "issued_by": "PRC",
                                   "expires_on": null }
        }))
        .unwrap()
    }

    fn application() -> Application {
        let mut app: Application = serde_json::from_value(serde_json::json!({
            "id": "00000000-0000-4000-8000-000000000001", "number": "KND-2026-000001",
            "kind": "assignment", "channel": "portal", "applicant": "900101300811",
            "office": null, "intake_office": null, "custody": { "lines": [] },
            "form": { "region": null, "country_of_origin": null, "identity_document": null,
                      "education": null, "profession": null, "address": null,
                      "consent_via_foreign_mission": false, "members": [] },
            "status": { "status": "draft" }, "version": 1,
            "created_at": "2026-11-23T05:00:00Z", "updated_at": "2026-11-23T05:00:00Z"
        }))
        .unwrap();
        app.form.members.push(child());
        app
    }

    #[test]
    fn the_decision_notice_names_each_refused_member_with_the_grounds() {
        let app = application();
        let grounds = Grounds::shipped()
            .unwrap()
            .select(
                app.kind,
                &[crate::grounds::GroundCode::parse("not-kazakh-nationality").unwrap()],
            )
            .unwrap();
        let decision = Decision {
            decided_at: "2026-11-24T05:00:00Z".parse().unwrap(),
            decided_by: UserId::from_random([1; 16]),
            outcome: Outcome::Assigned {
                certificate: CertificateNumber::new(2026, 1),
                valid_until: Date::constant(2027, 11, 24),
                members: Vec::new(),
                refused_members: vec![MemberRefusal {
                    member: child().id,
                    grounds,
                    comment: "не подтверждена".into(),
                }],
            },
            signed_off: None,
        };
        let Notice::Decided {
            refused_members,
            certificate,
            ..
        } = Notice::decided(&app, &decision, "assigned")
        else {
            panic!("a decision notice");
        };
        assert_eq!(certificate.as_deref(), Some("KC-2026-000001"));
        assert_eq!(
            refused_members,
            [DecidedRefusal {
                member: "Ерланұлы Алихан".into(),
                kinship: Kinship::Child,
                grounds: vec!["not-kazakh-nationality".into()],
            }]
        );
    }

    #[test]
    fn a_refusal_to_accept_names_the_member_and_old_notices_still_read() {
        let app = application();
        let missing = [MissingItem {
            document: DocumentType::IdentityDocument,
            member: Some(child().id),
            shortfall: Shortfall::NoScan,
        }];
        let notice = Notice::rejected_at_intake(&app, &missing, Some(Date::constant(2026, 11, 23)));
        assert_eq!(notice.message_id(), "notice-rejected_at_check");
        let Notice::RejectedAtIntake { items, .. } = &notice else {
            panic!("a refusal to accept");
        };
        assert_eq!(items[0].member.as_deref(), Some("Ерланұлы Алихан"));
        let json = serde_json::to_string(&notice).unwrap();
        assert_eq!(serde_json::from_str::<Notice>(&json).unwrap(), notice);

        let old = r#"{"notice": "rejected_at_intake", "number": "KND-2026-000001", "missing": 2}"#;
        let old: Notice = serde_json::from_str(old).unwrap();
        assert_eq!(old.message_id(), "notice-rejected_at_intake");
        let old = r#"{"notice": "decided", "number": "KND-2026-000001", "outcome": "refused",
                      "certificate": null}"#;
        assert!(matches!(
            serde_json::from_str::<Notice>(old).unwrap(),
            Notice::Decided { grounds, .. } if grounds.is_empty()
        ));
    }
}
