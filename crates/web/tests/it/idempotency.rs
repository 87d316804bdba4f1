//! Idempotency keys as Stripe has them: the same request again answers what the first did
//! without doing or auditing it again; the key for another request (another body, another case)
//! is 422 `idempotency.mismatch` and the other request can still be made with its own key; a
//! key over 255 characters is `idempotency.key`; after 24 hours a key is new.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::desk::audited;
use crate::support::{review, submit_assignment};

const APPLICANT: &str = "900101300811";

/// A POST with a bearer token and an `Idempotency-Key`.
async fn post(
    app: &TestApp,
    token: &str,
    path: &str,
    body: &Value,
    key: &str,
) -> (StatusCode, Value) {
    let request = Request::builder()
        .method("POST")
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

pub async fn a_key_stands_for_one_request(app: &TestApp) {
    let token = app.sign_in(APPLICANT).await;
    let create = "/api/v1/applications";
    let assignment = json!({ "kind": "assignment" });
    let (status, first) = post(app, &token, create, &assignment, "order-1").await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, again) = post(app, &token, create, &assignment, "order-1").await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(again["id"], first["id"], "the same draft");
    // The draft changes; a replay still answers the first answer, byte for byte.
    let path = format!(
        "/api/v1/applications/{}/form",
        first["id"].as_str().unwrap()
    );
    let form = json!({ "version": first["version"], "form": crate::support::form() });
    let (status, _, saved) = app.request("PUT", &path, Some(form), Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_ne!(saved["version"], first["version"]);
    let (status, replayed) = post(app, &token, create, &assignment, "order-1").await;
    assert_eq!(status, StatusCode::CREATED, "{replayed}");
    assert_eq!(
        replayed, first,
        "the original body, not the draft as it is now"
    );
    let extension = json!({ "kind": "extension" });
    let (status, json) = post(app, &token, create, &extension, "order-1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "idempotency.mismatch");
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Idempotency-Key"))
    );
    let long = "k".repeat(256);
    let (status, json) = post(app, &token, create, &assignment, &long).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "idempotency.key");
    let (status, json) = post(app, &token, create, &assignment, &"k".repeat(255)).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    // A day and an hour later the key is new: a new draft.
    app.clock.advance(jiff::SignedDuration::from_hours(25));
    let token = app.sign_in(APPLICANT).await;
    let (status, later) = post(app, &token, create, &assignment, "order-1").await;
    assert_eq!(status, StatusCode::CREATED, "{later}");
    assert_ne!(later["id"], first["id"]);
}

pub async fn a_decision_key_is_not_another_cases(app: &TestApp) {
    let (_, a) = submit_assignment(app).await;
    let (_, b) = submit_assignment(app).await;
    let (officer, version_a) = review(app, &a, &json!({ "outcome": "assign" })).await;
    let (_, version_b) = review(app, &b, &json!({ "outcome": "assign" })).await;
    let decision = |version: i64| json!({ "outcome": "assign", "version": version });
    let path = |id: &str| format!("/api/v1/staff/applications/{id}/decision");
    let (status, proposed) = post(app, &officer, &path(&a), &decision(version_a), "decide-1").await;
    assert_eq!(status, StatusCode::OK, "{proposed}");
    assert!(proposed["review"]["proposal"].is_object(), "{proposed}");

    // The same decision again: the case as decided, no new proposal and no new audited read.
    let reads = audited(app, &a, "staff.read-case").await;
    let (status, replayed) = post(app, &officer, &path(&a), &decision(version_a), "decide-1").await;
    assert_eq!(status, StatusCode::OK, "{replayed}");
    assert_eq!(replayed, proposed, "the original answer");
    assert_eq!(audited(app, &a, "staff.read-case").await, reads);
    assert_eq!(audited(app, &a, "application.propose").await, 1);

    // The key on the other case is refused, and that case is still to be decided.
    let (status, json) = post(app, &officer, &path(&b), &decision(version_b), "decide-1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "idempotency.mismatch");
    assert_eq!(audited(app, &b, "application.propose").await, 0);
    let (status, json) = post(app, &officer, &path(&b), &decision(version_b), "decide-2").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert!(json["review"]["proposal"].is_object(), "{json}");
    // Another decision under the first case's key is refused too.
    let other = json!({ "outcome": "assign", "comment": "другое решение", "version": version_a });
    let (status, json) = post(app, &officer, &path(&a), &other, "decide-1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "idempotency.mismatch");
}

crate::on_both_backends!(
    a_key_stands_for_one_request,
    one_request_per_key_on_sqlite,
    one_request_per_key_on_postgres
);
crate::on_both_backends!(
    a_decision_key_is_not_another_cases,
    decision_keys_on_sqlite,
    decision_keys_on_postgres
);
