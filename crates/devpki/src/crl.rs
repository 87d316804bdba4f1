//! The CAs' CRLs: v2, signed with SHA-256/RSA, authorityKeyIdentifier and cRLNumber (both
//! understood by the verifier and by OpenSSL), thisUpdate = now, nextUpdate = now + 30 days.

use der::Encode;
use der::asn1::BitString;
use jiff::Timestamp;
use rsa::signature::{SignatureEncoding, Signer};
use spki::DynSignatureAlgorithmIdentifier;
use x509_cert::certificate::Version;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::CrlNumber;
use x509_cert::serial_number::SerialNumber;

use crate::x509::{authority_key_id, ext, x509_time};
use crate::{CRL_VALIDITY, DevPkiError, KeyCert};

/// A CRL of `ca` at `now` listing `revoked` (serial, revocation time), DER.
pub(crate) fn issue(
    ca: &KeyCert,
    revoked: &[(&SerialNumber, Timestamp)],
    now: Timestamp,
) -> Result<Vec<u8>, DevPkiError> {
    let next = now
        .checked_add(CRL_VALIDITY)
        .map_err(|_| DevPkiError::Time(now))?;
    let signer = ca.signing_key();
    let signature = signer
        .signature_algorithm_identifier()
        .map_err(|e| DevPkiError::Build(x509_cert::builder::Error::PublicKey(e)))?;
    let mut entries = Vec::with_capacity(revoked.len());
    for (serial, at) in revoked {
        entries.push(RevokedCert {
            serial_number: (*serial).clone(),
            revocation_date: x509_time(*at)?,
            crl_entry_extensions: None,
        });
    }
    // Monotonic across reissues, as RFC 5280 wants: the issuing second.
    let second = u64::try_from(now.as_second()).unwrap_or_default();
    let number = CrlNumber(der::asn1::Uint::new(&second.to_be_bytes())?);
    let tbs = TbsCertList {
        version: Version::V2,
        signature: signature.clone(),
        issuer: ca.certificate().tbs_certificate().subject().clone(),
        this_update: x509_time(now)?,
        next_update: Some(x509_time(next)?),
        revoked_certificates: (!entries.is_empty()).then_some(entries),
        crl_extensions: Some(vec![
            ext(false, &authority_key_id(ca)?)?,
            ext(false, &number)?,
        ]),
    };
    let sig = signer.try_sign(&tbs.to_der()?)?;
    let crl = CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: signature,
        signature: BitString::from_bytes(&sig.to_vec())?,
    };
    Ok(crl.to_der()?)
}
