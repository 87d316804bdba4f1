//! What anyone may ask without signing in: whether a kandas certificate is valid.

use kandas_domain::certificate::CertificateStatus;
use kandas_domain::deadline::almaty_date;
use kandas_domain::numbers::CertificateNumber;
use serde::Serialize;

use crate::error::AppError;
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
    Ok(PublicCertificate {
        number: found.number.to_string(),
        status: CertificateStatus::on(found.valid_until, found.extended, today),
        valid_until: found.valid_until.to_string(),
        holder_masked: found.holder.masked(),
        issuer: found.issuer,
    })
}
