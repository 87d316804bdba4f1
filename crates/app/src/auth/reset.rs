//! A new password set by the person: the IIN and the new password, then the code sent to the
//! phone the Mobile Citizens Database has for them. It is how someone whose password an
//! administrator reset gets back in, and how anyone who forgot theirs (or wants another) sets a
//! new one: owning the registered phone proves the person, as it does at sign-in. A disabled
//! account cannot, and the new password follows the policy. Every session ends with it.

use kandas_domain::audit::AuditAction;
use kandas_domain::codes::{AuthError, OtpError};
use serde_json::json;

use super::{anonymous_audit, check_password_policy, parse_iin};
use crate::error::AppError;
use crate::otp::{self, CodeSent};
use crate::ports::store::{AccountChange, Purpose};
use crate::secrets::hash_password;
use crate::service::Service;

/// Starts setting a new password: checks it and sends a code to the registered phone.
pub async fn start(
    service: &Service,
    iin: &str,
    password: &str,
    ip: &str,
) -> Result<CodeSent, AppError> {
    let iin = parse_iin(iin)?;
    check_password_policy(password, &iin)?;
    let user = service
        .store
        .user_by_iin(&iin)
        .await?
        .ok_or(AppError::Code(AuthError::NoAccount.into()))?;
    if user.disabled_at.is_some() {
        return Err(AppError::Refused(AuthError::AccountDisabled.into()));
    }
    let password_hash = hash_password(password)?;
    otp::issue(service, &iin, Purpose::ResetPassword { password_hash }, ip).await
}

/// Sets the new password with the code; every session of the account ends (a reset means the
/// old password may be known to someone else).
pub async fn confirm(
    service: &Service,
    challenge_id: &str,
    code: &str,
    request_id: &str,
) -> Result<(), AppError> {
    let challenge = otp::load(service, challenge_id).await?;
    let Purpose::ResetPassword { password_hash } = &challenge.purpose else {
        return Err(AppError::Code(OtpError::Unknown.into()));
    };
    otp::confirm(service, &challenge, code, service.now()).await?;
    let user = service
        .store
        .user_by_iin(&challenge.iin)
        .await?
        .ok_or(AppError::Code(AuthError::NoAccount.into()))?;
    if user.disabled_at.is_some() {
        return Err(AppError::Refused(AuthError::AccountDisabled.into()));
    }
    let mut audit = anonymous_audit(
        service,
        AuditAction::AuthPasswordSet,
        Some(&user.iin),
        request_id,
    );
    audit.actor = Some(user.id.clone());
    audit.actor_iin = Some(user.iin.clone());
    audit.details = json!({ "after_reset": user.reset_requested_at.is_some() });
    let set = AccountChange::SetPassword {
        password_hash: password_hash.clone(),
    };
    service
        .store
        .change_account(&user.id, &set, &audit, &[])
        .await?;
    Ok(())
}
