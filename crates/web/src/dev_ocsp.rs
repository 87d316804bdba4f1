//! `POST /dev/pki/ocsp`: the development PKI's OCSP responder (RFC 6960 over HTTP POST), so the
//! authorityInfoAccess of development certificates answers. The PKI is read from its folder for
//! each request (its keys are development-only files) and answers at the service's clock.
//! Development only: [`crate::ops::router`] merges it when a development PKI exists, and only
//! the `dev` feature compiles it.

use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use kandas_devpki::DevPki;

use crate::AppState;

/// The responder's route, answering from the PKI saved in `dir`.
pub fn router(dir: PathBuf) -> axum::Router<AppState> {
    axum::Router::new().route(
        "/dev/pki/ocsp",
        post(move |State(state): State<AppState>, body: Bytes| {
            let dir = dir.clone();
            async move { respond(dir, &state, body).await }
        }),
    )
}

async fn respond(dir: PathBuf, state: &AppState, request: Bytes) -> Response {
    let now = state.service.now();
    let answer = tokio::task::spawn_blocking(move || {
        DevPki::load(&dir).and_then(|pki| pki.ocsp_response(&request, now))
    })
    .await;
    match answer {
        Ok(Ok(der)) => ([(CONTENT_TYPE, "application/ocsp-response")], der).into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "the development OCSP responder cannot answer");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "the development OCSP responder failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
