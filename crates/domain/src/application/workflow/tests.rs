//! The staged review: completeness, commission, hearing, proposal, sign-off.

use jiff::Timestamp;
use jiff::civil::Date;

use super::*;
use crate::application::member::{DocumentKind, FamilyMember, IdentityDocument, Kinship};
use crate::application::review::{PersonRecommendation, Recommendation, VideoRecord};
use crate::application::status::{MemberRefusal, Outcome, SignatureMethod};
use crate::application::{Channel, Custody, Form};
use crate::deadline::Deadline;
use crate::grounds::Grounds;
use crate::ids::{ApplicationId, MemberId, UserId};
use crate::iin::Iin;
use crate::numbers::{ApplicationNumber, CertificateNumber};
use crate::person::{Country, CyrillicName, FullName, LatinName, Line};

const STAGED: Workflow = Workflow::Staged { hearing: true };

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn officer() -> Check {
    Check {
        at: at("2026-11-24T05:00:00Z"),
        by: UserId::parse("00000000-0000-4000-8000-000000000009").unwrap(),
    }
}

fn member(n: u8) -> FamilyMember {
    FamilyMember {
        id: MemberId::parse(&format!("00000000-0000-4000-8000-0000000000{n:02}")).unwrap(),
        kinship: Kinship::Child,
        name: FullName {
            surname: CyrillicName::parse("Ерланұлы").unwrap(),
            given: CyrillicName::parse("Алихан").unwrap(),
            patronymic: None,
        },
        name_latin: FullName {
            surname: LatinName::parse("YERLANULY").unwrap(),
            given: LatinName::parse("ALIKHAN").unwrap(),
            patronymic: None,
        },
        birth_date: Date::constant(2019, 4, 1),
        citizenship: Country::parse("CHN").unwrap(),
        iin: None,
        identity_document: IdentityDocument {
            kind: DocumentKind::BirthCertificate,
            number: Line::parse("B1").unwrap(),
            issued_by: Line::parse("PRC").unwrap(),
            expires_on: None,
        },
    }
}

fn registered(kind: Kind) -> Application {
    let registration = Registration {
        registered_at: at("2026-11-23T05:00:00Z"),
        deadline: Deadline {
            accepted: Date::constant(2026, 11, 23),
            due: Date::constant(2026, 11, 26),
            rule_set: "2025-10".into(),
        },
        signed_by: SignatureMethod::Sms,
        document_sha256: "ab".repeat(32),
    };
    Application {
        id: ApplicationId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
        number: ApplicationNumber::new(2026, 1),
        kind,
        channel: Channel::Portal,
        applicant: Iin::parse("900101300811").unwrap(),
        office: None,
        intake_office: None,
        form: Form {
            members: vec![member(1), member(2)],
            ..Form::default()
        },
        custody: Custody::default(),
        status: Status::Registered(registration),
        version: 1,
        created_at: at("2026-11-23T05:00:00Z"),
        updated_at: at("2026-11-23T05:00:00Z"),
    }
}

fn step(app: &Application, t: Transition) -> Application {
    Application {
        status: t.status,
        ..app.clone()
    }
}

fn commission(app: &Application, refuse_second: bool) -> Commission {
    let mut recommendations = vec![PersonRecommendation {
        member: None,
        recommendation: Recommendation::Assign,
        reason: String::new(),
    }];
    for (i, m) in app.form.members.iter().enumerate() {
        let refuse = refuse_second && i == 1;
        recommendations.push(PersonRecommendation {
            member: Some(m.id.clone()),
            recommendation: if refuse {
                Recommendation::Refuse
            } else {
                Recommendation::Assign
            },
            reason: if refuse {
                "не казахской национальности".into()
            } else {
                String::new()
            },
        });
    }
    Commission {
        sat_at: at("2026-11-25T05:00:00Z"),
        recorded_by: officer().by,
        protocol_number: "П-1".into(),
        members: vec!["Сейтқазиева Ақбөпе".into(), "Жұмабеков Ерлан".into()],
        recommendations,
        video: VideoRecord {
            reference: "video://leb-astana/2026/11/25/1".into(),
            sha256: "cd".repeat(32),
        },
    }
}

