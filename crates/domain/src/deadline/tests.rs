//! Deadline tests. Every expected date below was counted by hand on the calendar; the comments
//! show the count.

use jiff::Timestamp;
use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::*;

fn cal() -> WorkingCalendar {
    WorkingCalendar::shipped().expect("calendar")
}

fn rules() -> RuleBook {
    RuleBook::shipped().expect("rules")
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

fn deadline(kind: Kind, received: &str) -> Result<Deadline, DeadlineError> {
    compute(&cal(), &rules(), kind, ts(received))
}

fn expect(accepted: Date, due: Date, rule_set: &str) -> Result<Deadline, DeadlineError> {
    Ok(Deadline {
        accepted,
        due,
        rule_set: rule_set.to_owned(),
        suspension: None,
    })
}

#[test]
fn plain_weekdays() {
    // Tue 10 Feb 2026, 10:00 → accepted Tue 10; Wed 11 (1), Thu 12 (2), Fri 13 (3).
    let at = "2026-02-10T10:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 2, 10), date(2026, 2, 13), "2025-10")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2026, 2, 10), date(2026, 2, 12), "2025-10")
    );
}

#[test]
fn weekend_in_between() {
    // Thu 12 Feb 2026 → Fri 13 (1), Sat/Sun, Mon 16 (2), Tue 17 (3).
    let at = "2026-02-12T11:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 2, 12), date(2026, 2, 17), "2025-10")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2026, 2, 12), date(2026, 2, 16), "2025-10")
    );
}

#[test]
fn nauryz_2026() {
    // Fri 20 Mar 2026 → Sat 21, Sun 22, Mon-Wed 23-25 off; Thu 26 (1), Fri 27 (2), Mon 30 (3).
    let at = "2026-03-20T10:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 3, 20), date(2026, 3, 30), "2025-10")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2026, 3, 20), date(2026, 3, 27), "2025-10")
    );
}

#[test]
fn holiday_on_a_weekend_moves_to_monday() {
    // Fri 8 May 2026 → Sat 9 (Victory Day), Sun 10, Mon 11 off; Tue 12 (1), Wed 13 (2), Thu 14 (3).
    let at = "2026-05-08T10:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 5, 8), date(2026, 5, 14), "2025-10")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2026, 5, 8), date(2026, 5, 13), "2025-10")
    );
}

#[test]
fn after_closing_on_friday_is_accepted_monday() {
    // Fri 13 Feb 2026, 19:00 → accepted Mon 16 (not counted); Tue 17 (1), Wed 18 (2), Thu 19 (3).
    let at = "2026-02-13T19:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 2, 16), date(2026, 2, 19), "2025-10")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2026, 2, 16), date(2026, 2, 18), "2025-10")
    );
    // Closing time itself is after hours; a second before is not.
    let closing = deadline(Kind::Assignment, "2026-02-13T18:30:00+05:00").map(|d| d.accepted);
    assert_eq!(closing, Ok(date(2026, 2, 16)));
    let before = deadline(Kind::Assignment, "2026-02-13T18:29:59+05:00").map(|d| d.accepted);
    assert_eq!(before, Ok(date(2026, 2, 13)));
}

#[test]
fn before_opening_on_a_working_day_is_accepted_that_day() {
    // Wed 11 Feb 2026, 08:00 → accepted Wed 11; Thu 12 (1), Fri 13 (2), Mon 16 (3).
    let at = "2026-02-11T08:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 2, 11), date(2026, 2, 16), "2025-10")
    );
}

#[test]
fn received_time_is_read_in_almaty() {
    // 20:00 UTC on Thu 12 Feb is 01:00 on Fri 13 Feb in Almaty (UTC+5): before opening, accepted
    // Fri 13; Mon 16 (1), Tue 17 (2), Wed 18 (3).
    let at = "2026-02-12T20:00:00Z";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 2, 13), date(2026, 2, 18), "2025-10")
    );
    assert_eq!(almaty_date(ts(at)), date(2026, 2, 13));
    assert_eq!(almaty_date(ts("2026-02-12T18:59:59Z")), date(2026, 2, 12));
}

#[test]
fn received_on_a_non_working_day() {
    // Sun 15 Feb 2026 at noon → accepted Mon 16; Tue 17 (1), Wed 18 (2), Thu 19 (3).
    let at = "2026-02-15T12:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 2, 16), date(2026, 2, 19), "2025-10")
    );
    // Sat 4 Jan 2025 → Sun 5 Jan 2025 is a transfer working day: accepted Sun 5 (2022 rules,
    // 4 days); Mon 6 (1), Tue 7 Christmas off, Wed 8 (2), Thu 9 (3), Fri 10 (4).
    let at = "2025-01-04T12:00:00+05:00";
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2025, 1, 5), date(2025, 1, 10), "2022-05")
    );
}

#[test]
fn across_the_new_year() {
    // Wed 31 Dec 2025 → Jan 1-2 off, 3-4 weekend, Mon 5 (1), Tue 6 (2), Wed 7 off, Thu 8 (3).
    let at = "2025-12-31T15:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2025, 12, 31), date(2026, 1, 8), "2025-10")
    );
}

