//! The shared page chrome: the texts helper templates use, the request context every page
//! handler takes, rendering and redirects (error pages and posted forms have files of their own,
//! re-exported here).

use askama::Template;
use axum::extract::{FromRequestParts, Request};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use jiff::Timestamp;
use jiff::civil::Date;
use kandas_app::{Actor, AppError};
use kandas_domain::application::form::FieldError;
use kandas_domain::codes::ServiceError;

use crate::auth::MaybeSignedIn;
use crate::csrf;
use crate::state::{AppState, Lang, RequestId};

pub use super::case_id::{CaseId, FileKey, MemberKey};
use super::error_page::app_error_page;
pub use super::error_page::{
    ErrorContext, ErrorPage, error_page, error_page_with, fault_page, not_found,
};
pub(crate) use super::posted::csrf_form;
pub use super::posted::{Button, HasCsrf, Posted};

/// What templates use to read texts: the language and Fluent lookups.
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    /// `kk`, `ru` or `en`.
    pub lang: &'static str,
}

impl Texts {
    /// The text of `id`.
    pub fn get(&self, id: &str) -> String {
        kandas_i18n::text(self.lang, id)
    }

    /// The text of `id` with one argument.
    pub fn arg(&self, id: &str, name: &str, value: &str) -> String {
        kandas_i18n::text_with(self.lang, id, &[(name, value.to_owned())])
    }

    /// The link of the language switch to `lang`: this page, its query kept.
    pub fn switch(&self, lang: &str) -> String {
        let others = OTHER_QUERY.try_with(Clone::clone).unwrap_or_default();
        if others.is_empty() {
            format!("?lang={lang}")
        } else {
            format!("?{others}&lang={lang}")
        }
    }

    /// A text with a number in it, in the right plural form.
    pub fn count(&self, id: &str, name: &str, n: &u32) -> String {
        kandas_i18n::text_count(self.lang, id, name, i64::from(*n))
    }

    /// A prefixed message id, e.g. `pre("status-", "draft")`.
    pub fn pre(&self, prefix: &str, code: &str) -> String {
        self.get(&format!("{prefix}{code}"))
    }

    /// A date written out: "26 November 2026".
    pub fn date(&self, date: &Date) -> String {
        kandas_i18n::date_long(self.lang, *date)
    }

    /// A moment written out in Almaty time, with the date in words.
    pub fn when(&self, at: &Timestamp) -> String {
        let local = kandas_domain::deadline::almaty().to_datetime(*at);
        format!(
            "{}, {:02}:{:02}",
            self.date(&local.date()),
            local.hour(),
            local.minute()
        )
    }
}

/// One line of the error summary: the field's anchor and the translated message.
#[derive(Debug, Clone)]
pub struct ErrorLine {
    /// Where the summary links: `#field-id`, or another page's field.
    pub href: String,
    /// The field path as the use case reported it.
    pub field: String,
    /// The message.
    pub message: String,
}

/// Turns field errors into summary lines.
pub fn error_lines(t: Texts, errors: &[FieldError]) -> Vec<ErrorLine> {
    errors
        .iter()
        .map(|e| ErrorLine {
            href: format!("#{}", anchor(&e.field)),
            field: e.field.clone(),
            message: t.get(e.code.code()),
        })
        .collect()
}

/// The HTML id of a field path (`members[1].birth_date` → `members-1-birth_date`).
pub fn anchor(field: &str) -> String {
    field
        .chars()
        .filter(|c| *c != ']')
        .map(|c| if c == '[' || c == '.' { '-' } else { c })
        .collect()
}

