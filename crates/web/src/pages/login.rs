//! Signing in (IIN + password, then an SMS code) and signing out; registering (`register`)
//! shares its forms.

use askama::Template;
use axum::extract::Query;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::otp::CodeSent;
use serde::Deserialize;

use super::eds::{EdsLogin, form_status, is_eds_error, login_nonce};
use super::layout::{
    Ctx, ErrorLine, HasCsrf, Posted, Texts, field_error, landing_of, problem_lines, see_other,
};
use super::next::local_next;
use crate::AppState;
use crate::auth::{clear_session_cookie, session_cookie};

/// The IIN and password form.
#[derive(Template)]
#[template(path = "login/credentials.html")]
pub struct CredentialsPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in (never here).
    pub signed_in: bool,
    /// `login-title` or `register-title`.
    pub title: &'static str,
    /// Where the form posts.
    pub action: &'static str,
    /// The IIN as typed.
    pub iin: String,
    /// The IIN's error.
    pub iin_error: Option<String>,
    /// The password's error.
    pub password_error: Option<String>,
    /// The error summary.
    pub errors: Vec<ErrorLine>,
    /// The sign-in by EDS (the sign-in page only).
    pub eds: Option<EdsLogin>,
    /// A notice above the form (the message id), e.g. after a new password was set.
    pub notice: Option<&'static str>,
    /// Where the person was going (a local path), carried through the sign-in.
    pub next: String,
}

/// The SMS code form.
#[derive(Template)]
#[template(path = "login/code.html")]
pub struct CodePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in (never here).
    pub signed_in: bool,
    /// Where the form posts.
    pub action: &'static str,
    /// The challenge id.
    pub challenge: String,
    /// Where the code went, masked.
    pub phone: String,
    /// The error summary.
    pub errors: Vec<ErrorLine>,
    /// Where the person was going (a local path), carried through the sign-in.
    pub next: String,
}

/// The posted credentials.
#[derive(Deserialize)]
pub struct Credentials {
    csrf: String,
    #[serde(default)]
    pub iin: String,
    #[serde(default)]
    pub password: String,
    /// Where the person was going.
    #[serde(default)]
    pub next: String,
}

impl HasCsrf for Credentials {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The posted code.
#[derive(Deserialize)]
pub struct CodeForm {
    csrf: String,
    #[serde(default)]
    pub c: String,
    #[serde(default)]
    pub code: String,
    /// The masked phone the code went to, shown again after a wrong code.
    #[serde(default)]
    pub phone: String,
    /// Where the person was going.
    #[serde(default)]
    pub next: String,
}

impl HasCsrf for CodeForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The challenge in the query string.
#[derive(Deserialize, Default)]
pub struct Challenge {
    #[serde(default)]
    pub c: String,
    #[serde(default)]
    pub phone: String,
    /// Where the person was going.
    #[serde(default)]
    pub next: String,
}

/// Which IIN and password form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Signing in.
    Login,
    /// Registering.
    Register,
    /// Setting a new password.
    NewPassword,
}

pub fn credentials(
    ctx: &Ctx,
    form: Form,
    iin: &str,
    error: Option<&AppError>,
    eds: Option<EdsLogin>,
) -> Response {
    credentials_with(ctx, form, iin, error, eds, (None, ""))
}

/// The sign-in form again, with its error and where the person was going.
pub fn login_credentials(
    ctx: &Ctx,
    iin: &str,
    error: Option<&AppError>,
    eds: Option<EdsLogin>,
    next: &str,
) -> Response {
    credentials_with(ctx, Form::Login, iin, error, eds, (None, next))
}

fn credentials_with(
    ctx: &Ctx,
    form: Form,
    iin: &str,
    error: Option<&AppError>,
    eds: Option<EdsLogin>,
    (notice, next): (Option<&'static str>, &str),
) -> Response {
    let errors = error.map(|e| problem_lines(ctx.t, e)).unwrap_or_default();
    let (title, action) = match form {
        Form::Login => ("login-title", "/login"),
        Form::Register => ("register-title", "/register"),
        Form::NewPassword => ("password-title", "/password"),
    };
    let target = if error.is_some_and(is_eds_error) {
        "#eds"
    } else {
        "#iin"
    };
    let mut page = CredentialsPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: false,
        title,
        action,
        iin: iin.to_owned(),
        iin_error: field_error(&errors, "iin"),
        password_error: field_error(&errors, "password"),
        errors,
        eds,
        notice,
        next: local_next(next).unwrap_or_default(),
    };
    for line in page.errors.iter_mut().filter(|l| l.field.is_empty()) {
        line.href = target.into();
    }
    ctx.page(error.map_or(StatusCode::OK, form_status), &page)
}

