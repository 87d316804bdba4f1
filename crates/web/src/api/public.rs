//! What anyone may ask without signing in.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::{
    ApplicationNumberText, CertificateNumberText, CertificateStatusCode, ChannelCode, KindCode,
    StatusCode,
};
use super::dto::ErrorDto;
use crate::AppState;
use crate::error::WebError;

/// The public answer about a kandas certificate.
#[derive(Serialize, ToSchema)]
pub struct CertificateDto {
    /// `KC-YYYY-NNNNNN`.
    #[schema(value_type = CertificateNumberText)]
    pub number: String,
    /// `valid`, `extended`, `expired`, `terminated` (the holder became a citizen) or `revoked`.
    #[schema(value_type = CertificateStatusCode)]
    pub status: String,
    /// Last day of validity.
    #[schema(value_type = String, format = Date)]
    pub valid_until: String,
    /// The holder's IIN with the middle hidden.
    pub holder_masked: String,
    /// The issuing local executive body.
    pub issuer: String,
}

/// The check code printed on a certificate, for checking it without a camera.
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct CheckCode {
    /// The ten digits under the certificate's QR code (spaces and dashes allowed); a wrong code
    /// is 404.
    pub code: Option<String>,
}

/// Checks a kandas certificate by its number, and with `code` that the paper is genuine.
#[utoipa::path(get, path = "/api/v1/certificates/{number}", tag = "public", params(("number" = crate::api::codes::CertificateNumberText, Path), CheckCode),
    responses((status = 200, body = CertificateDto), (status = 404, body = ErrorDto), (status = 429, body = crate::api::dto::ErrorDto, description = "request.too-many or otp.locked: too many attempts; `Retry-After` says when to try again")))]
pub async fn certificate(
    State(state): State<AppState>,
    super::ClientIp(ip): super::ClientIp,
    Path(number): Path<String>,
    super::body::Query(q): super::body::Query<CheckCode>,
) -> Result<Json<CertificateDto>, WebError> {
    state.public_limit.check(&ip)?;
    let c = match q.code {
        Some(code) => {
            kandas_app::sealing::certificate_with_code(&state.service, &number, &code).await?
        }
        None => kandas_app::public::certificate(&state.service, &number).await?,
    };
    let status = c.status.code().to_owned();
    metrics::counter!("certificate_checks_total", "status" => status.clone()).increment(1);
    Ok(Json(CertificateDto {
        number: c.number,
        status,
        valid_until: c.valid_until,
        holder_masked: c.holder_masked,
        issuer: c.issuer,
    }))
}

/// The key printed with the status link.
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct StatusKey {
    /// The key from the receipt's QR code.
    #[serde(default)]
    pub key: String,
}

/// Where an application stands, without personal data.
#[derive(Serialize, ToSchema)]
pub struct StatusDto {
    /// The application number.
    #[schema(value_type = ApplicationNumberText)]
    pub number: String,
    /// The kind.
    #[schema(value_type = KindCode)]
    pub kind: String,
    /// The status.
    #[schema(value_type = StatusCode)]
    pub status: String,
    /// Where it was made.
    #[schema(value_type = ChannelCode)]
    pub channel: String,
    /// Decision due by.
    #[schema(value_type = Option<String>, format = Date)]
    pub due: Option<String>,
    /// Whether it is (or was decided) on time.
    pub on_time: Option<bool>,
    /// Decided: the result can be collected.
    pub result_ready: bool,
}

/// The status of an application for whoever holds its receipt (the key from the QR code); a
/// wrong key is 404.
#[utoipa::path(get, path = "/api/v1/status/{number}", tag = "public", params(("number" = crate::api::codes::ApplicationNumberText, Path), StatusKey),
    responses((status = 200, body = StatusDto), (status = 404, body = ErrorDto), (status = 429, body = crate::api::dto::ErrorDto, description = "request.too-many or otp.locked: too many attempts; `Retry-After` says when to try again")))]
pub async fn status(
    State(state): State<AppState>,
    super::ClientIp(ip): super::ClientIp,
    Path(number): Path<String>,
    super::body::Query(q): super::body::Query<StatusKey>,
) -> Result<Json<StatusDto>, WebError> {
    state.public_limit.check(&ip)?;
    let s = kandas_app::public::status(&state.service, &number, &q.key).await?;
    Ok(Json(StatusDto {
        number: s.number,
        kind: s.kind.to_owned(),
        status: s.status.to_owned(),
        channel: s.channel.to_owned(),
        due: s.due.map(|d| d.to_string()),
        on_time: s.on_time,
        result_ready: s.result_ready,
    }))
}
