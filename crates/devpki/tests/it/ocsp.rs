//! The development OCSP responder: `good` for a person's key, `revoked` (at the CRL's time) for
//! the revoked one, `unknown` for what the intermediate did not issue, `malformedRequest` for
//! garbage; `check_ocsp_response` accepts its answers, it survives `save`/`load`, and
//! `openssl ocsp` agrees with its statuses.

use std::path::Path;
use std::process::Command;

use jiff::SignedDuration;
use kandas_devpki::{DEFAULT_OCSP_URL, DevPki, KeyCert, OCSP_CN, OCSP_VALIDITY};
use kandas_pki::{OcspEvidence, OcspStatus, check_ocsp_response, ocsp_request};

use super::{ERLAN, holds, later, now, pki};

fn ask(pki: &DevPki, key: &KeyCert, issuer: &KeyCert, nonce: Option<&[u8]>) -> Vec<u8> {
    let request = ocsp_request(key.certificate_der(), issuer.certificate_der(), nonce).unwrap();
    pki.ocsp_response(&request, later()).unwrap()
}

fn check(response: &[u8], key: &KeyCert) -> Result<OcspEvidence, String> {
    let issuer = pki().intermediate().certificate_der();
    check_ocsp_response(response, key.certificate_der(), issuer, later()).map_err(|e| e.0)
}

#[test]
fn a_persons_key_is_good_and_the_revoked_key_revoked() {
    let erlan = &pki().person(ERLAN).unwrap().sign;
    assert!(holds(erlan.certificate_der(), DEFAULT_OCSP_URL));
    let good = check(&ask(pki(), erlan, pki().intermediate(), Some(b"n1")), erlan).unwrap();
    assert_eq!(good.status, OcspStatus::Good);
    assert!(good.responder.contains(OCSP_CN), "{good:?}");
    assert_eq!(good.this_update, later());
    assert_eq!(good.next_update, Some(later() + OCSP_VALIDITY));

    let revoked = pki().revoked();
    let answer = check(&ask(pki(), revoked, pki().intermediate(), None), revoked).unwrap();
    assert_eq!(answer.status, OcspStatus::Revoked);
    assert_eq!(answer.revoked_at, Some(now()), "the CRL's revocation time");

    let stale = later() + OCSP_VALIDITY + SignedDuration::from_secs(1);
    let response = ask(pki(), erlan, pki().intermediate(), None);
    let issuer = pki().intermediate().certificate_der();
    assert!(check_ocsp_response(&response, erlan.certificate_der(), issuer, stale).is_err());
}

#[test]
fn what_it_did_not_issue_is_unknown_and_garbage_malformed() {
    // A CertID the intermediate did not issue (the root's serial, as if the intermediate's).
    let root = pki().root();
    let why = check(&ask(pki(), root, pki().intermediate(), None), root).unwrap_err();
    assert!(why.contains("answered unknown"), "{why}");

    for garbage in [&b""[..], b"\x30\x00", b"not DER at all"] {
        let response = pki().ocsp_response(garbage, later()).unwrap();
        assert_eq!(response, b"\x30\x03\x0a\x01\x01", "malformedRequest");
    }
    let erlan = &pki().person(ERLAN).unwrap().sign;
    let why = check(&pki().ocsp_response(b"", later()).unwrap(), erlan).unwrap_err();
    assert!(why.contains("MalformedRequest"), "{why}");
}

#[test]
fn the_responder_is_saved_and_loaded_and_openssl_agrees() {
    let dir = std::env::temp_dir().join(format!("kandas-dev-ocsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    pki().save(&dir).unwrap();
    assert!(dir.join("ocsp.crt").is_file() && dir.join("ocsp.key").is_file());
    let loaded = DevPki::load(&dir).unwrap();
    let responder = loaded.ocsp_responder().unwrap();
    assert_eq!(
        responder.certificate_der(),
        pki().ocsp_responder().unwrap().certificate_der()
    );
    let erlan = &loaded.person(ERLAN).unwrap().sign;
    let good = check(&ask(&loaded, erlan, loaded.intermediate(), None), erlan).unwrap();
    assert_eq!(good.status, OcspStatus::Good);

    if Command::new("openssl").arg("version").output().is_err() {
        println!("note: openssl is not on PATH; agreement with OpenSSL not checked");
    } else {
        let sign = format!("people/{ERLAN}/sign.crt");
        assert_eq!(openssl_status(&loaded, &dir, erlan, &sign), "good");
        assert_eq!(
            openssl_status(&loaded, &dir, loaded.revoked(), "revoked.crt"),
            "revoked"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// What `openssl ocsp -respin` says of `cert` (saved at `cert_file`) after verifying the
/// response against the saved CA bundle, at `later()`; panics when it does not verify.
fn openssl_status(pki: &DevPki, dir: &Path, key: &KeyCert, cert_file: &str) -> String {
    let response = ask(pki, key, pki.intermediate(), None);
    let respin = dir.join("response.der");
    std::fs::write(&respin, response).unwrap();
    // OpenSSL judges the response's times by the real clock (so: tolerate fifty years), the
    // certificates at -attime.
    let age = 50 * 365 * 24 * 3600;
    let output = Command::new("openssl")
        .arg("ocsp")
        .arg("-respin")
        .arg(&respin)
        .arg("-CAfile")
        .arg(dir.join("ca-bundle.pem"))
        .arg("-issuer")
        .arg(dir.join("intermediate.crt"))
        .arg("-cert")
        .arg(dir.join(cert_file))
        .args(["-no_nonce", "-attime", &later().as_second().to_string()])
        .args(["-validity_period", &age.to_string()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(
        stderr.contains("Response verify OK") && output.status.success(),
        "openssl ocsp: {stdout}\n{stderr}"
    );
    let line = stdout
        .lines()
        .find(|l| l.contains(cert_file))
        .unwrap_or_default();
    line.rsplit(": ")
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}
