//! What anyone may ask without signing in.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::ErrorDto;
use crate::AppState;
use crate::error::WebError;

/// The public answer about a kandas certificate.
#[derive(Serialize, ToSchema)]
pub struct CertificateDto {
    /// `KC-YYYY-NNNNNN`.
    pub number: String,
    /// `valid`, `extended` or `expired` (`terminated` and `revoked` come with issue 5).
    pub status: String,
    /// Last day of validity, `YYYY-MM-DD`.
    pub valid_until: String,
    /// The holder's IIN with the middle hidden.
    pub holder_masked: String,
    /// The issuing local executive body.
    pub issuer: String,
}

/// Checks a kandas certificate by its number.
#[utoipa::path(get, path = "/api/v1/certificates/{number}", tag = "public", params(("number" = String, Path)),
    responses((status = 200, body = CertificateDto), (status = 404, body = ErrorDto)))]
pub async fn certificate(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> Result<Json<CertificateDto>, WebError> {
    let c = kandas_app::public::certificate(&state.service, &number).await?;
    let status = serde_json::to_value(c.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    Ok(Json(CertificateDto {
        number: c.number,
        status,
        valid_until: c.valid_until,
        holder_masked: c.holder_masked,
        issuer: c.issuer,
    }))
}
