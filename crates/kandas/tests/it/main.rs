//! The `kandas` binary as an administrator runs it: configuration, migrations, accounts, the
//! registry import and the calendar check, on a fresh data directory.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

mod audit;
mod bench_seed;
mod calendar;
mod dev_ncalayer;
mod files;
mod nodes;
mod retention;
mod seal;
mod seal_stamps;
mod server;
mod shutdown;

/// The master key of the tests' nodes (development would make one per data directory).
pub(crate) use kandas_testkit::MASTER_KEY;

pub(crate) struct DataDir(PathBuf);

impl DataDir {
    pub(crate) fn new() -> DataDir {
        DataDir::named("")
    }

    /// A second data directory of the same test (another machine's).
    pub(crate) fn named(name: &str) -> DataDir {
        let thread = format!("{:?}", std::thread::current().id()).replace(['(', ')'], "");
        let dir = std::env::temp_dir()
            .join(format!("kandas-cli-{}", std::process::id()))
            .join(format!("{thread}{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        DataDir(dir)
    }

    pub(crate) fn kandas(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kandas"));
        command
            .args(args)
            .current_dir(&self.0)
            .env_remove("KANDAS_DATABASE_URL")
            .env_remove("KANDAS_ENV")
            .env("KANDAS_DATA_DIR", self.0.join("data"))
            // Every node of a test shares its database, so they share the master key too.
            .env("KANDAS_MASTER_KEY", MASTER_KEY)
            .env("KANDAS_LOG", "warn")
            // No TSA unless a test starts one (development would ask 127.0.0.1:8080's).
            .env("KANDAS_AUDIT__TSA_URL", "");
        for (k, v) in env {
            command.env(k, v);
        }
        command.output().unwrap()
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

#[test]
fn calendar_due_prints_one_json_object() {
    let dir = DataDir::new();
    let out = ok(&dir.kandas(
        &[
            "calendar",
            "due",
            "--kind",
            "assignment",
            "--received",
            "2026-03-20T19:00",
        ],
        &[],
    ));
    // Friday evening before Nauryz: accepted Thursday 26 March (23–25 are days off), due 31 March.
    assert_eq!(
        out.trim(),
        r#"{"accepted":"2026-03-26","due":"2026-03-31","rule_set":"2025-10","calendar_confirmed":true}"#
    );
    let bad = dir.kandas(
        &[
            "calendar",
            "due",
            "--kind",
            "assignment",
            "--received",
            "yesterday",
        ],
        &[],
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("--received"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn an_edited_calendar_file_is_used() {
    let dir = DataDir::new();
    let shipped = include_str!("../../../domain/data/calendar.json");
    let mut calendar: serde_json::Value = serde_json::from_str(shipped).unwrap();
    let years = calendar["years"].as_array_mut().unwrap();
    let y2026 = years.iter_mut().find(|y| y["year"] == 2026).unwrap();
    // An extra day off on Monday 23 November 2026.
    y2026["days_off"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "date": "2026-11-23", "reason": "test", "basis": "published"
        }));
    std::fs::write(dir.path("calendar.json"), calendar.to_string()).unwrap();
    let file = dir.path("calendar.json");
    let env = [("KANDAS_CALENDAR_FILE", file.to_str().unwrap())];
    let out = ok(&dir.kandas(
        &[
            "calendar",
            "due",
            "--kind",
            "extension",
            "--received",
            "2026-11-20T19:00",
        ],
        &env,
    ));
    assert_eq!(
        out.trim(),
        r#"{"accepted":"2026-11-24","due":"2026-11-26","rule_set":"2025-10","calendar_confirmed":true}"#
    );
}

#[test]
fn accounts_and_registry_are_managed_from_the_command_line() {
    let dir = DataDir::new();
    ok(&dir.kandas(&["migrate"], &[]));
    let registry = r#"{"persons":[{"iin":"850302400014","surname":"Қасымова","given_name":"Динара",
        "surname_latin":"KASSYMOVA","given_name_latin":"DINARA","birth_date":"1985-03-02","sex":"female",
        "citizenship":"KAZ","nationality":"kazakh","phone":"+77051112233"}]}"#;
    std::fs::write(dir.path("registry.json"), registry).unwrap();
    let out = ok(&dir.kandas(
        &[
            "registry",
            "import",
            dir.path("registry.json").to_str().unwrap(),
        ],
        &[],
    ));
    assert!(out.contains("\"persons\":1"), "{out}");
    let add = [
        "user",
        "add",
        "--role",
        "officer",
        "--iin",
        "850302400014",
        "--office",
        "leb-astana",
        "--password",
        "long enough",
    ];
    let out = ok(&dir.kandas(&add, &[]));
    assert!(
        out.contains("officer") && out.contains("8503******14"),
        "{out}"
    );
    let again = dir.kandas(&add, &[]);
    assert!(!again.status.success() && text(&again.stderr).contains("user.exists"));
    let no_office = dir.kandas(
        &[
            "user",
            "add",
            "--role",
            "officer",
            "--iin",
            "870404300076",
            "--password",
            "long enough",
        ],
        &[],
    );
    assert!(
        text(&no_office.stderr).contains("user.office-required"),
        "{}",
        text(&no_office.stderr)
    );
    // The account's lifecycle: each change prints the account as it is now.
    let iin = ["--iin", "850302400014"];
    let change = |command: &str, extra: &[&str]| {
        let args: Vec<&str> = ["user", command]
            .iter()
            .chain(&iin)
            .chain(extra)
            .copied()
            .collect();
        ok(&dir.kandas(&args, &[]))
    };
    assert!(change("disable", &[]).contains(", disabled,"));
    assert!(change("enable", &[]).contains(", enabled,"));
    let out = change(
        "roles",
        &["--roles", "officer,head", "--office", "leb-astana"],
    );
    assert!(
        out.contains("roles officer,head, office leb-astana"),
        "{out}"
    );
    assert!(change("end-sessions", &[]).contains("0 live session(s)"));
    assert!(change("reset-password", &[]).contains("password reset pending"));
    let unknown = dir.kandas(&["user", "disable", "--iin", "870404300076"], &[]);
    assert!(!unknown.status.success() && text(&unknown.stderr).contains("not found"));
    let bad = dir.kandas(&["registry", "import", "/nonexistent.json"], &[]);
    assert!(!bad.status.success() && text(&bad.stderr).contains("/nonexistent.json"));
}

#[test]
fn production_refuses_development_conveniences() {
    let dir = DataDir::new();
    let production = [("KANDAS_ENV", "production")];
    let refused = dir.kandas(&["migrate"], &production);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("console SMS"),
        "{}",
        text(&refused.stderr)
    );
    let with_gateway = [
        ("KANDAS_ENV", "production"),
        ("KANDAS_SMS__SENDER", "http"),
        ("KANDAS_SMS__URL", "http://127.0.0.1:9/send"),
        ("KANDAS_SMS__TOKEN", "t"),
    ];
    let without_master_key = [with_gateway.as_slice(), &[("KANDAS_MASTER_KEY", "")]].concat();
    let no_key = dir.kandas(&["migrate"], &without_master_key);
    assert!(!no_key.status.success());
    assert!(
        text(&no_key.stderr).contains("KANDAS_MASTER_KEY"),
        "{}",
        text(&no_key.stderr)
    );
    let demo = dir.kandas(&["demo"], &with_gateway);
    assert!(!demo.status.success());
    assert!(
        text(&demo.stderr).contains("production refuses demo data"),
        "{}",
        text(&demo.stderr)
    );
}

#[test]
fn dev_pki_init_writes_keys_for_the_demo_people_outside_production() {
    let dir = DataDir::new();
    let out = ok(&dir.kandas(&["dev-pki", "init"], &[]));
    for expected in [
        "people/900101300811/sign.key",
        "root.crl",
        "IIN881115300022",
        "DEV",
    ] {
        assert!(out.contains(expected), "{expected} not in {out}");
    }
    let pki = dir.path("data/dev-pki");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(pki.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["people"].as_array().unwrap().len(), 5);
    assert!(pki.join("people/850302400014/auth.crt").is_file());
    let again = dir.kandas(&["dev-pki", "init"], &[]);
    assert!(!again.status.success() && text(&again.stderr).contains("--force"));
    ok(&dir.kandas(&["dev-pki", "init", "--force"], &[]));
    let production = [
        ("KANDAS_ENV", "production"),
        ("KANDAS_SMS__SENDER", "http"),
        ("KANDAS_SMS__URL", "http://127.0.0.1:9/send"),
        ("KANDAS_SMS__TOKEN", "t"),
    ];
    let refused = dir.kandas(&["dev-pki", "init", "--dir", "elsewhere"], &production);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("production refuses the development PKI"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!dir.path("elsewhere").exists());
}