#[test]
fn rule_set_of_the_registration_day() {
    // Mon 20 Oct 2025, under the 2022 rules: Tue 21 (1), Wed 22 (2), Thu 23 (3), Fri 24 (4).
    let at = "2025-10-20T10:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2025, 10, 20), date(2025, 10, 24), "2022-05")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2025, 10, 20), date(2025, 10, 24), "2022-05")
    );
    // Mon 27 Oct 2025 is a day off (for Republic Day, Sat 25 Oct): accepted Tue 28 under the
    // 2025 rules; Wed 29 (1), Thu 30 (2), Fri 31 (3).
    let at = "2025-10-27T10:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2025, 10, 28), date(2025, 10, 31), "2025-10")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2025, 10, 28), date(2025, 10, 30), "2025-10")
    );
    // Fri 24 Oct 2025 in hours: registered under the 2022 rules; Sat-Mon 25-27 off,
    // Tue 28 (1), Wed 29 (2), Thu 30 (3), Fri 31 (4).
    let at = "2025-10-24T10:00:00+05:00";
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2025, 10, 24), date(2025, 10, 31), "2022-05")
    );
    // The same Friday after closing: registered Tue 28 under the 2025 rules; Wed 29 (1), Thu 30 (2).
    let at = "2025-10-24T19:00:00+05:00";
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2025, 10, 28), date(2025, 10, 30), "2025-10")
    );
}

#[test]
fn end_of_august_2026_has_no_constitution_day() {
    // Fri 28 Aug 2026 in hours → accepted Fri 28; Mon 31 Aug is a working day: Mon 31 (1),
    // Tue 1 Sep (2), Wed 2 Sep (3).
    let at = "2026-08-28T10:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2026, 8, 28), date(2026, 9, 2), "2025-10")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2026, 8, 28), date(2026, 9, 1), "2025-10")
    );
    // After closing on Friday, and on Saturday 29 or Sunday 30 August: accepted Mon 31 Aug;
    // Tue 1 (1), Wed 2 (2), Thu 3 Sep (3).
    for at in [
        "2026-08-28T18:30:00+05:00",
        "2026-08-29T12:00:00+05:00",
        "2026-08-30T12:00:00+05:00",
        "2026-08-31T10:00:00+05:00",
    ] {
        assert_eq!(
            deadline(Kind::Assignment, at),
            expect(date(2026, 8, 31), date(2026, 9, 3), "2025-10"),
            "{at}"
        );
    }
}

#[test]
fn constitution_day_on_15_march_2027() {
    // Fri 12 Mar 2027 in hours → Sat 13, Sun 14, Mon 15 (Constitution Day) off; Tue 16 (1),
    // Wed 17 (2), Thu 18 (3).
    let at = "2027-03-12T10:00:00+05:00";
    assert_eq!(
        deadline(Kind::Assignment, at),
        expect(date(2027, 3, 12), date(2027, 3, 18), "2025-10")
    );
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2027, 3, 12), date(2027, 3, 17), "2025-10")
    );
    // After closing on Friday, over the weekend and on Monday 15 March itself: accepted Tue 16;
    // Wed 17 (1), Thu 18 (2), Fri 19 (3).
    for at in [
        "2027-03-12T19:00:00+05:00",
        "2027-03-13T12:00:00+05:00",
        "2027-03-14T12:00:00+05:00",
        "2027-03-15T10:00:00+05:00",
    ] {
        assert_eq!(
            deadline(Kind::Assignment, at),
            expect(date(2027, 3, 16), date(2027, 3, 19), "2025-10"),
            "{at}"
        );
    }
    assert!(!cal().confirmed_between(date(2027, 3, 12), date(2027, 3, 18)));
}

#[test]
fn a_filing_on_30_december_2027_runs_on_the_statutory_2028_holidays() {
    // Thu 30 Dec 2027 → Fri 31 (1); Sat 1 and Sun 2 Jan 2028 move to Mon 3 and Tue 4;
    // Wed 5 (2), Thu 6 (3).
    let at = "2027-12-30T10:00:00+05:00";
    let d = deadline(Kind::Assignment, at);
    assert_eq!(d, expect(date(2027, 12, 30), date(2028, 1, 6), "2025-10"));
    assert_eq!(
        deadline(Kind::Extension, at),
        expect(date(2027, 12, 30), date(2028, 1, 5), "2025-10")
    );
    // Not confirmed: 2027 and 2028 await their transfer acts.
    let d = d.expect("computed");
    assert!(!cal().confirmed_between(d.accepted, d.due));
    // The same Thursday after closing: accepted Fri 31; Wed 5 (1), Thu 6 (2), Fri 7 Orthodox
    // Christmas, the weekend, Mon 10 (3).
    assert_eq!(
        deadline(Kind::Assignment, "2027-12-30T19:00:00+05:00"),
        expect(date(2027, 12, 31), date(2028, 1, 10), "2025-10")
    );
}

