//! Reading CMS SignedData (RFC 5652): the one SignerInfo, the content (attached or detached), the
//! signer's certificate among those carried in the CMS, and the signed attributes.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use jiff::Timestamp;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;

use crate::oid;
use crate::report::{Failure, Reason};
use crate::trust::{Cert, to_timestamp};

/// The parts of a CMS SignedData the verification needs.
pub(crate) struct Parsed {
    pub(crate) signer_info: SignerInfo,
    pub(crate) econtent_type: der::asn1::ObjectIdentifier,
    pub(crate) attached: Option<Vec<u8>>,
    pub(crate) certs: Vec<Cert>,
}

fn malformed(what: &str, e: impl std::fmt::Display) -> Failure {
    Failure::new(Reason::Malformed, format!("{what}: {e}"))
}

/// The certificates a CMS carries, DER, in their order; none when it cannot be read (the
/// verifier then says why). An adapter uses them to fetch the CRLs the verification needs.
pub fn certificates_in(cms: &[u8]) -> Vec<Vec<u8>> {
    parse(cms)
        .map(|p| {
            p.certs
                .iter()
                .filter_map(|c| der::Encode::to_der(&c.cert).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Parses ContentInfo → SignedData and keeps exactly one SignerInfo.
pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, Failure> {
    if bytes.is_empty() {
        return Err(Failure::new(Reason::Malformed, "empty input"));
    }
    let info = ContentInfo::from_der(bytes).map_err(|e| malformed("ContentInfo", e))?;
    if info.content_type != oid::SIGNED_DATA {
        return Err(Failure::new(
            Reason::Malformed,
            format!("content type {} is not signedData", info.content_type),
        ));
    }
    let sd: SignedData = info
        .content
        .decode_as()
        .map_err(|e| malformed("SignedData", e))?;
    let mut signers = sd.signer_infos.0.into_vec();
    let signer_info = match signers.len() {
        0 => {
            return Err(Failure::new(
                Reason::NoSigner,
                "SignedData has no SignerInfo",
            ));
        }
        1 => signers.remove(0),
        n => {
            return Err(Failure::new(
                Reason::MultipleSigners,
                format!("{n} signers; exactly one is accepted"),
            ));
        }
    };
    let attached = match sd.encap_content_info.econtent {
        Some(any) => Some(
            any.decode_as::<OctetString>()
                .map_err(|e| malformed("eContent", e))?
                .into_bytes()
                .into_vec(),
        ),
        None => None,
    };
    let mut certs = Vec::new();
    for choice in sd.certificates.map(|s| s.0.into_vec()).unwrap_or_default() {
        if let CertificateChoices::Certificate(cert) = choice {
            certs.push(Cert::new(cert).map_err(|e| malformed("certificate", e))?);
        }
    }
    Ok(Parsed {
        signer_info,
        econtent_type: sd.encap_content_info.econtent_type,
        attached,
        certs,
    })
}

/// The content that was signed: attached, or the detached bytes, which must agree when both exist.
pub(crate) fn content<'a>(
    parsed: &'a Parsed,
    detached: Option<&'a [u8]>,
) -> Result<&'a [u8], Failure> {
    match (parsed.attached.as_deref(), detached) {
        (Some(a), Some(d)) if a != d => Err(Failure::new(
            Reason::DigestMismatch,
            "the attached content differs from the content given",
        )),
        (Some(a), _) => Ok(a),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(Failure::new(
            Reason::ContentMissing,
            "detached signature and no content given",
        )),
    }
}

/// Finds the signer's certificate among the CMS certificates, by issuer+serial or by SKI.
pub(crate) fn signer_cert(parsed: &Parsed) -> Result<&Cert, Failure> {
    let found = match &parsed.signer_info.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            let issuer = ias.issuer.to_der().map_err(|e| malformed("signer issuer", e))?;
            parsed.certs.iter().find(|c| {
                c.issuer_der == issuer && c.cert.tbs_certificate().serial_number() == &ias.serial_number
            })
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => parsed.certs.iter().find(|c| {
            matches!(c.cert.tbs_certificate().get_extension::<SubjectKeyIdentifier>(), Ok(Some((_, s))) if s == *ski)
        }),
    };
    found.ok_or_else(|| {
        Failure::new(
            Reason::NoSigner,
            "the signer's certificate is not in the CMS",
        )
    })
}

/// The signed attributes the verification relies on.
pub(crate) struct SignedAttrs {
    pub(crate) der: Vec<u8>,
    pub(crate) message_digest: Vec<u8>,
    pub(crate) signing_time: Option<Timestamp>,
}

/// Reads contentType (must equal eContentType), messageDigest and signingTime, each exactly once,
/// and re-encodes the attributes as a SET (tag 0x31): that, not the `[0]` form, is what is signed.
pub(crate) fn signed_attrs(parsed: &Parsed) -> Result<SignedAttrs, Failure> {
    let missing = |what: &str| Failure::new(Reason::SignedAttributesMissing, what.to_owned());
    let attrs = parsed
        .signer_info
        .signed_attrs
        .as_ref()
        .ok_or_else(|| missing("no signed attributes"))?;
    let single = |oid| {
        let mut found = attrs.iter().filter(|a| a.oid == oid);
        match (found.next(), found.next()) {
            (Some(a), None) if a.values.len() == 1 => Ok(a.values.get(0)),
            (None, _) => Ok(None),
            _ => Err(Failure::new(
                Reason::Malformed,
                format!("attribute {oid} is not single-valued"),
            )),
        }
    };
    let content_type =
        single(oid::CONTENT_TYPE)?.ok_or_else(|| missing("no contentType attribute"))?;
    let content_type: der::asn1::ObjectIdentifier = content_type
        .decode_as()
        .map_err(|e| malformed("contentType attribute", e))?;
    if content_type != parsed.econtent_type {
        return Err(missing(
            "the contentType attribute differs from eContentType",
        ));
    }
    let digest =
        single(oid::MESSAGE_DIGEST)?.ok_or_else(|| missing("no messageDigest attribute"))?;
    let digest: OctetString = digest
        .decode_as()
        .map_err(|e| malformed("messageDigest attribute", e))?;
    let signing_time = match single(oid::SIGNING_TIME)? {
        Some(any) => Some(to_timestamp(
            Time::from_der(&any.to_der().map_err(|e| malformed("signingTime", e))?)
                .map_err(|e| malformed("signingTime attribute", e))?,
        )),
        None => None,
    };
    let der = attrs
        .to_der()
        .map_err(|e| malformed("signed attributes", e))?;
    Ok(SignedAttrs {
        der,
        message_digest: digest.into_bytes().into_vec(),
        signing_time,
    })
}
