//! OCSP (RFC 6960) evaluation: whether a DER OCSPResponse decides the status of a certificate.
//! It does when the response is `successful` and of the basic type, carries a SingleResponse
//! whose CertID names the certificate and its issuer (SHA-1 or SHA-2 CertIDs), is signed by the
//! issuer or a delegated responder (see `responder`), and is current: thisUpdate ≤ now + skew,
//! and nextUpdate ≥ now, or thisUpdate within [`OCSP_MAX_AGE`] when the responder gives no
//! nextUpdate. `good` and `revoked` decide; `unknown` does not.
//!
//! Revoked is revoked whatever the revocation time, as with CRLs: signingTime is the signer's
//! own claim, and only a timestamp token (not evaluated yet) could prove that the signature
//! existed before the revocation. Nonces are the adapter's business (it made the request).

pub mod asn1;
pub mod cert_id;
mod responder;

use der::{Decode, Encode};
use jiff::{SignedDuration, Timestamp};
use x509_cert::Certificate;

use asn1::{BasicOcspResponse, CertStatus, OcspResponse, ResponseData, ResponseStatus};
use cert_id::IdHash;

use crate::name;
use crate::oid;
use crate::report::{OcspEvidence, OcspStatus};
use crate::trust::Cert;

/// Clock skew tolerated on a response's thisUpdate.
const OCSP_SKEW: SignedDuration = SignedDuration::from_mins(5);

/// How long a response without nextUpdate counts as current after its thisUpdate.
pub const OCSP_MAX_AGE: SignedDuration = SignedDuration::from_hours(1);

/// Why a response does not decide a certificate's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unusable {
    /// It answers for other certificates only.
    NotForIt,
    /// It names the certificate but cannot be used, and why.
    Because(String),
}

/// Among `responses`, the one deciding `cert`'s status (a revoked answer wins over a good one);
/// why the others that name it could not be used is added to `notes`.
pub(crate) fn answer(
    responses: &[Vec<u8>],
    cert: &Cert,
    issuer: &Cert,
    now: Timestamp,
    notes: &mut Vec<String>,
) -> Option<OcspEvidence> {
    let mut decided: Vec<OcspEvidence> = Vec::new();
    for response in responses {
        match evaluate(response, cert, issuer, now) {
            Ok(evidence) => decided.push(evidence),
            Err(Unusable::NotForIt) => {}
            Err(Unusable::Because(why)) => notes.push(format!("an OCSP response: {why}")),
        }
    }
    if decided.is_empty() && !responses.is_empty() && notes.is_empty() {
        notes.push("no OCSP response names it".into());
    }
    decided
        .into_iter()
        .max_by_key(|e| (e.status == OcspStatus::Revoked, e.this_update))
}

/// Whether `response` decides `cert`'s status at `now`, and with what evidence.
pub(crate) fn evaluate(
    response: &[u8],
    cert: &Cert,
    issuer: &Cert,
    now: Timestamp,
) -> Result<OcspEvidence, Unusable> {
    let because = |why: String| Unusable::Because(why);
    let outer = OcspResponse::from_der(response)
        .map_err(|e| because(format!("not a DER OCSPResponse: {e}")))?;
    if outer.status != ResponseStatus::Successful {
        return Err(because(format!(
            "the responder answered {:?}",
            outer.status
        )));
    }
    let bytes = outer
        .bytes
        .ok_or_else(|| because("a successful response without responseBytes".into()))?;
    if bytes.response_type != oid::OCSP_BASIC {
        return Err(because(format!(
            "response type {} is not id-pkix-ocsp-basic",
            bytes.response_type
        )));
    }
    let basic = BasicOcspResponse::from_der(bytes.response.as_bytes())
        .map_err(|e| because(format!("not a BasicOCSPResponse: {e}")))?;
    let tbs_der = basic
        .tbs_response_data
        .to_der()
        .map_err(|e| because(format!("responseData: {e}")))?;
    let data =
        ResponseData::from_der(&tbs_der).map_err(|e| because(format!("responseData: {e}")))?;
    let single = data
        .responses
        .iter()
        .find(|s| cert_id::matches(&s.cert_id, cert, issuer))
        .ok_or(Unusable::NotForIt)?;
    let produced_at = to_timestamp(data.produced_at);
    let responder =
        responder::authorised_signer(&basic, &tbs_der, issuer, produced_at).map_err(because)?;
    let critical = data
        .response_extensions
        .iter()
        .chain(single.single_extensions.iter())
        .flatten()
        .find(|e| e.critical);
    if let Some(ext) = critical {
        return Err(because(format!(
            "critical extension {} not processed",
            ext.extn_id
        )));
    }
    let this_update = to_timestamp(single.this_update);
    let next_update = single.next_update.map(to_timestamp);
    current(this_update, next_update, now).map_err(because)?;
    let (status, revoked_at, reason) = match &single.cert_status {
        CertStatus::Good(_) => (OcspStatus::Good, None, None),
        CertStatus::Revoked(info) => (
            OcspStatus::Revoked,
            Some(to_timestamp(info.revocation_time)),
            info.revocation_reason.map(|r| format!("{r:?}")),
        ),
        CertStatus::Unknown(_) => {
            return Err(because(format!(
                "\"{responder}\" answered unknown: it does not know the certificate"
            )));
        }
    };
    Ok(OcspEvidence {
        certificate: cert.subject(),
        serial: name::hex_upper(cert.cert.tbs_certificate().serial_number().as_bytes()),
        responder,
        produced_at,
        this_update,
        next_update,
        status,
        revoked_at,
        reason,
    })
}

