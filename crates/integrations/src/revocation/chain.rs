//! Which of the certificates handed in need a CRL. Callers pass what they have — the CMS's
//! certificates and every configured intermediate, in any order — and a CRL that cannot be had
//! for a certificate makes the whole verification fail closed, so only the certificates on the
//! signer's chain may count: the end-entity certificates and the CAs they chain to by name, up
//! to a self-issued one. The names are only a guide to which CRLs to fetch; building and
//! validating the path for real is the verifier's job.

use x509_cert::Certificate;
use x509_cert::ext::pkix::BasicConstraints;

use super::certificate::{issuer_der, subject_der};

/// Indices of the certificates needing a CRL, end entities first. Without an end-entity
/// certificate among them, every certificate that is not self-issued counts.
pub(super) fn needing_crls(certificates: &[Certificate]) -> Vec<usize> {
    let names: Vec<(Vec<u8>, Vec<u8>)> = certificates
        .iter()
        .map(|c| {
            (
                subject_der(c).unwrap_or_default(),
                issuer_der(c).unwrap_or_default(),
            )
        })
        .collect();
    let self_issued = |i: usize| names[i].0 == names[i].1;
    let leaves: Vec<usize> = (0..certificates.len())
        .filter(|&i| !is_ca(&certificates[i]))
        .collect();
    if leaves.is_empty() {
        return (0..certificates.len())
            .filter(|&i| !self_issued(i))
            .collect();
    }
    let mut chosen = Vec::new();
    for leaf in leaves {
        let mut at = Some(leaf);
        // Bounded by the number of certificates, so a loop of names cannot spin.
        for _ in 0..certificates.len() {
            let Some(i) = at else { break };
            if self_issued(i) || chosen.contains(&i) {
                break;
            }
            chosen.push(i);
            at = (0..certificates.len()).find(|&j| j != i && names[j].0 == names[i].1);
        }
    }
    chosen
}

/// basicConstraints with cA set. An unreadable extension counts as not a CA, so the
/// certificate is treated as an end entity and its CRL is required (failing closed).
fn is_ca(certificate: &Certificate) -> bool {
    matches!(
        certificate
            .tbs_certificate()
            .get_extension::<BasicConstraints>(),
        Ok(Some((_, constraints))) if constraints.ca
    )
}
