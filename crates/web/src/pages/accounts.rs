//! The administrator's accounts: the staff list with a search by IIN, and one account with its
//! state, its live sessions and the forms that disable or enable it, change its roles and
//! office, end its sessions and reset its password. Form actions are built from the account's
//! parsed id, never from the raw path.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::accounts::{self, AccountView, By, Change};
use kandas_app::ports::store::User;
use kandas_app::{AppError, Role};
use kandas_domain::ids::UserId;
use serde::Deserialize;

use super::layout::{ErrorLine, Posted, SignedCtx, Texts, csrf_form, problem_lines, see_other};
use super::lines::{Pairs, once, pairs_form};
use crate::AppState;

/// One account in the list.
pub struct Row {
    /// Id.
    pub id: String,
    /// IIN.
    pub iin: String,
    /// Roles, in the page's language.
    pub roles: String,
    /// Office code.
    pub office: String,
    /// Disabled.
    pub disabled: bool,
}

impl Row {
    fn of(t: Texts, u: &User) -> Row {
        Row {
            id: u.id.to_string(),
            iin: u.iin.to_string(),
            roles: role_names(t, &u.roles),
            office: u
                .office
                .as_ref()
                .map_or(String::new(), |o| o.as_str().to_owned()),
            disabled: u.disabled_at.is_some(),
        }
    }
}

fn role_names(t: Texts, roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| t.pre("role-", r.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list of staff accounts and the search.
#[derive(Template)]
#[template(path = "admin/accounts.html")]
pub struct ListPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The IIN searched for.
    pub iin: String,
    /// The accounts.
    pub rows: Vec<Row>,
    /// Whether a search was made.
    pub searched: bool,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

/// One role's box on the account page.
pub struct RoleBox {
    /// Code.
    pub code: &'static str,
    /// Held.
    pub held: bool,
}

/// One account.
#[derive(Template)]
#[template(path = "admin/account.html")]
pub struct AccountPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The account's path, from its parsed id.
    pub path: String,
    /// IIN.
    pub iin: String,
    /// Roles, in the page's language.
    pub roles: String,
    /// Office code.
    pub office: String,
    /// Opened.
    pub created: String,
    /// Disabled since.
    pub disabled: Option<String>,
    /// Reset at, the new password not set yet.
    pub reset: Option<String>,
    /// Live sessions.
    pub sessions: i64,
    /// The role boxes.
    pub boxes: Vec<RoleBox>,
    /// The change just made (message id).
    pub done: Option<String>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

/// `?iin=`.
#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    iin: String,
}

/// `?done=`.
#[derive(Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

/// `GET /admin/accounts?iin=`.
pub async fn list(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Response {
    let searched = !q.iin.trim().is_empty();
    let (rows, errors) = match accounts::list(&state.service, &ctx.actor, Some(&q.iin)).await {
        Ok(users) => (
            users.iter().map(|u| Row::of(ctx.t, u)).collect(),
            Vec::new(),
        ),
        Err(e @ AppError::Invalid(_)) => (Vec::new(), problem_lines(ctx.t, &e)),
        Err(e) => return ctx.failure(&e),
    };
    let page = ListPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        iin: q.iin.trim().to_owned(),
        rows,
        searched,
        errors,
    };
    ctx.form_page(!page.errors.is_empty(), &page)
}

fn account_page(ctx: &SignedCtx, view: &AccountView, errors: Vec<ErrorLine>) -> AccountPage {
    let u = &view.user;
    AccountPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        path: format!("/admin/accounts/{}", u.id),
        iin: u.iin.to_string(),
        roles: role_names(ctx.t, &u.roles),
        office: u
            .office
            .as_ref()
            .map_or(String::new(), |o| o.as_str().to_owned()),
        created: ctx.t.when(&u.created_at),
        disabled: u.disabled_at.map(|at| ctx.t.when(&at)),
        reset: u.reset_requested_at.map(|at| ctx.t.when(&at)),
        sessions: view.sessions,
        boxes: Role::ALL
            .into_iter()
            .map(|r| RoleBox {
                code: r.code(),
                held: u.roles.contains(&r),
            })
            .collect(),
        done: None,
        errors,
    }
}

