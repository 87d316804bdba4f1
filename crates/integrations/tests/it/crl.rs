//! CRL fetching over HTTP from a fake distribution point: configured URLs, caching, expiry by
//! the clock, stale-while-failing, and the fail-closed cases, judged through `kandas_pki`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use jiff::{SignedDuration, Timestamp};
use kandas_app::ports::Clock;
use kandas_integrations::{CrlConfig, CrlFetcher};
use kandas_pki::Verdict;

use crate::clock::TestClock;
use crate::corpus::{failure_detail, good_path, now, read, verify_with};

/// What the fake distribution point serves for every file.
#[derive(Clone, Copy, PartialEq)]
enum Serve {
    Crl,
    Garbage,
    Error,
}

#[derive(Clone)]
struct Point {
    files: Arc<HashMap<String, Vec<u8>>>,
    serve: Arc<Mutex<Serve>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    delay: Duration,
}

impl Point {
    fn new() -> Point {
        let files = HashMap::from([
            ("inter.crl".to_owned(), read("crl/inter.der")),
            ("root.crl".to_owned(), read("crl/root.der")),
        ]);
        Point {
            files: Arc::new(files),
            serve: Arc::new(Mutex::new(Serve::Crl)),
            hits: Arc::default(),
            delay: Duration::ZERO,
        }
    }

    fn hits(&self, file: &str) -> usize {
        self.hits.lock().unwrap().get(file).copied().unwrap_or(0)
    }

    fn serve(&self, serve: Serve) {
        *self.serve.lock().unwrap() = serve;
    }
}

async fn serve_file(State(p): State<Point>, Path(file): Path<String>) -> (StatusCode, Vec<u8>) {
    tokio::time::sleep(p.delay).await;
    *p.hits.lock().unwrap().entry(file.clone()).or_default() += 1;
    let serve = *p.serve.lock().unwrap();
    match (serve, p.files.get(&file)) {
        (Serve::Error, _) => (StatusCode::INTERNAL_SERVER_ERROR, b"down".to_vec()),
        (Serve::Garbage, _) => (StatusCode::OK, b"<html>not a CRL</html>".to_vec()),
        (Serve::Crl, Some(body)) => (StatusCode::OK, body.clone()),
        (Serve::Crl, None) => (StatusCode::NOT_FOUND, Vec::new()),
    }
}

/// Starts the fake; its base URL.
async fn start(point: Point) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/{file}", get(serve_file))
        .with_state(point);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// A fetcher for the corpus hierarchy with configured URLs (the corpus certificates have no
/// distribution points): the intermediate's CRL for what it issues, the root's for it.
fn fetcher(base: &str, clock: Arc<TestClock>, config: &CrlConfig) -> CrlFetcher {
    CrlFetcher::http(config, clock)
        .unwrap()
        .with_issuer_urls(&read("pki/inter.pem"), vec![format!("{base}/inter.crl")])
        .unwrap()
        .with_issuer_urls(&read("pki/root.der"), vec![format!("{base}/root.crl")])
        .unwrap()
}

fn fast() -> CrlConfig {
    CrlConfig {
        connect_timeout_ms: 300,
        timeout_ms: 500,
        ..CrlConfig::default()
    }
}

fn ages(max_age_secs: u64) -> CrlConfig {
    CrlConfig {
        max_age_secs,
        ..fast()
    }
}

#[tokio::test]
async fn configured_urls_give_crls_the_verifier_accepts_and_revocation_is_seen() {
    let point = Point::new();
    let base = start(point.clone()).await;
    let clock = Arc::new(TestClock::at(now()));
    let crls = fetcher(&base, clock, &fast());

    let revocation = crls.revocation_for(&good_path()).await;
    let report = verify_with(&revocation, now());
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.checks);
    assert_eq!(report.crls.len(), 2);

    let revoked = [read("pki/revoked.der"), read("pki/inter.der")];
    let revocation = crls.revocation_for(&revoked).await;
    let root = read("pki/root.der");
    let inter = read("pki/inter.der");
    let trust = kandas_pki::TrustStore::from_pem_or_der(&[&root], &[&inter]).unwrap();
    let report = kandas_pki::verify_cms(
        &read("cms/revoked.p7s"),
        Some(&read("cms/document.txt")),
        kandas_pki::Purpose::SignDocument,
        None,
        &trust,
        &revocation,
        now(),
    );
    assert_eq!(report.code(), Some("eds.revoked"), "{:?}", report.checks);
}

#[tokio::test]
async fn a_second_verification_is_served_from_the_cache() {
    let point = Point::new();
    let base = start(point.clone()).await;
    let crls = fetcher(&base, Arc::new(TestClock::at(now())), &fast());
    crls.revocation_for(&good_path()).await;
    let revocation = crls.revocation_for(&good_path()).await;
    assert_eq!((point.hits("inter.crl"), point.hits("root.crl")), (1, 1));
    assert_eq!(verify_with(&revocation, now()).verdict, Verdict::Valid);
}

