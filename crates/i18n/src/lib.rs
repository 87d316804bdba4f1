//! Every text people read, in Kazakh, Russian and English (Fluent files under `locales/`).
//!
//! Error codes double as message ids. Pages, the JSON API's error messages and SMS texts all
//! come from here.

mod access;
pub mod access_ids;
pub mod admin_ids;
pub mod appeal;
pub mod audit_ids;
pub mod case_ids;
pub mod document_ids;
pub mod ids;
mod notices;
pub mod openapi_ids;
pub mod performance_ids;
pub mod result_ids;
pub mod signature_ids;
pub mod site_ids;
pub mod staff_ids;
pub mod steps_ids;

pub use appeal::{AppealText, appeal_text};

use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use kandas_domain::application::status::Notice;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "ru",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages the service speaks, in the order the switch shows them.
pub const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];

/// A supported language code: `kk`, `ru` or `en` (anything else falls back to `ru`).
pub fn language(code: &str) -> &'static str {
    LANGUAGES.into_iter().find(|l| *l == code).unwrap_or("ru")
}

/// Picks the best supported language from an `Accept-Language` header.
pub fn negotiate(accept_language: &str) -> Option<&'static str> {
    let mut ranked: Vec<(f32, &'static str)> = accept_language
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next()?;
            LANGUAGES
                .into_iter()
                .find(|l| *l == primary)
                .map(|l| (q, l))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, l)| *l)
}

fn lang_id(lang: &str) -> LanguageIdentifier {
    language(lang).parse().unwrap_or_default()
}

/// The text of `id` in `lang`; the id itself when no language has it (a test keeps that from
/// happening for every id the code uses).
pub fn text(lang: &str, id: &str) -> String {
    LOCALES
        .try_lookup(&lang_id(lang), id)
        .unwrap_or_else(|| id.to_owned())
}

/// The text of `id` in `lang` with arguments.
pub fn text_with(lang: &str, id: &str, args: &[(&str, String)]) -> String {
    let args: HashMap<std::borrow::Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| {
            (
                std::borrow::Cow::Owned((*k).to_owned()),
                FluentValue::from(v.clone()),
            )
        })
        .collect();
    LOCALES
        .try_lookup_with_args(&lang_id(lang), id, &args)
        .unwrap_or_else(|| id.to_owned())
}

/// The text of `id` in `lang` with a number `name = n`, for plural forms (CLDR rules: Russian
/// has one, few and many; Kazakh and English one and other).
pub fn text_count(lang: &str, id: &str, name: &str, n: i64) -> String {
    let args: HashMap<std::borrow::Cow<'static, str>, FluentValue<'_>> = HashMap::from([(
        std::borrow::Cow::Owned(name.to_owned()),
        FluentValue::from(n),
    )]);
    LOCALES
        .try_lookup_with_args(&lang_id(lang), id, &args)
        .unwrap_or_else(|| id.to_owned())
}

/// A date written out: "26 November 2026", "26 ноября 2026 г.", "2026 жылғы 26 қараша".
pub fn date_long(lang: &str, date: jiff::civil::Date) -> String {
    let month = text(lang, &format!("month-{}", date.month()));
    let args = [
        ("day", date.day().to_string()),
        ("month", month),
        ("year", date.year().to_string()),
    ];
    text_with(lang, "date-long", &args)
}

/// The text of a notice to an applicant as the personal account shows it, dates written out:
/// its first line, then what is missing or who was refused on which grounds, and how to appeal.
pub fn notice_text(lang: &str, notice: &Notice) -> String {
    let mut parts = vec![notice_line(lang, notice)];
    parts.extend(notices::details(lang, notice));
    parts.join(" ")
}

/// The text of a notice as an SMS: its first line, the refused members by name, and where the
/// details are.
pub fn notice_sms(lang: &str, notice: &Notice) -> String {
    let mut parts = vec![notice_line(lang, notice)];
    parts.extend(notices::sms_tail(lang, notice));
    parts.join(" ")
}

