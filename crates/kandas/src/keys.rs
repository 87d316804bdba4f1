//! The keyring as the binary opens it: the master key from the configuration, the keys of an
//! older data directory moved into the database, and the seal kept current on every node.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, anyhow, bail};
use jiff::Timestamp;
use kandas_app::error::Chain;
use kandas_app::keyring::{self, Keyring, MasterKey, SealCell};
use kandas_store::SqlStore;

use crate::config::{Config, Env};
use crate::shutdown::Stop;

/// The master key: `KANDAS_MASTER_KEY` (when not empty), else `[keys] master_key_file`, else in development
/// `<data_dir>/master.key` (made on first start); production refuses to start without one.
pub fn master_key(config: &Config) -> anyhow::Result<MasterKey> {
    if let Some(key) = config
        .master_key
        .as_ref()
        .filter(|k| !k.expose().trim().is_empty())
    {
        return MasterKey::from_hex(key.expose())
            .map_err(|e| anyhow!("KANDAS_MASTER_KEY: {}", Chain(&e)));
    }
    if let Some(path) = &config.keys.master_key_file {
        return read_master(path);
    }
    if config.env == Env::Production {
        bail!(
            "production needs the master key that opens the service's keys in the database: \
             KANDAS_MASTER_KEY or [keys] master_key_file (64 hex characters, the same on every \
             node; make one with `openssl rand -hex 32`)"
        );
    }
    let path = config.data_dir.join("master.key");
    if path.exists() {
        return read_master(&path);
    }
    let key = MasterKey::random();
    write_secret(&path, &key.to_hex())?;
    tracing::info!(path = %path.display(), "made the development master key");
    Ok(key)
}

/// Writes a new secret file, readable by the owner only.
fn write_secret(path: &Path, contents: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    std::io::Write::write_all(&mut file, contents.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

fn read_master(path: &Path) -> anyhow::Result<MasterKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the master key {}", path.display()))?;
    MasterKey::from_hex(&text).map_err(|e| anyhow!("{}: {}", path.display(), Chain(&e)))
}

/// The keyring of `store` under the configured master key, with the keys an older data
/// directory kept on disk (`otp.key`, `seal/`) moved in when the database has none yet.
pub async fn open(config: &Config, store: &SqlStore, now: Timestamp) -> anyhow::Result<Keyring> {
    let keyring = Keyring::new(Arc::new(store.clone()), master_key(config)?);
    let otp = config.data_dir.join("otp.key");
    if otp.exists() && keyring.read(keyring::OTP).await.map_err(app)?.is_none() {
        let text =
            std::fs::read_to_string(&otp).with_context(|| format!("reading {}", otp.display()))?;
        let bytes =
            hex::decode(text.trim()).with_context(|| format!("{} is not hex", otp.display()))?;
        if keyring.add(keyring::OTP, &bytes, now).await.map_err(app)? {
            tracing::info!(file = %otp.display(), "moved the one-time-code key into the database; the file may be deleted");
        }
    }
    let dir = crate::seal_keys::dir(config);
    if crate::seal_keys::on_disk(&dir) && keyring.seal().await.map_err(app)?.is_none() {
        let seal = crate::seal_keys::open_dir(&dir)?;
        if keyring.add_seal(&seal, now, None).await.map_err(app)? {
            tracing::info!(dir = %dir.display(), "moved the seal's keys into the database; the directory may be deleted");
        }
    }
    Ok(keyring)
}

/// An error of the keyring, for the binary.
pub fn app(e: kandas_app::error::AppError) -> anyhow::Error {
    anyhow!("{}", Chain(&e))
}

/// Reloads the seal every `every` (`[keys] reload_seconds`) until `stop`, so that a rotation made on
/// any node is in use here before its new key takes over.
pub async fn keep_current(
    keyring: Keyring,
    seal: Arc<SealCell>,
    every: std::time::Duration,
    mut stop: Stop,
) {
    loop {
        if stop.sleep(every).await {
            return;
        }
        match seal.reload(&keyring).await {
            Ok(false) => {}
            Ok(true) => tracing::info!(kid = %seal.current().kid(), "reloaded the rotated seal"),
            Err(e) => {
                tracing::error!(error = %Chain(&e), "reloading the seal failed; retrying later")
            }
        }
    }
}