/// The summary lines of a use-case error shown on the page it came from (and the error noted
/// for the request's log line).
pub fn problem_lines(t: Texts, error: &AppError) -> Vec<ErrorLine> {
    crate::request_log::note(error);
    match error {
        AppError::Invalid(fields) => error_lines(t, fields),
        AppError::FileRefused { code, file } => vec![ErrorLine {
            href: "#main".into(),
            field: String::new(),
            message: t.arg(code.code(), "file", file),
        }],
        AppError::TooMany { retry_after } => {
            let minutes = u32::try_from(retry_after.div_ceil(60).max(1)).unwrap_or(u32::MAX);
            vec![ErrorLine {
                href: "#main".into(),
                field: String::new(),
                message: format!(
                    "{} {}",
                    t.get(error.code()),
                    t.count("error-retry-in", "minutes", &minutes)
                ),
            }]
        }
        other => vec![ErrorLine {
            href: "#main".into(),
            field: String::new(),
            message: t.get(other.code()),
        }],
    }
}

/// The message of one field, if it has an error.
pub fn field_error(lines: &[ErrorLine], field: &str) -> Option<String> {
    lines
        .iter()
        .find(|l| l.field == field)
        .map(|l| l.message.clone())
}

/// What every page handler knows about the request.
pub struct Ctx {
    /// Texts in the request's language.
    pub t: Texts,
    /// The CSRF token for the page's forms.
    pub csrf: String,
    /// The cookie to set when the token is new.
    set_csrf: Option<String>,
    /// The signed-in person, if any.
    pub actor: Option<Actor>,
    /// The request id.
    pub request_id: String,
    /// The client address for rate limits.
    pub ip: String,
    /// Whether cookies are `Secure`.
    pub secure: bool,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().map_or("ru", |l| l.0);
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let (csrf, set_csrf) = csrf::token_for_page(&parts.headers, state.secure_cookies);
        let actor = match MaybeSignedIn::from_request_parts(parts, state).await {
            Ok(MaybeSignedIn(actor)) => actor,
            Err(e) => return Err(fault_page(Texts { lang }, &e.0)),
        };
        let ip = crate::auth::client_ip(parts);
        remember_areas(actor.as_ref());
        Ok(Ctx {
            t: Texts { lang },
            csrf,
            set_csrf,
            actor,
            request_id,
            ip,
            secure: state.secure_cookies,
        })
    }
}

/// The context of a page only a signed-in person may see; anyone else is sent to sign in.
pub struct SignedCtx {
    /// The page context.
    pub ctx: Ctx,
    /// The signed-in person.
    pub actor: Actor,
}

impl FromRequestParts<AppState> for SignedCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        match ctx.actor.clone() {
            Some(actor) => Ok(SignedCtx { ctx, actor }),
            None => Err(to_sign_in(parts)),
        }
    }
}

/// Sends a signed-out reader to sign in; a page they were opening (GET) is where they come back.
fn to_sign_in(parts: &Parts) -> Response {
    let is_get =
        parts.method == axum::http::Method::GET || parts.method == axum::http::Method::HEAD;
    let path = parts
        .uri
        .path_and_query()
        .map_or("/", axum::http::uri::PathAndQuery::as_str);
    match super::next::local_next(path) {
        Some(next) if is_get => {
            see_other(&format!("/login?next={}", super::login::urlencode(&next)))
        }
        _ => see_other("/login"),
    }
}

impl std::ops::Deref for SignedCtx {
    type Target = Ctx;

    fn deref(&self) -> &Ctx {
        &self.ctx
    }
}

impl Ctx {
    /// Renders a form page: 422 when it shows an error, else 200.
    pub fn form_page(&self, error: bool, template: &impl Template) -> Response {
        let status = if error {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
        self.page(status, template)
    }

    /// Renders a page with a status, setting the CSRF cookie if it is new.
    pub fn page(&self, status: StatusCode, template: &impl Template) -> Response {
        let mut response = render(status, template, self.t);
        if let Some(cookie) = &self.set_csrf
            && let Ok(v) = HeaderValue::from_str(cookie)
        {
            response.headers_mut().append(SET_COOKIE, v);
        }
        response
    }

    /// The page for a use-case error that has no form to show it on.
    pub fn failure(&self, error: &AppError) -> Response {
        let cx = ErrorContext {
            retry_after: crate::error::retry_after(error),
            home: self.actor.as_ref().map(landing),
        };
        crate::request_log::note(error);
        match error {
            AppError::NotSignedIn => see_other("/login"),
            other => app_error_page(self.t, other, cx),
        }
    }
}

/// Renders a template, or the internal-error page if rendering fails.
pub fn render(status: StatusCode, template: &impl Template, t: Texts) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            error_page(
                t,
                StatusCode::INTERNAL_SERVER_ERROR,
                ServiceError::Internal.into(),
            )
        }
    }
}

