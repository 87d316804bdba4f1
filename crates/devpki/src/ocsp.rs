//! The development OCSP responder (RFC 6960), as the dev server answers `POST /dev/pki/ocsp`:
//! for each CertID of a request, `good` for a certificate the intermediate issued, `revoked` for
//! one its CRL lists (with the CRL's revocation time), `unknown` for anything else; thisUpdate =
//! producedAt = now, nextUpdate = now + [`OCSP_VALIDITY`]; a request's nonce is echoed. Signed
//! SHA-256/RSA by the delegated responder, its certificate included (by the intermediate itself
//! in a PKI saved before the responder existed). A request that cannot be read is answered
//! `malformedRequest`.

use std::time::Duration;

use der::asn1::{Any, BitString, GeneralizedTime, Null, OctetString};
use der::{Decode, Encode};
use jiff::{SignedDuration, Timestamp};
use rsa::signature::{SignatureEncoding, Signer};
use spki::DynSignatureAlgorithmIdentifier;
use x509_cert::crl::CertificateList;
use x509_cert::ext::Extension;

use crate::{DevPki, DevPkiError, KeyCert};
use kandas_pki::wire::ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspRequest, OcspResponse, ResponderId, ResponseBytes,
    ResponseData, ResponseStatus, RevokedInfo, SingleResponse,
};
use kandas_pki::wire::{self, Cert, IdHash};

/// How long an answer is current: nextUpdate = thisUpdate + one hour.
pub const OCSP_VALIDITY: SignedDuration = SignedDuration::from_hours(1);

impl DevPki {
    /// The DER OCSPResponse to a DER OCSPRequest at `now`; see the module documentation.
    /// An error only when the answer cannot be made (a malformed request is an answer).
    pub fn ocsp_response(
        &self,
        request_der: &[u8],
        now: Timestamp,
    ) -> Result<Vec<u8>, DevPkiError> {
        let request = match OcspRequest::from_der(request_der) {
            Ok(r) if !r.tbs_request.request_list.is_empty() => r,
            _ => return unsigned(ResponseStatus::MalformedRequest),
        };
        let this_update = generalized(now)?;
        let next_update = generalized(
            now.checked_add(OCSP_VALIDITY)
                .map_err(|_| DevPkiError::Time(now))?,
        )?;
        let issued = self.issued()?;
        let revoked = self.crl_revocations()?;
        let mut responses = Vec::with_capacity(request.tbs_request.request_list.len());
        for one in &request.tbs_request.request_list {
            let id = &one.req_cert;
            responses.push(SingleResponse {
                cert_id: id.clone(),
                cert_status: self.status(id, &issued, &revoked)?,
                this_update,
                next_update: Some(next_update),
                single_extensions: None,
            });
        }
        let nonce: Option<Vec<Extension>> = request
            .tbs_request
            .request_extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == wire::OCSP_NONCE)
            .map(|e| {
                vec![Extension {
                    critical: false,
                    ..e.clone()
                }]
            });
        let signer = self.ocsp.as_ref().unwrap_or(&self.intermediate);
        let responder = Cert::new(signer.cert.clone())?;
        let data = ResponseData {
            version: None,
            responder_id: ResponderId::ByKey(OctetString::new(wire::key_hash(
                IdHash::Sha1,
                &responder,
            ))?),
            produced_at: this_update,
            responses,
            response_extensions: nonce,
        };
        sign(signer, self.ocsp.is_some(), &data)
    }

    /// The certificates the intermediate issued, with the intermediate, as the verifier reads them.
    fn issued(&self) -> Result<(Vec<Cert>, Cert), DevPkiError> {
        let mut certs = Vec::with_capacity(2 * self.people.len() + 3);
        let all = self
            .people
            .iter()
            .flat_map(|p| [&p.auth, &p.sign])
            .chain([&self.revoked, &self.expired])
            .chain(self.ocsp.as_ref());
        for kc in all {
            certs.push(Cert::new(kc.cert.clone())?);
        }
        Ok((certs, Cert::new(self.intermediate.cert.clone())?))
    }

    /// The serials the intermediate's CRL lists, with their revocation times.
    fn crl_revocations(&self) -> Result<Vec<(Vec<u8>, Duration)>, DevPkiError> {
        let crl: CertificateList = CertificateList::from_der(&self.intermediate_crl)?;
        Ok(crl
            .tbs_cert_list
            .revoked_certificates
            .iter()
            .flatten()
            .map(|r| {
                let at = r.revocation_date.to_unix_duration();
                (r.serial_number.as_bytes().to_vec(), at)
            })
            .collect())
    }

    fn status(
        &self,
        id: &CertId,
        (issued, issuer): &(Vec<Cert>, Cert),
        revoked: &[(Vec<u8>, Duration)],
    ) -> Result<CertStatus, DevPkiError> {
        if !issued.iter().any(|c| wire::matches(id, c, issuer)) {
            return Ok(CertStatus::Unknown(Null));
        }
        let serial = id.serial_number.as_bytes();
        Ok(match revoked.iter().find(|(s, _)| s == serial) {
            Some((_, at)) => CertStatus::Revoked(RevokedInfo {
                revocation_time: GeneralizedTime::from_unix_duration(*at)?,
                revocation_reason: None,
            }),
            None => CertStatus::Good(Null),
        })
    }
}

/// A successful basic response over `data`, signed by `signer` (its certificate included when
/// it is the delegated responder).
fn sign(signer: &KeyCert, include: bool, data: &ResponseData) -> Result<Vec<u8>, DevPkiError> {
    let key = signer.signing_key();
    let algorithm = key
        .signature_algorithm_identifier()
        .map_err(|e| DevPkiError::Build(x509_cert::builder::Error::PublicKey(e)))?;
    let tbs = data.to_der()?;
    let signature = key.try_sign(&tbs)?;
    let basic = BasicOcspResponse {
        tbs_response_data: Any::from_der(&tbs)?,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature.to_vec())?,
        certs: include.then(|| vec![signer.cert.clone()]),
    };
    OcspResponse {
        status: ResponseStatus::Successful,
        bytes: Some(ResponseBytes {
            response_type: wire::OCSP_BASIC,
            response: OctetString::new(basic.to_der()?)?,
        }),
    }
    .to_der()
    .map_err(DevPkiError::from)
}

/// An OCSPResponse of a status without responseBytes.
fn unsigned(status: ResponseStatus) -> Result<Vec<u8>, DevPkiError> {
    Ok(OcspResponse {
        status,
        bytes: None,
    }
    .to_der()?)
}

fn generalized(at: Timestamp) -> Result<GeneralizedTime, DevPkiError> {
    let secs = u64::try_from(at.as_second()).map_err(|_| DevPkiError::Time(at))?;
    Ok(GeneralizedTime::from_unix_duration(Duration::from_secs(
        secs,
    ))?)
}
