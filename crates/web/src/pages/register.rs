//! Registering an account: IIN and password, then the SMS code sent to the phone the Mobile
//! Citizens Database holds; signing in comes next. The forms are the sign-in's (`login`).

use axum::extract::Query;
use axum::response::Response;

use super::layout::{Ctx, Posted, see_other};
use super::login::{Challenge, CodeForm, Credentials, Form, code_page, credentials, to_code};

/// `GET /register`.
pub async fn register_form(ctx: Ctx) -> Response {
    credentials(&ctx, Form::Register, "", None, None)
}

/// `POST /register`.
pub async fn register(
    ctx: Ctx,
    state: axum::extract::State<crate::AppState>,
    Posted(f): Posted<Credentials>,
) -> Response {
    match kandas_app::auth::register(&state.service, &f.iin, &f.password, &ctx.ip).await {
        Ok(sent) => to_code("/register/confirm", &sent),
        Err(e) => credentials(&ctx, Form::Register, &f.iin, Some(&e), None),
    }
}

/// `GET /register/confirm?c=`.
pub async fn register_code_form(ctx: Ctx, Query(q): Query<Challenge>) -> Response {
    code_page(&ctx, "/register/confirm", &q, None)
}

/// `POST /register/confirm`: the account exists; sign in next.
pub async fn register_code(
    ctx: Ctx,
    state: axum::extract::State<crate::AppState>,
    Posted(f): Posted<CodeForm>,
) -> Response {
    match kandas_app::auth::confirm_registration(&state.service, &f.c, &f.code, &ctx.request_id)
        .await
    {
        Ok(_) => see_other("/login"),
        Err(e) => code_page(
            &ctx,
            "/register/confirm",
            &Challenge {
                c: f.c,
                phone: f.phone,
                next: String::new(),
            },
            Some(&e),
        ),
    }
}