pub fn code_page(
    ctx: &Ctx,
    action: &'static str,
    q: &Challenge,
    error: Option<&AppError>,
) -> Response {
    let mut errors = error.map(|e| problem_lines(ctx.t, e)).unwrap_or_default();
    errors.iter_mut().for_each(|l| l.href = "#code".into());
    let page = CodePage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: false,
        action,
        challenge: q.c.clone(),
        phone: q.phone.clone(),
        errors,
        next: local_next(&q.next).unwrap_or_default(),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    ctx.page(status, &page)
}

pub fn to_code(to: &str, sent: &CodeSent) -> Response {
    to_code_next(to, sent, "")
}

/// On to the code page, carrying where the person was going (when it is a local path).
pub fn to_code_next(to: &str, sent: &CodeSent, next: &str) -> Response {
    let mut query = vec![
        ("c", sent.challenge_id.as_str()),
        ("phone", sent.phone_masked.as_str()),
    ];
    let next = local_next(next);
    if let Some(next) = &next {
        query.push(("next", next.as_str()));
    }
    let query: String = query
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    see_other(&format!("{to}?{query}"))
}

pub fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `?password=set` after a new password was set; `?next=` where the person was going.
#[derive(Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    next: String,
}

/// `GET /login`: the IIN and password form and, with a fresh nonce, the EDS form.
pub async fn login_form(
    ctx: Ctx,
    state: axum::extract::State<AppState>,
    Query(q): Query<LoginQuery>,
) -> Response {
    let eds = login_nonce(&state).await;
    let notice = (q.password.as_deref() == Some("set")).then_some("password-set");
    credentials_with(&ctx, Form::Login, "", None, eds, (notice, &q.next))
}

/// `POST /login`.
pub async fn login(
    ctx: Ctx,
    state: axum::extract::State<crate::AppState>,
    Posted(f): Posted<Credentials>,
) -> Response {
    match kandas_app::auth::login(
        &state.service,
        &f.iin,
        &f.password,
        &ctx.ip,
        &ctx.request_id,
    )
    .await
    {
        Ok(sent) => to_code_next("/login/confirm", &sent, &f.next),
        Err(e) => {
            let eds = login_nonce(&state).await;
            login_credentials(&ctx, &f.iin, Some(&e), eds, &f.next)
        }
    }
}

/// `GET /login/confirm?c=`.
pub async fn login_code_form(ctx: Ctx, Query(q): Query<Challenge>) -> Response {
    code_page(&ctx, "/login/confirm", &q, None)
}

/// `POST /login/confirm`: opens the session.
pub async fn login_code(
    ctx: Ctx,
    state: axum::extract::State<crate::AppState>,
    Posted(f): Posted<CodeForm>,
) -> Response {
    match kandas_app::auth::confirm_login(&state.service, &f.c, &f.code, &ctx.request_id).await {
        Ok(signed) => signed_in(&ctx, &state, &signed, &f.next),
        Err(e) => code_page(
            &ctx,
            "/login/confirm",
            &Challenge {
                c: f.c,
                phone: f.phone,
                next: f.next,
            },
            Some(&e),
        ),
    }
}

/// The posted sign-out form.
#[derive(Deserialize)]
pub struct Plain {
    csrf: String,
}

impl HasCsrf for Plain {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /logout`.
pub async fn logout(
    ctx: Ctx,
    state: axum::extract::State<crate::AppState>,
    headers: axum::http::HeaderMap,
    Posted(_): Posted<Plain>,
) -> Response {
    if ctx.actor.is_some()
        && let Some(token) =
            crate::csrf::header_cookie(&headers, crate::auth::session_cookie_name(ctx.secure))
        && let Err(e) = kandas_app::auth::logout(&state.service, &token).await
    {
        tracing::warn!(error = %kandas_app::error::Chain(&e), "sign-out failed");
    }
    with_cookie(see_other("/"), &clear_session_cookie(ctx.secure))
}

/// The session is open: its cookie, and on to the page the person was going to (a local path
/// only), else to where their role works.
pub fn signed_in(
    ctx: &Ctx,
    state: &AppState,
    signed: &kandas_app::auth::SignedIn,
    next: &str,
) -> Response {
    let cookie = session_cookie(
        &signed.token,
        state.service.limits.session_seconds,
        ctx.secure,
    );
    let user = &signed.user;
    let to = local_next(next)
        .unwrap_or_else(|| landing_of(&user.roles, user.office.is_some()).to_owned());
    with_cookie(see_other(&to), &cookie)
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    response
}
