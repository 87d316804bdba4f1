//! Signing with an electronic digital signature through NCALayer: the posted CMS of the signing
//! page and of the sign-in page, and the bridge script that asks NCALayer for it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use kandas_app::AppError;
use kandas_app::applicant::sign;
use kandas_domain::codes::{AuthError, ErrorCode};
use serde::Deserialize;

use super::layout::{Ctx, HasCsrf, Posted, SignedCtx, see_other};
use crate::AppState;
use crate::error::status_of;

/// What the sign-in page needs for its EDS form: the nonce NCALayer signs.
pub struct EdsLogin {
    /// The nonce, posted back with the signature.
    pub nonce: String,
    /// Base64 of the nonce's UTF-8 bytes: what NCALayer decodes and signs.
    pub document: String,
}

/// A fresh nonce for the sign-in page; without one the page shows no EDS form.
pub async fn login_nonce(state: &AppState) -> Option<EdsLogin> {
    match kandas_app::auth::eds::nonce(&state.service).await {
        Ok(nonce) => Some(EdsLogin {
            document: BASE64.encode(nonce.as_bytes()),
            nonce,
        }),
        Err(e) => {
            tracing::warn!(error = %e, "no EDS sign-in nonce");
            None
        }
    }
}

/// Whether an error is about the signature (shown by the EDS form, 422 or 503).
pub fn is_eds_error(error: &AppError) -> bool {
    matches!(
        error,
        AppError::SignatureRefused(_)
            | AppError::SignatureUncheckable(_)
            | AppError::Unavailable(_)
            | AppError::Code(ErrorCode::Auth(AuthError::EdsNonce))
            | AppError::Conflict(ErrorCode::Auth(AuthError::EdsNotInRegistry))
    )
}

/// The status of a form page showing `error`: 503 when the signature cannot be checked now, 429
/// when there were too many attempts, else 422.
pub fn form_status(error: &AppError) -> StatusCode {
    match status_of(error) {
        StatusCode::SERVICE_UNAVAILABLE => StatusCode::SERVICE_UNAVAILABLE,
        StatusCode::TOO_MANY_REQUESTS => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The posted signature of the signing page.
#[derive(Deserialize)]
pub struct SignEdsForm {
    csrf: String,
    #[serde(default)]
    cms: String,
}

impl HasCsrf for SignEdsForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /applications/{id}/sign/eds`: verifies the signature and registers the application.
pub async fn sign_eds(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<SignEdsForm>,
) -> Response {
    match sign::confirm_eds(&state.service, &ctx.actor, &id, &f.cms).await {
        Ok(_) => see_other(&format!("/applications/{id}/done")),
        Err(e) if is_eds_error(&e) || matches!(e, AppError::Invalid(_) | AppError::Conflict(_)) => {
            let mut page = super::sign::review_page(&ctx, &state, &id, Some(&e)).await;
            if page.status() == StatusCode::UNPROCESSABLE_ENTITY {
                *page.status_mut() = form_status(&e);
            }
            page
        }
        Err(e) => ctx.failure(&e),
    }
}

/// The posted signature of the sign-in page.
#[derive(Deserialize)]
pub struct LoginEdsForm {
    csrf: String,
    #[serde(default)]
    nonce: String,
    #[serde(default)]
    cms: String,
    /// Where the person was going.
    #[serde(default)]
    next: String,
}

impl HasCsrf for LoginEdsForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /login/eds`: verifies the signature over the nonce and opens the session.
pub async fn login_eds(
    ctx: Ctx,
    State(state): State<AppState>,
    Posted(f): Posted<LoginEdsForm>,
) -> Response {
    let who = (ctx.ip.as_str(), ctx.request_id.as_str());
    let signed = kandas_app::auth::eds::sign_in(&state.service, &f.nonce, &f.cms, who).await;
    match signed {
        Ok(signed) => super::login::signed_in(&ctx, &state, &signed, &f.next),
        Err(e) => {
            let eds = login_nonce(&state).await;
            super::login::login_credentials(&ctx, "", Some(&e), eds, &f.next)
        }
    }
}

/// `GET /static/ncalayer.js`: the bridge to NCALayer, the portal's only script.
pub async fn script() -> Response {
    let headers = [
        (CONTENT_TYPE, "text/javascript; charset=utf-8"),
        (CACHE_CONTROL, "public, max-age=3600"),
    ];
    (headers, include_str!("../../static/ncalayer.js")).into_response()
}
