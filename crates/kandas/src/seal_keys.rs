//! `kandas seal`: the seal's keys, kept in the database under the master key
//! ([`kandas_app::keyring`]): the active signing key (and during a scheduled rotation the one
//! that takes over), the published key set (retired keys included, served as
//! `/.well-known/kandas-seal-keys.json`) and the key of the check codes printed on
//! certificates (never rotated, so that printed codes keep working).
//!
//! Development makes the first key on first start; production refuses to start without one
//! (`kandas seal init`). A data directory of an earlier version kept them in
//! `<data_dir>/seal/` (`keys.json`, `<kid>.key`, `code.key`): they are moved into the
//! database on first start ([`crate::keys::open`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use jiff::{SignedDuration, Timestamp};
use kandas_app::keyring::Keyring;
use kandas_app::ports::Clock as _;
use kandas_app::ports::clock::SystemClock;
use kandas_seal::{CodeKey, KeySet, Seal, SealKey};

use crate::cli::SealCommand;
use crate::config::{Config, DEFAULT_ROTATION_DELAY_SECONDS, Env};
use crate::keys::app;

const KEYS: &str = "keys.json";
const CODE_KEY: &str = "code.key";

/// `kandas seal init | rotate | keys`.
pub async fn command(config: &Config, command: &SealCommand) -> anyhow::Result<()> {
    let now = SystemClock.now();
    let store = crate::wiring::store(config).await?;
    let keyring = crate::keys::open(config, &store, now).await?;
    match command {
        SealCommand::Init => {
            let seal = keyring.init_seal(now, true).await.map_err(app)?;
            println!("made the seal key {} in the database", seal.kid());
        }
        SealCommand::Rotate { after_seconds } => {
            let delay = after_seconds.unwrap_or(DEFAULT_ROTATION_DELAY_SECONDS);
            let reload = config.keys.reload_every().as_secs();
            if delay < 2 * reload {
                bail!(
                    "the new key must take over at least two reloads ({}s) from now, so that \
                     every node holds it first ([keys] reload_seconds is {reload})",
                    2 * reload
                );
            }
            let delay = SignedDuration::from_secs(i64::try_from(delay).unwrap_or(i64::MAX));
            let rotation = keyring.rotate_seal(now, delay).await.map_err(app)?;
            println!(
                "retired the seal key {} (still published for verification); the key {} signs \
                 from {} on every node (each reloads the seal within {reload}s)",
                rotation.old, rotation.new, rotation.at
            );
        }
        SealCommand::Keys => println!("{}", published(&keyring).await?.to_json()),
    }
    Ok(())
}

/// The published keys of the seal in the database.
pub async fn published(keyring: &Keyring) -> anyhow::Result<KeySet> {
    match keyring.seal().await.map_err(app)? {
        Some((seal, _)) => Ok(seal.keys().clone()),
        None => bail!("there is no seal yet: make it with `kandas seal init`"),
    }
}

/// The seal and its record's version; in development the first key is made when there is none.
pub async fn load(
    config: &Config,
    keyring: &Keyring,
    now: Timestamp,
) -> anyhow::Result<(Seal, i64)> {
    if let Some(found) = keyring.seal().await.map_err(app)? {
        return Ok(found);
    }
    if config.env == Env::Production {
        bail!(
            "production needs the seal key in the database (make it once with `kandas seal init`)"
        );
    }
    let made = keyring.init_seal(now, false).await;
    match keyring.seal().await.map_err(app)? {
        Some(found) => {
            if made.is_ok() {
                tracing::info!(kid = found.0.kid(), "made the development seal key");
            }
            Ok(found)
        }
        None => Err(app(made.err().unwrap_or_else(|| {
            kandas_app::error::AppError::internal("the seal was made but does not read back")
        }))),
    }
}

/// Where an earlier version kept the seal's keys.
pub fn dir(config: &Config) -> PathBuf {
    config.data_dir.join("seal")
}

/// Whether `dir` holds a seal of an earlier version.
pub fn on_disk(dir: &Path) -> bool {
    dir.join(KEYS).exists()
}

/// The seal an earlier version kept in `dir`: the published set, its active key's private
/// half, the code key.
pub fn open_dir(dir: &Path) -> anyhow::Result<Seal> {
    let path = dir.join(KEYS);
    let json = std::fs::read_to_string(&path)
        .with_context(|| format!("reading the seal keys {}", path.display()))?;
    let keys = KeySet::from_json(&json)
        .with_context(|| format!("the seal keys {} are invalid", path.display()))?;
    let Some(active) = keys.active() else {
        bail!("{} has no active seal key", path.display());
    };
    let path = dir.join(format!("{}.key", active.kid));
    let key = SealKey::from_hex(&read_secret(&path)?)
        .with_context(|| format!("the seal key {} is invalid", path.display()))?;
    let path = dir.join(CODE_KEY);
    let codes = CodeKey::from_hex(&read_secret(&path)?)
        .with_context(|| format!("the check-code key {} is invalid", path.display()))?;
    Seal::new(key, keys, codes).with_context(|| format!("the seal in {}", dir.display()))
}

fn read_secret(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}
