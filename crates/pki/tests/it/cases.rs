//! The case table: every corpus case with its expected verdict and reason code.

use jiff::SignedDuration;
use kandas_pki::{CODES, Purpose, SIGNING_TIME_LAG, Verdict};

pub use crate::case::Case;
use crate::case::{P1, P2, indeterminate, invalid, valid, with_signature_algorithm};
use crate::corpus::{self, Crls};

pub fn all() -> Vec<Case> {
    use Purpose::Authenticate;
    let attached = corpus::read("cms/rsa-attached.p7s");
    let mut cases = vec![
        valid("rsa attached", "rsa-attached"),
        valid("rsa attached, no IIN expected", "rsa-attached").iin(None),
        valid("rsa attached, same content also given", "rsa-attached").detached("document.txt"),
        invalid(
            "rsa attached, other content given",
            "rsa-attached",
            "eds.digest-mismatch",
        )
        .detached("document-changed.txt")
        .openssl(false),
        valid("rsa detached", "rsa-detached").detached("document.txt"),
        invalid(
            "rsa detached, content changed",
            "rsa-detached",
            "eds.digest-mismatch",
        )
        .detached("document-changed.txt"),
        invalid(
            "rsa detached, no content",
            "rsa-detached",
            "eds.content-missing",
        )
        .openssl(false),
        valid("rsa sha384", "rsa-sha384"),
        valid("rsa sha512", "rsa-sha512").iin(Some(P2)),
        valid("rsa, intermediate only inside the CMS", "rsa-with-chain").iin(Some(P2)),
        valid("rsa-pss, maximum salt length", "rsa-pss-max"),
        valid(
            "rsa-pss sha384, digest-length salt, detached",
            "rsa-pss-digest",
        )
        .detached("document.txt")
        .iin(Some(P2)),
        valid("ecdsa p-256 attached", "p256-attached"),
        valid("ecdsa p-256 detached", "p256-detached").detached("document.txt"),
        valid("ecdsa p-384", "p384-attached").iin(Some(P2)),
        valid("authentication key signs in", "auth-nonce-900101300811").purpose(Authenticate),
        valid("authentication key signs in (2)", "auth-nonce-931002451325")
            .purpose(Authenticate)
            .iin(Some(P2)),
        invalid(
            "authentication key signs a document",
            "auth-document",
            "eds.wrong-key-usage",
        )
        .openssl(false),
        invalid("signing key signs in", "sign-nonce", "eds.wrong-key-usage")
            .purpose(Authenticate)
            .openssl(false),
        invalid("another person's IIN", "rsa-attached", "eds.iin-mismatch")
            .iin(Some(P2))
            .openssl(false),
        invalid(
            "tampered content",
            "tampered-content",
            "eds.digest-mismatch",
        ),
        invalid(
            "tampered signingTime attribute",
            "tampered-signing-time",
            "eds.signature-invalid",
        ),
        invalid(
            "tampered messageDigest attribute",
            "tampered-message-digest",
            "eds.digest-mismatch",
        ),
        invalid("unknown root", "unknown-root", "eds.untrusted-root"),
        invalid("expired certificate", "expired", "eds.expired"),
        invalid("certificate not yet valid", "notyet", "eds.not-yet-valid"),
        invalid("revoked by CRL", "revoked", "eds.revoked"),
        indeterminate("no CRL", "rsa-attached", "eds.revocation-unavailable").crls(Crls::None),
        indeterminate(
            "revocation unreachable",
            "rsa-attached",
            "eds.revocation-unavailable",
        )
        .crls(Crls::Unavailable)
        .openssl(false),
        indeterminate(
            "intermediate's CRL missing",
            "rsa-attached",
            "eds.revocation-unavailable",
        )
        .crls(Crls::LeafOnly),
        indeterminate("stale CRL", "rsa-attached", "eds.revocation-unavailable").crls(Crls::Stale),
        indeterminate(
            "CRL with a bad signature",
            "rsa-attached",
            "eds.revocation-unavailable",
        )
        .crls(Crls::BadSignature),
        indeterminate(
            "another CA's CRL",
            "rsa-attached",
            "eds.revocation-unavailable",
        )
        .crls(Crls::OtherCa),
        indeterminate(
            "revoked, but no CRL",
            "revoked",
            "eds.revocation-unavailable",
        )
        .crls(Crls::None),
        indeterminate("GOST 34.310-2004 key", "gost-2004", "eds.gost-unsupported"),
        indeterminate(
            "GOST 2015 signature (.1)",
            "rsa-attached",
            "eds.gost-unsupported",
        )
        .bytes(with_signature_algorithm(
            "rsa-attached",
            "1.2.398.3.10.1.1.2.3.1",
        )),
        indeterminate(
            "GOST 2015 signature (.2)",
            "rsa-attached",
            "eds.gost-unsupported",
        )
        .bytes(with_signature_algorithm(
            "rsa-attached",
            "1.2.398.3.10.1.1.2.3.2",
        )),
        indeterminate(
            "SHA-1 signature algorithm",
            "rsa-attached",
            "eds.unsupported-algorithm",
        )
        .bytes(with_signature_algorithm(
            "rsa-attached",
            "1.2.840.113549.1.1.5",
        )),
        invalid("no certificates in the CMS", "no-certs", "eds.no-signer"),
        invalid(
            "no signed attributes",
            "no-attributes",
            "eds.signed-attributes-missing",
        )
        .openssl(false),
        invalid("two signers", "two-signers", "eds.multiple-signers").openssl(false),
        invalid("empty input", "rsa-attached", "eds.malformed").bytes(Vec::new()),
        invalid("garbage", "rsa-attached", "eds.malformed")
            .bytes(b"MIIB this is not DER at all".to_vec()),
        invalid("base64 instead of DER", "rsa-attached", "eds.malformed")
            .bytes(b"MIAGCSqGSIb3DQEHAqCAMIACAQ".to_vec()),
        invalid("zeros", "rsa-attached", "eds.malformed").bytes(vec![0; 64]),
    ];
    // Received more than SIGNING_TIME_LAG after the signingTime it claims. (The corpus CAs begin
    // two seconds before the corpus was signed, so a signingTime ahead of a time of receipt at
    // which they are valid cannot be made here: the development PKI's tests cover it, in
    // `crates/devpki/tests/it/time.rs`.)
    let mut stale = invalid(
        "signingTime over an hour before receipt",
        "rsa-attached",
        "eds.signing-time-in-past",
    )
    .openssl(false);
    stale.now = corpus::made_at() + SIGNING_TIME_LAG + SignedDuration::from_secs(1);
    cases.push(stale);
    for len in [1, 2, 10, 100, attached.len() / 2, attached.len() - 1] {
        cases.push(
            invalid(
                &format!("truncated to {len} bytes"),
                "rsa-attached",
                "eds.malformed",
            )
            .bytes(attached[..len].to_vec()),
        );
    }
    let mut no_chain = valid(
        "rsa, no intermediates configured, chain in CMS",
        "rsa-with-chain",
    )
    .iin(Some(P2));
    no_chain.chain_in_trust = false;
    cases.push(no_chain);
    let mut missing_inter = invalid(
        "no intermediate anywhere",
        "rsa-attached",
        "eds.untrusted-root",
    );
    missing_inter.chain_in_trust = false;
    cases.push(missing_inter);
    cases.extend(crate::ocsp::cases());
    cases.extend(crate::tsp::cases());
    cases
}

