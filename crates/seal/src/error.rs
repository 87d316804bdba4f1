//! Why a sealed certificate does not verify, or why the seal cannot sign: each reason apart,
//! so that a verifier can say which.

use jiff::Timestamp;

/// Why a sealed certificate does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// The text or bytes are not a sealed certificate (not base64url, not a COSE_Sign1 with
    /// EdDSA and a kid, not the payload shape).
    #[error("not a sealed kandas certificate: {0}")]
    Malformed(&'static str),
    /// No published key has this id (a forgery, or the key set is out of date).
    #[error("no published seal key has the id {0:?}")]
    UnknownKey(String),
    /// The signature does not match: the certificate was changed or not sealed by this key.
    #[error("the signature does not match the certificate")]
    BadSignature,
    /// The signature is right but the key did not sign then (before its start or after it was
    /// retired).
    #[error("the seal key {kid} was not in use at {signed_at}")]
    KeyNotValidThen {
        /// The key.
        kid: String,
        /// When the certificate says it was signed.
        signed_at: Timestamp,
    },
    /// The address names another certificate than the one sealed in it.
    #[error("the address names {address} but the seal is for {sealed}")]
    NumberMismatch {
        /// The number in the address.
        address: String,
        /// The number in the signed payload.
        sealed: String,
    },
}

impl VerifyError {
    /// Every code [`VerifyError::code`] answers, for the check that each is translated.
    pub const CODES: [&'static str; 5] = [
        "seal.malformed",
        "seal.unknown-key",
        "seal.bad-signature",
        "seal.key-not-valid-then",
        "seal.number-mismatch",
    ];

    /// A stable code for the reason (`seal.malformed`, …), also the message id of its
    /// translation.
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::Malformed(_) => "seal.malformed",
            VerifyError::UnknownKey(_) => "seal.unknown-key",
            VerifyError::BadSignature => "seal.bad-signature",
            VerifyError::KeyNotValidThen { .. } => "seal.key-not-valid-then",
            VerifyError::NumberMismatch { .. } => "seal.number-mismatch",
        }
    }
}

/// Why the seal cannot sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// The active key's window does not cover the signing time (a clock behind the key's start,
    /// or a node still holding a key that was rotated out).
    #[error("the seal key {kid} is not in use at {at}")]
    KeyNotInUse {
        /// The key.
        kid: String,
        /// The signing time asked for.
        at: Timestamp,
    },
    /// A claim is too long to seal (a QR code must hold it).
    #[error("a claim is too long to seal")]
    TooLong,
}
