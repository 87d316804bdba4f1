//! OCSP: the corpus cases (responses made by `make.sh` with `openssl ocsp -index`), the report's
//! OCSP evidence, hostile responses, the request an adapter posts, and agreement with
//! `openssl ocsp -respin … -CAfile …` on who signed and what the status is.

use std::process::Command;

use kandas_pki::{OcspStatus, Verdict, check_ocsp_response, ocsp_request};

use crate::case::{Case, P2, indeterminate, invalid, valid};
use crate::corpus::{self, Crls};

const UNAVAILABLE: &str = "eds.revocation-unavailable";

pub fn cases() -> Vec<Case> {
    let leaf_by_ocsp = |c: Case, files: &[&'static str]| c.crls(Crls::RootOnly).ocsp(files);
    vec![
        leaf_by_ocsp(
            valid(
                "OCSP good (delegated responder), no leaf CRL",
                "rsa-attached",
            ),
            &["good-sha1"],
        ),
        leaf_by_ocsp(
            valid("OCSP good, SHA-256 CertID", "rsa-attached"),
            &["good-sha256"],
        ),
        leaf_by_ocsp(
            valid("OCSP good, signed by the issuer's own key", "rsa-attached"),
            &["by-issuer"],
        ),
        valid("OCSP only: leaf and intermediate", "rsa-attached")
            .crls(Crls::None)
            .ocsp(&["good-sha1", "inter-by-root"]),
        valid("OCSP good and a current CRL", "rsa-attached").ocsp(&["good-sha1"]),
        leaf_by_ocsp(
            valid("OCSP good, ecdsa p-256 signer", "p256-attached"),
            &["good-p256"],
        ),
        leaf_by_ocsp(
            invalid("revoked by OCSP", "revoked", "eds.revoked"),
            &["revoked"],
        ),
        invalid("revoked by OCSP and by CRL", "revoked", "eds.revoked").ocsp(&["revoked"]),
        leaf_by_ocsp(
            indeterminate(
                "OCSP unreachable, no leaf CRL (fail closed)",
                "rsa-attached",
                UNAVAILABLE,
            ),
            &[],
        ),
        leaf_by_ocsp(
            indeterminate(
                "OCSP response for another certificate",
                "rsa-attached",
                UNAVAILABLE,
            ),
            &["good-p256"],
        ),
        leaf_by_ocsp(
            indeterminate(
                "OCSP signed by an untrusted responder",
                "rsa-attached",
                UNAVAILABLE,
            ),
            &["untrusted-responder"],
        ),
        leaf_by_ocsp(
            indeterminate(
                "OCSP signed by a key without OCSPSigning",
                "rsa-attached",
                UNAVAILABLE,
            ),
            &["no-eku"],
        ),
        leaf_by_ocsp(
            indeterminate("OCSP status unknown", "rsa-sha512", UNAVAILABLE).iin(Some(P2)),
            &["unknown"],
        ),
        leaf_by_ocsp(
            indeterminate(
                "OCSP response expired (nextUpdate past)",
                "rsa-attached",
                UNAVAILABLE,
            ),
            &["expired"],
        ),
        indeterminate(
            "OCSP good, intermediate unchecked",
            "rsa-attached",
            UNAVAILABLE,
        )
        .crls(Crls::None)
        .ocsp(&["good-sha1"]),
        indeterminate(
            "adapter unavailable despite OCSP",
            "rsa-attached",
            UNAVAILABLE,
        )
        .crls(Crls::Unavailable)
        .ocsp(&["good-sha1", "inter-by-root"]),
    ]
}

fn find(name: &str) -> Case {
    cases().into_iter().find(|c| c.name == name).unwrap()
}

#[test]
fn the_report_names_the_ocsp_response_next_to_the_crl() {
    let report = find("OCSP good (delegated responder), no leaf CRL").run();
    assert_eq!(report.verdict, Verdict::Valid, "{:?}", report.checks);
    assert_eq!(report.crls.len(), 1, "the root's CRL for the intermediate");
    let [ocsp] = report.ocsp.as_slice() else {
        panic!("{:?}", report.ocsp)
    };
    assert_eq!(ocsp.status, OcspStatus::Good);
    assert_eq!(ocsp.serial, "1000");
    assert!(
        ocsp.responder.starts_with("CN=OCSP ҰЛТТЫҚ"),
        "{}",
        ocsp.responder
    );
    assert!(ocsp.certificate.contains("IIN900101300811"));
    assert!(ocsp.this_update <= corpus::ocsp_now() && ocsp.next_update > Some(corpus::ocsp_now()));
    assert_eq!(ocsp.produced_at, ocsp.this_update);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["ocsp"][0]["status"], "good");
    let revocation = report
        .checks
        .iter()
        .find(|c| c.name == "revocation")
        .unwrap();
    assert!(
        revocation.detail.contains("1 OCSP response"),
        "{}",
        revocation.detail
    );
}

