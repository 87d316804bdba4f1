//! `[files]`: where stored files (attachments, scans) live.

use serde::{Deserialize, Serialize};

use super::Config;

/// Where stored files live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FileStore {
    /// `$KANDAS_DATA_DIR/files` on this node's disk: one node only.
    Local,
    /// In the database (`file_chunks`): every node on it sees every file.
    Database,
}

/// Stored files (`[files]`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FilesConfig {
    /// `local` or `database`; default: `database` on PostgreSQL (where several nodes may
    /// share it), `local` on the embedded SQLite.
    #[serde(default)]
    pub store: Option<FileStore>,
}

impl Config {
    /// Where stored files live: as configured, or by the database's kind.
    pub fn file_store(&self) -> FileStore {
        self.files.store.unwrap_or_else(|| {
            if self.database_url().starts_with("postgres") {
                FileStore::Database
            } else {
                FileStore::Local
            }
        })
    }
}
