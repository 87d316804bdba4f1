//! COSE_Sign1 (RFC 9052) with EdDSA (RFC 9053, alg -8): the protected header carries the
//! algorithm and the key id, the unprotected header is empty, the payload is attached.
//!
//! ```text
//! 18([ << {1: -8, 4: h'<kid>'} >>, {}, h'<payload>', h'<64-byte signature>' ])
//! ```
//!
//! The signature covers `["Signature1", protected, h'', payload]` (no external data).

use ed25519_dalek::Signer as _;

use crate::cbor::Value;
use crate::error::VerifyError;
use crate::keys::SealKey;

/// The CBOR tag of a COSE_Sign1.
const TAG_SIGN1: u64 = 18;
/// COSE header labels.
const ALG: u64 = 1;
const KID: u64 = 4;
/// EdDSA is -8, written as the negative integer `-1 - 7`.
const EDDSA: Value = Value::Negative(7);
/// The longest key id accepted.
const MAX_KID: usize = 64;

/// A COSE_Sign1 taken apart, not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sign1 {
    /// The protected header's bytes, as signed.
    pub(crate) protected: Vec<u8>,
    /// The key id from the protected header.
    pub(crate) kid: String,
    /// The payload's bytes.
    pub(crate) payload: Vec<u8>,
    /// The Ed25519 signature.
    pub(crate) signature: ed25519_dalek::Signature,
}

/// What the signature covers.
pub(crate) fn to_be_signed(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    Value::Array(vec![
        Value::Text("Signature1".into()),
        Value::Bytes(protected.to_vec()),
        Value::Bytes(Vec::new()),
        Value::Bytes(payload.to_vec()),
    ])
    .encode()
}

/// Signs `payload` with `key`: the tagged COSE_Sign1.
pub(crate) fn sign(key: &SealKey, payload: &[u8]) -> Vec<u8> {
    let protected = Value::Map(vec![
        (Value::Unsigned(ALG), EDDSA),
        (
            Value::Unsigned(KID),
            Value::Bytes(key.kid().as_bytes().to_vec()),
        ),
    ])
    .encode();
    let signature = key.signing_key().sign(&to_be_signed(&protected, payload));
    Value::Tag(
        TAG_SIGN1,
        Box::new(Value::Array(vec![
            Value::Bytes(protected),
            Value::Map(Vec::new()),
            Value::Bytes(payload.to_vec()),
            Value::Bytes(signature.to_bytes().to_vec()),
        ])),
    )
    .encode()
}

/// Takes a tagged COSE_Sign1 apart, refusing every other shape.
pub(crate) fn parse(bytes: &[u8]) -> Result<Sign1, VerifyError> {
    let malformed = VerifyError::Malformed;
    let item = Value::decode(bytes).map_err(|e| malformed(e.0))?;
    let Value::Tag(TAG_SIGN1, item) = item else {
        return Err(malformed("not a tagged COSE_Sign1"));
    };
    let Value::Array(parts) = *item else {
        return Err(malformed("a COSE_Sign1 is an array"));
    };
    let [protected, unprotected, payload, signature] =
        <[Value; 4]>::try_from(parts).map_err(|_| malformed("a COSE_Sign1 has four parts"))?;
    let (Value::Bytes(protected), Value::Bytes(payload), Value::Bytes(signature)) =
        (protected, payload, signature)
    else {
        return Err(malformed("the COSE_Sign1's parts are not byte strings"));
    };
    if unprotected != Value::Map(Vec::new()) {
        return Err(malformed("the unprotected header is not empty"));
    }
    let signature = <[u8; 64]>::try_from(signature.as_slice())
        .map(|s| ed25519_dalek::Signature::from_bytes(&s))
        .map_err(|_| malformed("an Ed25519 signature is 64 bytes"))?;
    let kid = protected_kid(&protected)?;
    Ok(Sign1 {
        protected,
        kid,
        payload,
        signature,
    })
}

/// The kid of a protected header `{1: -8, 4: kid}`, and nothing else in it.
fn protected_kid(protected: &[u8]) -> Result<String, VerifyError> {
    let malformed = VerifyError::Malformed;
    let Value::Map(pairs) = Value::decode(protected).map_err(|e| malformed(e.0))? else {
        return Err(malformed("the protected header is not a map"));
    };
    match pairs.as_slice() {
        [
            (Value::Unsigned(ALG), alg),
            (Value::Unsigned(KID), Value::Bytes(kid)),
        ] => {
            if *alg != EDDSA {
                return Err(malformed("the algorithm is not EdDSA"));
            }
            if kid.is_empty() || kid.len() > MAX_KID {
                return Err(malformed("the key id is empty or too long"));
            }
            let kid = std::str::from_utf8(kid)
                .ok()
                .filter(|k| k.bytes().all(|b| b.is_ascii_graphic()))
                .ok_or(malformed("the key id is not printable"))?;
            Ok(kid.to_owned())
        }
        _ => Err(malformed("the protected header is not {alg, kid}")),
    }
}
