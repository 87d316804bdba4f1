//! The local files adapter.

use kandas_app::ports::files::Files;
use kandas_store::LocalFiles;

fn scratch_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("kandas-files-{}", uuid::Uuid::new_v4()))
}

#[tokio::test]
async fn files_are_put_read_replaced_and_deleted() {
    let dir = scratch_dir();
    let files = LocalFiles::new(dir.join("nested"));
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
    let names: Vec<_> = std::fs::read_dir(files.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("a1-b2")],
        "no temporary files are left"
    );
    files.delete("a1-b2").await.unwrap();
    assert_eq!(files.get("a1-b2").await.unwrap(), None);
    files.delete("a1-b2").await.unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn keys_that_could_be_paths_are_refused() {
    let dir = scratch_dir();
    let files = LocalFiles::new(&dir);
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
    assert!(!dir.exists(), "nothing was written");
    assert!(kandas_store::valid_key(&"a".repeat(128)));
}
