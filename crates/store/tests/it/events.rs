//! The case's events: written with the change that causes them, read back in order, read for
//! the public figures by kind and period, and rebuilt from the audit rows of cases that existed
//! before migration 0013.

use jiff::civil::date;
use kandas_app::ports::store::prelude::*;
use kandas_domain::application::events::{DecidedAs, EventKind};
use kandas_domain::ids::ApplicationId;
use kandas_store::SqlStore;
use kandas_store::scratch::{drop_postgres_database, fresh_postgres_url};
use sqlx::AnyPool;

use crate::harness::{app_id, audit, draft, iin, office, t};
use crate::status::{certificate, decide, submit};

conformance!(
    a_case_s_events_are_written_with_its_changes_and_never_by_reads,
    the_figures_read_events_by_kind_and_period,
);

async fn kinds(s: &SqlStore, app: &ApplicationId) -> Vec<EventKind> {
    s.case_events(app)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.kind)
        .collect()
}

async fn a_case_s_events_are_written_with_its_changes_and_never_by_reads(s: &SqlStore) {
    let app = app_id(1);
    s.create_draft(&draft(
        1,
        iin(0),
        Some(office("astana")),
        t("2026-11-23T05:00:00Z"),
    ))
    .await
    .unwrap();
    assert_eq!(kinds(s, &app).await, [EventKind::Created]);
    s.change_status(&submit(&app, 1, date(2026, 12, 7)))
        .await
        .unwrap();
    // A stale change writes no event.
    assert!(
        s.change_status(&submit(&app, 1, date(2026, 12, 7)))
            .await
            .is_err()
    );
    for _ in 0..250 {
        s.audit(&audit(
            "staff.read-case",
            t("2026-11-24T05:00:00Z"),
            Some(iin(0)),
            Some(app.clone()),
        ))
        .await
        .unwrap();
    }
    s.change_status(&decide(&app, 2, certificate(1, 0, date(2027, 12, 1))))
        .await
        .unwrap();
    let events = s.case_events(&app).await.unwrap();
    let seen: Vec<_> = events.iter().map(|e| (e.seq, e.event.kind)).collect();
    assert_eq!(
        seen,
        [
            (1, EventKind::Created),
            (2, EventKind::Submitted),
            (3, EventKind::Decided)
        ]
    );
    let decided = &events[2];
    assert_eq!(decided.event.at, t("2026-12-01T06:00:00Z"));
    assert_eq!(decided.event.facts.outcome, Some(DecidedAs::Assigned));
    assert_eq!(decided.event.facts.accepted, Some(date(2026, 11, 23)));
    assert_eq!(decided.event.facts.due, Some(date(2026, 12, 7)));
    assert_eq!(decided.office, Some(office("astana")));
    assert_eq!(events[1].event.facts.due, Some(date(2026, 12, 7)));
}

