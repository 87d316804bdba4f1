//! Transitions of the status machine.

use crate::audit::AuditAction;
use jiff::Timestamp;
use jiff::civil::Date;

use super::*;
use crate::application::custody::{MissingItem, Shortfall};
use crate::application::document::DocumentType;
use crate::application::{Application, Channel, Custody, Form, Kind};
use crate::grounds::Grounds;
use crate::ids::ApplicationId;
use crate::iin::Iin;
use crate::numbers::ApplicationNumber;
use crate::rules::Workflow;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn draft(kind: Kind) -> Application {
    Application {
        id: ApplicationId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
        number: ApplicationNumber::new(2026, 1),
        kind,
        channel: Channel::Portal,
        applicant: Iin::parse("900101300811").unwrap(),
        office: None,
        form: Form::default(),
        status: Status::Draft,
        version: 1,
        created_at: at("2026-11-23T05:00:00Z"),
        updated_at: at("2026-11-23T05:00:00Z"),
        intake_office: None,
        custody: Custody::default(),
    }
}

fn registration() -> Registration {
    Registration {
        registered_at: at("2026-11-23T05:00:00Z"),
        deadline: Deadline {
            accepted: Date::constant(2026, 11, 23),
            due: Date::constant(2026, 11, 26),
            rule_set: "2025-10".into(),
            suspension: None,
        },
        signed_by: SignatureMethod::Sms,
        document_sha256: "ab".repeat(32),
    }
}

fn decision(outcome: Outcome) -> Decision {
    Decision {
        decided_at: at("2026-11-24T05:00:00Z"),
        decided_by: UserId::parse("00000000-0000-4000-8000-000000000009").unwrap(),
        outcome,
        signed_off: None,
    }
}

fn assign() -> Outcome {
    Outcome::Assigned {
        certificate: CertificateNumber::new(2026, 1),
        valid_until: Date::constant(2027, 11, 24),
        members: vec![],
        refused_members: vec![],
    }
}

fn registered(kind: Kind) -> Application {
    let mut app = draft(kind);
    app.status = app.submit(registration()).unwrap().status;
    app
}

#[test]
fn submit_registers_a_draft_and_notifies_the_due_date() {
    let t = draft(Kind::Assignment).submit(registration()).unwrap();
    assert_eq!(t.status.code(), "registered");
    assert_eq!(t.audit.action, AuditAction::ApplicationSubmit);
    assert_eq!(
        t.notices,
        vec![Notice::Registered {
            number: "KND-2026-000001".into(),
            due: Date::constant(2026, 11, 26)
        }]
    );
}

#[test]
fn a_registered_application_cannot_be_submitted_again() {
    assert_eq!(
        registered(Kind::Assignment).submit(registration()),
        Err(TransitionError::WrongState("registered"))
    );
}

#[test]
fn an_assignment_is_assigned_and_the_notice_names_the_certificate() {
    let t = registered(Kind::Assignment)
        .decide(decision(assign()), Workflow::SingleStep)
        .unwrap();
    assert_eq!(t.status.code(), "assigned");
    assert_eq!(t.status.registration(), Some(&registration()));
    assert!(matches!(
        &t.notices[0],
        Notice::Decided { certificate: Some(c), outcome, .. } if c == "KC-2026-000001" && outcome == "assigned"
    ));
}

#[test]
fn outcomes_must_fit_the_kind() {
    assert_eq!(
        registered(Kind::Extension).decide(decision(assign()), Workflow::SingleStep),
        Err(TransitionError::WrongOutcome("assign"))
    );
    let extend = Outcome::Extended {
        valid_until: Date::constant(2027, 5, 1),
    };
    assert_eq!(
        registered(Kind::Assignment).decide(decision(extend.clone()), Workflow::SingleStep),
        Err(TransitionError::WrongOutcome("extend"))
    );
    assert_eq!(
        registered(Kind::Extension)
            .decide(decision(extend), Workflow::SingleStep)
            .unwrap()
            .status
            .code(),
        "extended"
    );
}

#[test]
fn a_refusal_needs_an_explanation() {
    let grounds = Grounds::shipped()
        .unwrap()
        .select(
            Kind::Assignment,
            &[crate::grounds::GroundCode::parse("was-citizen").unwrap()],
        )
        .unwrap();
    let bare = Outcome::Refused {
        grounds: grounds.clone(),
        comment: "  ".into(),
    };
    assert_eq!(
        registered(Kind::Assignment).decide(decision(bare), Workflow::SingleStep),
        Err(TransitionError::NoExplanation)
    );
    let explained = Outcome::Refused {
        grounds,
        comment: "Held citizenship in 2001–2010".into(),
    };
    assert_eq!(
        registered(Kind::Assignment)
            .decide(decision(explained), Workflow::SingleStep)
            .unwrap()
            .status
            .code(),
        "refused"
    );
}

