//! Who is calling: the session cookie (pages) or `Authorization: Bearer` (programs).

use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use kandas_app::Actor;

use crate::error::WebError;
use crate::state::{AppState, RequestId};

/// The name of the session cookie over plain HTTP (development).
pub const SESSION_COOKIE: &str = "kandas_session";

/// The session cookie's name: behind HTTPS with the `__Host-` prefix (Secure, `Path=/`, no
/// domain), so that no subdomain or plain-HTTP page can set or shadow it.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-kandas_session"
    } else {
        SESSION_COOKIE
    }
}

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

/// The client address (for rate limits and the audit trail), as the middleware found it: the
/// connection's peer, or the address a trusted proxy forwarded (`[web] trusted_proxies`);
/// `unknown` when the server was not started with connection info.
pub fn client_ip(parts: &Parts) -> String {
    match parts.extensions.get::<crate::edge::ClientAddr>() {
        Some(addr) => addr.0.clone(),
        None => crate::edge::peer(&parts.extensions),
    }
}

/// Where a session token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// `Authorization: Bearer …` (programs): no browser sends it by itself.
    Bearer,
    /// The session cookie (pages): a browser sends it with any request, so its origin matters.
    Cookie,
}

/// The session token of the request, from the bearer header or the cookie.
pub fn token(parts: &Parts, secure: bool) -> Option<(String, TokenSource)> {
    let bearer = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    match bearer {
        Some(t) => Some((t.to_owned(), TokenSource::Bearer)),
        None => cookie(parts, session_cookie_name(secure))
            .filter(|t| !t.is_empty())
            .map(|t| (t.to_owned(), TokenSource::Cookie)),
    }
}

/// The `Set-Cookie` value that opens a session in a browser.
pub fn session_cookie(token: &str, max_age_seconds: i64, secure: bool) -> String {
    let name = session_cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}")
}

/// The `Set-Cookie` value that ends it.
pub fn clear_session_cookie(secure: bool) -> String {
    let name = session_cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
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
        let Some((token, _)) = token(parts, state.secure_cookies) else {
            return Ok(MaybeSignedIn(None));
        };
        let actor = kandas_app::auth::authenticate(&state.service, &token, &request_id).await?;
        if let Some(actor) = &actor {
            crate::request_log::record_actor(actor);
        }
        Ok(MaybeSignedIn(actor))
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // The JSON API takes the session cookie only from this site's own pages: a cookie sent
        // by a request another site started is refused (bearer tokens need no such check).
        let from_cookie = matches!(
            token(parts, state.secure_cookies),
            Some((_, TokenSource::Cookie))
        );
        if from_cookie && !crate::csrf::same_origin(&parts.headers) {
            return Err(WebError::from(kandas_app::AppError::Refused(
                kandas_domain::codes::AuthError::CrossOrigin.into(),
            )));
        }
        let MaybeSignedIn(actor) = MaybeSignedIn::from_request_parts(parts, state).await?;
        actor
            .map(SignedIn)
            .ok_or_else(|| WebError::from(kandas_app::AppError::NotSignedIn))
    }
}
