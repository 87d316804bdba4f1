//! Backends for the conformance suite, fixtures, and the macro that runs each test on both.

use jiff::Timestamp;
use kandas_app::ports::store::{AuditRecord, NewDraft};
use kandas_domain::application::{Channel, Form, Kind};
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use kandas_store::SqlStore;
use kandas_store::scratch::{drop_postgres_database, fresh_postgres_url};

/// A migrated store and what to clean up afterwards.
pub struct TestDb {
    pub store: SqlStore,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Database { admin: String, url: String },
}

impl TestDb {
    /// The database's URL, for a connection of a test's own (the EXPLAIN test's).
    pub fn url(&self) -> String {
        match &self.cleanup {
            Cleanup::File(path) => format!("sqlite://{}", path.display()),
            Cleanup::Database { url, .. } => url.clone(),
        }
    }

    pub async fn finish(self) {
        self.store.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Database { admin, url } => {
                drop_postgres_database(&admin, &url).await.unwrap();
            }
        }
    }
}

pub async fn sqlite() -> TestDb {
    let path = std::env::temp_dir().join(format!("kandas-{}.db", uuid::Uuid::new_v4()));
    let store = SqlStore::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    assert!(
        store.migrate().await.unwrap() >= 2,
        "every migration applies to a fresh database"
    );
    assert_eq!(
        store.migrate().await.unwrap(),
        0,
        "migrations are idempotent"
    );
    TestDb {
        store,
        cleanup: Cleanup::File(path),
    }
}

pub async fn postgres() -> Option<TestDb> {
    let Ok(admin) = std::env::var("KANDAS_TEST_POSTGRES_URL") else {
        eprintln!("note: KANDAS_TEST_POSTGRES_URL is not set; PostgreSQL variant skipped");
        return None;
    };
    let url = fresh_postgres_url(&admin).await.unwrap();
    let store = SqlStore::connect(&url).await.unwrap();
    assert!(
        store.migrate().await.unwrap() >= 2,
        "every migration applies to a fresh database"
    );
    assert_eq!(
        store.migrate().await.unwrap(),
        0,
        "migrations are idempotent"
    );
    Some(TestDb {
        store,
        cleanup: Cleanup::Database { admin, url },
    })
}

/// Runs each named `async fn(&SqlStore)` of the calling module on SQLite and on PostgreSQL.
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let db = crate::harness::sqlite().await;
                    super::$name(&db.store).await;
                    db.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let Some(db) = crate::harness::postgres().await else { return };
                    super::$name(&db.store).await;
                    db.finish().await;
                }
            )*
        }
    };
}

pub fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

pub fn iin(n: usize) -> Iin {
    let all = [
        "931002451325",
        "900101300811",
        "850302400014",
        "700701300067",
    ];
    Iin::parse(all[n]).unwrap()
}

pub fn app_id(n: u32) -> ApplicationId {
    ApplicationId::parse(&format!("00000000-0000-4000-8000-{n:012}")).unwrap()
}

pub fn office(region: &str) -> OfficeCode {
    OfficeCode::parse(&format!("leb-{region}")).unwrap()
}

/// An audit record of the action whose stored code is `action`.
pub fn audit(
    action: &str,
    at: Timestamp,
    subject: Option<Iin>,
    app: Option<ApplicationId>,
) -> AuditRecord {
    AuditRecord {
        at,
        actor: None,
        actor_iin: subject.clone(),
        role: None,
        subject,
        application: app,
        action: kandas_domain::audit::AuditAction::parse(action).unwrap(),
        request_id: "req-1".to_owned(),
        details: serde_json::json!({ "k": "v" }),
    }
}

pub fn draft(n: u32, applicant: Iin, office: Option<OfficeCode>, at: Timestamp) -> NewDraft {
    NewDraft {
        id: app_id(n),
        kind: Kind::Assignment,
        channel: Channel::Portal,
        applicant: applicant.clone(),
        form: Form::default(),
        office,
        intake_office: None,
        at,
        audit: audit("application.create", at, Some(applicant), Some(app_id(n))),
        open_drafts_limit: None,
        idempotency: None,
    }
}
