//! What can go wrong making, using, saving or loading the development PKI.

use jiff::Timestamp;

use kandas_pki::PkiError;

/// Why the development PKI could not be made, used, saved or loaded.
#[derive(Debug, thiserror::Error)]
pub enum DevPkiError {
    /// No people: the revoked and expired keys belong to the first person.
    #[error("no people given: the revoked and expired keys belong to the first person")]
    NoPeople,
    /// An IIN that is not 12 digits.
    #[error("IIN {0:?} is not 12 digits")]
    BadIin(String),
    /// The operating system's random number generator failed.
    #[error("random number generator: {0}")]
    Random(String),
    /// RSA key generation or signing failed.
    #[error("RSA: {0}")]
    Rsa(#[from] rsa::Error),
    /// A private key could not be encoded or decoded (PKCS#8).
    #[error("private key: {0}")]
    Pkcs8(#[from] rsa::pkcs8::Error),
    /// DER encoding or decoding failed.
    #[error("DER: {0}")]
    Der(#[from] der::Error),
    /// A certificate could not be built.
    #[error("certificate: {0}")]
    Build(#[from] x509_cert::builder::Error),
    /// A signature could not be made.
    #[error("signature: {0}")]
    Sign(#[from] rsa::signature::Error),
    /// A time outside what X.509 can say (before 1970 or after 9999).
    #[error("time {0} cannot be written in a certificate")]
    Time(Timestamp),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: std::path::PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// `manifest.json` could not be written or read.
    #[error("manifest: {0}")]
    Manifest(#[from] serde_json::Error),
    /// A saved PKI is inconsistent (a file is missing from the manifest or does not match).
    #[error("saved PKI: {0}")]
    Load(String),
    /// The trust store could not be made from the certificates.
    #[error(transparent)]
    Trust(#[from] PkiError),
}
