//! `kandas files migrate`: a node's files move into the database every node shares (and back
//! to a disk), each copied once, the source kept.

use kandas_app::ports::Files;
use kandas_testkit::TestApp;

use super::{DataDir, ok};

async fn files_move_into_the_database_and_back(app: &TestApp) {
    let node = DataDir::new();
    let url = [("KANDAS_DATABASE_URL", app.database_url())];
    std::fs::create_dir_all(node.path("data/files")).unwrap();
    std::fs::write(node.path("data/files/att-1"), b"%PDF-1.7 one").unwrap();
    std::fs::write(node.path("data/files/att-2"), b"%PDF-1.7 two").unwrap();
    // A write in progress is not a file.
    std::fs::write(node.path("data/files/.att-3.tmp"), b"half").unwrap();

    let out = ok(&node.kandas(&["files", "migrate", "--to", "database"], &url));
    assert!(out.contains("copied 2 file(s)"), "{out}");
    let shared = app.store.files();
    assert_eq!(
        shared.get("att-1").await.unwrap().as_deref(),
        Some(&b"%PDF-1.7 one"[..])
    );
    assert_eq!(shared.get("att-3").await.unwrap(), None);
    let again = ok(&node.kandas(&["files", "migrate", "--to", "database"], &url));
    assert!(
        again.contains("copied 0 file(s)") && again.contains("2 were there already"),
        "{again}"
    );

    // Another node's empty disk gets them back.
    let other = DataDir::named("other");
    let out = ok(&other.kandas(&["files", "migrate", "--to", "local"], &url));
    assert!(out.contains("copied 2 file(s)"), "{out}");
    assert_eq!(
        std::fs::read(other.path("data/files/att-2")).unwrap(),
        b"%PDF-1.7 two"
    );
}

#[tokio::test]
async fn files_migrate_on_sqlite() {
    files_move_into_the_database_and_back(&TestApp::sqlite().await).await;
}

#[tokio::test]
async fn files_migrate_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    files_move_into_the_database_and_back(&app).await;
}
