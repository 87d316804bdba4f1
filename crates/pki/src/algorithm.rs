//! Digests and signature verification: RSA PKCS#1 v1.5, RSA-PSS with its parameters read from the
//! AlgorithmIdentifier (OpenSSL may use the maximum salt length), ECDSA P-256/P-384 with DER
//! signatures. Everything is verified over a digest computed here, so the CMS signer, certificates
//! and CRLs share one code path.

use der::asn1::Any;
use der::{Decode, Encode, Sequence};
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::{Pkcs1v15Sign, PublicKey as RsaPublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::{AlgorithmIdentifierOwned, ObjectIdentifier, SubjectPublicKeyInfoOwned};

use crate::oid;

/// The digests we accept. SHA-1 and GOST 34.311 are deliberately absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub(crate) fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        match *oid {
            oid::SHA256 => Some(Self::Sha256),
            oid::SHA384 => Some(Self::Sha384),
            oid::SHA512 => Some(Self::Sha512),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Sha256 => "sha256",
            Self::Sha384 => "sha384",
            Self::Sha512 => "sha512",
        }
    }

    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Sha384 => Sha384::digest(data).to_vec(),
            Self::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}

/// A signature scheme with everything needed to verify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    RsaPkcs1v15(Hash),
    RsaPss { hash: Hash, salt_len: usize },
    Ecdsa(Hash),
}

impl Scheme {
    pub(crate) fn hash(self) -> Hash {
        match self {
            Self::RsaPkcs1v15(h) | Self::Ecdsa(h) | Self::RsaPss { hash: h, .. } => h,
        }
    }

    pub(crate) fn describe(self) -> String {
        match self {
            Self::RsaPkcs1v15(h) => format!("rsa-pkcs1v15-{}", h.name()),
            Self::RsaPss { hash, salt_len } => format!("rsa-pss-{} (salt {salt_len})", hash.name()),
            Self::Ecdsa(h) => format!("ecdsa-{}", h.name()),
        }
    }
}

/// Why a signature did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SigError {
    /// An algorithm, curve or parameter set we do not verify.
    Unsupported(String),
    /// The key or signature is well-formed enough but the signature is wrong.
    Invalid(String),
}

/// RSASSA-PSS-params (RFC 4055): every field has a default, the defaults being SHA-1 based.
#[derive(Sequence)]
struct PssParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask_gen: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_len: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer: Option<u32>,
}

fn unsupported(what: impl Into<String>) -> SigError {
    SigError::Unsupported(what.into())
}

/// Reads the RSA-PSS parameters. MGF1 must use the same hash (all that the rsa crate verifies).
fn pss_scheme(params: Option<&Any>) -> Result<Scheme, SigError> {
    let params = params.ok_or_else(|| unsupported("RSA-PSS without parameters means SHA-1"))?;
    let der = params
        .to_der()
        .map_err(|e| unsupported(format!("RSA-PSS parameters: {e}")))?;
    let p =
        PssParams::from_der(&der).map_err(|e| unsupported(format!("RSA-PSS parameters: {e}")))?;
    let hash_alg = p
        .hash
        .ok_or_else(|| unsupported("RSA-PSS with the default SHA-1 hash"))?;
    let hash = Hash::from_oid(&hash_alg.oid)
        .ok_or_else(|| unsupported(format!("RSA-PSS hash {}", hash_alg.oid)))?;
    let mgf = p
        .mask_gen
        .ok_or_else(|| unsupported("RSA-PSS with the default MGF1-SHA-1"))?;
    if mgf.oid != oid::MGF1 {
        return Err(unsupported(format!("RSA-PSS mask generation {}", mgf.oid)));
    }
    let mgf_hash = mgf
        .parameters
        .as_ref()
        .and_then(|a| a.to_der().ok())
        .and_then(|d| AlgorithmIdentifierOwned::from_der(&d).ok())
        .ok_or_else(|| unsupported("RSA-PSS MGF1 without a hash"))?;
    if mgf_hash.oid != hash_alg.oid {
        return Err(unsupported(format!(
            "RSA-PSS MGF1 hash {} differs from {}",
            mgf_hash.oid, hash_alg.oid
        )));
    }
    if p.trailer.is_some_and(|t| t != 1) {
        return Err(unsupported("RSA-PSS trailer field other than 1"));
    }
    let salt_len =
        usize::try_from(p.salt_len.unwrap_or(20)).map_err(|_| unsupported("salt length"))?;
    Ok(Scheme::RsaPss { hash, salt_len })
}

/// The scheme of a certificate's or CRL's `signatureAlgorithm`.
pub(crate) fn scheme_of(alg: &AlgorithmIdentifierOwned) -> Result<Scheme, SigError> {
    scheme_with_digest(alg, None)
}

