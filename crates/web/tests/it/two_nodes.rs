//! Two nodes on one PostgreSQL database, each with its own pools, files adapter and seal, every
//! request to the other node in turn: the sign-in code sent by A is confirmed on B, a file
//! uploaded on A is downloaded on B, and after a seal rotation made on B (and picked up by A's
//! reload) the certificate A seals verifies with B's published keys, by the new key. Once with
//! the files in the database, once in S3 (`crate::s3`).

use std::sync::Arc;

use axum::http::StatusCode;
use jiff::SignedDuration;
use kandas_app::ports::Files;
use kandas_store::SqlStore;
use kandas_testkit::TestApp;
use serde_json::json;

use crate::support::{
    PDF, Part, attach_required, draft_with_form, pdf, review, sign_by_sms, sign_off, upload,
};

const APPLICANT: &str = "900101300811";

/// Sends harmless reads until node `node` is the one the next request goes to: every request
/// still goes to the next node in turn, and the one that matters lands where the test wants.
async fn next_on(app: &TestApp, node: usize) {
    while app.upcoming_node() != node {
        let (status, _, _) = app.request("GET", "/healthz", None, None).await;
        assert_eq!(status, StatusCode::OK);
    }
}

/// The journey across `app`'s two nodes (A is node 0, B node 1), every request to the other
/// node than the one before.
pub(crate) async fn one_journey_on_two_nodes(app: &TestApp) {
    assert_eq!(app.node_count(), 2);
    // The code A sent, confirmed on B (the next request).
    next_on(app, 0).await;
    let body = json!({ "iin": APPLICANT, "password": kandas_store::demo::PASSWORD });
    let (status, _, challenge) = app
        .request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    app.drain().await;
    let code = app.last_code(APPLICANT).await;
    assert_eq!(app.upcoming_node(), 1);
    let body = json!({ "challenge_id": challenge["challenge_id"], "code": code });
    let (status, _, signed_in) = app
        .request("POST", "/api/v1/auth/login/confirm", Some(body), None)
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a code sent by A, confirmed on B: {signed_in}"
    );
    let token = signed_in["token"].as_str().unwrap().to_owned();
    let (status, _, me) = app.request("GET", "/api/v1/me", None, Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "B's session on A: {me}");

    // The draft, its form and its checklist in turn; one more file uploaded on A, downloaded
    // on B.
    let (token, id, version) = draft_with_form(app, APPLICANT).await;
    let version = attach_required(app, &token, &id, version).await;
    next_on(app, 0).await;
    let part = Part {
        document_type: "personal_history",
        member: None,
        file_name: "history-2.pdf",
        bytes: PDF,
    };
    let (status, uploaded) = upload(app, &token, &id, version, part).await;
    assert_eq!(status, StatusCode::CREATED, "{uploaded}");
    let attachment = uploaded["attachment"]["id"].as_str().unwrap().to_owned();
    assert_eq!(app.upcoming_node(), 1);
    let (_, bytes) = pdf(
        app,
        &format!("/api/v1/applications/{id}/attachments/{attachment}"),
        &token,
    )
    .await;
    assert_eq!(bytes, PDF, "uploaded on A, downloaded on B");
    sign_by_sms(app, &token, &id, APPLICANT).await;

    // B rotates the seal; A's next reload picks it up before the new key takes over.
    let rotation = app
        .keyring_of(1)
        .rotate_seal(app.service().now(), SignedDuration::from_secs(60))
        .await
        .unwrap();
    assert!(app.seal_of(0).reload(app.keyring_of(0)).await.unwrap());
    assert!(app.seal_of(1).reload(app.keyring_of(1)).await.unwrap());
    app.clock.advance(SignedDuration::from_mins(2));

    // The officer's review and decision in turn; the head's sign-off lands on A (its sign-in
    // takes two requests, so the sign-off goes where the sign-in began).
    let decision = json!({ "outcome": "assign", "grounds": [], "comment": "" });
    let (officer, version) = review(app, &id, &decision).await;
    let mut body = decision.clone();
    body["version"] = json!(version);
    let path = format!("/api/v1/staff/applications/{id}/decision");
    let (status, _, proposed) = app.request("POST", &path, Some(body), Some(&officer)).await;
    assert_eq!(status, StatusCode::OK, "{proposed}");
    next_on(app, 0).await;
    let decided = sign_off(app, &id, &proposed["version"]).await;
    assert_eq!(decided["status"], "assigned", "{decided}");
    let number = decided["result"]["certificate"]
        .as_str()
        .unwrap()
        .to_owned();

    // The certificate A sealed verifies with B's published keys, by the key B made.
    let token = app.sign_in(APPLICANT).await;
    let (_, certificate) = pdf(app, &format!("/api/v1/applications/{id}/result"), &token).await;
    let codes = kandas_documents::inspect::qr_codes(&certificate).unwrap();
    next_on(app, 1).await;
    let keys = crate::seal::published_keys(app).await;
    let verified = kandas_seal::verify_text(&keys, &codes[0]).unwrap();
    assert_eq!(verified.claims.number, number);
    assert_eq!(
        verified.kid, rotation.new,
        "sealed by A with the key B made"
    );
    assert_eq!(keys.keys().len(), 2, "the retired key stays published");
    // Its check code, made by A, opens the public check on either node.
    let text = kandas_documents::inspect::text(&certificate).unwrap();
    let code = crate::seal::printed_code(&text).replace(' ', "");
    let uri = format!("/api/v1/certificates/{number}?code={code}");
    for _ in 0..2 {
        let (status, _, public) = app.request("GET", &uri, None, None).await;
        assert_eq!(status, StatusCode::OK, "{public}");
    }
}

