//! The HTTP SMS sender against a local fake gateway.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use kandas_app::ports::sms::{Sms, SmsError, SmsMessage};
use kandas_domain::phone::PhoneNumber;
use kandas_integrations::{HttpSms, HttpSmsConfig};
use serde_json::Value;

#[derive(Clone, Default)]
struct Gateway {
    received: Arc<Mutex<Vec<(String, Value)>>>,
    answer: Arc<Mutex<Vec<StatusCode>>>,
    delay: Duration,
}

async fn receive(
    State(g): State<Gateway>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> StatusCode {
    tokio::time::sleep(g.delay).await;
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut body = body;
    body["idempotency-key"] = Value::String(key);
    g.received.lock().unwrap().push((auth, body));
    g.answer.lock().unwrap().pop().unwrap_or(StatusCode::OK)
}

async fn start(gateway: Gateway) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/send", post(receive))
        .with_state(gateway);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/send")
}

fn sender(url: String, timeout_ms: u64) -> HttpSms {
    HttpSms::new(HttpSmsConfig {
        url,
        token: "secret-token".into(),
        sender: "KANDAS".into(),
        timeout_ms,
    })
    .unwrap()
}

/// A message with `text` (its id, as the outbox's, is the same on every attempt).
fn message(text: &'static str) -> SmsMessage<'static> {
    static PHONE: std::sync::OnceLock<PhoneNumber> = std::sync::OnceLock::new();
    SmsMessage {
        id: "job-0001",
        phone: PHONE.get_or_init(|| PhoneNumber::parse("+77011234567").unwrap()),
        text,
    }
}

#[tokio::test]
async fn a_message_is_posted_with_the_token() {
    let gateway = Gateway::default();
    let url = start(gateway.clone()).await;
    sender(url, 2000)
        .send(&message("Код 123456"))
        .await
        .unwrap();
    let received = gateway.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, "Bearer secret-token");
    assert_eq!(received[0].1["to"], "+77011234567");
    assert_eq!(received[0].1["text"], "Код 123456");
    assert_eq!(received[0].1["id"], "job-0001", "the message's id");
    assert_eq!(received[0].1["idempotency-key"], "job-0001");
}

#[test]
fn an_attempt_longer_than_the_outbox_allows_is_refused() {
    let config = HttpSmsConfig {
        url: "http://127.0.0.1:9/send".into(),
        token: "t".into(),
        sender: "KANDAS".into(),
        timeout_ms: 20_000,
    };
    let refused = HttpSms::new(config).err().unwrap();
    assert!(refused.to_string().contains("timeout_ms"), "{refused}");
}

#[tokio::test]
async fn server_errors_are_temporary_and_rejections_permanent() {
    let gateway = Gateway::default();
    gateway.answer.lock().unwrap().extend([
        StatusCode::BAD_REQUEST,
        StatusCode::TOO_MANY_REQUESTS,
        StatusCode::BAD_GATEWAY,
    ]);
    let url = start(gateway.clone()).await;
    let sms = sender(url, 2000);
    assert!(matches!(
        sms.send(&message("a")).await,
        Err(SmsError::Temporary(_))
    ));
    assert!(matches!(
        sms.send(&message("b")).await,
        Err(SmsError::Temporary(_))
    ));
    assert!(matches!(
        sms.send(&message("c")).await,
        Err(SmsError::Permanent(_))
    ));
}

#[tokio::test]
async fn a_slow_gateway_times_out_as_temporary() {
    let gateway = Gateway {
        delay: Duration::from_millis(800),
        ..Gateway::default()
    };
    let url = start(gateway).await;
    assert!(matches!(
        sender(url, 200).send(&message("slow")).await,
        Err(SmsError::Temporary(_))
    ));
}

#[tokio::test]
async fn an_unreachable_gateway_is_temporary() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    drop(listener);
    assert!(matches!(
        sender(url, 500).send(&message("x")).await,
        Err(SmsError::Temporary(_))
    ));
}