#[test]
fn a_decided_case_cannot_be_decided_again_or_withdrawn() {
    let mut app = registered(Kind::Assignment);
    app.status = app
        .decide(decision(assign()), Workflow::SingleStep)
        .unwrap()
        .status;
    assert_eq!(
        app.decide(decision(assign()), Workflow::SingleStep),
        Err(TransitionError::WrongState("assigned"))
    );
    assert_eq!(
        app.withdraw(at("2026-11-25T00:00:00Z")),
        Err(TransitionError::WrongState("assigned"))
    );
}

#[test]
fn a_draft_or_registered_case_can_be_withdrawn() {
    let t = draft(Kind::Assignment)
        .withdraw(at("2026-11-25T00:00:00Z"))
        .unwrap();
    assert_eq!(t.status.code(), "withdrawn");
    let t = registered(Kind::Assignment)
        .withdraw(at("2026-11-25T00:00:00Z"))
        .unwrap();
    assert_eq!(t.status.registration(), Some(&registration()));
    assert!(
        matches!(&t.notices[..], [Notice::Withdrawn { number }] if *number == registered(Kind::Assignment).number.to_string()),
        "{:?}",
        t.notices
    );
}

#[test]
fn a_case_under_review_can_be_withdrawn_a_draft_without_a_notice() {
    let when = at("2026-11-25T00:00:00Z");
    let mut app = registered(Kind::Assignment);
    app.status = Status::InReview {
        registration: registration(),
        review: crate::application::review::Review::default(),
    };
    let t = app.withdraw(when).unwrap();
    assert_eq!(t.status.code(), "withdrawn");
    assert_eq!(t.audit.details["from"], "accepted");
    assert_eq!(t.notices.len(), 1);
    assert!(
        draft(Kind::Assignment)
            .withdraw(when)
            .unwrap()
            .notices
            .is_empty()
    );
}

#[test]
fn statuses_round_trip_through_json() {
    let t = registered(Kind::Assignment)
        .decide(decision(assign()), Workflow::SingleStep)
        .unwrap();
    let json = serde_json::to_string(&t.status).unwrap();
    assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), t.status);
}

#[test]
fn a_desk_draft_refused_at_intake_names_what_is_missing_and_closes() {
    let missing = vec![MissingItem {
        document: DocumentType::IdentityDocument,
        member: None,
        shortfall: Shortfall::NoTranslation,
    }];
    let by = UserId::parse("00000000-0000-4000-8000-000000000007").unwrap();
    let when = at("2026-11-23T06:00:00Z");
    let t = draft(Kind::Assignment)
        .refuse_intake(when, by.clone(), missing.clone())
        .unwrap();
    assert_eq!(t.status.code(), "rejected_at_intake");
    assert_eq!(t.status.closed_at(), Some(when));
    assert_eq!(
        t.status.registration(),
        None,
        "nothing was registered or sent on"
    );
    assert_eq!(t.audit.action, AuditAction::ApplicationRefuseIntake);
    assert_eq!(
        t.notices,
        vec![Notice::RejectedAtIntake {
            number: "KND-2026-000001".into(),
            missing: 1,
            items: vec![crate::application::notice::MissingNotice {
                document: DocumentType::IdentityDocument,
                member: None,
                shortfall: Shortfall::NoTranslation,
            }],
            registered_on: None,
        }]
    );
    let refused = Application {
        status: t.status,
        ..draft(Kind::Assignment)
    };
    assert_eq!(
        refused.withdraw(when),
        Err(TransitionError::WrongState("rejected_at_intake"))
    );
    assert_eq!(
        draft(Kind::Assignment).refuse_intake(when, by.clone(), vec![]),
        Err(TransitionError::NothingMissing)
    );
    assert_eq!(
        registered(Kind::Assignment).refuse_intake(when, by, missing),
        Err(TransitionError::WrongState("registered"))
    );
}

#[test]
fn open_cases_have_no_closing_time() {
    assert_eq!(draft(Kind::Assignment).status.closed_at(), None);
    assert_eq!(registered(Kind::Assignment).status.closed_at(), None);
    let decided = registered(Kind::Assignment)
        .decide(decision(assign()), Workflow::SingleStep)
        .unwrap()
        .status;
    assert_eq!(decided.closed_at(), Some(at("2026-11-24T05:00:00Z")));
}
