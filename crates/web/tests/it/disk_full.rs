//! A full disk under SQLite, for real: the database on a small tmpfs that the test fills to
//! the last byte. Writes answer a translated 503 with `Retry-After` and `/readyz` says the
//! write path fails; once space returns the next write succeeds, with no restart (the
//! connection that failed mid-transaction was discarded, not kept in a broken transaction).
//! Mounting needs the right to (root in CI); without it the test says so and skips.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use axum::http::StatusCode;
use kandas_testkit::TestApp;
use serde_json::json;

/// A tmpfs of a few megabytes, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(megabytes: u32) -> Option<Tmpfs> {
        let dir =
            std::env::temp_dir().join(format!("kandas-full-{}", kandas_app::secrets::new_id()));
        std::fs::create_dir_all(&dir).unwrap();
        let size = format!("size={megabytes}m");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &size, "tmpfs"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if mounted {
            Some(Tmpfs(dir))
        } else {
            let _ = std::fs::remove_dir(&dir);
            None
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Fills the file system of `dir` to the last byte; answers the filler's path.
fn fill(dir: &Path) -> PathBuf {
    let filler = dir.join("filler");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while file.write_all(&block).and_then(|()| file.flush()).is_ok() {}
    // A last partial block, byte by byte.
    while file.write_all(&[0]).is_ok() {}
    filler
}

async fn create(app: &TestApp, token: &str) -> (StatusCode, String, Option<String>) {
    let request = axum::http::Request::builder()
        .method("POST")
        .uri("/api/v1/applications")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(axum::body::Body::from(
            json!({ "kind": "assignment" }).to_string(),
        ))
        .unwrap();
    let (status, headers, body) = app.send(request).await;
    let retry = headers
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, String::from_utf8_lossy(&body).into_owned(), retry)
}

#[tokio::test]
async fn a_full_disk_fails_writes_until_space_returns() {
    let Some(disk) = Tmpfs::mount(24) else {
        eprintln!("cannot mount a tmpfs here (not root?): skipping the disk-full test");
        return;
    };
    let dir = disk.0.join("app");
    std::fs::create_dir_all(&dir).unwrap();
    let app = TestApp::sqlite_in(dir).await;
    let token = app.sign_in("900101300811").await;
    // Every later commit must grow the write-ahead log onto the full disk.
    let raw = app.raw_pool().await;
    kandas_testkit::sql::exec(&raw, "PRAGMA wal_checkpoint(TRUNCATE)").await;
    raw.close().await;

    let filler = fill(&disk.0);
    for _ in 0..3 {
        let (status, body, retry) = create(&app, &token).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(body.contains("service.unavailable"), "{body}");
        assert_eq!(retry.as_deref(), Some("5"));
        let (status, _, body) = app.request("GET", "/readyz", None, None).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    }

    std::fs::remove_file(filler).unwrap();
    let (status, body, _) = create(&app, &token).await;
    assert_eq!(status, StatusCode::CREATED, "writes resume: {body}");
    let (status, _, body) = app.request("GET", "/readyz", None, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    drop(app);
}
