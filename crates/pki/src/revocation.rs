//! Revocation input and the check. An adapter fetches CRLs and OCSP responses with timeouts and
//! caching and hands the bytes in; when it could not, it says so and the verification fails
//! closed. Each certificate needs a usable CRL or a deciding OCSP response (see `ocsp`); revoked
//! by either is revoked. A CRL is used for a certificate only when it is issued by that
//! certificate's issuer (same name, signature verified with the issuer's key, keyUsage cRLSign when
//! present), is current at `now` (thisUpdate ≤ now + skew < … ≤ nextUpdate) and carries no critical
//! extension we do not understand (so no delta or partitioned CRLs). A listed serial is revoked
//! whatever the revocation date: signingTime is the signer's own claim, not proof of time.

use jiff::{SignedDuration, Timestamp};
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::KeyUsage;

use crate::algorithm;
use crate::name;
use crate::ocsp;
use crate::oid;
use crate::path::name_der;
use crate::report::{CrlEvidence, Failure, OcspEvidence, OcspStatus, Reason};
use crate::trust::{Cert, to_timestamp};
use der::{Decode, Encode};

/// Revocation data collected by the adapter for one verification.
#[derive(Debug, Clone, Default)]
pub struct Revocation {
    crls: Vec<Vec<u8>>,
    ocsp_responses: Vec<Vec<u8>>,
    unavailable: Option<String>,
}

impl Revocation {
    /// No revocation data yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a CRL (DER) as fetched from a distribution point.
    pub fn with_crl(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.crls.push(der.into());
        self
    }

    /// Adds a DER OCSP response (RFC 6960). Used for the certificate it names when it is
    /// signed by the issuer or its delegated responder and current; others are ignored.
    pub fn with_ocsp_response(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.ocsp_responses.push(der.into());
        self
    }

    /// Records that revocation could not be checked (CRL and OCSP unreachable): the verdict is
    /// then at best `INDETERMINATE` with `eds.revocation-unavailable`.
    /// Said twice (CRL and OCSP adapters), both reasons are kept.
    pub fn unavailable(mut self, why: impl Into<String>) -> Self {
        let why = why.into();
        self.unavailable = Some(match self.unavailable.take() {
            Some(before) => format!("{before}; {why}"),
            None => why,
        });
        self
    }

    /// How many OCSP responses were handed in.
    pub fn ocsp_response_count(&self) -> usize {
        self.ocsp_responses.len()
    }

    /// How many CRLs were handed in.
    pub fn crl_count(&self) -> usize {
        self.crls.len()
    }

    /// Why revocation could not be checked, when an adapter said so.
    pub fn unavailable_reason(&self) -> Option<&str> {
        self.unavailable.as_deref()
    }
}

/// Clock skew tolerated on a CRL's thisUpdate.
const CRL_SKEW: SignedDuration = SignedDuration::from_mins(5);

