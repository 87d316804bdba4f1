//! One-time codes by SMS: issued with rate limits, stored hashed, 3 tries, short-lived.
//!
//! The same mechanism confirms registration, the second factor of sign-in and an SMS signature.

use jiff::{SignedDuration, Timestamp};
use kandas_domain::codes::OtpError;
use kandas_domain::iin::Iin;
use kandas_domain::phone::PhoneNumber;

use crate::error::AppError;
use crate::ports::store::{Challenge, JobKind, Purpose};
use crate::secrets::{new_code, new_id};
use crate::service::Service;

/// What the client is told after a code was sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CodeSent {
    /// The challenge to confirm.
    pub challenge_id: String,
    /// Where the code went, masked.
    pub phone_masked: String,
}

/// The phone of this IIN in the Mobile Citizens Database, or the error that says how to register.
pub async fn mobile_phone(service: &Service, iin: &Iin) -> Result<PhoneNumber, AppError> {
    service
        .registry
        .mobile_phone(iin)
        .await?
        .ok_or(AppError::Code(OtpError::NoMobilePhone.into()))
}

/// Sends a fresh code for `purpose` to the IIN's phone, within the rate limits.
pub async fn issue(
    service: &Service,
    iin: &Iin,
    purpose: Purpose,
    ip: &str,
) -> Result<CodeSent, AppError> {
    let phone = mobile_phone(service, iin).await?;
    let now = service.now();
    let limits = service.limits;
    let since = now - SignedDuration::from_secs(limits.code_window_seconds);
    let (by_iin, by_ip) = service.store.recent_challenges(iin, ip, since).await?;
    if by_iin >= limits.codes_per_iin || by_ip >= limits.codes_per_ip {
        return Err(AppError::TooMany {
            retry_after: limits.code_window_seconds.unsigned_abs(),
        });
    }
    let otp = service.rules_at(now)?.otp;
    let id = new_id();
    let code = new_code();
    let challenge = Challenge {
        id: id.clone(),
        iin: iin.clone(),
        purpose,
        code_hash: service.secrets.code_hash(&id, &code)?,
        phone: phone.clone(),
        ip: ip.to_owned(),
        created_at: now,
        expires_at: now + SignedDuration::from_secs(i64::from(otp.ttl_seconds)),
        attempts_left: i64::from(otp.max_attempts),
        consumed_at: None,
    };
    let minutes = (otp.ttl_seconds / 60).to_string();
    let text = ["kk", "ru"]
        .map(|lang| {
            kandas_i18n::text_with(
                lang,
                "sms-code",
                &[("code", code.clone()), ("minutes", minutes.clone())],
            )
        })
        .join(" / ");
    service
        .store
        .create_challenge(
            &challenge,
            &JobKind::Sms {
                phone: phone.clone(),
                text,
                application: match &challenge.purpose {
                    Purpose::Sign { application, .. } => Some(application.clone()),
                    _ => None,
                },
                // A code that could no longer be used is not sent.
                expires_at: Some(challenge.expires_at),
            },
        )
        .await?;
    (service.wake)();
    Ok(CodeSent {
        challenge_id: id,
        phone_masked: phone.masked(),
    })
}

/// Checks `code` against the challenge and uses it up. Every check costs a try, taken in the
/// store before the comparison, so that concurrent guesses cannot outnumber the tries; the
/// right code within the tries uses the challenge up.
pub async fn confirm(
    service: &Service,
    challenge: &Challenge,
    code: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    check(service, challenge, code, now).await?;
    if !service.store.consume_challenge(&challenge.id, now).await? {
        return Err(AppError::Code(OtpError::Used.into()));
    }
    Ok(())
}

/// Checks `code` against the challenge, at the cost of a try, without using it up: for a
/// change that spends the code in its own transaction (`StatusChange::spends_code`), so that a
/// change that never commits leaves the code usable.
pub async fn check(
    service: &Service,
    challenge: &Challenge,
    code: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    let Some(left) = service.store.take_try(&challenge.id, now).await? else {
        // No try to take: say why, from the challenge as it stands now.
        let current = service.store.challenge(&challenge.id).await?;
        let current = current.as_ref().unwrap_or(challenge);
        return Err(AppError::Code(
            if current.consumed_at.is_some() {
                OtpError::Used
            } else if now >= current.expires_at {
                OtpError::Expired
            } else {
                OtpError::Locked
            }
            .into(),
        ));
    };
    let code = code.trim();
    let well_formed = code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit());
    if !well_formed
        || !service
            .secrets
            .code_matches(&challenge.id, code, &challenge.code_hash)?
    {
        return Err(AppError::Code(
            if left == 0 {
                OtpError::Locked
            } else {
                OtpError::Wrong
            }
            .into(),
        ));
    }
    Ok(())
}

/// Loads a challenge by the id the client holds.
pub async fn load(service: &Service, id: &str) -> Result<Challenge, AppError> {
    service
        .store
        .challenge(id)
        .await?
        .ok_or(AppError::Code(OtpError::Unknown.into()))
}

/// The first run of exactly six digits in `text`: the code in a message that carries one.
pub fn six_digits(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 6 {
            return Some(text[start..i].to_owned());
        }
        i = i.max(start + 1);
    }
    None
}
