//! Registration and sign-in: IIN + password, confirmed by a one-time SMS code; sessions.
//! Sign-in with an electronic signature is in [`eds`].

pub mod eds;
pub mod limiter;
pub mod password;
pub mod reset;

use jiff::SignedDuration;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::{AuthError, OtpError, UserError};
use kandas_domain::ids::UserId;
use kandas_domain::iin::Iin;
use serde_json::json;

use crate::actor::{Actor, Role};
use crate::error::AppError;
use crate::otp::{self, CodeSent};
use crate::ports::store::{AuditRecord, NewSession, Purpose, StoreError, User};
use crate::secrets::{hash_password, new_token, random_id, sha256_hex, verify_password};
use crate::service::Service;

/// A signed-in session: the token for the client and who it is.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The bearer token (also the session cookie).
    pub token: String,
    /// The account.
    pub user: User,
}

pub(crate) fn parse_iin(raw: &str) -> Result<Iin, AppError> {
    Iin::parse(raw).map_err(|e| {
        AppError::Invalid(vec![kandas_domain::application::form::FieldError {
            field: "iin".into(),
            code: e.into(),
        }])
    })
}

/// The password policy (see [`password`]), for the person with `iin`.
pub(crate) fn check_password_policy(password: &str, iin: &Iin) -> Result<(), AppError> {
    password::check(password, Some(iin))
}

fn anonymous_audit(
    service: &Service,
    action: AuditAction,
    subject: Option<&Iin>,
    request_id: &str,
) -> AuditRecord {
    AuditRecord {
        subject: subject.cloned(),
        ..AuditRecord::system(service.now(), action, request_id)
    }
}

/// Starts a registration: checks the IIN and password, sends a code to the registered phone.
pub async fn register(
    service: &Service,
    iin: &str,
    password: &str,
    ip: &str,
) -> Result<CodeSent, AppError> {
    let iin = parse_iin(iin)?;
    check_password_policy(password, &iin)?;
    if service.store.user_by_iin(&iin).await?.is_some() {
        return Err(AppError::Conflict(AuthError::AlreadyRegistered.into()));
    }
    let password_hash = hash_password(password)?;
    otp::issue(service, &iin, Purpose::Register { password_hash }, ip).await
}

/// Finishes a registration with the code.
pub async fn confirm_registration(
    service: &Service,
    challenge_id: &str,
    code: &str,
    request_id: &str,
) -> Result<User, AppError> {
    let challenge = otp::load(service, challenge_id).await?;
    let Purpose::Register { password_hash } = &challenge.purpose else {
        return Err(AppError::Code(OtpError::Unknown.into()));
    };
    let now = service.now();
    otp::confirm(service, &challenge, code, now).await?;
    let user = User::new(
        UserId::from_random(random_id()),
        challenge.iin.clone(),
        password_hash.clone(),
        vec![Role::Applicant],
        None,
        now,
    );
    let mut audit = anonymous_audit(
        service,
        AuditAction::AuthRegister,
        Some(&user.iin),
        request_id,
    );
    audit.actor = Some(user.id.clone());
    audit.actor_iin = Some(user.iin.clone());
    match service.store.create_user(&user, &audit).await {
        Err(StoreError::Duplicate(_)) => {
            Err(AppError::Conflict(AuthError::AlreadyRegistered.into()))
        }
        other => other.map(|()| user).map_err(AppError::from),
    }
}

/// First step of sign-in: the password; a code goes to the phone.
pub async fn login(
    service: &Service,
    iin: &str,
    password: &str,
    ip: &str,
    request_id: &str,
) -> Result<CodeSent, AppError> {
    let iin = parse_iin(iin)?;
    // Counted before the password is checked: guessing a password is never free.
    let limits = service.limits;
    limiter::take(service, &limiter::ip_key(ip), limits.signin_per_ip, None).await?;
    let owner = Some(&iin);
    limiter::take(
        service,
        &limiter::iin_key(&iin),
        limits.signin_per_iin,
        owner,
    )
    .await?;
    let user = service.store.user_by_iin(&iin).await?;
    // Hash even when there is no account, so timing does not tell which IINs have one.
    let phc = match &user {
        Some(u) => u.password_hash.clone(),
        None => dummy_hash()?,
    };
    if !verify_password(password, &phc) || user.is_none() {
        let mut audit = anonymous_audit(
            service,
            AuditAction::AuthLoginRefused,
            Some(&iin),
            request_id,
        );
        audit.details = json!({ "ip": ip });
        service.store.audit(&audit).await?;
        return Err(AppError::BadCredentials);
    }
    limiter::succeeded(service, &iin, ip).await?;
    if let Some(user) = &user {
        refuse_disabled(service, user, request_id).await?;
    }
    otp::issue(service, &iin, Purpose::Login, ip).await
}

