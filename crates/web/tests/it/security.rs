//! No way in through races, guessing, forged rows or defaults (issue 10), through the API:
//! concurrent code guesses get no more tries than there are; wrong passwords from two addresses
//! lock the IIN and tell its owner; a forged EDS sign-in leaves nothing in the named person's
//! trail; the API refuses a cookie another site sent; production cookies and headers; expired
//! nonces and codes are swept.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use kandas_app::ports::Clock as _;
use kandas_app::ports::store::AuditQuery;
use kandas_domain::iin::Iin;
use kandas_testkit::TestApp;
use serde_json::{Value, json};
use tower::ServiceExt as _;

const APPLICANT: &str = "900101300811";
const PASSWORD: &str = kandas_store::demo::PASSWORD;

fn post_from(path: &str, body: Value, ip: &str) -> Request<Body> {
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    request
}

async fn send(app: &TestApp, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let (status, headers, bytes) = app.send(request).await;
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

pub async fn trail_of(app: &TestApp, iin: &str) -> Vec<String> {
    let query = AuditQuery {
        subject: Some(Iin::parse(iin).unwrap()),
        limit: 1000,
        ..AuditQuery::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    trail
        .into_iter()
        .map(|r| r.action.code().to_owned())
        .collect()
}

/// A hundred guesses at once, the right code among them: at most three are judged.
async fn concurrent_code_guesses(app: &TestApp) {
    let body = json!({ "iin": APPLICANT, "password": PASSWORD });
    let (status, _, sent) = app
        .request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    app.drain().await;
    let right = app.last_code(APPLICANT).await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let guesses = (0..100).map(|n| {
        let code = if n == 57 {
            right.clone()
        } else {
            wrong.to_owned()
        };
        let body = json!({ "challenge_id": sent["challenge_id"], "code": code });
        let request = Request::builder()
            .method("POST")
            .uri("/api/v1/auth/login/confirm")
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let router = kandas_web::router(app.state.clone());
        tokio::spawn(async move { router.oneshot(request).await.unwrap() })
    });
    let mut judged = 0;
    for guess in guesses.collect::<Vec<_>>() {
        let response = guess.await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let json: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        match (status, json["error"]["code"].as_str()) {
            (StatusCode::OK, _) | (_, Some("otp.wrong")) => judged += 1,
            (StatusCode::TOO_MANY_REQUESTS, Some("otp.locked")) => {}
            other => panic!("unexpected answer {other:?}: {json}"),
        }
    }
    assert!(judged <= 3, "{judged} guesses were judged");
    assert!(judged >= 1);
}

/// Thirty wrong passwords from two addresses: the IIN waits, then is locked, and its owner is
/// told by SMS; even the right password is refused while it lasts.
async fn wrong_passwords_lock_the_iin(app: &TestApp) {
    let wrong = json!({ "iin": APPLICANT, "password": "not the password!" });
    let mut locked = None;
    for n in 0..30 {
        let ip = if n % 2 == 0 {
            "203.0.113.7"
        } else {
            "198.51.100.2"
        };
        let (status, headers, json) =
            send(app, post_from("/api/v1/auth/login", wrong.clone(), ip)).await;
        match status {
            StatusCode::UNAUTHORIZED => assert_eq!(json["error"]["code"], "auth.bad-credentials"),
            StatusCode::TOO_MANY_REQUESTS => {
                let wait: i64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
                if wait >= 600 {
                    locked = Some(n);
                    break;
                }
                app.clock.advance(jiff::SignedDuration::from_secs(wait + 1));
            }
            other => panic!("{other}: {json}"),
        }
    }
    let at = locked.expect("the IIN was locked within 30 attempts");
    assert!(at <= 20, "locked after {at} attempts");
    let right = json!({ "iin": APPLICANT, "password": PASSWORD });
    let (status, _, json) = send(app, post_from("/api/v1/auth/login", right, "192.0.2.9")).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "locked even for the right one: {json}"
    );
    assert!(
        trail_of(app, APPLICANT)
            .await
            .contains(&"auth.locked".to_owned())
    );
    app.drain().await;
    let inbox = app.service().store.dev_sms().await.unwrap();
    let owner = kandas_i18n::text_with("ru", "sms-signin-locked", &[("minutes", "60".into())]);
    assert!(
        inbox
            .iter()
            .any(|s| s.phone == "+77011234567" && s.text.contains(&owner)),
        "{inbox:?}"
    );
    // An hour later the owner signs in again.
    app.clock.advance(jiff::SignedDuration::from_hours(1));
    let right = json!({ "iin": APPLICANT, "password": PASSWORD });
    let (status, _, json) = send(app, post_from("/api/v1/auth/login", right, "192.0.2.9")).await;
    assert_eq!(status, StatusCode::OK, "{json}");
}

/// A certificate of someone's own making names the applicant's IIN: refused, and nothing is
/// written into the applicant's trail — the refusal is kept against the certificate presented.
async fn forged_eds_leaves_no_row_in_the_named_trail(app: &TestApp) {
    let person = kandas_devpki::DevPerson {
        iin: APPLICANT.to_owned(),
        surname: "Серікбаев".into(),
        given: "Ерлан".into(),
    };
    let forged = kandas_devpki::DevPki::generate(app.clock.now(), &[person]).unwrap();
    let before = trail_of(app, APPLICANT).await;
    for _ in 0..3 {
        let (_, _, json) = app
            .request("GET", "/api/v1/auth/eds/nonce", None, None)
            .await;
        let nonce = json["nonce"].as_str().unwrap().to_owned();
        let key = &forged.person(APPLICANT).unwrap().auth;
        let der = forged
            .sign_cms(key, nonce.as_bytes(), app.clock.now(), true)
            .unwrap();
        let cms = base64::engine::general_purpose::STANDARD.encode(der);
        let body = json!({ "nonce": nonce, "cms": cms });
        let (status, _, json) = app
            .request("POST", "/api/v1/auth/eds", Some(body), None)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    }
    assert_eq!(
        trail_of(app, APPLICANT).await,
        before,
        "nothing in the named person's trail"
    );
    let query = AuditQuery {
        limit: 1000,
        ..AuditQuery::default()
    };
    let trail = app.service().store.audit_trail(&query).await.unwrap();
    let kept: Vec<_> = trail
        .iter()
        .filter(|r| r.action.code() == "auth.eds-refused")
        .collect();
    assert_eq!(kept.len(), 3);
    assert!(kept.iter().all(|r| {
        r.subject.is_none()
            && r.details["presented"]["certificate_sha256"]
                .as_str()
                .is_some_and(|h| h.len() == 64)
    }));
}

/// The API takes the session cookie only from this site; a bearer token from anywhere.
async fn a_cross_origin_cookie_is_refused(app: &TestApp) {
    let token = app.sign_in(APPLICANT).await;
    let get = |cookie: bool, site: &str| {
        let mut builder = Request::builder()
            .uri("/api/v1/applications")
            .header("accept-language", "en");
        builder = if cookie {
            builder.header("cookie", format!("kandas_session={token}"))
        } else {
            builder.header("authorization", format!("Bearer {token}"))
        };
        builder
            .header("sec-fetch-site", site)
            .header(
                "origin",
                if site == "cross-site" {
                    "https://evil.example"
                } else {
                    "http://kandas.test"
                },
            )
            .header("host", "kandas.test")
            .body(Body::empty())
            .unwrap()
    };
    let (status, _, json) = send(app, get(true, "cross-site")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    assert_eq!(json["error"]["code"], "auth.cross-origin");
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("another site"),
        "{json}"
    );
    assert_eq!(send(app, get(true, "same-origin")).await.0, StatusCode::OK);
    assert_eq!(send(app, get(false, "cross-site")).await.0, StatusCode::OK);
}

/// Nonces and codes nobody can use any more are deleted.
async fn expired_anonymous_rows_are_swept(app: &TestApp) {
    for _ in 0..5 {
        app.request("GET", "/api/v1/auth/eds/nonce", None, None)
            .await;
    }
    let body = json!({ "iin": APPLICANT, "password": PASSWORD });
    app.request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    let nothing = kandas_app::housekeeping::sweep(app.service())
        .await
        .unwrap();
    assert_eq!(
        (nothing.nonces, nothing.challenges),
        (0, 0),
        "all still live"
    );
    app.clock.advance(jiff::SignedDuration::from_mins(30));
    let swept = kandas_app::housekeeping::sweep(app.service())
        .await
        .unwrap();
    assert!(swept.nonces >= 5, "{swept:?}");
    assert!(swept.challenges >= 1, "{swept:?}");
    let again = kandas_app::housekeeping::sweep(app.service())
        .await
        .unwrap();
    assert_eq!((again.nonces, again.challenges), (0, 0));
}

crate::on_both_backends!(
    concurrent_code_guesses,
    code_race_sqlite,
    code_race_postgres
);
crate::on_both_backends!(wrong_passwords_lock_the_iin, lock_sqlite, lock_postgres);
crate::on_both_backends!(
    forged_eds_leaves_no_row_in_the_named_trail,
    forged_eds_sqlite,
    forged_eds_postgres
);
crate::on_both_backends!(
    a_cross_origin_cookie_is_refused,
    cross_origin_sqlite,
    cross_origin_postgres
);
crate::on_both_backends!(
    expired_anonymous_rows_are_swept,
    sweep_sqlite,
    sweep_postgres
);

/// Production's cookies and headers: `__Host-`, Secure, HttpOnly, SameSite; HSTS; `/metrics`
/// only with its token.
#[tokio::test]
async fn production_cookies_and_headers() {
    let mut app = TestApp::sqlite().await;
    app.state.secure_cookies = true;
    let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
    app.state.metrics = Some(recorder.handle());
    app.state.edge = kandas_web::edge::EdgePolicy {
        hsts: true,
        metrics_token_sha256: Some(kandas_app::secrets::sha256_hex(b"scrape-me")),
        ..Default::default()
    };
    let (status, headers, _) = app.request("GET", "/login", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = headers["set-cookie"].to_str().unwrap();
    for part in [
        "__Host-kandas_csrf=",
        "Path=/",
        "HttpOnly",
        "SameSite=Strict",
        "Secure",
    ] {
        assert!(csrf.contains(part), "{csrf}");
    }
    assert!(
        headers["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
    assert_eq!(headers["cache-control"], "no-store");
    let body = json!({ "iin": APPLICANT, "password": PASSWORD });
    let (_, _, sent) = app
        .request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    app.drain().await;
    let confirm =
        json!({ "challenge_id": sent["challenge_id"], "code": app.last_code(APPLICANT).await });
    let (status, headers, json) = app
        .request("POST", "/api/v1/auth/login/confirm", Some(confirm), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let session = headers["set-cookie"].to_str().unwrap();
    for part in [
        "__Host-kandas_session=",
        "Path=/",
        "HttpOnly",
        "SameSite=Lax",
        "Secure",
    ] {
        assert!(session.contains(part), "{session}");
    }
    assert!(!session.contains("Domain"), "{session}");
    // The plain-HTTP name is not a session any more.
    let token = json["token"].as_str().unwrap();
    let plain = Request::builder()
        .uri("/api/v1/me")
        .header("cookie", format!("kandas_session={token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(plain).await.0, StatusCode::UNAUTHORIZED);
    let prefixed = Request::builder()
        .uri("/api/v1/me")
        .header("cookie", format!("__Host-kandas_session={token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(prefixed).await.0, StatusCode::OK);
    assert_eq!(
        app.request("GET", "/metrics", None, None).await.0,
        StatusCode::NOT_FOUND
    );
    let scrape = app
        .request("GET", "/metrics", None, Some("scrape-me"))
        .await
        .0;
    assert_eq!(scrape, StatusCode::OK, "the token may read them");
}
