//! Tests of the working calendar's checks: a loaded file and an edited year are refused for
//! the same faults, and what is accepted reads back the same.

use jiff::civil::{Date, date};

use super::{CalendarError, DayEntry, Trilingual, WorkingCalendar};

fn shipped() -> WorkingCalendar {
    WorkingCalendar::shipped().expect("the shipped calendar loads")
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
        CalendarError::DuplicateDate(date(2026, 1, 1)).to_string(),
        "2026-01-01 is listed twice"
    );
}

#[test]
fn an_edited_year_replaces_the_shipped_one_and_is_checked_the_same_way() {
    let shipped = WorkingCalendar::shipped().unwrap();
    let mut year = shipped.year(2026).into_owned();
    let wednesday = Date::constant(2026, 11, 25);
    assert!(shipped.is_working_day(wednesday));
    year.days_off.push(DayEntry {
        date: wednesday,
        names: Trilingual::same("Дополнительный выходной"),
        act: Trilingual::same("Постановление № 1"),
    });
    let edited = shipped.with_year(year.clone()).unwrap();
    assert!(!edited.is_working_day(wednesday));
    assert_eq!(
        edited.years().collect::<Vec<_>>(),
        shipped.years().collect::<Vec<_>>()
    );
    let saturday = Date::constant(2026, 11, 28);
    year.days_off.push(DayEntry {
        date: saturday,
        names: Trilingual::same("ошибка"),
        act: Trilingual::default(),
    });
    let error = shipped.with_year(year).unwrap_err();
    assert_eq!(error, CalendarError::DayOffOnWeekend(saturday));
    assert_eq!(
        WorkingCalendar::error_code(&error).code(),
        "calendar.day-off-on-weekend"
    );
}