#[test]
fn a_revoked_report_carries_the_revocation_time_and_a_crl_only_report_has_no_ocsp_key() {
    let report = find("revoked by OCSP").run();
    let ocsp = &report.ocsp[0];
    assert_eq!(ocsp.status, OcspStatus::Revoked);
    assert_eq!(ocsp.revoked_at.unwrap().to_string(), "2025-06-01T00:00:00Z");
    assert_eq!(ocsp.reason.as_deref(), Some("KeyCompromise"));
    assert!(report.checks.last().unwrap().detail.contains("per OCSP"));
    let crl_only = serde_json::to_value(crate::cases::all()[0].run()).unwrap();
    assert!(crl_only.get("ocsp").is_none());
}

#[test]
fn unusable_responses_say_why() {
    let detail = |name: &str| find(name).run().checks.last().unwrap().detail.clone();
    assert!(detail("OCSP signed by a key without OCSPSigning").contains("id-kp-OCSPSigning"));
    assert!(detail("OCSP signed by an untrusted responder").contains("not issued by"));
    assert!(detail("OCSP status unknown").contains("answered unknown"));
    assert!(detail("OCSP response expired (nextUpdate past)").contains("stale"));
    assert!(detail("OCSP response for another certificate").contains("no OCSP response names it"));
}

fn pki(name: &str) -> Vec<u8> {
    corpus::read(&format!("pki/{name}.der"))
}

#[test]
fn hostile_responses_are_refused_never_a_panic() {
    let (cert, inter, now) = (pki("sign-900101300811"), pki("inter"), corpus::ocsp_now());
    let good = corpus::read("ocsp/good-sha1.der");
    assert!(check_ocsp_response(&good, &cert, &inter, now).is_ok());
    // tryLater, with no responseBytes.
    let later = check_ocsp_response(&[0x30, 0x03, 0x0a, 0x01, 0x03], &cert, &inter, now);
    assert!(later.unwrap_err().0.contains("TryLater"));
    for len in 0..good.len() {
        assert!(check_ocsp_response(&good[..len], &cert, &inter, now).is_err());
    }
    for at in (good.len() - 300..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        assert!(
            check_ocsp_response(&bad, &cert, &inter, now).is_err(),
            "byte {at}"
        );
    }
    assert!(check_ocsp_response(&good, b"junk", &inter, now).is_err());
    let future = corpus::made_at();
    let early = check_ocsp_response(&good, &cert, &inter, future).unwrap_err();
    assert!(early.0.contains("in the future"), "{early}");
}

