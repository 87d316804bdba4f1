//! Composing OCSP with CRLs for one verification: OCSP first for each certificate of the path,
//! CRLs for whatever OCSP did not decide, so one unreachable source does not fail a signature
//! the other can vouch for, and both unreachable fails closed.

use der::Decode;
use kandas_pki::Revocation;
use x509_cert::Certificate;

use super::{OcspFetcher, certificate};
use crate::revocation::CrlFetcher;

/// Revocation data for the signer's path among `certificates` (DER, any order, supersets such
/// as the CMS's certificates plus every configured intermediate are fine): an OCSP answer for
/// each certificate of the path whose issuer is among them, and CRLs (from `crls`, which fails
/// closed for what it cannot fetch) for every certificate OCSP did not decide.
pub async fn revocation_for_path(
    crls: &CrlFetcher,
    ocsp: &OcspFetcher,
    certificates: &[impl AsRef<[u8]>],
) -> Revocation {
    let mut readable = Vec::new();
    let mut uncovered: Vec<Vec<u8>> = Vec::new();
    for der in certificates {
        match Certificate::from_der(der.as_ref()) {
            Ok(c) => readable.push((der.as_ref(), c)),
            // The CRL fetcher names an unreadable certificate and fails closed.
            Err(_) => uncovered.push(der.as_ref().to_vec()),
        }
    }
    let parsed: Vec<Certificate> = readable.iter().map(|(_, c)| c.clone()).collect();
    let mut responses = Vec::new();
    for (index, issuer) in certificate::pairs(&parsed) {
        let (Some((der, _)), issuer) = (readable.get(index), issuer.and_then(|i| readable.get(i)))
        else {
            continue;
        };
        let answer = match issuer {
            Some((issuer_der, _)) => ocsp.response_for(der, issuer_der).await,
            None => Err("its issuer is not among the certificates".into()),
        };
        match answer {
            Ok(response) => responses.push(response),
            Err(why) => {
                tracing::info!(error = %why, "no OCSP answer; the certificate needs a CRL");
                uncovered.push(der.to_vec());
            }
        }
    }
    let revocation = if uncovered.is_empty() {
        Revocation::new()
    } else {
        crls.revocation_for(&uncovered).await
    };
    responses.into_iter().fold(revocation, |r, response| {
        r.with_ocsp_response(response.to_vec())
    })
}
