//! The `SignatureVerifier` port on our own verifier (`kandas-pki`): the revocation status of the
//! signer's path is fetched first — OCSP where the certificates name a responder, CRLs for what
//! OCSP did not decide, both cached, failing closed when neither answers — then the CMS is judged
//! at the clock's time against the configured NCA RK anchors.

use std::sync::Arc;

use async_trait::async_trait;
use kandas_app::ports::Clock;
use kandas_app::ports::signature::{
    KeyPurpose, SignatureCheck, SignatureVerdict, SignatureVerifier, VerifierError,
};
use kandas_domain::codes::EdsError;
use kandas_domain::iin::Iin;
use kandas_pki::{Purpose, Reason, TrustStore, ValidationReport, Verdict};

use crate::ncanode::{ExternalVerification, NcaNodeVerifier};
use crate::ocsp::{OcspFetcher, revocation_for_path};
use crate::revocation::CrlFetcher;

/// Verifies NCALayer's CMS with `kandas-pki`.
pub struct PkiVerifier {
    trust: Arc<TrustStore>,
    crls: CrlFetcher,
    ocsp: OcspFetcher,
    clock: Arc<dyn Clock>,
    external: Option<NcaNodeVerifier>,
}

impl PkiVerifier {
    /// A verifier trusting `trust`'s anchors, asking `ocsp` and then `crls` for revocation.
    pub fn new(
        trust: Arc<TrustStore>,
        crls: CrlFetcher,
        ocsp: OcspFetcher,
        clock: Arc<dyn Clock>,
    ) -> PkiVerifier {
        PkiVerifier {
            trust,
            crls,
            ocsp,
            clock,
            external: None,
        }
    }

    /// Hands signatures our verifier cannot judge (GOST keys) to an external verification
    /// service with NCANode's contract.
    pub fn with_external(mut self, external: NcaNodeVerifier) -> PkiVerifier {
        self.external = Some(external);
        self
    }
}

/// The port's view of an external service's answer; its raw answer is the report.
fn external_check(answer: &ExternalVerification) -> SignatureCheck {
    let verdict = match answer.verdict {
        Verdict::Valid => SignatureVerdict::Valid,
        Verdict::Invalid => SignatureVerdict::Invalid,
        Verdict::Indeterminate => SignatureVerdict::Indeterminate,
    };
    let raw = answer
        .raw
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
        .unwrap_or(serde_json::Value::Null);
    let refused = (verdict != SignatureVerdict::Valid).then_some(EdsError::SignatureInvalid);
    SignatureCheck {
        verdict,
        reason: answer.reason.map(eds_error).or(refused),
        iin: answer.iin.as_deref().and_then(|i| Iin::parse(i).ok()),
        signer: None,
        certificate: None,
        report: serde_json::json!({
            "verifier": "external (NCANode /cms/verify)",
            "verdict": answer.verdict,
            "reason": answer.code(),
            "detail": answer.detail,
            "validated_at": answer.checked_at,
            "iin": answer.iin,
            "answer": raw,
        }),
    }
}

/// The port's reason for the verifier's: one arm per reason, so a reason added to the
/// verifier does not compile until the port has it too.
fn eds_error(reason: Reason) -> EdsError {
    match reason {
        Reason::Malformed => EdsError::Malformed,
        Reason::NoSigner => EdsError::NoSigner,
        Reason::MultipleSigners => EdsError::MultipleSigners,
        Reason::ContentMissing => EdsError::ContentMissing,
        Reason::SignedAttributesMissing => EdsError::SignedAttributesMissing,
        Reason::SigningTimeMissing => EdsError::SigningTimeMissing,
        Reason::SigningTimeInFuture => EdsError::SigningTimeInFuture,
        Reason::SigningTimeInPast => EdsError::SigningTimeInPast,
        Reason::DigestMismatch => EdsError::DigestMismatch,
        Reason::SignatureInvalid => EdsError::SignatureInvalid,
        Reason::UnsupportedAlgorithm => EdsError::UnsupportedAlgorithm,
        Reason::GostUnsupported => EdsError::GostUnsupported,
        Reason::UntrustedRoot => EdsError::UntrustedRoot,
        Reason::PathInvalid => EdsError::PathInvalid,
        Reason::Expired => EdsError::Expired,
        Reason::NotYetValid => EdsError::NotYetValid,
        Reason::WrongKeyUsage => EdsError::WrongKeyUsage,
        Reason::Revoked => EdsError::Revoked,
        Reason::RevocationUnavailable => EdsError::RevocationUnavailable,
        Reason::IinMismatch => EdsError::IinMismatch,
        Reason::TimestampInvalid => EdsError::TimestampInvalid,
    }
}

