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
use kandas_domain::iin::Iin;
use kandas_pki::{Purpose, TrustStore, ValidationReport, Verdict};

use crate::ocsp::{OcspFetcher, revocation_for_path};
use crate::revocation::CrlFetcher;

/// Verifies NCALayer's CMS with `kandas-pki`.
pub struct PkiVerifier {
    trust: Arc<TrustStore>,
    crls: CrlFetcher,
    ocsp: OcspFetcher,
    clock: Arc<dyn Clock>,
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
        }
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
        reason: report.code(),
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
        check_of(&report)
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
            reason: Some("eds.unavailable"),
            iin: None,
            signer: None,
            certificate: None,
            report: serde_json::json!({ "verdict": "INDETERMINATE", "reason": "eds.unavailable",
                "detail": "no NCA RK trust anchors are configured" }),
        })
    }
}
