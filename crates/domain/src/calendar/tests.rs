//! Tests of the working calendar: the shipped data against the published lists, the
//! validation, and properties of the day arithmetic.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::{CalendarError, WorkingCalendar};

fn shipped() -> WorkingCalendar {
    WorkingCalendar::shipped().expect("the shipped calendar loads")
}

fn days_off(cal: &WorkingCalendar, year: i16) -> Vec<Date> {
    cal.year(year).days_off.iter().map(|e| e.date).collect()
}

fn working_days(cal: &WorkingCalendar, year: i16) -> Vec<Date> {
    cal.year(year).working_days.iter().map(|e| e.date).collect()
}

#[test]
fn shipped_lists_2025_to_2028_and_confirms_2025_and_2026() {
    let cal = shipped();
    assert_eq!(
        cal.years().collect::<Vec<_>>(),
        vec![2025, 2026, 2027, 2028]
    );
    let confirmed: Vec<i16> = (2024..=2029).filter(|y| cal.is_confirmed(*y)).collect();
    assert_eq!(confirmed, vec![2025, 2026]);
    assert!(cal.is_listed(2028) && !cal.is_listed(2029));
    for year in [2027, 2028] {
        let note = &cal.year(year).note;
        assert!(note.is_complete(), "{year}");
        assert!(note.en.starts_with("Not confirmed"), "{year}: {}", note.en);
    }
}

#[test]
fn every_shipped_day_has_names_and_an_act_in_three_languages() {
    let cal = shipped();
    for year in cal.years() {
        let y = cal.year(year);
        assert!(y.note.is_complete(), "{year}");
        for e in y.days_off.iter().chain(&y.working_days) {
            assert!(e.names.is_complete(), "{}", e.date);
            assert!(e.act.is_complete(), "{}", e.date);
        }
    }
    let victory = cal
        .year(2026)
        .days_off
        .iter()
        .find(|e| e.date == date(2026, 5, 11))
        .cloned();
    let victory = victory.expect("11 May 2026");
    assert_eq!(
        victory.names.get("kk"),
        "Жеңіс күні: демалыс күні 09.05.2026 күнінен ауыстырылды"
    );
    assert_eq!(
        victory.names.get("ru"),
        "День Победы: перенос выходного дня с 09.05.2026"
    );
    assert!(
        victory.act.get("ru").contains("№ 267-II"),
        "{:?}",
        victory.act
    );
    assert!(
        victory.act.get("en").contains("Labour Code"),
        "{:?}",
        victory.act
    );
}

#[test]
fn shipped_2026_is_exactly_the_published_list() {
    // DOMAIN.md, "The 2026 calendar": days off besides weekends; Monday 31 August is not one.
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
        date(2026, 10, 26),
        date(2026, 12, 16),
    ];
    let cal = shipped();
    assert_eq!(days_off(&cal, 2026), expected);
    assert!(working_days(&cal, 2026).is_empty());
    assert!(cal.is_working_day(date(2026, 8, 31)));
    assert!(cal.is_confirmed(2026));
}

#[test]
fn shipped_2025_has_the_january_transfer() {
    let cal = shipped();
    assert_eq!(working_days(&cal, 2025), vec![date(2025, 1, 5)]);
    assert_eq!(days_off(&cal, 2025).len(), 16);
    assert!(!cal.is_working_day(date(2025, 1, 3))); // Friday, moved off
    assert!(cal.is_working_day(date(2025, 1, 5))); // Sunday, working
    assert!(!cal.is_working_day(date(2025, 10, 27))); // for Republic Day
    assert!(!cal.is_working_day(date(2025, 6, 6))); // Kurban Ait
    assert!(!cal.is_working_day(date(2025, 9, 1))); // for Constitution Day, Sat 30 August
}

#[test]
fn shipped_2027_has_constitution_day_in_march_and_not_in_august() {
    let cal = shipped();
    let expected = vec![
        date(2027, 1, 1),
        date(2027, 1, 4), // for Saturday 2 January
        date(2027, 1, 7),
        date(2027, 3, 8),
        date(2027, 3, 15), // Constitution Day, Monday
        date(2027, 3, 22),
        date(2027, 3, 23),
        date(2027, 3, 24), // for Sunday 21 March
        date(2027, 5, 3),  // for Saturday 1 May
        date(2027, 5, 7),
        date(2027, 5, 10), // for Sunday 9 May
        date(2027, 7, 6),
        date(2027, 10, 25),
        date(2027, 12, 16),
    ];
    assert_eq!(days_off(&cal, 2027), expected);
    assert!(cal.is_working_day(date(2027, 8, 30)));
    assert!(!cal.is_confirmed(2027));
}

#[test]
fn shipped_2028_is_the_holidays_by_law() {
    let cal = shipped();
    let expected = vec![
        date(2028, 1, 3), // for Saturday 1 January
        date(2028, 1, 4), // for Sunday 2 January
        date(2028, 1, 7),
        date(2028, 3, 8),
        date(2028, 3, 15),
        date(2028, 3, 21),
        date(2028, 3, 22),
        date(2028, 3, 23),
        date(2028, 5, 1),
        date(2028, 5, 5), // Kurban Ait, expected
        date(2028, 5, 8), // for Sunday 7 May
        date(2028, 5, 9),
        date(2028, 7, 6),
        date(2028, 10, 25),
        date(2028, 12, 18), // for Saturday 16 December
    ];
    assert_eq!(days_off(&cal, 2028), expected);
    assert!(working_days(&cal, 2028).is_empty());
    assert!(!cal.is_confirmed(2028));
}

