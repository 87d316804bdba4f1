//! Idempotency keys as Stripe has them: a key belongs to the actor's account and stands for one
//! request — the operation, its target and the command — by the SHA-256 of their canonical JSON.
//! The same key for the same request within 24 hours answers what the first did, without doing
//! or auditing anything again; for another request (another operation, case or body) it is a
//! 422 `idempotency.mismatch`, never the first request's result; after 24 hours it is new. At
//! most 255 characters.

use jiff::SignedDuration;
use kandas_domain::codes::IdempotencyError;
use kandas_domain::ids::ApplicationId;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::actor::Actor;
use crate::error::AppError;
use crate::ports::store::{IdempotencyKey, StoredResponse};
use crate::service::Service;

/// How long a key stands for its request.
pub const KEY_LIFETIME: SignedDuration = SignedDuration::from_hours(24);

/// The longest key accepted.
pub const MAX_KEY_CHARS: usize = 255;

/// The key `raw` (trimmed; none when blank) of `actor` for `operation` on `target` with
/// `command`; a key over [`MAX_KEY_CHARS`] is refused.
pub fn key(
    service: &Service,
    actor: &Actor,
    raw: Option<&str>,
    operation: &str,
    target: Option<&ApplicationId>,
    command: Value,
) -> Result<Option<IdempotencyKey>, AppError> {
    let Some(raw) = given(raw) else {
        return Ok(None);
    };
    if raw.chars().count() > MAX_KEY_CHARS {
        return Err(AppError::BadRequest(IdempotencyError::Key.into()));
    }
    let request = json!({
        "operation": operation,
        "target": target.map(ApplicationId::as_str),
        "command": command,
    });
    let now = service.now();
    Ok(Some(IdempotencyKey {
        scope: scope(actor),
        key: raw.to_owned(),
        fingerprint: hex::encode(Sha256::digest(request.to_string().as_bytes())),
        not_before: now.checked_sub(KEY_LIFETIME).unwrap_or(now),
    }))
}

/// The application the same request made or changed before, when `key` was used for it (a
/// key used for another request is [`IdempotencyError::Mismatch`]).
pub async fn earlier(
    service: &Service,
    key: Option<&IdempotencyKey>,
) -> Result<Option<ApplicationId>, AppError> {
    match key {
        Some(key) => Ok(service.store.idempotent(key).await?),
        None => Ok(None),
    }
}

/// The answer to give a request made with the key `raw` (if any): its first answer when the key
/// was recorded by it (so a replay answers the status and body the first request got, though
/// the case has changed since), else `response` itself, which is kept as the first answer.
pub async fn answer_once(
    service: &Service,
    actor: &Actor,
    raw: Option<&str>,
    response: StoredResponse,
) -> Result<StoredResponse, AppError> {
    let Some(raw) = given(raw) else {
        return Ok(response);
    };
    let kept = service
        .store
        .answer_once(&scope(actor), raw, &response)
        .await?;
    Ok(kept.unwrap_or(response))
}

/// The key as sent, trimmed; none when blank.
fn given(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|k| !k.is_empty())
}

/// Whose keys these are: the actor's account.
fn scope(actor: &Actor) -> String {
    actor.user.to_string()
}
