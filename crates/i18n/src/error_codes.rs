//! Every error code written in the Rust sources has a text in every language.

use std::path::Path;

const GROUPS: [&str; 20] = [
    "duty",
    "extension",
    "certificate",
    "calendar",
    "desk",
    "custody",
    "review",
    "seal",
    "iin",
    "field",
    "request",
    "auth",
    "otp",
    "application",
    "attachment",
    "sign",
    "document",
    "decision",
    "user",
    "service",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// String literals of the form `"group.code"` for a known group. Audit action names share
/// the shape but are not messages: lines that speak of an audit record or action are skipped.
fn codes_in(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            let line = line.to_lowercase();
            !line.contains("audit") && !line.contains("action")
        })
        .flat_map(literal_codes)
        .collect()
}

fn literal_codes(line: &str) -> Vec<String> {
    line.split('"')
        .skip(1)
        .step_by(2)
        .filter(|lit| {
            lit.split_once('.').is_some_and(|(group, code)| {
                GROUPS.contains(&group)
                    && !code.is_empty()
                    && code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
            })
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_error_code_in_the_sources_is_translated() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    for name in ["domain", "app", "web", "integrations"] {
        rust_files(&crates.join(name).join("src"), &mut files);
    }
    let mut missing = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for code in codes_in(&text) {
            if !super::exists_everywhere(&code) {
                missing.push(format!("{code} ({})", file.display()));
            }
        }
    }
    assert!(files.len() > 20, "the sources were not found");
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "untranslated codes: {missing:#?}");
}

#[test]
fn every_signature_verdict_is_translated() {
    let missing: Vec<_> = kandas_pki::CODES
        .iter()
        .filter(|c| !super::exists_everywhere(c))
        .collect();
    assert!(
        missing.is_empty(),
        "untranslated signature codes: {missing:?}"
    );
}

#[test]
fn the_scanner_finds_codes() {
    assert_eq!(
        codes_in(r#"AppError::Code("otp.locked"), "x.y", "field.Bad""#),
        vec!["otp.locked"]
    );
    assert!(codes_in(r#"service.audit_by(actor, "application.create")"#).is_empty());
}
