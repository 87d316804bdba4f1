//! Accounts as an administrator keeps them (pages, API and the command line): found by IIN,
//! disabled and enabled, given roles and an office, their sessions ended, their passwords reset.
//! Every change is audited in the same transaction; a disabled account's sessions stop working
//! on the next request (the session check reads the account). An administrator cannot disable
//! their own account or take the administrator role from it, so an office always keeps one.
//!
//! A reset makes the old password stop working, ends the sessions and tells the person by SMS;
//! they set a new one themselves with a code sent to their phone ([`crate::auth::reset`]).

use kandas_domain::audit::AuditAction;
use kandas_domain::codes::UserError;
use kandas_domain::ids::UserId;
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use serde_json::json;

use crate::actor::{Actor, Role};
use crate::error::AppError;
use crate::ports::store::{AccountChange, AccountQuery, AuditRecord, JobKind, User};
use crate::service::Service;

/// How many staff accounts the list shows at most.
const LIST_LIMIT: i64 = 500;

/// An account with what an administrator needs to judge it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    /// The account.
    pub user: User,
    /// Sessions that still work.
    pub sessions: i64,
}

/// What an administrator does to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// No sign-in and no session from now on.
    Disable,
    /// Enabled again.
    Enable,
    /// New roles and office.
    Roles {
        /// Roles.
        roles: Vec<Role>,
        /// Office, for the roles that work in one.
        office: Option<OfficeCode>,
    },
    /// Every session ends.
    EndSessions,
    /// The password stops working; the person sets a new one through an SMS code.
    ResetPassword,
}

impl Change {
    /// The audit action.
    fn action(&self) -> AuditAction {
        match self {
            Change::Disable => AuditAction::UserDisable,
            Change::Enable => AuditAction::UserEnable,
            Change::Roles { .. } => AuditAction::UserRoles,
            Change::EndSessions => AuditAction::UserEndSessions,
            Change::ResetPassword => AuditAction::UserResetPassword,
        }
    }
}

/// Who changes an account: an administrator signed in, or the command line on the server.
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    /// An administrator.
    Admin(&'a Actor),
    /// `kandas user …` on the server.
    CommandLine,
}

fn admin(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Admin) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Parses an account id from a path (404 for anything else).
pub fn parse_id(raw: &str) -> Result<UserId, AppError> {
    UserId::parse(raw).map_err(|_| AppError::NotFound)
}

/// The accounts with a staff role (by IIN), or the one account of `iin` (applicants too).
pub async fn list(
    service: &Service,
    actor: &Actor,
    iin: Option<&str>,
) -> Result<Vec<User>, AppError> {
    admin(actor)?;
    let iin = iin
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(crate::auth::parse_iin)
        .transpose()?;
    let query = AccountQuery {
        iin,
        limit: LIST_LIMIT,
    };
    Ok(service.store.accounts(&query).await?)
}

/// One account with its live sessions.
pub async fn show(service: &Service, actor: &Actor, id: &UserId) -> Result<AccountView, AppError> {
    admin(actor)?;
    view(service, id).await
}

async fn view(service: &Service, id: &UserId) -> Result<AccountView, AppError> {
    let user = service
        .store
        .user_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let sessions = service.store.session_count(id, service.now()).await?;
    Ok(AccountView { user, sessions })
}

/// An office code as typed in a roles form or body (empty: none).
pub fn office(raw: Option<&str>) -> Result<Option<OfficeCode>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(code) => OfficeCode::parse(code)
            .map(Some)
            .map_err(|_| AppError::BadRequest(UserError::Office.into())),
    }
}

/// Finds an account by IIN for the command line.
pub async fn by_iin(service: &Service, raw: &str) -> Result<User, AppError> {
    let iin = Iin::parse(raw.trim()).map_err(|_| AppError::BadRequest(UserError::Iin.into()))?;
    service
        .store
        .user_by_iin(&iin)
        .await?
        .ok_or(AppError::NotFound)
}

/// Applies `change` to the account `id`, audited; answers the account as it is now.
pub async fn change(
    service: &Service,
    by: By<'_>,
    id: &UserId,
    change: Change,
) -> Result<AccountView, AppError> {
    if let By::Admin(actor) = by {
        admin(actor)?;
    }
    let current = service
        .store
        .user_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let By::Admin(actor) = by {
        own_account(actor, &current, &change)?;
    }
    let now = service.now();
    let (stored, details) = match &change {
        Change::Disable => (AccountChange::Disable { at: now }, json!({})),
        Change::Enable => (AccountChange::Enable, json!({})),
        Change::Roles { roles, office } => {
            let roles = checked_roles(roles, office.as_ref())?;
            let details = json!({ "from": { "roles": current.roles, "office": current.office },
                "to": { "roles": roles, "office": office } });
            let office = office.clone();
            (AccountChange::Roles { roles, office }, details)
        }
        Change::EndSessions => (AccountChange::EndSessions, json!({})),
        Change::ResetPassword => (AccountChange::RequestReset { at: now }, json!({})),
    };
    let audit = audit(service, by, &current, change.action(), details);
    let jobs = match change {
        Change::ResetPassword => reset_sms(service, &current.iin).await?,
        _ => Vec::new(),
    };
    if !service
        .store
        .change_account(id, &stored, &audit, &jobs)
        .await?
    {
        return Err(AppError::NotFound);
    }
    view(service, id).await
}

