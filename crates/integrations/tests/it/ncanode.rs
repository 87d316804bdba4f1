//! The NCANode-style verifier against a local fake of `POST /cms/verify`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use kandas_integrations::{ExternalVerification, NcaNodeConfig, NcaNodeVerifier};
use kandas_pki::{Purpose, Verdict};
use serde_json::{Value, json};

use crate::clock::TestClock;

pub const IIN: &str = "900101300811";

#[derive(Clone)]
pub struct Node {
    answer: Arc<Mutex<(StatusCode, Value)>>,
    pub received: Arc<Mutex<Vec<(String, Value)>>>,
    delay: Duration,
}

impl Node {
    pub fn answering(status: StatusCode, body: Value) -> Node {
        Node {
            answer: Arc::new(Mutex::new((status, body))),
            received: Arc::default(),
            delay: Duration::ZERO,
        }
    }
}

async fn verify(
    State(node): State<Node>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    tokio::time::sleep(node.delay).await;
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    node.received.lock().unwrap().push((auth, body));
    let (status, answer) = node.answer.lock().unwrap().clone();
    (status, Json(answer))
}

pub async fn start(node: Node) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/cms/verify", post(verify))
        .with_state(node);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/")
}

pub fn verifier(base_url: String, timeout_ms: u64) -> NcaNodeVerifier {
    let config = NcaNodeConfig {
        base_url,
        timeout_ms,
        token: Some("node-token".into()),
        revocation_check: vec![
            kandas_integrations::RevocationCheck::Ocsp,
            kandas_integrations::RevocationCheck::Crl,
        ],
    };
    let clock = TestClock::at("2026-11-25T00:20:00Z".parse().unwrap());
    NcaNodeVerifier::new(config, Arc::new(clock)).unwrap()
}

/// An NCANode 3.x answer for one signer with a GOST signing certificate.
pub fn answer(valid: bool, iin: &str, revoked_by_ocsp: bool) -> Value {
    json!({
        "status": 200,
        "message": "OK",
        "valid": valid,
        "signers": [{
            "certificates": [{
                "valid": valid,
                "revocations": [
                    { "revoked": revoked_by_ocsp, "by": "OCSP",
                      "revocationTime": if revoked_by_ocsp { json!("2026-10-01T08:00:00.000+00:00") } else { Value::Null },
                      "reason": if revoked_by_ocsp { "keyCompromise" } else { "good" } },
                    { "revoked": false, "by": "CRL", "revocationTime": null, "reason": null }
                ],
                "notBefore": "2026-01-10T04:00:00.000+00:00",
                "notAfter": "2027-01-10T04:00:00.000+00:00",
                "keyUsage": "SIGN",
                "serialNumber": "4f2a9c0e",
                "signAlg": "GOST34310-2004",
                "keyUser": ["INDIVIDUAL"],
                "publicKey": "MGMw…",
                "signature": "q83v…",
                "subject": { "commonName": "ТЕСТОВ ТЕСТ", "lastName": "ТЕСТОВИЧ", "surName": "ТЕСТОВ",
                             "iin": iin, "country": "KZ", "dn": format!("CN=ТЕСТОВ ТЕСТ,SERIALNUMBER=IIN{iin},C=KZ") },
                "issuer": { "commonName": "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST)", "country": "KZ" }
            }],
            "tsp": null
        }]
    })
}

async fn ask(node: Node, purpose: Purpose) -> ExternalVerification {
    let url = start(node).await;
    verifier(url, 2000)
        .verify(b"\x30\x03cms", Some(b"document"), purpose, Some(IIN))
        .await
}

#[tokio::test]
async fn a_valid_answer_is_valid_and_the_request_follows_the_contract() {
    let node = Node::answering(StatusCode::OK, answer(true, IIN, false));
    let result = ask(node.clone(), Purpose::SignDocument).await;
    assert_eq!(result.verdict, Verdict::Valid, "{result:?}");
    assert_eq!(result.reason, None);
    assert_eq!(result.iin.as_deref(), Some(IIN));
    assert!(result.raw.as_deref().unwrap().contains("\"valid\":true"));

    let received = node.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, "Bearer node-token");
    assert_eq!(received[0].1["cms"], "MANjbXM=");
    assert_eq!(received[0].1["data"], "ZG9jdW1lbnQ=");
    assert_eq!(received[0].1["revocationCheck"], json!(["OCSP", "CRL"]));
}

#[tokio::test]
async fn a_revoked_certificate_is_invalid_revoked() {
    let node = Node::answering(StatusCode::OK, answer(false, IIN, true));
    let result = ask(node, Purpose::SignDocument).await;
    assert_eq!(result.verdict, Verdict::Invalid);
    assert_eq!(result.code(), Some("eds.revoked"));
    assert!(result.detail.contains("OCSP"), "{}", result.detail);
}

#[tokio::test]
async fn another_persons_iin_is_a_mismatch() {
    let node = Node::answering(StatusCode::OK, answer(true, "931002451325", false));
    let result = ask(node, Purpose::SignDocument).await;
    assert_eq!(result.verdict, Verdict::Invalid);
    assert_eq!(result.code(), Some("eds.iin-mismatch"));
    assert_eq!(result.iin.as_deref(), Some("931002451325"));
}

