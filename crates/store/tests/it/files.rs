//! The `Files` port's two adapters, local disk and the database (on both backends), held to
//! one contract: put, read, replace, delete, bad keys refused; the database's files span
//! several chunks and are whole or absent.

use kandas_app::ports::files::Files;
use kandas_store::{LocalFiles, SqlStore};

fn scratch_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("kandas-files-{}", uuid::Uuid::new_v4()))
}

/// What every `Files` adapter does.
async fn contract(files: &dyn Files) {
    assert_eq!(files.get("a1-b2").await.unwrap(), None);
    files.put("a1-b2", b"%PDF-1.7 first").await.unwrap();
    assert_eq!(
        files.get("a1-b2").await.unwrap().as_deref(),
        Some(&b"%PDF-1.7 first"[..])
    );
    files.put("a1-b2", b"second").await.unwrap();
    assert_eq!(
        files.get("a1-b2").await.unwrap().as_deref(),
        Some(&b"second"[..])
    );
    files.put("empty", b"").await.unwrap();
    assert_eq!(files.get("empty").await.unwrap().as_deref(), Some(&b""[..]));
    files.delete("a1-b2").await.unwrap();
    assert_eq!(files.get("a1-b2").await.unwrap(), None);
    files.delete("a1-b2").await.unwrap();
    for key in [
        "",
        "../etc/passwd",
        "a/b",
        "A1",
        ".hidden",
        "a.pdf",
        "a b",
        "ключ",
        "a\0b",
        &"a".repeat(129),
    ] {
        assert!(files.put(key, b"x").await.is_err(), "{key:?}");
        assert!(files.get(key).await.is_err(), "{key:?}");
        assert!(files.delete(key).await.is_err(), "{key:?}");
    }
    assert!(kandas_store::valid_key(&"a".repeat(128)));
}

#[tokio::test]
async fn local_files_keep_the_contract_and_leave_no_temporary_files() {
    let dir = scratch_dir();
    let files = LocalFiles::new(dir.join("nested"));
    contract(&files).await;
    let names: Vec<_> = std::fs::read_dir(files.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("empty")],
        "no temporary files are left"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn local_files_refuse_path_keys_without_writing() {
    let dir = scratch_dir();
    let files = LocalFiles::new(&dir);
    assert!(files.put("../x", b"x").await.is_err());
    assert!(!dir.exists(), "nothing was written");
}

async fn database_files_keep_the_contract(s: &SqlStore) {
    let files = s.files();
    contract(&files).await;
    // Several chunks, read back in order; replaced by a shorter file, no chunk lingers.
    let big: Vec<u8> = (0..kandas_store::CHUNK * 2 + 17)
        .map(|i| u8::try_from(i % 251).unwrap())
        .collect();
    files.put("scan-1", &big).await.unwrap();
    assert_eq!(
        files.get("scan-1").await.unwrap().as_deref(),
        Some(&big[..])
    );
    files.put("scan-1", b"short").await.unwrap();
    assert_eq!(
        files.get("scan-1").await.unwrap().as_deref(),
        Some(&b"short"[..])
    );
}

conformance!(database_files_keep_the_contract);
