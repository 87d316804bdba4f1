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

#[tokio::test]
async fn files_migrate_to_and_from_s3() {
    let Some(server) = kandas_testkit::s3::S3Server::start().await else {
        eprintln!("KANDAS_TEST_S3_SERVER is not set: skipping the S3 run");
        return;
    };
    let app = TestApp::sqlite().await;
    let node = DataDir::new();
    let env = [
        ("KANDAS_DATABASE_URL", app.database_url()),
        ("KANDAS_FILES__S3__ENDPOINT", server.endpoint.as_str()),
        ("KANDAS_FILES__S3__BUCKET", kandas_testkit::s3::BUCKET),
        ("KANDAS_FILES__S3__ACCESS_KEY_ID", "kandas-test"),
        ("KANDAS_FILES__S3__SECRET_ACCESS_KEY", "kandas-test-secret"),
        ("KANDAS_FILES__S3__PREFIX", "migrated"),
    ];
    std::fs::create_dir_all(node.path("data/files")).unwrap();
    std::fs::write(node.path("data/files/att-1"), b"%PDF-1.7 one").unwrap();
    let out = ok(&node.kandas(&["files", "migrate", "--to", "s3"], &env));
    assert!(
        out.contains("copied 1 file(s)") && out.contains("S3"),
        "{out}"
    );
    let bucket = kandas_integrations::S3Files::new(&server.config("migrated")).unwrap();
    assert_eq!(
        bucket.get("att-1").await.unwrap().as_deref(),
        Some(&b"%PDF-1.7 one"[..])
    );
    // From the bucket into the database, and a refusal to copy a store onto itself.
    let out = ok(&node.kandas(
        &["files", "migrate", "--from", "s3", "--to", "database"],
        &env,
    ));
    assert!(out.contains("copied 1 file(s)"), "{out}");
    assert!(app.store.files().get("att-1").await.unwrap().is_some());
    let same = node.kandas(&["files", "migrate", "--from", "s3", "--to", "s3"], &env);
    assert!(!same.status.success());
}
