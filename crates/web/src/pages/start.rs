//! The start page and the style sheet.

use askama::Template;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use axum::extract::State;
use kandas_domain::application::Kind;

use super::layout::{Ctx, Texts};
use crate::AppState;

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
    /// The term of an assignment under the rules in force, working days.
    pub assignment_days: u32,
    /// The term of an extension, working days.
    pub extension_days: u32,
}

/// `GET /`.
pub async fn show(ctx: Ctx, State(state): State<AppState>) -> Response {
    let rules = match state.service.rules_at(state.service.now()) {
        Ok(rules) => rules,
        Err(e) => return ctx.failure(&e),
    };
    let page = StartPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: ctx.actor.is_some(),
        assignment_days: rules.term_days(Kind::Assignment),
        extension_days: rules.term_days(Kind::Extension),
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
