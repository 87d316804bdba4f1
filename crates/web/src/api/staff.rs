//! The local executive body's back office: queue, case, decision.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use utoipa::IntoParams;

use super::body::Body;
use super::dto::{DecisionBody, ErrorDto, QueueItemDto, ViewDto};
use super::idempotency_key;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// Queue filters.
#[derive(Deserialize, IntoParams)]
pub struct QueueQuery {
    /// Only this status code.
    pub status: Option<String>,
    /// Only cases past their due date.
    #[serde(default)]
    pub overdue: bool,
}

/// The office's open cases, soonest deadline first.
#[utoipa::path(get, path = "/api/v1/staff/applications", tag = "staff", params(QueueQuery),
    responses((status = 200, body = Vec<QueueItemDto>), (status = 401, body = ErrorDto), (status = 403, body = ErrorDto)))]
pub async fn queue(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(q): Query<QueueQuery>,
) -> Result<Json<Vec<QueueItemDto>>, WebError> {
    let status = q.status.filter(|s| !s.is_empty());
    let cases = kandas_app::staff::queue(&state.service, &actor, status, q.overdue).await?;
    Ok(Json(cases.iter().map(QueueItemDto::from).collect()))
}

/// The whole case (the read is audited); another office's case is 404.
#[utoipa::path(get, path = "/api/v1/staff/applications/{id}", tag = "staff", params(("id" = String, Path)),
    responses((status = 200, body = ViewDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn case(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
) -> Result<Json<ViewDto>, WebError> {
    let view = kandas_app::staff::case(&state.service, &actor, &id).await?;
    Ok(Json(ViewDto::from(&view)))
}

/// Decides a case. A stale `version` is 409. Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/decision", tag = "staff", params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "repeat-safe key")),
    request_body = DecisionBody,
    responses((status = 200, body = ViewDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn decide(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(body): Body<DecisionBody>,
) -> Result<Json<ViewDto>, WebError> {
    let key = idempotency_key(&headers);
    let view = kandas_app::staff::decide(&state.service, &actor, &id, &body.into(), key.as_deref())
        .await?;
    Ok(Json(ViewDto::from(&view)))
}
