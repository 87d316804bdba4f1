//! The issuing authority's seal on certificates: signs what a certificate says for offline
//! checking, gives the check code printed for people without a camera, and names the keys
//! anyone verifies against.
//!
//! A port so that the key can move into an HSM or a KMS without touching the use cases; the
//! in-memory implementation is [`kandas_seal::Seal`]; the running service uses
//! [`crate::keyring::SealCell`], which holds the keyring's seal and reloads it after a rotation.

use kandas_seal::{AuditHead, Claims, KeySet, SealError};

/// The authority's seal.
pub trait Seal: Send + Sync {
    /// Signs `claims` at `claims.signed_at`: the COSE_Sign1 bytes.
    fn sign(&self, claims: &Claims) -> Result<Vec<u8>, SealError>;
    /// Signs where the audit chain stands at `head.sealed_at`: the COSE_Sign1 bytes.
    fn sign_audit_head(&self, head: &AuditHead) -> Result<Vec<u8>, SealError>;
    /// The ten-digit check code of certificate `number`.
    fn code(&self, number: &str) -> String;
    /// Whether `code` is the check code of certificate `number`, compared in constant time.
    fn code_matches(&self, number: &str, code: &str) -> bool;
    /// The published keys: the active one and those retired, with their windows.
    fn keys(&self) -> KeySet;
    /// The id of the key that signs at `at` (the one whose window holds it).
    fn kid_at(&self, at: jiff::Timestamp) -> Option<String>;
}

impl Seal for kandas_seal::Seal {
    fn sign(&self, claims: &Claims) -> Result<Vec<u8>, SealError> {
        kandas_seal::Seal::sign(self, claims)
    }

    fn sign_audit_head(&self, head: &AuditHead) -> Result<Vec<u8>, SealError> {
        kandas_seal::Seal::sign_audit_head(self, head)
    }

    fn code(&self, number: &str) -> String {
        kandas_seal::Seal::code(self, number)
    }

    fn code_matches(&self, number: &str, code: &str) -> bool {
        kandas_seal::Seal::code_matches(self, number, code)
    }

    fn keys(&self) -> KeySet {
        kandas_seal::Seal::keys(self).clone()
    }

    fn kid_at(&self, at: jiff::Timestamp) -> Option<String> {
        kandas_seal::Seal::kid_at(self, at).map(str::to_owned)
    }
}
