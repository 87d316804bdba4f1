//! Quotas keep one person from filling the disk: files and bytes per application, open drafts
//! per applicant, each refused past the limit with its translated reason, and room again once
//! a file is removed or a draft withdrawn.

use axum::http::StatusCode;
use kandas_app::service::Quotas;
use kandas_testkit::{PDF, TestApp};
use serde_json::{Value, json};

use crate::support::{Part, upload};

const APPLICANT: &str = "900101300811";

fn with_quotas(mut app: TestApp) -> TestApp {
    app.state.service.limits.quotas = Quotas {
        files_per_application: 3,
        // Two of the sample files fit, a third does not.
        bytes_per_application: 2 * PDF.len() as u64 + 10,
        open_drafts_per_applicant: 2,
    };
    app
}

async fn create(app: &TestApp, token: &str) -> (StatusCode, Value) {
    let body = json!({ "kind": "assignment" });
    let (status, _, json) = app
        .request("POST", "/api/v1/applications", Some(body), Some(token))
        .await;
    (status, json)
}

fn pdf(document_type: &str) -> Part<'_> {
    Part {
        document_type,
        member: None,
        file_name: "scan.pdf",
        bytes: PDF,
    }
}

async fn quotas_hold(app: TestApp) {
    let app = with_quotas(app);
    let token = app.sign_in(APPLICANT).await;
    let (status, first) = create(&app, &token).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, second) = create(&app, &token).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    let (status, third) = create(&app, &token).await;
    assert_eq!(status, StatusCode::CONFLICT, "{third}");
    assert_eq!(third["error"]["code"], "application.too-many-drafts");
    assert!(
        third["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("заявлен")),
        "translated: {third}"
    );

    // Bytes: two files fit, the third would pass the application's bytes.
    let id = first["id"].as_str().unwrap();
    let mut version = first["version"].as_i64().unwrap();
    for document_type in ["personal_history", "nationality_proof"] {
        let (status, json) = upload(&app, &token, id, version, pdf(document_type)).await;
        assert_eq!(status, StatusCode::CREATED, "{json}");
        version = json["application"]["version"].as_i64().unwrap();
    }
    let (status, json) = upload(&app, &token, id, version, pdf("consent_decision")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "upload.application-bytes");
    assert_eq!(json["error"]["file"], "scan.pdf");

    // Files: with room for the bytes, the fourth file passes the application's files.
    let mut app = app;
    app.state.service.limits.quotas.bytes_per_application = 1024 * 1024;
    let (status, json) = upload(&app, &token, id, version, pdf("consent_decision")).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    version = json["application"]["version"].as_i64().unwrap();
    let (status, json) = upload(&app, &token, id, version, pdf("consent_decision")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "upload.application-full");

    // A withdrawn draft makes room for a new one.
    let path = format!(
        "/api/v1/applications/{}/withdraw",
        second["id"].as_str().unwrap()
    );
    let (status, _, json) = app
        .request("POST", &path, Some(json!({})), Some(&token))
        .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let (status, json) = create(&app, &token).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
}

#[tokio::test]
async fn quotas_hold_on_sqlite() {
    quotas_hold(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn quotas_hold_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    quotas_hold(app).await;
}
