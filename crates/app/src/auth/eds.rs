//! Sign-in (and first registration) with an electronic digital signature: the server issues a
//! nonce, NCALayer signs it with the person's authentication key, the server verifies the CMS
//! against the national PKI and opens a session for the IIN in the certificate.

use jiff::SignedDuration;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::{AuthError, EdsError};
use kandas_domain::ids::UserId;
use serde_json::json;

use super::{SignedIn, anonymous_audit, open_session};
use crate::actor::Role;
use crate::applicant::sign::{accepted, decode_cms};
use crate::error::AppError;
use crate::ports::signature::KeyPurpose;
use crate::ports::store::{StoreError, User};
use crate::secrets::{hash_password, new_token, random_id, sha256_hex};
use crate::service::Service;

/// How long a sign-in nonce may wait for its signature.
const NONCE_LIFETIME: SignedDuration = SignedDuration::from_secs(300);

/// A fresh nonce for NCALayer to sign (used once, within five minutes).
pub async fn nonce(service: &Service) -> Result<String, AppError> {
    let nonce = new_token();
    let now = service.now();
    let hash = sha256_hex(nonce.as_bytes());
    service
        .store
        .create_nonce(&hash, now, now + NONCE_LIFETIME)
        .await?;
    Ok(nonce)
}

/// Signs in with the CMS NCALayer made over `nonce`. A person the population registry knows
/// but who has no account yet gets one (an applicant's), as registration by EDS.
pub async fn sign_in(
    service: &Service,
    nonce: &str,
    cms_base64: &str,
    (ip, request_id): (&str, &str),
) -> Result<SignedIn, AppError> {
    // Counted per address before anything is checked; the IIN a refused certificate names is
    // not known to be true, so it is neither counted nor written into that person's trail.
    let per_ip = service.limits.signin_per_ip;
    super::limiter::take(service, &super::limiter::ip_key(ip), per_ip, None).await?;
    let hash = sha256_hex(nonce.as_bytes());
    if !service.store.consume_nonce(&hash, service.now()).await? {
        return Err(AppError::Code(AuthError::EdsNonce.into()));
    }
    let cms = decode_cms(cms_base64)?;
    let check = service
        .signatures
        .verify(&cms, nonce.as_bytes(), KeyPurpose::Authenticate, None)
        .await;
    crate::telemetry::signature_checked(KeyPurpose::Authenticate, &check);
    let check = check.map_err(|e| AppError::Unavailable(Box::new(e)))?;
    if let Err(refused) = accepted(&check) {
        // Recorded against the certificate presented, never in the trail of the person it names.
        let mut audit = anonymous_audit(service, AuditAction::AuthEdsRefused, None, request_id);
        audit.details = json!({
            "reason": refused.code(),
            "ip": ip,
            "presented": {
                "subject": check.signer,
                "certificate_sha256": check.certificate.as_deref().map(sha256_hex),
            },
        });
        service.store.audit(&audit).await?;
        return Err(refused);
    }
    let iin = check
        .iin
        .ok_or(AppError::SignatureRefused(EdsError::IinMismatch))?;
    let user = match service.store.user_by_iin(&iin).await? {
        Some(user) => user,
        None => register(service, &iin, request_id).await?,
    };
    super::limiter::succeeded(service, &iin, ip).await?;
    open_session(service, user, AuditAction::AuthLoginEds, request_id).await
}

async fn register(
    service: &Service,
    iin: &kandas_domain::iin::Iin,
    request_id: &str,
) -> Result<User, AppError> {
    if service.registry.person(iin).await?.is_none() {
        return Err(AppError::Conflict(AuthError::EdsNotInRegistry.into()));
    }
    // A password nobody knows: this account signs in by EDS until a password is set.
    let user = User::new(
        UserId::from_random(random_id()),
        iin.clone(),
        hash_password(&new_token())?,
        vec![Role::Applicant],
        None,
        service.now(),
    );
    let mut audit = anonymous_audit(service, AuditAction::AuthRegisterEds, Some(iin), request_id);
    audit.actor = Some(user.id.clone());
    audit.actor_iin = Some(user.iin.clone());
    match service.store.create_user(&user, &audit).await {
        Ok(()) => Ok(user),
        // Registered by a parallel request a moment ago: use that account.
        Err(StoreError::Duplicate(_)) => service
            .store
            .user_by_iin(iin)
            .await?
            .ok_or(AppError::BadCredentials),
        Err(e) => Err(e.into()),
    }
}
