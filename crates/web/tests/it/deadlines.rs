//! The head's warning one working day before a breach, and not before; across the May 2026
//! holidays (7 May, and 11 May for Victory Day on Saturday 9 May).

use jiff::Timestamp;
use kandas_testkit::TestApp;

use crate::support::{HEAD, submit_assignment, view};

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn warnings_for_head(app: &TestApp) -> Vec<serde_json::Value> {
    app.drain().await;
    let head = app.sign_in(HEAD).await;
    let (_, _, notes) = app
        .request("GET", "/api/v1/notifications", None, Some(&head))
        .await;
    notes
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["notice"]["notice"] == "deadline_warning")
        .cloned()
        .collect()
}

async fn the_head_is_warned_the_working_day_before(app: &TestApp) {
    // Registered on Wednesday 6 May 2026, 10:00: 7 May is a day off, so the three working days
    // are 8, 12 and 13 May (9–10 the weekend, 11 May the transfer of Victory Day).
    app.clock.set(at("2026-05-06T05:00:00Z"));
    let (token, id) = submit_assignment(app).await;
    assert_eq!(
        view(app, &token, &id).await["deadline"]["due"],
        "2026-05-13"
    );
    let warn = || kandas_app::deadlines::warn(app.service());
    for day in ["2026-05-06", "2026-05-08", "2026-05-11"] {
        app.clock.set(at(&format!("{day}T04:00:00Z")));
        assert_eq!(warn().await.unwrap(), 0, "not before: {day}");
    }
    assert!(warnings_for_head(app).await.is_empty());
    app.clock.set(at("2026-05-12T04:00:00Z"));
    assert_eq!(
        warn().await.unwrap(),
        1,
        "the working day before the due date"
    );
    assert_eq!(warn().await.unwrap(), 0, "once");
    let warnings = warnings_for_head(app).await;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["notice"]["due"], "2026-05-13");
    assert_eq!(warnings[0]["application"], id.as_str());
}

crate::on_both_backends!(
    the_head_is_warned_the_working_day_before,
    head_warning_sqlite,
    head_warning_postgres
);