/// A disabled account signs in no way; the attempt is recorded in its trail.
async fn refuse_disabled(service: &Service, user: &User, request_id: &str) -> Result<(), AppError> {
    if user.disabled_at.is_none() {
        return Ok(());
    }
    let mut audit = anonymous_audit(
        service,
        AuditAction::AuthLoginRefused,
        Some(&user.iin),
        request_id,
    );
    audit.details = json!({ "reason": "disabled" });
    service.store.audit(&audit).await?;
    Err(AppError::Refused(AuthError::AccountDisabled.into()))
}

fn dummy_hash() -> Result<String, AppError> {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = hash_password("no account has this password")?;
    Ok(DUMMY.get_or_init(|| h).clone())
}

/// Second step of sign-in: the code; opens a session.
pub async fn confirm_login(
    service: &Service,
    challenge_id: &str,
    code: &str,
    request_id: &str,
) -> Result<SignedIn, AppError> {
    let challenge = otp::load(service, challenge_id).await?;
    if challenge.purpose != Purpose::Login {
        return Err(AppError::Code(OtpError::Unknown.into()));
    }
    let now = service.now();
    otp::confirm(service, &challenge, code, now).await?;
    let user = service
        .store
        .user_by_iin(&challenge.iin)
        .await?
        .ok_or(AppError::BadCredentials)?;
    open_session(service, user, AuditAction::AuthLogin, request_id).await
}

/// Opens a session for `user` and records the sign-in (`action`) in the audit trail.
async fn open_session(
    service: &Service,
    user: User,
    action: AuditAction,
    request_id: &str,
) -> Result<SignedIn, AppError> {
    refuse_disabled(service, &user, request_id).await?;
    let now = service.now();
    let token = new_token();
    let session = NewSession {
        token_hash: sha256_hex(token.as_bytes()),
        user: user.id.clone(),
        created_at: now,
        expires_at: now + SignedDuration::from_secs(service.limits.session_seconds),
    };
    service.store.create_session(&session).await?;
    let mut audit = anonymous_audit(service, action, Some(&user.iin), request_id);
    audit.actor = Some(user.id.clone());
    audit.actor_iin = Some(user.iin.clone());
    service.store.audit(&audit).await?;
    Ok(SignedIn { token, user })
}

/// How stale a session's last use may be before a request records it again.
const SESSION_TOUCH_SECONDS: i64 = 60;

/// The actor of a session token, if the session still works: before its absolute end, used
/// within the idle time, of an enabled account.
pub async fn authenticate(
    service: &Service,
    token: &str,
    request_id: &str,
) -> Result<Option<Actor>, AppError> {
    let now = service.now();
    let limits = service.limits;
    let idle_since = now - SignedDuration::from_secs(limits.session_idle_seconds);
    let hash = sha256_hex(token.as_bytes());
    let Some(live) = service.store.session_user(&hash, now, idle_since).await? else {
        return Ok(None);
    };
    // Written at most once a minute per session, so reading pages does not queue on writes.
    if live.last_seen < now - SignedDuration::from_secs(SESSION_TOUCH_SECONDS) {
        service.store.touch_session(&hash, now).await?;
    }
    let u = live.user;
    Ok(Some(Actor {
        user: u.id,
        iin: u.iin,
        roles: u.roles,
        office: u.office,
        request_id: request_id.to_owned(),
    }))
}

/// Ends a session.
pub async fn logout(service: &Service, token: &str) -> Result<(), AppError> {
    Ok(service
        .store
        .delete_session(&sha256_hex(token.as_bytes()))
        .await?)
}

/// Creates a staff account (CLI): the IIN, a password, roles and an office.
pub async fn add_user(
    service: &Service,
    iin: &str,
    password: &str,
    roles: Vec<Role>,
    office: Option<kandas_domain::office::OfficeCode>,
) -> Result<User, AppError> {
    let iin = parse_iin(iin)?;
    check_password_policy(password, &iin)?;
    create_account(service, iin, password, roles, office).await
}

/// Creates a demo account with the published demo password, which the policy would refuse
/// (API.md fixes it): the development demo data only, never a real person's account.
pub async fn add_demo_user(
    service: &Service,
    iin: &str,
    password: &str,
    roles: Vec<Role>,
    office: Option<kandas_domain::office::OfficeCode>,
) -> Result<User, AppError> {
    create_account(service, parse_iin(iin)?, password, roles, office).await
}

async fn create_account(
    service: &Service,
    iin: Iin,
    password: &str,
    roles: Vec<Role>,
    office: Option<kandas_domain::office::OfficeCode>,
) -> Result<User, AppError> {
    if roles.iter().any(|r| r.needs_office()) && office.is_none() {
        return Err(AppError::BadRequest(UserError::OfficeRequired.into()));
    }
    let now = service.now();
    let user = User::new(
        UserId::from_random(random_id()),
        iin.clone(),
        hash_password(password)?,
        roles,
        office,
        now,
    );
    let mut audit = anonymous_audit(service, AuditAction::UserAdd, Some(&iin), "cli");
    audit.details = json!({ "roles": user.roles, "office": user.office });
    match service.store.create_user(&user, &audit).await {
        Err(StoreError::Duplicate(_)) => Err(AppError::Conflict(UserError::Exists.into())),
        other => other.map(|()| user).map_err(AppError::from),
    }
}
