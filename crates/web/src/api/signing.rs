//! Signing a draft: the signing document, the SMS signature; EDS answers "not yet" (issue 3).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use kandas_app::AppError;

use super::ClientIp;
use super::body::Body;
use super::dto::{ApplicationDto, CodeBody, ErrorDto, PhoneDto};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// The exact bytes a signature covers (canonical JSON); their SHA-256 is in `X-Content-SHA256`.
#[utoipa::path(get, path = "/api/v1/applications/{id}/signing-document", tag = "signing", params(("id" = String, Path)),
    responses((status = 200, description = "the document bytes; header X-Content-SHA256 holds their SHA-256 (hex)"), (status = 404, body = ErrorDto)))]
pub async fn document(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let doc = kandas_app::applicant::sign::signing_document(&state.service, &actor, &id).await?;
    let headers = [
        (CONTENT_TYPE, "application/json".to_owned()),
        (
            axum::http::HeaderName::from_static("x-content-sha256"),
            doc.sha256,
        ),
    ];
    Ok((headers, doc.bytes).into_response())
}

/// Sends an SMS code bound to the current signing document.
#[utoipa::path(post, path = "/api/v1/applications/{id}/sign/sms", tag = "signing", params(("id" = String, Path)),
    responses((status = 202, body = PhoneDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto, description = "missing fields or documents"), (status = 429, body = ErrorDto)))]
pub async fn start_sms(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<PhoneDto>), WebError> {
    let sent = kandas_app::applicant::sign::start_sms(&state.service, &actor, &id, &ip).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(PhoneDto {
            phone_masked: sent.phone_masked,
        }),
    ))
}

/// Confirms the SMS code: the application is submitted and registered.
#[utoipa::path(post, path = "/api/v1/applications/{id}/sign/sms/confirm", tag = "signing", params(("id" = String, Path)), request_body = CodeBody,
    responses((status = 200, body = ApplicationDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto), (status = 429, body = ErrorDto)))]
pub async fn confirm_sms(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    Body(body): Body<CodeBody>,
) -> Result<Json<ApplicationDto>, WebError> {
    let application =
        kandas_app::applicant::sign::confirm_sms(&state.service, &actor, &id, &body.code).await?;
    Ok(Json(ApplicationDto::from(&application)))
}

/// Signing with an electronic digital signature (CMS from NCALayer). **Not available yet**
/// (issue 3): always answers 422 `sign.eds-unavailable`; no signature is verified or faked.
#[utoipa::path(post, path = "/api/v1/applications/{id}/sign/eds", tag = "signing", params(("id" = String, Path)),
    responses((status = 401, body = ErrorDto), (status = 422, body = ErrorDto, description = "sign.eds-unavailable")))]
pub async fn eds(SignedIn(_actor): SignedIn, Path(_id): Path<String>) -> WebError {
    WebError(AppError::BadRequest("sign.eds-unavailable"))
}
