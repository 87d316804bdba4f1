//! The back office's calendar page: the year in the page's language with its status, the
//! banner while a year is unconfirmed, and the form that edits each day's names and act in
//! kk/ru/en, without JavaScript, its errors linked to their fields.

use axum::http::StatusCode;
use kandas_testkit::TestApp;

use crate::browser::{see_other, unescape};
use crate::calendar_admin::ADMIN;

/// The text after `start` up to the next quote.
fn attr(tag: &str, name: &str) -> Option<String> {
    let start = format!("{name}=\"");
    let rest = &tag[tag.find(&start)? + start.len()..];
    Some(unescape(&rest[..rest.find('"')?]))
}

/// Every field the form posting to `action` would send as it stands.
fn fields(html: &str, action: &str) -> Vec<(String, String)> {
    let open = format!("<form method=\"post\" action=\"{action}\"");
    let form = &html[html.find(&open).unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    let mut out = Vec::new();
    for tag in form.split("<input ").skip(1) {
        let tag = &tag[..tag.find('>').unwrap()];
        let checkbox = attr(tag, "type").as_deref() == Some("checkbox");
        if checkbox && !tag.contains(" checked") {
            continue;
        }
        out.push((
            attr(tag, "name").unwrap(),
            attr(tag, "value").unwrap_or_default(),
        ));
    }
    for area in form.split("<textarea ").skip(1) {
        let (tag, rest) = area.split_once('>').unwrap();
        let text = &rest[..rest.find("</textarea>").unwrap()];
        out.push((attr(tag, "name").unwrap(), unescape(text)));
    }
    out
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields.iter_mut().find(|(n, _)| n == name);
    field.unwrap_or_else(|| panic!("no field {name}")).1 = value.to_owned();
}

/// The part of the page that lists the year's days off as in use.
fn listing(html: &str) -> &str {
    let at = html
        .find("<table class=\"calendar-days\">")
        .expect("the listing");
    &html[at..at + html[at..].find("</table>").unwrap()]
}

async fn the_page_speaks_the_pages_language(app: &TestApp) {
    let mut officer = crate::pages_journey::sign_in(app, "850302400014").await;
    let (status, _) = officer.get("/admin/calendar?year=2026").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let mut admin = crate::pages_journey::sign_in(app, ADMIN).await;
    let (status, html) = admin.get("/admin/calendar?year=2026&lang=kk").await;
    assert_eq!(status, StatusCode::OK);
    let days = listing(&html);
    assert!(
        days.contains("Жеңіс күні: демалыс күні 09.05.2026 күнінен ауыстырылды"),
        "{days}"
    );
    assert!(
        days.contains("2026 жылғы 11 мамыр"),
        "dates written out: {days}"
    );
    assert!(
        days.contains("мерекелер туралы"),
        "the act in Kazakh: {days}"
    );
    assert!(
        !days.contains("Victory Day") && !days.contains("День Победы"),
        "{days}"
    );
    assert!(html.contains("tag-confirmed"), "2026 is confirmed");
    // From 1 October the next year is asked for while it is not confirmed.
    assert!(
        html.contains("2027 жылғы өндірістік күнтізбе расталмаған"),
        "{html}"
    );
    assert!(html.contains("href=\"/admin/calendar?year=2027\""));

    let (_, html) = admin.get("/admin/calendar?year=2026&lang=ru").await;
    assert!(listing(&html).contains("День Победы: перенос выходного дня с 09.05.2026"));

    let (_, html) = admin.get("/admin/calendar?year=2031&lang=en").await;
    assert!(
        html.contains("tag-unconfirmed") && html.contains("Computed from the holidays"),
        "{html}"
    );
    assert!(
        listing(&html).contains("Constitution Day: day off moved from 15.03.2031"),
        "{html}"
    );
    let (_, html) = admin.get("/admin/calendar?year=2027&lang=en").await;
    assert!(html.contains("tag-unconfirmed") && html.contains("Derived from the holidays by law"));
    for bad in ["1500", "abc"] {
        let (status, html) = admin
            .get(&format!("/admin/calendar?year={bad}&lang=en"))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}: {html}");
    }
}

crate::on_both_backends!(
    the_page_speaks_the_pages_language,
    calendar_page_language_sqlite,
    calendar_page_language_postgres
);

/// The form: a day added in an empty row, a mistake kept with what was typed and linked from the
/// error summary, then the save, and the year confirmed.
async fn the_page_edits_a_year(app: &TestApp) {
    let mut admin = crate::pages_journey::sign_in(app, ADMIN).await;
    let (_, html) = admin.get("/admin/calendar?year=2027&lang=en").await;
    let action = "/admin/calendar/2027";
    let mut form = fields(&html, action);
    assert!(
        form.iter()
            .any(|(n, v)| n == "days_off[4].date" && v == "2027-03-15")
    );
    assert!(
        !form.iter().any(|(n, _)| n == "confirmed"),
        "2027 is not confirmed"
    );
    // Row 15 is the first empty one (14 days off are listed).
    set(&mut form, "days_off[14].date", "31.12.2027");
    set(&mut form, "days_off[14].names.kk", "Қосымша демалыс күні");
    set(
        &mut form,
        "days_off[14].names.ru",
        "Дополнительный выходной",
    );
    let pairs: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let (status, _, page) = admin.post_form(action, &pairs).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("href=\"#days_off-14-date\""),
        "the summary links the field"
    );
    assert!(page.contains("href=\"#days_off-14-names-en\""));
    assert!(page.contains("href=\"#days_off-14-act-kk\""));
    assert!(
        page.contains("value=\"31.12.2027\" aria-invalid=\"true\""),
        "what was typed stays"
    );
    assert!(page.contains("Дополнительный выходной"));

    set(&mut form, "days_off[14].date", "2027-12-31");
    set(&mut form, "days_off[14].names.en", "Additional day off");
    for lang in ["kk", "ru", "en"] {
        set(
            &mut form,
            &format!("days_off[14].act.{lang}"),
            "Resolution No. 900",
        );
    }
    form.push(("confirmed".to_owned(), "on".to_owned()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let answer = admin.post_form(action, &pairs).await;
    assert_eq!(see_other(&answer), "/admin/calendar?year=2027&saved=1");
    let (_, html) = admin.get("/admin/calendar?year=2027&saved=1&lang=en").await;
    assert!(listing(&html).contains("Additional day off"), "{html}");
    assert!(html.contains("tag-confirmed"));
    let calendar = app.service().calendar.current();
    assert!(calendar.is_confirmed(2027));
    assert!(!calendar.is_working_day(jiff::civil::date(2027, 12, 31)));
    assert!(
        !html.contains("class=\"banner\""),
        "2027 confirmed: no banner in November 2026"
    );
}

crate::on_both_backends!(
    the_page_edits_a_year,
    calendar_page_edit_sqlite,
    calendar_page_edit_postgres
);
