//! The hash chain over the audit trail: concurrent writers never fork it, the trail and its
//! seals refuse UPDATE and DELETE from the application's own connection, rows written before
//! the chain stay outside it, and seals are kept in order.

use kandas_app::audit_chain::{Anchor, AuditSeal, Verifier, hash_hex};
use kandas_app::ports::store::prelude::*;
use kandas_store::SqlStore;
use kandas_store::scratch::{drop_postgres_database, fresh_postgres_url};
use sqlx::AnyPool;

use crate::harness::{audit, iin, t};

conformance!(
    concurrent_audited_writes_never_fork_the_chain,
    concurrent_lists_and_reads_keep_every_row,
    seals_are_kept_in_order,
);

/// Verifies the whole chain in the database with the pure verifier.
async fn verify(s: &SqlStore) -> kandas_app::audit_chain::VerifyReport {
    let head = s.chain_head().await.unwrap();
    let mut v = Verifier::new(Anchor::GENESIS, Vec::new());
    for row in s.chain_rows(0, 10_000).await.unwrap() {
        v.push(&row);
    }
    v.finish(Some(head.position))
}

async fn concurrent_audited_writes_never_fork_the_chain(s: &SqlStore) {
    let head = s.chain_head().await.unwrap();
    assert_eq!(
        (head.position, head.hash.as_str()),
        (0, "0".repeat(64).as_str())
    );
    let tasks: Vec<_> = (0..50)
        .map(|n| {
            let s = s.clone();
            tokio::spawn(async move {
                let mut a = audit(
                    "staff.read-case",
                    t("2026-11-23T05:00:00Z"),
                    Some(iin(n % 4)),
                    None,
                );
                a.request_id = format!("req-{n}");
                s.audit(&a).await.unwrap();
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let report = verify(s).await;
    assert!(report.ok(), "{}", report.lines());
    assert_eq!((report.rows, report.last), (50, 50));
    let rows = s.chain_rows(0, 100).await.unwrap();
    let positions: Vec<i64> = rows.iter().filter_map(|r| r.position).collect();
    assert_eq!(positions, (1..=50).collect::<Vec<i64>>());
    assert!(rows.windows(2).all(|w| w[0].seq < w[1].seq));
    let head = s.chain_head().await.unwrap();
    assert_eq!(head.position, 50);
    assert_eq!(Some(head.hash), rows[49].hash.clone());
    // Every request's row is there once.
    let mut ids: Vec<String> = rows.iter().map(|r| r.fields.request_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50);
}

/// Lists (several rows a request) and single reads arriving together are committed together
/// (group commit), and every row of every request is there, in one unbroken chain, once each.
async fn concurrent_lists_and_reads_keep_every_row(s: &SqlStore) {
    let tasks: Vec<_> = (0..40)
        .map(|n| {
            let s = s.clone();
            tokio::spawn(async move {
                let row = |k: usize| {
                    let mut a = audit(
                        "staff.read-queue",
                        t("2026-11-23T05:00:00Z"),
                        Some(iin(k % 4)),
                        None,
                    );
                    a.request_id = format!("req-{n}-{k}");
                    a
                };
                if n % 2 == 0 {
                    s.audit_all(&[row(0), row(1), row(2)]).await.unwrap();
                } else {
                    s.audit(&row(0)).await.unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    s.audit_all(&[]).await.unwrap();
    let report = verify(s).await;
    assert!(report.ok(), "{}", report.lines());
    assert_eq!(report.rows, 20 * 3 + 20);
    let rows = s.chain_rows(0, 1000).await.unwrap();
    let mut ids: Vec<String> = rows.iter().map(|r| r.fields.request_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 80, "every row once");
    // A list's rows stay together and in their order.
    for n in (0..40).step_by(2) {
        let at: Vec<usize> = (0..3)
            .map(|k| {
                rows.iter()
                    .position(|r| r.fields.request_id == format!("req-{n}-{k}"))
                    .unwrap()
            })
            .collect();
        assert_eq!(at, vec![at[0], at[0] + 1, at[0] + 2], "request {n}");
    }
}

async fn seals_are_kept_in_order(s: &SqlStore) {
    assert!(s.seals().await.unwrap().is_empty());
    let seal = |position: u64, at: &str| AuditSeal {
        position,
        hash: hash_hex(&[position as u8; 32]),
        sealed_at: t(at),
        kid: "kid-1".into(),
        cose: vec![0xd2, position as u8, 0xff],
        // One seal timestamped, to see the token come back as stored.
        timestamp: (position == 7).then(|| vec![0x30, 0x03, 0x02, 0x01, 0x07]),
    };
    s.add_seal(&seal(7, "2026-11-23T06:00:00Z")).await.unwrap();
    s.add_seal(&seal(3, "2026-11-23T05:00:00Z")).await.unwrap();
    assert_eq!(
        s.seals().await.unwrap(),
        [
            seal(3, "2026-11-23T05:00:00Z"),
            seal(7, "2026-11-23T06:00:00Z")
        ]
    );
}

/// A database for raw SQL beside the store: a SQLite file or a fresh PostgreSQL database.
struct Raw {
    url: String,
    admin: Option<String>,
}

impl Raw {
    fn sqlite() -> Raw {
        let path = std::env::temp_dir().join(format!("kandas-{}.db", uuid::Uuid::new_v4()));
        Raw {
            url: format!("sqlite://{}?mode=rwc", path.display()),
            admin: None,
        }
    }

    async fn postgres() -> Option<Raw> {
        let admin = std::env::var("KANDAS_TEST_POSTGRES_URL").ok()?;
        Some(Raw {
            url: fresh_postgres_url(&admin).await.unwrap(),
            admin: Some(admin),
        })
    }

    async fn finish(self) {
        if let Some(admin) = self.admin {
            drop_postgres_database(&admin, &self.url).await.unwrap();
        }
    }
}

async fn refuses(pool: &AnyPool, sql: &str) {
    let outcome = sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await;
    let error = outcome.expect_err(sql).to_string();
    assert!(error.contains("append-only"), "{sql}: {error}");
}

async fn the_trail_is_append_only(url: &str) {
    let store = SqlStore::connect(url).await.unwrap();
    store.migrate().await.unwrap();
    store
        .audit(&audit(
            "auth.login",
            t("2026-11-23T05:00:00Z"),
            Some(iin(0)),
            None,
        ))
        .await
        .unwrap();
    store
        .add_seal(&AuditSeal {
            position: 1,
            hash: "00".repeat(32),
            sealed_at: t("2026-11-23T06:00:00Z"),
            kid: "k".into(),
            cose: vec![1],
            timestamp: None,
        })
        .await
        .unwrap();
    // The same URL, so the same role as the application.
    let pool = AnyPool::connect(url).await.unwrap();
    refuses(&pool, "UPDATE audit SET action = 'auth.logout'").await;
    refuses(&pool, "DELETE FROM audit").await;
    refuses(&pool, "UPDATE audit_seals SET position = 2").await;
    refuses(&pool, "DELETE FROM audit_seals").await;
    if url.starts_with("postgres") {
        refuses(&pool, "TRUNCATE audit").await;
    }
    pool.close().await;
    assert_eq!(verify(&store).await.rows, 1);
    assert_eq!(store.seals().await.unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn sqlite_refuses_update_and_delete_on_the_trail() {
    let raw = Raw::sqlite();
    the_trail_is_append_only(&raw.url).await;
    raw.finish().await;
}

#[tokio::test]
async fn postgres_refuses_the_applications_update_and_delete_on_the_trail() {
    let Some(raw) = Raw::postgres().await else {
        eprintln!("note: KANDAS_TEST_POSTGRES_URL is not set; PostgreSQL variant skipped");
        return;
    };
    the_trail_is_append_only(&raw.url).await;
    raw.finish().await;
}

async fn rows_before_the_chain_stay_outside(url: &str) {
    let store = SqlStore::connect(url).await.unwrap();
    store.migrate_up_to(11).await.unwrap();
    let pool = AnyPool::connect(url).await.unwrap();
    for n in 1..=2 {
        sqlx::query(
            "INSERT INTO audit (at, action, request_id, details_json) VALUES ($1, 'auth.login', $2, '{}')",
        )
        .bind("2026-11-01T05:00:00.000000000Z")
        .bind(format!("old-{n}"))
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;
    store.migrate().await.unwrap();
    let head = store.chain_head().await.unwrap();
    assert_eq!((head.position, head.started_after_seq), (0, 2));
    store
        .audit(&audit(
            "auth.login",
            t("2026-11-23T05:00:00Z"),
            Some(iin(0)),
            None,
        ))
        .await
        .unwrap();
    assert_eq!(store.unchained_rows().await.unwrap(), [1, 2]);
    let rows = store.chain_rows(0, 10).await.unwrap();
    assert_eq!(
        rows.iter().map(|r| (r.seq, r.position)).collect::<Vec<_>>(),
        [(3, Some(1))]
    );
    assert!(verify(&store).await.ok());
    store.close().await;
}

#[tokio::test]
async fn sqlite_rows_before_the_chain_stay_outside() {
    let raw = Raw::sqlite();
    rows_before_the_chain_stay_outside(&raw.url).await;
    raw.finish().await;
}

#[tokio::test]
async fn postgres_rows_before_the_chain_stay_outside() {
    let Some(raw) = Raw::postgres().await else {
        return;
    };
    rows_before_the_chain_stay_outside(&raw.url).await;
    raw.finish().await;
}
