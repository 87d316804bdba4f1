//! The shared state of the web layer and the middleware every response passes through:
//! request ids, language, translated errors, security headers and body limits.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use kandas_app::Service;

use crate::error::ErrorBody;

/// Which kind of deployment this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Local development: demo data, console SMS, `/dev/sms`.
    Development,
    /// Production: none of that.
    Production,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The use cases and their ports.
    pub service: Service,
    /// The environment.
    pub environment: Environment,
    /// Whether cookies get `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// The Prometheus exporter, when metrics are on.
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
    /// The development PKI's folder, whose certificates and CRLs `/dev/pki/…` serves
    /// (development only).
    pub dev_pki: Option<std::path::PathBuf>,
    /// The public checks' limit per client address.
    pub public_limit: std::sync::Arc<crate::limits::RateLimiter>,
    /// Trusted proxies, who reads `/metrics`, HSTS.
    pub edge: crate::edge::EdgePolicy,
    /// The clock `POST /dev/clock` moves forward (development only).
    pub dev_clock: Option<std::sync::Arc<kandas_app::ports::clock::TravellingClock>>,
    /// The uploads read at once.
    pub uploads: crate::upload::UploadGate,
}

/// The id of the current request (from `X-Request-Id` or made here).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

tokio::task_local! {
    /// The id of the request being answered, for the error pages and logs written deep inside
    /// handlers (the 500 page shows it so that a person can quote it).
    pub(crate) static CURRENT_REQUEST_ID: String;
}

/// The id of the request being answered (empty outside a request).
pub fn current_request_id() -> String {
    CURRENT_REQUEST_ID
        .try_with(Clone::clone)
        .unwrap_or_default()
}

/// The language of the current request: `kk`, `ru` or `en`.
#[derive(Debug, Clone, Copy)]
pub struct Lang(pub &'static str);

/// The language cookie set by the switch on every page.
pub const LANG_COOKIE: &str = "kandas_lang";

fn request_lang(request: &Request) -> &'static str {
    let from_query = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("lang=")))
        .filter(|l| kandas_i18n::LANGUAGES.contains(l));
    let from_cookie = request
        .headers()
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            kv.trim()
                .strip_prefix(&format!("{LANG_COOKIE}="))
                .map(str::to_owned)
        });
    let from_header = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(kandas_i18n::negotiate);
    from_query
        .map(kandas_i18n::language)
        .or(from_cookie.as_deref().map(kandas_i18n::language))
        .or(from_header)
        .unwrap_or("ru")
}

async fn context(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let (id, sent) = crate::edge::request_id(request.headers());
    if let Some(sent) = sent {
        // The client's own id is not ours to write into the audit trail: logged apart.
        tracing::debug!(request_id = %id, client_request_id = %sent, "client sent a request id");
    }
    let client = state.edge.client(request.headers(), request.extensions());
    request
        .extensions_mut()
        .insert(crate::edge::ClientAddr(client));
    let static_asset = request.uri().path().starts_with("/static/");
    let lang = request_lang(&request);
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().to_string();
    let started = std::time::Instant::now();
    request.extensions_mut().insert(RequestId(id.clone()));
    request.extensions_mut().insert(Lang(lang));
    let mut response = CURRENT_REQUEST_ID
        .scope(id.clone(), crate::request_log::scope(next.run(request)))
        .await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    if let Some(body) = response.extensions_mut().remove::<ErrorBody>() {
        let status = response.status();
        let headers = response.headers().clone();
        response = (status, body.into_json(lang)).into_response();
        for (name, value) in &headers {
            if name != CONTENT_TYPE {
                response.headers_mut().insert(name, value.clone());
            }
        }
    }
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&id) {
        headers.insert(HeaderName::from_static("x-request-id"), v);
    }
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
        (
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self' wss://127.0.0.1:13579; frame-ancestors 'none'; form-action 'self'",
        ),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        ),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    if !static_asset {
        // Pages and answers carry personal data: no cache may keep them.
        headers
            .entry(axum::http::header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    if state.edge.hsts {
        headers.insert(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// Wraps the router with the middleware and the state.
pub fn with_middleware(router: axum::Router<AppState>, state: AppState) -> axum::Router {
    let limit = state.service.limits.max_attachment_bytes + 64 * 1024;
    let trace = tower_http::trace::TraceLayer::new_for_http()
        .make_span_with(crate::request_log::make_span::<Body>)
        .on_response(crate::request_log::on_response::<Body>)
        // The one line per failed request is `on_response`'s.
        .on_failure(());
    router
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::timeout::limit,
        ))
        .layer(trace)
        .layer(middleware::from_fn_with_state(state.clone(), context))
        .with_state(state)
}

/// An empty response body (used by handlers that answer with a status only).
pub fn empty() -> Body {
    Body::empty()
}