async fn the_figures_read_events_by_kind_and_period(s: &SqlStore) {
    for (n, region) in [(1, "astana"), (2, "almaty-city")] {
        let app = app_id(n);
        s.create_draft(&draft(
            n,
            iin(0),
            Some(office(region)),
            t("2026-11-23T05:00:00Z"),
        ))
        .await
        .unwrap();
        s.change_status(&submit(&app, 1, date(2026, 12, 7)))
            .await
            .unwrap();
    }
    s.change_status(&decide(&app_id(1), 2, certificate(1, 0, date(2027, 12, 1))))
        .await
        .unwrap();
    let all = s
        .office_events(
            &[EventKind::Submitted, EventKind::Decided],
            t("2026-11-01T00:00:00Z"),
            t("2027-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let seen: Vec<_> = all
        .iter()
        .map(|e| (e.office.clone().unwrap(), e.event.kind))
        .collect();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[2], (office("astana"), EventKind::Decided));
    let december = s
        .office_events(
            &[EventKind::Submitted, EventKind::Decided],
            t("2026-12-01T00:00:00Z"),
            t("2027-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    assert_eq!(december.len(), 1, "the period bounds the events read");
}

const APP: &str = "00000000-0000-4000-8000-000000000001";

/// A case decided before its events were kept: its application row and audit rows as the
/// schema up to migration 0011 held them, with 300 reads among them.
fn old_rows() -> Vec<String> {
    let status = r#"{"v":1,"status":"registered","registered_at":"2026-11-23T05:00:00Z","deadline":{"accepted":"2026-11-23","due":"2026-12-21","rule_set":"2025-10"},"signed_by":"eds","document_sha256":"cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"}"#;
    let mut rows = vec![format!(
        "INSERT INTO applications (id, number, kind, channel, applicant, office, form_json, \
         status, status_json, due_date, version, created_at, updated_at) VALUES ('{APP}', \
         'KND-2026-000001', 'assignment', 'portal', '900101300811', 'leb-astana', '{{\"v\":1}}', \
         'registered', '{status}', '2026-12-21', 4, '2026-11-23T05:00:00.000000000Z', \
         '2026-11-23T05:00:00.000000000Z')"
    )];
    let audit = |at: &str, action: &str, details: &str| {
        format!(
            "INSERT INTO audit (at, actor, actor_iin, role, subject, application_id, action, \
             request_id, details_json) VALUES ('{at}', NULL, NULL, 'officer', '900101300811', \
             '{APP}', '{action}', 'r', '{details}')"
        )
    };
    rows.push(audit(
        "2026-11-23T05:00:00.000000000Z",
        "application.submit",
        "null",
    ));
    rows.push(audit(
        "2026-11-24T05:00:00.000000000Z",
        "application.accept",
        r#"{"v":1,"details":null}"#,
    ));
    rows.push(audit(
        "2026-11-25T05:00:00.000000000Z",
        "application.hearing",
        r#"{"scheduled":"2026-11-30T05:00:00Z"}"#,
    ));
    rows.push(audit(
        "2026-11-26T05:00:00.000000000Z",
        "application.hearing",
        r#"{"rescheduled":"2026-12-01T05:00:00Z"}"#,
    ));
    for i in 0..300 {
        rows.push(audit(
            &format!("2026-11-27T05:{:02}:{:02}.000000000Z", i / 60, i % 60),
            "staff.read-case",
            "null",
        ));
    }
    rows
}

async fn old_cases_keep_their_timeline(url: &str) {
    let store = SqlStore::connect(url).await.unwrap();
    store.migrate_up_to(11).await.unwrap();
    let pool = AnyPool::connect(url).await.unwrap();
    for sql in old_rows() {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
    assert!(store.migrate().await.unwrap() >= 1);
    let id = ApplicationId::parse(APP).unwrap();
    let events = store.case_events(&id).await.unwrap();
    let seen: Vec<_> = events.iter().map(|e| (e.seq, e.event.kind)).collect();
    assert_eq!(
        seen,
        [
            (1, EventKind::Submitted),
            (2, EventKind::Accepted),
            (3, EventKind::HearingScheduled),
            (4, EventKind::HearingMoved)
        ]
    );
    assert_eq!(events[0].event.at, t("2026-11-23T05:00:00Z"));
    assert_eq!(events[0].event.facts.accepted, Some(date(2026, 11, 23)));
    assert_eq!(events[0].office, Some(office("astana")));
    assert_eq!(events[1].actor_role, Some(kandas_app::actor::Role::Officer));
    // Migrating again does nothing: the rebuilding ran once, with its migration.
    assert_eq!(store.migrate().await.unwrap(), 0);
    assert_eq!(store.case_events(&id).await.unwrap().len(), 4);
    store.close().await;
}

#[tokio::test]
async fn sqlite_old_cases_keep_their_timeline() {
    let path = std::env::temp_dir().join(format!("kandas-ev-{}.db", uuid::Uuid::new_v4()));
    old_cases_keep_their_timeline(&format!("sqlite://{}", path.display())).await;
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

#[tokio::test]
async fn postgres_old_cases_keep_their_timeline() {
    let Ok(admin) = std::env::var("KANDAS_TEST_POSTGRES_URL") else {
        return;
    };
    let url = fresh_postgres_url(&admin).await.unwrap();
    old_cases_keep_their_timeline(&url).await;
    drop_postgres_database(&admin, &url).await.unwrap();
}
