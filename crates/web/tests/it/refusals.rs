//! What the API refuses, and how: statuses, codes, fields, languages.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_app::Role;
use kandas_domain::office::OfficeCode;
use kandas_testkit::TestApp;
use serde_json::json;

use crate::support::{PNG, Part, draft_with_form, form, upload};

async fn sign_in_refusals(app: &TestApp) {
    let (status, _, json) = app
        .request(
            "POST",
            "/api/v1/auth/login",
            Some(json!({ "iin": "123", "password": "x" })),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert!(json["error"]["fields"]["iin"].is_object(), "{json}");

    let request = Request::builder()
        .method("POST")
        .uri("/api/v1/auth/login")
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body(Body::from("{\"iin\": "))
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["error"]["code"], "request.malformed-json", "{json}");

    let body = json!({ "iin": "931002451325", "password": kandas_store::demo::PASSWORD });
    let (_, _, sent) = app
        .request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    app.drain().await;
    let code = app.last_code("931002451325").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let confirm = |code: &str| json!({ "challenge_id": sent["challenge_id"], "code": code });
    for attempt in 1..=3 {
        let (status, _, json) = app
            .request(
                "POST",
                "/api/v1/auth/login/confirm",
                Some(confirm(wrong)),
                None,
            )
            .await;
        let expected = if attempt == 3 {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        assert_eq!(status, expected, "attempt {attempt}: {json}");
    }
    let (status, _, json) = app
        .request(
            "POST",
            "/api/v1/auth/login/confirm",
            Some(confirm(&code)),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{json}");
    assert_eq!(json["error"]["code"], "otp.locked");
}

async fn access_refusals(app: &TestApp) {
    let (token, id, version) = draft_with_form(app, "900101300811").await;
    let stale = json!({ "version": version - 1, "form": form() });
    let (status, _, json) = app
        .request(
            "PUT",
            &format!("/api/v1/applications/{id}/form"),
            Some(stale),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");

    let other = app.sign_in("931002451325").await;
    let (status, _, _) = app
        .request(
            "GET",
            &format!("/api/v1/applications/{id}"),
            None,
            Some(&other),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, json) = upload(
        app,
        &token,
        &id,
        version,
        Part {
            document_type: "personal_history",
            member: None,
            file_name: "scan.pdf",
            bytes: PNG,
        },
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "attachment.file-type");

    let iin = another_officer(app).await;
    let elsewhere = app.sign_in(&iin).await;
    let (status, _, _) = app
        .request(
            "GET",
            &format!("/api/v1/staff/applications/{id}"),
            None,
            Some(&elsewhere),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// An officer of Almaty's local executive body, with a phone in the registry (their IIN).
pub(crate) async fn another_officer(app: &TestApp) -> String {
    let iin = (0..10)
        .map(|d| format!("88010130002{d}"))
        .find(|i| kandas_domain::iin::Iin::parse(i).is_ok())
        .unwrap();
    let person = json!({ "persons": [{ "iin": iin, "surname": "Омаров", "given_name": "Асан", "surname_latin": "OMAROV",
        "given_name_latin": "ASAN", "birth_date": "1988-01-01", "sex": "male", "citizenship": "KAZ", "nationality": "kazakh",
        "phone": "+77059990011" }] });
    let import: kandas_store::RegistryImport = serde_json::from_value(person).unwrap();
    app.store.import_registry(&import).await.unwrap();
    let office = OfficeCode::parse("leb-almaty-city").unwrap();
    kandas_app::auth::add_demo_user(
        app.service(),
        &iin,
        kandas_store::demo::PASSWORD,
        vec![Role::Officer],
        Some(office),
    )
    .await
    .unwrap();
    iin
}

async fn language_and_sign_in_required(app: &TestApp) {
    let mut messages = Vec::new();
    for lang in ["kk", "ru"] {
        let request = Request::builder()
            .uri("/api/v1/applications")
            .header("accept-language", lang)
            .body(Body::empty())
            .unwrap();
        let (status, _, bytes) = app.send(request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["error"]["code"], "auth.required");
        assert_ne!(
            json["error"]["message"], "auth.required",
            "{lang} has no text for auth.required"
        );
        messages.push(json["error"]["message"].clone());
    }
    assert_ne!(messages[0], messages[1]);
}

/// An applicant is not staff: 403, and the attempt is in the audit trail.
async fn role_refusals(app: &TestApp) {
    let token = app.sign_in("900101300811").await;
    let (status, _, json) = app
        .request("GET", "/api/v1/staff/applications", None, Some(&token))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    let query = kandas_app::ports::store::AuditQuery {
        limit: 50,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    assert!(
        trail.iter().any(|r| r.action.code() == "access.refused"
            && r.actor_iin
                .as_ref()
                .is_some_and(|i| i.as_str() == "900101300811")),
        "{trail:?}"
    );
}

/// Codes are rate-limited per IIN: the sixth request in the window waits, and says how long.
async fn code_rate_limit(app: &TestApp) {
    let body = json!({ "iin": "870404300076", "password": kandas_store::demo::PASSWORD });
    for attempt in 1..=5 {
        let (status, _, json) = app
            .request("POST", "/api/v1/auth/login", Some(body.clone()), None)
            .await;
        assert_eq!(status, StatusCode::OK, "attempt {attempt}: {json}");
    }
    let (status, headers, json) = app
        .request("POST", "/api/v1/auth/login", Some(body.clone()), None)
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{json}");
    assert_eq!(json["error"]["code"], "request.too-many");
    assert_eq!(headers["retry-after"], "900");
    app.clock.advance(jiff::SignedDuration::from_secs(901));
    let (status, _, json) = app
        .request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    assert_eq!(status, StatusCode::OK, "after the window: {json}");
}

/// Guessing passwords is not free: after five wrong ones even the right one waits.
async fn password_guessing(app: &TestApp) {
    let login = |password: &str| json!({ "iin": "881115300022", "password": password });
    for attempt in 1..=5 {
        let (status, _, json) = app
            .request(
                "POST",
                "/api/v1/auth/login",
                Some(login(&format!("guess-{attempt}"))),
                None,
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}: {json}"
        );
        assert_eq!(json["error"]["code"], "auth.bad-credentials");
    }
    let right = login(kandas_store::demo::PASSWORD);
    let (status, headers, json) = app
        .request("POST", "/api/v1/auth/login", Some(right.clone()), None)
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{json}");
    assert!(headers.contains_key("retry-after"));
    app.clock.advance(jiff::SignedDuration::from_secs(901));
    let (status, _, json) = app
        .request("POST", "/api/v1/auth/login", Some(right), None)
        .await;
    assert_eq!(status, StatusCode::OK, "after the window: {json}");
}

/// The refusals, once per backend.
pub async fn refusals(app: &TestApp) {
    sign_in_refusals(app).await;
    access_refusals(app).await;
    language_and_sign_in_required(app).await;
    role_refusals(app).await;
    code_rate_limit(app).await;
    password_guessing(app).await;
}

crate::on_both_backends!(refusals, refusals_on_sqlite, refusals_on_postgres);
