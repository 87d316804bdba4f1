//! The master key and `[keys]`: what opens the service's keys in the database, and how often
//! a node reloads them.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How often a node reloads the seal by default: a rotation takes over
/// [`DEFAULT_ROTATION_DELAY_SECONDS`] after it is made, three reloads later.
pub const DEFAULT_RELOAD_SECONDS: u64 = 20;

/// How long after `kandas seal rotate` the new key takes over by default.
pub const DEFAULT_ROTATION_DELAY_SECONDS: u64 = 60;

/// `[keys]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KeysConfig {
    /// A file holding the master key (64 hex characters), when `KANDAS_MASTER_KEY` is not set.
    #[serde(default)]
    pub master_key_file: Option<PathBuf>,
    /// How often the seal is reloaded from the database, seconds (default 20).
    #[serde(default)]
    pub reload_seconds: Option<u64>,
}

impl KeysConfig {
    /// The reload period.
    pub fn reload_every(&self) -> Duration {
        Duration::from_secs(self.reload_seconds.unwrap_or(DEFAULT_RELOAD_SECONDS).max(1))
    }
}
