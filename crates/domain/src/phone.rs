//! Kazakhstan mobile phone numbers, as the Mobile Citizens Database holds them.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A Kazakhstan mobile number in E.164 form (`+77XXXXXXXXX`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

/// Why a string is not a Kazakhstan mobile number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a Kazakhstan mobile number is +7 7XX XXX XX XX")]
pub struct PhoneError;

impl PhoneNumber {
    /// Accepts `+77011234567`, `87011234567`, `77011234567` and the same with spaces, dashes
    /// and brackets. Kazakhstan mobiles are +7 7XX; +7 9XX and the rest of +7 are Russian.
    pub fn parse(raw: &str) -> Result<PhoneNumber, PhoneError> {
        let digits: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '+'))
            .collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError);
        }
        let international = raw.trim_start().starts_with('+');
        let national = match digits.len() {
            10 if international => return Err(PhoneError),
            11 if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
            10 => &digits[..],
            _ => return Err(PhoneError),
        };
        if !national.starts_with('7') {
            return Err(PhoneError);
        }
        Ok(PhoneNumber(format!("+7{national}")))
    }

    /// The E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as shown to a person who must recognise it: `+7 701 *** ** 67`.
    pub fn masked(&self) -> String {
        let n = &self.0;
        format!("+7 {} *** ** {}", &n[2..5], &n[10..])
    }
}

impl std::fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&s)
    }
}

impl From<PhoneNumber> for String {
    fn from(p: PhoneNumber) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn common_spellings_become_e164() {
        for raw in [
            "+77011234567",
            "87011234567",
            "8 (701) 123-45-67",
            "7011234567",
        ] {
            assert_eq!(
                PhoneNumber::parse(raw).unwrap().as_str(),
                "+77011234567",
                "{raw}"
            );
        }
    }

    #[test]
    fn russian_and_malformed_numbers_are_refused() {
        for raw in [
            "+79161234567",
            "+7701123456",
            "",
            "+7701abc4567",
            "+1 701 123 4567",
        ] {
            assert!(PhoneNumber::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn masking_keeps_operator_code_and_last_digits() {
        let p = PhoneNumber::parse("+77011234567").unwrap();
        assert_eq!(p.masked(), "+7 701 *** ** 67");
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_masks(s in "\\PC{0,20}") {
            if let Ok(p) = PhoneNumber::parse(&s) {
                prop_assert_eq!(p.as_str().len(), 12);
                let _ = p.masked();
            }
        }
    }
}
