//! `[files]`: where stored files (attachments, scans) live.

use serde::{Deserialize, Serialize};

use super::{Config, Secret};

/// Where stored files live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FileStore {
    /// `$KANDAS_DATA_DIR/files` on this node's disk: one node only.
    Local,
    /// In the database (`file_chunks`): every node on it sees every file.
    Database,
    /// In an S3-compatible bucket (`[files.s3]`): every node on it sees every file.
    S3,
}

/// Stored files (`[files]`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FilesConfig {
    /// `local`, `database` or `s3`; default: `database` on PostgreSQL (where several nodes
    /// may share it), `local` on the embedded SQLite.
    #[serde(default)]
    pub store: Option<FileStore>,
    /// The bucket, for `store = "s3"`.
    #[serde(default)]
    pub s3: Option<S3Settings>,
}

/// `[files.s3]`: an S3-compatible bucket.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct S3Settings {
    /// The service's address; default: AWS's for the region.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The bucket.
    pub bucket: String,
    /// The region (default `us-east-1`).
    #[serde(default)]
    pub region: Option<String>,
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: Secret,
    /// A prefix for every key (default none).
    #[serde(default)]
    pub prefix: Option<String>,
    /// Timeout of one request, milliseconds (default 30000).
    #[serde(default)]
    pub timeout_ms: Option<u64>,
}

impl S3Settings {
    /// The adapter's settings.
    pub fn adapter(&self) -> kandas_integrations::S3Config {
        kandas_integrations::S3Config {
            endpoint: self.endpoint.clone(),
            bucket: self.bucket.clone(),
            region: self.region.clone().unwrap_or_else(|| "us-east-1".into()),
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.expose().to_owned(),
            prefix: self.prefix.clone().unwrap_or_default(),
            timeout_ms: self.timeout_ms.unwrap_or(30_000),
        }
    }
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
