//! The public performance figures (no sign-in): JSON here, the page and its CSV in
//! `pages::performance`.

use axum::Json;
use axum::extract::State;

use super::performance_dto::PerformanceDto;
use crate::AppState;
use crate::error::WebError;

/// The performance of the service over the last twelve months, per local executive body and
/// in total, computed from the cases' events (no personal data; cells under five cases null).
#[utoipa::path(get, path = "/api/v1/performance", tag = "public",
    responses((status = 200, body = PerformanceDto), (status = 429, body = crate::api::dto::ErrorDto, description = "request.too-many: too many requests from this address; `Retry-After` says when to try again")))]
pub async fn performance(
    State(state): State<AppState>,
    super::ClientIp(ip): super::ClientIp,
) -> Result<Json<PerformanceDto>, WebError> {
    state.public_limit.check(&ip)?;
    let figures = kandas_app::performance::figures(&state.service).await?;
    Ok(Json(PerformanceDto::from(&figures)))
}
