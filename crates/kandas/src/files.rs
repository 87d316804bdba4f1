//! `kandas files migrate --to database|local`: copies every stored file from the other store,
//! so that a node's files can move into the database every node shares (or back).

use kandas_app::ports::Files;

use crate::config::{Config, FileStore};
use crate::wiring::{local_files, wire};

/// Copies each file missing at `to` from the other store, reading it back to compare; files
/// already there are counted and left. The source keeps its files.
pub async fn migrate(config: &Config, to: FileStore) -> anyhow::Result<()> {
    let wired = wire(config).await?;
    let local = local_files(config);
    let database = wired.store.files();
    let (keys, from, into): (Vec<String>, &dyn Files, &dyn Files) = match to {
        FileStore::Database => (local.keys()?, &local, &database),
        FileStore::Local => (database.keys().await?, &database, &local),
    };
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
        match to {
            FileStore::Database => "the database",
            FileStore::Local => "local disk",
        }
    );
    Ok(())
}
