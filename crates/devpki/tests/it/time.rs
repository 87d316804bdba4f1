//! Time you can trust: the signer's path is judged when the signature is received or at the
//! genTime of a trusted timestamp, never at the signingTime the signer claims; signingTime must
//! lie near that reference time. The attack this answers: a certificate that expired at 05:00
//! signs at 06:25 claiming yesterday.

use jiff::{SignedDuration, Timestamp};
use kandas_devpki::{DevPki, KeyCert, TSA_CN};
use kandas_pki::{
    Purpose, SIGNING_TIME_LAG, SIGNING_TIME_SKEW, ValidationReport, ValidityBasis, Verdict,
    verify_cms,
};

use super::{DOCUMENT, ERLAN, assert_code, assert_valid, later, now, pki};

const DAY: SignedDuration = SignedDuration::from_hours(24);

/// When the first person's signing certificate expires (a year after the PKI was made).
fn expiry() -> Timestamp {
    let cms = signed_at(later());
    let report = verify_at(pki(), &cms, later());
    report.signer.unwrap().not_after
}

/// 85 minutes after the expiry: "06:25" for a certificate that expired at "05:00".
fn after_expiry() -> Timestamp {
    expiry() + SignedDuration::from_mins(85)
}

/// The PKI with its CRLs issued an hour before `at`, so revocation is current there.
fn crls_before(at: Timestamp) -> DevPki {
    let mut fresh = pki().clone();
    fresh
        .reissue_crls(at - SignedDuration::from_hours(1))
        .unwrap();
    fresh
}

fn signed_at(signing_time: Timestamp) -> Vec<u8> {
    let erlan = pki().person(ERLAN).unwrap();
    pki()
        .sign_cms(&erlan.sign, DOCUMENT, signing_time, false)
        .unwrap()
}

fn verify_at(pki: &DevPki, cms: &[u8], received: Timestamp) -> ValidationReport {
    verify_cms(
        cms,
        None,
        Purpose::SignDocument,
        Some(ERLAN),
        &pki.trust_store().unwrap(),
        &pki.revocation(),
        received,
    )
}

/// A TSA valid from a day before the PKI until `until`.
fn tsa(until: Timestamp) -> KeyCert {
    pki().issue_tsa(now() - DAY, until).unwrap()
}

fn stamped(tsa: &KeyCert, signing_time: Timestamp, gen_time: Timestamp) -> Vec<u8> {
    pki()
        .timestamp_cms(tsa, &signed_at(signing_time), gen_time)
        .unwrap()
}

fn last_detail(report: &ValidationReport) -> &str {
    &report.checks.last().unwrap().detail
}

#[test]
fn an_expired_certificate_with_a_back_dated_signing_time_is_refused() {
    let received = after_expiry();
    let pki = crls_before(received);
    let yesterday = received - DAY;
    let report = verify_at(&pki, &signed_at(yesterday), received);
    assert_code(&report, Verdict::Invalid, "eds.expired");
    assert_eq!(
        report.signing_time,
        Some(yesterday),
        "the claim is recorded"
    );
    assert_eq!(report.validity_time, received);
    assert_eq!(report.validity_basis, ValidityBasis::Received);
    assert!(last_detail(&report).contains("judged at"), "{report:#?}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["validity_basis"], "received");
    assert_eq!(json["validity_time"], received.to_string());

    // Signed honestly at the same moment: expired too.
    let honest = verify_at(&pki, &signed_at(received), received);
    assert_code(&honest, Verdict::Invalid, "eds.expired");
    // A minute before the expiry the same certificate still signs.
    let before = expiry() - SignedDuration::from_mins(1);
    assert_valid(&verify_at(&crls_before(before), &signed_at(before), before));
}

#[test]
fn signing_time_beyond_the_skew_either_way_is_refused() {
    let received = later();
    let at = |claimed: Timestamp| verify_at(pki(), &signed_at(claimed), received);
    assert_valid(&at(received - SIGNING_TIME_LAG));
    assert_valid(&at(received + SIGNING_TIME_SKEW));
    let old = at(received - SIGNING_TIME_LAG - SignedDuration::from_secs(1));
    assert_code(&old, Verdict::Invalid, "eds.signing-time-in-past");
    assert!(
        last_detail(&old).contains("the time of receipt"),
        "{old:#?}"
    );
    let ahead = at(received + SIGNING_TIME_SKEW + SignedDuration::from_secs(1));
    assert_code(&ahead, Verdict::Invalid, "eds.signing-time-in-future");
    let checks: Vec<&str> = at(received).checks.iter().map(|c| c.name).collect();
    let validity = checks.iter().position(|c| *c == "validity").unwrap();
    let signing_time = checks.iter().position(|c| *c == "signing-time").unwrap();
    assert!(validity < signing_time, "{checks:?}");
}

#[test]
fn a_timestamp_made_while_the_certificate_was_valid_is_accepted_after_expiry() {
    let received = after_expiry();
    let pki = crls_before(received);
    let tsa = tsa(received + DAY * 365);
    let signed = expiry() - DAY;
    let gen_time = signed + SignedDuration::from_secs(20);
    let report = verify_at(&pki, &stamped(&tsa, signed, gen_time), received);
    assert_valid(&report);
    assert_eq!(report.validity_basis, ValidityBasis::Timestamp);
    assert_eq!(report.validity_time, gen_time);
    assert_eq!(report.signing_time, Some(signed));
    let ts = report.timestamp.as_ref().unwrap();
    assert_eq!(ts.gen_time, gen_time);
    assert!(ts.tsa.contains(TSA_CN), "{}", ts.tsa);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["validity_basis"], "timestamp");

    // The same signature without its token is judged at receipt: expired.
    let bare = verify_at(&pki, &signed_at(signed), received);
    assert_code(&bare, Verdict::Invalid, "eds.expired");
    // A token made after the expiry proves nothing about before it.
    let late = stamped(&tsa, expiry(), expiry() + SignedDuration::from_mins(1));
    assert_code(
        &verify_at(&pki, &late, received),
        Verdict::Invalid,
        "eds.expired",
    );
}

