//! What the OCSP fetcher reads from certificates: the http responder URLs of the
//! authorityInfoAccess extension, names, serials, and which certificates of a path to ask for.

use der::Encode;
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, BasicConstraints};

/// id-ad-ocsp.
const AD_OCSP: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");

/// The http URLs of the id-ad-ocsp access descriptions, in the certificate's order (https and
/// other schemes skipped, as for CRLs).
pub(super) fn aia_urls(certificate: &Certificate) -> Result<Vec<String>, der::Error> {
    let Some((_, aia)) = certificate
        .tbs_certificate()
        .get_extension::<AuthorityInfoAccessSyntax>()?
    else {
        return Ok(Vec::new());
    };
    Ok(aia
        .0
        .iter()
        .filter(|d| d.access_method == AD_OCSP)
        .filter_map(|d| match &d.access_location {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.as_str()),
            _ => None,
        })
        .filter(|uri| {
            uri.get(..7)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
        })
        .map(str::to_owned)
        .collect())
}

/// The cache key of a certificate: its issuer's name and its serial.
pub(super) fn key(certificate: &Certificate) -> Vec<u8> {
    let tbs = certificate.tbs_certificate();
    let mut key = tbs.issuer().to_der().unwrap_or_default();
    key.extend_from_slice(tbs.serial_number().as_bytes());
    key
}

/// (certificate, issuer) index pairs to ask about: from each end-entity certificate up by
/// names to a self-issued one, each certificate once; without end entities, every certificate
/// that is not self-issued. `None` when the issuer is not among `certificates`.
pub(super) fn pairs(certificates: &[Certificate]) -> Vec<(usize, Option<usize>)> {
    let names: Vec<(Vec<u8>, Vec<u8>)> = certificates
        .iter()
        .map(|c| {
            let tbs = c.tbs_certificate();
            (
                tbs.subject().to_der().unwrap_or_default(),
                tbs.issuer().to_der().unwrap_or_default(),
            )
        })
        .collect();
    let self_issued = |i: usize| names[i].0 == names[i].1;
    let issuer_of =
        |i: usize| (0..certificates.len()).find(|&j| j != i && names[j].0 == names[i].1);
    let leaves: Vec<usize> = (0..certificates.len())
        .filter(|&i| !is_ca(&certificates[i]))
        .collect();
    let starts = if leaves.is_empty() {
        (0..certificates.len()).collect()
    } else {
        leaves
    };
    let mut chosen: Vec<(usize, Option<usize>)> = Vec::new();
    for start in starts {
        let mut at = Some(start);
        for _ in 0..certificates.len() {
            let Some(i) = at else { break };
            if self_issued(i) || chosen.iter().any(|(c, _)| *c == i) {
                break;
            }
            let issuer = issuer_of(i);
            chosen.push((i, issuer));
            at = issuer;
        }
    }
    chosen
}

fn is_ca(certificate: &Certificate) -> bool {
    matches!(
        certificate
            .tbs_certificate()
            .get_extension::<BasicConstraints>(),
        Ok(Some((_, constraints))) if constraints.ca
    )
}
