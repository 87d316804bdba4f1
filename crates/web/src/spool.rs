//! A file upload on its way in, spooled to a temporary file on this node's disk as its chunks
//! arrive: a slow client holds a few kilobytes of memory, not its whole file, for as long as it
//! takes to send it. The file is read back once whole, for the content check and the store, and
//! removed however the request ends.

use std::path::PathBuf;

use kandas_app::AppError;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// One upload's temporary file (owner-only), removed when dropped.
pub struct Spool {
    path: PathBuf,
    file: tokio::fs::File,
    len: usize,
}

fn unavailable(e: std::io::Error) -> AppError {
    AppError::Unavailable(Box::new(kandas_app::error::Context::new(
        "spooling an upload to the temporary directory",
        e,
    )))
}

impl Spool {
    /// A new empty spool file in `dir` (made if missing).
    pub async fn new(dir: &std::path::Path) -> Result<Spool, AppError> {
        tokio::fs::create_dir_all(dir).await.map_err(unavailable)?;
        let path = dir.join(format!("upload-{}", kandas_app::secrets::new_id()));
        let mut options = tokio::fs::OpenOptions::new();
        options.write(true).read(true).create_new(true);
        #[cfg(unix)]
        options.mode(0o600);
        let file = options.open(&path).await.map_err(unavailable)?;
        Ok(Spool { path, file, len: 0 })
    }

    /// Appends `chunk`.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), AppError> {
        self.file.write_all(chunk).await.map_err(unavailable)?;
        self.len += chunk.len();
        Ok(())
    }

    /// How many bytes it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The whole file, read back (the spool file goes when `self` is dropped).
    pub async fn read_all(mut self) -> Result<Vec<u8>, AppError> {
        self.file.flush().await.map_err(unavailable)?;
        let mut bytes = Vec::with_capacity(self.len);
        let mut file = tokio::fs::File::open(&self.path)
            .await
            .map_err(unavailable)?;
        file.read_to_end(&mut bytes).await.map_err(unavailable)?;
        Ok(bytes)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Where uploads are spooled unless configured: the system's temporary directory, in a folder
/// of ours (`kandas serve` spools in `<data_dir>/spool`, on the node's disk).
pub fn default_dir() -> PathBuf {
    std::env::temp_dir().join("kandas-uploads")
}

/// Removes the spool files a killed process left in `dir` (at start, before any upload);
/// answers how many.
pub fn clear(dir: &std::path::Path) -> std::io::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with("upload-") {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_spool_gives_back_what_was_written_and_leaves_nothing() {
        let dir =
            std::env::temp_dir().join(format!("kandas-spool-{}", kandas_app::secrets::new_id()));
        let mut spool = Spool::new(&dir).await.unwrap();
        spool.write(b"%PDF-1.7 ").await.unwrap();
        spool.write(b"rest").await.unwrap();
        assert_eq!(spool.len(), 13);
        assert_eq!(spool.read_all().await.unwrap(), b"%PDF-1.7 rest");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "removed");
        let dropped = Spool::new(&dir).await.unwrap();
        drop(dropped);
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            0,
            "removed when dropped"
        );
        std::fs::remove_dir(&dir).unwrap();
    }
}
