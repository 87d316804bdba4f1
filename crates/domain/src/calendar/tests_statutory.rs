//! Tests of the statutory holidays: the shipped data against the listed years, the moving rule,
//! the years a holiday is in force, and the checks of a holidays file.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::{Statutory, WorkingCalendar, is_weekend};

fn shipped() -> WorkingCalendar {
    WorkingCalendar::shipped().expect("the shipped calendar loads")
}

fn dates(year: &super::YearCalendar) -> Vec<Date> {
    year.days_off.iter().map(|e| e.date).collect()
}

#[test]
fn the_listed_years_follow_the_statutory_holidays() {
    let cal = shipped();
    // 2026–2028 have no transfers: each listed year is exactly the computed one, names and
    // acts included.
    for year in [2026, 2027, 2028] {
        assert_eq!(
            cal.year(year).days_off,
            cal.statutory().year(year).days_off,
            "{year}"
        );
    }
    // 2025 adds the ministry's transfer: Friday 3 January off, Sunday 5 January working.
    let listed = cal.year(2025);
    let mut expected = cal.statutory().year(2025).days_off;
    expected.retain(|e| e.date != date(2025, 1, 3));
    let mut without_transfer = listed.days_off.clone();
    without_transfer.retain(|e| e.date != date(2025, 1, 3));
    assert_eq!(without_transfer, expected);
    assert_eq!(dates(&listed).len(), 16);
    assert!(
        listed
            .days_off
            .iter()
            .any(|e| e.date == date(2025, 1, 3) && e.act.get("ru").contains("№ 436"))
    );
}

#[test]
fn constitution_day_moved_from_august_to_march() {
    let statutory = shipped().statutory().clone();
    let in_year = |y: i16, d: Date| dates(&statutory.year(y)).contains(&d);
    assert!(in_year(2025, date(2025, 9, 1))); // for Saturday 30 August 2025
    assert!(!in_year(2026, date(2026, 8, 31))); // Sunday 30 August 2026 no longer moves
    assert!(!in_year(2026, date(2026, 3, 16))); // 15 March 2026 was the referendum itself
    assert!(in_year(2027, date(2027, 3, 15)));
    assert!(!in_year(2027, date(2027, 8, 30)));
    assert!(in_year(2029, date(2029, 3, 15))); // Thursday
    let day = statutory
        .year(2027)
        .days_off
        .into_iter()
        .find(|e| e.date == date(2027, 3, 15));
    let day = day.expect("15 March 2027");
    assert_eq!(
        day.names.get("kk"),
        "Қазақстан Республикасының Конституциясы күні"
    );
    assert!(day.act.get("en").contains("referendum of 15 March 2026"));
}

#[test]
fn a_weekend_holiday_moves_to_the_next_working_day_that_is_no_holiday() {
    let statutory = shipped().statutory().clone();
    // 2028: 1–2 January are Saturday and Sunday → Monday 3 and Tuesday 4 January.
    let y2028 = statutory.year(2028);
    assert_eq!(
        dates(&y2028)[..3],
        [date(2028, 1, 3), date(2028, 1, 4), date(2028, 1, 7)]
    );
    assert_eq!(
        y2028.days_off[0].names.get("ru"),
        "Новый год: перенос выходного дня с 01.01.2028"
    );
    // 2026: Nauryz 21–23 March is Saturday to Monday → Tuesday 24 and Wednesday 25.
    let y2026 = dates(&statutory.year(2026));
    for d in [date(2026, 3, 23), date(2026, 3, 24), date(2026, 3, 25)] {
        assert!(y2026.contains(&d), "{d}");
    }
    // Religious holidays do not move: Orthodox Christmas on Sunday 7 January 2029, and
    // Kurban Ait on Sunday 16 May 2027.
    let y2029 = dates(&statutory.year(2029));
    assert!(!y2029.contains(&date(2029, 1, 8)));
    assert!(!dates(&statutory.year(2027)).contains(&date(2027, 5, 17)));
    // No Kurban Ait date is listed for 2029: the computed year simply lacks it.
    let kurban = |y: i16| {
        statutory
            .year(y)
            .days_off
            .iter()
            .any(|e| e.names.en.starts_with("Kurban"))
    };
    assert!(kurban(2028) && !kurban(2029));
}

