//! Agreement with OpenSSL: every case it can judge must pass there exactly when it is valid here.

use std::process::Command;

use crate::cases;
use crate::corpus::{self, Crls};

fn openssl_available() -> bool {
    Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `openssl cms -verify` with the anchors, intermediates and CRLs of the case in one CA file
/// (the cms command takes CRLs only from there) and `-crl_check_all` unless revocation is absent.
fn openssl_passes(case: &cases::Case, scratch: &std::path::Path) -> bool {
    let dir = corpus::dir();
    let mut bundle = corpus::read("pki/root.pem");
    if case.chain_in_trust {
        bundle.extend(corpus::read("pki/inter.pem"));
    }
    for f in case.crls.pem_files() {
        bundle.extend(corpus::read(f));
    }
    let ca_file = scratch.join(format!("ca-{}.pem", std::process::id()));
    std::fs::write(&ca_file, bundle).unwrap();
    let mut cmd = Command::new("openssl");
    cmd.args([
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-purpose",
        "any",
        "-out",
        "/dev/null",
    ])
    .arg("-in")
    .arg(dir.join(format!("cms/{}.p7s", case.file.unwrap())))
    .arg("-CAfile")
    .arg(&ca_file);
    if let Some(content) = case.detached {
        cmd.arg("-content").arg(dir.join(format!("cms/{content}")));
    }
    cmd.arg("-crl_check_all");
    let out = cmd.output().unwrap();
    out.status.success()
}

#[test]
fn openssl_agrees_on_every_case_it_can_judge() {
    if !openssl_available() {
        println!("note: openssl is not on PATH; agreement with OpenSSL not checked");
        return;
    }
    let scratch = std::env::temp_dir();
    let mut judged = 0;
    let mut disagree = Vec::new();
    for case in cases::all()
        .iter()
        .filter(|c| c.openssl && c.file.is_some() && c.crls != Crls::Unavailable)
    {
        let ours = case.run().verdict == kandas_pki::Verdict::Valid;
        let theirs = openssl_passes(case, &scratch);
        judged += 1;
        println!("{:<48} ours {:<5} openssl {}", case.name, ours, theirs);
        if ours != theirs {
            disagree.push(case.name.clone());
        }
    }
    assert!(judged >= 25, "only {judged} cases judged");
    assert!(disagree.is_empty(), "openssl disagrees on: {disagree:?}");
}
