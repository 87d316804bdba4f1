//! Tests of the working calendar: the shipped data against the published lists, the
//! validation, and properties of the day arithmetic.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::{Basis, CalendarError, DayEntry, WorkingCalendar};

fn shipped() -> WorkingCalendar {
    WorkingCalendar::shipped().expect("the shipped calendar loads")
}

fn days_off(cal: &WorkingCalendar, year: i16) -> Vec<Date> {
    let y = cal.year(year).expect("covered");
    y.days_off.iter().map(|e| e.date).collect()
}

fn working_days(cal: &WorkingCalendar, year: i16) -> Vec<Date> {
    let y = cal.year(year).expect("covered");
    y.working_days.iter().map(|e| e.date).collect()
}

#[test]
fn shipped_covers_2025_to_2027() {
    assert_eq!(
        shipped().years().collect::<Vec<_>>(),
        vec![2025, 2026, 2027]
    );
}

#[test]
fn shipped_2026_is_exactly_the_published_list() {
    // DOMAIN.md, "The 2026 calendar": days off besides weekends.
    let expected = vec![
        date(2026, 1, 1),
        date(2026, 1, 2),
        date(2026, 1, 7),
        date(2026, 3, 9),
        date(2026, 3, 23),
        date(2026, 3, 24),
        date(2026, 3, 25),
        date(2026, 5, 1),
        date(2026, 5, 7),
        date(2026, 5, 11),
        date(2026, 5, 27),
        date(2026, 7, 6),
        date(2026, 8, 31),
        date(2026, 10, 26),
        date(2026, 12, 16),
    ];
    let cal = shipped();
    assert_eq!(days_off(&cal, 2026), expected);
    assert!(working_days(&cal, 2026).is_empty());
    let y = cal.year(2026).expect("covered");
    assert!(y.days_off.iter().all(|e| e.basis == Basis::Published));
}

#[test]
fn shipped_2025_has_the_january_transfer() {
    let cal = shipped();
    assert_eq!(working_days(&cal, 2025), vec![date(2025, 1, 5)]);
    assert_eq!(days_off(&cal, 2025).len(), 16);
    assert_eq!(cal.is_working_day(date(2025, 1, 3)), Ok(false)); // Friday, moved off
    assert_eq!(cal.is_working_day(date(2025, 1, 5)), Ok(true)); // Sunday, working
    assert_eq!(cal.is_working_day(date(2025, 10, 27)), Ok(false)); // for Republic Day
    assert_eq!(cal.is_working_day(date(2025, 6, 6)), Ok(false)); // Kurban Ait
}

#[test]
fn shipped_2027_is_marked_as_derived() {
    let cal = shipped();
    let y = cal.year(2027).expect("covered");
    assert_eq!(y.days_off.len(), 14);
    assert!(y.days_off.iter().all(|e| e.basis == Basis::Derived));
    assert_eq!(cal.is_working_day(date(2027, 1, 4)), Ok(false)); // for Saturday 2 January
    assert_eq!(cal.is_working_day(date(2027, 3, 24)), Ok(false)); // for Sunday 21 March
}

#[test]
fn working_days_per_year() {
    // Weekdays per year: 261 in each of 2025, 2026, 2027 (365 days, 31 Dec a weekday).
    // 2025: 261 - 16 days off + 1 working Sunday; 2026: 261 - 15; 2027: 261 - 14.
    let cal = shipped();
    assert_eq!(
        cal.count_working_days(date(2025, 1, 1), date(2025, 12, 31)),
        Ok(246)
    ); // 1 Jan is off
    assert_eq!(
        cal.count_working_days(date(2025, 12, 31), date(2026, 12, 31)),
        Ok(246)
    );
    assert_eq!(
        cal.count_working_days(date(2026, 12, 31), date(2027, 12, 31)),
        Ok(247)
    );
}