/// Checks every certificate of the path but the anchor, recording in `evidence` and
/// `ocsp_evidence` each CRL and OCSP response that decided a certificate's status (the revoking
/// one included). A certificate needs a usable CRL or a deciding OCSP response; revoked by
/// either is revoked.
pub(crate) fn check(
    chain: &[&Cert],
    revocation: &Revocation,
    now: Timestamp,
    evidence: &mut Vec<CrlEvidence>,
    ocsp_evidence: &mut Vec<OcspEvidence>,
) -> Result<(), Failure> {
    if let Some(why) = &revocation.unavailable {
        return Err(Failure::new(
            Reason::RevocationUnavailable,
            format!("revocation could not be checked: {why}"),
        ));
    }
    let crls: Vec<CertificateList> = revocation
        .crls
        .iter()
        .filter_map(|d| CertificateList::from_der(d).ok())
        .collect();
    for pair in chain.windows(2) {
        let (cert, issuer) = (pair[0], pair[1]);
        let mut notes = Vec::new();
        let best = crls
            .iter()
            .filter(|crl| usable(crl, cert, issuer, now, &mut notes))
            .max_by_key(|crl| to_timestamp(crl.tbs_cert_list.this_update));
        let by_ocsp = ocsp::answer(&revocation.ocsp_responses, cert, issuer, now, &mut notes);
        if best.is_none() && by_ocsp.is_none() {
            let why = if notes.is_empty() {
                "no CRL from its issuer and no OCSP response".to_owned()
            } else {
                notes.join("; ")
            };
            return Err(Failure::new(
                Reason::RevocationUnavailable,
                format!(
                    "no usable CRL or OCSP response for \"{}\": {why}",
                    cert.subject()
                ),
            ));
        }
        let serial = cert.cert.tbs_certificate().serial_number();
        let listed = best.and_then(|crl| {
            let tbs = &crl.tbs_cert_list;
            let entry = tbs
                .revoked_certificates
                .iter()
                .flatten()
                .find(|r| &r.serial_number == serial);
            evidence.push(CrlEvidence {
                certificate: cert.subject(),
                issuer: name::render(&tbs.issuer),
                this_update: to_timestamp(tbs.this_update),
                next_update: tbs.next_update.map_or(Timestamp::MIN, to_timestamp),
                revoked: entry.is_some(),
            });
            entry.map(|e| to_timestamp(e.revocation_date))
        });
        let ocsp_revoked = by_ocsp
            .as_ref()
            .filter(|e| e.status == OcspStatus::Revoked)
            .map(|e| e.revoked_at.unwrap_or(Timestamp::MIN));
        ocsp_evidence.extend(by_ocsp);
        if let Some((at, source)) = listed
            .map(|at| (at, "CRL"))
            .or(ocsp_revoked.map(|at| (at, "OCSP")))
        {
            return Err(Failure::new(
                Reason::Revoked,
                format!(
                    "\"{}\" (serial {}) was revoked at {at} (per {source})",
                    cert.subject(),
                    name::hex_upper(serial.as_bytes()),
                ),
            ));
        }
    }
    Ok(())
}

/// Whether `crl` may decide `cert`'s status; why not is added to `notes`.
fn usable(
    crl: &CertificateList,
    cert: &Cert,
    issuer: &Cert,
    now: Timestamp,
    notes: &mut Vec<String>,
) -> bool {
    let tbs = &crl.tbs_cert_list;
    if name_der(&tbs.issuer) != cert.issuer_der {
        return false;
    }
    let mut reject = |why: String| {
        notes.push(why);
        false
    };
    if let Ok(Some((_, ku))) = issuer.cert.tbs_certificate().get_extension::<KeyUsage>()
        && !ku.crl_sign()
    {
        return reject("the issuer's keyUsage lacks cRLSign".into());
    }
    let signed = tbs
        .to_der()
        .ok()
        .zip(crl.signature.as_bytes())
        .is_some_and(|(tbs_der, sig)| {
            algorithm::scheme_of(&crl.signature_algorithm)
                .and_then(|scheme| {
                    algorithm::verify(
                        issuer.cert.tbs_certificate().subject_public_key_info(),
                        scheme,
                        &tbs_der,
                        sig,
                    )
                })
                .is_ok()
        });
    if !signed {
        return reject("a CRL's signature does not verify with the issuer's key".into());
    }
    let this_update = to_timestamp(tbs.this_update);
    let Some(next_update) = tbs.next_update.map(to_timestamp) else {
        return reject("a CRL has no nextUpdate".into());
    };
    if this_update > now.saturating_add(CRL_SKEW).unwrap_or(now) {
        return reject(format!("a CRL's thisUpdate {this_update} is in the future"));
    }
    if next_update < now {
        return reject(format!(
            "a CRL is stale: nextUpdate {next_update} is before {now}"
        ));
    }
    let critical_unknown = tbs
        .crl_extensions
        .iter()
        .flatten()
        .any(|e| e.critical && !oid::UNDERSTOOD_CRL_EXTENSIONS.contains(&e.extn_id))
        || tbs
            .revoked_certificates
            .iter()
            .flatten()
            .flat_map(|r| r.crl_entry_extensions.iter().flatten())
            .any(|e| e.critical);
    if critical_unknown {
        return reject("a CRL carries a critical extension we do not process".into());
    }
    true
}