fn database_files(store: &SqlStore) -> Arc<dyn Files> {
    Arc::new(store.files())
}

#[tokio::test]
async fn two_nodes_with_the_files_in_the_database() {
    let Some(app) = TestApp::postgres_nodes(2, database_files).await else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the two-node journey");
        return;
    };
    one_journey_on_two_nodes(&app).await;
}

/// The `Files` contract on the S3 adapter: put, replace, read, list, delete, bad keys refused.
async fn s3_keeps_the_contract(files: &kandas_integrations::S3Files) {
    assert_eq!(files.get("a1-b2").await.unwrap(), None);
    files.put("a1-b2", b"%PDF-1.7 first").await.unwrap();
    files.put("a1-b2", b"second").await.unwrap();
    files.put("empty", b"").await.unwrap();
    assert_eq!(
        files.get("a1-b2").await.unwrap().as_deref(),
        Some(&b"second"[..])
    );
    assert_eq!(files.get("empty").await.unwrap().as_deref(), Some(&b""[..]));
    assert_eq!(files.keys().await.unwrap(), vec!["a1-b2", "empty"]);
    files.delete("a1-b2").await.unwrap();
    files.delete("a1-b2").await.unwrap();
    assert_eq!(files.get("a1-b2").await.unwrap(), None);
    for key in ["", "../etc/passwd", "a/b", "A1", "a.pdf", &"a".repeat(129)] {
        assert!(files.put(key, b"x").await.is_err(), "{key:?}");
        assert!(files.get(key).await.is_err(), "{key:?}");
    }
}

#[tokio::test]
async fn two_nodes_with_the_files_in_s3() {
    let Some(server) = kandas_testkit::s3::S3Server::start().await else {
        eprintln!("KANDAS_TEST_S3_SERVER is not set: skipping the S3 runs");
        return;
    };
    let contract = kandas_integrations::S3Files::new(&server.config("contract")).unwrap();
    s3_keeps_the_contract(&contract).await;
    let config = server.config("nodes");
    let Some(app) = TestApp::postgres_nodes(2, |_: &SqlStore| -> Arc<dyn Files> {
        Arc::new(kandas_integrations::S3Files::new(&config).unwrap())
    })
    .await
    else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the two-node journey");
        return;
    };
    one_journey_on_two_nodes(&app).await;
    let nodes = kandas_integrations::S3Files::new(&config).unwrap();
    assert_eq!(
        nodes.keys().await.unwrap().len(),
        4,
        "the four attachments (the checklist's three and one more), in the bucket"
    );
}