#[test]
fn weekdays_weekends_and_holidays() {
    let cal = shipped();
    assert_eq!(cal.is_working_day(date(2026, 2, 10)), Ok(true)); // Tuesday
    assert_eq!(cal.is_working_day(date(2026, 2, 14)), Ok(false)); // Saturday
    assert_eq!(cal.is_working_day(date(2026, 2, 15)), Ok(false)); // Sunday
    assert_eq!(cal.is_working_day(date(2026, 5, 9)), Ok(false)); // Victory Day, Saturday
    assert_eq!(cal.is_working_day(date(2026, 5, 11)), Ok(false)); // moved from 9 May
    assert_eq!(cal.is_working_day(date(2026, 5, 8)), Ok(true)); // Friday between holidays
}

#[test]
fn next_and_add_working_days() {
    let cal = shipped();
    assert_eq!(
        cal.next_working_day_after(date(2026, 3, 20)),
        Ok(date(2026, 3, 26))
    );
    assert_eq!(
        cal.next_working_day_after(date(2025, 1, 4)),
        Ok(date(2025, 1, 5))
    );
    assert_eq!(
        cal.add_working_days(date(2026, 3, 20), 3),
        Ok(date(2026, 3, 30))
    );
    assert_eq!(
        cal.add_working_days(date(2025, 12, 31), 3),
        Ok(date(2026, 1, 8))
    );
    assert_eq!(
        cal.add_working_days(date(2026, 2, 10), 0),
        Ok(date(2026, 2, 10))
    );
}

#[test]
fn uncovered_years_are_errors() {
    let cal = shipped();
    assert_eq!(
        cal.is_working_day(date(2024, 12, 31)),
        Err(CalendarError::YearNotCovered(2024))
    );
    assert_eq!(
        cal.is_working_day(date(2028, 1, 3)),
        Err(CalendarError::YearNotCovered(2028))
    );
    // 30 Dec 2027 (Thu) + 3: Fri 31 Dec, then 2028 is not covered.
    assert_eq!(
        cal.add_working_days(date(2027, 12, 30), 3),
        Err(CalendarError::YearNotCovered(2028))
    );
    assert_eq!(
        cal.year(2028).err(),
        Some(CalendarError::YearNotCovered(2028))
    );
}

fn one_year(days_off: &str, working_days: &str) -> String {
    format!(
        r#"{{"years":[{{"year":2026,"days_off":[{days_off}],"working_days":[{working_days}]}}]}}"#
    )
}

