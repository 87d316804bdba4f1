//! The seal's keys on disk, in `<data_dir>/seal/`:
//!
//! - `keys.json`: the published JWK set (retired keys included), served as
//!   `/.well-known/kandas-seal-keys.json`;
//! - `<kid>.key`: the active private key's seed, 64 hex characters, readable by the owner only
//!   (a retired key's file is deleted: retired keys only verify);
//! - `code.key`: the key of the check codes printed on certificates (never rotated, so that
//!   printed codes keep working).
//!
//! Development makes the first key on first start; production refuses to start without one
//! (`kandas seal init`).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use jiff::Timestamp;
use kandas_app::ports::Clock as _;
use kandas_app::ports::clock::SystemClock;
use kandas_seal::{CodeKey, KeySet, Seal, SealKey};

use crate::cli::SealCommand;
use crate::config::{Config, Env};

const KEYS: &str = "keys.json";
const CODE_KEY: &str = "code.key";

/// `kandas seal init | rotate | keys`.
pub fn command(config: &Config, command: &SealCommand) -> anyhow::Result<()> {
    let dir = dir(config);
    let now = SystemClock.now();
    match command {
        SealCommand::Init => {
            let kid = init(&dir, now)?;
            println!("made the seal key {kid} in {}", dir.display());
        }
        SealCommand::Rotate => {
            let (old, new) = rotate(&dir, now)?;
            println!(
                "retired the seal key {old} (still published for verification); \
                 the active key is {new}. Restart every node so that it signs with the new key."
            );
        }
        SealCommand::Keys => println!("{}", published(&dir)?.to_json()),
    }
    Ok(())
}

/// Where the seal's keys live.
pub fn dir(config: &Config) -> PathBuf {
    config.data_dir.join("seal")
}

/// The seal of the data directory; in development the first key is made when there is none.
pub fn load(config: &Config, now: Timestamp) -> anyhow::Result<Seal> {
    let dir = dir(config);
    if !dir.join(KEYS).exists() {
        if config.env == Env::Production {
            bail!(
                "production needs the seal key in {} (make it once with `kandas seal init`)",
                dir.display()
            );
        }
        let kid = init(&dir, now)?;
        tracing::info!(kid, "made the development seal key");
    }
    open(&dir)
}

/// The published keys of the seal in `dir`.
pub fn published(dir: &Path) -> anyhow::Result<KeySet> {
    let path = dir.join(KEYS);
    let json = std::fs::read_to_string(&path)
        .with_context(|| format!("reading the seal keys {}", path.display()))?;
    KeySet::from_json(&json)
        .with_context(|| format!("the seal keys {} are invalid", path.display()))
}

/// The seal in `dir`: the published set, its active key's private half, the code key.
pub fn open(dir: &Path) -> anyhow::Result<Seal> {
    let keys = published(dir)?;
    let Some(active) = keys.active() else {
        bail!("{} has no active seal key", dir.join(KEYS).display());
    };
    let path = dir.join(format!("{}.key", active.kid));
    let key = SealKey::from_hex(&read_secret(&path)?)
        .with_context(|| format!("the seal key {} is invalid", path.display()))?;
    let path = dir.join(CODE_KEY);
    let codes = CodeKey::from_hex(&read_secret(&path)?)
        .with_context(|| format!("the check-code key {} is invalid", path.display()))?;
    Seal::new(key, keys, codes).with_context(|| format!("the seal in {}", dir.display()))
}

/// Makes the first seal key, in use from `now`, and the check-code key; answers the key id.
pub fn init(dir: &Path, now: Timestamp) -> anyhow::Result<String> {
    if dir.join(KEYS).exists() {
        bail!(
            "{} already holds a seal: rotate it with `kandas seal rotate`",
            dir.display()
        );
    }
    let key = SealKey::from_seed(random());
    let codes = CodeKey::from_bytes(random());
    write(&dir.join(format!("{}.key", key.kid())), &key.to_hex(), true)?;
    if !dir.join(CODE_KEY).exists() {
        write(&dir.join(CODE_KEY), &codes.to_hex(), true)?;
    }
    write_atomically(&dir.join(KEYS), &KeySet::first(&key, now).to_json())?;
    Ok(key.kid().to_owned())
}

/// Retires the active key at `now` (it stays published) and makes a new active key; answers
/// the old and the new key ids.
pub fn rotate(dir: &Path, now: Timestamp) -> anyhow::Result<(String, String)> {
    let seal = open(dir)?;
    let old = seal.kid().to_owned();
    let mut keys = seal.keys().clone();
    let key = SealKey::from_seed(random());
    keys.rotate(&key, now)
        .context("the new key must start after the active one")?;
    write(&dir.join(format!("{}.key", key.kid())), &key.to_hex(), true)?;
    // The key set is the switch: until it is replaced, the old key is still the active one.
    write_atomically(&dir.join(KEYS), &keys.to_json())?;
    let retired = dir.join(format!("{old}.key"));
    std::fs::remove_file(&retired)
        .with_context(|| format!("deleting the retired key {}", retired.display()))?;
    Ok((old, key.kid().to_owned()))
}

fn random() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    rand::Rng::fill(&mut rand::rng(), &mut bytes);
    bytes
}

fn read_secret(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Writes a file; a secret one readable by the owner only.
fn write(path: &Path, contents: &str, secret: bool) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    std::io::Write::write_all(&mut file, contents.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

/// Writes beside and renames, so that a reader sees the old file or the new one, never half.
fn write_atomically(path: &Path, contents: &str) -> anyhow::Result<()> {
    let temporary = path.with_extension("json.new");
    write(&temporary, contents, false)?;
    std::fs::rename(&temporary, path).with_context(|| format!("replacing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rotated_seal_keeps_the_old_key_published_and_its_codes() {
        let dir = std::env::temp_dir().join(format!("kandas-seal-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let start: Timestamp = "2026-11-01T00:00:00Z".parse().unwrap();
        let first = init(&dir, start).unwrap();
        assert!(
            init(&dir, start).is_err(),
            "a second init would orphan the first key"
        );
        let code = open(&dir).unwrap().code("KC-2026-000001");
        let (old, new) = rotate(&dir, "2026-12-01T00:00:00Z".parse().unwrap()).unwrap();
        assert_eq!(old, first);
        let seal = open(&dir).unwrap();
        assert_eq!(seal.kid(), new);
        assert_eq!(seal.keys().keys().len(), 2);
        assert!(seal.keys().find(&old).unwrap().not_after.is_some());
        assert!(!dir.join(format!("{old}.key")).exists());
        assert_eq!(seal.code("KC-2026-000001"), code);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(format!("{new}.key")))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
