//! Secrets of the running service and the primitives built on them: passwords (Argon2id),
//! one-time codes (HMAC-SHA256, compared in constant time) and session tokens.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use hmac::{Hmac, KeyInit, Mac};
use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::AppError;

/// The keys the service needs; loaded by the binary from configuration or the data directory.
#[derive(Clone)]
pub struct Secrets {
    otp_key: Vec<u8>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(..)")
    }
}

impl Secrets {
    /// Secrets with this HMAC key for one-time codes (at least 32 bytes).
    pub fn new(otp_key: Vec<u8>) -> Result<Secrets, AppError> {
        if otp_key.len() < 32 {
            return Err(AppError::internal(
                "the one-time code key must be at least 32 bytes",
            ));
        }
        Ok(Secrets { otp_key })
    }

    /// HMAC-SHA256 of a one-time code, bound to the challenge id, hex.
    pub fn code_hash(&self, challenge_id: &str, code: &str) -> Result<String, AppError> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.otp_key).map_err(AppError::internal)?;
        mac.update(challenge_id.as_bytes());
        mac.update(b":");
        mac.update(code.as_bytes());
        Ok(hex::encode(mac.finalize().into_bytes()))
    }

    /// The key of an application's public status link: printed in the receipt's QR code, it
    /// lets whoever holds the receipt see the status without signing in, and keeps the
    /// sequential application numbers from being enumerated.
    pub fn status_key(&self, number: &str) -> Result<String, AppError> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.otp_key).map_err(AppError::internal)?;
        mac.update(b"status-link:");
        mac.update(number.as_bytes());
        Ok(hex::encode(&mac.finalize().into_bytes()[..10]))
    }

    /// Whether `key` opens the status of application `number`, in constant time.
    pub fn status_key_matches(&self, number: &str, key: &str) -> Result<bool, AppError> {
        let expected = self.status_key(number)?;
        Ok(bool::from(expected.as_bytes().ct_eq(key.as_bytes())))
    }

    /// Whether `code` is the one whose hash is stored, in constant time.
    pub fn code_matches(
        &self,
        challenge_id: &str,
        code: &str,
        stored_hash: &str,
    ) -> Result<bool, AppError> {
        let hash = self.code_hash(challenge_id, code)?;
        Ok(bool::from(hash.as_bytes().ct_eq(stored_hash.as_bytes())))
    }
}

/// A fresh 6-digit one-time code.
pub fn new_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

/// A fresh session token (256 bits, hex) for the client; only its hash is stored.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    hex::encode(bytes)
}

/// A fresh random id (UUID v4) as text.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// 16 random bytes for a typed id (`ApplicationId::from_random(random_id())`).
pub fn random_id() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    rand::rng().fill(&mut bytes);
    bytes
}

/// 32 random bytes: a new key (the one-time-code key, a seal key, the master key).
pub fn random_key() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    bytes
}

/// SHA-256 of bytes, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Hashes a password with Argon2id (PHC string).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal_in("password hashing failed", e))
}

/// Whether `password` matches the stored PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let phc = hash_password("kandas-demo").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password("kandas-demo", &phc));
        assert!(!verify_password("kandas-demO", &phc));
        assert!(!verify_password("kandas-demo", "not a hash"));
    }

    #[test]
    fn codes_are_six_digits_and_bound_to_their_challenge() {
        let s = Secrets::new(vec![7; 32]).unwrap();
        let code = new_code();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        let h = s.code_hash("c1", &code).unwrap();
        assert!(s.code_matches("c1", &code, &h).unwrap());
        assert!(!s.code_matches("c2", &code, &h).unwrap());
        assert!(Secrets::new(vec![1; 8]).is_err());
    }
}