#[test]
fn validation_rejects_bad_data() {
    let off = |d: &str| format!(r#"{{"date":"{d}","reason":"x"}}"#);
    let cases = [
        (
            one_year(&off("2025-12-31"), ""),
            CalendarError::DateOutsideYear {
                year: 2026,
                date: date(2025, 12, 31),
            },
        ),
        (
            one_year(&format!("{},{}", off("2026-01-01"), off("2026-01-01")), ""),
            CalendarError::DuplicateDate(date(2026, 1, 1)),
        ),
        (
            one_year("", &format!("{},{}", off("2026-02-14"), off("2026-02-14"))),
            CalendarError::DuplicateDate(date(2026, 2, 14)),
        ),
        (
            one_year(&off("2026-02-14"), ""),
            CalendarError::DayOffOnWeekend(date(2026, 2, 14)),
        ),
        (
            one_year("", &off("2026-02-13")),
            CalendarError::WorkingDayNotOnWeekend(date(2026, 2, 13)),
        ),
    ];
    for (json, expected) in cases {
        assert_eq!(WorkingCalendar::from_json(&json), Err(expected));
    }
    let twice = r#"{"years":[{"year":2026},{"year":2026}]}"#;
    assert_eq!(
        WorkingCalendar::from_json(twice),
        Err(CalendarError::DuplicateYear(2026))
    );
    assert!(matches!(
        WorkingCalendar::from_json("{"),
        Err(CalendarError::Json(_))
    ));
    assert!(matches!(
        WorkingCalendar::from_json(
            r#"{"years":[{"year":2026,"days_off":[{"date":"2026-02-30","reason":"x"}]}]}"#
        ),
        Err(CalendarError::Json(_))
    ));
}

#[test]
fn a_day_both_off_and_working_is_rejected() {
    let entry = |d: &str| format!(r#"{{"date":"{d}","reason":"x"}}"#);
    for d in ["2026-02-13", "2026-02-14"] {
        assert_eq!(
            WorkingCalendar::from_json(&one_year(&entry(d), &entry(d))),
            Err(CalendarError::DayOffAndWorkingDay(d.parse().expect("date")))
        );
    }
}

#[test]
fn json_round_trip() {
    let cal = shipped();
    let again = WorkingCalendar::from_json(&cal.to_json()).expect("round trip");
    assert_eq!(again, cal);
    let via_serde: WorkingCalendar =
        serde_json::from_str(&serde_json::to_string(&cal).expect("ser")).expect("de");
    assert_eq!(via_serde, cal);
}

#[test]
fn error_messages_say_what_failed() {
    assert_eq!(
        CalendarError::YearNotCovered(2028).to_string(),
        "the working calendar does not cover the year 2028"
    );
    assert_eq!(
        CalendarError::DuplicateDate(date(2026, 1, 1)).to_string(),
        "2026-01-01 is listed twice"
    );
}

/// Any start date in 2025–2027 far enough from the end of the data.
fn covered_start() -> impl Strategy<Value = Date> {
    (0i64..1040).prop_map(|offset| {
        date(2025, 1, 1)
            .checked_add(jiff::Span::new().days(offset))
            .expect("in range")
    })
}

proptest! {
    #[test]
    fn add_lands_on_a_working_day_strictly_after(start in covered_start(), n in 1u32..25) {
        let cal = shipped();
        let end = cal.add_working_days(start, n).expect("covered");
        prop_assert!(end > start);
        prop_assert_eq!(cal.is_working_day(end), Ok(true));
        prop_assert_eq!(cal.count_working_days(start, end), Ok(n));
    }

    #[test]
    fn add_is_monotonic_in_n(start in covered_start(), n in 0u32..25) {
        let cal = shipped();
        let a = cal.add_working_days(start, n).expect("covered");
        let b = cal.add_working_days(start, n + 1).expect("covered");
        prop_assert!(b > a);
        prop_assert_eq!(cal.next_working_day_after(a), Ok(b));
    }

    #[test]
    fn weekdays_not_listed_are_working(start in covered_start()) {
        let cal = shipped();
        let listed = cal.year(start.year()).expect("covered").days_off.iter().any(|e| e.date == start)
            || cal.year(start.year()).expect("covered").working_days.iter().any(|e| e.date == start);
        if !listed {
            prop_assert_eq!(cal.is_working_day(start), Ok(!super::is_weekend(start)));
        }
    }
}

#[test]
fn an_edited_year_replaces_the_shipped_one_and_is_checked_the_same_way() {
    let shipped = WorkingCalendar::shipped().unwrap();
    let mut year = shipped.year(2026).unwrap().clone();
    let wednesday = Date::constant(2026, 11, 25);
    assert!(shipped.is_working_day(wednesday).unwrap());
    year.days_off.push(DayEntry {
        date: wednesday,
        reason: "Дополнительный выходной".into(),
        basis: Basis::Published,
    });
    let edited = shipped.with_year(year.clone()).unwrap();
    assert!(!edited.is_working_day(wednesday).unwrap());
    assert_eq!(
        edited.years().collect::<Vec<_>>(),
        shipped.years().collect::<Vec<_>>()
    );
    let saturday = Date::constant(2026, 11, 28);
    year.days_off.push(DayEntry {
        date: saturday,
        reason: "ошибка".into(),
        basis: Basis::Published,
    });
    let error = shipped.with_year(year).unwrap_err();
    assert_eq!(error, CalendarError::DayOffOnWeekend(saturday));
    assert_eq!(
        WorkingCalendar::error_code(&error),
        "calendar.day-off-on-weekend"
    );
}