/// The scheme of a SignerInfo: `rsaEncryption` and `id-ecPublicKey` there take the hash from the
/// SignerInfo's digestAlgorithm; an algorithm that names its own hash must agree with it.
pub(crate) fn scheme_with_digest(
    alg: &AlgorithmIdentifierOwned,
    digest: Option<Hash>,
) -> Result<Scheme, SigError> {
    let named = |h: Hash| match digest {
        Some(d) if d != h => Err(unsupported(format!(
            "{} signature with a {} digest",
            h.name(),
            d.name()
        ))),
        _ => Ok(h),
    };
    let from_digest = || {
        digest.ok_or_else(|| unsupported(format!("signature algorithm {} without a hash", alg.oid)))
    };
    match alg.oid {
        oid::RSA_ENCRYPTION => Ok(Scheme::RsaPkcs1v15(from_digest()?)),
        oid::SHA256_WITH_RSA => Ok(Scheme::RsaPkcs1v15(named(Hash::Sha256)?)),
        oid::SHA384_WITH_RSA => Ok(Scheme::RsaPkcs1v15(named(Hash::Sha384)?)),
        oid::SHA512_WITH_RSA => Ok(Scheme::RsaPkcs1v15(named(Hash::Sha512)?)),
        oid::RSASSA_PSS => pss_scheme(alg.parameters.as_ref()),
        oid::EC_PUBLIC_KEY => Ok(Scheme::Ecdsa(from_digest()?)),
        oid::ECDSA_SHA256 => Ok(Scheme::Ecdsa(named(Hash::Sha256)?)),
        oid::ECDSA_SHA384 => Ok(Scheme::Ecdsa(named(Hash::Sha384)?)),
        oid::ECDSA_SHA512 => Ok(Scheme::Ecdsa(named(Hash::Sha512)?)),
        other => Err(unsupported(format!("signature algorithm {other}"))),
    }
}

/// Verifies `signature` over `message` with the public key `spki`.
pub(crate) fn verify(
    spki: &SubjectPublicKeyInfoOwned,
    scheme: Scheme,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SigError> {
    let hashed = scheme.hash().digest(message);
    let key_bytes = spki.subject_public_key.raw_bytes();
    match (spki.algorithm.oid, scheme) {
        (oid::RSA_ENCRYPTION | oid::RSASSA_PSS, Scheme::RsaPkcs1v15(_) | Scheme::RsaPss { .. }) => {
            let key = RsaPublicKey::from_pkcs1_der(key_bytes)
                .map_err(|e| SigError::Invalid(format!("RSA public key: {e}")))?;
            let result = match scheme {
                Scheme::RsaPkcs1v15(h) => key.verify(pkcs1v15(h), &hashed, signature),
                Scheme::RsaPss { hash, salt_len } => {
                    verify_pss(&key, hash, salt_len, &hashed, signature)
                }
                Scheme::Ecdsa(_) => return Err(unsupported("ECDSA with an RSA key")),
            };
            result.map_err(|e| SigError::Invalid(format!("RSA signature: {e}")))
        }
        (oid::EC_PUBLIC_KEY, Scheme::Ecdsa(_)) => verify_ecdsa(spki, key_bytes, &hashed, signature),
        (key, scheme) => Err(unsupported(format!(
            "{} with key algorithm {key}",
            scheme.describe()
        ))),
    }
}

fn pkcs1v15(hash: Hash) -> Pkcs1v15Sign {
    match hash {
        Hash::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
        Hash::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
        Hash::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
    }
}

/// PSS with the salt length from the parameters: the rsa crate's `Pss` is generic over the digest.
fn verify_pss(
    key: &RsaPublicKey,
    hash: Hash,
    salt_len: usize,
    hashed: &[u8],
    signature: &[u8],
) -> rsa::errors::Result<()> {
    use rsa::pss::Pss;
    match hash {
        Hash::Sha256 => key.verify(Pss::<Sha256>::new_with_salt(salt_len), hashed, signature),
        Hash::Sha384 => key.verify(Pss::<Sha384>::new_with_salt(salt_len), hashed, signature),
        Hash::Sha512 => key.verify(Pss::<Sha512>::new_with_salt(salt_len), hashed, signature),
    }
}

fn verify_ecdsa(
    spki: &SubjectPublicKeyInfoOwned,
    point: &[u8],
    hashed: &[u8],
    signature: &[u8],
) -> Result<(), SigError> {
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        .ok_or_else(|| unsupported("EC key without a named curve"))?;
    let bad = |e: p256::ecdsa::Error| SigError::Invalid(format!("ECDSA signature: {e}"));
    match curve {
        oid::SECP256R1 => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(bad)?;
            let sig = p256::ecdsa::Signature::from_der(signature).map_err(bad)?;
            key.verify_prehash(hashed, &sig).map_err(bad)
        }
        oid::SECP384R1 => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(bad)?;
            let sig = p384::ecdsa::Signature::from_der(signature).map_err(bad)?;
            key.verify_prehash(hashed, &sig).map_err(bad)
        }
        other => Err(unsupported(format!("elliptic curve {other}"))),
    }
}
