//! The configured trust: NCA RK root certificates (anchors) and intermediates (helpers for path
//! building, trusted only through an anchor). Loaded from PEM or DER bytes the caller read from files.

use der::{Decode, Encode};
use jiff::Timestamp;
use x509_cert::Certificate;

use crate::name;
use crate::report::CertificateSummary;

/// Why the trust configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// An input held no certificate at all.
    #[error("{kind} #{index}: no certificate found (expected PEM or DER)")]
    Empty {
        /// `anchor` or `intermediate`.
        kind: &'static str,
        /// Position in the slice given.
        index: usize,
    },
    /// An input was not a certificate.
    #[error("{kind} #{index}: not a valid X.509 certificate: {source}")]
    Certificate {
        /// `anchor` or `intermediate`.
        kind: &'static str,
        /// Position in the slice given.
        index: usize,
        /// The decoding error.
        source: der::Error,
    },
    /// No anchors at all: nothing could ever validate.
    #[error("no trust anchors configured")]
    NoAnchors,
}

/// A certificate with the encodings needed to compare and verify it.
#[derive(Debug, Clone)]
pub struct Cert {
    pub(crate) cert: Certificate,
    pub(crate) subject_der: Vec<u8>,
    pub(crate) issuer_der: Vec<u8>,
    pub(crate) tbs_der: Vec<u8>,
}

impl Cert {
    pub fn new(cert: Certificate) -> der::Result<Self> {
        let tbs = cert.tbs_certificate();
        Ok(Self {
            subject_der: tbs.subject().to_der()?,
            issuer_der: tbs.issuer().to_der()?,
            tbs_der: tbs.to_der()?,
            cert,
        })
    }

    pub(crate) fn subject(&self) -> String {
        name::render(self.cert.tbs_certificate().subject())
    }

    pub(crate) fn not_before(&self) -> Timestamp {
        to_timestamp(self.cert.tbs_certificate().validity().not_before)
    }

    pub(crate) fn not_after(&self) -> Timestamp {
        to_timestamp(self.cert.tbs_certificate().validity().not_after)
    }

    pub(crate) fn summary(&self) -> CertificateSummary {
        let tbs = self.cert.tbs_certificate();
        CertificateSummary {
            subject: self.subject(),
            issuer: name::render(tbs.issuer()),
            serial: name::hex_upper(tbs.serial_number().as_bytes()),
            not_before: self.not_before(),
            not_after: self.not_after(),
        }
    }
}

/// Converts an X.509 time; der's range (1970–9999) always fits a jiff timestamp.
pub(crate) fn to_timestamp(time: x509_cert::time::Time) -> Timestamp {
    let secs = i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    Timestamp::from_second(secs).unwrap_or(Timestamp::MAX)
}

/// Trust anchors and intermediates, parsed once at start-up.
#[derive(Debug, Clone)]
pub struct TrustStore {
    pub(crate) anchors: Vec<Cert>,
    pub(crate) intermediates: Vec<Cert>,
}

impl TrustStore {
    /// The configured intermediates, DER (an adapter fetches their CRLs).
    pub fn intermediates_der(&self) -> Vec<Vec<u8>> {
        self.intermediates
            .iter()
            .filter_map(|c| c.cert.to_der().ok())
            .collect()
    }

    /// Loads anchors and intermediates; each input is DER or PEM (a PEM may hold several).
    pub fn from_pem_or_der(anchors: &[&[u8]], intermediates: &[&[u8]]) -> Result<Self, PkiError> {
        let anchors = load_all("anchor", anchors)?;
        if anchors.is_empty() {
            return Err(PkiError::NoAnchors);
        }
        let intermediates = load_all("intermediate", intermediates)?;
        Ok(Self {
            anchors,
            intermediates,
        })
    }

    /// The subjects of the anchors, decoded, for start-up logs and the admin page.
    pub fn anchor_subjects(&self) -> Vec<String> {
        self.anchors.iter().map(Cert::subject).collect()
    }
}

fn load_all(kind: &'static str, inputs: &[&[u8]]) -> Result<Vec<Cert>, PkiError> {
    let mut out = Vec::new();
    for (index, bytes) in inputs.iter().enumerate() {
        let failed = |source| PkiError::Certificate {
            kind,
            index,
            source,
        };
        let certs = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
            Certificate::load_pem_chain(bytes).map_err(failed)?
        } else {
            vec![Certificate::from_der(bytes).map_err(failed)?]
        };
        if certs.is_empty() {
            return Err(PkiError::Empty { kind, index });
        }
        for cert in certs {
            out.push(Cert::new(cert).map_err(failed)?);
        }
    }
    Ok(out)
}
