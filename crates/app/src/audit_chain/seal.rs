//! The hourly seal of the chain's head: what is stored of it, and the signed payload
//! (`kandas_seal::AuditHead`, specified there).

use jiff::Timestamp;

pub use kandas_seal::AuditHead as SealPayload;

/// One seal as stored: where the chain stood, when, and the COSE_Sign1 over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditSeal {
    /// The position of the last row sealed (0: nothing yet).
    pub position: u64,
    /// That row's hash, hex.
    pub hash: String,
    /// When it was sealed.
    pub sealed_at: Timestamp,
    /// The key that signed.
    pub kid: String,
    /// The COSE_Sign1 bytes.
    pub cose: Vec<u8>,
    /// The RFC 3161 token over the COSE bytes, DER, when a TSA was configured and answered.
    pub timestamp: Option<Vec<u8>>,
}
