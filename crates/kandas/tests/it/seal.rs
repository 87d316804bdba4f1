//! `kandas seal` and `kandas verify`: the seal's keys in the database under the master key,
//! their rotation, the keys of an older data directory moved in, offline verification of a QR
//! address, a bare payload, a text file and a certificate PDF, and production's refusal to
//! start without a master key or a seal.

use std::sync::Arc;

use jiff::civil::date;
use kandas_app::keyring::{Keyring, MasterKey};
use kandas_documents::{Bilingual, Certificate, Holder};
use kandas_seal::{Claims, CodeKey, KeySet, Seal, SealKey, format_code, link};

use crate::{DataDir, ok, text};

const PUBLIC_URL: &str = "https://kandas.example";

/// The seal in the data directory's database, opened with the tests' master key.
fn seal_of(dir: &DataDir) -> Seal {
    let data = dir.path("data");
    let master = crate::MASTER_KEY;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let url = format!("sqlite://{}/kandas.db", data.display());
        let store = kandas_store::SqlStore::connect(&url).await.unwrap();
        let keyring = Keyring::new(Arc::new(store), MasterKey::from_hex(master).unwrap());
        keyring
            .seal()
            .await
            .unwrap()
            .expect("a seal in the database")
            .0
    })
}

fn claims(seal: &Seal) -> Claims {
    Claims {
        number: "KC-2026-000001".into(),
        name_cyrillic: "Серікбаев Ерлан Маратұлы".into(),
        name_latin: "SERIKBAYEV YERLAN".into(),
        birth_date: date(1990, 1, 1),
        valid_until: date(2027, 11, 23),
        extended: false,
        issuer: "leb-astana".into(),
        issued_on: date(2026, 11, 23),
        signed_at: seal.keys().active().unwrap().not_before,
    }
}

/// A certificate PDF whose QR code carries `url`.
fn certificate_pdf(url: &str, code: &str) -> Vec<u8> {
    let holder = Holder {
        name_cyrillic: "Серікбаев Ерлан Маратұлы".into(),
        name_latin: "SERIKBAYEV YERLAN".into(),
        birth_date: date(1990, 1, 1),
        iin: Some("900101300811".into()),
        country: Bilingual::new("Қытай", "Китай"),
    };
    let certificate = Certificate {
        number: "KC-2026-000001".into(),
        issued_on: date(2026, 11, 23),
        valid_until: date(2027, 11, 23),
        holder,
        members: Vec::new(),
        issuer: Bilingual::new("Астана қаласының әкімдігі", "Акимат города Астаны"),
        verify_url: url.into(),
        code: code.into(),
    };
    kandas_documents::certificate(&certificate).unwrap()
}

#[test]
fn verify_checks_addresses_payloads_and_pdfs_offline_across_a_rotation() {
    let dir = DataDir::new();
    let made = ok(&dir.kandas(&["seal", "init"], &[]));
    assert!(made.starts_with("made the seal key "), "{made}");
    let seal = seal_of(&dir);
    let url = link(
        PUBLIC_URL,
        "KC-2026-000001",
        &seal.sign(&claims(&seal)).unwrap(),
    );

    let out = ok(&dir.kandas(&["verify", &url], &[]));
    for expected in [
        "certificate   KC-2026-000001",
        "Серікбаев Ерлан Маратұлы",
        "SERIKBAYEV YERLAN",
        "valid until   2027-11-23",
        "issuer        leb-astana",
        "live status   https://kandas.example/verify/KC-2026-000001",
        &format!("valid signature by key {}", seal.kid()),
    ] {
        assert!(out.contains(expected), "{expected:?} missing:\n{out}");
    }
    let payload = url.split_once('#').unwrap().1;
    ok(&dir.kandas(&["verify", payload], &[]));

    // A text file with the address, and the certificate's PDF (its QR code read from the page).
    std::fs::write(dir.path("qr.txt"), format!("{url}\n")).unwrap();
    ok(&dir.kandas(&["verify", dir.path("qr.txt").to_str().unwrap()], &[]));
    let code = format_code(&seal.code("KC-2026-000001"));
    std::fs::write(dir.path("certificate.pdf"), certificate_pdf(&url, &code)).unwrap();
    let out = ok(&dir.kandas(
        &["verify", dir.path("certificate.pdf").to_str().unwrap()],
        &[],
    ));
    assert!(out.contains("valid signature by key"), "{out}");

    // One changed byte: a non-zero exit and the reason.
    let mut sealed = kandas_seal::parse_sealed(&url).unwrap().bytes;
    let last = sealed.len() - 70;
    sealed[last] ^= 0x20;
    let changed = link(PUBLIC_URL, "KC-2026-000001", &sealed);
    let failed = dir.kandas(&["verify", &changed], &[]);
    assert!(!failed.status.success());
    let out = text(&failed.stdout);
    assert!(
        out.contains("INVALID") && out.contains("seal.bad-signature"),
        "{out}"
    );
    let garbage = dir.kandas(&["verify", "not a seal"], &[]);
    assert!(!garbage.status.success());
    assert!(text(&garbage.stdout).contains("seal.malformed"));

    // After a rotation the old key is still published and still verifies what it signed.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let rotated = ok(&dir.kandas(&["seal", "rotate"], &[]));
    assert!(rotated.contains(seal.kid()), "{rotated}");
    let published = ok(&dir.kandas(&["seal", "keys"], &[]));
    let keys = KeySet::from_json(&published).unwrap();
    assert_eq!(keys.keys().len(), 2);
    assert_ne!(keys.active().unwrap().kid, seal.kid());
    ok(&dir.kandas(&["verify", &url], &[]));

    // Against a downloaded key set: the published one verifies, a stranger's does not know it.
    std::fs::write(dir.path("published.json"), &published).unwrap();
    let keys_file = dir.path("published.json");
    ok(&dir.kandas(
        &["verify", "--keys", keys_file.to_str().unwrap(), &url],
        &[],
    ));
    let stranger = KeySet::first(&SealKey::from_seed([3; 32]), claims(&seal).signed_at);
    std::fs::write(dir.path("stranger.json"), stranger.to_json()).unwrap();
    let stranger_file = dir.path("stranger.json");
    let unknown = dir.kandas(
        &["verify", "--keys", stranger_file.to_str().unwrap(), &url],
        &[],
    );
    assert!(!unknown.status.success());
    assert!(text(&unknown.stdout).contains("seal.unknown-key"));
}