#[test]
fn signing_time_is_compared_with_the_timestamp() {
    let tsa = tsa(now() + DAY * 800);
    let received = later();
    let gen_time = now();
    let long_before = stamped(
        &tsa,
        gen_time - SIGNING_TIME_LAG - SignedDuration::from_secs(1),
        gen_time,
    );
    let report = verify_at(pki(), &long_before, received);
    assert_code(&report, Verdict::Invalid, "eds.signing-time-in-past");
    assert!(
        last_detail(&report).contains("the timestamp's genTime"),
        "{report:#?}"
    );
    let after = stamped(
        &tsa,
        gen_time + SIGNING_TIME_SKEW + SignedDuration::from_secs(1),
        gen_time,
    );
    assert_code(
        &verify_at(pki(), &after, received + SIGNING_TIME_SKEW * 2),
        Verdict::Invalid,
        "eds.signing-time-in-future",
    );
}

#[test]
fn the_tsa_must_be_valid_at_gen_time_and_at_receipt() {
    let received = after_expiry();
    let pki = crls_before(received);
    let signed = expiry() - DAY;
    // The TSA's own certificate expired before the signature reached us.
    let expired_tsa = tsa(expiry());
    let report = verify_at(&pki, &stamped(&expired_tsa, signed, signed), received);
    assert_code(&report, Verdict::Invalid, "eds.timestamp-invalid");
    assert!(last_detail(&report).contains("receipt"), "{report:#?}");
    // A TSA issued after the genTime it claims.
    let young_tsa = pki.issue_tsa(signed + DAY / 2, received + DAY).unwrap();
    let report = verify_at(&pki, &stamped(&young_tsa, signed, signed), received);
    assert_code(&report, Verdict::Invalid, "eds.timestamp-invalid");
    assert!(last_detail(&report).contains("genTime"), "{report:#?}");
    // A token over another signature value.
    let tsa = tsa(received + DAY);
    let other = pki.timestamp_cms(&tsa, &signed_at(signed), signed).unwrap();
    let mine = signed_at(signed - SignedDuration::from_secs(1));
    let swapped = swap_unsigned_attrs(&mine, &other);
    assert_code(
        &verify_at(&pki, &swapped, received),
        Verdict::Invalid,
        "eds.timestamp-invalid",
    );
}

/// `target` with the SignerInfo's unsigned attributes (the token) of `source`.
fn swap_unsigned_attrs(target: &[u8], source: &[u8]) -> Vec<u8> {
    use cms::content_info::ContentInfo;
    use cms::signed_data::{SignedData, SignerInfos};
    use der::asn1::{Any, SetOfVec};
    use der::{Decode, Encode};
    let signer = |der: &[u8]| {
        let info = ContentInfo::from_der(der).unwrap();
        let sd: SignedData = info.content.decode_as().unwrap();
        (
            info.content_type,
            sd.clone(),
            sd.signer_infos.0.into_vec().remove(0),
        )
    };
    let (_, _, from) = signer(source);
    let (content_type, mut sd, mut si) = signer(target);
    si.unsigned_attrs = from.unsigned_attrs;
    sd.signer_infos = SignerInfos(SetOfVec::try_from(vec![si]).unwrap());
    ContentInfo {
        content_type,
        content: Any::encode_from(&sd).unwrap(),
    }
    .to_der()
    .unwrap()
}

/// `openssl ts -verify` accepts the development TSA's tokens over the signature value, and
/// refuses one over other bytes: they are what a real TSA answers.
#[test]
fn openssl_ts_verifies_the_dev_tokens() {
    use std::process::Command;
    if !Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("note: openssl is not on PATH; agreement with OpenSSL not checked");
        return;
    }
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    use der::{Decode, Encode};
    let dir = std::env::temp_dir().join(format!("dev-tsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tsa = tsa(now() + DAY * 800);
    let cms = stamped(&tsa, now(), now() + SignedDuration::from_secs(5));
    let info = ContentInfo::from_der(&cms).unwrap();
    let sd: SignedData = info.content.decode_as().unwrap();
    let si = sd.signer_infos.0.into_vec().remove(0);
    let token = si
        .unsigned_attrs
        .unwrap()
        .into_vec()
        .remove(0)
        .values
        .into_vec()
        .remove(0);
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let token = file("token.der", &token.to_der().unwrap());
    let signature = file("signature.bin", si.signature.as_bytes());
    let other = file("other.bin", b"other bytes");
    let mut bundle = pki().root().certificate_pem().unwrap();
    bundle.push_str(&pki().intermediate().certificate_pem().unwrap());
    let ca = file("ca.pem", bundle.as_bytes());
    let verifies = |data: &std::path::Path| {
        let out = Command::new("openssl")
            .args(["ts", "-verify", "-token_in", "-in"])
            .arg(&token)
            .arg("-data")
            .arg(data)
            .arg("-CAfile")
            .arg(&ca)
            .args(["-attime", &later().as_second().to_string()])
            .env("OPENSSL_CONF", "/dev/null")
            .output()
            .unwrap();
        println!(
            "openssl ts: {} {}",
            String::from_utf8_lossy(&out.stdout).trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        out.status.success()
    };
    assert!(verifies(&signature), "openssl refuses the dev token");
    assert!(
        !verifies(&other),
        "openssl accepts a token over other bytes"
    );
    std::fs::remove_dir_all(&dir).ok();
}