fn current(
    this_update: Timestamp,
    next_update: Option<Timestamp>,
    now: Timestamp,
) -> Result<(), String> {
    if this_update > now.saturating_add(OCSP_SKEW).unwrap_or(now) {
        return Err(format!("thisUpdate {this_update} is in the future"));
    }
    match next_update {
        Some(next) if next < now => Err(format!("stale: nextUpdate {next} is before {now}")),
        None if this_update
            .saturating_add(OCSP_MAX_AGE)
            .unwrap_or(this_update)
            < now =>
        {
            Err(format!(
                "no nextUpdate and thisUpdate {this_update} is older than {OCSP_MAX_AGE:#}"
            ))
        }
        _ => Ok(()),
    }
}

fn to_timestamp(time: der::asn1::GeneralizedTime) -> Timestamp {
    let secs = i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    Timestamp::from_second(secs).unwrap_or(Timestamp::MAX)
}

/// Why an OCSP response does not decide a certificate's status, or the inputs are unreadable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OcspUnusable(pub String);

fn certs(certificate: &[u8], issuer: &[u8]) -> Result<(Cert, Cert), OcspUnusable> {
    let read = |what: &str, der: &[u8]| {
        Certificate::from_der(der)
            .and_then(Cert::new)
            .map_err(|e| OcspUnusable(format!("the {what} certificate cannot be read: {e}")))
    };
    Ok((read("checked", certificate)?, read("issuer", issuer)?))
}

/// Whether a DER OCSP response decides the status of `certificate` (DER) issued by `issuer`
/// (DER) at `now`: the same judgement `verify_cms` makes, for adapters that want to know if a
/// fetched response is worth handing in (and until when to cache it).
pub fn check_ocsp_response(
    response: &[u8],
    certificate: &[u8],
    issuer: &[u8],
    now: Timestamp,
) -> Result<OcspEvidence, OcspUnusable> {
    let (cert, issuer) = certs(certificate, issuer)?;
    evaluate(response, &cert, &issuer, now).map_err(|u| match u {
        Unusable::NotForIt => OcspUnusable("the response does not name the certificate".into()),
        Unusable::Because(why) => OcspUnusable(why),
    })
}

/// A DER OCSPRequest (unsigned, one certificate, SHA-1 CertID as NCA RK's responder expects)
/// for `certificate` issued by `issuer`, with a nonce extension when `nonce` is given.
pub fn ocsp_request(
    certificate: &[u8],
    issuer: &[u8],
    nonce: Option<&[u8]>,
) -> Result<Vec<u8>, OcspUnusable> {
    let (cert, issuer) = certs(certificate, issuer)?;
    cert_id::request(IdHash::Sha1, &cert, &issuer, nonce)
        .map_err(|e| OcspUnusable(format!("the request cannot be encoded: {e}")))
}
