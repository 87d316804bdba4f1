//! The canonical encoding of one audit row, version 1, and its hash.
//!
//! The hash covers the row as stored (the column texts the store wrote), never a Rust value's
//! serde shape, so that renaming a field or an enum variant cannot change a hash. The bytes are:
//!
//! ```text
//! magic      "kandas-audit-entry" (18 bytes, ASCII)
//! version    0x01
//! position   u64, big-endian: the row's place in the chain, from 1
//! prev_hash  32 bytes: the previous row's hash (32 zero bytes before the first row)
//! fields     in this order, each either 0x00 (absent) or 0x01, a u32 big-endian byte length
//!            and that many bytes of UTF-8:
//!              at            RFC 3339 UTC with nine fractional digits, as stored
//!              actor         the user id
//!              actor_iin
//!              role          the role's code
//!              subject       the IIN whose data it concerns
//!              application   the application id
//!              action        the action's code (`staff.read-case`)
//!              request_id
//!              details       the stored details JSON text, byte for byte
//! ```
//!
//! `at`, `action`, `request_id` and `details` are never absent. The row's hash is the SHA-256 of
//! these bytes. Nothing may follow the last field. A change of any of this is version 2, with
//! version 1 still read for the rows written before.

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The previous hash of the first row.
pub const GENESIS: Hash = [0; 32];

const MAGIC: &[u8] = b"kandas-audit-entry";
const VERSION: u8 = 1;
/// The longest field accepted when decoding (a bundle from elsewhere).
const MAX_FIELD: usize = 1 << 20;

/// One audit row as the chain sees it: its position, the previous hash and its stored texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainEntry {
    /// The row's place in the chain, from 1.
    pub position: u64,
    /// The previous row's hash.
    pub prev_hash: Hash,
    /// When, as stored.
    pub at: String,
    /// Who acted.
    pub actor: Option<String>,
    /// The actor's IIN.
    pub actor_iin: Option<String>,
    /// The role's code.
    pub role: Option<String>,
    /// Whose data it concerns.
    pub subject: Option<String>,
    /// The application id.
    pub application: Option<String>,
    /// The action's code.
    pub action: String,
    /// The request id.
    pub request_id: String,
    /// The details JSON text as stored.
    pub details: String,
}

