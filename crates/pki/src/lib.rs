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

/// The DER structures the verifier reads and the helpers that name certificates in them, for
/// code that has to write them: the development PKI (`kandas-devpki`: its OCSP responder and
/// time-stamping authority) and tests. Verifying needs none of it.
pub mod wire {
    /// Names as people read them, the IIN in a subject, serials in upper-case hex.
    pub use crate::name::{hex_upper, iin, render as render_name};
    /// RFC 6960: OCSPRequest, OCSPResponse down to SingleResponse and CertID.
    pub use crate::ocsp::asn1 as ocsp;
    /// CertID hashing: the hash algorithms, the issuer key hash, matching a CertID.
    pub use crate::ocsp::cert_id::{IdHash, key_hash, matches};
    /// id-pkix-ocsp-basic and id-pkix-ocsp-nonce.
    pub use crate::oid::{OCSP_BASIC, OCSP_NONCE};
    /// A certificate with the encodings a CertID is matched against.
    pub use crate::trust::Cert;
    /// RFC 3161: TSTInfo and its MessageImprint, TimeStampReq and TimeStampResp.
    pub use crate::tsp::asn1 as tsp;
}

pub use ocsp::{OCSP_MAX_AGE, OcspUnusable, check_ocsp_response, ocsp_request};
pub use report::{
    CODES, CertificateSummary, Check, CrlEvidence, OcspEvidence, OcspStatus, Outcome, Reason,
    TimestampEvidence, ValidationReport, ValidityBasis, Verdict,
};
pub use revocation::Revocation;
pub use signed_data::certificates_in;
pub use trust::{PkiError, TrustStore};
pub use tsp::{StampError, timestamp_request, token_of_response, verify_timestamp};
pub use usage::Purpose;
pub use verify::{SIGNING_TIME_LAG, SIGNING_TIME_SKEW, verify_cms};
