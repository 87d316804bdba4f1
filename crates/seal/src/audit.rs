//! The seal on the audit trail's head: every hour the authority signs where the hash chain of
//! the audit rows stands, so that rows up to that point cannot later be changed, removed or
//! added without the signed hash giving it away.
//!
//! The payload of the COSE_Sign1 is a CBOR map that cannot be taken for a certificate's claims
//! (key 0 is a text, the claims' is the number 1, and the claims have ten keys):
//!
//! | key | value | CBOR |
//! |---|---|---|
//! | 0 | `"kandas-audit-head"` | text |
//! | 1 | payload version, 1 | uint |
//! | 2 | the chain position of the last row sealed | uint |
//! | 3 | that row's hash (SHA-256) | 32 bytes |
//! | 4 | sealed at | uint, Unix seconds |

use jiff::Timestamp;

use crate::cbor::Value;
use crate::error::{SealError, VerifyError};
use crate::keys::{KeySet, whole_second};
use crate::{Seal, cose};

const KIND: &str = "kandas-audit-head";
const VERSION: u64 = 1;

/// Where the audit chain stood when it was sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    /// The position of the last row sealed (0: an empty chain).
    pub position: u64,
    /// That row's hash.
    pub hash: [u8; 32],
    /// When it was sealed (whole seconds are signed).
    pub sealed_at: Timestamp,
}

impl AuditHead {
    fn encode(&self) -> Vec<u8> {
        let at = u64::try_from(self.sealed_at.as_second()).unwrap_or(0);
        Value::Map(vec![
            (Value::Unsigned(0), Value::Text(KIND.to_owned())),
            (Value::Unsigned(1), Value::Unsigned(VERSION)),
            (Value::Unsigned(2), Value::Unsigned(self.position)),
            (Value::Unsigned(3), Value::Bytes(self.hash.to_vec())),
            (Value::Unsigned(4), Value::Unsigned(at)),
        ])
        .encode()
    }

    fn decode(payload: &[u8]) -> Result<AuditHead, VerifyError> {
        let malformed = VerifyError::Malformed;
        let Value::Map(pairs) = Value::decode(payload).map_err(|e| malformed(e.0))? else {
            return Err(malformed("the payload is not a map"));
        };
        let values: Vec<Value> = pairs
            .into_iter()
            .enumerate()
            .map(|(i, (k, v))| (k == Value::Unsigned(i as u64)).then_some(v))
            .collect::<Option<_>>()
            .ok_or(malformed("the payload's keys are not 0 to 4 in order"))?;
        let [kind, version, position, hash, at] = <[Value; 5]>::try_from(values)
            .map_err(|_| malformed("an audit head has five entries"))?;
        if kind != Value::Text(KIND.to_owned()) || version != Value::Unsigned(VERSION) {
            return Err(malformed("not an audit head of version 1"));
        }
        let (Value::Unsigned(position), Value::Bytes(hash), Value::Unsigned(at)) =
            (position, hash, at)
        else {
            return Err(malformed("the audit head's entries have the wrong types"));
        };
        let hash = <[u8; 32]>::try_from(hash.as_slice())
            .map_err(|_| malformed("the audit head's hash is not 32 bytes"))?;
        let sealed_at = i64::try_from(at)
            .ok()
            .and_then(|s| Timestamp::from_second(s).ok())
            .ok_or(malformed("the sealing time is out of range"))?;
        Ok(AuditHead {
            position,
            hash,
            sealed_at,
        })
    }
}

impl Seal {
    /// Signs the audit chain's head at `head.sealed_at`: the COSE_Sign1 bytes.
    pub fn sign_audit_head(&self, head: &AuditHead) -> Result<Vec<u8>, SealError> {
        let at = whole_second(head.sealed_at);
        let key = self.key_at(head.sealed_at)?;
        let head = AuditHead {
            sealed_at: at,
            ..head.clone()
        };
        Ok(cose::sign(key, &head.encode()))
    }
}

/// A verified audit head and the key that sealed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedHead {
    /// What was sealed.
    pub head: AuditHead,
    /// The key that signed.
    pub kid: String,
}

/// Verifies a sealed audit head against the published keys: the key by its id, the signature,
/// the payload's shape, then that the key was in use when the head says it was sealed.
pub fn verify_audit_head(keys: &KeySet, sealed: &[u8]) -> Result<VerifiedHead, VerifyError> {
    let (payload, key) = keys.signed_payload(sealed)?;
    let head = AuditHead::decode(&payload)?;
    key.in_use(head.sealed_at)?;
    Ok(VerifiedHead {
        head,
        kid: key.kid.clone(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{CodeKey, SealKey};

    fn seal(at: Timestamp) -> Seal {
        let key = SealKey::from_seed([3; 32]);
        let keys = KeySet::first(&key, at);
        Seal::new(key, keys, CodeKey::from_bytes([4; 32])).unwrap()
    }

    #[test]
    fn a_sealed_head_verifies_and_a_changed_one_does_not() {
        let start: Timestamp = "2026-11-01T00:00:00Z".parse().unwrap();
        let seal = seal(start);
        let head = AuditHead {
            position: 42,
            hash: [9; 32],
            sealed_at: "2026-11-23T05:00:00.5Z".parse().unwrap(),
        };
        let sealed = seal.sign_audit_head(&head).unwrap();
        let verified = verify_audit_head(seal.keys(), &sealed).unwrap();
        assert_eq!(verified.head.position, 42);
        assert_eq!(verified.head.hash, [9; 32]);
        assert_eq!(verified.head.sealed_at.to_string(), "2026-11-23T05:00:00Z");
        let mut changed = sealed.clone();
        let at = changed.len() - 70;
        changed[at] ^= 1;
        assert!(verify_audit_head(seal.keys(), &changed).is_err());
        // A head is no certificate, and the other way round.
        assert!(crate::verify(seal.keys(), &sealed).is_err());
    }

    #[test]
    fn a_head_before_the_key_is_refused() {
        let seal = seal("2026-11-01T00:00:00Z".parse().unwrap());
        let early = AuditHead {
            position: 1,
            hash: [0; 32],
            sealed_at: "2026-10-01T00:00:00Z".parse().unwrap(),
        };
        assert!(matches!(
            seal.sign_audit_head(&early),
            Err(SealError::KeyNotInUse { .. })
        ));
    }
}
