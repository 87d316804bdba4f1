//! The seal's keys: the private signing key the authority holds, and the published set of
//! public keys (a JWK set, RFC 7517/8037) that anyone verifies against, each with the window in
//! which it signed. Rotation retires the active key (it stays published) and adds a new one.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{SigningKey, VerifyingKey};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::VerifyError;

/// The id of a seal key: the first 8 bytes of its RFC 7638 JWK thumbprint, base64url (11
/// characters), so anyone can recompute it from the published key.
pub fn key_id(public: &VerifyingKey) -> String {
    let x = URL_SAFE_NO_PAD.encode(public.as_bytes());
    // RFC 7638: the required members in lexicographic order, no whitespace.
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    let thumbprint = Sha256::digest(canonical.as_bytes());
    URL_SAFE_NO_PAD.encode(&thumbprint[..8])
}

/// 32 bytes from 64 hex characters (surrounding whitespace ignored).
pub(crate) fn bytes32_from_hex(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(bytes)
}

/// Bytes as lower-case hex.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `at` without its fraction of a second: certificates carry their signing time in whole
/// seconds, so key windows start and end on whole seconds too.
pub(crate) fn whole_second(at: Timestamp) -> Timestamp {
    Timestamp::from_second(at.as_second()).unwrap_or(at)
}

/// An Ed25519 private key of the seal, with its key id.
#[derive(Clone)]
pub struct SealKey {
    signing: SigningKey,
    kid: String,
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealKey({})", self.kid)
    }
}

impl SealKey {
    /// The key whose 32-byte seed is `seed` (fresh randomness for a new key).
    pub fn from_seed(seed: [u8; 32]) -> SealKey {
        let signing = SigningKey::from_bytes(&seed);
        let kid = key_id(&signing.verifying_key());
        SealKey { signing, kid }
    }

    /// The key from its seed written as 64 hex characters (the key file's content).
    pub fn from_hex(text: &str) -> Result<SealKey, KeySetError> {
        bytes32_from_hex(text)
            .map(SealKey::from_seed)
            .ok_or(KeySetError::PrivateKey)
    }

    /// The seed as 64 hex characters, to keep in the key file.
    pub fn to_hex(&self) -> String {
        to_hex(self.signing.as_bytes())
    }

    /// The key id.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public half.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }
}

/// A public key of the seal and when it signed: from `not_before`, until `not_after` when it
/// was retired (open while it is the active key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedKey {
    /// The key id.
    pub kid: String,
    /// The Ed25519 public key.
    pub key: VerifyingKey,
    /// It signs from this moment.
    pub not_before: Timestamp,
    /// It signed until this moment (exclusive), when retired.
    pub not_after: Option<Timestamp>,
}

impl PublishedKey {
    /// Whether the key could sign at `at`.
    pub fn valid_at(&self, at: Timestamp) -> bool {
        self.not_before <= at && self.not_after.is_none_or(|end| at < end)
    }
}

/// Why a key set or a key file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeySetError {
    /// The JSON is not a JWK set of the shape below.
    #[error("the seal key set is not a JWK set: {0}")]
    Json(String),
    /// A key is not an Ed25519 signing key (`kty: OKP`, `crv: Ed25519`, `use: sig`).
    #[error("the seal key {0:?} is not an Ed25519 signing key")]
    NotEd25519(String),
    /// `x` is not 32 bytes of base64url, or not a point of the curve.
    #[error("the seal key {0:?} has no valid public key")]
    PublicKey(String),
    /// The kid is not the one computed from the key.
    #[error("the seal key {0:?} does not have the kid of its public key")]
    KidMismatch(String),
    /// Two keys share a kid.
    #[error("the seal key {0:?} is published twice")]
    Duplicate(String),
    /// The window ends before it starts.
    #[error("the seal key {0:?} has a window that ends before it starts")]
    Window(String),
    /// A private key file (the signing key's seed or the check-code key) is not 64 hex
    /// characters.
    #[error("a seal key file is not 64 hex characters")]
    PrivateKey,
    /// The private key is not the active key of the set.
    #[error("the seal's private key {0:?} is not the active key of the published set")]
    NotActive(String),
    /// A rotation time is not after the active key's start.
    #[error("a new seal key must start after the active one")]
    RotationTime,
}

/// One JWK as published.
#[derive(Debug, Serialize, Deserialize)]
struct Jwk {
    kty: String,
    crv: String,
    x: String,
    kid: String,
    #[serde(rename = "use")]
    use_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alg: Option<String>,
    not_before: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_after: Option<Timestamp>,
}

#[derive(Debug, Serialize, Deserialize)]
struct JwkSet {
    keys: Vec<Jwk>,
}

/// The published seal keys: what `/.well-known/kandas-seal-keys.json` serves and
/// `kandas verify --keys` reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySet {
    keys: Vec<PublishedKey>,
}

