//! The `Files` port on local disk: keys are checked (`[a-z0-9-]`, so never a path), contents
//! are written to a temporary file, flushed to disk and renamed into place.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use kandas_app::ports::files::{Files, FilesError, checked_key, valid_key};
use tokio::io::AsyncWriteExt as _;

/// Files in one directory on local disk.
#[derive(Debug, Clone)]
pub struct LocalFiles {
    dir: PathBuf,
}

fn err(what: &str, e: std::io::Error) -> FilesError {
    FilesError(Box::new(kandas_app::error::Context::new(what, e)))
}

impl LocalFiles {
    /// Files under `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> LocalFiles {
        LocalFiles { dir: dir.into() }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> Result<PathBuf, FilesError> {
        Ok(self.dir.join(checked_key(key)?))
    }
}

/// Flushes the directory entry itself, so that a rename survives a crash.
async fn sync_dir(dir: &Path) -> Result<(), FilesError> {
    match tokio::fs::File::open(dir).await {
        Ok(d) => d.sync_all().await.map_err(|e| err("sync directory", e)),
        // Some platforms cannot open directories; the data itself is synced already.
        Err(_) => Ok(()),
    }
}

#[async_trait]
impl Files for LocalFiles {
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), FilesError> {
        let path = self.path(key)?;
        tokio::fs::create_dir_all(&self.dir)
            .await
            .map_err(|e| err("create directory", e))?;
        // Temporary names start with a dot, which no key does.
        let tmp = self
            .dir
            .join(format!(".{key}.{}.tmp", uuid::Uuid::new_v4().simple()));
        let written = async {
            let mut f = tokio::fs::File::create(&tmp).await?;
            f.write_all(bytes).await?;
            f.sync_all().await?;
            drop(f);
            tokio::fs::rename(&tmp, &path).await
        }
        .await;
        if let Err(e) = written {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(err("write file", e));
        }
        sync_dir(&self.dir).await
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, FilesError> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(err("read file", e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), FilesError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Ok(()) => sync_dir(&self.dir).await,
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(err("delete file", e)),
        }
    }

    async fn keys(&self) -> Result<Vec<String>, FilesError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(err("list directory", e)),
        };
        let mut keys = Vec::new();
        for entry in entries {
            let name = entry.map_err(|e| err("list directory", e))?.file_name();
            if let Some(name) = name.to_str().filter(|n| valid_key(n)) {
                keys.push(name.to_owned());
            }
        }
        keys.sort();
        Ok(keys)
    }
}
