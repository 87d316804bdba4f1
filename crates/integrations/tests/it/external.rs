//! The EDS verifier hands a GOST signature, which it cannot judge itself, to the configured
//! external service, and keeps that service's answer as the report.

use std::sync::Arc;

use axum::http::StatusCode;
use kandas_app::ports::signature::{KeyPurpose, SignatureVerdict, SignatureVerifier};
use kandas_domain::iin::Iin;
use kandas_integrations::eds::PkiVerifier;
use kandas_integrations::{CrlConfig, CrlFetcher, OcspConfig, OcspFetcher};
use kandas_pki::TrustStore;

use crate::clock::TestClock;
use crate::corpus::{now, read};
use crate::ncanode::{IIN, Node, answer, start, verifier};

fn ours() -> PkiVerifier {
    let (root, inter) = (read("pki/root.der"), read("pki/inter.der"));
    let trust = TrustStore::from_pem_or_der(&[&root], &[&inter]).unwrap();
    let clock = Arc::new(TestClock::at(now()));
    let crls = CrlFetcher::http(&CrlConfig::default(), clock.clone()).unwrap();
    let ocsp = OcspFetcher::http(&OcspConfig::default(), clock.clone()).unwrap();
    PkiVerifier::new(Arc::new(trust), crls, ocsp, clock)
}

async fn check_gost(verifier: &PkiVerifier) -> kandas_app::ports::signature::SignatureCheck {
    let cms = read("cms/gost-2004.p7s");
    let iin = Iin::parse(IIN).unwrap();
    verifier
        .verify(&cms, b"document", KeyPurpose::SignDocument, Some(&iin))
        .await
        .unwrap()
}

#[tokio::test]
async fn without_an_external_service_gost_is_refused_with_a_reason() {
    let check = check_gost(&ours()).await;
    assert_eq!(check.verdict, SignatureVerdict::Indeterminate);
    assert_eq!(
        check.reason,
        Some(kandas_domain::codes::EdsError::GostUnsupported)
    );
}

#[tokio::test]
async fn with_one_the_service_decides_and_its_answer_is_kept() {
    let url = start(Node::answering(StatusCode::OK, answer(true, IIN, false))).await;
    let check = check_gost(&ours().with_external(verifier(url, 2000))).await;
    assert_eq!(check.verdict, SignatureVerdict::Valid, "{}", check.report);
    assert_eq!(check.iin.as_ref().map(Iin::as_str), Some(IIN));
    assert_eq!(check.report["verdict"], "TOTAL_PASSED");
    assert!(
        check.report["verifier"]
            .as_str()
            .unwrap()
            .contains("NCANode")
    );
    assert_eq!(check.report["answer"]["valid"], true);
}

#[tokio::test]
async fn a_revocation_the_service_reports_refuses_the_signature() {
    let url = start(Node::answering(StatusCode::OK, answer(false, IIN, true))).await;
    let check = check_gost(&ours().with_external(verifier(url, 2000))).await;
    assert_eq!(check.verdict, SignatureVerdict::Invalid);
    assert_eq!(check.reason, Some(kandas_domain::codes::EdsError::Revoked));
}

#[tokio::test]
async fn an_rsa_signature_never_goes_to_the_external_service() {
    let node = Node::answering(StatusCode::OK, answer(true, IIN, false));
    let url = start(node.clone()).await;
    let verifier = ours().with_external(verifier(url, 2000));
    let cms = read("cms/rsa-detached.p7s");
    let iin = Iin::parse(IIN).unwrap();
    let check = verifier
        .verify(&cms, b"x", KeyPurpose::SignDocument, Some(&iin))
        .await
        .unwrap();
    assert_ne!(
        check.verdict,
        SignatureVerdict::Valid,
        "judged by us, not by the fake"
    );
    assert!(
        node.received.lock().unwrap().is_empty(),
        "the external service was not asked"
    );
}