#[tokio::test]
async fn an_expired_certificate_is_expired() {
    let mut body = answer(false, IIN, false);
    body["signers"][0]["certificates"][0]["notAfter"] = json!("2026-06-01T00:00:00.000+00:00");
    let result = ask(Node::answering(StatusCode::OK, body), Purpose::SignDocument).await;
    assert_eq!(result.code(), Some("eds.expired"));
}

/// NCANode may judge a certificate at the signing time it reads from the CMS; we judge it when
/// we asked: one that expired a minute before is expired even though NCANode says valid.
#[tokio::test]
async fn a_valid_answer_for_a_certificate_expired_before_we_asked_is_expired() {
    let mut body = answer(true, IIN, false);
    body["signers"][0]["certificates"][0]["notAfter"] = json!("2026-11-25T00:19:00.000+00:00");
    let result = ask(Node::answering(StatusCode::OK, body), Purpose::SignDocument).await;
    assert_eq!(result.verdict, Verdict::Invalid, "{result:?}");
    assert_eq!(result.code(), Some("eds.expired"));
    assert!(
        result.detail.contains("judged at 2026-11-25T00:20:00Z"),
        "{}",
        result.detail
    );
}

#[tokio::test]
async fn an_answer_without_validity_dates_is_not_accepted() {
    let mut body = answer(true, IIN, false);
    let cert = body["signers"][0]["certificates"][0]
        .as_object_mut()
        .unwrap();
    cert.remove("notAfter");
    let result = ask(Node::answering(StatusCode::OK, body), Purpose::SignDocument).await;
    assert_eq!(result.verdict, Verdict::Invalid, "{result:?}");
    assert!(result.detail.contains("notAfter"), "{}", result.detail);
}

#[tokio::test]
async fn a_signing_key_does_not_sign_in() {
    let node = Node::answering(StatusCode::OK, answer(true, IIN, false));
    let result = ask(node, Purpose::Authenticate).await;
    assert_eq!(result.code(), Some("eds.wrong-key-usage"));
}

#[tokio::test]
async fn a_bad_signature_with_a_good_certificate_is_signature_invalid() {
    let mut body = answer(true, IIN, false);
    body["valid"] = json!(false);
    let result = ask(Node::answering(StatusCode::OK, body), Purpose::SignDocument).await;
    assert_eq!(result.code(), Some("eds.signature-invalid"));
}

#[tokio::test]
async fn a_missing_revocation_status_fails_closed() {
    let mut body = answer(true, IIN, false);
    body["signers"][0]["certificates"][0]["revocations"] =
        json!([{ "revoked": false, "by": "CRL" }]);
    let result = ask(Node::answering(StatusCode::OK, body), Purpose::SignDocument).await;
    assert_eq!(result.verdict, Verdict::Indeterminate);
    assert_eq!(result.code(), Some("eds.revocation-unavailable"));
    assert!(
        result.detail.contains("no OCSP status"),
        "{}",
        result.detail
    );
}

#[tokio::test]
async fn a_cms_the_service_cannot_read_is_malformed() {
    let body = json!({ "status": 400, "message": "Invalid CMS" });
    let result = ask(
        Node::answering(StatusCode::BAD_REQUEST, body),
        Purpose::SignDocument,
    )
    .await;
    assert_eq!(result.verdict, Verdict::Invalid);
    assert_eq!(result.code(), Some("eds.malformed"));
    assert!(result.detail.contains("Invalid CMS"));
}

#[tokio::test]
async fn a_server_error_is_indeterminate() {
    let body = json!({ "status": 500, "message": "OCSP responder failed" });
    let node = Node::answering(StatusCode::INTERNAL_SERVER_ERROR, body);
    let result = ask(node, Purpose::SignDocument).await;
    assert_eq!(result.verdict, Verdict::Indeterminate);
    assert_eq!(result.code(), Some("eds.revocation-unavailable"));
    assert!(result.detail.contains("500"), "{}", result.detail);
    assert!(result.raw.is_some());
}

#[tokio::test]
async fn an_answer_that_is_not_the_contract_is_indeterminate() {
    let node = Node::answering(StatusCode::OK, json!({ "signers": "?" }));
    let result = ask(node, Purpose::SignDocument).await;
    assert_eq!(result.code(), Some("eds.revocation-unavailable"));
}

#[tokio::test]
async fn a_slow_service_times_out_as_indeterminate() {
    let node = Node {
        delay: Duration::from_millis(1500),
        ..Node::answering(StatusCode::OK, answer(true, IIN, false))
    };
    let url = start(node).await;
    let result = verifier(url, 300)
        .verify(b"cms", None, Purpose::SignDocument, Some(IIN))
        .await;
    assert_eq!(result.verdict, Verdict::Indeterminate);
    assert_eq!(result.code(), Some("eds.revocation-unavailable"));
    assert!(result.detail.contains("timed out"), "{}", result.detail);
    assert!(result.raw.is_none());
}

#[tokio::test]
async fn an_unreachable_service_is_indeterminate() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let result = verifier(url, 500)
        .verify(b"cms", None, Purpose::SignDocument, None)
        .await;
    assert_eq!(result.code(), Some("eds.revocation-unavailable"));
}
