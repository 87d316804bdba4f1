//! The check code printed on a certificate for people without a camera: ten digits from
//! HMAC-SHA256 under a key of its own over the certificate number. Together with the number it
//! opens the public check; without the paper nobody can produce it.
//!
//! The code key is separate from the signing keys so that rotating the seal does not change the
//! codes already printed.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::keys::{KeySetError, bytes32_from_hex, to_hex};

/// How many digits a code has.
pub const CODE_DIGITS: usize = 10;

/// The secret key of the check codes (32 bytes).
#[derive(Clone)]
pub struct CodeKey([u8; 32]);

impl std::fmt::Debug for CodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeKey(..)")
    }
}

impl CodeKey {
    /// The key of these 32 bytes (fresh randomness for a new key).
    pub fn from_bytes(bytes: [u8; 32]) -> CodeKey {
        CodeKey(bytes)
    }

    /// The key from 64 hex characters (the key file's content).
    pub fn from_hex(text: &str) -> Result<CodeKey, KeySetError> {
        bytes32_from_hex(text)
            .map(CodeKey)
            .ok_or(KeySetError::PrivateKey)
    }

    /// The key as 64 hex characters, to keep in the key file.
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// The ten-digit code of certificate `number`.
    pub fn code(&self, number: &str) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            // HMAC takes keys of any length; this branch cannot be reached.
            return String::new();
        };
        mac.update(b"kandas-certificate-code:");
        mac.update(number.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        // 2^64 / 10^10 ≈ 1.8 billion: the remainder is as good as uniform.
        format!("{:010}", u64::from_be_bytes(first) % 10_000_000_000)
    }

    /// Whether `code` (spaces and dashes allowed, as people type it) is the code of `number`,
    /// compared in constant time.
    pub fn matches(&self, number: &str, code: &str) -> bool {
        let Some(given) = normalize(code) else {
            return false;
        };
        bool::from(self.code(number).as_bytes().ct_eq(given.as_bytes()))
    }
}

/// The code as printed: two groups of five digits, `12345 67890`.
pub fn format_code(code: &str) -> String {
    if code.len() == CODE_DIGITS && code.is_ascii() {
        format!("{} {}", &code[..5], &code[5..])
    } else {
        code.to_owned()
    }
}

/// The digits of a typed code without spaces and dashes, when they are exactly ten.
pub fn normalize(code: &str) -> Option<String> {
    let digits: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ten_digits_bound_to_the_number_and_the_key() {
        let key = CodeKey::from_bytes([7; 32]);
        let code = key.code("KC-2026-000001");
        assert_eq!(code.len(), CODE_DIGITS);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        assert!(key.matches("KC-2026-000001", &code));
        assert!(key.matches("KC-2026-000001", &format_code(&code)));
        assert!(key.matches(
            "KC-2026-000001",
            &code.replace(&code[..5], &format!("{}-", &code[..5]))
        ));
        assert!(!key.matches("KC-2026-000002", &code));
        assert!(!CodeKey::from_bytes([8; 32]).matches("KC-2026-000001", &code));
        assert!(!key.matches("KC-2026-000001", ""));
        assert!(!key.matches("KC-2026-000001", &format!("{code}0")));
        let hex = key.to_hex();
        assert_eq!(CodeKey::from_hex(&hex).unwrap().code("x"), key.code("x"));
        assert!(CodeKey::from_hex("beef").is_err());
    }
}
