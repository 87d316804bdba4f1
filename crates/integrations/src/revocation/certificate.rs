//! What the fetcher reads from certificates and CRLs: the http CRL distribution points, the
//! issuer, and a CRL's update times. Nothing here judges a signature; the verifier does.

use der::{Decode, Encode};
use jiff::Timestamp;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::CrlDistributionPoints;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::time::Time;

/// The http URLs of a certificate's cRLDistributionPoints (fullName uniformResourceIdentifier),
/// in the certificate's order. LDAP and https points are skipped (https would need a path check
/// of its own to fetch revocation data), and so are points with a cRLIssuer: an indirect CRL is
/// not issued by the certificate's issuer, so the verifier could not use it.
pub fn crl_urls(certificate_der: &[u8]) -> Result<Vec<String>, der::Error> {
    let certificate = Certificate::from_der(certificate_der)?;
    cdp_urls(&certificate)
}

pub(super) fn cdp_urls(certificate: &Certificate) -> Result<Vec<String>, der::Error> {
    let Some((_, points)) = certificate
        .tbs_certificate()
        .get_extension::<CrlDistributionPoints>()?
    else {
        return Ok(Vec::new());
    };
    let urls = points
        .0
        .iter()
        .filter(|point| point.crl_issuer.is_none())
        .filter_map(|point| match &point.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(|name| match name {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.as_str()),
            _ => None,
        })
        .filter(|uri| {
            uri.get(..7)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
        })
        .map(str::to_owned)
        .collect();
    Ok(urls)
}

/// The DER of the issuer's name of a certificate.
pub(super) fn issuer_der(certificate: &Certificate) -> Result<Vec<u8>, der::Error> {
    certificate.tbs_certificate().issuer().to_der()
}

/// The DER of the subject's name of a certificate.
pub(super) fn subject_der(certificate: &Certificate) -> Result<Vec<u8>, der::Error> {
    certificate.tbs_certificate().subject().to_der()
}

/// How a message names a certificate: its place in the path and its serial.
pub(super) fn label(position: usize, certificate: &Certificate) -> String {
    let serial: String = certificate
        .tbs_certificate()
        .serial_number()
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    format!("certificate {} of the path (serial {serial})", position + 1)
}

/// The update times of a CRL: all the cache needs from it.
#[derive(Debug, Clone, Copy)]
pub(super) struct CrlTimes {
    pub(super) next_update: Option<Timestamp>,
}

/// Checks that `body` is a DER CRL and reads its nextUpdate. The signature, issuer and currency
/// are the verifier's business.
pub(super) fn parse_crl(body: &[u8]) -> Result<CrlTimes, String> {
    let crl: CertificateList =
        CertificateList::from_der(body).map_err(|e| format!("the body is not a DER CRL: {e}"))?;
    let next_update = match crl.tbs_cert_list.next_update {
        Some(time) => Some(timestamp(time)?),
        None => None,
    };
    Ok(CrlTimes { next_update })
}

fn timestamp(time: Time) -> Result<Timestamp, String> {
    let seconds = i64::try_from(time.to_unix_duration().as_secs())
        .map_err(|_| "a CRL time is out of range".to_owned())?;
    Timestamp::from_second(seconds).map_err(|e| format!("a CRL time is out of range: {e}"))
}
