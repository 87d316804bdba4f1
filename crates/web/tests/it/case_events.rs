//! The case's own history (issue 13): the timeline the applicant and the officer see is read
//! from the case's events, so however often staff read the case it stays the same; and it
//! names every step of the review.

use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{OFFICER, call, review_and_decide, submit_assignment, view};

on_both_backends!(
    the_timeline_survives_300_reads_by_the_officer,
    sqlite_the_timeline_survives_300_reads_by_the_officer,
    postgres_the_timeline_survives_300_reads_by_the_officer
);

fn actions(view: &Value) -> Vec<String> {
    view["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

async fn the_timeline_survives_300_reads_by_the_officer(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    review_and_decide(app, &id, json!({ "outcome": "assign" })).await;
    let before = view(app, &token, &id).await;
    let lines = actions(&before);
    for expected in [
        "create",
        "submit",
        "accept",
        "commission",
        "propose",
        "decide",
    ] {
        assert!(lines.iter().any(|l| l == expected), "{expected}: {lines:?}");
    }
    let kinds: Vec<&str> = before["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"created"), "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"decided"), "{kinds:?}");
    let officer = app.sign_in(OFFICER).await;
    let path = format!("/api/v1/staff/applications/{id}");
    for _ in 0..300 {
        let (status, _) = call(app, "GET", &path, None, &officer).await;
        assert_eq!(status, axum::http::StatusCode::OK);
    }
    let after = view(app, &token, &id).await;
    assert_eq!(
        after["timeline"], before["timeline"],
        "unchanged after 300 reads"
    );
    let (_, staff) = call(app, "GET", &path, None, &officer).await;
    assert_eq!(
        staff["timeline"], before["timeline"],
        "the officer sees the same"
    );
}