#[test]
fn development_makes_its_seal_key_on_first_start_and_keeps_it() {
    let dir = DataDir::new();
    ok(&dir.kandas(&["migrate"], &[]));
    let first = seal_of(&dir);
    ok(&dir.kandas(&["migrate"], &[]));
    assert_eq!(seal_of(&dir).kid(), first.kid());
    assert_eq!(seal_of(&dir).keys().keys().len(), 1);
    assert!(!dir.path("data").join("master.key").exists());
}

#[test]
fn development_without_a_master_key_makes_one_in_the_data_directory() {
    let dir = DataDir::new();
    let unset = [("KANDAS_MASTER_KEY", "")];
    ok(&dir.kandas(&["migrate"], &unset));
    let path = dir.path("data").join("master.key");
    let made = std::fs::read_to_string(&path).unwrap();
    assert_eq!(made.trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    ok(&dir.kandas(&["migrate"], &unset));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), made, "kept");
    let keys = ok(&dir.kandas(&["seal", "keys"], &unset));
    assert_eq!(KeySet::from_json(&keys).unwrap().keys().len(), 1);
    // The tests' own master key does not open what this one sealed.
    let refused = dir.kandas(&["seal", "keys"], &[]);
    assert!(!refused.status.success());
}

#[test]
fn production_refuses_to_start_without_a_seal_key() {
    let dir = DataDir::new();
    let production = [
        ("KANDAS_ENV", "production"),
        ("KANDAS_SMS__SENDER", "http"),
        ("KANDAS_SMS__URL", "http://127.0.0.1:9/send"),
        ("KANDAS_SMS__TOKEN", "t"),
    ];
    let master = "ab".repeat(32);
    let production = [
        production.as_slice(),
        &[("KANDAS_MASTER_KEY", master.as_str())],
    ]
    .concat();
    let refused = dir.kandas(&["migrate"], &production);
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(stderr.contains("kandas seal init"), "{stderr}");
    assert!(
        !dir.path("data").join("seal").exists(),
        "no key is made in production"
    );
    ok(&dir.kandas(&["seal", "init"], &production));
    ok(&dir.kandas(&["migrate"], &production));
    let again = dir.kandas(&["seal", "init"], &production);
    assert!(
        !again.status.success(),
        "a second init would orphan the first key"
    );
    assert!(
        !dir.path("data").join("master.key").exists(),
        "production never makes a master key of its own"
    );

    // Another master key does not open the keys: a clear refusal, nothing made anew.
    let other = "cd".repeat(32);
    let mut wrong = production.clone();
    wrong.last_mut().unwrap().1 = other.as_str();
    let refused = dir.kandas(&["migrate"], &wrong);
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("does not open with this master key"),
        "{stderr}"
    );
    let short = [production.as_slice(), &[("KANDAS_MASTER_KEY", "abcd")]].concat();
    let refused = dir.kandas(&["migrate"], &short);
    assert!(
        text(&refused.stderr).contains("64 hex characters"),
        "{}",
        text(&refused.stderr)
    );
    ok(&dir.kandas(&["migrate"], &production));
}

#[test]
fn the_keys_of_an_older_data_directory_move_into_the_database() {
    let dir = DataDir::new();
    let data = dir.path("data");
    let seal_dir = data.join("seal");
    std::fs::create_dir_all(&seal_dir).unwrap();
    let key = SealKey::from_seed([8; 32]);
    let codes = CodeKey::from_bytes([9; 32]);
    let keys = KeySet::first(&key, "2026-01-01T00:00:00Z".parse().unwrap());
    std::fs::write(seal_dir.join("keys.json"), keys.to_json()).unwrap();
    std::fs::write(seal_dir.join(format!("{}.key", key.kid())), key.to_hex()).unwrap();
    std::fs::write(seal_dir.join("code.key"), codes.to_hex()).unwrap();
    std::fs::write(data.join("otp.key"), "ef".repeat(32)).unwrap();
    ok(&dir.kandas(&["migrate"], &[]));
    let seal = seal_of(&dir);
    assert_eq!(seal.kid(), key.kid());
    assert_eq!(seal.code("KC-2026-000001"), codes.code("KC-2026-000001"));
    let published = ok(&dir.kandas(&["seal", "keys"], &[]));
    assert_eq!(KeySet::from_json(&published).unwrap(), keys);
}