#[test]
fn working_days_per_year() {
    // Weekdays per year: 261 in each of 2025, 2026, 2027 (365 days, 31 Dec a weekday), 260 in
    // 2028 (366 days from a Saturday). 2025: 261 - 16 days off + 1 working Sunday;
    // 2026: 261 - 14; 2027: 261 - 14; 2028: 260 - 15.
    let cal = shipped();
    assert_eq!(
        cal.count_working_days(date(2025, 1, 1), date(2025, 12, 31)),
        Ok(246)
    ); // 1 Jan is off
    assert_eq!(
        cal.count_working_days(date(2025, 12, 31), date(2026, 12, 31)),
        Ok(247)
    );
    assert_eq!(
        cal.count_working_days(date(2026, 12, 31), date(2027, 12, 31)),
        Ok(247)
    );
    assert_eq!(
        cal.count_working_days(date(2027, 12, 31), date(2028, 12, 31)),
        Ok(245)
    );
}

#[test]
fn weekdays_weekends_and_holidays() {
    let cal = shipped();
    assert!(cal.is_working_day(date(2026, 2, 10))); // Tuesday
    assert!(!cal.is_working_day(date(2026, 2, 14))); // Saturday
    assert!(!cal.is_working_day(date(2026, 2, 15))); // Sunday
    assert!(!cal.is_working_day(date(2026, 5, 9))); // Victory Day, Saturday
    assert!(!cal.is_working_day(date(2026, 5, 11))); // moved from 9 May
    assert!(cal.is_working_day(date(2026, 5, 8))); // Friday between holidays
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
fn unlisted_years_are_computed_and_never_fail() {
    let cal = shipped();
    // 2024 and 2031 are not listed: the statutory holidays answer.
    assert!(!cal.is_working_day(date(2024, 12, 16))); // Independence Day, Monday
    assert!(cal.is_working_day(date(2024, 12, 31)));
    assert!(!cal.is_working_day(date(2031, 1, 1))); // New Year, Wednesday
    assert!(!cal.is_working_day(date(2031, 3, 17))); // for Constitution Day, Saturday 15 March
    // 30 Dec 2027 (Thu) + 3: Fri 31 Dec (1), 1–2 Jan 2028 Sat/Sun move to Mon 3 and Tue 4,
    // Wed 5 (2), Thu 6 (3).
    assert_eq!(
        cal.add_working_days(date(2027, 12, 30), 3),
        Ok(date(2028, 1, 6))
    );
    let computed = cal.year(2035);
    assert!(!computed.confirmed && !cal.is_listed(2035) && !cal.is_confirmed(2035));
    assert!(
        computed
            .days_off
            .iter()
            .all(|e| e.names.is_complete() && e.act.is_complete())
    );
    // Far outside the precomputed years too: Thursday 16 December 9999 is Independence Day;
    // past the last representable date there is no next day, and that is said.
    assert!(!cal.is_working_day(date(9999, 12, 16)));
    assert!(cal.is_working_day(Date::MAX)); // Friday 31 December 9999
    assert_eq!(
        cal.next_working_day_after(Date::MAX),
        Err(CalendarError::DateOutOfRange(Date::MAX))
    );
}

#[test]
fn confirmation_spans_every_year_counted() {
    let cal = shipped();
    assert!(cal.confirmed_between(date(2025, 12, 30), date(2026, 1, 8)));
    assert!(!cal.confirmed_between(date(2026, 12, 30), date(2027, 1, 6)));
    assert!(!cal.confirmed_between(date(2027, 12, 30), date(2028, 1, 6)));
    assert!(!cal.confirmed_between(date(2031, 5, 5), date(2031, 5, 8)));
}

/// Any start date from 2025 to 2040, listed years and computed ones.
fn covered_start() -> impl Strategy<Value = Date> {
    (0i64..5840).prop_map(|offset| {
        date(2025, 1, 1)
            .checked_add(jiff::Span::new().days(offset))
            .expect("in range")
    })
}

proptest! {
    #[test]
    fn add_lands_on_a_working_day_strictly_after(start in covered_start(), n in 1u32..25) {
        let cal = shipped();
        let end = cal.add_working_days(start, n).expect("in range");
        prop_assert!(end > start);
        prop_assert!(cal.is_working_day(end));
        prop_assert_eq!(cal.count_working_days(start, end), Ok(n));
    }

    #[test]
    fn add_is_monotonic_in_n(start in covered_start(), n in 0u32..25) {
        let cal = shipped();
        let a = cal.add_working_days(start, n).expect("in range");
        let b = cal.add_working_days(start, n + 1).expect("in range");
        prop_assert!(b > a);
        prop_assert_eq!(cal.next_working_day_after(a), Ok(b));
    }

    #[test]
    fn weekdays_not_listed_are_working(start in covered_start()) {
        let cal = shipped();
        let year = cal.year(start.year());
        let listed = year.days_off.iter().any(|e| e.date == start)
            || year.working_days.iter().any(|e| e.date == start);
        if !listed {
            prop_assert_eq!(cal.is_working_day(start), !super::is_weekend(start));
        }
    }
}
