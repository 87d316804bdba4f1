//! The staged review: completeness, commission, hearing, proposal, sign-off.

use super::fixtures::*;
use jiff::civil::Date;

use super::*;
use crate::application::document::{DocumentType, RegistryHoldings, checklist};
use crate::application::review::{HearingOutcome, HearingRecord, Reschedule};
use crate::application::status::Outcome;

#[test]
fn a_family_is_accepted_reviewed_heard_and_decided_member_by_member() {
    let (calendar, rules) = (calendar(), rules());
    let now = clock("2026-11-24T05:00:00Z", &calendar, &rules);
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
    // The notice names whose refusal is planned: at least the one the commission recommends.
    for wrong in [vec![], vec![planned(&app, 0, "was-citizen")]] {
        assert_eq!(
            app.schedule_hearing(hearing(wrong), now),
            Err(TransitionError::HearingPlanned)
        );
    }
    let t = app
        .schedule_hearing(
            hearing(vec![planned(&app, 1, "not-kazakh-nationality")]),
            now,
        )
        .unwrap();
    assert_eq!(t.status.code(), "hearing");
    let Notice::HearingScheduled {
        place,
        refusals,
        due: told,
        ..
    } = &t.notices[0]
    else {
        panic!("{:?}", t.notices)
    };
    assert!(place.contains("meet"));
    assert_eq!(refusals[0].member.as_deref(), Some("Ерланұлы Алихан"));
    assert_eq!(refusals[0].grounds, ["not-kazakh-nationality"]);
    // The term stands still for the working day between the notice and the hearing.
    assert_eq!(*told, Some(Date::constant(2026, 11, 27)));
    let app = step(&app, t);
    assert_eq!(due(&app), Date::constant(2026, 11, 27));
    // Moved at the applicant's request: a new notice, and the term stands still to the new day.
    let asked = Reschedule {
        asked_at: at("2026-11-25T09:00:00Z"),
        reason: "болезнь".into(),
        previous: at("2026-11-25T06:00:00Z"),
    };
    let later = at("2026-11-27T06:00:00Z");
    let move_now = clock("2026-11-25T09:00:00Z", &calendar, &rules);
    let app = step(
        &app,
        app.reschedule_hearing(asked, (later, "каб. 5".into(), false), move_now)
            .unwrap(),
    );
    let Status::InReview { review, .. } = &app.status else {
        panic!()
    };
    assert_eq!(review.hearing.as_ref().unwrap().reschedules.len(), 1);
    assert_eq!(review.hearing.as_ref().unwrap().at, later);
    let suspension = app.status.registration().unwrap().deadline.suspension;
    assert_eq!(suspension.map(|s| s.working_days), Some(3));
    assert_eq!(due(&app), Date::constant(2026, 12, 1));
    assert_eq!(
        app.propose(assign(&app, true), STAGED),
        Err(TransitionError::HearingNeeded)
    );
    // Not before its time.
    assert_eq!(
        app.record_hearing(held("2026-11-27T05:59:59Z")),
        Err(TransitionError::HearingNotYet)
    );
    let app = step(
        &app,
        app.record_hearing(held("2026-11-27T06:30:00Z")).unwrap(),
    );
    assert_eq!(
        app.record_hearing(held("2026-11-27T07:00:00Z")),
        Err(TransitionError::AlreadyHeard)
    );
    let t = app.propose(assign(&app, true), STAGED).unwrap();
    assert_eq!(
        t.status.code(),
        "under_review",
        "heard, awaiting the head: no longer at the hearing"
    );
    let app = step(&app, t);
    // The official who proposed it cannot sign it off.
    assert_eq!(
        app.sign_off(officer(), None, &rules.duties),
        Err(TransitionError::SameOfficial)
    );
    let t = app.sign_off(head(), None, &rules.duties).unwrap();
    assert_eq!(t.status.code(), "assigned");
    let Status::Decided {
        decision, review, ..
    } = &t.status
    else {
        panic!()
    };
    assert_eq!(decision.signed_off, Some(head()));
    assert!(decision.refuses_anyone());
    assert!(review.commission.is_some() && review.heard() && review.proposal.is_none());
}

