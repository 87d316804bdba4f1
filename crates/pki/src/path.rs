//! Certification path building and validation (RFC 5280 §6) for our bounded case: a short chain
//! from the signer through intermediates (carried in the CMS or configured) to a configured anchor.
//! Checked: name chaining, each signature by its issuer's key, validity of every certificate at the
//! signing time, basicConstraints cA and pathLenConstraint, keyUsage keyCertSign, and that no
//! certificate carries a critical extension we do not understand. Policies and name constraints
//! are not processed (a critical name constraint is refused as not understood).

use der::Encode;
use jiff::Timestamp;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};

use crate::algorithm::{self, SigError};
use crate::oid;
use crate::report::{Failure, Reason};
use crate::trust::{Cert, TrustStore};

/// Longest path accepted, anchor included. NCA RK's is three.
const MAX_DEPTH: usize = 6;

/// A validated path: `chain[0]` is the signer, the last element is the anchor.
pub(crate) struct Path<'a> {
    pub(crate) chain: Vec<&'a Cert>,
}

impl Path<'_> {
    pub(crate) fn anchor(&self) -> Option<&Cert> {
        self.chain.last().copied()
    }
}

/// Whether `issuer`'s key verifies `child`'s signature.
pub(crate) fn signed_by(child: &Cert, issuer: &Cert) -> Result<(), SigError> {
    let scheme = algorithm::scheme_of(child.cert.signature_algorithm())?;
    let spki = issuer.cert.tbs_certificate().subject_public_key_info();
    let sig = child
        .cert
        .signature()
        .as_bytes()
        .ok_or_else(|| SigError::Invalid("unaligned signature".into()))?;
    algorithm::verify(spki, scheme, &child.tbs_der, sig)
}

/// Builds the path from `signer` to an anchor: at each step the first candidate whose subject is
/// the current issuer and whose key verifies the current certificate (no backtracking is needed
/// for a hierarchy as flat as NCA RK's).
pub(crate) fn build<'a>(
    signer: &'a Cert,
    extra: &'a [Cert],
    trust: &'a TrustStore,
) -> Result<Path<'a>, Failure> {
    let mut chain = vec![signer];
    while let Some(current) = chain.last().copied() {
        if let Some(anchor) = trust
            .anchors
            .iter()
            .find(|a| a.subject_der == current.issuer_der && signed_by(current, a).is_ok())
        {
            chain.push(anchor);
            return Ok(Path { chain });
        }
        if chain.len() >= MAX_DEPTH {
            break;
        }
        let next = extra.iter().chain(&trust.intermediates).find(|c| {
            c.subject_der == current.issuer_der
                && !chain.iter().any(|p| p.tbs_der == c.tbs_der)
                && signed_by(current, c).is_ok()
        });
        match next {
            Some(c) => chain.push(c),
            None => break,
        }
    }
    Err(Failure::new(
        Reason::UntrustedRoot,
        format!(
            "no path from \"{}\" to a configured trust anchor",
            signer.subject()
        ),
    ))
}

/// Validity of every certificate on the path at the signing time.
pub(crate) fn check_validity(path: &Path<'_>, at: Timestamp) -> Result<(), Failure> {
    for c in &path.chain {
        if at < c.not_before() {
            return Err(Failure::new(
                Reason::NotYetValid,
                format!(
                    "\"{}\" is valid from {}, judged at {at}",
                    c.subject(),
                    c.not_before()
                ),
            ));
        }
        if at > c.not_after() {
            return Err(Failure::new(
                Reason::Expired,
                format!(
                    "\"{}\" expired at {}, judged at {at}",
                    c.subject(),
                    c.not_after()
                ),
            ));
        }
    }
    Ok(())
}

/// CA constraints on every issuer and critical extensions on every certificate.
pub(crate) fn check_constraints(path: &Path<'_>) -> Result<(), Failure> {
    let invalid = |c: &Cert, what: &str| {
        Failure::new(Reason::PathInvalid, format!("\"{}\": {what}", c.subject()))
    };
    for (depth, c) in path.chain.iter().enumerate() {
        let tbs = c.cert.tbs_certificate();
        for ext in tbs.extensions().map(|e| e.as_slice()).unwrap_or_default() {
            if ext.critical && !oid::UNDERSTOOD_EXTENSIONS.contains(&ext.extn_id) {
                return Err(invalid(
                    c,
                    &format!("unknown critical extension {}", ext.extn_id),
                ));
            }
        }
        if depth == 0 {
            continue;
        }
        let bc = tbs
            .get_extension::<BasicConstraints>()
            .map_err(|e| invalid(c, &format!("basicConstraints: {e}")))?;
        let is_anchor = depth == path.chain.len() - 1;
        match bc {
            Some((_, bc)) if bc.ca => {
                // Intermediates between this issuer and the signer: depth - 1.
                if let Some(max) = bc.path_len_constraint
                    && depth - 1 > usize::from(max)
                {
                    return Err(invalid(c, &format!("pathLenConstraint {max} exceeded")));
                }
            }
            None if is_anchor => {}
            _ => {
                return Err(invalid(
                    c,
                    "issues certificates but is not a CA (basicConstraints cA)",
                ));
            }
        }
        match tbs.get_extension::<KeyUsage>() {
            Ok(Some((_, ku))) if !ku.key_cert_sign() => {
                return Err(invalid(c, "keyUsage lacks keyCertSign"));
            }
            Ok(_) => {}
            Err(e) => return Err(invalid(c, &format!("keyUsage: {e}"))),
        }
    }
    Ok(())
}

/// The DER of a certificate's subject, for comparing with CRL issuers.
pub(crate) fn name_der(name: &x509_cert::name::Name) -> Vec<u8> {
    name.to_der().unwrap_or_default()
}
