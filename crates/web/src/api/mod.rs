//! The JSON API under `/api/v1`: one module per area, every handler annotated for OpenAPI.
//!
//! Conventions: the form version travels in the body (`{version, form}`), not in `If-Match`;
//! `Idempotency-Key` is honoured where API.md says so.

pub mod accesses;
pub mod accounts;
pub mod admin;
pub mod applications;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod body;
pub mod codes;
mod conventions;
pub mod desk;
pub mod desk_dto;
pub mod desk_results;
pub mod dto;
pub mod file_dto;
pub mod form_dto;
pub mod ids;
pub mod notice_dto;
pub mod outcome;
pub mod performance;
pub mod performance_dto;
pub mod person_dto;
pub mod public;
pub mod record_dto;
pub mod review_body;
pub mod review_dto;
pub mod signature_dto;
pub mod signing;
pub mod staff;
pub mod staff_case;
pub mod staff_dto;
pub mod view_dto;
pub mod withdraw;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kandas API",
        description = "The JSON API of the kandas status service. Errors are `{\"error\": {code, message, fields?}}`. An application is signed by SMS code or with an electronic digital signature (NCALayer's base64 CMS over the exact signing document); a signature that is not accepted answers 422 with an `eds.*` code, one that cannot be checked now 503, and the draft stays."
    ),
    components(schemas(dto::ErrorDto))
)]
struct ApiDoc;

/// The API routes with their OpenAPI description.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::login))
        .routes(routes!(auth::confirm_login))
        .routes(routes!(auth::register))
        .routes(routes!(auth::confirm_registration))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::eds_nonce))
        .routes(routes!(auth::eds_sign_in))
        .routes(routes!(applications::list, applications::create))
        .routes(routes!(applications::get))
        .routes(routes!(applications::result))
        .routes(routes!(applications::receipt))
        .routes(routes!(applications::ask_to_reschedule))
        .routes(routes!(applications::protocol))
        .routes(routes!(applications::save_form))
        .routes(routes!(applications::notifications))
        .routes(routes!(accesses::list))
        .routes(routes!(withdraw::withdraw))
        .routes(unlimited(routes!(attachments::upload)))
        .routes(routes!(attachments::download, attachments::remove))
        .routes(routes!(signing::document))
        .routes(routes!(signing::start_sms))
        .routes(routes!(signing::confirm_sms))
        .routes(routes!(signing::eds))
        .routes(routes!(staff::queue))
        .routes(routes!(staff::case))
        .routes(routes!(staff::decide))
        .routes(routes!(staff::completeness))
        .routes(routes!(staff::commission))
        .routes(routes!(staff::hearing))
        .routes(routes!(staff::heard))
        .routes(routes!(staff::sign_off))
        .routes(routes!(staff::end_certificate))
        .routes(routes!(staff::confirm_ending))
        .routes(routes!(staff::annul_ending))
        .routes(routes!(staff::ending))
        .routes(routes!(staff::protocol))
        .routes(routes!(staff_case::take))
        .routes(routes!(staff_case::attachment))
        .routes(routes!(desk::person))
        .routes(routes!(desk::list, desk::create))
        .routes(routes!(desk::case))
        .routes(routes!(desk::save_form))
        .routes(unlimited(routes!(desk::attach)))
        .routes(routes!(desk::custody))
        .routes(routes!(desk::send_code))
        .routes(routes!(desk::accept))
        .routes(routes!(desk::refuse))
        .routes(routes!(desk::receipt))
        .routes(routes!(desk::result))
        .routes(routes!(desk::issue))
        .routes(routes!(desk_results::find))
        .routes(routes!(desk_results::case))
        .routes(routes!(admin::calendar_year, admin::edit_calendar_year))
        .routes(routes!(accounts::list))
        .routes(routes!(accounts::show))
        .routes(routes!(accounts::disable))
        .routes(routes!(accounts::enable))
        .routes(routes!(accounts::roles))
        .routes(routes!(accounts::end_sessions))
        .routes(routes!(accounts::reset_password))
        .routes(routes!(accounts::new_password))
        .routes(routes!(accounts::confirm_new_password))
        .routes(routes!(audit::records))
        .routes(routes!(audit::records_csv))
        .routes(routes!(audit::bundle))
        .routes(routes!(audit::case))
        .routes(routes!(public::certificate))
        .routes(routes!(public::status))
        .routes(routes!(performance::performance))
}

/// An upload route without axum's body limit: its handler reads with [`crate::upload::receive`].
fn unlimited(
    (schemas, paths, route): utoipa_axum::router::UtoipaMethodRouter<AppState>,
) -> utoipa_axum::router::UtoipaMethodRouter<AppState> {
    (schemas, paths, crate::upload::unlimited(route))
}

/// The API routes.
pub fn router() -> axum::Router<AppState> {
    routes().split_for_parts().0
}

/// The OpenAPI document of the API, with the answers every operation of a kind can give.
pub fn openapi() -> utoipa::openapi::OpenApi {
    conventions::complete(routes().into_openapi())
}

/// The client address for rate limits (`unknown` when the server was not started with it).
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(crate::auth::client_ip(parts)))
    }
}

/// The `Idempotency-Key` header, if sent (`kandas_app::idempotency` checks its length); one
/// that is not visible ASCII is `idempotency.key`.
pub fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, crate::error::WebError> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(v) => match v.to_str() {
            Ok(key) => Ok(Some(key.to_owned())),
            Err(_) => Err(crate::error::WebError(kandas_app::AppError::BadRequest(
                kandas_domain::codes::IdempotencyError::Key.into(),
            ))),
        },
    }
}

/// The JSON answer `body` with `status` to a request made with the `Idempotency-Key` `key`:
/// on a replay, the first request's answer as it was then (`kandas_app::idempotency::answer_once`).
pub async fn answered_once<T: serde::Serialize>(
    state: &crate::state::AppState,
    actor: &kandas_app::Actor,
    key: Option<&str>,
    status: axum::http::StatusCode,
    body: &T,
) -> Result<axum::response::Response, crate::error::WebError> {
    let json = serde_json::to_string(body).map_err(kandas_app::AppError::internal)?;
    let first = kandas_app::ports::store::StoredResponse {
        status: status.as_u16(),
        body: json,
    };
    let answer = kandas_app::idempotency::answer_once(&state.service, actor, key, first).await?;
    let status =
        axum::http::StatusCode::from_u16(answer.status).map_err(kandas_app::AppError::internal)?;
    let response = (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        answer.body,
    );
    Ok(axum::response::IntoResponse::into_response(response))
}