fn assign(app: &Application, refused: bool) -> Decision {
    let grounds = Grounds::shipped().unwrap();
    let refused_members = if refused {
        vec![MemberRefusal {
            member: app.form.members[1].id.clone(),
            grounds: grounds
                .select(Kind::Assignment, &["not-kazakh-nationality".into()])
                .unwrap(),
            comment: "не подтверждена национальность".into(),
        }]
    } else {
        Vec::new()
    };
    Decision {
        decided_at: at("2026-11-26T05:00:00Z"),
        decided_by: officer().by,
        outcome: Outcome::Assigned {
            certificate: CertificateNumber::new(2026, 1),
            valid_until: Date::constant(2027, 11, 26),
            members: vec![app.form.members[0].id.clone()],
            refused_members,
        },
        signed_off: None,
    }
}

fn hearing() -> Hearing {
    Hearing {
        at: at("2026-11-26T06:00:00Z"),
        place: "https://meet.example/kandas-1".into(),
        online: true,
        scheduled: officer(),
        reschedules: Vec::new(),
        requests: Vec::new(),
        record: None,
    }
}

#[test]
fn a_family_is_accepted_reviewed_heard_and_decided_member_by_member() {
    let app = registered(Kind::Assignment);
    let t = app.accept_complete(officer(), STAGED).unwrap();
    assert_eq!(t.status.code(), "accepted");
    assert!(matches!(t.notices[0], Notice::Accepted { .. }));
    let app = step(&app, t);
    // No decision before the commission, and no hearing without a recommended refusal.
    assert_eq!(
        app.propose(assign(&app, false), STAGED),
        Err(TransitionError::ReviewFirst)
    );
    let app = step(&app, app.record_commission(commission(&app, true)).unwrap());
    assert_eq!(app.status.code(), "under_review");
    assert_eq!(
        app.propose(assign(&app, false), STAGED),
        Err(TransitionError::HearingNeeded)
    );
    let t = app.schedule_hearing(hearing()).unwrap();
    assert_eq!(t.status.code(), "hearing");
    assert!(
        matches!(&t.notices[0], Notice::HearingScheduled { place, .. } if place.contains("meet"))
    );
    let app = step(&app, t);
    // The applicant asks to move it, for a reason.
    let asked = Reschedule {
        asked_at: at("2026-11-25T09:00:00Z"),
        reason: "болезнь".into(),
        previous: at("2026-11-26T06:00:00Z"),
    };
    let later = at("2026-11-27T06:00:00Z");
    let app = step(
        &app,
        app.reschedule_hearing(asked, later, "каб. 5".into(), false)
            .unwrap(),
    );
    let Status::InReview { review, .. } = &app.status else {
        panic!()
    };
    assert_eq!(review.hearing.as_ref().unwrap().reschedules.len(), 1);
    assert_eq!(review.hearing.as_ref().unwrap().at, later);
    assert_eq!(
        app.propose(assign(&app, true), STAGED),
        Err(TransitionError::HearingNeeded)
    );
    let record = HearingRecord {
        held_at: later,
        recorded_by: officer().by,
        statement: "Заявитель возражает.".into(),
    };
    let app = step(&app, app.record_hearing(record.clone()).unwrap());
    assert_eq!(
        app.record_hearing(record),
        Err(TransitionError::AlreadyHeard)
    );
    let t = app.propose(assign(&app, true), STAGED).unwrap();
    assert_eq!(t.status.code(), "hearing", "still awaiting the head");
    let app = step(&app, t);
    let head = Check {
        at: at("2026-11-27T09:00:00Z"),
        by: UserId::parse("00000000-0000-4000-8000-000000000010").unwrap(),
    };
    let t = app.sign_off(head.clone(), None).unwrap();
    assert_eq!(t.status.code(), "assigned");
    let Status::Decided {
        decision, review, ..
    } = &t.status
    else {
        panic!()
    };
    assert_eq!(decision.signed_off, Some(head));
    assert!(decision.refuses_anyone());
    assert!(review.commission.is_some() && review.heard() && review.proposal.is_none());
}

