//! Uploads are read a few at a time: with every place taken, one more is answered a translated
//! 503 with `Retry-After` before its body is read, and goes through once a place is free.

use axum::http::StatusCode;
use kandas_testkit::{PDF, TestApp};
use kandas_web::upload::UploadGate;

use crate::support::{Part, draft_with_form, upload};

#[tokio::test]
async fn an_upload_beyond_the_cap_waits_its_turn() {
    let mut app = TestApp::sqlite().await;
    app.state.uploads = UploadGate::new(1);
    let (token, id, version) = draft_with_form(&app, "900101300811").await;
    let part = || Part {
        document_type: "personal_history",
        member: None,
        file_name: "history.pdf",
        bytes: PDF,
    };
    let in_progress = app.state.uploads.enter().unwrap();
    let (status, json) = upload(&app, &token, &id, version, part()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{json}");
    assert_eq!(json["error"]["code"], "service.unavailable");
    drop(in_progress);
    let (status, json) = upload(&app, &token, &id, version, part()).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
}