/// An administrator keeps their own account usable: no disabling it, no reset, no taking the
/// administrator role from it.
fn own_account(actor: &Actor, account: &User, change: &Change) -> Result<(), AppError> {
    if account.id != actor.user {
        return Ok(());
    }
    let locks_out = match change {
        Change::Disable | Change::ResetPassword => true,
        Change::Roles { roles, .. } => !roles.contains(&Role::Admin),
        Change::Enable | Change::EndSessions => false,
    };
    if locks_out {
        Err(AppError::Refused(UserError::OwnAccount.into()))
    } else {
        Ok(())
    }
}

/// The roles as stored: at least one, each once, in the canonical order; an office when a role
/// works in one, none otherwise.
fn checked_roles(roles: &[Role], office: Option<&OfficeCode>) -> Result<Vec<Role>, AppError> {
    let roles: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| roles.contains(r))
        .collect();
    if roles.is_empty() {
        return Err(AppError::BadRequest(UserError::NoRole.into()));
    }
    let needs_office = roles.iter().any(|r| r.needs_office());
    match (needs_office, office) {
        (true, None) => Err(AppError::BadRequest(UserError::OfficeRequired.into())),
        (false, Some(_)) => Err(AppError::BadRequest(UserError::OfficeNotNeeded.into())),
        _ => Ok(roles),
    }
}

fn audit(
    service: &Service,
    by: By<'_>,
    account: &User,
    action: AuditAction,
    details: serde_json::Value,
) -> AuditRecord {
    let mut audit = match by {
        By::Admin(actor) => service.audit_by(actor, action),
        By::CommandLine => AuditRecord::system(service.now(), action, "cli"),
    };
    audit.subject = Some(account.iin.clone());
    audit.details = json!({ "account": account.id.as_str(), "change": details });
    audit
}

/// The SMS that tells the person their password was reset and where to set a new one (none
/// when the Mobile Citizens Database has no phone for them: the desk tells them then).
async fn reset_sms(service: &Service, iin: &Iin) -> Result<Vec<JobKind>, AppError> {
    Ok(match service.registry.mobile_phone(iin).await? {
        Some(phone) => {
            let text = ["kk", "ru"]
                .map(|lang| kandas_i18n::text_with(lang, "sms-password-reset", &[]))
                .join(" / ");
            vec![JobKind::Sms {
                phone,
                text,
                application: None,
                expires_at: None,
            }]
        }
        None => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_each_once_and_need_an_office_only_when_they_work_in_one() {
        let office = OfficeCode::parse("leb-astana").ok();
        assert_eq!(
            checked_roles(&[Role::Head, Role::Officer, Role::Officer], office.as_ref()).ok(),
            Some(vec![Role::Officer, Role::Head])
        );
        assert!(matches!(
            checked_roles(&[Role::Head], None),
            Err(AppError::BadRequest(kandas_domain::codes::ErrorCode::User(
                UserError::OfficeRequired
            )))
        ));
        assert!(matches!(
            checked_roles(&[Role::Auditor], office.as_ref()),
            Err(AppError::BadRequest(kandas_domain::codes::ErrorCode::User(
                UserError::OfficeNotNeeded
            )))
        ));
        assert!(matches!(
            checked_roles(&[], None),
            Err(AppError::BadRequest(kandas_domain::codes::ErrorCode::User(
                UserError::NoRole
            )))
        ));
    }
}

/// The offices of the accounts named in audit rows, each account read once.
#[derive(Default)]
pub(crate) struct Offices(std::collections::HashMap<UserId, Option<OfficeCode>>);

impl Offices {
    /// The office of `user` now (none for no account, or an account without one).
    pub(crate) async fn of(
        &mut self,
        service: &Service,
        user: Option<&UserId>,
    ) -> Result<Option<OfficeCode>, AppError> {
        let Some(user) = user else {
            return Ok(None);
        };
        if !self.0.contains_key(user) {
            let found = service.store.user_by_id(user).await?;
            self.0.insert(user.clone(), found.and_then(|u| u.office));
        }
        Ok(self.0.get(user).cloned().flatten())
    }
}