impl KeySet {
    /// A set of one key, active from `at` (to the second).
    pub fn first(key: &SealKey, at: Timestamp) -> KeySet {
        let at = whole_second(at);
        KeySet {
            keys: vec![PublishedKey {
                kid: key.kid().to_owned(),
                key: key.verifying_key(),
                not_before: at,
                not_after: None,
            }],
        }
    }

    /// The keys, oldest first.
    pub fn keys(&self) -> &[PublishedKey] {
        &self.keys
    }

    /// The key with this id.
    pub fn find(&self, kid: &str) -> Option<&PublishedKey> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    /// The payload of COSE_Sign1 bytes whose signature verifies under the published key it
    /// names, with that key; `in_use` then checks the key was in use at the payload's time.
    pub(crate) fn signed_payload(
        &self,
        sealed: &[u8],
    ) -> Result<(Vec<u8>, &PublishedKey), VerifyError> {
        let sign1 = crate::cose::parse(sealed)?;
        let key = self
            .find(&sign1.kid)
            .ok_or_else(|| VerifyError::UnknownKey(sign1.kid.clone()))?;
        let signed = crate::cose::to_be_signed(&sign1.protected, &sign1.payload);
        key.key
            .verify_strict(&signed, &sign1.signature)
            .map_err(|_| VerifyError::BadSignature)?;
        Ok((sign1.payload, key))
    }

    /// The key that signs now: the newest one whose window is open.
    pub fn active(&self) -> Option<&PublishedKey> {
        self.keys.iter().rev().find(|k| k.not_after.is_none())
    }

    /// Retires every open key at `at` and publishes `new` from `at` (to the second).
    pub fn rotate(&mut self, new: &SealKey, at: Timestamp) -> Result<(), KeySetError> {
        let at = whole_second(at);
        if self.keys.iter().any(|k| k.not_before >= at) {
            return Err(KeySetError::RotationTime);
        }
        if self.find(new.kid()).is_some() {
            return Err(KeySetError::Duplicate(new.kid().to_owned()));
        }
        for key in self.keys.iter_mut().filter(|k| k.not_after.is_none()) {
            key.not_after = Some(at);
        }
        self.keys.push(PublishedKey {
            kid: new.kid().to_owned(),
            key: new.verifying_key(),
            not_before: at,
            not_after: None,
        });
        Ok(())
    }

    /// The JWK set as JSON (`kty: OKP`, `crv: Ed25519`, `x`, `kid`, `use: sig`, `alg: EdDSA`,
    /// `not_before`, and `not_after` once retired).
    pub fn to_json(&self) -> String {
        let set = JwkSet {
            keys: self
                .keys
                .iter()
                .map(|k| Jwk {
                    kty: "OKP".into(),
                    crv: "Ed25519".into(),
                    x: URL_SAFE_NO_PAD.encode(k.key.as_bytes()),
                    kid: k.kid.clone(),
                    use_: "sig".into(),
                    alg: Some("EdDSA".into()),
                    not_before: k.not_before,
                    not_after: k.not_after,
                })
                .collect(),
        };
        serde_json::to_string_pretty(&set).unwrap_or_default()
    }

    /// Reads a JWK set, checking every key: Ed25519, a valid point, the kid of its key, a
    /// window that does not end before it starts, no kid twice.
    pub fn from_json(json: &str) -> Result<KeySet, KeySetError> {
        let set: JwkSet =
            serde_json::from_str(json).map_err(|e| KeySetError::Json(e.to_string()))?;
        let mut keys: Vec<PublishedKey> = Vec::with_capacity(set.keys.len());
        for jwk in set.keys {
            let kid = jwk.kid;
            let alg_ok = jwk.alg.as_deref().is_none_or(|a| a == "EdDSA");
            if jwk.kty != "OKP" || jwk.crv != "Ed25519" || jwk.use_ != "sig" || !alg_ok {
                return Err(KeySetError::NotEd25519(kid));
            }
            let bytes: [u8; 32] = URL_SAFE_NO_PAD
                .decode(jwk.x.as_bytes())
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| KeySetError::PublicKey(kid.clone()))?;
            let key = VerifyingKey::from_bytes(&bytes)
                .map_err(|_| KeySetError::PublicKey(kid.clone()))?;
            if key_id(&key) != kid {
                return Err(KeySetError::KidMismatch(kid));
            }
            if jwk.not_after.is_some_and(|end| end < jwk.not_before) {
                return Err(KeySetError::Window(kid));
            }
            if keys.iter().any(|k| k.kid == kid) {
                return Err(KeySetError::Duplicate(kid));
            }
            keys.push(PublishedKey {
                kid,
                key,
                not_before: jwk.not_before,
                not_after: jwk.not_after,
            });
        }
        Ok(KeySet { keys })
    }
}

impl PublishedKey {
    /// That this key was in use at `signed_at`, the time its payload says it was signed.
    pub(crate) fn in_use(&self, signed_at: Timestamp) -> Result<(), VerifyError> {
        if self.valid_at(signed_at) {
            Ok(())
        } else {
            Err(VerifyError::KeyNotValidThen {
                kid: self.kid.clone(),
                signed_at,
            })
        }
    }
}