fn notice_line(lang: &str, notice: &Notice) -> String {
    let args = match notice {
        Notice::Registered { number, due } | Notice::DeadlineWarning { number, due } => {
            vec![("number", number.clone()), ("due", date_long(lang, *due))]
        }
        Notice::Decided {
            number,
            certificate,
            ..
        } => vec![
            ("number", number.clone()),
            ("certificate", certificate.clone().unwrap_or_default()),
        ],
        Notice::RejectedAtIntake {
            number,
            missing,
            registered_on,
            ..
        } => {
            let mut args = vec![("number", number.clone()), ("missing", missing.to_string())];
            if let Some(day) = registered_on {
                args.push(("date", date_long(lang, *day)));
            }
            args
        }
        Notice::ExpiryReminder {
            certificate,
            valid_until,
        } => vec![
            ("certificate", certificate.clone()),
            ("due", date_long(lang, *valid_until)),
        ],
        Notice::ResultIssued { number }
        | Notice::Accepted { number }
        | Notice::Withdrawn { number } => {
            vec![("number", number.clone())]
        }
        Notice::HearingScheduled {
            number,
            at,
            place,
            online,
            refusals,
            due,
        } => {
            return hearing_text(lang, number, *at, place, *online, refusals, *due);
        }
    };
    text_with(lang, &notice.message_id(), &args)
}

/// The hearing's notice: whose refusal is planned on which grounds, when, where or how to join,
/// and the due date the hearing moved the decision to.
fn hearing_text(
    lang: &str,
    number: &str,
    at: jiff::Timestamp,
    place: &str,
    online: bool,
    refusals: &[kandas_domain::application::status::NoticeRefusal],
    due: Option<jiff::civil::Date>,
) -> String {
    let local = at.to_zoned_datetime(kandas_domain::deadline::almaty());
    let when = format!(
        "{}, {:02}:{:02}",
        date_long(lang, local.date()),
        local.hour(),
        local.minute()
    );
    let whom: Vec<String> = refusals
        .iter()
        .map(|r| {
            let person = r
                .member
                .clone()
                .unwrap_or_else(|| text(lang, "notice-refusal-you"));
            let grounds: Vec<String> = r
                .grounds
                .iter()
                .map(|g| text(lang, &format!("ground-{g}")))
                .collect();
            text_with(
                lang,
                "notice-refusal-line",
                &[("person", person), ("grounds", grounds.join("; "))],
            )
        })
        .collect();
    let how = text(
        lang,
        if online {
            "notice-hearing-online"
        } else {
            "notice-hearing-in-person"
        },
    );
    let mut out = text_with(
        lang,
        "notice-hearing",
        &[
            ("number", number.to_owned()),
            ("whom", whom.join(" ")),
            ("when", when),
            ("place", place.to_owned()),
            ("how", how),
        ],
    );
    if let Some(due) = due {
        out.push(' ');
        out.push_str(&text_with(
            lang,
            "notice-hearing-due",
            &[("due", date_long(lang, due))],
        ));
    }
    out
}

/// The name of an office: the local executive body or the State Corporation office of its
/// region.
pub fn office_name(lang: &str, office: &kandas_domain::office::OfficeCode) -> String {
    use kandas_domain::office::{OfficeKind, region};
    let region = region(office.region_code())
        .map(|r| r.name(language(lang)).to_owned())
        .unwrap_or_else(|_| office.region_code().to_owned());
    let id = match office.kind() {
        OfficeKind::LocalExecutiveBody => "office-leb",
        OfficeKind::StateCorporation => "office-sc",
    };
    text_with(lang, id, &[("region", region)])
}

/// Whether `id` exists in every language.
pub fn exists_everywhere(id: &str) -> bool {
    // A message with variables only formats when they are given, so every variable name the
    // code passes is supplied.
    const VARIABLES: [&str; 31] = [
        "office",
        "from",
        "to",
        "months",
        "list",
        "grounds",
        "members",
        "name",
        "whom",
        "how",
        "person",
        "when",
        "place",
        "missing",
        "region",
        "days",
        "term",
        "code",
        "minutes",
        "number",
        "due",
        "certificate",
        "phone",
        "date",
        "source",
        "day",
        "month",
        "year",
        "file",
        "total",
        "size",
    ];
    let args: HashMap<std::borrow::Cow<'static, str>, FluentValue<'_>> = VARIABLES
        .iter()
        .map(|k| (std::borrow::Cow::Borrowed(*k), FluentValue::from("x")))
        .collect();
    LANGUAGES.iter().all(|l| {
        LOCALES
            .try_lookup_with_args(&lang_id(l), id, &args)
            .is_some()
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod error_codes;

pub use access::access_message;
