//! CertID: how a response names the certificate it answers for (the hash of the issuer's name,
//! the hash of the issuer's key, the serial), and the OCSPRequest an adapter posts. SHA-1 is
//! accepted here although it is refused for signatures: in a CertID it is an identifier, and the
//! serial and the response's signature carry the security. NCA RK's responder expects SHA-1.

use der::asn1::{Null, OctetString};
use der::{Any, Encode};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::Extension;

use super::asn1::{CertId, OcspRequest, Request, TbsRequest};
use crate::oid;
use crate::trust::Cert;

/// The CertID hash algorithms accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdHash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl IdHash {
    fn from_oid(o: &der::asn1::ObjectIdentifier) -> Option<Self> {
        match *o {
            oid::SHA1 => Some(Self::Sha1),
            oid::SHA256 => Some(Self::Sha256),
            oid::SHA384 => Some(Self::Sha384),
            oid::SHA512 => Some(Self::Sha512),
            _ => None,
        }
    }

    fn oid(self) -> der::asn1::ObjectIdentifier {
        match self {
            Self::Sha1 => oid::SHA1,
            Self::Sha256 => oid::SHA256,
            Self::Sha384 => oid::SHA384,
            Self::Sha512 => oid::SHA512,
        }
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => Sha1::digest(data).to_vec(),
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Sha384 => Sha384::digest(data).to_vec(),
            Self::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}

/// The hash of the issuer's public key as RFC 6960 defines it: over the subjectPublicKey BIT
/// STRING's value, without tag, length and unused-bits octet.
pub fn key_hash(hash: IdHash, issuer: &Cert) -> Vec<u8> {
    let spki = issuer.cert.tbs_certificate().subject_public_key_info();
    hash.digest(spki.subject_public_key.raw_bytes())
}

/// Whether `id` names `cert` as issued by `issuer`, with whichever hash the CertID uses.
pub fn matches(id: &CertId, cert: &Cert, issuer: &Cert) -> bool {
    let Some(hash) = IdHash::from_oid(&id.hash_algorithm.oid) else {
        return false;
    };
    &id.serial_number == cert.cert.tbs_certificate().serial_number()
        && id.issuer_name_hash.as_bytes() == hash.digest(&cert.issuer_der).as_slice()
        && id.issuer_key_hash.as_bytes() == key_hash(hash, issuer).as_slice()
}

/// The CertID of `cert` (issued by `issuer`) with `hash`.
pub(crate) fn cert_id(hash: IdHash, cert: &Cert, issuer: &Cert) -> der::Result<CertId> {
    Ok(CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: hash.oid(),
            parameters: Some(Any::encode_from(&Null)?),
        },
        issuer_name_hash: OctetString::new(hash.digest(&cert.issuer_der))?,
        issuer_key_hash: OctetString::new(key_hash(hash, issuer))?,
        serial_number: cert.cert.tbs_certificate().serial_number().clone(),
    })
}

/// An unsigned OCSPRequest for one certificate, with a nonce extension (RFC 8954) when given.
pub(crate) fn request(
    hash: IdHash,
    cert: &Cert,
    issuer: &Cert,
    nonce: Option<&[u8]>,
) -> der::Result<Vec<u8>> {
    let request_extensions = match nonce {
        Some(nonce) => Some(vec![Extension {
            extn_id: oid::OCSP_NONCE,
            critical: false,
            extn_value: OctetString::new(OctetString::new(nonce)?.to_der()?)?,
        }]),
        None => None,
    };
    OcspRequest {
        tbs_request: TbsRequest {
            version: None,
            requestor_name: None,
            request_list: vec![Request {
                req_cert: cert_id(hash, cert, issuer)?,
                single_request_extensions: None,
            }],
            request_extensions,
        },
        optional_signature: None,
    }
    .to_der()
}
