//! Who may sign an OCSP response for a certificate (RFC 6960 §4.2.2.2): the certificate's issuer
//! with its own key, or a delegated responder whose certificate is carried in the response,
//! issued (and signed) by that issuer, with id-kp-OCSPSigning in its extended key usage, valid
//! when the response was produced, and with no critical extension we do not understand. The
//! responder's own revocation is not checked: NCA RK marks its responder certificates
//! id-pkix-ocsp-nocheck, as RFC 6960 §4.2.2.2.1 expects of short-lived responder keys.

use jiff::Timestamp;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage};

use super::asn1::BasicOcspResponse;
use crate::algorithm;
use crate::oid;
use crate::path;
use crate::trust::Cert;

/// The subject of whoever signed the response, when the signature verifies and the signer is
/// authorised for `issuer`'s certificates; otherwise why not.
pub(super) fn authorised_signer(
    basic: &BasicOcspResponse,
    tbs_der: &[u8],
    issuer: &Cert,
    produced_at: Timestamp,
) -> Result<String, String> {
    let scheme = algorithm::scheme_of(&basic.signature_algorithm)
        .map_err(|e| format!("the response's signature algorithm: {e:?}"))?;
    let signature = basic
        .signature
        .as_bytes()
        .ok_or("the response's signature is not octet-aligned")?;
    let verifies = |c: &Cert| {
        algorithm::verify(
            c.cert.tbs_certificate().subject_public_key_info(),
            scheme,
            tbs_der,
            signature,
        )
        .is_ok()
    };
    if verifies(issuer) {
        return Ok(issuer.subject());
    }
    let mut notes = Vec::new();
    for candidate in basic.certs.iter().flatten() {
        let Ok(candidate) = Cert::new(candidate.clone()) else {
            continue;
        };
        if !verifies(&candidate) {
            continue;
        }
        match delegated(&candidate, issuer, produced_at) {
            Ok(()) => return Ok(candidate.subject()),
            Err(why) => notes.push(format!(
                "signed by \"{}\", not an authorised responder: {why}",
                candidate.subject()
            )),
        }
    }
    if notes.is_empty() {
        Err(format!(
            "the response's signature verifies neither with the key of \"{}\" nor with a \
             responder certificate it carries",
            issuer.subject()
        ))
    } else {
        Err(notes.join("; "))
    }
}

/// Whether `responder` is a delegated OCSP responder of `issuer` at `at`.
fn delegated(responder: &Cert, issuer: &Cert, at: Timestamp) -> Result<(), String> {
    if responder.issuer_der != issuer.subject_der || path::signed_by(responder, issuer).is_err() {
        return Err(format!("it is not issued by \"{}\"", issuer.subject()));
    }
    let tbs = responder.cert.tbs_certificate();
    match tbs.get_extension::<ExtendedKeyUsage>() {
        Ok(Some((_, eku))) if eku.0.contains(&oid::OCSP_SIGNING) => {}
        Ok(_) => return Err("its extended key usage lacks id-kp-OCSPSigning".into()),
        Err(e) => return Err(format!("its extended key usage cannot be read: {e}")),
    }
    match tbs.get_extension::<KeyUsage>() {
        Ok(Some((_, ku))) if !ku.digital_signature() && !ku.non_repudiation() => {
            return Err("its keyUsage allows no signatures".into());
        }
        Ok(_) => {}
        Err(e) => return Err(format!("its keyUsage cannot be read: {e}")),
    }
    if at < responder.not_before() || at > responder.not_after() {
        return Err(format!(
            "it is valid from {} to {}, the response was produced at {at}",
            responder.not_before(),
            responder.not_after()
        ));
    }
    let unknown_critical = tbs
        .extensions()
        .map(|e| e.as_slice())
        .unwrap_or_default()
        .iter()
        .find(|e| {
            e.critical
                && !oid::UNDERSTOOD_EXTENSIONS.contains(&e.extn_id)
                && e.extn_id != oid::OCSP_NOCHECK
        });
    if let Some(ext) = unknown_critical {
        return Err(format!("unknown critical extension {}", ext.extn_id));
    }
    Ok(())
}
