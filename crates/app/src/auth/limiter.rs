//! Sign-in attempts limited per IIN and per client address, in counters of their own: every
//! attempt is counted before the password (or signature) is checked, by a compare-and-set, so
//! concurrent guesses cannot outrun the limit. After the free attempts each next one waits
//! (doubling), and at the lock the IIN's owner is told by SMS. A success gives its attempt back.

use jiff::Timestamp;
use kandas_domain::audit::AuditAction;
use kandas_domain::iin::Iin;
use serde_json::json;

use crate::error::AppError;
use crate::ports::store::{AttemptCounter, AuditRecord, JobKind};
use crate::service::{AttemptLimit, Service};

/// The counter key of an IIN.
pub fn iin_key(iin: &Iin) -> String {
    format!("iin:{iin}")
}

/// The counter key of a client address.
pub fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

fn retry_after(until: Timestamp, now: Timestamp) -> AppError {
    let seconds = until.duration_since(now).as_secs().max(1);
    AppError::TooMany {
        retry_after: seconds.unsigned_abs(),
    }
}

/// Counts one attempt for `key` within `limit`, or refuses it while the key waits. `owner` is
/// told by SMS when this attempt locks the key.
pub async fn take(
    service: &Service,
    key: &str,
    limit: AttemptLimit,
    owner: Option<&Iin>,
) -> Result<(), AppError> {
    let now = service.now();
    let window = jiff::SignedDuration::from_secs(service.limits.code_window_seconds);
    for _ in 0..16 {
        let current = service.store.attempt_counter(key).await?;
        if let Some(until) = current.as_ref().and_then(|c| c.blocked_until)
            && until > now
        {
            return Err(retry_after(until, now));
        }
        let counted = match &current {
            Some(c) if c.last_at + window > now => c.failures,
            _ => 0,
        };
        let next = AttemptCounter {
            key: key.to_owned(),
            failures: counted + 1,
            last_at: now,
            blocked_until: limit.blocked_until(counted + 1, now),
            seq: current.as_ref().map_or(1, |c| c.seq + 1),
        };
        let (audit, jobs) = if next.failures == limit.lock_after {
            lock_notice(service, owner, &next).await?
        } else {
            (None, Vec::new())
        };
        let expected = current.as_ref().map(|c| c.seq);
        if service
            .store
            .put_attempt_counter(expected, &next, audit.as_ref(), &jobs)
            .await?
        {
            if !jobs.is_empty() {
                (service.wake)();
            }
            return Ok(());
        }
    }
    // Contended beyond reason: refuse rather than count loosely.
    Err(AppError::TooMany { retry_after: 1 })
}

/// The lock's audit row (about the IIN's owner) and the SMS to the owner's phone.
async fn lock_notice(
    service: &Service,
    owner: Option<&Iin>,
    next: &AttemptCounter,
) -> Result<(Option<AuditRecord>, Vec<JobKind>), AppError> {
    let Some(owner) = owner else {
        return Ok((None, Vec::new()));
    };
    let audit = AuditRecord {
        subject: Some(owner.clone()),
        details: json!({ "attempts": next.failures, "until": next.blocked_until }),
        ..AuditRecord::system(
            next.last_at,
            AuditAction::AuthLocked,
            format!("lock-{}", next.seq),
        )
    };
    let jobs = match service.registry.mobile_phone(owner).await? {
        Some(phone) => {
            let minutes = (service.limits.signin_per_iin.lock_seconds / 60).to_string();
            let text = ["kk", "ru"]
                .map(|lang| {
                    let args = [("minutes", minutes.clone())];
                    kandas_i18n::text_with(lang, "sms-signin-locked", &args)
                })
                .join(" / ");
            vec![JobKind::Sms {
                phone,
                text,
                application: None,
                expires_at: None,
            }]
        }
        None => Vec::new(),
    };
    Ok((Some(audit), jobs))
}

/// A sign-in succeeded: the IIN's attempts start again; the address gives this one back.
pub async fn succeeded(service: &Service, iin: &Iin, ip: &str) -> Result<(), AppError> {
    for (key, reset) in [(iin_key(iin), true), (ip_key(ip), false)] {
        for _ in 0..16 {
            let Some(current) = service.store.attempt_counter(&key).await? else {
                break;
            };
            let next = AttemptCounter {
                failures: if reset {
                    0
                } else {
                    (current.failures - 1).max(0)
                },
                blocked_until: if reset { None } else { current.blocked_until },
                seq: current.seq + 1,
                ..current.clone()
            };
            if service
                .store
                .put_attempt_counter(Some(current.seq), &next, None, &[])
                .await?
            {
                break;
            }
        }
    }
    Ok(())
}
