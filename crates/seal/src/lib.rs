//! The issuing authority's seal on kandas certificates.
//!
//! A certificate's QR code carries its essentials (number, holder, birth date, validity, issuer,
//! issue date) signed with the authority's Ed25519 key as a COSE_Sign1 (RFC 9052, EdDSA, the
//! key id in the protected header) inside the address of the live public page. Anyone checks it
//! offline against the published keys ([`KeySet`], served as
//! `/.well-known/kandas-seal-keys.json`); keys rotate, and retired keys stay published with the
//! window in which they signed. A ten-digit check code ([`CodeKey`]) does the same job for people
//! without a camera.
//!
//! Why COSE_Sign1 in CBOR rather than a compact JWS: the same claims come out about a third
//! smaller (binary signature and integer keys instead of base64url JSON inside base64url), which
//! keeps the QR code at version 14–16 where a phone reads a printout easily; and it is the
//! format of the EU Digital COVID Certificate and ISO mDL, so verifiers exist on every platform
//! (pycose verifies these seals as they are). The CBOR needed is a handful of shapes, written
//! here in `cbor` rather than pulled in with a serde framework.
//!
//! Pure: no I/O, no clock, no randomness. The caller passes seeds, times and the key set; the
//! binary keeps the keys on disk.

mod audit;
mod cbor;
mod claims;
mod code;
mod cose;
mod error;
mod keys;
mod link;

pub use audit::{AuditHead, VerifiedHead, verify_audit_head};
pub use claims::Claims;
pub use code::{CODE_DIGITS, CodeKey, format_code, normalize as normalize_code};
pub use error::{SealError, VerifyError};
pub use keys::{KeySet, KeySetError, PublishedKey, SealKey, key_id};
pub use link::{Sealed, link, page_of, parse as parse_sealed};

/// The longest claims the seal signs, bytes of payload: the QR code must stay printable.
const MAX_PAYLOAD: usize = 600;

/// The authority's seal: its private keys (the active one, and during a scheduled rotation the
/// one that takes over), the published key set they belong to, and the check-code key.
#[derive(Debug, Clone)]
pub struct Seal {
    signing: Vec<SealKey>,
    keys: KeySet,
    codes: CodeKey,
}

impl Seal {
    /// The seal of `key`, which must be the active (open) key of `keys`.
    pub fn new(key: SealKey, keys: KeySet, codes: CodeKey) -> Result<Seal, KeySetError> {
        Seal::with_keys(vec![key], keys, codes)
    }

    /// The seal of several private keys of `keys` (each published, the open one among them):
    /// each signature is made with the key whose window holds its time, so a rotation
    /// scheduled ahead switches keys at the same second on every node that holds both.
    pub fn with_keys(
        signing: Vec<SealKey>,
        keys: KeySet,
        codes: CodeKey,
    ) -> Result<Seal, KeySetError> {
        for key in &signing {
            match keys.find(key.kid()) {
                Some(published) if published.key == key.verifying_key() => {}
                _ => return Err(KeySetError::NotActive(key.kid().to_owned())),
            }
        }
        match keys.active() {
            Some(active) if signing.iter().any(|k| k.kid() == active.kid) => Ok(Seal {
                signing,
                keys,
                codes,
            }),
            // None of the keys given is the active one: name the first.
            _ => Err(KeySetError::NotActive(
                signing
                    .first()
                    .map(|k| k.kid().to_owned())
                    .unwrap_or_default(),
            )),
        }
    }

    /// The published keys.
    pub fn keys(&self) -> &KeySet {
        &self.keys
    }

    /// The open key's id (after a scheduled rotation, the key that takes over).
    pub fn kid(&self) -> &str {
        self.keys.active().map_or("", |k| k.kid.as_str())
    }

    /// The private keys held, oldest first.
    pub fn signing_keys(&self) -> &[SealKey] {
        &self.signing
    }

    /// The check-code key.
    pub fn code_key(&self) -> &CodeKey {
        &self.codes
    }

    /// The id of the key that signs at `at`, if one of those held does.
    pub fn kid_at(&self, at: jiff::Timestamp) -> Option<&str> {
        self.key_at(at).ok().map(SealKey::kid)
    }

    /// The private key whose published window holds `at` (to the second).
    pub(crate) fn key_at(&self, at: jiff::Timestamp) -> Result<&SealKey, SealError> {
        let second = keys::whole_second(at);
        self.signing
            .iter()
            .find(|k| self.keys.find(k.kid()).is_some_and(|p| p.valid_at(second)))
            .ok_or_else(|| SealError::KeyNotInUse {
                kid: self.kid().to_owned(),
                at,
            })
    }

    /// Signs `claims` at `claims.signed_at` (sealed to the second): the COSE_Sign1 bytes.
    pub fn sign(&self, claims: &Claims) -> Result<Vec<u8>, SealError> {
        let key = self.key_at(claims.signed_at)?;
        let payload = claims.encode();
        if payload.len() > MAX_PAYLOAD {
            return Err(SealError::TooLong);
        }
        Ok(cose::sign(key, &payload))
    }

    /// The check code of certificate `number` (ten digits, unformatted).
    pub fn code(&self, number: &str) -> String {
        self.codes.code(number)
    }

    /// Whether `code` is the check code of certificate `number` (constant time).
    pub fn code_matches(&self, number: &str, code: &str) -> bool {
        self.codes.matches(number, code)
    }
}

/// A certificate whose seal verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// What it says.
    pub claims: Claims,
    /// The key that signed it.
    pub kid: String,
}

/// Verifies COSE_Sign1 bytes against the published keys: the key by its id, the signature, then
/// that the key was in use when the certificate says it was signed.
pub fn verify(keys: &KeySet, sealed: &[u8]) -> Result<Verified, VerifyError> {
    let (payload, key) = keys.signed_payload(sealed)?;
    let claims = Claims::decode(&payload)?;
    key.in_use(claims.signed_at)?;
    Ok(Verified {
        claims,
        kid: key.kid.clone(),
    })
}

/// Verifies what a QR code or a person gives: the address (whose number must be the sealed one)
/// or the bare base64url payload.
pub fn verify_text(keys: &KeySet, text: &str) -> Result<Verified, VerifyError> {
    let sealed = link::parse(text)?;
    let verified = verify(keys, &sealed.bytes)?;
    match sealed.address_number {
        Some(address) if address != verified.claims.number => Err(VerifyError::NumberMismatch {
            address,
            sealed: verified.claims.number,
        }),
        _ => Ok(verified),
    }
}
