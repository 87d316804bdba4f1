//! Verification of electronic digital signatures (EDS) as NCA RK keys make them through NCALayer:
//! CMS SignedData, attached or detached, checked as thoroughly as the national verification
//! services do — signature, signed attributes, path to the configured anchors, validity at the
//! time the signature was received (or at a trusted RFC 3161 timestamp's genTime, never at the
//! signer's claimed signingTime), key usage for the purpose, revocation by CRL or OCSP, the
//! signer's IIN.
//!
//! Pure: no I/O, no clock, no network. CRLs and OCSP responses are fetched by an adapter
//! and handed in as bytes; the time is a parameter. The result is a [`ValidationReport`].

mod algorithm;
#[cfg(feature = "dev")]
pub mod dev;
mod name;
mod ocsp;
mod oid;
mod path;
mod report;
mod revocation;
mod signed_data;
mod trust;
mod tsp;
mod usage;
mod verify;

pub use ocsp::{OCSP_MAX_AGE, OcspUnusable, check_ocsp_response, ocsp_request};
pub use report::{
    CODES, CertificateSummary, Check, CrlEvidence, OcspEvidence, OcspStatus, Outcome, Reason,
    TimestampEvidence, ValidationReport, ValidityBasis, Verdict,
};
pub use revocation::Revocation;
pub use signed_data::certificates_in;
pub use trust::{PkiError, TrustStore};
pub use usage::Purpose;
pub use verify::{SIGNING_TIME_LAG, SIGNING_TIME_SKEW, verify_cms};
