//! Typed identifiers, kept apart from the human-facing numbers.
//!
//! Ids are random UUIDs made by the application layer; here they are only parsed and compared.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A string that is not a well-formed id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("not a well-formed identifier")]
pub struct IdError;

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
        })
}

fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses a lower-case hyphenated UUID.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                if is_uuid(s) { Ok(Self(s.to_owned())) } else { Err(IdError) }
            }
            /// The id as text.
            pub fn as_str(&self) -> &str { &self.0 }
            /// A version-4 UUID made from 16 random bytes.
            pub fn from_random(bytes: [u8; 16]) -> Self { Self(uuid_v4(bytes)) }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(&self.0) }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> { Self::parse(&s) }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String { id.0 }
        }
    };
}

typed_id!(
    /// An application (case).
    ApplicationId
);
typed_id!(
    /// A person's or staff member's account.
    UserId
);
typed_id!(
    /// A stored attachment.
    AttachmentId
);
typed_id!(
    /// A family member within one application.
    MemberId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_uuids_are_ids() {
        assert!(ApplicationId::parse("0f8fad5b-d9cb-469f-a165-70867728950e").is_ok());
        assert!(ApplicationId::parse("0F8FAD5B-D9CB-469F-A165-70867728950E").is_err());
        assert!(ApplicationId::parse("../../etc/passwd").is_err());
        assert!(ApplicationId::parse("").is_err());
        let id = UserId::from_random([0xab; 16]);
        assert_eq!(id.as_str(), "abababab-abab-4bab-abab-abababababab");
        assert_eq!(UserId::parse(id.as_str()), Ok(id));
    }
}
