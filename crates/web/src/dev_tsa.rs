//! `POST /dev/tsa`: the development PKI's time-stamping authority (RFC 3161 over HTTP: a DER
//! TimeStampReq as `application/timestamp-query`, a TimeStampResp answered), so the audit
//! trail's seals are timestamped in development as a real TSA would. The TSA's certificate is
//! issued under the development intermediate on the first request (valid from a day before the
//! service's clock for five years) and answers at the service's clock. Development only, like
//! [`crate::dev_ocsp`].

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use jiff::SignedDuration;
use kandas_devpki::{DevPki, KeyCert, timestamp_response};

use crate::AppState;

/// The TSA, once issued (or why it could not be).
type Tsa = Arc<OnceLock<Result<KeyCert, String>>>;

/// The TSA's route, answering with the PKI saved in `dir`.
pub fn router(dir: PathBuf) -> axum::Router<AppState> {
    let tsa: Tsa = Arc::new(OnceLock::new());
    axum::Router::new().route(
        "/dev/tsa",
        post(move |State(state): State<AppState>, body: Bytes| {
            let (dir, tsa) = (dir.clone(), tsa.clone());
            async move { respond(dir, tsa, &state, body).await }
        }),
    )
}

async fn respond(dir: PathBuf, tsa: Tsa, state: &AppState, request: Bytes) -> Response {
    let now = state.service.now();
    let answer = tokio::task::spawn_blocking(move || {
        let issued = tsa.get_or_init(|| {
            let pki = DevPki::load(&dir).map_err(|e| e.to_string())?;
            let day = SignedDuration::from_hours(24);
            pki.issue_tsa(now - day, now + day * (5 * 365))
                .map_err(|e| e.to_string())
        });
        let tsa = issued.as_ref().map_err(Clone::clone)?;
        timestamp_response(tsa, &request, now).map_err(|e| e.to_string())
    })
    .await;
    match answer {
        Ok(Ok(der)) => ([(CONTENT_TYPE, "application/timestamp-reply")], der).into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "the development TSA cannot answer");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "the development TSA failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
