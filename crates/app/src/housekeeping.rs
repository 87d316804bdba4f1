//! Housekeeping the worker runs: anonymous rows that nobody can use any more are deleted —
//! sign-in nonces once expired, one-time codes once expired and past the rate-limit window
//! that counts them, idle attempt counters, idempotency keys once expired — and stored files
//! no attachment holds (an upload cut short, a delete that failed) once an hour loose.

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

/// How long a file may be loose before it is deleted: longer than any upload takes (the upload
/// timeout is five minutes), so a file being stored now is never taken.
pub const LOOSE_FILES_AFTER: SignedDuration = SignedDuration::from_hours(1);

/// Deletes the files loose for [`LOOSE_FILES_AFTER`] that no attachment holds, a hundred at a
/// time; answers how many.
pub async fn collect_loose_files(service: &Service) -> Result<usize, AppError> {
    let now = service.now();
    let before = now.checked_sub(LOOSE_FILES_AFTER).unwrap_or(now);
    let mut collected = 0;
    loop {
        let loose = service.store.loose_files(before, 100).await?;
        if loose.is_empty() {
            return Ok(collected);
        }
        for key in &loose {
            service.files.delete(key).await?;
            service.store.forget_loose(key).await?;
            collected += 1;
        }
    }
}
