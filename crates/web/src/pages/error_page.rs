//! The error pages: what happened, what to do next and where to go, in the reader's language,
//! with the request id a person quotes for a server error; the 404 of an unknown address.

use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use kandas_app::AppError;
use kandas_domain::codes::{ErrorCode, RequestError};

use super::layout::Texts;
use crate::error::status_of;
use crate::state::Lang;

/// The error page: what happened, what to do next, and where to go.
#[derive(Template)]
#[template(path = "layout/error.html")]
pub struct ErrorPage {
    /// Texts.
    pub t: Texts,
    /// The heading's message id (by status).
    pub title: &'static str,
    /// The message id of what happened.
    pub code: String,
    /// The status line.
    pub status: u16,
    /// What to do next, translated, one paragraph each.
    pub advice: Vec<String>,
    /// The request id a person quotes to the support (server errors only).
    pub request_id: Option<String>,
    /// Where the page sends the reader on: their own pages, or the start page.
    pub home: &'static str,
    /// The link's message id.
    pub home_label: &'static str,
    /// Unused by the error page's chrome (no forms).
    pub csrf: String,
    /// Whether to show the sign-out button.
    pub signed_in: bool,
}

/// What an error page knows beyond the status and the message.
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorContext {
    /// Seconds until another attempt may succeed (429).
    pub retry_after: Option<u64>,
    /// The signed-in reader's own pages (their role's landing page).
    pub home: Option<&'static str>,
}

fn error_title(status: StatusCode) -> &'static str {
    match status.as_u16() {
        404 | 410 => "error-title-not-found",
        403 => "error-title-forbidden",
        429 => "error-title-too-many",
        503 => "error-title-unavailable",
        500..=599 => "error-title-internal",
        _ => "error-title",
    }
}

fn error_advice(t: Texts, status: StatusCode, csrf: bool, cx: ErrorContext) -> Vec<String> {
    let mut advice = Vec::new();
    match status.as_u16() {
        404 | 410 => advice.push(t.get("error-advice-not-found")),
        403 if csrf => advice.push(t.get("error-advice-csrf")),
        403 => advice.push(t.get("error-advice-forbidden")),
        429 => {
            let seconds = cx.retry_after.unwrap_or(60).max(1);
            let minutes = u32::try_from(seconds.div_ceil(60)).unwrap_or(u32::MAX);
            advice.push(t.count("error-retry-in", "minutes", &minutes));
        }
        503 => advice.push(t.get("error-advice-unavailable")),
        500..=599 => advice.push(t.get("error-advice-internal")),
        _ => {}
    }
    advice
}

/// The error page of a use-case error that has no page of its own to be shown on (the error
/// noted for the request's log line).
pub fn fault_page(t: Texts, error: &AppError) -> Response {
    crate::request_log::note(error);
    app_error_page(t, error, ErrorContext::default())
}

/// A small HTML error page.
pub fn error_page(t: Texts, status: StatusCode, code: ErrorCode) -> Response {
    error_page_with(t, status, code, ErrorContext::default())
}

/// The HTML error page, with when to try again and where the reader works.
pub fn error_page_with(
    t: Texts,
    status: StatusCode,
    code: ErrorCode,
    cx: ErrorContext,
) -> Response {
    let csrf = matches!(code, ErrorCode::Request(RequestError::Csrf));
    page_of(t, status, code.code(), csrf, cx)
}

/// The error page of a use-case error: its status and code.
pub(super) fn app_error_page(t: Texts, error: &AppError, cx: ErrorContext) -> Response {
    let cx = ErrorContext {
        retry_after: cx.retry_after.or_else(|| crate::error::retry_after(error)),
        ..cx
    };
    error_page_with(t, status_of(error), error.error_code(), cx)
}

/// The error page with the message `code`; `csrf` when a form's token was refused.
fn page_of(t: Texts, status: StatusCode, code: &str, csrf: bool, cx: ErrorContext) -> Response {
    let request_id = status
        .is_server_error()
        .then(crate::state::current_request_id)
        .filter(|id| !id.is_empty());
    crate::request_log::note_code(code);
    let page = ErrorPage {
        t,
        title: error_title(status),
        code: code.to_owned(),
        status: status.as_u16(),
        advice: error_advice(t, status, csrf, cx),
        request_id,
        home: cx.home.unwrap_or("/"),
        home_label: if cx.home.is_some() {
            "error-go-home"
        } else {
            "back-to-start"
        },
        csrf: String::new(),
        signed_in: false,
    };
    let mut response = match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, t.get(code)).into_response(),
    };
    if let Some(seconds) = cx.retry_after
        && let Ok(v) = HeaderValue::from_str(&seconds.to_string())
    {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, v);
    }
    response
}

/// The answer to an address nothing is served at: the translated 404 page, or the JSON error
/// under `/api/`.
pub async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        return crate::error::WebError(AppError::NotFound).into_response();
    }
    let lang = request.extensions().get::<Lang>().map_or("ru", |l| l.0);
    error_page(
        Texts { lang },
        StatusCode::NOT_FOUND,
        RequestError::NotFound.into(),
    )
}
