//! The test PKI of `kandas-pki` (`crates/pki/tests/corpus`) and a certificate of our own with
//! CRL distribution points (`fixtures/cdp-leaf.der`, issued by the corpus intermediate:
//! `openssl x509 -req … -extfile` with `crlDistributionPoints` = two fullNames, one with
//! http://crl.test.kandas.kz/inter.crl and an ldap:// URI, one with an https:// URI and
//! HTTP://Mirror.test.kandas.kz/inter.crl).

use jiff::{SignedDuration, Timestamp};
use kandas_pki::{Purpose, Revocation, TrustStore, ValidationReport, verify_cms};

pub fn read(path: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../pki/tests/corpus/");
    std::fs::read(format!("{dir}{path}")).unwrap()
}

pub fn fixture(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/fixtures/");
    std::fs::read(format!("{dir}{name}")).unwrap()
}

/// A few minutes after the corpus was made: its signatures are fresh and its CRLs current.
pub fn now() -> Timestamp {
    let made: Timestamp = String::from_utf8(read("made-at.txt"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    made.checked_add(SignedDuration::from_mins(10)).unwrap()
}

/// The path of the signer of `rsa-detached.p7s`, signer first.
pub fn good_path() -> Vec<Vec<u8>> {
    vec![
        read("pki/sign-900101300811.der"),
        read("pki/inter.der"),
        read("pki/root.der"),
    ]
}

/// `kandas_pki`'s verdict on the detached RSA signature of the document with `revocation`.
pub fn verify_with(revocation: &Revocation, now: Timestamp) -> ValidationReport {
    let root = read("pki/root.der");
    let inter = read("pki/inter.der");
    let trust = TrustStore::from_pem_or_der(&[&root], &[&inter]).unwrap();
    verify_cms(
        &read("cms/rsa-detached.p7s"),
        Some(&read("cms/document.txt")),
        Purpose::SignDocument,
        Some("900101300811"),
        &trust,
        revocation,
        now,
    )
}

/// The detail of the report's last (failing) check.
pub fn failure_detail(report: &ValidationReport) -> String {
    report.checks.last().unwrap().detail.clone()
}