/// 303 See Other to `to`.
pub fn see_other(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

/// The page a signed-in person works on: officers and heads the office queue, desk operators
/// the desk, administrators the accounts, auditors the trail, everyone else the personal account.
pub fn landing(actor: &Actor) -> &'static str {
    landing_of(&actor.roles, actor.office.is_some())
}

/// [`landing`] for an account's roles and whether it has an office.
pub fn landing_of(roles: &[kandas_app::Role], has_office: bool) -> &'static str {
    use kandas_app::Role;
    if roles.contains(&Role::Officer) || roles.contains(&Role::Head) {
        "/staff"
    } else if roles.contains(&Role::Operator) && has_office {
        "/desk"
    } else if roles.contains(&Role::Admin) {
        "/admin/accounts"
    } else if roles.contains(&Role::Auditor) {
        "/audit"
    } else {
        "/cabinet"
    }
}

tokio::task_local! {
    /// The query of the page being rendered without its `lang`, for the language switch.
    static OTHER_QUERY: String;
    /// The staff areas of the person the page is for, for the header's links.
    static AREAS: std::cell::Cell<Areas>;
}

/// The staff areas a signed-in employee works in: the header links to them. The use cases still
/// decide what each may do; this only spares the others links that would answer 403.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    /// The office queue (`/staff`): officers and heads of a local executive body.
    pub staff: bool,
    /// The desk (`/desk`): State Corporation operators and officers at their body's own desk.
    pub desk: bool,
    /// The back office (`/admin/calendar`): administrators.
    pub admin: bool,
    /// The audit trail (`/audit`): auditors.
    pub audit: bool,
}

fn remember_areas(actor: Option<&Actor>) {
    use kandas_app::Role;
    let areas = actor.map_or_else(Areas::default, |a| Areas {
        staff: a.has(Role::Officer) || a.has(Role::Head),
        desk: a.office.is_some() && (a.has(Role::Operator) || a.has(Role::Officer)),
        admin: a.has(Role::Admin),
        audit: a.has(Role::Auditor),
    });
    // Outside a page request (no scope) there is no header to fill.
    let _ = AREAS.try_with(|cell| cell.set(areas));
}

/// The staff areas of the page's reader (none when not signed in or not staff).
pub fn areas() -> Areas {
    AREAS.try_with(std::cell::Cell::get).unwrap_or_default()
}

/// Sets the language cookie when the switch (`?lang=`) was used, and keeps the rest of the
/// query for the switch's links (`/login/confirm?c=…` must keep its challenge); also holds the
/// reader's staff areas for the header, once the page's context has found who reads.
pub async fn remember_language(request: Request, next: axum::middleware::Next) -> Response {
    let query = request.uri().query().unwrap_or_default();
    let chosen = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
        .filter(|l| kandas_i18n::LANGUAGES.contains(l))
        .map(kandas_i18n::language);
    let others: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
        .collect();
    let others = others.join("&");
    let page = AREAS.scope(std::cell::Cell::new(Areas::default()), next.run(request));
    let mut response = OTHER_QUERY.scope(others, page).await;
    if let Some(lang) = chosen
        && let Ok(v) = HeaderValue::from_str(&language_cookie(lang))
    {
        response.headers_mut().append(SET_COOKIE, v);
    }
    response
}

/// The `Set-Cookie` value that remembers a language for a year.
pub fn language_cookie(lang: &str) -> String {
    format!(
        "{}={lang}; Path=/; SameSite=Lax; Max-Age=31536000",
        crate::state::LANG_COOKIE
    )
}
