//! The commission's protocol as a PDF: the officer's and the applicant's, through the API and
//! the pages; 409 until the commission has sat; every read audited.

use axum::body::Body;
use axum::http::header::COOKIE;
use axum::http::{Request, StatusCode};
use kandas_app::ports::store::AuditQuery;
use kandas_domain::ids::ApplicationId;
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::pages_journey::sign_in;
use crate::support::{HEAD, OFFICER, review, submit_assignment};

/// `GET path` with the bearer `token`: status, content type and body.
async fn fetch(app: &TestApp, path: &str, token: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::builder()
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = app.send(request).await;
    let kind = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, kind, body)
}

/// The PDF's text, whitespace squeezed; it must carry the sitting as `review` recorded it.
#[track_caller]
fn assert_protocol(pdf: &[u8]) {
    let text = kandas_documents::inspect::text(pdf).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for piece in [
        "КОМИССИЯ ОТЫРЫСЫНЫҢ ХАТТАМАСЫ",
        "ПРОТОКОЛ ЗАСЕДАНИЯ КОМИССИИ",
        "№ П-7",
        "Сейтқазиева Ақбөпе",
        "Жұмабеков Ерлан",
        "Серікбаев Ерлан Маратұлы",
        "Өтініш беруші / Заявитель",
        "Серікбаева Айгүл",
        "Жұбайы / Супруг(а)",
        "Ерланұлы Алихан",
        "Ұсыным: қандас мәртебесін беру",
        "Рекомендация: присвоить статус кандаса",
        "archive://leb-astana/7",
        &"ab".repeat(32),
    ] {
        assert!(text.contains(piece), "{piece:?} is not in:\n{text}");
    }
}

async fn protocol_pdfs(app: &TestApp) {
    let (token, id) = submit_assignment(app).await;
    let own = format!("/api/v1/applications/{id}/protocol");
    let staff = format!("/api/v1/staff/applications/{id}/protocol");
    let officer = app.sign_in(OFFICER).await;

    // No commission has sat yet.
    for (path, token) in [(&own, &token), (&staff, &officer)] {
        let (status, _, body) = fetch(app, path, token).await;
        assert_eq!(status, StatusCode::CONFLICT, "{path}");
        let error: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(error["error"]["code"], "review.no-protocol", "{error}");
    }

    review(app, &id, &json!({ "outcome": "assign" })).await;
    for (path, token) in [(&own, &token), (&staff, &officer)] {
        let (status, kind, pdf) = fetch(app, path, token).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(kind, "application/pdf");
        assert_protocol(&pdf);
    }
    // Another person's application stays hidden.
    let stranger = app.sign_in(HEAD).await;
    assert_eq!(fetch(app, &own, &stranger).await.0, StatusCode::NOT_FOUND);

    let query = AuditQuery {
        subject: None,
        application: Some(ApplicationId::parse(&id).unwrap()),
        limit: 100,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    for action in ["staff.read-protocol", "application.download-protocol"] {
        assert!(trail.iter().any(|r| r.action.code() == action), "{action}");
    }

    // The pages link it where the commission is shown, and serve it to the signed-in browser.
    for (iin, page) in [
        (OFFICER, format!("/staff/applications/{id}")),
        ("900101300811", format!("/applications/{id}")),
    ] {
        let mut browser = sign_in(app, iin).await;
        let (status, html) = browser.get(&page).await;
        assert_eq!(status, StatusCode::OK);
        let link = format!("{page}/protocol");
        assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
        let session = browser.cookie("kandas_session").unwrap();
        let request = Request::builder()
            .uri(&link)
            .header(COOKIE, format!("kandas_session={session}"))
            .body(Body::empty())
            .unwrap();
        let (status, headers, pdf) = app.send(request).await;
        assert_eq!(status, StatusCode::OK, "{link}");
        assert_eq!(headers["content-type"], "application/pdf");
        assert_protocol(&pdf);
    }
}

crate::on_both_backends!(protocol_pdfs, protocol_on_sqlite, protocol_on_postgres);

/// Before the commission the applicant's page offers no protocol.
async fn no_link_before_the_commission(app: &TestApp) {
    let (_, id) = submit_assignment(app).await;
    let mut browser = sign_in(app, "900101300811").await;
    let (status, html) = browser.get(&format!("/applications/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("/protocol"), "{html}");
}

crate::on_both_backends!(
    no_link_before_the_commission,
    protocol_link_waits_on_sqlite,
    protocol_link_waits_on_postgres
);
