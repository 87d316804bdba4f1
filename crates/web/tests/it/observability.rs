//! What the operators see: a failed page or API call is logged once, at error level, with the
//! request id it answered and the whole cause chain; a request that takes too long is answered
//! 503 in time; `/metrics` shows the jobs, the outbox, signature checks and the pools.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use kandas_app::ports::registry::{RegisteredCertificate, Registry, RegistryError};
use kandas_app::ports::store::JobStore;
use kandas_domain::iin::Iin;
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::person::Person;
use kandas_domain::phone::PhoneNumber;
use kandas_store::SqlStore;
use kandas_testkit::{TestApp, dev_pki};
use metrics_exporter_prometheus::PrometheusHandle;
use serde_json::{Value, json};
use tower::ServiceExt;

const APPLICANT: &str = "900101300811";

/// Log output kept in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// The lines of the request log that report a failure.
    fn failures(&self) -> Vec<String> {
        String::from_utf8(self.0.lock().unwrap().clone())
            .unwrap()
            .lines()
            .filter(|l| l.contains("request failed"))
            .map(str::to_owned)
            .collect()
    }
}

thread_local! {
    /// Where this thread's log lines go while a test captures them.
    static SINK: std::cell::RefCell<Option<Captured>> = const { std::cell::RefCell::new(None) };
}

/// Writes into the capturing test's buffer, or nowhere.
struct ThreadSink;

impl Write for ThreadSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        SINK.with(|sink| match sink.borrow_mut().as_mut() {
            Some(captured) => captured.write(buf),
            None => Ok(buf.len()),
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Stops capturing this thread's logs when dropped.
struct CaptureGuard;

impl Drop for CaptureGuard {
    fn drop(&mut self) {
        SINK.with(|sink| sink.borrow_mut().take());
    }
}

/// Logs of this test's thread (the test runtime runs the requests on it) into memory. The
/// subscriber is the process's global one, installed once: a subscriber scoped to one thread
/// lets tracing cache a span's callsite as uninteresting when another test's thread reaches it
/// first, and the request's span would then be missing from the line.
fn capture() -> (Captured, CaptureGuard) {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_writer(|| ThreadSink)
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other global subscriber in the web test binary");
    });
    let captured = Captured::default();
    SINK.with(|sink| *sink.borrow_mut() = Some(captured.clone()));
    (captured, CaptureGuard)
}

fn request_id(headers: &HeaderMap) -> String {
    headers["x-request-id"].to_str().unwrap().to_owned()
}

/// The database goes away under a signed-in person: the page says 503 (try again shortly) with
/// the request id, and the log has one error line with that id and the driver's message under
/// ours.
async fn a_failing_page_is_logged_with_its_chain(app: &TestApp) {
    let token = app.sign_in(APPLICANT).await;
    app.store.close().await;
    let (captured, _guard) = capture();
    let page = Request::get("/cabinet?lang=en")
        .header("cookie", format!("kandas_session={token}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = app.send(page).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["retry-after"], "5");
    let id = request_id(&headers);
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains(&id), "the page shows the request id: {html}");
    assert!(
        !html.contains("closed pool"),
        "the cause is for the log only"
    );
    let lines = captured.failures();
    assert_eq!(lines.len(), 1, "logged once: {lines:?}");
    let line = &lines[0];
    assert!(line.contains("ERROR") && line.contains(&id), "{line}");
    assert!(
        line.contains("unavailable: database unavailable: ") && line.contains("closed pool"),
        "the whole chain: {line}"
    );
    assert!(
        line.contains("route=/cabinet"),
        "in the request's span: {line}"
    );

    let (status, headers, json) = app.request("GET", "/api/v1/me", None, Some(&token)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{json}");
    assert_eq!(json["error"]["code"], "service.unavailable");
    let id = request_id(&headers);
    let lines = captured.failures();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[1].contains(&id) && lines[1].contains("closed pool"),
        "{}",
        lines[1]
    );
}

crate::on_both_backends!(
    a_failing_page_is_logged_with_its_chain,
    failing_page_sqlite,
    failing_page_postgres
);

/// A registry that answers, but only after a long while.
struct SlowRegistry(SqlStore);

const SLOW: Duration = Duration::from_secs(10);

#[async_trait]
impl Registry for SlowRegistry {
    async fn person(&self, iin: &Iin) -> Result<Option<Person>, RegistryError> {
        tokio::time::sleep(SLOW).await;
        self.0.person(iin).await
    }
    async fn mobile_phone(&self, iin: &Iin) -> Result<Option<PhoneNumber>, RegistryError> {
        self.0.mobile_phone(iin).await
    }
    async fn certificate(&self, iin: &Iin) -> Result<Option<RegisteredCertificate>, RegistryError> {
        self.0.certificate(iin).await
    }
    async fn certificate_by_number(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<RegisteredCertificate>, RegistryError> {
        tokio::time::sleep(SLOW).await;
        self.0.certificate_by_number(number).await
    }
    async fn consent_decision(&self, iin: &Iin) -> Result<bool, RegistryError> {
        self.0.consent_decision(iin).await
    }
}

async fn send_to(
    router: &axum::Router,
    request: Request<Body>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let response = router.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    (parts.status, parts.headers, bytes.to_vec())
}

/// With a tenth of a second allowed, a slow registry's page and API call are answered 503 in
/// time (translated), and logged as faults.
async fn a_slow_request_is_answered_in_time(app: &TestApp) {
    let token = app.sign_in(APPLICANT).await;
    let mut state = app.state.clone();
    state.service.registry = Arc::new(SlowRegistry(app.store.clone()));
    state.edge.request_timeout = Duration::from_millis(100);
    let router = kandas_web::router(state);
    let (captured, _guard) = capture();
    let started = Instant::now();
    let api = Request::get("/api/v1/me")
        .header("authorization", format!("Bearer {token}"))
        .header("accept-language", "kk")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send_to(&router, api).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["error"]["code"], "service.unavailable", "{json}");
    assert_eq!(
        json["error"]["message"],
        kandas_i18n::text("kk", "service.unavailable")
    );
    let page = Request::get("/verify/KC-2025-900001?lang=en")
        .body(Body::empty())
        .unwrap();
    let (status, page_headers, body) = send_to(&router, page).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("<html"), "the error page: {html}");
    assert!(html.contains(&request_id(&page_headers)), "{html}");
    assert!(started.elapsed() < SLOW / 2, "answered before the registry");
    let lines = captured.failures();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains(&request_id(&headers)), "{}", lines[0]);
    assert!(
        lines[0].contains("role=\"applicant\""),
        "the actor's role: {}",
        lines[0]
    );
    assert!(lines[1].contains("no answer within 100 ms"), "{}", lines[1]);
}

