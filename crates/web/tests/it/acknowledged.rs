//! One transaction per acknowledgement: the signing code is spent in the transaction that
//! submits, registers and writes the outbox. A fault injected after the code was checked and
//! before the commit (a trigger that fails the transaction half-way, as a crash or a full disk
//! would) leaves the draft a draft and the code usable: the same code then submits it.

use axum::http::StatusCode;
use kandas_testkit::TestApp;
use kandas_testkit::sql::exec;
use serde_json::json;
use sqlx::AnyPool;

use crate::support::{attach_required, draft_with_form, view};

const APPLICANT: &str = "900101300811";

/// The transaction that keeps the signature's evidence fails: after the code check, before
/// the commit.
async fn fail_before_commit(app: &TestApp, pool: &AnyPool) {
    if app.database_url().starts_with("postgres") {
        exec(
            pool,
            "CREATE FUNCTION injected_crash() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'injected crash'; END $$; \
             CREATE TRIGGER injected_crash BEFORE INSERT ON evidence \
             FOR EACH ROW EXECUTE FUNCTION injected_crash();",
        )
        .await;
    } else {
        exec(
            pool,
            "CREATE TRIGGER injected_crash BEFORE INSERT ON evidence \
             BEGIN SELECT RAISE(ABORT, 'injected crash'); END;",
        )
        .await;
    }
}

async fn heal(app: &TestApp, pool: &AnyPool) {
    if app.database_url().starts_with("postgres") {
        exec(pool, "DROP TRIGGER injected_crash ON evidence").await;
    } else {
        exec(pool, "DROP TRIGGER injected_crash").await;
    }
}

async fn a_failed_submission_leaves_the_code_usable(app: &TestApp) {
    let (token, id, version) = draft_with_form(app, APPLICANT).await;
    attach_required(app, &token, &id, version).await;
    let path = format!("/api/v1/applications/{id}");
    let (status, _, json) = app
        .request("POST", &format!("{path}/sign/sms"), None, Some(&token))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{json}");
    app.drain().await;
    let code = json!({ "code": app.last_code(APPLICANT).await });
    let confirm = format!("{path}/sign/sms/confirm");
    let pool = app.raw_pool().await;
    fail_before_commit(app, &pool).await;
    let (status, _, json) = app
        .request("POST", &confirm, Some(code.clone()), Some(&token))
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{json}");
    assert_eq!(view(app, &token, &id).await["status"], "draft");
    heal(app, &pool).await;
    let (status, _, json) = app
        .request("POST", &confirm, Some(code.clone()), Some(&token))
        .await;
    assert_eq!(status, StatusCode::OK, "the code was not spent: {json}");
    assert_eq!(json["status"], "registered");
    // Spent now, with the submission: the same code again changes nothing.
    let (status, _, json) = app
        .request("POST", &confirm, Some(code), Some(&token))
        .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["status"], "registered");
}

crate::on_both_backends!(
    a_failed_submission_leaves_the_code_usable,
    a_failed_submission_leaves_the_code_usable_sqlite,
    a_failed_submission_leaves_the_code_usable_postgres
);
