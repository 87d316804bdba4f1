//! The page forms are typed: what a map of fields silently took (an input posted twice, last
//! one wins; a version that is no number, read as "stale") is refused with the translated 422
//! page, and nothing is saved. Lines read pair by pair (the calendar's rows) refuse the same.

use axum::http::StatusCode;
use kandas_testkit::TestApp;

use crate::browser::{csrf, hidden, see_other};
use crate::pages_journey::sign_in;

const APPLICANT: &str = "900101300811";

/// The message of the 422 page, in Russian (the sign-in's language).
fn refused() -> String {
    kandas_i18n::text("ru", "request.invalid")
}

async fn answers_refuse_what_does_not_fit(app: &TestApp) {
    let mut b = sign_in(app, APPLICANT).await;
    let (_, html) = b.get("/order").await;
    let answer = b.submit(&html, "/order", &[("kind", "assignment")]).await;
    let id = see_other(&answer)
        .strip_prefix("/applications/")
        .unwrap()
        .to_owned();
    let path = format!("/applications/{id}/form");
    let (_, html) = b.get(&path).await;
    let version = hidden(&html, "version").unwrap();

    let twice = [("address", "ул. Первая, 1"), ("address", "ул. Вторая, 2")];
    let (status, _, page) = b.submit(&html, &path, &twice).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(&refused()), "translated: {page}");

    let token = csrf(&html);
    let not_a_number = [
        ("csrf", token.as_str()),
        ("version", "latest"),
        ("address", "ул. Третья, 3"),
    ];
    let (status, _, page) = b.post_form(&path, &not_a_number).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(&refused()), "translated: {page}");

    // A forged post is still refused as forged, whatever its shape.
    let forged = [
        ("version", version.as_str()),
        ("address", "x"),
        ("address", "y"),
    ];
    let (status, _, _) = b.post_form(&path, &forged).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (_, html) = b.get(&path).await;
    assert_eq!(hidden(&html, "version"), Some(version), "nothing was saved");
    for street in ["Первая", "Вторая", "Третья"] {
        assert!(!html.contains(street), "{street} was not saved");
    }

    // The same step posted once, as a browser does, is saved (303).
    let once = [("address", "ул. Первая, 1")];
    let answer = b.submit(&html, &path, &once).await;
    assert_eq!(answer.0, StatusCode::SEE_OTHER, "{}", answer.2);
}

async fn calendar_rows_refuse_a_second_value(app: &TestApp) {
    let mut admin = sign_in(app, crate::calendar_admin::ADMIN).await;
    let (_, html) = admin.get("/admin/calendar?year=2027").await;
    let action = "/admin/calendar/2027";
    let token = csrf(&html);
    let pairs = [
        ("csrf", token.as_str()),
        ("days_off[0].date", "2027-01-01"),
        ("days_off[0].date", "2027-12-31"),
    ];
    let (status, _, page) = admin.post_form(action, &pairs).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(&refused()), "translated: {page}");
    let (_, again) = admin.get("/admin/calendar?year=2027").await;
    assert!(!again.contains("2027-12-31"), "nothing was saved");
}

async fn typed_forms(app: &TestApp) {
    answers_refuse_what_does_not_fit(app).await;
    calendar_rows_refuse_a_second_value(app).await;
}

crate::on_both_backends!(typed_forms, typed_forms_sqlite, typed_forms_postgres);
