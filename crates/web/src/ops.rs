//! Operations endpoints: health, readiness, metrics, the OpenAPI document, the dev SMS inbox.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

use crate::error::WebError;
use crate::{AppState, Environment};

/// The operations routes; `/dev/sms` only in development.
pub fn router(state: &AppState) -> axum::Router<AppState> {
    let router = axum::Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/api/openapi.json", get(openapi));
    if state.environment == Environment::Development {
        router.route("/dev/sms", get(dev_sms))
    } else {
        router
    }
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.service.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    match &state.metrics {
        Some(handle) => (
            [(CONTENT_TYPE, "text/plain; version=0.0.4")],
            handle.render(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
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
