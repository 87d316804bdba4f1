//! Certificates anyone can verify: the seal put on a certificate when its decision takes effect
//! (the QR address with the signed payload, and the check code), and the public check by number
//! and code for people without a camera.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::person::Person;
use kandas_seal::Claims;

use crate::error::AppError;
use crate::public::{PublicCertificate, certificate};
use crate::service::Service;

/// What a printed certificate carries for verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedCertificate {
    /// The QR code's content: the live page's address with the signed payload in its fragment.
    pub url: String,
    /// The check code as printed (`12345 67890`).
    pub code: String,
}

/// What the certificate says, as sealed.
#[derive(Debug, Clone)]
pub struct Sealable<'a> {
    /// The certificate number.
    pub number: &'a CertificateNumber,
    /// The holder.
    pub holder: &'a Person,
    /// The last day of validity.
    pub valid_until: Date,
    /// Whether it was extended.
    pub extended: bool,
    /// The issuing office's code.
    pub issuer: String,
    /// The day of issue.
    pub issued_on: Date,
    /// When the seal is signed: the time the decision took effect, never the time of a download.
    pub signed_at: Timestamp,
}

/// Seals a certificate with the seal's key active at its signing time.
pub fn seal_certificate(
    service: &Service,
    certificate: &Sealable<'_>,
) -> Result<SealedCertificate, AppError> {
    let number = certificate.number.to_string();
    let claims = Claims {
        number: number.clone(),
        name_cyrillic: certificate.holder.name.display(),
        name_latin: certificate.holder.name_latin.display(),
        birth_date: certificate.holder.birth_date,
        valid_until: certificate.valid_until,
        extended: certificate.extended,
        issuer: certificate.issuer.clone(),
        issued_on: certificate.issued_on,
        signed_at: certificate.signed_at,
    };
    let sealed = service
        .seal
        .sign(&claims)
        .map_err(|e| AppError::internal_in("sealing the certificate failed", e))?;
    Ok(SealedCertificate {
        url: kandas_seal::link(&service.public_url, &number, &sealed),
        code: kandas_seal::format_code(&service.seal.code(&number)),
    })
}

/// The public answer about certificate `number`, only when `code` is its check code; any other
/// code looks like an unknown number.
pub async fn certificate_with_code(
    service: &Service,
    number: &str,
    code: &str,
) -> Result<PublicCertificate, AppError> {
    let parsed = CertificateNumber::parse(number.trim()).map_err(|_| AppError::NotFound)?;
    if !service.seal.code_matches(parsed.as_str(), code) {
        return Err(AppError::NotFound);
    }
    certificate(service, parsed.as_str()).await
}
