//! Rows written before the stored formats were versioned (JSON without `v`, as the text the
//! earlier code wrote) still read, on both databases; rows written now carry `"v":1`.

use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{AuditQuery, JobKind, Purpose};
use kandas_domain::application::Status;
use kandas_domain::application::notice::Notice;
use kandas_domain::application::review::HearingOutcome;
use kandas_domain::application::status::Outcome;
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use kandas_store::SqlStore;
use kandas_store::scratch::{drop_postgres_database, fresh_postgres_url};
use sqlx::AnyPool;

use crate::harness::t;

const APP: &str = "00000000-0000-4000-8000-000000000001";
const IIN: &str = "900101300811";

const OLD_FORM: &str = r#"{"region":"astana","country_of_origin":"UZB","identity_document":{"kind":"passport","number":"FA1234567","issued_by":"МВД","expires_on":"2030-01-31"},"education":"higher","profession":null,"address":null,"consent_via_foreign_mission":false,"members":[{"id":"00000000-0000-4000-8000-0000000000b1","kinship":"spouse","name":{"surname":"Серікова","given":"Әйгерім","patronymic":null},"name_latin":{"surname":"SERIKOVA","given":"Aigerim","patronymic":null},"birth_date":"1992-02-29","citizenship":"UZB","iin":null,"identity_document":{"kind":"passport","number":"FA7654321","issued_by":"МВД","expires_on":null}}]}"#;

const OLD_CUSTODY: &str = r#"{"lines":[{"document":"identity_document","member":null,"original_shown":true,"copy_taken":true,"translation":true,"expired":false,"original_returned":false}]}"#;

/// A decided status whose hearing record predates "did not appear" (a statement only).
const OLD_STATUS: &str = r#"{"status":"decided","registration":{"registered_at":"2026-11-23T05:00:00Z","deadline":{"accepted":"2026-11-23","due":"2026-12-21","rule_set":"2025-10"},"signed_by":"sms","document_sha256":"cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"},"decision":{"decided_at":"2026-12-10T05:00:00Z","decided_by":"00000000-0000-4000-8000-0000000000c1","outcome":{"outcome":"refused","grounds":[{"code":"not-kazakh","kinds":["assignment"],"legal_basis":"п. 5"}],"comment":"отказ"}},"review":{"completeness":{"at":"2026-11-24T04:00:00Z","by":"00000000-0000-4000-8000-0000000000c1"},"commission":null,"hearing":{"at":"2026-12-03T06:00:00Z","place":"каб. 5","online":false,"scheduled":{"at":"2026-12-01T04:00:00Z","by":"00000000-0000-4000-8000-0000000000c1"},"record":{"held_at":"2026-12-03T06:30:00Z","recorded_by":"00000000-0000-4000-8000-0000000000c1","statement":"возражаю"}},"proposal":null}}"#;

const OLD_NOTICE: &str =
    r#"{"notice":"rejected_at_intake","number":"KND-2026-000001","missing":2}"#;
const OLD_JOB: &str = r#"{"job":"notify","iin":"900101300811","application":"00000000-0000-4000-8000-000000000001","notice":{"notice":"registered","number":"KND-2026-000001","due":"2026-12-21"}}"#;
const OLD_PURPOSE: &str = r#"{"purpose":"sign","application":"00000000-0000-4000-8000-000000000001","document_sha256":"cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"}"#;
const OLD_DETAILS: &str = r#"{"kind":"assignment","purpose":"start"}"#;
const OLD_DETAIL: &str = r#"{"challenge":"c1","phone":"+7701***4567"}"#;
const OLD_YEAR: &str = r#"{"year":2027,"days_off":[{"date":"2027-01-04","reason":"перенос"}]}"#;

async fn insert_old_rows(url: &str) {
    let pool = AnyPool::connect(url).await.unwrap();
    let at = "2026-11-23T05:00:00.000000000Z";
    sqlx::query(
        "INSERT INTO applications (id, number, kind, channel, applicant, office, form_json, \
         custody_json, status, status_json, due_date, closed_at, version, created_at, updated_at) \
         VALUES ($1, 'KND-2026-000001', 'assignment', 'portal', $2, 'leb-astana', $3, $4, \
         'refused', $5, '2026-12-21', $6, 7, $6, $6)",
    )
    .bind(APP)
    .bind(IIN)
    .bind(OLD_FORM)
    .bind(OLD_CUSTODY)
    .bind(OLD_STATUS)
    .bind(at)
    .execute(&pool)
    .await
    .unwrap();
    let rows: [(&str, Vec<&str>); 6] = [
        (
            "INSERT INTO calendar_years (year, year_json, updated_at) VALUES (2027, $1, $2)",
            vec![OLD_YEAR, at],
        ),
        (
            "INSERT INTO evidence (application_id, method, document, sha256, detail_json, \
             created_at) VALUES ($1, 'sms', $2, 'cd', $3, $4)",
            vec![APP, "doc", OLD_DETAIL, at],
        ),
        (
            "INSERT INTO audit (at, action, request_id, application_id, details_json) \
             VALUES ($1, 'application.create', 'r1', $2, $3)",
            vec![at, APP, OLD_DETAILS],
        ),
        (
            "INSERT INTO jobs (id, kind_json, run_at, attempts, dead, created_at) \
             VALUES ('j1', $1, $2, 0, 0, $2)",
            vec![OLD_JOB, at],
        ),
        (
            "INSERT INTO notifications (id, iin, application_id, notice_json, created_at) \
             VALUES ('n1', $1, $2, $3, $4)",
            vec![IIN, APP, OLD_NOTICE, at],
        ),
        (
            "INSERT INTO challenges (id, iin, purpose_json, sign_application, code_hash, phone, \
             ip, created_at, expires_at, attempts_left) \
             VALUES ('c1', $1, $2, $3, 'h', '+77011234567', '127.0.0.1', $4, $4, 3)",
            vec![IIN, OLD_PURPOSE, APP, at],
        ),
    ];
    for (sql, params) in rows {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (i, p) in params.into_iter().enumerate() {
            // The evidence document is a blob on both databases.
            query = if sql.contains("evidence") && i == 1 {
                query.bind(p.as_bytes().to_vec())
            } else {
                query.bind(p)
            };
        }
        query.execute(&pool).await.unwrap();
    }
    pool.close().await;
}

