//! The actions offered at each step, to whom, and never on one's own case.

use jiff::civil::Date;

use super::*;
use crate::application::status::{Decision, Outcome};
use crate::application::workflow::fixtures::*;
use crate::rules::Workflow;

const SINGLE: Workflow = Workflow::SingleStep;

fn officer_iin() -> Iin {
    Iin::parse("850302400014").unwrap()
}

fn head_iin() -> Iin {
    Iin::parse("870404300076").unwrap()
}

/// What the officer of the fixtures, or the head, may do.
fn of(app: &Application, workflow: Workflow, as_head: bool) -> Next {
    let (who, iin) = if as_head {
        (head().by, head_iin())
    } else {
        (officer().by, officer_iin())
    };
    let official = Official {
        user: &who,
        iin: &iin,
        signs_off: as_head,
    };
    next(app, Some(workflow), &rules().duties, official)
}

fn codes(next: &Next) -> Vec<&'static str> {
    next.actions.iter().map(|a| a.code()).collect()
}

#[test]
fn every_step_of_an_assignment_offers_its_own_forms() {
    let (calendar, rules) = (calendar(), rules());
    let app = registered(Kind::Assignment);
    let now = of(&app, STAGED, false);
    assert_eq!(now.step, Some(Step::Completeness));
    assert_eq!(codes(&now), ["accept-complete", "refuse-incomplete"]);

    let app = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    assert_eq!(codes(&of(&app, STAGED, false)), ["record-commission"]);
    let app = step(&app, app.record_commission(commission(&app, true)).unwrap());
    assert_eq!(of(&app, STAGED, false).step, Some(Step::HearingSchedule));
    assert_eq!(codes(&of(&app, STAGED, false)), ["schedule-hearing"]);

    let clock = clock("2026-11-24T05:00:00Z", &calendar, &rules);
    let planned = vec![planned(&app, 1, "not-kazakh-nationality")];
    let app = step(&app, app.schedule_hearing(hearing(planned), clock).unwrap());
    assert_eq!(
        codes(&of(&app, STAGED, false)),
        ["record-hearing", "reschedule-hearing"]
    );
    let app = step(
        &app,
        app.record_hearing(held("2026-11-25T06:30:00Z")).unwrap(),
    );
    assert_eq!(codes(&of(&app, STAGED, false)), ["propose"]);

    let app = step(&app, app.propose(assign(&app, true), STAGED).unwrap());
    let officer_sees = of(&app, STAGED, false);
    assert_eq!(officer_sees.step, Some(Step::SignOff));
    assert!(
        officer_sees.actions.is_empty(),
        "an officer waits for the head"
    );
    assert_eq!(codes(&of(&app, STAGED, true)), ["sign-off"]);

    let app = step(&app, app.sign_off(head(), None, &rules.duties).unwrap());
    assert_eq!(
        of(&app, STAGED, true),
        Next {
            step: None,
            actions: vec![]
        }
    );
}

#[test]
fn the_head_who_proposed_it_cannot_sign_it_off() {
    let app = registered(Kind::Extension);
    let app = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    let decision = Decision {
        decided_at: at("2026-11-24T06:00:00Z"),
        decided_by: head().by,
        outcome: Outcome::Extended {
            valid_until: Date::constant(2027, 5, 24),
        },
        signed_off: None,
    };
    let proposed = step(&app, app.propose(decision, STAGED).unwrap());
    let head_sees = of(&proposed, STAGED, true);
    assert_eq!(head_sees.step, Some(Step::SignOff));
    assert!(head_sees.actions.is_empty(), "another head signs it off");
}

#[test]
fn an_extension_may_be_heard_before_it_is_refused_and_single_step_rules_decide_at_once() {
    let app = registered(Kind::Extension);
    let accepted = step(&app, app.accept_complete(officer(), STAGED).unwrap());
    assert_eq!(
        codes(&of(&accepted, STAGED, false)),
        ["propose", "schedule-hearing"]
    );
    let no_hearings = Workflow::Staged { hearing: false };
    assert_eq!(codes(&of(&accepted, no_hearings, false)), ["propose"]);
    let single = of(&registered(Kind::Assignment), SINGLE, false);
    assert_eq!(
        (single.step, codes(&single)),
        (Some(Step::Decision), vec!["decide"])
    );
}

#[test]
fn nobody_is_offered_anything_on_their_own_or_their_familys_case() {
    let mut app = registered(Kind::Assignment);
    app.applicant = officer_iin();
    let own = of(&app, STAGED, false);
    assert_eq!(
        own.step,
        Some(Step::Completeness),
        "the step is the case's own"
    );
    assert!(own.actions.is_empty());
    let mut family = registered(Kind::Assignment);
    family.form.members[0].iin = Some(head_iin());
    assert!(of(&family, STAGED, true).actions.is_empty());
    assert!(!of(&family, STAGED, false).actions.is_empty());
}

#[test]
fn codes_are_distinct() {
    let mut seen: Vec<_> = Action::ALL.iter().map(|a| a.code()).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), Action::ALL.len());
}
