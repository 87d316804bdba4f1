//! The outbox against a real HTTP SMS sender and a local gateway that answers slowly: each
//! message carries its job's id on every attempt (so a gateway that keeps ids delivers it
//! once), several messages go at once, an attempt gives up long before the job's lease ends,
//! a code that expired before it could go is dropped, and staff see every attempt on the case.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use jiff::SignedDuration;
use kandas_app::Service;
use kandas_app::jobs::run_once;
use kandas_integrations::{HttpSms, HttpSmsConfig};
use kandas_testkit::TestApp;
use serde_json::{Value, json};

use crate::support::{OFFICER, attach_required, draft_with_form, page};

const APPLICANT: &str = "900101300811";
const OTHER: &str = "850302400014";

/// One request the gateway received: (message id, `Idempotency-Key`, to, text).
type Received = (String, String, String, String);

/// A gateway that records each request as it arrives, answers after `delay`, and counts how
/// many requests it holds at once.
#[derive(Clone, Default)]
struct Gateway {
    received: Arc<Mutex<Vec<Received>>>,
    delay: Arc<Mutex<Duration>>,
    holding: Arc<AtomicUsize>,
    most_held: Arc<AtomicUsize>,
}

impl Gateway {
    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    fn answer_after(&self, delay: Duration) {
        *self.delay.lock().unwrap() = delay;
    }
}

async fn receive(
    State(g): State<Gateway>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> StatusCode {
    let field = |name: &str| body[name].as_str().unwrap_or_default().to_owned();
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    g.received
        .lock()
        .unwrap()
        .push((field("id"), key, field("to"), field("text")));
    let held = g.holding.fetch_add(1, Ordering::SeqCst) + 1;
    g.most_held.fetch_max(held, Ordering::SeqCst);
    let delay = *g.delay.lock().unwrap();
    tokio::time::sleep(delay).await;
    g.holding.fetch_sub(1, Ordering::SeqCst);
    StatusCode::OK
}

/// The test service sending through a gateway that answers after `delay`, waiting at most
/// `timeout_ms` for it.
async fn through_gateway(app: &TestApp, delay: Duration, timeout_ms: u64) -> (Service, Gateway) {
    let gateway = Gateway::default();
    gateway.answer_after(delay);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    let router = axum::Router::new()
        .route("/send", post(receive))
        .with_state(gateway.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let sms = HttpSms::new(HttpSmsConfig {
        url,
        token: "gateway-token".into(),
        sender: "KANDAS".into(),
        timeout_ms,
    })
    .unwrap();
    let mut service = app.service().clone();
    service.sms = Arc::new(sms);
    (service, gateway)
}

async fn start_login(app: &TestApp, iin: &str) {
    let body = json!({ "iin": iin, "password": kandas_store::demo::PASSWORD });
    let (status, _, json) = app
        .request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{json}");
}

async fn pending(app: &TestApp) -> i64 {
    app.service().store.pending_jobs().await.unwrap()
}

async fn each_message_once_and_never_an_expired_code(app: &TestApp) {
    // Four codes, delivered by four slots at once through a gateway that takes 300 ms each.
    let (service, gateway) = through_gateway(app, Duration::from_millis(300), 5_000).await;
    for iin in [APPLICANT, OTHER, APPLICANT, OTHER] {
        start_login(app, iin).await;
    }
    let ran = tokio::join!(
        run_once(&service),
        run_once(&service),
        run_once(&service),
        run_once(&service)
    );
    assert!(ran.0.unwrap() && ran.1.unwrap() && ran.2.unwrap() && ran.3.unwrap());
    assert_eq!(pending(app).await, 0);
    let received = gateway.received();
    assert_eq!(received.len(), 4, "{received:?}");
    let ids: BTreeSet<_> = received.iter().map(|r| r.0.clone()).collect();
    assert_eq!(ids.len(), 4, "each message has its own id: {received:?}");
    assert!(received.iter().all(|r| !r.0.is_empty() && r.0 == r.1));
    assert!(
        gateway.most_held.load(Ordering::SeqCst) >= 2,
        "one slow message did not hold the others"
    );

    // A gateway slower than the sender waits: the attempt gives up (well within the lease)
    // and the retry carries the same id, which the gateway recognises.
    let (service, gateway) = through_gateway(app, Duration::from_secs(3), 300).await;
    start_login(app, APPLICANT).await;
    assert!(run_once(&service).await.unwrap());
    assert_eq!(pending(app).await, 1, "retried later");
    gateway.answer_after(Duration::ZERO);
    app.clock.advance(SignedDuration::from_secs(21));
    assert!(run_once(&service).await.unwrap());
    assert_eq!(pending(app).await, 0);
    let received = gateway.received();
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!(
        received[0].0, received[1].0,
        "the same message, the same id"
    );

    // A code that expired before it could go is dropped, not sent.
    let (service, gateway) = through_gateway(app, Duration::ZERO, 5_000).await;
    start_login(app, OTHER).await;
    app.clock.advance(SignedDuration::from_secs(3600));
    assert!(run_once(&service).await.unwrap());
    assert_eq!(pending(app).await, 0, "done with, not retried");
    assert!(gateway.received().is_empty(), "{:?}", gateway.received());
}

crate::on_both_backends!(
    each_message_once_and_never_an_expired_code,
    each_message_once_and_never_an_expired_code_sqlite,
    each_message_once_and_never_an_expired_code_postgres
);

/// Runs every due job through `service`.
async fn drain(service: &Service) {
    while run_once(service).await.unwrap() {}
}

async fn staff_see_every_delivery(app: &TestApp) {
    let (service, gateway) = through_gateway(app, Duration::ZERO, 5_000).await;
    let (token, id, version) = draft_with_form(app, APPLICANT).await;
    attach_required(app, &token, &id, version).await;
    let path = format!("/api/v1/applications/{id}");
    let (status, _, json) = app
        .request("POST", &format!("{path}/sign/sms"), None, Some(&token))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{json}");
    drain(&service).await;
    let sent = gateway.received();
    let code = sent
        .iter()
        .rev()
        .find_map(|r| kandas_testkit::six_digits(&r.3))
        .expect("the signing code");
    let confirm = format!("{path}/sign/sms/confirm");
    let (status, _, json) = app
        .request(
            "POST",
            &confirm,
            Some(json!({ "code": code })),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    drain(&service).await;

    let officer = app.sign_in(OFFICER).await;
    let staff = format!("/api/v1/staff/applications/{id}");
    let (status, _, case) = app.request("GET", &staff, None, Some(&officer)).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    let deliveries = case["deliveries"].as_array().unwrap();
    let lines: Vec<(&str, &str)> = deliveries
        .iter()
        .map(|d| {
            (
                d["channel"].as_str().unwrap(),
                d["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    // The signing code by SMS and the registration's notice in the account and by SMS (the
    // test's clock stands still, so they share one time and their order is not asserted).
    let sms = lines.iter().filter(|l| **l == ("sms", "sent")).count();
    assert!(sms >= 2, "{case}");
    assert!(lines.contains(&("account", "sent")), "{case}");
    assert!(
        deliveries
            .iter()
            .all(|d| d["channel"] == "account" || d["recipient"].as_str().unwrap().contains('*')),
        "phones are masked: {case}"
    );
    let html = page(app, &format!("/staff/applications/{id}"), &officer).await;
    assert!(
        html.contains("Сообщения по делу"),
        "the case page lists them"
    );
    assert!(html.contains("tag-delivery-sent"));
}

crate::on_both_backends!(
    staff_see_every_delivery,
    staff_see_every_delivery_sqlite,
    staff_see_every_delivery_postgres
);