fn openssl(args: &[&str]) -> Option<String> {
    let out = Command::new("openssl").args(args).output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

#[test]
fn the_request_is_the_one_openssl_makes() {
    let dir = corpus::dir();
    let req = std::env::temp_dir().join(format!("kandas-ocsp-req-{}.der", std::process::id()));
    let made = openssl(&[
        "ocsp",
        "-no_nonce",
        "-issuer",
        dir.join("pki/inter.pem").to_str().unwrap(),
        "-cert",
        dir.join("pki/sign-900101300811.pem").to_str().unwrap(),
        "-reqout",
        req.to_str().unwrap(),
    ]);
    let ours = ocsp_request(&pki("sign-900101300811"), &pki("inter"), None).unwrap();
    if made.is_none() {
        println!("note: openssl is not on PATH; the request is not compared");
        return;
    }
    assert_eq!(ours, std::fs::read(&req).unwrap());
    let with_nonce =
        ocsp_request(&pki("sign-900101300811"), &pki("inter"), Some(&[7; 16])).unwrap();
    std::fs::write(&req, &with_nonce).unwrap();
    let text = openssl(&["ocsp", "-reqin", req.to_str().unwrap(), "-req_text"]).unwrap();
    assert!(
        text.contains("OCSP Nonce") && text.contains("Serial Number: 1000"),
        "{text}"
    );
    std::fs::remove_file(&req).ok();
}

#[test]
fn openssl_agrees_on_every_response() {
    let Some(_) = openssl(&["version"]) else {
        println!("note: openssl is not on PATH; OCSP agreement not checked");
        return;
    };
    let dir = corpus::dir();
    let ca = std::env::temp_dir().join(format!("kandas-ocsp-ca-{}.pem", std::process::id()));
    let mut bundle = corpus::read("pki/root.pem");
    bundle.extend(corpus::read("pki/inter.pem"));
    std::fs::write(&ca, bundle).unwrap();
    let table = [
        ("good-sha1", "sign-900101300811", "inter", false),
        ("good-sha256", "sign-900101300811", "inter", true),
        ("by-issuer", "sign-900101300811", "inter", true),
        ("good-p256", "sign-p256", "inter", false),
        ("revoked", "revoked", "inter", false),
        ("unknown", "sign-931002451325", "inter", false),
        ("expired", "sign-900101300811", "inter", false),
        ("untrusted-responder", "sign-900101300811", "inter", false),
        ("no-eku", "sign-900101300811", "inter", false),
        ("inter-by-root", "inter", "root", false),
    ];
    let path = |p: String| dir.join(p).to_str().unwrap().to_owned();
    for (file, cert, issuer, sha256) in table {
        // openssl judges currency at the real time, without the 5 minutes' grace it defaults to.
        let mut args: Vec<String> = ["ocsp", "-no_nonce", "-validity_period", "0", "-respin"]
            .map(str::to_owned)
            .to_vec();
        args.extend([path(format!("ocsp/{file}.der")), "-CAfile".into()]);
        args.extend([ca.to_str().unwrap().to_owned(), "-issuer".into()]);
        args.push(path(format!("pki/{issuer}.pem")));
        if sha256 {
            args.push("-sha256".into());
        }
        args.extend(["-cert".to_owned(), path(format!("pki/{cert}.pem"))]);
        let text = openssl(&args.iter().map(String::as_str).collect::<Vec<_>>()).unwrap();
        let theirs_signed = text.contains("Response verify OK");
        let theirs_status = ["good", "revoked", "unknown"].into_iter().find(|s| {
            text.lines()
                .any(|l| l.split([' ', ':']).next_back() == Some(*s))
        });
        let theirs_current = !text.contains("Status times invalid");
        let ours = check_ocsp_response(
            &corpus::read(&format!("ocsp/{file}.der")),
            &pki(cert),
            &pki(issuer),
            corpus::ocsp_now(),
        );
        let (ours_signed, ours_status, ours_current) = match &ours {
            Ok(e) => (true, Some(format!("{:?}", e.status).to_lowercase()), true),
            Err(e) if e.0.contains("unknown") => (true, Some("unknown".into()), true),
            Err(e) if e.0.contains("stale") => (true, Some("good".into()), false),
            Err(_) => (false, theirs_status.map(str::to_owned), theirs_current),
        };
        println!(
            "{file:<22} openssl {theirs_signed} {theirs_status:?} {theirs_current}; ours {ours:?}"
        );
        assert_eq!(
            (ours_signed, ours_status.as_deref(), ours_current),
            (theirs_signed, theirs_status, theirs_current),
            "{file}: {text}"
        );
    }
    std::fs::remove_file(&ca).ok();
}
