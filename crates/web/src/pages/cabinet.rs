//! "History of obtained services" and ordering the service.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::applicant::{draft, view};
use kandas_app::ports::store::Notification;
use kandas_domain::application::Application;
use serde::Deserialize;

use super::layout::{Ctx, ErrorLine, HasCsrf, Posted, SignedCtx, Texts, problem_lines, see_other};
use crate::AppState;

/// One application in the list.
pub struct Row {
    /// Internal id (for the link).
    pub id: String,
    /// The number the applicant quotes.
    pub number: String,
    /// Kind code.
    pub kind: &'static str,
    /// Status code.
    pub status: &'static str,
    /// The deadline written out.
    pub due: Option<String>,
}

/// The personal cabinet.
#[derive(Template)]
#[template(path = "cabinet/cabinet.html")]
pub struct CabinetPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The applications.
    pub rows: Vec<Row>,
    /// Notifications: when, and the text.
    pub notices: Vec<(String, String)>,
}

/// Choosing assignment or extension.
#[derive(Template)]
#[template(path = "cabinet/order.html")]
pub struct OrderPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The idempotency key of this submission.
    pub key: String,
    /// The error summary.
    pub errors: Vec<ErrorLine>,
}

/// One row of the history.
pub fn row(t: Texts, a: &Application) -> Row {
    Row {
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        kind: a.kind.code(),
        status: a.status.code(),
        due: a.status.registration().map(|r| t.date(&r.deadline.due)),
    }
}

fn notice(t: Texts, n: &Notification) -> (String, String) {
    (
        t.when(&n.created_at),
        kandas_i18n::notice_text(t.lang, &n.notice),
    )
}

/// `GET /cabinet`.
pub async fn show(ctx: SignedCtx, State(state): State<AppState>) -> Response {
    let actor = &ctx.actor;
    let (history, notices) = match (
        view::history(&state.service, actor).await,
        view::notifications(&state.service, actor).await,
    ) {
        (Ok(h), Ok(n)) => (h, n),
        (Err(e), _) | (_, Err(e)) => return ctx.failure(&e),
    };
    let rows = history.iter().map(|a| row(ctx.t, a)).collect();
    let notices = notices.iter().map(|n| notice(ctx.t, n)).collect();
    ctx.page(
        StatusCode::OK,
        &CabinetPage {
            t: ctx.t,
            csrf: ctx.csrf.clone(),
            signed_in: true,
            rows,
            notices,
        },
    )
}

fn order_page(ctx: &Ctx, error: Option<&AppError>) -> Response {
    let errors = error.map(|e| problem_lines(ctx.t, e)).unwrap_or_default();
    let key = kandas_app::secrets::new_id();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    ctx.page(
        status,
        &OrderPage {
            t: ctx.t,
            csrf: ctx.csrf.clone(),
            signed_in: true,
            key,
            errors,
        },
    )
}

/// `GET /order`.
pub async fn order_form(ctx: SignedCtx) -> Response {
    order_page(&ctx, None)
}

/// The posted order.
#[derive(Deserialize)]
pub struct OrderForm {
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    idempotency_key: String,
}

impl HasCsrf for OrderForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /order`: creates the draft and goes to its task list.
pub async fn order(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Posted(f): Posted<OrderForm>,
) -> Response {
    let actor = &ctx.actor;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let created = match draft::kind(&f.kind) {
        Ok(kind) => draft::create(&state.service, actor, kind, key).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(a) => see_other(&format!("/applications/{}", a.id)),
        Err(e @ (AppError::BadRequest(_) | AppError::Conflict(_))) => order_page(&ctx, Some(&e)),
        Err(e) => ctx.failure(&e),
    }
}
