//! The start page and the style sheet.

use askama::Template;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use super::layout::{Ctx, Texts};

/// What the service is, what you need, how long it takes.
#[derive(Template)]
#[template(path = "start/start.html")]
pub struct StartPage {
    /// Texts.
    pub t: Texts,
    /// The CSRF token (for the sign-out form).
    pub csrf: String,
    /// Whether someone is signed in.
    pub signed_in: bool,
}

/// `GET /`.
pub async fn show(ctx: Ctx) -> Response {
    let page = StartPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: ctx.actor.is_some(),
    };
    ctx.page(StatusCode::OK, &page)
}

/// `GET /static/app.css`.
pub async fn css() -> Response {
    let headers = [
        (CONTENT_TYPE, "text/css; charset=utf-8"),
        (CACHE_CONTROL, "public, max-age=3600"),
    ];
    (headers, include_str!("../../static/app.css")).into_response()
}
