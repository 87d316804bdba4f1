//! Operations endpoints: health, readiness, metrics, the OpenAPI document, the seal's published
//! keys, the dev SMS inbox.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kandas_domain::codes::RequestError;
use serde::Serialize;

use crate::error::WebError;
use crate::{AppState, Environment};

/// The operations routes; `/dev/sms`, `/dev/pki/…` and the OCSP responder `POST /dev/pki/ocsp`
/// only in development (the responder only with the `dev` feature).
pub fn router(state: &AppState) -> axum::Router<AppState> {
    let router = axum::Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/api/openapi.json", get(openapi))
        .route("/.well-known/kandas-seal-keys.json", get(seal_keys));
    if state.environment != Environment::Development {
        return router;
    }
    let router = router.route("/dev/sms", get(dev_sms));
    let router = match &state.dev_clock {
        Some(_) => router.route("/dev/clock", axum::routing::post(dev_clock)),
        None => router,
    };
    match &state.dev_pki {
        Some(dir) => dev_ocsp(router.merge(dev_pki_router(dir.clone())), dir),
        None => router,
    }
}

/// The development OCSP responder and TSA, with the `dev` feature only.
#[cfg(feature = "dev")]
fn dev_ocsp(router: axum::Router<AppState>, dir: &std::path::Path) -> axum::Router<AppState> {
    router
        .merge(crate::dev_ocsp::router(dir.to_path_buf()))
        .merge(crate::dev_tsa::router(dir.to_path_buf()))
}

/// Without the `dev` feature there is no development PKI code to answer OCSP or time-stamp
/// requests with.
#[cfg(not(feature = "dev"))]
fn dev_ocsp(router: axum::Router<AppState>, _dir: &std::path::Path) -> axum::Router<AppState> {
    router
}

/// How far `POST /dev/clock` moves the development clock.
#[derive(serde::Deserialize)]
struct Jump {
    /// Seconds forward, 1 up to 31 days.
    advance_seconds: i64,
}

/// `POST /dev/clock {advance_seconds}`: moves the development server's clock forward (never
/// back); answers `{now}`. Sessions older than their lifetime end, as they would.
async fn dev_clock(
    State(state): State<AppState>,
    crate::api::body::Body(jump): crate::api::body::Body<Jump>,
) -> Result<Json<serde_json::Value>, WebError> {
    let clock = state
        .dev_clock
        .as_ref()
        .ok_or(kandas_app::AppError::NotFound)?;
    let now = clock
        .advance(jump.advance_seconds)
        .ok_or(kandas_app::AppError::BadRequest(
            RequestError::InvalidJson.into(),
        ))?;
    Ok(Json(serde_json::json!({ "now": now })))
}

async fn healthz() -> &'static str {
    "ok"
}

/// How long `/readyz` waits for the database: a load balancer's probe must not hang.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_secs(1);

async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_WITHIN, state.service.store.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready").into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %kandas_app::error::Chain(&e), "not ready");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable or not writable",
            )
                .into_response()
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer within a second");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

async fn metrics(
    State(state): State<AppState>,
    crate::api::ClientIp(client): crate::api::ClientIp,
    headers: axum::http::HeaderMap,
) -> Response {
    if !state.edge.may_read_metrics(&headers, &client) {
        // Not for everyone: as if there were none.
        return StatusCode::NOT_FOUND.into_response();
    }
    if state.metrics.is_some()
        && let Err(e) = kandas_app::telemetry::observe(&state.service).await
    {
        // The counters still answer; the queue's gauges keep their last values.
        tracing::warn!(error = %kandas_app::error::Chain(&e), "reading the job queue for metrics failed");
    }
    match &state.metrics {
        Some(handle) => (
            [(CONTENT_TYPE, "text/plain; version=0.0.4")],
            handle.render(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The seal's published keys (a JWK set) for verifying certificates offline: anyone may fetch
/// them from any origin; cached briefly so that a rotation shows soon.
async fn seal_keys(State(state): State<AppState>) -> Response {
    (
        [
            (CONTENT_TYPE, "application/json"),
            (CACHE_CONTROL, "public, max-age=300"),
            (ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        state.service.seal.keys().to_json(),
    )
        .into_response()
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(crate::api::openapi())
}

#[derive(Serialize)]
struct DevSmsDto {
    phone: String,
    text: String,
    sent_at: jiff::Timestamp,
}

async fn dev_sms(State(state): State<AppState>) -> Result<Json<Vec<DevSmsDto>>, WebError> {
    let all = state
        .service
        .store
        .dev_sms()
        .await
        .map_err(kandas_app::AppError::from)?;
    Ok(Json(
        all.into_iter()
            .map(|s| DevSmsDto {
                phone: s.phone,
                text: s.text,
                sent_at: s.sent_at,
            })
            .collect(),
    ))
}

/// The development PKI's public files (`/dev/pki/root.crt`, `…/intermediate.crl`, …) read from
/// `dir`, so that the CRL distribution points of development certificates answer. Development
/// only; the caller merges it when a development PKI exists. Private keys are never served.
pub fn dev_pki_router(dir: std::path::PathBuf) -> axum::Router<AppState> {
    axum::Router::new().route(
        "/dev/pki/{name}",
        get(
            move |axum::extract::Path(name): axum::extract::Path<String>| {
                let dir = dir.clone();
                async move { dev_pki_file(&dir, &name).await }
            },
        ),
    )
}

async fn dev_pki_file(dir: &std::path::Path, name: &str) -> Response {
    let media = match name {
        "root.crt" | "intermediate.crt" => "application/pkix-cert",
        "root.crl" | "intermediate.crl" => "application/pkix-crl",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match tokio::fs::read(dir.join(name)).await {
        Ok(bytes) => ([(CONTENT_TYPE, media)], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
