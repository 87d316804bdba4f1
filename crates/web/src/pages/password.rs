//! Setting a new password: the IIN and the new password, then the code sent to the registered
//! phone; after an administrator's reset, or when the person forgot theirs.

use axum::extract::{Query, State};
use axum::response::Response;

use super::layout::{Ctx, Posted, see_other};
use super::login::{Challenge, CodeForm, Credentials, Form, code_page, credentials, to_code};
use crate::AppState;

/// `GET /password`.
pub async fn form(ctx: Ctx) -> Response {
    credentials(&ctx, Form::NewPassword, "", None, None)
}

/// `POST /password`: a code goes to the phone.
pub async fn start(
    ctx: Ctx,
    State(state): State<AppState>,
    Posted(f): Posted<Credentials>,
) -> Response {
    match kandas_app::auth::reset::start(&state.service, &f.iin, &f.password, &ctx.ip).await {
        Ok(sent) => to_code("/password/confirm", &sent),
        Err(e) => credentials(&ctx, Form::NewPassword, &f.iin, Some(&e), None),
    }
}

/// `GET /password/confirm?c=`.
pub async fn code_form(ctx: Ctx, Query(q): Query<Challenge>) -> Response {
    code_page(&ctx, "/password/confirm", &q, None)
}

/// `POST /password/confirm`: the new password is set; sign in with it.
pub async fn confirm(
    ctx: Ctx,
    State(state): State<AppState>,
    Posted(f): Posted<CodeForm>,
) -> Response {
    match kandas_app::auth::reset::confirm(&state.service, &f.c, &f.code, &ctx.request_id).await {
        Ok(()) => see_other("/login?password=set"),
        Err(e) => code_page(
            &ctx,
            "/password/confirm",
            &Challenge {
                c: f.c,
                phone: f.phone,
                next: String::new(),
            },
            Some(&e),
        ),
    }
}
