//! OCSP fetching from a fake responder (axum) serving the responses of the `kandas-pki` corpus
//! (`crates/pki/tests/corpus/ocsp`), composed with CRL fetching, judged through `kandas_pki`:
//! good and revoked answers, the cache, fallback to CRLs, and failing closed when neither works.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use jiff::{SignedDuration, Timestamp};
use kandas_integrations::{
    CrlConfig, CrlFetcher, OcspConfig, OcspFetcher, ocsp_urls, revocation_for_path,
};
use kandas_pki::{OcspStatus, Verdict};

use crate::clock::TestClock;
use crate::corpus::{fixture, good_path, read, verify_with};

/// Ten minutes after the corpus's OCSP responses were made.
fn ocsp_now() -> Timestamp {
    let made: Timestamp = String::from_utf8(read("ocsp/made-at.txt"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    made.checked_add(SignedDuration::from_mins(10)).unwrap()
}

#[derive(Clone)]
struct Fake {
    /// Canned answers by the exact request body.
    answers: Arc<HashMap<Vec<u8>, Vec<u8>>>,
    crls: Arc<HashMap<String, Vec<u8>>>,
    down: Arc<Mutex<bool>>,
    ocsp_hits: Arc<Mutex<usize>>,
    crl_hits: Arc<Mutex<usize>>,
    delay: Duration,
}

impl Fake {
    /// Answers for the signer of `rsa-detached` (`answer`, a corpus response) and for `revoked`.
    fn new(answer: &str) -> Fake {
        let request = |cert: &str| {
            kandas_pki::ocsp_request(
                &read(&format!("pki/{cert}.der")),
                &read("pki/inter.der"),
                None,
            )
            .unwrap()
        };
        let answers = HashMap::from([
            (
                request("sign-900101300811"),
                read(&format!("ocsp/{answer}.der")),
            ),
            (request("revoked"), read("ocsp/revoked.der")),
        ]);
        let crls = HashMap::from([
            ("inter.crl".to_owned(), read("crl/inter.der")),
            ("root.crl".to_owned(), read("crl/root.der")),
        ]);
        Fake {
            answers: Arc::new(answers),
            crls: Arc::new(crls),
            down: Arc::default(),
            ocsp_hits: Arc::default(),
            crl_hits: Arc::default(),
            delay: Duration::ZERO,
        }
    }

    fn ocsp_hits(&self) -> usize {
        *self.ocsp_hits.lock().unwrap()
    }

    fn crl_hits(&self) -> usize {
        *self.crl_hits.lock().unwrap()
    }
}

async fn answer(State(f): State<Fake>, headers: HeaderMap, body: Bytes) -> (StatusCode, Vec<u8>) {
    tokio::time::sleep(f.delay).await;
    *f.ocsp_hits.lock().unwrap() += 1;
    if *f.down.lock().unwrap() {
        return (StatusCode::SERVICE_UNAVAILABLE, Vec::new());
    }
    if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/ocsp-request")
    {
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, Vec::new());
    }
    match f.answers.get(body.as_ref()) {
        Some(response) => (StatusCode::OK, response.clone()),
        // unauthorized (6): "I do not answer for that".
        None => (StatusCode::OK, vec![0x30, 0x03, 0x0a, 0x01, 0x06]),
    }
}

async fn crl(State(f): State<Fake>, Path(file): Path<String>) -> (StatusCode, Vec<u8>) {
    *f.crl_hits.lock().unwrap() += 1;
    if *f.down.lock().unwrap() {
        return (StatusCode::SERVICE_UNAVAILABLE, Vec::new());
    }
    match f.crls.get(&file) {
        Some(body) => (StatusCode::OK, body.clone()),
        None => (StatusCode::NOT_FOUND, Vec::new()),
    }
}

async fn start(fake: Fake) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/ocsp", post(answer))
        .route("/crl/{file}", get(crl))
        .with_state(fake);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

fn config() -> OcspConfig {
    OcspConfig {
        connect_timeout_ms: 300,
        timeout_ms: 500,
        ..OcspConfig::default()
    }
}

/// OCSP for what the intermediate issues; CRLs for everything (the root's for the intermediate).
fn fetchers(base: &str, clock: Arc<TestClock>) -> (CrlFetcher, OcspFetcher) {
    let crl_config = CrlConfig {
        connect_timeout_ms: 300,
        timeout_ms: 500,
        ..CrlConfig::default()
    };
    let crls = CrlFetcher::http(&crl_config, clock.clone())
        .unwrap()
        .with_issuer_urls(
            &read("pki/inter.pem"),
            vec![format!("{base}/crl/inter.crl")],
        )
        .unwrap()
        .with_issuer_urls(&read("pki/root.der"), vec![format!("{base}/crl/root.crl")])
        .unwrap();
    let ocsp = OcspFetcher::http(&config(), clock)
        .unwrap()
        .with_issuer_urls(&read("pki/inter.der"), vec![format!("{base}/ocsp")])
        .unwrap();
    (crls, ocsp)
}

#[tokio::test]
async fn a_good_answer_replaces_the_leaf_crl_and_is_cached() {
    let fake = Fake::new("good-sha1");
    let base = start(fake.clone()).await;
    let (crls, ocsp) = fetchers(&base, Arc::new(TestClock::at(ocsp_now())));
    let revocation = revocation_for_path(&crls, &ocsp, &good_path()).await;
    let report = verify_with(&revocation, ocsp_now());
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.checks);
    assert_eq!(report.ocsp.len(), 1);
    assert_eq!(report.ocsp[0].status, OcspStatus::Good);
    assert_eq!(report.crls.len(), 1, "the root's CRL, for the intermediate");
    assert_eq!((fake.ocsp_hits(), fake.crl_hits()), (1, 1));

    revocation_for_path(&crls, &ocsp, &good_path()).await;
    assert_eq!(fake.ocsp_hits(), 1, "served from the cache");
}

