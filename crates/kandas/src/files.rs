//! `kandas files migrate [--from local|database|s3] --to local|database|s3`: copies every
//! stored file from one store to another, so that a node's files can move into a store every
//! node shares (the database, an S3 bucket), or between them.

use anyhow::bail;

use crate::config::{Config, FileStore};
use crate::wiring::{files_in, wire};

fn name(kind: FileStore) -> &'static str {
    match kind {
        FileStore::Database => "the database",
        FileStore::Local => "local disk",
        FileStore::S3 => "the S3 bucket",
    }
}

/// Copies each file missing at `to` from `from` (default: local disk, or the database when
/// the files go to local disk), reading it back to compare; files already there are counted
/// and left. The source keeps its files.
pub async fn migrate(
    config: &Config,
    from: Option<FileStore>,
    to: FileStore,
) -> anyhow::Result<()> {
    let from = from.unwrap_or(if to == FileStore::Local {
        FileStore::Database
    } else {
        FileStore::Local
    });
    if from == to {
        bail!("the files are in {} already: give another --from", name(to));
    }
    let wired = wire(config).await?;
    let source = files_in(config, from, &wired.store)?;
    let target = files_in(config, to, &wired.store)?;
    let keys = source.keys().await?;
    let (from, into) = (source.as_ref(), target.as_ref());
    let (mut copied, mut present, mut bytes) = (0usize, 0usize, 0usize);
    for key in &keys {
        let Some(content) = from.get(key).await? else {
            continue; // removed meanwhile
        };
        if let Some(there) = into.get(key).await? {
            anyhow::ensure!(
                there == content,
                "file {key} differs between the stores: left as it is; compare them by hand"
            );
            present += 1;
            continue;
        }
        into.put(key, &content).await?;
        let back = into.get(key).await?;
        anyhow::ensure!(
            back.as_deref() == Some(&content[..]),
            "file {key} did not read back the same after copying"
        );
        copied += 1;
        bytes += content.len();
    }
    println!(
        "copied {copied} file(s) ({bytes} bytes) to {}; {present} were there already; the source keeps its files",
        name(to)
    );
    Ok(())
}
