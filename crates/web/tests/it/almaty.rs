//! One Almaty time zone (issue 12): half past seven in the evening UTC on 31 December is already
//! half past midnight on 1 January in Almaty, so an application signed then is numbered in the
//! new year and the cabinet says when, in Almaty time, with the new year's date.

use kandas_testkit::TestApp;

use crate::support::{page, submit_assignment};

async fn the_new_year_begins_at_midnight_in_almaty(app: &TestApp) {
    app.clock.set("2026-12-31T19:30:00Z".parse().unwrap());
    let (token, id) = submit_assignment(app).await;
    // The notice of the registration is delivered by a job.
    app.drain().await;
    let html = page(app, "/cabinet", &token).await;
    assert!(html.contains("KND-2027-000001"), "{html}");
    assert!(!html.contains("KND-2026-"), "{html}");
    // The notice of the registration, written out in Almaty time.
    assert!(html.contains("1 января 2027 г., 00:3"), "{html}");
    assert!(!html.contains("31 декабря 2026"), "{html}");
    let case = page(app, &format!("/applications/{id}"), &token).await;
    assert!(case.contains("KND-2027-000001"), "{case}");
}

crate::on_both_backends!(
    the_new_year_begins_at_midnight_in_almaty,
    the_new_year_begins_at_midnight_in_almaty_sqlite,
    the_new_year_begins_at_midnight_in_almaty_postgres
);
