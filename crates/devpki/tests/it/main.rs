//! The development PKI (`kandas-devpki`): what it issues verifies as NCA RK's keys would — the
//! signing key for documents, the authentication key for sign-in, the revoked and expired keys
//! refused — it round-trips through files, and OpenSSL agrees with the CMS it makes (`files`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod files;
mod ocsp;
mod stamps;
mod time;

use std::sync::OnceLock;
use std::time::Instant;

use jiff::{SignedDuration, Timestamp};
use kandas_devpki::{
    DEFAULT_INTERMEDIATE_CRL_URL, DevPerson, DevPki, DevPkiError, DevPkiOptions, KeyCert,
};
use kandas_pki::{Purpose, ValidationReport, Verdict, verify_cms};

const ERLAN: &str = "900101300811";
const SAULE: &str = "931002451325";
const DOCUMENT: &[u8] = "Өтініш: қандас мәртебесін беру.\n".as_bytes();
const NONCE: &[u8] = b"nonce-5e1d0c2b9a874f36";

fn now() -> Timestamp {
    "2026-03-01T09:00:00Z".parse().unwrap()
}

/// A minute after signing, when the verifier looks.
fn later() -> Timestamp {
    now() + SignedDuration::from_mins(1)
}

fn people() -> Vec<DevPerson> {
    vec![
        DevPerson {
            iin: ERLAN.into(),
            surname: "Серікбаев".into(),
            given: "Ерлан".into(),
        },
        DevPerson {
            iin: SAULE.into(),
            surname: "Бағдатқызы".into(),
            given: "Сәуле".into(),
        },
    ]
}

/// Generated once per test binary: RSA key generation is the slow part.
fn pki() -> &'static DevPki {
    static PKI: OnceLock<DevPki> = OnceLock::new();
    PKI.get_or_init(|| {
        let started = Instant::now();
        let pki = DevPki::generate(now(), &people()).unwrap();
        println!(
            "dev PKI (8 RSA-2048 keys) generated in {:?}",
            started.elapsed()
        );
        pki
    })
}

fn verify(
    pki: &DevPki,
    cms: &[u8],
    detached: Option<&[u8]>,
    purpose: Purpose,
    iin: Option<&str>,
) -> ValidationReport {
    let trust = pki.trust_store().unwrap();
    verify_cms(
        cms,
        detached,
        purpose,
        iin,
        &trust,
        &pki.revocation(),
        later(),
    )
}

fn sign(key: &KeyCert, content: &[u8], detached: bool) -> Vec<u8> {
    pki().sign_cms(key, content, now(), detached).unwrap()
}

/// Whether a certificate's DER holds an ASCII string (a CRL URL is an IA5String).
fn holds(der: &[u8], text: &str) -> bool {
    der.windows(text.len()).any(|w| w == text.as_bytes())
}

fn assert_valid(report: &ValidationReport) {
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
}

fn assert_code(report: &ValidationReport, verdict: Verdict, code: &str) {
    assert_eq!(report.verdict, verdict, "{report:#?}");
    assert_eq!(report.code(), Some(code), "{report:#?}");
}

#[test]
fn the_signing_key_signs_documents_attached_and_detached() {
    let erlan = pki().person(ERLAN).unwrap();
    let attached = sign(&erlan.sign, DOCUMENT, false);
    assert_valid(&verify(
        pki(),
        &attached,
        None,
        Purpose::SignDocument,
        Some(ERLAN),
    ));
    let detached = sign(&erlan.sign, DOCUMENT, true);
    assert_valid(&verify(
        pki(),
        &detached,
        Some(DOCUMENT),
        Purpose::SignDocument,
        Some(ERLAN),
    ));
    assert_code(
        &verify(pki(), &detached, None, Purpose::SignDocument, Some(ERLAN)),
        Verdict::Invalid,
        "eds.content-missing",
    );
    assert_code(
        &verify(pki(), &attached, None, Purpose::SignDocument, Some(SAULE)),
        Verdict::Invalid,
        "eds.iin-mismatch",
    );
    let saule = pki().person(SAULE).unwrap();
    let hers = sign(&saule.sign, DOCUMENT, false);
    assert_valid(&verify(
        pki(),
        &hers,
        None,
        Purpose::SignDocument,
        Some(SAULE),
    ));
}

#[test]
fn names_read_like_nca_rk_and_the_cas_say_dev() {
    let erlan = pki().person(ERLAN).unwrap();
    let subject =
        "CN=СЕРІКБАЕВ ЕРЛАН, SURNAME=СЕРІКБАЕВ, SERIALNUMBER=IIN900101300811, C=KZ, G=ЕРЛАН";
    assert_eq!(erlan.sign.subject(), subject);
    assert_eq!(erlan.auth.subject(), subject);
    assert_eq!(erlan.sign.iin().as_deref(), Some(ERLAN));
    assert!(pki().root().subject().contains("DEV"));
    assert!(pki().intermediate().subject().contains("DEV"));
    assert_ne!(erlan.sign.serial_hex(), erlan.auth.serial_hex());
    let report = verify(
        pki(),
        &sign(&erlan.sign, DOCUMENT, false),
        None,
        Purpose::SignDocument,
        None,
    );
    assert_eq!(report.signer.as_ref().unwrap().subject, subject);
}

