//! Terms over years the calendar does not confirm: a filing on 30 December 2027 runs into the
//! statutory 2028 holidays and says its calendar is not confirmed; a filing years ahead still
//! gets a deadline; and the administrators' weekly reminder from 1 October.

use axum::http::StatusCode;
use jiff::{SignedDuration, Timestamp};
use kandas_testkit::TestApp;
use serde_json::json;

use crate::calendar_admin::ADMIN;
use crate::support::{submit_assignment, view};

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn a_filing_on_30_december_2027_is_computed_and_unconfirmed(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    let confirmed = view(app, &token, &id).await;
    assert_eq!(
        confirmed["deadline"]["calendar_confirmed"], true,
        "{confirmed}"
    );

    // Thu 30 Dec 2027, 10:00 in Almaty: Fri 31 (1); 1–2 January 2028 (Sat, Sun) move to Mon 3
    // and Tue 4; Wed 5 (2), Thu 6 (3).
    app.clock.set(at("2027-12-30T05:00:00Z"));
    let (token, id) = submit_assignment(app).await;
    let case = view(app, &token, &id).await;
    let deadline = &case["deadline"];
    assert_eq!(deadline["accepted"], "2027-12-30", "{case}");
    assert_eq!(deadline["due"], "2028-01-06");
    assert_eq!(deadline["calendar_confirmed"], false);
    // The applicant's page says so in words.
    let mut applicant = crate::pages_journey::sign_in(app, "900101300811").await;
    let (status, html) = applicant.get(&format!("/applications/{id}?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("6 January 2028"), "{html}");
    assert!(html.contains("The working calendar for these days is not confirmed yet"));
    // And the officer's.
    let mut officer = crate::pages_journey::sign_in(app, crate::support::OFFICER).await;
    let (status, html) = officer
        .get(&format!("/staff/applications/{id}?lang=ru"))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Производственный календарь на эти дни ещё не подтверждён"));
}

crate::on_both_backends!(
    a_filing_on_30_december_2027_is_computed_and_unconfirmed,
    december_2027_sqlite,
    december_2027_postgres
);

async fn a_filing_years_ahead_gets_its_deadline(app: &TestApp) {
    // Mon 17 Mar 2031 is the day off for Constitution Day (Sat 15 Mar): accepted Tue 18;
    // Wed 19, Thu 20, then Nauryz (Fri 21, and Mon 24, Tue 25 for its weekend), Wed 26.
    app.clock.set(at("2031-03-17T05:00:00Z"));
    let (token, id) = submit_assignment(app).await;
    let case = view(app, &token, &id).await;
    assert_eq!(case["deadline"]["accepted"], "2031-03-18", "{case}");
    assert_eq!(case["deadline"]["due"], "2031-03-26");
    assert_eq!(case["deadline"]["calendar_confirmed"], false);
}

crate::on_both_backends!(
    a_filing_years_ahead_gets_its_deadline,
    years_ahead_sqlite,
    years_ahead_postgres
);

async fn reminder_texts(app: &TestApp) -> Vec<String> {
    app.drain().await;
    let inbox = app.service().store.dev_sms().await.unwrap();
    inbox
        .into_iter()
        .map(|s| s.text)
        .filter(|t| t.contains("өндірістік күнтізбе расталмаған"))
        .collect()
}

/// From 1 October, and not before, the administrators are reminded that next year's calendar is
/// not confirmed: once a week, until it is.
async fn administrators_are_reminded_weekly_from_1_october(app: &TestApp) {
    let remind = || kandas_app::calendar::remind_unconfirmed(app.service());
    app.clock.set(at("2026-09-30T12:00:00Z"));
    assert!(!remind().await.unwrap(), "not before 1 October");
    app.clock.set(at("2026-10-01T04:00:00Z"));
    assert!(remind().await.unwrap(), "from 1 October");
    assert!(!remind().await.unwrap(), "once a week");
    app.clock.advance(SignedDuration::from_hours(6 * 24));
    assert!(!remind().await.unwrap(), "still the first week");
    let texts = reminder_texts(app).await;
    assert_eq!(texts.len(), 1, "the one administrator: {texts:?}");
    assert!(
        texts[0].contains("2027") && texts[0].contains(" / "),
        "kk / ru: {texts:?}"
    );
    app.clock.advance(SignedDuration::from_hours(24));
    assert!(remind().await.unwrap(), "the second week");
    assert_eq!(reminder_texts(app).await.len(), 2);

    // Confirmed: no more reminders about it.
    app.clock.set(at("2026-11-23T05:00:00Z"));
    let admin = app.sign_in(ADMIN).await;
    let path = "/api/v1/admin/calendar/2027";
    let (_, _, year) = app.request("GET", path, None, Some(&admin)).await;
    let body = json!({ "confirmed": true, "note": year["note"], "days_off": year["days_off"],
                       "working_days": year["working_days"] });
    let (status, _, saved) = app.request("PUT", path, Some(body), Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["confirmed"], true);
    app.clock.set(at("2026-12-10T04:00:00Z"));
    assert!(!remind().await.unwrap(), "not for a confirmed year");
    assert_eq!(reminder_texts(app).await.len(), 2);
    // The next autumn asks for 2028.
    app.clock.set(at("2027-10-01T04:00:00Z"));
    assert!(remind().await.unwrap());
    assert!(reminder_texts(app).await.iter().any(|t| t.contains("2028")));
}

crate::on_both_backends!(
    administrators_are_reminded_weekly_from_1_october,
    calendar_reminder_sqlite,
    calendar_reminder_postgres
);
