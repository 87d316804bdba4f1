//! `kandas audit verify | seal | export`: the tamper-evident trail from the command line. The
//! chain's logic is `kandas_app::audit_chain` (pure) and `kandas_app::audit_trail` (the use
//! cases); this is the wiring, the files and the printing.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, anyhow, bail};
use kandas_app::audit_chain::bundle::Bundle;
use kandas_app::audit_trail;
use kandas_app::ports::Clock;
use kandas_app::ports::clock::SystemClock;
use kandas_integrations::HttpTimeStamps;
use kandas_seal::KeySet;

use crate::cli::AuditCommand;
use crate::config::Config;
use crate::wiring::wire;

/// Runs the command; `false` when a verification found something wrong.
pub async fn run(config: &Config, command: AuditCommand) -> anyhow::Result<bool> {
    match command {
        AuditCommand::Verify {
            bundle: Some(bundle),
            keys,
            ..
        } => verify_bundle(config, &bundle, keys.as_deref()),
        AuditCommand::Verify { from, keys, .. } => {
            let wired = wire(config).await?;
            let keys = match keys {
                Some(path) => read_keys(&path)?,
                None => wired.service.seal.keys(),
            };
            let report = audit_trail::verify(&wired.service, from, &keys)
                .await
                .map_err(failed)?;
            print!("{}", report.lines());
            Ok(report.ok())
        }
        AuditCommand::Seal => {
            let wired = wire(config).await?;
            let seal = audit_trail::seal_now(&wired.service)
                .await
                .map_err(failed)?;
            println!(
                "sealed position {} (hash {}) at {} with the key {}",
                seal.position, seal.hash, seal.sealed_at, seal.kid
            );
            Ok(true)
        }
        AuditCommand::Export { from, to, out } => {
            if to < from {
                bail!("--to {to} is before --from {from}");
            }
            let wired = wire(config).await?;
            let user = std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
            let bundle = audit_trail::export(
                &wired.service,
                from,
                to,
                audit_trail::ExportedBy::Command(&format!("cli:{user}")),
            )
            .await
            .map_err(failed)?;
            std::fs::write(&out, bundle.to_json())
                .with_context(|| format!("writing {}", out.display()))?;
            let report = bundle.verify(&wired.service.seal.keys(), &*wired.service.timestamps);
            println!("wrote {}: {}", out.display(), report.lines().trim_end());
            Ok(true)
        }
    }
}

fn failed(e: kandas_app::AppError) -> anyhow::Error {
    anyhow!("{} ({})", kandas_app::error::Chain(&e), e.code())
}

fn read_keys(path: &Path) -> anyhow::Result<KeySet> {
    let json = std::fs::read_to_string(path)
        .with_context(|| format!("reading the seal keys {}", path.display()))?;
    KeySet::from_json(&json)
        .with_context(|| format!("the seal keys {} are invalid", path.display()))
}

/// Verifies a bundle with no database: every row must be covered by a verified seal, since a
/// bundle is evidence only as far as a signature reaches; the seals' timestamps are checked
/// against this machine's trust anchors (`[eds] anchors`) when it has any.
fn verify_bundle(config: &Config, path: &Path, keys: Option<&Path>) -> anyhow::Result<bool> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let bundle = match Bundle::parse(&bytes) {
        Ok(bundle) => bundle,
        Err(e) => {
            println!("NOT VERIFIED: {} is damaged: {e}", path.display());
            return Ok(false);
        }
    };
    let keys = match keys {
        Some(path) => read_keys(path)?,
        None => {
            let keys = bundle.keys()?;
            let kids: Vec<&str> = keys.keys().iter().map(|k| k.kid.as_str()).collect();
            println!(
                "note: checked against the keys the bundle carries ({}); compare them with the \
                 authority's published keys, or pass them with --keys",
                kids.join(", ")
            );
            keys
        }
    };
    let trust = crate::wiring::trust_store(config)?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let stamps =
        HttpTimeStamps::new(None, trust, clock).context("setting up the check of timestamps")?;
    let report = bundle.verify(&keys, &stamps);
    print!("{}", report.lines());
    if report.ok() && report.unsealed > 0 {
        println!(
            "NOT VERIFIED: {} row(s) of the bundle are after its last seal; export again after \
             the next seal",
            report.unsealed
        );
        return Ok(false);
    }
    Ok(report.ok())
}