/// `GET /admin/accounts/{id}`.
pub async fn show(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    let shown = match accounts::parse_id(&id) {
        Ok(id) => accounts::show(&state.service, &ctx.actor, &id).await,
        Err(e) => Err(e),
    };
    match shown {
        Ok(view) => {
            let mut page = account_page(&ctx, &view, Vec::new());
            page.done = q
                .done
                .filter(|d| ACTIONS.contains(&d.as_str()))
                .map(|d| format!("admin-account-done-{d}"));
            ctx.page(StatusCode::OK, &page)
        }
        Err(e) => ctx.failure(&e),
    }
}

/// The forms' actions, the last part of their path.
const ACTIONS: [&str; 5] = [
    "disable",
    "enable",
    "roles",
    "end-sessions",
    "reset-password",
];

/// An account's posted form: a button, or the roles (`role-{code}` ticked) and the office.
#[derive(Default)]
pub struct AccountForm {
    csrf: String,
    roles: Vec<Role>,
    office: Option<String>,
}

impl Pairs for AccountForm {
    fn take(&mut self, name: &str, value: String) -> Result<(), String> {
        match name {
            "csrf" => self.csrf = value,
            "office" => return once(&mut self.office, name, value),
            _ => {
                let Some(code) = name.strip_prefix("role-") else {
                    return Ok(());
                };
                // A box is ticked when it is posted at all; codes no role has are ignored.
                if let Some(role) = Role::ALL.into_iter().find(|r| r.code() == code) {
                    if self.roles.contains(&role) {
                        return Err(format!("`{name}` was posted twice"));
                    }
                    self.roles.push(role);
                }
            }
        }
        Ok(())
    }
}

pairs_form!(AccountForm);
csrf_form!(AccountForm);

/// The change a posted form asks for.
fn posted_change(action: &str, f: AccountForm) -> Result<Change, AppError> {
    Ok(match action {
        "disable" => Change::Disable,
        "enable" => Change::Enable,
        "end-sessions" => Change::EndSessions,
        "reset-password" => Change::ResetPassword,
        "roles" => {
            let roles = Role::ALL
                .into_iter()
                .filter(|r| f.roles.contains(r))
                .collect();
            let office = accounts::office(f.office.as_deref())?;
            Change::Roles { roles, office }
        }
        _ => return Err(AppError::NotFound),
    })
}

/// `POST /admin/accounts/{id}/{action}`: the change, then the account again.
pub async fn change(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    Posted(f): Posted<AccountForm>,
) -> Response {
    let id: UserId = match accounts::parse_id(&id) {
        Ok(id) => id,
        Err(e) => return ctx.failure(&e),
    };
    let service = &state.service;
    let change = match posted_change(&action, f) {
        Ok(change) => change,
        Err(e @ AppError::NotFound) => return ctx.failure(&e),
        Err(e) => return shown_with(&ctx, &state, &id, &e).await,
    };
    match accounts::change(service, By::Admin(&ctx.actor), &id, change).await {
        Ok(view) => see_other(&format!("/admin/accounts/{}?done={action}", view.user.id)),
        Err(e @ (AppError::BadRequest(_) | AppError::Refused(_))) => {
            shown_with(&ctx, &state, &id, &e).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// The account page with the error of a refused change.
async fn shown_with(ctx: &SignedCtx, state: &AppState, id: &UserId, e: &AppError) -> Response {
    match accounts::show(&state.service, &ctx.actor, id).await {
        Ok(view) => {
            let page = account_page(ctx, &view, problem_lines(ctx.t, e));
            ctx.form_page(true, &page)
        }
        Err(e) => ctx.failure(&e),
    }
}
