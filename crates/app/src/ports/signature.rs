//! Verifying electronic digital signatures (EDS): CMS from NCALayer, judged against the
//! national PKI. The verdict is a report, not a bool; the app keeps it as evidence.

use async_trait::async_trait;
use kandas_domain::codes::EdsError;
use kandas_domain::iin::Iin;
use thiserror::Error;

/// What the key is used for: NCA RK issues separate keys for documents and for sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPurpose {
    /// Signing a document (the application).
    SignDocument,
    /// Authenticating (signing a sign-in nonce).
    Authenticate,
}

/// The verdict on a signature (EU DSS's three values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureVerdict {
    /// Every check passed.
    Valid,
    /// A check failed: the signature is not accepted.
    Invalid,
    /// It could not be decided (revocation unreachable, an algorithm we cannot verify): fail
    /// closed, the person may try again later or another way.
    Indeterminate,
}

/// A verified (or refused) signature with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureCheck {
    /// The verdict.
    pub verdict: SignatureVerdict,
    /// Why, when not valid.
    pub reason: Option<EdsError>,
    /// The IIN in the signer's certificate.
    pub iin: Option<Iin>,
    /// The signer's subject, readable (Kazakh and Russian names decoded).
    pub signer: Option<String>,
    /// The signer's certificate, DER.
    pub certificate: Option<Vec<u8>>,
    /// The whole validation report, as JSON, kept with the application.
    pub report: serde_json::Value,
}

/// The verifier itself failed (not the signature).
#[derive(Debug, Error)]
#[error("signature verification failed: {0}")]
pub struct VerifierError(pub String);

/// Verifies CMS signatures.
#[async_trait]
pub trait SignatureVerifier: Send + Sync {
    /// Verifies `cms` (DER) over `content` for `purpose`; `expected_iin`, when given, must be the
    /// IIN in the signer's certificate.
    async fn verify(
        &self,
        cms: &[u8],
        content: &[u8],
        purpose: KeyPurpose,
        expected_iin: Option<&Iin>,
    ) -> Result<SignatureCheck, VerifierError>;
}