/// Why bytes are not a version-1 entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an audit entry: {0}")]
pub struct DecodeError(pub &'static str);

impl ChainEntry {
    /// The canonical bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(128 + self.details.len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&self.position.to_be_bytes());
        out.extend_from_slice(&self.prev_hash);
        for field in self.fields() {
            match field {
                None => out.push(0),
                Some(text) => {
                    out.push(1);
                    let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
                    out.extend_from_slice(&len.to_be_bytes());
                    out.extend_from_slice(text.as_bytes());
                }
            }
        }
        out
    }

    /// The row's hash: SHA-256 of the canonical bytes.
    pub fn hash(&self) -> Hash {
        Sha256::digest(self.encode()).into()
    }

    fn fields(&self) -> [Option<&str>; 9] {
        [
            Some(self.at.as_str()),
            self.actor.as_deref(),
            self.actor_iin.as_deref(),
            self.role.as_deref(),
            self.subject.as_deref(),
            self.application.as_deref(),
            Some(self.action.as_str()),
            Some(self.request_id.as_str()),
            Some(self.details.as_str()),
        ]
    }

    /// Reads canonical bytes back (a bundle's rows).
    pub fn decode(bytes: &[u8]) -> Result<ChainEntry, DecodeError> {
        let mut r = Reader(bytes);
        if r.take(MAGIC.len())? != MAGIC {
            return Err(DecodeError("the magic is wrong"));
        }
        if r.take(1)? != [VERSION] {
            return Err(DecodeError("the version is not 1"));
        }
        let position = u64::from_be_bytes(r.array()?);
        let prev_hash = r.array()?;
        let mut fields: Vec<Option<String>> = Vec::with_capacity(9);
        for _ in 0..9 {
            fields.push(r.field()?);
        }
        if !r.0.is_empty() {
            return Err(DecodeError("bytes follow the last field"));
        }
        let required = |f: Option<String>| f.ok_or(DecodeError("a required field is absent"));
        let mut f = fields.into_iter();
        let mut next = || f.next().flatten();
        Ok(ChainEntry {
            position,
            prev_hash,
            at: required(next())?,
            actor: next(),
            actor_iin: next(),
            role: next(),
            subject: next(),
            application: next(),
            action: required(next())?,
            request_id: required(next())?,
            details: required(next())?,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.0.len() < n {
            return Err(DecodeError("the bytes end too early"));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let bytes = self.take(N)?;
        <[u8; N]>::try_from(bytes).map_err(|_| DecodeError("the bytes end too early"))
    }

    fn field(&mut self) -> Result<Option<String>, DecodeError> {
        match self.take(1)? {
            [0] => Ok(None),
            [1] => {
                let len = u32::from_be_bytes(self.array()?) as usize;
                if len > MAX_FIELD {
                    return Err(DecodeError("a field is too long"));
                }
                let text = std::str::from_utf8(self.take(len)?)
                    .map_err(|_| DecodeError("a field is not UTF-8"))?;
                Ok(Some(text.to_owned()))
            }
            _ => Err(DecodeError("a field's marker is neither 0 nor 1")),
        }
    }
}

/// A hash as stored and shown: 64 lowercase hex digits.
pub fn hash_hex(hash: &Hash) -> String {
    hex::encode(hash)
}

/// A stored hash back; `None` when it is not 64 hex digits.
pub fn parse_hash(text: &str) -> Option<Hash> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn entry() -> ChainEntry {
        ChainEntry {
            position: 2,
            prev_hash: [7; 32],
            at: "2026-11-23T05:00:00.000000000Z".into(),
            actor: Some("u1".into()),
            actor_iin: None,
            role: Some("officer".into()),
            subject: Some("850302400014".into()),
            application: None,
            action: "staff.read-case".into(),
            request_id: "r".into(),
            details: "{\"v\":1}".into(),
        }
    }

    #[test]
    fn the_bytes_are_as_specified() {
        let bytes = entry().encode();
        let mut expected = b"kandas-audit-entry\x01".to_vec();
        expected.extend_from_slice(&2u64.to_be_bytes());
        expected.extend_from_slice(&[7; 32]);
        for f in [
            Some("2026-11-23T05:00:00.000000000Z"),
            Some("u1"),
            None,
            Some("officer"),
            Some("850302400014"),
            None,
            Some("staff.read-case"),
            Some("r"),
            Some("{\"v\":1}"),
        ] {
            match f {
                None => expected.push(0),
                Some(t) => {
                    expected.push(1);
                    expected.extend_from_slice(&(t.len() as u32).to_be_bytes());
                    expected.extend_from_slice(t.as_bytes());
                }
            }
        }
        assert_eq!(bytes, expected);
        assert_eq!(
            hash_hex(&entry().hash()),
            hex::encode(Sha256::digest(&expected))
        );
        // Golden (computed independently with Python's hashlib): fixed for version 1.
        assert_eq!(
            hash_hex(&entry().hash()),
            "83a4de56b21b84aaa5623e1cbd482d2563cba75c2927904befa108294b1853bf"
        );
    }

    #[test]
    fn decoding_gives_the_entry_back_and_refuses_damage() {
        let bytes = entry().encode();
        assert_eq!(ChainEntry::decode(&bytes).unwrap(), entry());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(ChainEntry::decode(&longer).is_err());
        assert!(ChainEntry::decode(&bytes[..bytes.len() - 1]).is_err());
        let mut marker = bytes;
        marker[18 + 1 + 8 + 32] = 2;
        assert!(ChainEntry::decode(&marker).is_err());
    }

    #[test]
    fn an_absent_field_differs_from_an_empty_one() {
        let mut empty = entry();
        empty.actor_iin = Some(String::new());
        assert_ne!(empty.hash(), entry().hash());
    }
}
