//! Housekeeping the worker runs: anonymous rows that nobody can use any more are deleted —
//! sign-in nonces once expired, one-time codes once expired and past the rate-limit window
//! that counts them, idle attempt counters.

use jiff::SignedDuration;

use crate::error::AppError;
use crate::ports::store::Swept;
use crate::service::Service;

/// Deletes what expired; answers what was deleted.
pub async fn sweep(service: &Service) -> Result<Swept, AppError> {
    let now = service.now();
    let window = SignedDuration::from_secs(service.limits.code_window_seconds);
    let codes_before = now.checked_sub(window).unwrap_or(now);
    Ok(service.store.delete_expired(now, codes_before).await?)
}
