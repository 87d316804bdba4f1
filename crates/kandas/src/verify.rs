//! `kandas verify FILE-OR-PAYLOAD`: checks a certificate's seal offline against the published
//! keys (the database's, or a downloaded `kandas-seal-keys.json`). The argument is the
//! QR address, the bare payload, a text file holding either, or the certificate's PDF, whose QR
//! code is read from the rendered page.

use std::path::Path;

use anyhow::{Context, anyhow, bail};
use kandas_seal::{KeySet, Verified};

use crate::config::Config;

/// What a verification found: the report to print, or why it failed.
pub struct Outcome {
    /// The lines to print.
    pub report: String,
    /// Whether the seal verified.
    pub valid: bool,
}

/// The keys to check against: the file `keys`, or the seal's published keys in the database.
pub async fn keys(config: &Config, keys: Option<&Path>) -> anyhow::Result<KeySet> {
    match keys {
        Some(path) => {
            let json = std::fs::read_to_string(path)
                .with_context(|| format!("reading the seal keys {}", path.display()))?;
            KeySet::from_json(&json)
                .with_context(|| format!("the seal keys {} are invalid", path.display()))
        }
        None => {
            let store = crate::wiring::store(config).await?;
            let now = kandas_app::ports::Clock::now(&kandas_app::ports::clock::SystemClock);
            let keyring = crate::keys::open(config, &store, now).await?;
            crate::seal_keys::published(&keyring).await
        }
    }
}

/// Verifies `target` against `keys`.
pub fn run(keys: &KeySet, target: &str) -> anyhow::Result<Outcome> {
    let candidates = sealed_texts(target)?;
    let mut failure = None;
    for text in &candidates {
        match kandas_seal::verify_text(keys, text) {
            Ok(verified) => {
                return Ok(Outcome {
                    report: report(&verified, text),
                    valid: true,
                });
            }
            Err(e) => failure = Some(e),
        }
    }
    let failure = failure.ok_or_else(|| anyhow!("nothing to verify"))?;
    Ok(Outcome {
        report: format!("INVALID: {failure} ({})\n", failure.code()),
        valid: false,
    })
}

/// The texts to try: the QR codes of a PDF, the content of a text file, or the argument.
fn sealed_texts(target: &str) -> anyhow::Result<Vec<String>> {
    let path = Path::new(target);
    if !path.is_file() {
        return Ok(vec![target.to_owned()]);
    }
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if !bytes.starts_with(b"%PDF-") {
        let text = String::from_utf8(bytes)
            .with_context(|| format!("{} is neither a PDF nor text", path.display()))?;
        return Ok(vec![text.trim().to_owned()]);
    }
    let codes = kandas_documents::inspect::qr_codes(&bytes)
        .map_err(|e| anyhow!("reading the QR codes of {}: {e}", path.display()))?;
    if codes.is_empty() {
        bail!("{} has no readable QR code", path.display());
    }
    Ok(codes)
}

fn report(verified: &Verified, text: &str) -> String {
    let c = &verified.claims;
    let mut lines = vec![
        format!("certificate   {}", c.number),
        format!("holder        {}", c.name_cyrillic),
        format!("              {}", c.name_latin),
        format!("born          {}", c.birth_date),
        format!(
            "valid until   {}{}",
            c.valid_until,
            if c.extended { " (extended)" } else { "" }
        ),
        format!("issued on     {}", c.issued_on),
        format!("issuer        {}", c.issuer),
        format!("signed at     {}", c.signed_at),
    ];
    let page = kandas_seal::page_of(text);
    if page != text {
        lines.push(format!("live status   {page}"));
    }
    lines.push(format!("valid signature by key {}", verified.kid));
    lines.join("\n") + "\n"
}