#[test]
fn years_far_ahead_answer_from_the_statutory_holidays() {
    // Mon 17 Mar 2031 is the day off for Constitution Day (Sat 15 Mar): accepted Tue 18;
    // Wed 19 (1), Thu 20 (2), Fri 21 Nauryz, the weekend, Mon 24 and Tue 25 for Nauryz's
    // Saturday and Sunday, Wed 26 (3).
    assert_eq!(
        deadline(Kind::Assignment, "2031-03-17T10:00:00+05:00"),
        expect(date(2031, 3, 18), date(2031, 3, 26), "2025-10")
    );
    // Years before the data: 2024, under the 2022 rules; Mon 16 Dec 2024 Independence Day.
    // Fri 13 Dec after closing → accepted Tue 17; Wed 18 (1) … Mon 23 (4).
    assert_eq!(
        deadline(Kind::Extension, "2024-12-13T19:00:00+05:00"),
        expect(date(2024, 12, 17), date(2024, 12, 23), "2022-05")
    );
}

#[test]
fn no_rule_set_in_force() {
    let only_new = RuleBook::new(vec![rules().sets()[1].clone()]).expect("one set");
    let got = compute(
        &cal(),
        &only_new,
        Kind::Assignment,
        ts("2025-10-20T10:00:00+05:00"),
    );
    assert_eq!(
        got,
        Err(DeadlineError::Rules(RulesError::NoneInForce(date(
            2025, 10, 20
        ))))
    );
}

#[test]
fn on_time_and_days_left() {
    let c = cal();
    assert!(is_on_time(date(2026, 3, 30), date(2026, 3, 30)));
    assert!(is_on_time(date(2026, 3, 30), date(2026, 3, 20)));
    assert!(!is_on_time(date(2026, 3, 30), date(2026, 3, 31)));
    // Fri 20 Mar → due Mon 30 Mar: Thu 26, Fri 27, Mon 30 are left.
    assert_eq!(
        working_days_left(&c, date(2026, 3, 20), date(2026, 3, 30)),
        Ok(3)
    );
    assert_eq!(
        working_days_left(&c, date(2026, 3, 30), date(2026, 3, 30)),
        Ok(0)
    );
    assert_eq!(
        working_days_left(&c, date(2026, 3, 31), date(2026, 3, 30)),
        Ok(-1)
    );
    // Due Mon 30 Mar, seen Wed 1 Apr: Tue 31 and Wed 1 late.
    assert_eq!(
        working_days_left(&c, date(2026, 4, 1), date(2026, 3, 30)),
        Ok(-2)
    );
    // Due Fri 27 Mar, seen Sat 28 Mar: overdue although no working day has passed.
    assert_eq!(
        working_days_left(&c, date(2026, 3, 28), date(2026, 3, 27)),
        Ok(-1)
    );
    // Fri 31 Dec 2027, due Thu 6 Jan 2028: Wed 5 and Thu 6 are left (3 and 4 are days off).
    assert_eq!(
        working_days_left(&c, date(2027, 12, 31), date(2028, 1, 6)),
        Ok(2)
    );
}

#[test]
fn bundled_tzdb_knows_almaty() {
    let tz = jiff::tz::TimeZone::get("Asia/Almaty").expect("bundled");
    let offset = tz.to_offset(ts("2026-06-01T00:00:00Z"));
    assert_eq!(offset, jiff::tz::Offset::constant(5));
}

proptest! {
    #[test]
    fn deadline_properties(secs in 1_735_671_600i64..2_240_000_000, assignment: bool) {
        // 2025-01-01T00:00+05:00 .. about 2040: listed years and computed ones.
        let kind = if assignment { Kind::Assignment } else { Kind::Extension };
        let received = Timestamp::from_second(secs).expect("in range");
        let (c, r) = (cal(), rules());
        let d = compute(&c, &r, kind, received).expect("any year has a calendar");
        let day = almaty_date(received);
        prop_assert!(d.accepted >= day);
        prop_assert!(c.is_working_day(d.accepted));
        prop_assert!(d.due > d.accepted);
        prop_assert!(c.is_working_day(d.due));
        let set = r.by_id(&d.rule_set).expect("known");
        prop_assert_eq!(r.in_force(d.accepted).map(|s| s.id.as_str()), Ok(set.id.as_str()));
        prop_assert_eq!(c.count_working_days(d.accepted, d.due), Ok(set.term_days(kind)));
        prop_assert_eq!(working_days_left(&c, d.accepted, d.due), Ok(i64::from(set.term_days(kind))));
    }
}

#[test]
fn urgency_turns_on_the_due_day_and_after_it() {
    let due = Date::constant(2026, 11, 26);
    assert_eq!(
        Urgency::of(due, Date::constant(2026, 11, 25)),
        Urgency::OnTime
    );
    assert_eq!(Urgency::of(due, due), Urgency::DueToday);
    assert_eq!(
        Urgency::of(due, Date::constant(2026, 11, 27)),
        Urgency::Overdue
    );
}
