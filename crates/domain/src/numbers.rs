//! Human-facing numbers: the application number a person quotes and the certificate number.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A string that is not a well-formed number of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("not a well-formed {0} number")]
pub struct NumberError(&'static str);

fn parse_prefixed(s: &str, prefix: &str) -> Option<(i16, u32)> {
    let rest = s.strip_prefix(prefix)?.strip_prefix('-')?;
    let (year, seq) = rest.split_once('-')?;
    if year.len() != 4 || seq.len() != 6 || !seq.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i16 = year.parse().ok()?;
    let seq: u32 = seq.parse().ok()?;
    (2000..=2999).contains(&year).then_some((year, seq))
}

macro_rules! number {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The number for the `seq`-th one of `year` (a yearly sequence).
            pub fn new(year: i16, seq: u32) -> Self {
                Self(format!("{}-{year:04}-{seq:06}", $prefix))
            }
            /// Parses `PREFIX-YYYY-NNNNNN`.
            pub fn parse(s: &str) -> Result<Self, NumberError> {
                let s = s.trim();
                parse_prefixed(s, $prefix).map(|_| Self(s.to_owned())).ok_or(NumberError($what))
            }
            /// The number as text.
            pub fn as_str(&self) -> &str { &self.0 }
            /// The year and the sequence number within it.
            pub fn parts(&self) -> (i16, u32) {
                parse_prefixed(&self.0, $prefix).unwrap_or((0, 0))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(&self.0) }
        }

        impl TryFrom<String> for $name {
            type Error = NumberError;
            fn try_from(s: String) -> Result<Self, NumberError> { Self::parse(&s) }
        }

        impl From<$name> for String {
            fn from(n: $name) -> String { n.0 }
        }
    };
}

number!(
    /// The number of an application, quoted by the applicant and on receipts: `KND-2026-000042`.
    ApplicationNumber,
    "KND",
    "application"
);
number!(
    /// The number of a kandas certificate: `KC-2026-000007`.
    CertificateNumber,
    "KC",
    "certificate"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_reject_garbage() {
        let n = ApplicationNumber::new(2026, 42);
        assert_eq!(n.as_str(), "KND-2026-000042");
        assert_eq!(ApplicationNumber::parse("KND-2026-000042"), Ok(n));
        assert_eq!(CertificateNumber::new(2026, 7).as_str(), "KC-2026-000007");
        assert_eq!(ApplicationNumber::new(2026, 42).parts(), (2026, 42));
        assert!(CertificateNumber::parse("KND-2026-000042").is_err());
        assert!(ApplicationNumber::parse("KND-26-000042").is_err());
        assert!(ApplicationNumber::parse("KND-2026-42").is_err());
        assert!(ApplicationNumber::parse("").is_err());
    }
}
