//! Signing a draft: the signing document, the SMS signature; EDS answers "not yet" (issue 3).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

use super::ClientIp;
use super::body::Body;
use super::dto::{ApplicationDto, CodeBody, EdsBody, ErrorDto, PhoneDto};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// The exact bytes a signature covers (canonical JSON); their SHA-256 is in `X-Content-SHA256`.
#[utoipa::path(get, path = "/api/v1/applications/{id}/signing-document", tag = "signing", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, description = "the document bytes; header X-Content-SHA256 holds their SHA-256 (hex)"), (status = 404, body = ErrorDto)))]
pub async fn document(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
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
#[utoipa::path(post, path = "/api/v1/applications/{id}/sign/sms", tag = "signing", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 202, body = PhoneDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto, description = "missing fields or documents"), (status = 429, body = ErrorDto)))]
pub async fn start_sms(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    ClientIp(ip): ClientIp,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
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
#[utoipa::path(post, path = "/api/v1/applications/{id}/sign/sms/confirm", tag = "signing", params(("id" = crate::api::codes::Id, Path)), request_body = CodeBody,
    responses((status = 200, body = ApplicationDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto), (status = 429, body = ErrorDto)))]
pub async fn confirm_sms(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<CodeBody>,
) -> Result<Json<ApplicationDto>, WebError> {
    let application =
        kandas_app::applicant::sign::confirm_sms(&state.service, &actor, &id, &body.code).await?;
    Ok(Json(ApplicationDto::from(&application)))
}

/// Signs with an electronic digital signature: `cms` is NCALayer's base64 CMS over the exact
/// signing document. The signature is verified against the national PKI (chain, validity at the
/// signing time, revocation, key usage, the applicant's IIN); a refused signature loses nothing.
#[utoipa::path(post, path = "/api/v1/applications/{id}/sign/eds", tag = "signing", params(("id" = crate::api::codes::Id, Path)),
    request_body = EdsBody,
    responses((status = 200, body = ApplicationDto), (status = 401, body = ErrorDto), (status = 404, body = ErrorDto),
        (status = 422, body = ErrorDto, description = "the signature is not accepted: `eds.*` says why"),
        (status = 503, body = ErrorDto, description = "the signature cannot be checked now (e.g. revocation unreachable): try again or sign by SMS")))]
pub async fn eds(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<EdsBody>,
) -> Result<Json<ApplicationDto>, WebError> {
    let application =
        kandas_app::applicant::sign::confirm_eds(&state.service, &actor, &id, &body.cms).await?;
    Ok(Json(ApplicationDto::from(&application)))
}
