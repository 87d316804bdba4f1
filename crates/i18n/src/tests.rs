//! The texts' own checks: plural forms, dates, attributes.

use super::*;

#[test]
fn working_days_take_their_plural_form() {
    assert_eq!(
        text_count("ru", "working-days", "days", 1),
        "1 рабочий день"
    );
    assert_eq!(text_count("ru", "working-days", "days", 3), "3 рабочих дня");
    assert_eq!(
        text_count("ru", "working-days", "days", 5),
        "5 рабочих дней"
    );
    assert_eq!(text_count("en", "working-days", "days", 1), "1 working day");
    assert_eq!(
        text_count("en", "working-days", "days", 2),
        "2 working days"
    );
    assert_eq!(text_count("kk", "working-days", "days", 3), "3 жұмыс күні");
}

#[test]
fn notices_write_their_dates_out() {
    let notice = Notice::Registered {
        number: "KND-2026-000001".into(),
        due: jiff::civil::Date::constant(2026, 11, 26),
    };
    let en = notice_text("en", &notice);
    assert!(
        en.contains("KND-2026-000001") && en.contains("26 November 2026"),
        "{en}"
    );
    assert!(notice_text("kk", &notice).contains("қараша"));
}

#[test]
fn accept_language_is_negotiated() {
    assert_eq!(negotiate("kk-KZ,kk;q=0.9,ru;q=0.8"), Some("kk"));
    assert_eq!(negotiate("en-US;q=0.5, ru;q=0.9"), Some("ru"));
    assert_eq!(negotiate("de-DE"), None);
    assert_eq!(language("xx"), "ru");
}

#[test]
fn sms_texts_carry_their_arguments() {
    let args = [("code", "123456".to_owned()), ("minutes", "5".to_owned())];
    for lang in LANGUAGES {
        assert!(
            text_with(lang, "sms-code", &args).contains("123456"),
            "{lang}"
        );
    }
}

#[test]
fn every_id_the_code_uses_exists_in_every_language() {
    let missing: Vec<&str> = ids::all().filter(|id| !exists_everywhere(id)).collect();
    assert!(missing.is_empty(), "missing in some language: {missing:?}");
}

#[test]
fn error_codes_are_attributes_and_differ_by_language() {
    let texts: Vec<String> = LANGUAGES
        .iter()
        .map(|l| text(l, "otp.no-mobile-phone"))
        .collect();
    assert!(
        texts[0].contains("egov.kz")
            && texts[1].contains("egov.kz")
            && texts[2].contains("egov.kz")
    );
    assert_ne!(texts[0], texts[1]);
    assert_eq!(
        text("en", "iin.checksum"),
        "The IIN check digit does not match. Check the number."
    );
}

#[test]
fn kazakh_is_written_with_kazakh_letters() {
    let kk: String = ids::all().map(|id| text("kk", id)).collect();
    for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
        assert!(kk.contains(letter), "{letter}");
    }
}

#[test]
fn dates_are_written_out() {
    let args = |m: &str| {
        [
            ("day", "26".to_owned()),
            ("month", text("ru", m)),
            ("year", "2026".to_owned()),
        ]
    };
    assert_eq!(
        text_with(
            "en",
            "date-long",
            &[
                ("day", "26".into()),
                ("month", text("en", "month-11")),
                ("year", "2026".into())
            ]
        ),
        "26 November 2026"
    );
    assert_eq!(
        text_with(
            "kk",
            "date-long",
            &[
                ("day", "26".into()),
                ("month", text("kk", "month-11")),
                ("year", "2026".into())
            ]
        ),
        "2026 жылғы 26 қараша"
    );
    assert!(text_with("ru", "date-long", &args("month-11")).contains("26"));
}
