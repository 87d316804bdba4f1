//! The request timeout: a request that takes longer than the edge allows is answered 503 (the
//! JSON error under `/api/`, the error page elsewhere) and logged with what it waited for.
//! Uploads (multipart bodies) have a longer limit of their own.

use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kandas_app::AppError;

use crate::AppState;
use crate::error::WebError;
use crate::pages::layout::{Texts, fault_page};
use crate::state::Lang;

/// Answers the request, or 503 once its time is up.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let upload = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/"));
    let limit = if upload {
        state.edge.upload_timeout
    } else {
        state.edge.request_timeout
    };
    let api = request.uri().path().starts_with("/api/");
    let lang = request.extensions().get::<Lang>().map_or("ru", |l| l.0);
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_elapsed) => {
            let error =
                AppError::Unavailable(format!("no answer within {} ms", limit.as_millis()).into());
            if api {
                WebError(error).into_response()
            } else {
                fault_page(Texts { lang }, &error)
            }
        }
    }
}