#[test]
fn a_computed_year_is_used_where_none_is_listed() {
    let cal = shipped();
    assert_eq!(*cal.year(2031), cal.statutory().year(2031));
    assert!(!cal.is_listed(2031));
    for e in &cal.year(2031).days_off {
        assert!(!cal.is_working_day(e.date), "{}", e.date);
    }
}

fn file_with(holiday: &str) -> String {
    format!(
        r#"{{"acts": {{"law": {{"kk": "з", "ru": "з", "en": "law"}}}},
            "moved": {{"names": {{"kk": "{{name}}", "ru": "{{name}}", "en": "{{name}}"}}, "act": "law"}},
            "holidays": [{holiday}]}}"#
    )
}

#[test]
fn a_holidays_file_is_checked() {
    let names =
        r#""names": {"kk": "а", "ru": "б", "en": "c"}, "kind": "state", "moves_off_weekend": true"#;
    let cases = [
        (format!(r#"{{"code": "x", {names}, "month": 2, "day": 29, "act": "law"}}"#), "every year"),
        (format!(r#"{{"code": "x", {names}, "month": 2, "day": 3, "act": "decree"}}"#), "unknown act"),
        (format!(r#"{{"code": "x", {names}, "act": "law"}}"#), "expected dates"),
        (
            format!(r#"{{"code": "x", {names}, "month": 5, "day": 3, "act": "law"}}, {{"code": "x", {names}, "month": 5, "day": 4, "act": "law"}}"#),
            "listed twice",
        ),
        (
            format!(r#"{{"code": "x", {names}, "month": 5, "day": 3, "from_year": 2030, "until_year": 2029, "act": "law"}}"#),
            "ends before",
        ),
        (
            r#"{"code": "x", "names": {"kk": "", "ru": "б", "en": "c"}, "kind": "state", "moves_off_weekend": true, "month": 5, "day": 3, "act": "law"}"#.to_owned(),
            "kk, ru and en",
        ),
    ];
    for (holiday, expected) in cases {
        let error = Statutory::from_json(&file_with(&holiday)).expect_err(&holiday);
        assert!(error.contains(expected), "{error} / {expected}");
    }
    let fine =
        format!(r#"{{"code": "x", {names}, "month": 5, "day": 3, "days": 2, "act": "law"}}"#);
    let statutory = Statutory::from_json(&file_with(&fine)).expect("valid");
    // 3–4 May 2031 are Saturday and Sunday → Monday 5 and Tuesday 6 May.
    assert_eq!(
        dates(&statutory.year(2031)),
        vec![date(2031, 5, 5), date(2031, 5, 6)]
    );
}

proptest! {
    /// Every computed day off is a weekday, and there is one for each weekday holiday and one
    /// for each weekend day of a holiday that moves.
    #[test]
    fn computed_years_keep_every_holiday(year in 2001i16..2200) {
        let cal = shipped();
        let statutory = cal.statutory();
        let computed = statutory.year(year);
        prop_assert!(computed.days_off.iter().all(|e| !is_weekend(e.date) && e.date.year() == year));
        prop_assert!(computed.days_off.windows(2).all(|w| w[0].date < w[1].date));
        let mut expected = 0;
        for holiday in &statutory.file().holidays {
            for (day, _) in holiday.dates(year) {
                if !is_weekend(day) || holiday.moves_off_weekend {
                    expected += 1;
                }
            }
        }
        prop_assert_eq!(computed.days_off.len(), expected);
        for e in &computed.days_off {
            prop_assert!(statutory.is_day_off(e.date));
        }
    }
}
