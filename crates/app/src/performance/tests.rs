//! The figures of a seeded set of events, computed by hand.

use jiff::civil::{Date, date};
use kandas_domain::application::events::{CaseEvent, DecidedAs, EventFacts, EventKind};
use kandas_domain::calendar::WorkingCalendar;
use kandas_domain::office::OfficeCode;

use super::*;
use crate::ports::store::OfficeEvent;

fn office(code: &str) -> Option<OfficeCode> {
    Some(OfficeCode::parse(code).unwrap())
}

fn event(office_code: &str, at: &str, kind: EventKind, facts: EventFacts) -> OfficeEvent {
    OfficeEvent {
        office: office(office_code),
        event: CaseEvent {
            at: at.parse().unwrap(),
            kind,
            facts,
        },
    }
}

/// A decision at 10:00 Almaty on `day` of a case accepted on Monday 2 November 2026.
fn decided(
    office: &str,
    day: Date,
    due: Date,
    outcome: DecidedAs,
    grounds: &[&str],
) -> OfficeEvent {
    event(
        office,
        &format!("{day}T05:00:00Z"),
        EventKind::Decided,
        EventFacts {
            accepted: Some(date(2026, 11, 2)),
            due: Some(due),
            outcome: Some(outcome),
            grounds: grounds.iter().map(|g| (*g).to_owned()).collect(),
            missing: 0,
        },
    )
}

fn seeded() -> Vec<OfficeEvent> {
    let astana = "leb-astana";
    let due = date(2026, 11, 10);
    let mut events = Vec::new();
    for day in 2..=7 {
        let at = format!("2026-11-0{day}T05:00:00Z");
        events.push(event(
            astana,
            &at,
            EventKind::Submitted,
            EventFacts::default(),
        ));
    }
    // Working days after 2 November (November 2026 has no holiday): 2, 4, 5, 8, 11, 10.
    let was = ["was-citizen"];
    events.push(decided(
        astana,
        date(2026, 11, 4),
        due,
        DecidedAs::Assigned,
        &was,
    ));
    events.push(decided(
        astana,
        date(2026, 11, 6),
        due,
        DecidedAs::Assigned,
        &was,
    ));
    events.push(decided(
        astana,
        date(2026, 11, 9),
        due,
        DecidedAs::Assigned,
        &was,
    ));
    events.push(decided(
        astana,
        date(2026, 11, 12),
        due,
        DecidedAs::Refused,
        &was,
    ));
    events.push(decided(
        astana,
        date(2026, 11, 17),
        due,
        DecidedAs::Refused,
        &["not-kazakh-nationality", "was-citizen"],
    ));
    events.push(decided(
        astana,
        date(2026, 11, 16),
        date(2026, 11, 20),
        DecidedAs::Extended,
        &[],
    ));
    for day in ["2026-11-18T05:00:00Z", "2026-11-19T05:00:00Z"] {
        events.push(event(
            astana,
            day,
            EventKind::RefusedToAccept,
            EventFacts::default(),
        ));
    }
    // Another office: one case received and decided the next working day.
    let almaty = "leb-almaty-city";
    events.push(event(
        almaty,
        "2026-11-02T05:00:00Z",
        EventKind::Submitted,
        EventFacts::default(),
    ));
    events.push(decided(
        almaty,
        date(2026, 11, 3),
        due,
        DecidedAs::Assigned,
        &[],
    ));
    // 1 December, 01:00 in Almaty: December's.
    events.push(event(
        astana,
        "2026-11-30T20:00:00Z",
        EventKind::Submitted,
        EventFacts::default(),
    ));
    // Outside the period, and a kind the figures do not count.
    events.push(event(
        astana,
        "2025-11-03T05:00:00Z",
        EventKind::Submitted,
        EventFacts::default(),
    ));
    events.push(event(
        astana,
        "2026-11-03T05:00:00Z",
        EventKind::Heard,
        EventFacts::default(),
    ));
    events
}

fn month(p: &Performance, office: Option<&str>, m: i8) -> MonthFigures {
    let office = office.map(|o| OfficeCode::parse(o).unwrap());
    let row = p.offices.iter().find(|o| o.office == office).unwrap();
    row.months
        .iter()
        .find(|f| f.month.month == m)
        .unwrap()
        .clone()
}

#[test]
fn on_time_median_refusal_mix_and_small_cells_as_computed_by_hand() {
    let calendar = WorkingCalendar::shipped().unwrap();
    let from = Month {
        year: 2026,
        month: 1,
    };
    let to = Month {
        year: 2026,
        month: 12,
    };
    let p = tally(&seeded(), from, to, &calendar).unwrap();
    assert_eq!(p.offices.len(), 3, "the total, then two offices");
    assert_eq!(p.offices[0].office, None);
    assert_eq!(p.offices[1].office, office("leb-almaty-city"));
    assert!(p.offices.iter().all(|o| o.months.len() == 12));

    let astana = month(&p, Some("leb-astana"), 11);
    assert_eq!(astana.received, Count::Shown(6));
    assert_eq!(astana.decided, Count::Shown(6));
    // On time: 4, 6, 9 and 16 November (by their due days) of 6: 66.7 %.
    assert_eq!(astana.on_time_percent, Some(66.7));
    // 2, 4, 5, 8, 10, 11 working days: the median is (5 + 8) / 2.
    assert_eq!(astana.median_working_days, Some(6.5));
    assert_eq!(
        astana.refusals_by_ground,
        [
            GroundCount {
                ground: "not-kazakh-nationality".into(),
                count: Count::Suppressed
            },
            GroundCount {
                ground: "was-citizen".into(),
                count: Count::Shown(5)
            },
        ]
    );
    assert_eq!(astana.refused_to_accept, Count::Suppressed, "2 of them");
    assert_eq!(astana.extensions, Count::Suppressed, "1 of them");

    let total = month(&p, None, 11);
    assert_eq!(total.received, Count::Shown(7));
    assert_eq!(total.decided, Count::Shown(7));
    // 1, 2, 4, 5, 8, 10, 11: the median is 5; on time 5 of 7.
    assert_eq!(total.median_working_days, Some(5.0));
    assert_eq!(total.on_time_percent, Some(71.4));

    // One case is no figure: everything of the small office is suppressed.
    let small = month(&p, Some("leb-almaty-city"), 11);
    assert_eq!(small.received, Count::Suppressed);
    assert_eq!(small.decided, Count::Suppressed);
    assert_eq!(small.on_time_percent, None);
    assert_eq!(small.median_working_days, None);
    // December's one case (1 December in Almaty, 30 November in UTC), and an empty month.
    assert_eq!(
        month(&p, Some("leb-astana"), 12).received,
        Count::Suppressed
    );
    assert_eq!(month(&p, None, 3).received, Count::Suppressed);
    assert_eq!(Count::of(5), Count::Shown(5));
    assert_eq!(Count::of(4), Count::Suppressed);
}