async fn old_rows_still_read(url: &str) {
    let store = SqlStore::connect(url).await.unwrap();
    store.migrate().await.unwrap();
    insert_old_rows(url).await;
    let id = ApplicationId::parse(APP).unwrap();
    let app = store.application(&id).await.unwrap().unwrap();
    assert_eq!(app.form.members.len(), 1);
    assert_eq!(app.form.members[0].name.given.as_str(), "Әйгерім");
    assert!(app.custody.lines[0].marks.translation);
    let Status::Decided {
        decision, review, ..
    } = &app.status
    else {
        panic!("{:?}", app.status)
    };
    assert!(matches!(decision.outcome, Outcome::Refused { .. }));
    let record = review.hearing.as_ref().unwrap().record.as_ref().unwrap();
    assert_eq!(
        record.outcome,
        HearingOutcome::Held {
            statement: "возражаю".into()
        }
    );
    let evidence = store.evidence(&id).await.unwrap().unwrap();
    assert_eq!(evidence.detail["challenge"], "c1");
    assert_eq!(evidence.document, b"doc");
    let audit = store
        .audit_trail(&AuditQuery {
            application: Some(id.clone()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(audit[0].details["purpose"], "start");
    let years = store.calendar_years().await.unwrap();
    let year: serde_json::Value = serde_json::from_str(&years[0]).unwrap();
    assert_eq!(year["days_off"][0]["reason"], "перенос", "{year}");
    let iin = Iin::parse(IIN).unwrap();
    let notices = store.notifications_of(&iin).await.unwrap();
    assert!(matches!(
        notices[0].notice,
        Notice::RejectedAtIntake { missing: 2, .. }
    ));
    let challenge = store.latest_sign_challenge(&id).await.unwrap().unwrap();
    assert!(matches!(challenge.purpose, Purpose::Sign { .. }));
    let job = store
        .claim_job(t("2026-11-23T06:00:00Z"), t("2026-11-23T06:05:00Z"))
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(
        job.kind,
        JobKind::Notify {
            notice: Notice::Registered { .. },
            ..
        }
    ));

    // Written back now, the same values carry their version.
    store
        .deliver_notification(&kandas_app::ports::store::Notification {
            id: "n2".into(),
            created_at: t("2026-11-24T05:00:00Z"),
            ..notices[0].clone()
        })
        .await
        .unwrap();
    let pool = AnyPool::connect(url).await.unwrap();
    let text: String = sqlx::query_scalar("SELECT notice_json FROM notifications WHERE id = 'n2'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        text,
        r#"{"v":1,"notice":"rejected_at_intake","number":"KND-2026-000001","missing":2}"#
    );
    let edit = crate::harness::audit("calendar.edit", t("2026-11-24T05:00:00Z"), None, None);
    store
        .save_calendar_year(2027, &years[0], &edit)
        .await
        .unwrap();
    let text: String = sqlx::query_scalar("SELECT year_json FROM calendar_years WHERE year = 2027")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(text.starts_with(r#"{"v":1,"calendar":{"#), "{text}");
    assert_eq!(
        store.calendar_years().await.unwrap(),
        years,
        "read back as it was given"
    );
    pool.close().await;
    store.close().await;
}

#[tokio::test]
async fn sqlite_rows_written_before_versions_still_read() {
    let path = std::env::temp_dir().join(format!("kandas-fmt-{}.db", uuid::Uuid::new_v4()));
    old_rows_still_read(&format!("sqlite://{}", path.display())).await;
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

#[tokio::test]
async fn postgres_rows_written_before_versions_still_read() {
    let Ok(admin) = std::env::var("KANDAS_TEST_POSTGRES_URL") else {
        return;
    };
    let url = fresh_postgres_url(&admin).await.unwrap();
    old_rows_still_read(&url).await;
    drop_postgres_database(&admin, &url).await.unwrap();
}
