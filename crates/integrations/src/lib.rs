//! Real clients of outside systems: SMS (a development console sender or an HTTP gateway), CRL
//! and OCSP fetching for the EDS verifier, an external NCANode-style signature verification
//! service, and an RFC 3161 time-stamping authority.

pub mod eds;
mod http;
pub mod ncanode;
pub mod ocsp;
pub mod revocation;
pub mod s3;
pub mod sms;
pub mod tsa;

pub use ncanode::{ExternalVerification, NcaNodeConfig, NcaNodeVerifier, RevocationCheck};
pub use ocsp::{
    HttpOcspSource, OcspConfig, OcspFetchError, OcspFetcher, OcspSetupError, OcspSource, ocsp_urls,
    revocation_for_path,
};
pub use revocation::{
    CrlConfig, CrlFetchError, CrlFetcher, CrlSetupError, CrlSource, HttpCrlSource, crl_urls,
};
pub use s3::{S3Config, S3Files};
pub use sms::{ConsoleSms, HttpSms, HttpSmsConfig};
pub use tsa::{HttpTimeStamps, TsaConfig};
