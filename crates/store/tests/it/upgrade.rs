//! Upgrading a database that holds data: the desk migration rebuilds SQLite's `applications`
//! and `evidence` tables (a CHECK constraint cannot change in place) and must keep every row and
//! every foreign key that points at them.

use kandas_app::ports::store::prelude::*;
use kandas_domain::ids::ApplicationId;
use kandas_store::SqlStore;
use kandas_store::scratch::{drop_postgres_database, fresh_postgres_url};
use sqlx::AnyPool;

const APP: &str = "00000000-0000-4000-8000-000000000001";

/// Rows as version 2 of the schema wrote them: a registered application with an attachment,
/// signature evidence, an idempotency key and a certificate pointing at it.
const V2_ROWS: &[&str] = &[
    "INSERT INTO applications (id, number, kind, channel, applicant, office, form_json, status, \
     status_json, due_date, version, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', \
     'KND-2026-000001', 'assignment', 'portal', '900101300811', 'leb-astana', '{\"region\":null,\"country_of_origin\":null,\"identity_document\":null,\"education\":null,\"profession\":null,\"address\":null,\"consent_via_foreign_mission\":false,\"members\":[]}', 'draft', \
     '{\"status\":\"draft\"}', NULL, 3, '2026-11-23T05:00:00.000000000Z', '2026-11-23T05:00:00.000000000Z')",
    "INSERT INTO attachments (id, application_id, document_type, member_id, file_name, file_type, size, \
     sha256, storage_key, uploaded_at) VALUES ('00000000-0000-4000-8000-0000000000a1', \
     '00000000-0000-4000-8000-000000000001', 'personal_history', NULL, 'a.pdf', 'application/pdf', 3, \
     'ab', 'att-a1', '2026-11-23T05:00:00.000000000Z')",
    "INSERT INTO idempotency (scope, key, application_id, created_at) VALUES ('u:create', 'k1', \
     '00000000-0000-4000-8000-000000000001', '2026-11-23T05:00:00.000000000Z')",
];

async fn upgrade_keeps_rows(url: &str) {
    let store = SqlStore::connect(url).await.unwrap();
    assert_eq!(store.migrate_up_to(2).await.unwrap(), 2);
    let pool = AnyPool::connect(url).await.unwrap();
    for sql in V2_ROWS {
        sqlx::raw_sql(sqlx::AssertSqlSafe(*sql))
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
    assert!(store.migrate().await.unwrap() >= 1);
    let id = ApplicationId::parse(APP).unwrap();
    let app = store
        .application(&id)
        .await
        .unwrap()
        .expect("the application survived");
    assert_eq!(app.number.as_str(), "KND-2026-000001");
    assert_eq!(app.version, 3);
    assert_eq!(app.intake_office, None);
    assert!(app.custody.lines.is_empty());
    let files = store.attachments(&id).await.unwrap();
    assert_eq!(
        files.len(),
        1,
        "the attachment still points at its application"
    );
    assert_eq!(files[0].disposal, None);
    store.close().await;
}

#[tokio::test]
async fn sqlite_upgrade_keeps_every_row() {
    let path = std::env::temp_dir().join(format!("kandas-up-{}.db", uuid::Uuid::new_v4()));
    upgrade_keeps_rows(&format!("sqlite://{}", path.display())).await;
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

#[tokio::test]
async fn postgres_upgrade_keeps_every_row() {
    let Ok(admin) = std::env::var("KANDAS_TEST_POSTGRES_URL") else {
        return;
    };
    let url = fresh_postgres_url(&admin).await.unwrap();
    upgrade_keeps_rows(&url).await;
    drop_postgres_database(&admin, &url).await.unwrap();
}