#[tokio::test]
async fn the_cache_is_refreshed_after_the_max_age() {
    let fake = Fake::new("good-sha1");
    let base = start(fake.clone()).await;
    let clock = Arc::new(TestClock::at(ocsp_now()));
    let (_, ocsp) = fetchers(&base, clock.clone());
    let (leaf, inter) = (read("pki/sign-900101300811.der"), read("pki/inter.der"));
    ocsp.response_for(&leaf, &inter).await.unwrap();
    clock.advance(SignedDuration::from_secs(299));
    ocsp.response_for(&leaf, &inter).await.unwrap();
    assert_eq!(fake.ocsp_hits(), 1);
    clock.advance(SignedDuration::from_secs(2));
    ocsp.response_for(&leaf, &inter).await.unwrap();
    assert_eq!(fake.ocsp_hits(), 2);
}

#[tokio::test]
async fn revoked_by_ocsp_is_revoked() {
    let fake = Fake::new("good-sha1");
    let base = start(fake.clone()).await;
    let (crls, ocsp) = fetchers(&base, Arc::new(TestClock::at(ocsp_now())));
    let path = [
        read("pki/revoked.der"),
        read("pki/inter.der"),
        read("pki/root.der"),
    ];
    let revocation = revocation_for_path(&crls, &ocsp, &path).await;
    let trust = kandas_pki::TrustStore::from_pem_or_der(
        &[&read("pki/root.der")],
        &[&read("pki/inter.der")],
    )
    .unwrap();
    let report = kandas_pki::verify_cms(
        &read("cms/revoked.p7s"),
        None,
        kandas_pki::Purpose::SignDocument,
        None,
        &trust,
        &revocation,
        ocsp_now(),
    );
    assert_eq!(report.code(), Some("eds.revoked"), "{:?}", report.checks);
    assert_eq!(report.ocsp[0].status, OcspStatus::Revoked);
    assert!(report.crls.iter().all(|c| !c.revoked), "decided by OCSP");
}

#[tokio::test]
async fn an_answer_that_does_not_decide_falls_back_to_the_crl() {
    for answer in ["unknown", "expired", "untrusted-responder", "good-p256"] {
        let fake = Fake::new(answer);
        let base = start(fake.clone()).await;
        let (crls, ocsp) = fetchers(&base, Arc::new(TestClock::at(ocsp_now())));
        let revocation = revocation_for_path(&crls, &ocsp, &good_path()).await;
        let report = verify_with(&revocation, ocsp_now());
        assert_eq!(
            report.verdict,
            Verdict::Valid,
            "{answer}: {:?}",
            report.checks
        );
        assert!(report.ocsp.is_empty(), "{answer}");
        assert_eq!(report.crls.len(), 2, "{answer}");
    }
}

#[tokio::test]
async fn a_responder_down_falls_back_to_crls_and_both_down_fails_closed() {
    let fake = Fake::new("good-sha1");
    *fake.down.lock().unwrap() = true;
    let base = start(fake.clone()).await;
    let (crls, ocsp) = fetchers(&base, Arc::new(TestClock::at(ocsp_now())));
    let revocation = revocation_for_path(&crls, &ocsp, &good_path()).await;
    let report = verify_with(&revocation, ocsp_now());
    assert_eq!(report.code(), Some("eds.revocation-unavailable"));
    assert!(report.ocsp.is_empty());

    let base = start(Fake::new("good-sha1")).await;
    let (crls, _) = fetchers(&base, Arc::new(TestClock::at(ocsp_now())));
    let (_, dead_ocsp) = fetchers("http://127.0.0.1:9", Arc::new(TestClock::at(ocsp_now())));
    let revocation = revocation_for_path(&crls, &dead_ocsp, &good_path()).await;
    let report = verify_with(&revocation, ocsp_now());
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.checks);
    assert_eq!(report.crls.len(), 2);
}

#[tokio::test]
async fn a_slow_responder_times_out_and_is_not_asked_again_at_once() {
    let fake = Fake {
        delay: Duration::from_secs(3),
        ..Fake::new("good-sha1")
    };
    let base = start(fake.clone()).await;
    let (_, ocsp) = fetchers(&base, Arc::new(TestClock::at(ocsp_now())));
    let (leaf, inter) = (read("pki/sign-900101300811.der"), read("pki/inter.der"));
    let started = std::time::Instant::now();
    let why = ocsp.response_for(&leaf, &inter).await.unwrap_err();
    assert!(why.contains("timed out"), "{why}");
    assert!(started.elapsed() < Duration::from_secs(2));
    let again = ocsp.response_for(&leaf, &inter).await.unwrap_err();
    assert!(again.contains("not retried yet"), "{again}");
}

#[test]
fn responder_urls_come_from_authority_info_access() {
    assert_eq!(
        ocsp_urls(&fixture("aia-leaf.der")).unwrap(),
        [
            "http://ocsp.test.kandas.kz/",
            "HTTP://Mirror.test.kandas.kz/ocsp"
        ]
    );
    assert!(
        ocsp_urls(&read("pki/sign-900101300811.der"))
            .unwrap()
            .is_empty()
    );
    assert!(ocsp_urls(b"junk").is_err());
    let bad = OcspFetcher::http(&config(), Arc::new(TestClock::at(ocsp_now())))
        .unwrap()
        .with_issuer_urls(&read("pki/inter.der"), vec!["ldap://x".into()]);
    assert!(bad.is_err());
}