#[test]
fn every_case_gets_its_verdict_and_code() {
    let cases = all();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut wrong = Vec::new();
    for c in &cases {
        let report = c.run();
        let ok = report.verdict == c.verdict && report.code() == c.code;
        println!(
            "{:<48} {:?} {:<32} {}",
            c.name,
            report.verdict,
            report.code().unwrap_or("-"),
            if ok { "ok" } else { "WRONG" }
        );
        if !ok {
            wrong.push(format!(
                "{}: expected {:?} {:?}, got {:?} {:?}: {:?}",
                c.name,
                c.verdict,
                c.code,
                report.verdict,
                report.code(),
                report.checks.last()
            ));
        }
        if let Some(code) = report.code() {
            assert!(CODES.contains(&code), "{code} missing from CODES");
        }
    }
    assert!(
        wrong.is_empty(),
        "{} case(s) wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn a_valid_report_names_signer_anchor_crls_and_time() {
    let report = all().into_iter().next().unwrap().run();
    assert_eq!(report.verdict, Verdict::Valid);
    let signer = report.signer.as_ref().unwrap();
    assert_eq!(
        signer.subject,
        "CN=ӘБІЛҚАЙЫРОВА АЙГҮЛ, SURNAME=ӘБІЛҚАЙЫРОВА, SERIALNUMBER=IIN900101300811, C=KZ, G=ЕРЛАНҚЫЗЫ"
    );
    assert_eq!(
        signer.issuer,
        "CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST, C=KZ"
    );
    assert_eq!(
        report.anchor.as_deref(),
        Some("CN=ҚР ТҮБІРЛІК КУӘЛАНДЫРУШЫ ОРТАЛЫҒЫ (RSA) TEST, C=KZ")
    );
    assert_eq!(report.iin.as_deref(), Some(P1));
    assert_eq!(report.crls.len(), 2);
    assert!(report.crls.iter().all(|c| !c.revoked));
    let signed = report.signing_time.unwrap();
    assert!(signed <= corpus::now() && signed >= corpus::made_at() - SignedDuration::from_mins(10));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["verdict"], "TOTAL_PASSED");
    assert_eq!(
        json["checks"].as_array().unwrap().len(),
        report.checks.len()
    );
}

#[test]
fn a_failed_report_serialises_its_code() {
    let c = invalid("revoked", "revoked", "eds.revoked");
    let json = serde_json::to_value(c.run()).unwrap();
    assert_eq!(json["verdict"], "TOTAL_FAILED");
    assert_eq!(json["reason"], "eds.revoked");
    assert_eq!(json["crls"][0]["revoked"], true);
}

#[test]
fn codes_are_unique_and_dotted() {
    let mut seen = std::collections::HashSet::new();
    for code in CODES {
        assert!(code.starts_with("eds.") && seen.insert(code), "{code}");
    }
}