crate::on_both_backends!(
    a_slow_request_is_answered_in_time,
    slow_request_sqlite,
    slow_request_postgres
);

/// The process-wide recorder (installed once for the whole test binary).
fn recorder() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            metrics_exporter_prometheus::PrometheusBuilder::new()
                .install_recorder()
                .unwrap()
        })
        .clone()
}

/// After a sign-in by SMS and one by EDS, a scrape shows the job, outbox, signature and pool
/// metrics.
async fn metrics_show_jobs_outbox_signatures_and_pools(app: &TestApp) {
    let mut state = app.state.clone();
    state.metrics = Some(recorder());
    let router = kandas_web::router(state);
    app.sign_in(APPLICANT).await;
    let (_, _, json) = app
        .request("GET", "/api/v1/auth/eds/nonce", None, None)
        .await;
    let nonce = json["nonce"].as_str().unwrap().to_owned();
    let key = &dev_pki().person(APPLICANT).unwrap().auth;
    let cms = crate::eds::cms_claiming(
        key,
        nonce.as_bytes(),
        kandas_app::ports::Clock::now(&*app.clock),
    );
    let body = json!({ "nonce": nonce, "cms": cms });
    let (status, _, json) = app
        .request("POST", "/api/v1/auth/eds", Some(body), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    // Something still waits when scraped: a code that has not gone yet.
    let body = json!({ "iin": APPLICANT, "password": kandas_store::demo::PASSWORD });
    app.request("POST", "/api/v1/auth/login", Some(body), None)
        .await;
    assert_eq!(
        app.store.job_queue().await.unwrap().queued,
        vec![("sms", 1)]
    );

    let scrape = Request::get("/metrics").body(Body::empty()).unwrap();
    let (status, _, body) = send_to(&router, scrape).await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(body).unwrap();
    for series in [
        "kandas_job_attempts_total{kind=\"sms\"}",
        "kandas_outbox_deliveries_total{channel=\"sms\",outcome=\"sent\"}",
        "kandas_signature_checks_total{purpose=\"authenticate\",outcome=\"valid\"}",
        // Both backends' runs share the recorder: the values are theirs, the series are here.
        "kandas_jobs_queued{kind=\"sms\"} ",
        "kandas_jobs_queued{kind=\"notify\"} ",
        "kandas_jobs_oldest_queued_age_seconds",
        "kandas_db_pool_connections{pool=",
        "kandas_db_pool_max_connections{pool=",
    ] {
        assert!(text.contains(series), "{series} missing from\n{text}");
    }
}

crate::on_both_backends!(
    metrics_show_jobs_outbox_signatures_and_pools,
    metrics_sqlite,
    metrics_postgres
);
