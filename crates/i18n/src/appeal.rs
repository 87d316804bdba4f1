//! The words of an appeal route: its title (naming the office that decided), how and when to
//! file, how long it is considered, and its legal basis (message ids `appeal-route-<code>`,
//! `appeal-route-<code>-text`, `appeal-basis-<code>`).

use kandas_domain::appeal::Appeal;

use crate::{date_long, text, text_count, text_with};

/// An appeal route in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealText {
    /// Where the appeal goes.
    pub title: String,
    /// How and by when to file it, and how long it takes.
    pub text: String,
    /// The provisions of law it rests on.
    pub legal_basis: String,
}

/// An appeal route open against a decision of `office` (its name), in `lang`.
pub fn appeal_text(lang: &str, appeal: &Appeal, office: &str) -> AppealText {
    let code = &appeal.route.code;
    let title = text_with(
        lang,
        &format!("appeal-route-{code}"),
        &[("office", office.to_owned())],
    );
    let mut parts = vec![text(lang, &format!("appeal-route-{code}-text"))];
    if let (Some(months), Some(until)) = (appeal.months, appeal.file_by) {
        let months = text_count(lang, "appeal-months", "months", i64::from(months));
        let args = [("months", months), ("date", date_long(lang, until))];
        parts.push(text_with(lang, "appeal-period", &args));
    }
    if let Some(days) = appeal.route.considered_within_working_days {
        let days = text_count(lang, "working-days", "days", i64::from(days));
        parts.push(text_with(lang, "appeal-considered", &[("days", days)]));
    }
    AppealText {
        title,
        text: parts.join(" "),
        legal_basis: text(lang, &format!("appeal-basis-{code}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LANGUAGES, exists_everywhere};
    use jiff::civil::Date;
    use kandas_domain::appeal::AppealRoutes;
    use kandas_domain::office::OfficeKind;
    use kandas_domain::rules::AppealRules;

    #[test]
    fn every_shipped_route_has_its_words_in_every_language() {
        let routes = AppealRoutes::shipped().unwrap();
        for route in routes.routes() {
            for id in ["appeal-route-", "appeal-basis-"] {
                assert!(exists_everywhere(&format!("{id}{}", route.code)));
            }
            assert!(exists_everywhere(&format!(
                "appeal-route-{}-text",
                route.code
            )));
        }
    }

    #[test]
    fn the_complaint_names_the_office_the_period_and_the_last_day() {
        let rules = AppealRules {
            complaint_months: 3,
        };
        let open = AppealRoutes::shipped()
            .unwrap()
            .for_decision(
                OfficeKind::LocalExecutiveBody,
                Date::constant(2026, 11, 30),
                &rules,
            )
            .unwrap();
        let ru = appeal_text("ru", &open[0], "Местный исполнительный орган: г. Астана");
        assert!(ru.title.contains("г. Астана"), "{ru:?}");
        assert!(
            ru.text.contains("3 месяца") && ru.text.contains("28 февраля 2027"),
            "{ru:?}"
        );
        assert!(ru.text.contains("5 рабочих дней"), "{ru:?}");
        assert!(ru.legal_basis.contains("статья 91"), "{ru:?}");
        let court = appeal_text("ru", &open[2], "");
        assert!(court.text.contains("Только после"), "{court:?}");
        assert!(court.legal_basis.contains("часть 5 статьи 91"));
        for lang in LANGUAGES {
            let t = appeal_text(lang, &open[1], "x");
            assert!(
                !t.title.starts_with("appeal-") && !t.text.contains("appeal-"),
                "{t:?}"
            );
        }
    }
}