#[test]
fn a_commission_that_recommends_assigning_everyone_needs_no_hearing_unless_a_refusal_is_planned() {
    let app = registered(Kind::Assignment);
    let app = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    assert_eq!(
        app.schedule_hearing(hearing()),
        Err(TransitionError::ReviewFirst),
        "the commission sits first"
    );
    let app = step(
        &app,
        app.record_commission(commission(&app, false)).unwrap(),
    );
    // Refusing a member anyway needs a hearing first.
    assert_eq!(
        app.propose(assign(&app, true), STAGED),
        Err(TransitionError::HearingFirst)
    );
    let planned = step(&app, app.schedule_hearing(hearing()).unwrap());
    assert_eq!(planned.status.code(), "hearing");
    let app = step(&app, app.propose(assign(&app, false), STAGED).unwrap());
    assert_eq!(
        app.sign_off(officer(), None).unwrap().status.code(),
        "assigned"
    );
}

#[test]
fn the_protocol_must_cover_every_person_and_carry_the_video_hash() {
    let app = registered(Kind::Assignment);
    let app = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    let mut missing_member = commission(&app, false);
    missing_member.recommendations.pop();
    assert_eq!(
        app.record_commission(missing_member),
        Err(TransitionError::IncompleteProtocol)
    );
    let mut bad_hash = commission(&app, false);
    bad_hash.video.sha256 = "not-a-hash".into();
    assert_eq!(
        app.record_commission(bad_hash),
        Err(TransitionError::IncompleteProtocol)
    );
    let extension = registered(Kind::Extension);
    let extension = step(
        &extension,
        extension.accept_complete(officer(), STAGED).unwrap(),
    );
    assert_eq!(
        extension.record_commission(commission(&app, false)),
        Err(TransitionError::AssignmentOnly)
    );
}

#[test]
fn single_step_and_staged_rule_sets_take_different_paths() {
    let app = registered(Kind::Assignment);
    assert_eq!(
        app.decide(assign(&app, false), STAGED),
        Err(TransitionError::ReviewFirst)
    );
    assert_eq!(
        app.decide(assign(&app, false), Workflow::SingleStep)
            .unwrap()
            .status
            .code(),
        "assigned"
    );
    assert!(
        app.accept_complete(officer(), Workflow::SingleStep)
            .is_err()
    );
}

#[test]
fn an_incomplete_package_is_refused_at_the_completeness_check() {
    let app = registered(Kind::Assignment);
    let missing = vec![MissingItem {
        document: crate::application::document::DocumentType::NationalityProof,
        member: None,
        shortfall: crate::application::custody::Shortfall::Expired,
    }];
    let t = app.refuse_incomplete(officer(), missing).unwrap();
    assert_eq!(t.status.code(), "rejected_at_intake");
    assert_eq!(t.status.closed_at(), Some(officer().at));
    assert_eq!(
        app.refuse_incomplete(officer(), vec![]),
        Err(TransitionError::NothingMissing)
    );
    let accepted = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    assert!(accepted.refuse_incomplete(officer(), vec![]).is_err());
}

#[test]
fn an_extension_skips_the_commission_and_is_signed_off() {
    let app = registered(Kind::Extension);
    let app = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    let decision = Decision {
        decided_at: at("2026-11-24T06:00:00Z"),
        decided_by: officer().by,
        outcome: Outcome::Extended {
            valid_until: Date::constant(2027, 5, 24),
        },
        signed_off: None,
    };
    let app = step(&app, app.propose(decision, STAGED).unwrap());
    assert_eq!(app.status.code(), "accepted");
    assert_eq!(
        app.sign_off(officer(), None).unwrap().status.code(),
        "extended"
    );
    assert_eq!(
        registered(Kind::Extension).sign_off(officer(), None),
        Err(TransitionError::WrongState("registered"))
    );
}
