//! What anyone may ask without signing in: whether a kandas certificate is valid, and where an
//! application stands for whoever holds its receipt (the status link's key).

use jiff::civil::Date;
use kandas_domain::certificate::{CertificateEnding, CertificateStatus};
use kandas_domain::deadline::almaty_date;
use kandas_domain::deadline::is_on_time;
use kandas_domain::numbers::{ApplicationNumber, CertificateNumber};
use serde::Serialize;

use crate::error::AppError;
use crate::ports::registry::RegisteredCertificate;
use crate::service::Service;

/// The public answer about a certificate: only what a verifier needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicCertificate {
    /// Its number.
    pub number: String,
    /// valid, extended or expired.
    pub status: CertificateStatus,
    /// Last day of validity.
    pub valid_until: String,
    /// The holder's IIN with the middle hidden.
    pub holder_masked: String,
    /// The issuing local executive body.
    pub issuer: String,
}

/// Looks a certificate up by its number.
pub async fn certificate(service: &Service, number: &str) -> Result<PublicCertificate, AppError> {
    let number = CertificateNumber::parse(number).map_err(|_| AppError::NotFound)?;
    let found = service
        .registry
        .certificate_by_number(&number)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = almaty_date(service.now());
    service
        .store
        .count_certificate_check(&found.number, today)
        .await?;
    let status = standing(service, &found, today).await?;
    Ok(PublicCertificate {
        number: found.number.to_string(),
        status,
        valid_until: found.valid_until.to_string(),
        holder_masked: found.holder.masked(),
        issuer: found.issuer,
    })
}

/// The status of a certificate: revoked or terminated by an ending in effect (recorded and
/// confirmed), terminated when the population registry has the holder as a citizen of
/// Kazakhstan, otherwise valid, extended or expired by its dates as seen on `on`.
pub async fn standing(
    service: &Service,
    found: &RegisteredCertificate,
    on: Date,
) -> Result<CertificateStatus, AppError> {
    let citizen = service
        .registry
        .person(&found.holder)
        .await?
        .is_some_and(|p| p.citizenship.is_kazakhstan());
    let ending = service
        .store
        .ending(&found.number)
        .await?
        .and_then(|e| e.in_effect());
    Ok(match (ending, citizen) {
        (Some(CertificateEnding::Revoked), _) => CertificateStatus::Revoked,
        (Some(CertificateEnding::Terminated), _) | (None, true) => CertificateStatus::Terminated,
        (None, false) => CertificateStatus::on(found.valid_until, found.extended(), on),
    })
}

/// Where an application stands, as the receipt's QR code shows it: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicStatus {
    /// The application number.
    pub number: String,
    /// `assignment` or `extension`.
    pub kind: &'static str,
    /// The status code (API.md's vocabulary).
    pub status: &'static str,
    /// Where it was made.
    pub channel: &'static str,
    /// Decision due by, once registered.
    pub due: Option<jiff::civil::Date>,
    /// Whether it is (or was decided) on time.
    pub on_time: Option<bool>,
    /// Decided: the result waits at the desk where it was filed, or in the personal account.
    pub result_ready: bool,
}

/// The status of application `number` for whoever holds its status key; a wrong key looks
/// like an unknown number.
pub async fn status(service: &Service, number: &str, key: &str) -> Result<PublicStatus, AppError> {
    let number = ApplicationNumber::parse(number.trim()).map_err(|_| AppError::NotFound)?;
    if !service
        .secrets
        .status_key_matches(number.as_str(), key.trim())?
    {
        return Err(AppError::NotFound);
    }
    let application = service
        .store
        .application_by_number(&number)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = &application.status;
    let registration = status.registration();
    let judged_on = almaty_date(status.closed_at().unwrap_or_else(|| service.now()));
    Ok(PublicStatus {
        number: application.number.to_string(),
        kind: application.kind.code(),
        status: status.code(),
        channel: application.channel.code(),
        due: registration.map(|r| r.deadline.due),
        on_time: registration.map(|r| is_on_time(r.deadline.due, judged_on)),
        result_ready: matches!(
            status,
            kandas_domain::application::status::Status::Decided { .. }
        ),
    })
}
