//! Accounts: registration through the Mobile Citizens Database, code expiry and reuse,
//! sign-out, and the security headers of every answer.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use kandas_testkit::TestApp;
use serde_json::{Value, json};

const PASSWORD: &str = kandas_store::demo::PASSWORD;

/// POSTs JSON in English; answers status and JSON.
async fn post_en(app: &TestApp, path: &str, body: Value) -> (StatusCode, Value) {
    let request = Request::builder()
        .method("POST")
        .uri(path)
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, _, bytes) = app.send(request).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// A valid IIN of a man born on 5 May 1995 that nobody in the demo data has.
fn fresh_iin() -> String {
    (0..100)
        .find_map(|serial| {
            let first = format!("9505053{serial:04}");
            let digits: [u32; 11] = first
                .bytes()
                .map(|b| u32::from(b - b'0'))
                .collect::<Vec<_>>()
                .try_into()
                .unwrap();
            kandas_domain::iin::check_digit(&digits).map(|d| format!("{first}{d}"))
        })
        .unwrap()
}

/// A password the policy takes (10+ characters, not a common one, not personal).
const STRONG: &str = "Көктерек-тундик 7";

async fn registration(app: &TestApp) {
    // The demo password is published: the policy refuses it for a real account.
    let body = json!({ "iin": "920305400125", "password": PASSWORD });
    let (status, json) = post_en(app, "/api/v1/auth/register", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(
        json["error"]["fields"]["password"]["code"],
        "auth.password-common"
    );
    // In the population registry, but without a phone in the Mobile Citizens Database.
    let body = json!({ "iin": "920305400125", "password": STRONG });
    let (status, json) = post_en(app, "/api/v1/auth/register", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "otp.no-mobile-phone");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(message.contains("Mobile Citizens Database"), "{message}");

    let body = json!({ "iin": "920305400125", "password": "short" });
    let (status, json) = post_en(app, "/api/v1/auth/register", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert!(json["error"]["fields"]["password"].is_object(), "{json}");

    let body = json!({ "iin": "900101300811", "password": STRONG });
    let (status, json) = post_en(app, "/api/v1/auth/register", body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "auth.already-registered");

    let iin = fresh_iin();
    let person = json!({ "persons": [{ "iin": iin, "surname": "Тоқтаров", "given_name": "Дәурен",
        "surname_latin": "TOKTAROV", "given_name_latin": "DAUREN", "birth_date": "1995-05-05",
        "sex": "male", "citizenship": "UZB", "nationality": "kazakh", "phone": "+77071234589" }] });
    let import: kandas_store::RegistryImport = serde_json::from_value(person).unwrap();
    app.store.import_registry(&import).await.unwrap();

    let body = json!({ "iin": iin, "password": STRONG });
    let (status, sent) = post_en(app, "/api/v1/auth/register", body).await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    assert!(sent["challenge_id"].is_string(), "{sent}");
    assert_eq!(sent["phone_masked"], "+7 707 *** ** 89");
    app.drain().await;
    let code = app.last_code(&iin).await;
    let confirm = json!({ "challenge_id": sent["challenge_id"], "code": code });
    let (status, json) = post_en(app, "/api/v1/auth/register/confirm", confirm).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    assert_eq!(json["iin"], iin.as_str());

    let body = json!({ "iin": iin, "password": STRONG });
    let (status, sent) = post_en(app, "/api/v1/auth/login", body).await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    app.drain().await;
    let confirm =
        json!({ "challenge_id": sent["challenge_id"], "code": app.last_code(&iin).await });
    let (status, session) = post_en(app, "/api/v1/auth/login/confirm", confirm).await;
    assert_eq!(status, StatusCode::OK, "{session}");
    let token = session["token"].as_str().unwrap().to_owned();
    let (status, _, me) = app.request("GET", "/api/v1/me", None, Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["iin"], iin.as_str(), "{me}");
    assert_eq!(me["person"]["source"], "population_registry", "{me}");
    let shown = me["person"]["value"].to_string();
    assert!(
        shown.contains("Тоқтаров") && shown.contains("Дәурен"),
        "{me}"
    );
    assert_eq!(me["phone_masked"]["value"], "+7 707 *** ** 89", "{me}");
    assert_eq!(me["phone_masked"]["source"], "mobile_citizens", "{me}");
}

crate::on_both_backends!(
    registration,
    registration_on_sqlite,
    registration_on_postgres
);

/// Starts a login for `iin` and delivers the code; answers the challenge id and the code.
async fn login_code(app: &TestApp, iin: &str) -> (Value, String) {
    let body = json!({ "iin": iin, "password": PASSWORD });
    let (status, _, sent) = app
        .request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    app.drain().await;
    (sent["challenge_id"].clone(), app.last_code(iin).await)
}

async fn code_expiry_and_reuse(app: &TestApp) {
    let (challenge, code) = login_code(app, "900101300811").await;
    app.clock.advance(jiff::SignedDuration::from_secs(301));
    let body = json!({ "challenge_id": challenge, "code": code });
    let (status, json) = post_en(app, "/api/v1/auth/login/confirm", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "otp.expired");

    let (challenge, code) = login_code(app, "900101300811").await;
    let body = json!({ "challenge_id": challenge, "code": code });
    let (status, json) = post_en(app, "/api/v1/auth/login/confirm", body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert!(json["token"].is_string(), "{json}");
    let (status, json) = post_en(app, "/api/v1/auth/login/confirm", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_eq!(json["error"]["code"], "otp.used");
}

crate::on_both_backends!(
    code_expiry_and_reuse,
    code_expiry_and_reuse_on_sqlite,
    code_expiry_and_reuse_on_postgres
);

async fn sign_out(app: &TestApp) {
    let token = app.sign_in("900101300811").await;
    let (status, _, list) = app
        .request("GET", "/api/v1/applications", None, Some(&token))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let (status, _, json) = app
        .request("POST", "/api/v1/auth/logout", None, Some(&token))
        .await;
    assert!(status.is_success(), "{status}: {json}");
    let (status, _, json) = app
        .request("GET", "/api/v1/applications", None, Some(&token))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{json}");
    assert_eq!(json["error"]["code"], "auth.required");
}

crate::on_both_backends!(sign_out, sign_out_on_sqlite, sign_out_on_postgres);

/// GETs `path`, optionally with a request id and a token; answers status and headers.
async fn get(
    app: &TestApp,
    path: &str,
    request_id: Option<&str>,
    token: Option<&str>,
) -> (StatusCode, HeaderMap) {
    let mut builder = Request::builder().uri(path);
    if let Some(id) = request_id {
        builder = builder.header("x-request-id", id);
    }
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    let (status, headers, _) = app.send(builder.body(Body::empty()).unwrap()).await;
    (status, headers)
}

fn assert_security_headers(what: &str, headers: &HeaderMap) {
    assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(headers["x-frame-options"], "DENY", "{what}");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    let id = headers["x-request-id"].to_str().unwrap();
    assert!(
        !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
        "{what}: {id:?}"
    );
}

/// Headers do not depend on the database: SQLite is enough.
#[tokio::test]
async fn security_headers() {
    let app = TestApp::sqlite().await;
    let token = app.sign_in("900101300811").await;
    for (what, path, token) in [
        ("page", "/", None),
        ("API answer", "/api/v1/me", Some(token.as_str())),
        ("API error", "/api/v1/me", None),
    ] {
        let (status, headers) = get(&app, path, None, token).await;
        let expected = if what == "API error" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::OK
        };
        assert_eq!(status, expected, "{what}");
        assert_security_headers(what, &headers);

        // A client's id is ours to keep only when it is a UUID; `cli` or `abc-123` are not.
        let uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        let (_, headers) = get(&app, path, Some(uuid), token).await;
        assert_eq!(headers["x-request-id"], uuid, "{what}");
        assert_eq!(headers["cache-control"], "no-store", "{what}");
        for bad in [
            "a".repeat(100),
            "abc 123".to_owned(),
            "cli".to_owned(),
            "abc-123".to_owned(),
        ] {
            let (_, headers) = get(&app, path, Some(&bad), token).await;
            assert_security_headers(what, &headers);
            assert_ne!(headers["x-request-id"], bad.as_str(), "{what}");
        }
    }
}

/// An empty `X-Request-Id` is no id: it is replaced like any other malformed one, so that the
/// answer and the audit trail always carry an id to correlate by.
#[tokio::test]
async fn empty_request_id_is_replaced() {
    let app = TestApp::sqlite().await;
    let (_, headers) = get(&app, "/", Some(""), None).await;
    assert_security_headers("page with an empty request id", &headers);

    let request = Request::builder()
        .method("POST")
        .uri("/api/v1/auth/login")
        .header("content-type", "application/json")
        .header("x-request-id", "")
        .body(Body::from(
            json!({ "iin": "900101300811", "password": "not-the-password" }).to_string(),
        ))
        .unwrap();
    let (status, _, _) = app.send(request).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let query = kandas_app::ports::store::AuditQuery {
        subject: Some(kandas_domain::iin::Iin::parse("900101300811").unwrap()),
        limit: 10,
        ..Default::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    let refused = trail
        .iter()
        .find(|r| r.action.code() == "auth.login-refused")
        .unwrap();
    assert!(!refused.request_id.is_empty(), "{refused:?}");
}