#[test]
fn a_hearing_is_given_its_notice_and_its_term() {
    let (calendar, rules) = (calendar(), rules());
    let now = clock("2026-11-24T05:00:00Z", &calendar, &rules);
    let app = registered(Kind::Assignment);
    let app = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    let app = step(&app, app.record_commission(commission(&app, true)).unwrap());
    let plan = || vec![planned(&app, 1, "not-kazakh-nationality")];
    let mut soon = hearing(plan());
    soon.at = at("2026-11-24T05:01:10Z");
    assert_eq!(
        app.schedule_hearing(soon, now),
        Err(TransitionError::HearingNotice),
        "70 seconds is no notice"
    );
    for when in ["2026-11-24T04:00:00Z", "2026-11-27T06:00:00Z"] {
        let mut outside = hearing(plan());
        outside.at = at(when);
        assert_eq!(
            app.schedule_hearing(outside, now),
            Err(TransitionError::HearingDate),
            "{when}"
        );
    }
    // Without a suspension in the rules, the due date stays.
    let mut steady = rules.clone();
    steady.hearing_procedure.suspends_term = false;
    let steady_now = clock("2026-11-24T05:00:00Z", &calendar, &steady);
    let t = app.schedule_hearing(hearing(plan()), steady_now).unwrap();
    assert_eq!(due(&step(&app, t)), Date::constant(2026, 11, 26));
}

#[test]
fn a_refusal_needs_the_hearing_to_have_announced_it_and_an_absent_applicant_is_heard_too() {
    let (calendar, rules) = (calendar(), rules());
    let now = clock("2026-11-24T05:00:00Z", &calendar, &rules);
    let app = registered(Kind::Assignment);
    let app = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    let app = step(&app, app.record_commission(commission(&app, true)).unwrap());
    let other_ground = vec![planned(&app, 1, "unreliable-documents")];
    let app = step(
        &app,
        app.schedule_hearing(hearing(other_ground), now).unwrap(),
    );
    let no_show = HearingRecord {
        held_at: at("2026-11-25T06:20:00Z"),
        recorded_by: officer().by,
        outcome: HearingOutcome::NoShow,
    };
    let app = step(&app, app.record_hearing(no_show).unwrap());
    assert!(app.status.review().unwrap().heard());
    assert_eq!(
        app.propose(assign(&app, true), STAGED),
        Err(TransitionError::NotAnnounced),
        "announced on another ground"
    );
}

#[test]
fn a_commission_that_recommends_assigning_everyone_needs_no_hearing_unless_a_refusal_is_planned() {
    let (calendar, rules) = (calendar(), rules());
    let now = clock("2026-11-24T05:00:00Z", &calendar, &rules);
    let app = registered(Kind::Assignment);
    let app = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    assert_eq!(
        app.schedule_hearing(hearing(vec![planned(&app, 1, "was-citizen")]), now),
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
    let plan = vec![planned(&app, 1, "not-kazakh-nationality")];
    let planned = step(&app, app.schedule_hearing(hearing(plan), now).unwrap());
    assert_eq!(planned.status.code(), "hearing");
    let app = step(&app, app.propose(assign(&app, false), STAGED).unwrap());
    assert_eq!(
        app.sign_off(head(), None, &rules.duties)
            .unwrap()
            .status
            .code(),
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
    let holdings = RegistryHoldings {
        applicant_identity: true,
        ..RegistryHoldings::default()
    };
    let lines = checklist(app.kind, &app.form, &holdings, &[]);
    let item = |document, shortfall| MissingItem {
        document,
        member: None,
        shortfall,
    };
    let expired = crate::application::custody::Shortfall::Expired;
    let term = (Date::constant(2026, 11, 24), Date::constant(2026, 11, 24));
    let missing = vec![item(DocumentType::NationalityProof, expired)];
    let t = app
        .refuse_incomplete(officer(), missing.clone(), &lines, term)
        .unwrap();
    assert_eq!(t.status.code(), "rejected_at_intake");
    assert_eq!(t.status.closed_at(), Some(officer().at));
    assert_eq!(
        t.status.registration(),
        app.status.registration(),
        "the registration and its term stay in view"
    );
    assert_eq!(
        app.refuse_incomplete(officer(), vec![], &lines, term),
        Err(TransitionError::NothingMissing)
    );
    // What the population registry holds was never asked for; what the checklist lacks neither.
    let held = vec![item(DocumentType::IdentityDocument, expired)];
    assert_eq!(
        app.refuse_incomplete(officer(), held, &lines, term),
        Err(TransitionError::RegistryHeld)
    );
    let unasked = vec![item(DocumentType::ConsentDecision, expired)];
    assert_eq!(
        app.refuse_incomplete(officer(), unasked, &lines, term),
        Err(TransitionError::NotInChecklist)
    );
    let late = (Date::constant(2026, 11, 25), Date::constant(2026, 11, 24));
    assert_eq!(
        app.refuse_incomplete(officer(), missing.clone(), &lines, late),
        Err(TransitionError::CompletenessTermPassed)
    );
    let accepted = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    assert!(
        accepted
            .refuse_incomplete(officer(), missing, &lines, term)
            .is_err()
    );
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
    let duties = rules().duties;
    assert_eq!(
        app.sign_off(head(), None, &duties).unwrap().status.code(),
        "extended"
    );
    assert_eq!(
        registered(Kind::Extension).sign_off(head(), None, &duties),
        Err(TransitionError::WrongState("registered"))
    );
}
