//! Sign-in, registration, sign-out and "what the state knows about me".

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use kandas_app::ports::store::User;

use super::ClientIp;
use super::body::Body;
use super::dto::{
    ChallengeDto, ConfirmBody, Credentials, EdsSignIn, NonceDto, ProfileDto, SessionDto, UserDto,
};
use crate::AppState;
use crate::auth::{SignedIn, clear_session_cookie, session_cookie, token};
use crate::error::WebError;
use crate::state::RequestId;

fn user_dto(user: &User) -> UserDto {
    UserDto {
        iin: user.iin.to_string(),
        roles: user.roles.iter().map(|r| r.code().to_owned()).collect(),
    }
}

/// First step of sign-in: IIN and password; a code goes by SMS.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = Credentials,
    responses((status = 200, body = ChallengeDto), (status = 401, body = crate::api::dto::ErrorDto), (status = 422, body = crate::api::dto::ErrorDto), (status = 429, body = crate::api::dto::ErrorDto)))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Extension(RequestId(rid)): Extension<RequestId>,
    Body(body): Body<Credentials>,
) -> Result<Json<ChallengeDto>, WebError> {
    let sent =
        kandas_app::auth::login(&state.service, &body.iin, &body.password, &ip, &rid).await?;
    Ok(Json(ChallengeDto {
        challenge_id: sent.challenge_id,
        phone_masked: sent.phone_masked,
    }))
}

/// Second step of sign-in: the code; answers the token and sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login/confirm", tag = "auth", request_body = ConfirmBody,
    responses((status = 200, body = SessionDto), (status = 422, body = crate::api::dto::ErrorDto), (status = 429, body = crate::api::dto::ErrorDto)))]
pub async fn confirm_login(
    State(state): State<AppState>,
    Extension(RequestId(rid)): Extension<RequestId>,
    Body(body): Body<ConfirmBody>,
) -> Result<Response, WebError> {
    let signed =
        kandas_app::auth::confirm_login(&state.service, &body.challenge_id, &body.code, &rid)
            .await?;
    Ok(session_response(&state, signed))
}

/// The answer that opens a session: the token in the body and the cookie.
fn session_response(state: &AppState, signed: kandas_app::auth::SignedIn) -> Response {
    let cookie = session_cookie(
        &signed.token,
        state.service.limits.session_seconds,
        state.secure_cookies,
    );
    let body = SessionDto {
        user: user_dto(&signed.user),
        token: signed.token,
    };
    ([(SET_COOKIE, cookie)], Json(body)).into_response()
}

/// A nonce to sign with the authentication key in NCALayer (valid 5 minutes, used once).
#[utoipa::path(get, path = "/api/v1/auth/eds/nonce", tag = "auth",
    responses((status = 200, body = NonceDto)))]
pub async fn eds_nonce(State(state): State<AppState>) -> Result<Json<NonceDto>, WebError> {
    let nonce = kandas_app::auth::eds::nonce(&state.service).await?;
    Ok(Json(NonceDto { nonce }))
}

/// Signs in with an electronic digital signature over the nonce (an account is made for a
/// person the population registry knows who has none yet).
#[utoipa::path(post, path = "/api/v1/auth/eds", tag = "auth", request_body = EdsSignIn,
    responses((status = 200, body = SessionDto), (status = 422, body = crate::api::dto::ErrorDto),
        (status = 429, body = crate::api::dto::ErrorDto, description = "request.too-many or otp.locked: too many attempts; `Retry-After` says when to try again"),
        (status = 503, body = crate::api::dto::ErrorDto, description = "the signature cannot be checked now")))]
pub async fn eds_sign_in(
    State(state): State<AppState>,
    Extension(RequestId(rid)): Extension<RequestId>,
    ClientIp(ip): ClientIp,
    Body(body): Body<EdsSignIn>,
) -> Result<Response, WebError> {
    let service = &state.service;
    let signed =
        kandas_app::auth::eds::sign_in(service, &body.nonce, &body.cms, (&ip, &rid)).await?;
    Ok(session_response(&state, signed))
}

/// Starts a registration: a code goes to the phone of the Mobile Citizens Database.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = Credentials,
    responses((status = 200, body = ChallengeDto), (status = 409, body = crate::api::dto::ErrorDto), (status = 422, body = crate::api::dto::ErrorDto), (status = 429, body = crate::api::dto::ErrorDto, description = "request.too-many or otp.locked: too many attempts; `Retry-After` says when to try again")))]
pub async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Body(body): Body<Credentials>,
) -> Result<Json<ChallengeDto>, WebError> {
    let sent = kandas_app::auth::register(&state.service, &body.iin, &body.password, &ip).await?;
    Ok(Json(ChallengeDto {
        challenge_id: sent.challenge_id,
        phone_masked: sent.phone_masked,
    }))
}

/// Finishes a registration with the code.
#[utoipa::path(post, path = "/api/v1/auth/register/confirm", tag = "auth", request_body = ConfirmBody,
    responses((status = 201, body = UserDto), (status = 409, body = crate::api::dto::ErrorDto), (status = 422, body = crate::api::dto::ErrorDto), (status = 429, body = crate::api::dto::ErrorDto, description = "request.too-many or otp.locked: too many attempts; `Retry-After` says when to try again")))]
pub async fn confirm_registration(
    State(state): State<AppState>,
    Extension(RequestId(rid)): Extension<RequestId>,
    Body(body): Body<ConfirmBody>,
) -> Result<(StatusCode, Json<UserDto>), WebError> {
    let user = kandas_app::auth::confirm_registration(
        &state.service,
        &body.challenge_id,
        &body.code,
        &rid,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(user_dto(&user))))
}

/// Ends the session of the bearer token or cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, request: Request) -> Result<Response, WebError> {
    let (parts, _) = request.into_parts();
    if let Some((token, _)) = token(&parts, state.secure_cookies) {
        kandas_app::auth::logout(&state.service, &token).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(SET_COOKIE, clear_session_cookie(state.secure_cookies))],
    )
        .into_response())
}

/// The signed-in person as the registries know them, each value with its source.
#[utoipa::path(get, path = "/api/v1/me", tag = "applicant",
    responses((status = 200, body = ProfileDto), (status = 401, body = crate::api::dto::ErrorDto)))]
pub async fn me(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> Result<Json<ProfileDto>, WebError> {
    let profile = kandas_app::applicant::profile::profile(&state.service, &actor).await?;
    Ok(Json(ProfileDto::of(&profile)))
}
