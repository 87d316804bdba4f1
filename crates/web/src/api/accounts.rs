//! Accounts for administrators: found by IIN, disabled and enabled, given roles and an office,
//! their sessions ended, their passwords reset (each audited); and the person's own new
//! password through an SMS code.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use kandas_app::Role;
use kandas_app::accounts::{self, AccountView, By, Change};
use kandas_app::ports::store::User;
use kandas_domain::codes::UserError;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ClientIp;
use super::body::{Body, Query};
use super::codes::{Id, IinText, RoleCode};
use super::dto::{ChallengeDto, ConfirmBody, Credentials, ErrorDto};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;
use crate::state::RequestId;

/// An account as an administrator sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountDto {
    /// Id.
    #[schema(value_type = Id)]
    pub id: String,
    /// The person's IIN.
    #[schema(value_type = IinText)]
    pub iin: String,
    /// Roles.
    #[schema(value_type = Vec<RoleCode>)]
    pub roles: Vec<String>,
    /// The office, for staff.
    pub office: Option<String>,
    /// Opened.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Disabled since; none while the account works.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub disabled_at: Option<String>,
    /// The password was reset at, and the person has not set a new one yet.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub reset_requested_at: Option<String>,
    /// Sessions that still work (on one account only, not in lists).
    pub sessions: Option<i64>,
}

impl AccountDto {
    fn of(user: &User, sessions: Option<i64>) -> AccountDto {
        AccountDto {
            id: user.id.to_string(),
            iin: user.iin.to_string(),
            roles: user.roles.iter().map(|r| r.code().to_owned()).collect(),
            office: user.office.as_ref().map(|o| o.as_str().to_owned()),
            created_at: user.created_at.to_string(),
            disabled_at: user.disabled_at.map(|t| t.to_string()),
            reset_requested_at: user.reset_requested_at.map(|t| t.to_string()),
            sessions,
        }
    }

    fn view(v: &AccountView) -> AccountDto {
        AccountDto::of(&v.user, Some(v.sessions))
    }
}

/// `?iin=`: the account of this IIN; without it, the accounts with a staff role.
#[derive(Debug, Deserialize, IntoParams)]
pub struct AccountsQuery {
    /// An IIN.
    pub iin: Option<String>,
}

/// New roles and office.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RolesBody {
    /// Roles (another value is 422).
    #[serde(default)]
    #[schema(value_type = Vec<RoleCode>)]
    pub roles: Vec<String>,
    /// The office code, for operator, officer and head.
    #[serde(default)]
    pub office: Option<String>,
}

impl RolesBody {
    /// The change, or the translated error of the first unknown role or office.
    pub fn change(&self) -> Result<Change, WebError> {
        let roles = self
            .roles
            .iter()
            .map(|r| {
                Role::parse(r.trim())
                    .ok_or(kandas_app::AppError::BadRequest(UserError::Role.into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let office = accounts::office(self.office.as_deref())?;
        Ok(Change::Roles { roles, office })
    }
}

/// The accounts with a staff role, or the one account of `?iin=`.
#[utoipa::path(get, path = "/api/v1/admin/accounts", tag = "admin", params(AccountsQuery),
    responses((status = 200, body = Vec<AccountDto>), (status = 403, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(q): Query<AccountsQuery>,
) -> Result<Json<Vec<AccountDto>>, WebError> {
    let users = accounts::list(&state.service, &actor, q.iin.as_deref()).await?;
    Ok(Json(
        users.iter().map(|u| AccountDto::of(u, None)).collect(),
    ))
}

/// One account with its live sessions.
#[utoipa::path(get, path = "/api/v1/admin/accounts/{id}", tag = "admin", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = AccountDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn show(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Account { id }): super::ids::Ids<super::ids::Account>,
) -> Result<Json<AccountDto>, WebError> {
    let view = accounts::show(&state.service, &actor, &id).await?;
    Ok(Json(AccountDto::view(&view)))
}

async fn apply(
    state: &AppState,
    actor: &kandas_app::Actor,
    id: &kandas_domain::ids::UserId,
    change: Change,
) -> Result<Json<AccountDto>, WebError> {
    let view = accounts::change(&state.service, By::Admin(actor), id, change).await?;
    Ok(Json(AccountDto::view(&view)))
}

/// Disables the account: no sign-in, and its sessions stop working at once.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{id}/disable", tag = "admin", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = AccountDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn disable(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Account { id }): super::ids::Ids<super::ids::Account>,
) -> Result<Json<AccountDto>, WebError> {
    apply(&state, &actor, &id, Change::Disable).await
}

/// Enables the account again.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{id}/enable", tag = "admin", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = AccountDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn enable(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Account { id }): super::ids::Ids<super::ids::Account>,
) -> Result<Json<AccountDto>, WebError> {
    apply(&state, &actor, &id, Change::Enable).await
}

/// Replaces the account's roles and office (in force on its next request).
#[utoipa::path(put, path = "/api/v1/admin/accounts/{id}/roles", tag = "admin", params(("id" = crate::api::codes::Id, Path)),
    request_body = RolesBody,
    responses((status = 200, body = AccountDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn roles(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Account { id }): super::ids::Ids<super::ids::Account>,
    Body(body): Body<RolesBody>,
) -> Result<Json<AccountDto>, WebError> {
    apply(&state, &actor, &id, body.change()?).await
}

/// Ends every session of the account.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{id}/sessions/end", tag = "admin", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = AccountDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn end_sessions(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Account { id }): super::ids::Ids<super::ids::Account>,
) -> Result<Json<AccountDto>, WebError> {
    apply(&state, &actor, &id, Change::EndSessions).await
}

/// Resets the password: the old one stops working, the sessions end, and the person is told by
/// SMS to set a new one with a code.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{id}/password-reset", tag = "admin", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = AccountDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn reset_password(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Account { id }): super::ids::Ids<super::ids::Account>,
) -> Result<Json<AccountDto>, WebError> {
    apply(&state, &actor, &id, Change::ResetPassword).await
}

/// Starts setting a new password: the IIN and the new password; a code goes by SMS.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth", request_body = Credentials,
    responses((status = 200, body = ChallengeDto), (status = 403, body = ErrorDto), (status = 422, body = ErrorDto), (status = 429, body = ErrorDto)))]
pub async fn new_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Body(body): Body<Credentials>,
) -> Result<Json<ChallengeDto>, WebError> {
    let sent =
        kandas_app::auth::reset::start(&state.service, &body.iin, &body.password, &ip).await?;
    Ok(Json(ChallengeDto {
        challenge_id: sent.challenge_id,
        phone_masked: sent.phone_masked,
    }))
}

/// Sets the new password with the code; every session of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password/confirm", tag = "auth", request_body = ConfirmBody,
    responses((status = 204), (status = 403, body = ErrorDto), (status = 422, body = ErrorDto), (status = 429, body = ErrorDto)))]
pub async fn confirm_new_password(
    State(state): State<AppState>,
    Extension(RequestId(rid)): Extension<RequestId>,
    Body(body): Body<ConfirmBody>,
) -> Result<StatusCode, WebError> {
    kandas_app::auth::reset::confirm(&state.service, &body.challenge_id, &body.code, &rid).await?;
    Ok(StatusCode::NO_CONTENT)
}
