//! Withdrawing one's own application: the confirmation page (what withdrawing means), and the
//! withdrawal itself, back to the application page. A case that can no longer be withdrawn
//! shows why, without the button (409 after a post).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::applicant::view::{self, ApplicationView};
use kandas_app::applicant::withdraw::{withdraw, withdrawable};
use kandas_domain::application::status::Status;
use kandas_domain::codes::ApplicationError;

use super::layout::{CaseId, Posted, SignedCtx, Texts, see_other};
use crate::AppState;
use crate::error::status_of;

/// "Are you sure you want to withdraw it?"
#[derive(Template)]
#[template(path = "application/withdraw.html")]
pub struct WithdrawPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// Internal id.
    pub id: String,
    /// The number.
    pub number: String,
    /// Status code.
    pub status: &'static str,
    /// The version the form posts back.
    pub version: i64,
    /// It was submitted (not a draft): the office stops considering it.
    pub submitted: bool,
    /// It can still be withdrawn.
    pub withdrawable: bool,
    /// Why it cannot be withdrawn (a translated message), after a refused post or when closed.
    pub problem: Option<String>,
}

fn page(
    ctx: &SignedCtx,
    v: &ApplicationView,
    status: StatusCode,
    problem: Option<&AppError>,
) -> Response {
    let a = &v.application;
    let can = withdrawable(v);
    let problem = problem
        .map(|e| ctx.t.get(e.code()))
        .or_else(|| (!can).then(|| ctx.t.get(ApplicationError::NotWithdrawable.code())));
    ctx.page(
        status,
        &WithdrawPage {
            t: ctx.t,
            csrf: ctx.csrf.clone(),
            signed_in: true,
            id: a.id.to_string(),
            number: a.number.as_str().to_owned(),
            status: a.status.code(),
            version: a.version,
            submitted: !matches!(a.status, Status::Draft),
            withdrawable: can,
            problem,
        },
    )
}

/// `GET /applications/{id}/withdraw`: the confirmation page.
pub async fn confirm(
    ctx: SignedCtx,
    State(state): State<AppState>,
    CaseId(id): CaseId,
) -> Response {
    match view::view(&state.service, &ctx.actor, &id).await {
        Ok(v) => page(&ctx, &v, StatusCode::OK, None),
        Err(e) => ctx.failure(&e),
    }
}

/// The withdrawal's confirmation: the version it confirms.
#[derive(serde::Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: Option<i64>,
}

super::layout::csrf_form!(WithdrawForm);

/// `POST /applications/{id}/withdraw`: withdraws it and goes back to the application page.
pub async fn submit(
    ctx: SignedCtx,
    State(state): State<AppState>,
    CaseId(id): CaseId,
    Posted(f): Posted<WithdrawForm>,
) -> Response {
    match withdraw(&state.service, &ctx.actor, &id, f.version).await {
        Ok(_) => see_other(&format!("/applications/{id}")),
        Err(e @ AppError::Conflict(_)) => match view::view(&state.service, &ctx.actor, &id).await {
            Ok(v) => page(&ctx, &v, status_of(&e), Some(&e)),
            Err(other) => ctx.failure(&other),
        },
        Err(e) => ctx.failure(&e),
    }
}
