//! RFC 3161 timestamp tokens (`tests/corpus/tsp`, made by `make.sh tsp`): the tokens are attached
//! here as the id-aa-signatureTimeStampToken unsigned attribute of `cms/rsa-attached.p7s`, whose
//! signature value they cover (except `other-bytes`).

use cms::cert::x509::attr::Attribute;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfos};
use der::asn1::{Any, ObjectIdentifier, SetOfVec};
use der::{Decode, Encode, Tag};
use jiff::{SignedDuration, Timestamp};
use kandas_pki::Verdict;

use crate::case::{Case, invalid, valid};
use crate::corpus;

const TOKEN_OID: &str = "1.2.840.113549.1.9.16.2.14";
const INVALID: &str = "eds.timestamp-invalid";

/// When `make.sh tsp` made the tokens: their genTime.
fn made_at() -> Timestamp {
    String::from_utf8(corpus::read("tsp/made-at.txt"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// `cms/rsa-attached.p7s` with these values of the token attribute, re-encoded with `der`.
fn with_tokens(values: Vec<Any>) -> Vec<u8> {
    let info = ContentInfo::from_der(&corpus::read("cms/rsa-attached.p7s")).unwrap();
    let mut sd: SignedData = info.content.decode_as().unwrap();
    let mut si = sd.signer_infos.0.into_vec().remove(0);
    let attr = Attribute {
        oid: ObjectIdentifier::new(TOKEN_OID).unwrap(),
        values: SetOfVec::try_from(values).unwrap(),
    };
    si.unsigned_attrs = Some(SetOfVec::try_from(vec![attr]).unwrap());
    sd.signer_infos = SignerInfos(SetOfVec::try_from(vec![si]).unwrap());
    ContentInfo {
        content_type: info.content_type,
        content: Any::encode_from(&sd).unwrap(),
    }
    .to_der()
    .unwrap()
}

fn token(file: &str) -> Any {
    Any::from_der(&corpus::read(&format!("tsp/{file}.der"))).unwrap()
}

fn timestamped(case: Case, values: Vec<Any>) -> Case {
    let mut case = case.bytes(with_tokens(values));
    case.now = made_at() + SignedDuration::from_mins(10);
    case
}

pub fn cases() -> Vec<Case> {
    let garbage = Any::new(Tag::Sequence, b"not a timestamp token".as_slice()).unwrap();
    let octets = Any::new(Tag::OctetString, b"\x30\x03\x02\x01".as_slice()).unwrap();
    let mut cases = vec![
        timestamped(
            valid("timestamp token", "rsa-attached"),
            vec![token("good")],
        ),
        timestamped(
            invalid("timestamp over other bytes", "rsa-attached", INVALID),
            vec![token("other-bytes")],
        ),
        timestamped(
            invalid("timestamp from an untrusted TSA", "rsa-attached", INVALID),
            vec![token("untrusted")],
        ),
        timestamped(
            invalid(
                "timestamp by a key without timeStamping",
                "rsa-attached",
                INVALID,
            ),
            vec![token("no-eku")],
        ),
        timestamped(
            invalid("garbage timestamp token", "rsa-attached", INVALID),
            vec![garbage],
        ),
        timestamped(
            invalid("timestamp token not a SEQUENCE", "rsa-attached", INVALID),
            vec![octets],
        ),
        timestamped(
            invalid(
                "two timestamp tokens in one attribute",
                "rsa-attached",
                INVALID,
            ),
            vec![token("good"), token("other-bytes")],
        ),
    ];
    // Received hours after both the signature and its token: still judged at genTime.
    let mut later = timestamped(
        valid("timestamp token, received hours later", "rsa-attached"),
        vec![token("good")],
    );
    later.now = made_at() + SignedDuration::from_hours(5);
    cases.push(later);
    let mut future = timestamped(
        invalid("timestamp genTime after now", "rsa-attached", INVALID),
        vec![token("good")],
    );
    future.now = made_at() - SignedDuration::from_hours(1);
    cases.push(future);
    let good = corpus::read("tsp/good.der");
    for len in [1, good.len() / 2, good.len() - 1] {
        let cut = Any::new(Tag::Sequence, good.get(2..len.max(2)).unwrap()).unwrap();
        cases.push(timestamped(
            invalid(
                &format!("timestamp token cut to {len} bytes"),
                "rsa-attached",
                INVALID,
            ),
            vec![cut],
        ));
    }
    cases
}

#[test]
fn a_timestamped_report_judges_validity_at_gen_time() {
    let report = cases().into_iter().next().unwrap().run();
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.checks.last());
    let ts = report.timestamp.as_ref().unwrap();
    assert_eq!(ts.tsa, "CN=TSA ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST, C=KZ");
    assert_eq!(ts.gen_time, made_at());
    assert_eq!(ts.policy, "1.2.398.3.3.2.1");
    assert_eq!(ts.hash_algorithm, "sha256");
    assert!(!ts.serial.is_empty());
    assert_ne!(report.signing_time, Some(ts.gen_time));
    assert_eq!(report.validity_time, ts.gen_time);
    assert_eq!(report.validity_basis, kandas_pki::ValidityBasis::Timestamp);
    let validity = report.checks.iter().find(|c| c.name == "validity").unwrap();
    assert!(
        validity.detail.ends_with(&ts.gen_time.to_string()),
        "{}",
        validity.detail
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["timestamp"]["policy"], "1.2.398.3.3.2.1");
    assert_eq!(json["timestamp"]["hash_algorithm"], "sha256");
    assert!(json["signing_time"].is_string());
    assert_eq!(json["validity_basis"], "timestamp");
}

#[test]
fn a_report_without_token_has_no_timestamp() {
    let report = valid("rsa attached", "rsa-attached").run();
    assert!(report.timestamp.is_none());
    let json = serde_json::to_value(&report).unwrap();
    assert!(json.get("timestamp").is_none());
}

#[test]
fn failed_tokens_say_why() {
    for (case, needle) in
        cases()
            .into_iter()
            .skip(1)
            .zip(["messageImprint", "no path", "timeStamping"])
    {
        let report = case.run();
        let last = report.checks.last().unwrap();
        assert_eq!(last.name, "timestamp", "{}", case.name);
        assert!(
            last.detail.contains(needle),
            "{}: {}",
            case.name,
            last.detail
        );
        assert!(report.timestamp.is_none());
    }
}

/// `openssl ts -verify` over the signature value agrees with us on every corpus token.
#[test]
fn openssl_ts_agrees_on_every_token() {
    use std::process::Command;
    if !Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("note: openssl is not on PATH; agreement with OpenSSL not checked");
        return;
    }
    let dir = corpus::dir();
    let ca_file = std::env::temp_dir().join(format!("tsp-ca-{}.pem", std::process::id()));
    let mut bundle = corpus::read("pki/root.pem");
    bundle.extend(corpus::read("pki/inter.pem"));
    std::fs::write(&ca_file, bundle).unwrap();
    for (file, case) in ["good", "other-bytes", "untrusted", "no-eku"]
        .into_iter()
        .zip(cases())
    {
        let theirs = Command::new("openssl")
            .args(["ts", "-verify", "-token_in", "-in"])
            .arg(dir.join(format!("tsp/{file}.der")))
            .arg("-data")
            .arg(dir.join("tsp/signature.bin"))
            .arg("-CAfile")
            .arg(&ca_file)
            .output()
            .unwrap()
            .status
            .success();
        let ours = case.run().verdict == Verdict::Valid;
        assert_eq!(ours, theirs, "{file}: ours {ours}, openssl {theirs}");
    }
    std::fs::remove_file(&ca_file).ok();
}
