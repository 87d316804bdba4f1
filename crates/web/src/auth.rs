//! Who is calling: the session cookie (pages) or `Authorization: Bearer` (programs).

use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use kandas_app::Actor;

use crate::error::WebError;
use crate::state::{AppState, RequestId};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "kandas_session";

/// The value of a cookie in the request.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The client address (for rate limits): the peer of the connection, never a header a client
/// could forge; `unknown` when the server was not started with connection info.
pub fn client_ip(parts: &Parts) -> String {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
}

/// The session token of the request, from the bearer header or the cookie.
pub fn token(parts: &Parts) -> Option<String> {
    let bearer = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    bearer
        .or_else(|| cookie(parts, SESSION_COOKIE))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The `Set-Cookie` value that opens a session in a browser.
pub fn session_cookie(token: &str, max_age_seconds: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"
    )
}

/// The `Set-Cookie` value that ends it.
pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The signed-in actor; rejects with 401 when there is none.
pub struct SignedIn(pub Actor);

/// The actor if signed in.
pub struct MaybeSignedIn(pub Option<Actor>);

impl FromRequestParts<AppState> for MaybeSignedIn {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let Some(token) = token(parts) else {
            return Ok(MaybeSignedIn(None));
        };
        let actor = kandas_app::auth::authenticate(&state.service, &token, &request_id).await?;
        Ok(MaybeSignedIn(actor))
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeSignedIn(actor) = MaybeSignedIn::from_request_parts(parts, state).await?;
        actor
            .map(SignedIn)
            .ok_or_else(|| WebError::from(kandas_app::AppError::NotSignedIn))
    }
}