#[tokio::test]
async fn past_next_update_the_crl_is_fetched_again() {
    let point = Point::new();
    let base = start(point.clone()).await;
    let clock = Arc::new(TestClock::at(now()));
    // A max age beyond the CRL's nextUpdate (2045-12-31), so nextUpdate governs.
    let crls = fetcher(&base, clock.clone(), &ages(40 * 365 * 24 * 3600));
    crls.revocation_for(&good_path()).await;
    clock.set("2045-12-31T23:59:00Z".parse::<Timestamp>().unwrap());
    crls.revocation_for(&good_path()).await;
    assert_eq!(point.hits("inter.crl"), 1, "still before nextUpdate");
    clock.set("2046-01-01T00:00:00Z".parse::<Timestamp>().unwrap());
    crls.revocation_for(&good_path()).await;
    assert_eq!(point.hits("inter.crl"), 2, "past nextUpdate");
}

#[tokio::test]
async fn past_the_max_age_it_is_refetched_and_served_stale_while_the_server_fails() {
    let point = Point::new();
    let base = start(point.clone()).await;
    let clock = Arc::new(TestClock::at(now()));
    let crls = fetcher(&base, clock.clone(), &ages(1200));
    crls.revocation_for(&good_path()).await;

    // Past the 20-minute max age, still within the hour the corpus signature's signingTime may
    // lag behind the time of receipt.
    clock.advance(SignedDuration::from_mins(40));
    point.serve(Serve::Error);
    let revocation = crls.revocation_for(&good_path()).await;
    assert_eq!(point.hits("inter.crl"), 2, "a refetch was tried");
    let report = verify_with(&revocation, clock.now());
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.checks);

    // Once the cached CRL's own nextUpdate has passed, nothing usable is left. (No signature of
    // the corpus can be received then: its certificates have expired, so the adapter's answer
    // is looked at directly.)
    clock.set("2046-01-01T00:00:00Z".parse::<Timestamp>().unwrap());
    let revocation = crls.revocation_for(&good_path()).await;
    assert_eq!(revocation.crl_count(), 0, "{revocation:?}");
    let why = revocation.unavailable_reason().unwrap_or_default();
    assert!(why.contains("500"), "{revocation:?}");
}

#[tokio::test]
async fn an_unreachable_distribution_point_fails_closed_and_is_not_hammered() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let clock = Arc::new(TestClock::at(now()));
    let crls = fetcher(&base, clock.clone(), &fast());
    let report = verify_with(&crls.revocation_for(&good_path()).await, now());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_eq!(report.code(), Some("eds.revocation-unavailable"));
    let detail = failure_detail(&report);
    assert!(detail.contains(&format!("{base}/inter.crl")), "{detail}");
    assert!(detail.contains("unreachable"), "{detail}");

    // Within the back-off the failure is answered from memory, without a new connection.
    let report = verify_with(&crls.revocation_for(&good_path()).await, now());
    assert!(
        failure_detail(&report).contains("not retried yet"),
        "{report:?}"
    );
}

#[tokio::test]
async fn after_the_back_off_a_failed_url_is_tried_again() {
    let point = Point::new();
    point.serve(Serve::Error);
    let base = start(point.clone()).await;
    let clock = Arc::new(TestClock::at(now()));
    let crls = fetcher(&base, clock.clone(), &fast());
    crls.revocation_for(&good_path()).await;
    crls.revocation_for(&good_path()).await;
    assert_eq!(point.hits("inter.crl"), 1);
    point.serve(Serve::Crl);
    clock.advance(SignedDuration::from_secs(31));
    let revocation = crls.revocation_for(&good_path()).await;
    assert_eq!(point.hits("inter.crl"), 2);
    let report = verify_with(&revocation, clock.now());
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.checks);
}

#[tokio::test]
async fn a_body_that_is_not_a_crl_fails_closed() {
    let point = Point::new();
    point.serve(Serve::Garbage);
    let base = start(point.clone()).await;
    let crls = fetcher(&base, Arc::new(TestClock::at(now())), &fast());
    let report = verify_with(&crls.revocation_for(&good_path()).await, now());
    assert_eq!(report.code(), Some("eds.revocation-unavailable"));
    assert!(
        failure_detail(&report).contains("not a DER CRL"),
        "{report:?}"
    );
}

#[tokio::test]
async fn a_slow_distribution_point_times_out() {
    let point = Point {
        delay: Duration::from_millis(1500),
        ..Point::new()
    };
    let base = start(point).await;
    let crls = fetcher(&base, Arc::new(TestClock::at(now())), &fast());
    let report = verify_with(&crls.revocation_for(&good_path()).await, now());
    assert_eq!(report.code(), Some("eds.revocation-unavailable"));
    assert!(failure_detail(&report).contains("timed out"), "{report:?}");
}

#[tokio::test]
async fn a_crl_larger_than_allowed_is_refused() {
    let point = Point::new();
    let base = start(point).await;
    let config = CrlConfig {
        max_bytes: 100,
        ..fast()
    };
    let crls = fetcher(&base, Arc::new(TestClock::at(now())), &config);
    let report = verify_with(&crls.revocation_for(&good_path()).await, now());
    assert_eq!(report.code(), Some("eds.revocation-unavailable"));
    assert!(
        failure_detail(&report).contains("larger than 100 bytes"),
        "{report:?}"
    );
}