fn purpose(p: KeyPurpose) -> Purpose {
    match p {
        KeyPurpose::SignDocument => Purpose::SignDocument,
        KeyPurpose::Authenticate => Purpose::Authenticate,
    }
}

/// The port's view of a report.
pub fn check_of(report: &ValidationReport) -> Result<SignatureCheck, VerifierError> {
    let verdict = match report.verdict {
        Verdict::Valid => SignatureVerdict::Valid,
        Verdict::Invalid => SignatureVerdict::Invalid,
        Verdict::Indeterminate => SignatureVerdict::Indeterminate,
    };
    let json = serde_json::to_value(report).map_err(|e| VerifierError(e.to_string()))?;
    Ok(SignatureCheck {
        verdict,
        reason: report.reason.map(eds_error),
        iin: report.iin.as_deref().and_then(|i| Iin::parse(i).ok()),
        signer: report.signer.as_ref().map(|s| s.subject.clone()),
        certificate: report.signer_der.clone(),
        report: json,
    })
}

#[async_trait]
impl SignatureVerifier for PkiVerifier {
    async fn verify(
        &self,
        cms: &[u8],
        content: &[u8],
        key: KeyPurpose,
        expected_iin: Option<&Iin>,
    ) -> Result<SignatureCheck, VerifierError> {
        let mut path = kandas_pki::certificates_in(cms);
        path.extend(self.trust.intermediates_der());
        let revocation = revocation_for_path(&self.crls, &self.ocsp, &path).await;
        let report = kandas_pki::verify_cms(
            cms,
            Some(content),
            purpose(key),
            expected_iin.map(Iin::as_str),
            &self.trust,
            &revocation,
            self.clock.now(),
        );
        match &self.external {
            Some(external) if report.reason == Some(Reason::GostUnsupported) => {
                let iin = expected_iin.map(Iin::as_str);
                let answer = external.verify(cms, Some(content), purpose(key), iin).await;
                Ok(external_check(&answer))
            }
            _ => check_of(&report),
        }
    }
}

/// The verifier when no NCA RK trust anchors are configured: nothing can be verified, so every
/// signature is "cannot be checked now" (signing by SMS still works).
#[derive(Debug, Clone, Copy, Default)]
pub struct UnconfiguredVerifier;

#[async_trait]
impl SignatureVerifier for UnconfiguredVerifier {
    async fn verify(
        &self,
        _cms: &[u8],
        _content: &[u8],
        _key: KeyPurpose,
        _expected_iin: Option<&Iin>,
    ) -> Result<SignatureCheck, VerifierError> {
        Ok(SignatureCheck {
            verdict: SignatureVerdict::Indeterminate,
            reason: Some(EdsError::Unavailable),
            iin: None,
            signer: None,
            certificate: None,
            report: serde_json::json!({ "verdict": "INDETERMINATE", "reason": "eds.unavailable",
                "detail": "no NCA RK trust anchors are configured" }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verifier_reason_keeps_its_code_at_the_port() {
        for reason in Reason::ALL {
            assert_eq!(eds_error(*reason).code(), reason.code());
        }
    }
}
