//! The development PKI on disk: `save` then `load` gives the same PKI, a key that is not its
//! certificate's is refused, and `openssl cms -verify` with the saved `ca-bundle.pem` agrees.

use std::path::{Path, PathBuf};
use std::process::Command;

use kandas_devpki::{DevPki, DevPkiError, DevPkiOptions, KeyCert};
use kandas_pki::Purpose;

use super::{DOCUMENT, ERLAN, NONCE, SAULE, assert_valid, later, now, pki, sign, verify};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("kandas-dev-pki-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn save_then_load_round_trips() {
    let scratch = Scratch::new("roundtrip");
    let written = pki().save(&scratch.0).unwrap();
    for name in [
        "root.crt",
        "intermediate.crt",
        "root.crl",
        "intermediate.crl",
        "manifest.json",
    ] {
        assert!(
            written.contains(&scratch.0.join(name)),
            "{name} not written: {written:?}"
        );
    }
    for name in ["auth.crt", "auth.key", "sign.crt", "sign.key"] {
        assert!(scratch.0.join("people").join(ERLAN).join(name).is_file());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = scratch.0.join("people").join(SAULE).join("sign.key");
        assert_eq!(
            std::fs::metadata(key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let loaded = DevPki::load(&scratch.0).unwrap();
    let same = |a: &KeyCert, b: &KeyCert| a.certificate_der() == b.certificate_der();
    assert!(same(loaded.root(), pki().root()));
    assert!(same(loaded.intermediate(), pki().intermediate()));
    assert!(same(loaded.revoked(), pki().revoked()));
    assert!(same(loaded.expired(), pki().expired()));
    assert_eq!(loaded.people().len(), 2);
    for (a, b) in loaded.people().iter().zip(pki().people()) {
        assert_eq!(a.person, b.person);
        assert!(same(&a.auth, &b.auth) && same(&a.sign, &b.sign));
        assert_eq!(
            *a.sign.private_key_pem().unwrap(),
            *b.sign.private_key_pem().unwrap()
        );
    }
    assert_eq!(loaded.intermediate_crl_der(), pki().intermediate_crl_der());
    assert_eq!(loaded.root_crl_der(), pki().root_crl_der());
    assert_eq!(loaded.generated_at(), now());
    assert_eq!(loaded.options(), &DevPkiOptions::default());
    // The loaded keys sign what the original's trust accepts.
    let cms = loaded
        .sign_cms(&loaded.person(SAULE).unwrap().sign, DOCUMENT, now(), true)
        .unwrap();
    assert_valid(&verify(
        pki(),
        &cms,
        Some(DOCUMENT),
        Purpose::SignDocument,
        Some(SAULE),
    ));
}

#[test]
fn load_refuses_a_key_that_is_not_the_certificates() {
    let scratch = Scratch::new("mismatch");
    pki().save(&scratch.0).unwrap();
    let person = scratch.0.join("people").join(ERLAN);
    std::fs::copy(person.join("auth.key"), person.join("sign.key")).unwrap();
    let err = DevPki::load(&scratch.0).unwrap_err();
    assert!(matches!(err, DevPkiError::Load(_)), "{err}");
}

fn openssl_available() -> bool {
    Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn openssl_verifies(dir: &Path, cms: &[u8], content: Option<&[u8]>, name: &str) -> bool {
    let cms_file = dir.join(format!("{name}.p7s"));
    std::fs::write(&cms_file, cms).unwrap();
    let mut cmd = Command::new("openssl");
    cmd.args([
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-purpose",
        "any",
        "-crl_check_all",
    ])
    .args([
        "-attime",
        &later().as_second().to_string(),
        "-out",
        "/dev/null",
    ])
    .arg("-CAfile")
    .arg(dir.join("ca-bundle.pem"))
    .arg("-in")
    .arg(&cms_file)
    .env("OPENSSL_CONF", "/dev/null");
    if let Some(content) = content {
        let content_file = dir.join(format!("{name}.txt"));
        std::fs::write(&content_file, content).unwrap();
        cmd.arg("-content").arg(content_file);
    }
    let out = cmd.output().unwrap();
    println!(
        "openssl {name}: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    out.status.success()
}

#[test]
fn openssl_verifies_what_the_dev_pki_signs() {
    if !openssl_available() {
        println!("note: openssl is not on PATH; agreement with OpenSSL not checked");
        return;
    }
    let scratch = Scratch::new("openssl");
    pki().save(&scratch.0).unwrap();
    let erlan = pki().person(ERLAN).unwrap();
    let dir = &scratch.0;
    assert!(openssl_verifies(
        dir,
        &sign(&erlan.sign, DOCUMENT, false),
        None,
        "attached"
    ));
    assert!(openssl_verifies(
        dir,
        &sign(&erlan.sign, DOCUMENT, true),
        Some(DOCUMENT),
        "detached"
    ));
    assert!(openssl_verifies(
        dir,
        &sign(&erlan.auth, NONCE, false),
        None,
        "auth"
    ));
    assert!(!openssl_verifies(
        dir,
        &sign(pki().revoked(), DOCUMENT, false),
        None,
        "revoked"
    ));
    assert!(!openssl_verifies(
        dir,
        &sign(pki().expired(), DOCUMENT, false),
        None,
        "expired"
    ));
    let changed = "Өтініш: қандас мәртебесін беру!\n".as_bytes();
    assert!(!openssl_verifies(
        dir,
        &sign(&erlan.sign, DOCUMENT, true),
        Some(changed),
        "changed"
    ));
}
