//! Housekeeping the worker runs: anonymous rows that nobody can use any more are deleted —
//! sign-in nonces once expired, one-time codes once expired and past the rate-limit window
//! that counts them, idle attempt counters, idempotency keys once expired.

use jiff::SignedDuration;

use crate::error::AppError;
use crate::ports::store::Swept;
use crate::service::Service;

/// Deletes what expired; answers what was deleted.
pub async fn sweep(service: &Service) -> Result<Swept, AppError> {
    let now = service.now();
    let window = SignedDuration::from_secs(service.limits.code_window_seconds);
    let codes_before = now.checked_sub(window).unwrap_or(now);
    let keys_before = now
        .checked_sub(crate::idempotency::KEY_LIFETIME)
        .unwrap_or(now);
    let swept = service.store.delete_expired(now, codes_before).await?;
    Ok(Swept {
        keys: service.store.delete_expired_keys(keys_before).await?,
        ..swept
    })
}
