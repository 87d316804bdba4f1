//! Signing as NCALayer's `sign` with format `cms` does with an RSA key: SignedData v1 over
//! id-data, SHA-256, one SignerInfo by issuerAndSerialNumber with the signed attributes
//! contentType, signingTime and messageDigest, an RSA PKCS#1 v1.5 signature over them
//! (re-encoded as a SET), and the signer's and the intermediate's certificates.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier as Oid;
use der::Encode;
use der::asn1::{Any, OctetString, SetOfVec};
use jiff::Timestamp;
use rsa::signature::{SignatureEncoding, Signer};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;

use crate::x509::x509_time;
use crate::{DevPki, DevPkiError, KeyCert};

const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");

impl DevPki {
    /// Signs `content` with `signer`'s key at `signing_time`; `detached` leaves the content out
    /// of the CMS (the verifier then needs it separately). DER ContentInfo.
    pub fn sign_cms(
        &self,
        signer: &KeyCert,
        content: &[u8],
        signing_time: Timestamp,
        detached: bool,
    ) -> Result<Vec<u8>, DevPkiError> {
        let digest = Sha256::digest(content);
        let signed_attrs = SetOfVec::try_from(vec![
            attribute(CONTENT_TYPE, Any::encode_from(&ID_DATA)?)?,
            attribute(SIGNING_TIME, Any::encode_from(&x509_time(signing_time)?)?)?,
            attribute(
                MESSAGE_DIGEST,
                Any::encode_from(&OctetString::new(digest.as_slice())?)?,
            )?,
        ])?;
        let signature = signer.signing_key().try_sign(&signed_attrs.to_der()?)?;
        let sha256 = AlgorithmIdentifierOwned {
            oid: SHA256,
            parameters: None,
        };
        let tbs = signer.certificate().tbs_certificate();
        let signer_info = SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: tbs.issuer().clone(),
                serial_number: tbs.serial_number().clone(),
            }),
            digest_alg: sha256.clone(),
            signed_attrs: Some(signed_attrs),
            signature_algorithm: AlgorithmIdentifierOwned {
                oid: RSA_ENCRYPTION,
                parameters: Some(Any::null()),
            },
            signature: OctetString::new(signature.to_vec())?,
            unsigned_attrs: None,
        };
        let certificates = SetOfVec::try_from(vec![
            CertificateChoices::Certificate(signer.certificate().clone()),
            CertificateChoices::Certificate(self.intermediate().certificate().clone()),
        ])?;
        let econtent = if detached {
            None
        } else {
            Some(Any::encode_from(&OctetString::new(content)?)?)
        };
        let signed_data = SignedData {
            version: CmsVersion::V1,
            digest_algorithms: SetOfVec::try_from(vec![sha256])?,
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: ID_DATA,
                econtent,
            },
            certificates: Some(CertificateSet(certificates)),
            crls: None,
            signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info])?),
        };
        let info = ContentInfo {
            content_type: ID_SIGNED_DATA,
            content: Any::encode_from(&signed_data)?,
        };
        Ok(info.to_der()?)
    }
}

pub(crate) fn attribute(oid: Oid, value: Any) -> Result<Attribute, DevPkiError> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value])?,
    })
}
