//! The events of a staged case, step by step, follow from the statuses alone.

use super::*;
use crate::application::Application;
use crate::application::kind::Kind;
use crate::application::review::{Reschedule, RescheduleRequest};
use crate::application::workflow::fixtures::*;

/// Steps `app` by the transition and answers the kinds of events the change caused.
fn kinds(app: &Application, next: &Application) -> Vec<EventKind> {
    caused_by(&app.status, &next.status, at("2026-11-30T05:00:00Z"))
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

#[test]
fn every_step_of_a_staged_case_is_one_event_with_the_facts_the_figures_need() {
    let (calendar, rules) = (calendar(), rules());
    let now = clock("2026-11-24T05:00:00Z", &calendar, &rules);
    let registered = registered(Kind::Assignment);
    let submitted = caused_by(
        &Status::Draft,
        &registered.status,
        at("2026-11-23T05:00:00Z"),
    );
    assert_eq!(submitted.len(), 1);
    assert_eq!(submitted[0].kind, EventKind::Submitted);
    assert_eq!(
        submitted[0].facts.accepted,
        Some(jiff::civil::date(2026, 11, 23))
    );
    assert_eq!(
        submitted[0].facts.due,
        Some(jiff::civil::date(2026, 11, 26))
    );

    let accepted = step(
        &registered,
        registered.accept_complete(officer(), STAGED).unwrap(),
    );
    assert_eq!(kinds(&registered, &accepted), [EventKind::Accepted]);
    let reviewed = step(
        &accepted,
        accepted
            .record_commission(commission(&accepted, true))
            .unwrap(),
    );
    assert_eq!(kinds(&accepted, &reviewed), [EventKind::Commission]);
    let scheduled = step(
        &reviewed,
        reviewed
            .schedule_hearing(
                hearing(vec![planned(&reviewed, 1, "not-kazakh-nationality")]),
                now,
            )
            .unwrap(),
    );
    assert_eq!(kinds(&reviewed, &scheduled), [EventKind::HearingScheduled]);
    let asked = step(
        &scheduled,
        scheduled
            .ask_to_reschedule(RescheduleRequest {
                asked_at: at("2026-11-24T09:00:00Z"),
                reason: "болезнь".into(),
            })
            .unwrap(),
    );
    assert_eq!(kinds(&scheduled, &asked), [EventKind::HearingRequested]);
    let moved = step(
        &asked,
        asked
            .reschedule_hearing(
                Reschedule {
                    asked_at: at("2026-11-25T09:00:00Z"),
                    reason: "болезнь".into(),
                    previous: at("2026-11-25T06:00:00Z"),
                },
                (at("2026-11-27T06:00:00Z"), "каб. 5".into(), false),
                clock("2026-11-25T09:00:00Z", &calendar, &rules),
            )
            .unwrap(),
    );
    assert_eq!(kinds(&asked, &moved), [EventKind::HearingMoved]);
    let heard = step(
        &moved,
        moved.record_hearing(held("2026-11-27T06:30:00Z")).unwrap(),
    );
    assert_eq!(kinds(&moved, &heard), [EventKind::Heard]);
    let proposed = step(&heard, heard.propose(assign(&heard, true), STAGED).unwrap());
    assert_eq!(kinds(&heard, &proposed), [EventKind::Proposed]);
    let decided = step(
        &proposed,
        proposed.sign_off(head(), None, &rules.duties).unwrap(),
    );
    let events = caused_by(&proposed.status, &decided.status, head().at);
    assert_eq!(events.len(), 1);
    let facts = &events[0].facts;
    assert_eq!(events[0].kind, EventKind::Decided);
    assert_eq!(facts.outcome, Some(DecidedAs::Assigned));
    assert_eq!(facts.grounds, ["not-kazakh-nationality"]);
    // The due date as it stood at the decision: moved by the hearing's suspension.
    assert_eq!(facts.due, Some(jiff::civil::date(2026, 12, 1)));
    assert_eq!(facts.accepted, Some(jiff::civil::date(2026, 11, 23)));
    // Nothing happens twice: the same status again causes nothing.
    assert!(caused_by(&decided.status, &decided.status, head().at).is_empty());
}

#[test]
fn a_withdrawal_and_a_refusal_to_accept_are_events_and_codes_round_trip() {
    let registered = registered(Kind::Assignment);
    let withdrawn = step(
        &registered,
        registered.withdraw(at("2026-11-24T05:00:00Z")).unwrap(),
    );
    assert_eq!(kinds(&registered, &withdrawn), [EventKind::Withdrawn]);
    for kind in EventKind::ALL {
        assert_eq!(EventKind::parse(kind.code()), Some(kind));
        assert!(!kind.timeline_action().contains('.'));
    }
    assert_eq!(EventKind::parse("application.submit"), None);
    for d in [DecidedAs::Assigned, DecidedAs::Extended, DecidedAs::Refused] {
        assert_eq!(DecidedAs::parse(d.code()), Some(d));
    }
}
