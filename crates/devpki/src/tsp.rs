//! RFC 3161 timestamp tokens as a time-stamping authority answers NCALayer: a SignedData over a
//! TSTInfo (version 1, SHA-256 messageImprint of the SignerInfo's signature value, genTime in
//! whole seconds), signed by the TSA with the signed attributes contentType = id-ct-TSTInfo,
//! messageDigest and the ESS signingCertificateV2 (RFC 5035: SHA-256 of the TSA certificate, which
//! `openssl ts -verify` requires), carrying the TSA's certificate; attached to the signer's CMS as
//! the unsigned attribute id-aa-signatureTimeStampToken.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier as Oid;
use der::asn1::{Any, Int, OctetString, SetOfVec};
use der::{Decode, Encode, Tag};
use jiff::Timestamp;
use rsa::signature::{SignatureEncoding, Signer};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;

use crate::cms::attribute;
use crate::{DevPki, DevPkiError, KeyCert, issue};
use kandas_pki::wire::tsp::{MessageImprint, PkiStatusInfo, TimeStampReq, TimeStampResp, TstInfo};

const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const ID_CT_TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");
const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
const TIME_STAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
/// The policy NCA RK's TSA writes into its tokens.
const TSA_POLICY: Oid = Oid::new_unwrap("1.2.398.3.3.2.1");

impl DevPki {
    /// Issues a time-stamping authority under the intermediate, valid from `from` to `until`
    /// (see `issue::tsa`). It is not kept in the PKI: whoever needs one issues it.
    pub fn issue_tsa(&self, from: Timestamp, until: Timestamp) -> Result<KeyCert, DevPkiError> {
        issue::tsa(&self.intermediate, from, until)
    }

    /// `cms` (DER, one SignerInfo, as [`DevPki::sign_cms`] makes it) with a timestamp token of
    /// `tsa` at `gen_time` over its signature value, replacing the SignerInfo's unsigned
    /// attributes. The TSA's clock is the parameter: tokens from any moment can be made.
    pub fn timestamp_cms(
        &self,
        tsa: &KeyCert,
        cms: &[u8],
        gen_time: Timestamp,
    ) -> Result<Vec<u8>, DevPkiError> {
        let info = ContentInfo::from_der(cms)?;
        let mut signed_data: SignedData = info.content.decode_as()?;
        let mut signers = signed_data.signer_infos.0.into_vec();
        let signer = signers
            .first_mut()
            .ok_or_else(|| DevPkiError::Load("the CMS has no SignerInfo to timestamp".into()))?;
        let imprint = Sha256::digest(signer.signature.as_bytes());
        let token = token(tsa, &imprint, None, gen_time)?;
        signer.unsigned_attrs = Some(SetOfVec::try_from(vec![attribute(
            TIME_STAMP_TOKEN,
            Any::encode_from(&token)?,
        )?])?);
        signed_data.signer_infos = SignerInfos(SetOfVec::try_from(signers)?);
        let info = ContentInfo {
            content_type: info.content_type,
            content: Any::encode_from(&signed_data)?,
        };
        Ok(info.to_der()?)
    }
}

/// The TimeStampResp of `tsa` at `gen_time` to a DER TimeStampReq (RFC 3161 over HTTP, as the
/// development TSA at `/dev/tsa` answers): granted, with the token over the request's SHA-256
/// imprint and its nonce; a request that does not decode or names another hash is answered
/// with the status rejection (2) and no token.
pub fn timestamp_response(
    tsa: &KeyCert,
    request: &[u8],
    gen_time: Timestamp,
) -> Result<Vec<u8>, DevPkiError> {
    let granted = TimeStampReq::from_der(request).ok().filter(|r| {
        r.message_imprint.hash_algorithm.oid == SHA256
            && r.message_imprint.hashed_message.as_bytes().len() == 32
    });
    let (status, token) = match granted {
        Some(r) => {
            let imprint = r.message_imprint.hashed_message.as_bytes();
            let token = token(tsa, imprint, r.nonce, gen_time)?;
            (0, Some(Any::encode_from(&token)?))
        }
        None => (2, None),
    };
    Ok(TimeStampResp {
        status: PkiStatusInfo {
            status,
            status_string: None,
            fail_info: None,
        },
        time_stamp_token: token,
    }
    .to_der()?)
}

/// The TSTInfo DER over the SHA-256 `imprint` at `gen_time`, with `nonce` and a random serial
/// number.
fn tst_info(
    imprint: &[u8],
    nonce: Option<Int>,
    gen_time: Timestamp,
) -> Result<Vec<u8>, DevPkiError> {
    let mut serial = [0u8; 8];
    getrandom::fill(&mut serial).map_err(|e| DevPkiError::Random(e.to_string()))?;
    serial[0] = (serial[0] & 0x7f) | 0x40;
    let when = gen_time.strftime("%Y%m%d%H%M%SZ").to_string();
    Ok(TstInfo {
        version: 1,
        policy: TSA_POLICY,
        message_imprint: MessageImprint {
            hash_algorithm: sha256(),
            hashed_message: OctetString::new(imprint)?,
        },
        serial_number: Int::new(&serial)?,
        gen_time: Any::new(Tag::GeneralizedTime, when.as_bytes())?,
        accuracy: None,
        ordering: false,
        nonce,
        tsa: None,
        extensions: None,
    }
    .to_der()?)
}

fn sha256() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    }
}

/// The token (ContentInfo → SignedData → TSTInfo) of `tsa` over the SHA-256 `imprint` at
/// `gen_time`.
fn token(
    tsa: &KeyCert,
    imprint: &[u8],
    nonce: Option<Int>,
    gen_time: Timestamp,
) -> Result<ContentInfo, DevPkiError> {
    let tst_info = tst_info(imprint, nonce, gen_time)?;
    let signed_attrs = SetOfVec::try_from(vec![
        attribute(CONTENT_TYPE, Any::encode_from(&ID_CT_TST_INFO)?)?,
        attribute(
            MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(Sha256::digest(&tst_info).as_slice())?)?,
        )?,
        attribute(SIGNING_CERTIFICATE_V2, signing_certificate_v2(tsa)?)?,
    ])?;
    let tsa_signature = tsa.signing_key().try_sign(&signed_attrs.to_der()?)?;
    let tbs = tsa.certificate().tbs_certificate();
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(tsa_signature.to_vec())?,
        unsigned_attrs: None,
    };
    let signed_data = SignedData {
        version: CmsVersion::V3,
        digest_algorithms: SetOfVec::try_from(vec![sha256()])?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_CT_TST_INFO,
            econtent: Some(Any::encode_from(&OctetString::new(tst_info)?)?),
        },
        certificates: Some(CertificateSet(SetOfVec::try_from(vec![
            CertificateChoices::Certificate(tsa.certificate().clone()),
        ])?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info])?),
    };
    Ok(ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data)?,
    })
}

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with one ESSCertIDv2 ::=
/// SEQUENCE { certHash OCTET STRING } (hashAlgorithm is the DEFAULT SHA-256, so absent).
fn signing_certificate_v2(tsa: &KeyCert) -> Result<Any, DevPkiError> {
    let hash = OctetString::new(Sha256::digest(tsa.certificate_der()).as_slice())?;
    let ess_cert_id = Any::new(Tag::Sequence, hash.to_der()?)?;
    let certs = Any::new(Tag::Sequence, ess_cert_id.to_der()?)?;
    Ok(Any::new(Tag::Sequence, certs.to_der()?)?)
}