#[test]
fn the_authentication_key_signs_in_but_not_documents() {
    let erlan = pki().person(ERLAN).unwrap();
    let nonce = sign(&erlan.auth, NONCE, false);
    assert_valid(&verify(
        pki(),
        &nonce,
        None,
        Purpose::Authenticate,
        Some(ERLAN),
    ));
    let document = sign(&erlan.auth, DOCUMENT, false);
    assert_code(
        &verify(pki(), &document, None, Purpose::SignDocument, Some(ERLAN)),
        Verdict::Invalid,
        "eds.wrong-key-usage",
    );
    let by_signing_key = sign(&erlan.sign, NONCE, false);
    assert_code(
        &verify(
            pki(),
            &by_signing_key,
            None,
            Purpose::Authenticate,
            Some(ERLAN),
        ),
        Verdict::Invalid,
        "eds.wrong-key-usage",
    );
}

#[test]
fn the_revoked_and_the_expired_keys_are_refused() {
    assert_eq!(pki().revoked().iin().as_deref(), Some(ERLAN));
    let revoked = sign(pki().revoked(), DOCUMENT, false);
    assert_code(
        &verify(pki(), &revoked, None, Purpose::SignDocument, Some(ERLAN)),
        Verdict::Invalid,
        "eds.revoked",
    );
    let expired = sign(pki().expired(), DOCUMENT, false);
    assert_code(
        &verify(pki(), &expired, None, Purpose::SignDocument, Some(ERLAN)),
        Verdict::Invalid,
        "eds.expired",
    );
}

#[test]
fn another_dev_pki_is_not_trusted_and_crl_urls_are_configurable() {
    let options = DevPkiOptions {
        intermediate_crl_url: "http://127.0.0.1:9999/other/inter.crl".into(),
        root_crl_url: "http://127.0.0.1:9999/other/root.crl".into(),
        ocsp_url: "http://127.0.0.1:9999/other/ocsp".into(),
    };
    let other = DevPki::generate_with(now(), &people()[1..], options).unwrap();
    let saule = &other.person(SAULE).unwrap().sign;
    assert!(holds(
        saule.certificate_der(),
        "http://127.0.0.1:9999/other/inter.crl"
    ));
    assert!(holds(
        saule.certificate_der(),
        "http://127.0.0.1:9999/other/ocsp"
    ));
    let inter = other.intermediate().certificate_der();
    assert!(holds(inter, "http://127.0.0.1:9999/other/root.crl"));
    let default = pki().person(ERLAN).unwrap().auth.certificate_der();
    assert!(holds(default, DEFAULT_INTERMEDIATE_CRL_URL));
    let cms = other
        .sign_cms(&other.person(SAULE).unwrap().sign, DOCUMENT, now(), false)
        .unwrap();
    assert_valid(&verify(
        &other,
        &cms,
        None,
        Purpose::SignDocument,
        Some(SAULE),
    ));
    assert_code(
        &verify(pki(), &cms, None, Purpose::SignDocument, Some(SAULE)),
        Verdict::Invalid,
        "eds.untrusted-root",
    );
}

#[test]
fn crls_are_current_for_thirty_days_and_can_be_reissued() {
    let erlan = pki().person(ERLAN).unwrap();
    let trust = pki().trust_store().unwrap();
    // Each signature is made when it is verified: signingTime must be near the time of receipt.
    let at = |pki: &DevPki, key: &KeyCert, t: Timestamp| {
        let cms = pki.sign_cms(key, DOCUMENT, t, false).unwrap();
        verify_cms(
            &cms,
            None,
            Purpose::SignDocument,
            None,
            &trust,
            &pki.revocation(),
            t,
        )
    };
    let day = SignedDuration::from_hours(24);
    assert_valid(&at(pki(), &erlan.sign, now() + day * 30));
    let stale = now() + day * 30 + SignedDuration::from_secs(1);
    assert_code(
        &at(pki(), &erlan.sign, stale),
        Verdict::Indeterminate,
        "eds.revocation-unavailable",
    );
    let mut fresh = pki().clone();
    fresh.reissue_crls(now() + day * 29).unwrap();
    assert_valid(&at(&fresh, &erlan.sign, stale));
    let report = at(&fresh, fresh.revoked(), stale);
    assert_code(&report, Verdict::Invalid, "eds.revoked");
}

#[test]
fn bad_input_is_refused_before_any_key_is_made() {
    assert!(matches!(
        DevPki::generate(now(), &[]),
        Err(DevPkiError::NoPeople)
    ));
    let mut bad = people();
    bad[1].iin = "93100245132X".into();
    assert!(matches!(
        DevPki::generate(now(), &bad),
        Err(DevPkiError::BadIin(_))
    ));
}
