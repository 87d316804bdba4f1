//! `kandas audit verify | seal | export` against the database of a `TestApp` after a real
//! journey, on SQLite and PostgreSQL: a fresh trail verifies; each tampering an administrator
//! of the database could do with raw SQL (the append-only trigger dropped first) is reported
//! at its row with a non-zero exit; an exported bundle verifies on a fresh data directory and a
//! changed byte in it does not.

use kandas_testkit::TestApp;
use sqlx::AnyPool;

use kandas_testkit::sql::{exec, scalar};

use super::{DataDir, ok, text};

const OFFICER: &str = "850302400014";
const DEMO_PEOPLE: [&str; 3] = ["900101300811", "850302400014", "700701300067"];

/// Sign-ins, an applicant's draft read back, and the officer's reads of every case in the
/// queue: audit rows of many kinds.
async fn journey(app: &TestApp) {
    for _ in 0..8 {
        for iin in DEMO_PEOPLE {
            app.sign_in(iin).await;
        }
        // Past the sign-in rate limits; still 23 November in Almaty.
        app.clock.advance(jiff::SignedDuration::from_hours(1));
    }
    let applicant = app.sign_in(DEMO_PEOPLE[0]).await;
    let body = serde_json::json!({ "kind": "assignment" });
    let (status, _, created) = app
        .request("POST", "/api/v1/applications", Some(body), Some(&applicant))
        .await;
    assert_eq!(status, 201, "{created}");
    let path = format!("/api/v1/applications/{}", created["id"].as_str().unwrap());
    let (status, _, _) = app.request("GET", &path, None, Some(&applicant)).await;
    assert_eq!(status, 200);
    let officer = app.sign_in(OFFICER).await;
    let (status, _, queue) = app
        .request("GET", "/api/v1/staff/applications", None, Some(&officer))
        .await;
    assert_eq!(status, 200, "{queue}");
    for item in queue.as_array().unwrap() {
        let path = format!(
            "/api/v1/staff/applications/{}",
            item["id"].as_str().unwrap()
        );
        for _ in 0..3 {
            let (status, _, case) = app.request("GET", &path, None, Some(&officer)).await;
            assert_eq!(status, 200, "{case}");
        }
    }
}

/// Runs `kandas audit …` on the app's database; answers (exit code, stdout).
fn audit(dir: &DataDir, app: &TestApp, args: &[&str]) -> (i32, String) {
    let mut all = vec!["audit"];
    all.extend_from_slice(args);
    let out = dir.kandas(&all, &[("KANDAS_DATABASE_URL", app.database_url())]);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(2),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    (out.status.code().unwrap(), text(&out.stdout))
}

fn faults(report: &str) -> Vec<&str> {
    report.lines().filter(|l| l.starts_with("FAULT")).collect()
}

/// Checked rows, from the summary line.
fn checked(report: &str) -> u64 {
    let summary = report.lines().last().unwrap();
    let n = summary
        .split(": ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    n.parse().unwrap()
}

/// The attacker with the database's administration rights: the trigger goes first.
async fn drop_the_guard(app: &TestApp, pool: &AnyPool) {
    if app.database_url().starts_with("postgres") {
        exec(pool, "ALTER TABLE audit DISABLE TRIGGER audit_append_only").await;
    } else {
        exec(pool, "DROP TRIGGER audit_no_update").await;
        exec(pool, "DROP TRIGGER audit_no_delete").await;
    }
}

/// Swaps every content column of the rows at positions `a` and `b` (the chain columns stay),
/// through a copy: SQLite's subqueries would see the first row already changed.
async fn swap(pool: &AnyPool, a: i64, b: i64) {
    let columns = [
        "at",
        "actor",
        "actor_iin",
        "role",
        "subject",
        "application_id",
        "action",
        "request_id",
        "details_json",
    ];
    let sets: Vec<String> = columns
        .iter()
        .map(|c| {
            format!(
                "{c} = (SELECT {c} FROM swapped s WHERE s.chain_pos = \
                 CASE audit.chain_pos WHEN {a} THEN {b} ELSE {a} END)"
            )
        })
        .collect();
    exec(
        pool,
        &format!(
            "CREATE TEMPORARY TABLE swapped AS SELECT * FROM audit WHERE chain_pos IN ({a}, {b}); \
             UPDATE audit SET {} WHERE chain_pos IN ({a}, {b}); DROP TABLE swapped;",
            sets.join(", ")
        ),
    )
    .await;
}

async fn tampering_is_reported_at_its_row(app: &TestApp) {
    journey(app).await;
    let dir = DataDir::new();
    let (code, report) = audit(&dir, app, &["verify"]);
    assert_eq!(code, 0, "{report}");
    assert!(faults(&report).is_empty(), "{report}");
    let rows = checked(&report);
    assert!(rows >= 30, "a journey writes many rows: {report}");
    let (code, sealed) = audit(&dir, app, &["seal"]);
    assert_eq!(code, 0);
    assert!(
        sealed.starts_with(&format!("sealed position {rows} ")),
        "{sealed}"
    );
    let (code, report) = audit(&dir, app, &["verify"]);
    assert_eq!(code, 0, "{report}");
    assert!(
        report.contains(&format!("sealed through position {rows}")),
        "{report}"
    );
    // The day's rows alone, anchored at the chain's start (no seal before them).
    let (code, report) = audit(&dir, app, &["verify", "--from", "2026-11-23"]);
    assert_eq!((code, checked(&report)), (0, rows), "{report}");
    let (code, report) = audit(&dir, app, &["verify", "--from", "2026-11-24"]);
    assert_eq!((code, checked(&report)), (0, 0), "{report}");

    let pool = app.raw_pool().await;
    drop_the_guard(app, &pool).await;

    exec(
        &pool,
        "UPDATE audit SET subject = '931002451325' WHERE chain_pos = 5",
    )
    .await;
    let (code, report) = audit(&dir, app, &["verify"]);
    assert_eq!(code, 2, "{report}");
    let f = faults(&report);
    assert_eq!(f.len(), 1, "{report}");
    assert!(
        f[0].starts_with("FAULT position 5 (seq ") && f[0].ends_with("(edited)"),
        "{report}"
    );

    exec(&pool, "DELETE FROM audit WHERE chain_pos = 10").await;
    let (code, report) = audit(&dir, app, &["verify"]);
    assert_eq!(code, 2);
    let f = faults(&report);
    assert_eq!(f.len(), 2, "{report}");
    assert_eq!(f[1], "FAULT position 10: the row is missing (deleted)");

    exec(
        &pool,
        "INSERT INTO audit (at, action, request_id, details_json) \
         VALUES ('2026-11-23T05:00:01.000000000Z', 'auth.login', 'forged', '{\"v\":1}')",
    )
    .await;
    let inserted = scalar(&pool, "SELECT MAX(seq) FROM audit").await;
    let (code, report) = audit(&dir, app, &["verify"]);
    assert_eq!(code, 2);
    let f = faults(&report);
    assert_eq!(f.len(), 3, "{report}");
    assert!(
        f.contains(
            &format!(
                "FAULT seq {inserted}: a row outside the chain, written after it began (inserted)"
            )
            .as_str()
        ),
        "{report}"
    );

    // Two neighbouring rows of different requests, swapped.
    let a = scalar(
        &pool,
        "SELECT MIN(x.chain_pos) FROM audit x JOIN audit y ON y.chain_pos = x.chain_pos + 1 \
         WHERE x.chain_pos > 12 AND x.request_id <> y.request_id",
    )
    .await;
    swap(&pool, a, a + 1).await;
    let (code, report) = audit(&dir, app, &["verify"]);
    assert_eq!(code, 2);
    let f = faults(&report);
    assert_eq!(f.len(), 5, "{report}");
    for p in [a, a + 1] {
        assert!(
            f.iter()
                .any(|l| l.starts_with(&format!("FAULT position {p} (seq "))
                    && l.ends_with("(edited)")),
            "position {p}: {report}"
        );
    }
    pool.close().await;
}

async fn a_bundle_verifies_offline(app: &TestApp) {
    journey(app).await;
    let dir = DataDir::new();
    ok(&dir.kandas(
        &["audit", "seal"],
        &[("KANDAS_DATABASE_URL", app.database_url())],
    ));
    let bundle = dir.path("trail.json");
    let out = ok(&dir.kandas(
        &[
            "audit",
            "export",
            "--from",
            "2026-11-23",
            "--to",
            "2026-11-23",
            "--out",
            bundle.to_str().unwrap(),
        ],
        &[("KANDAS_DATABASE_URL", app.database_url())],
    ));
    assert!(out.contains("verified: "), "{out}");

    // Another machine: a fresh data directory and no database.
    let elsewhere = DataDir::named("elsewhere");
    let copy = elsewhere.path("trail.json");
    std::fs::copy(&bundle, &copy).unwrap();
    let verify = |path: &std::path::Path| {
        let out = elsewhere.kandas(
            &["audit", "verify", "--bundle", path.to_str().unwrap()],
            &[],
        );
        (out.status.code(), text(&out.stdout))
    };
    let (code, report) = verify(&copy);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("verified: ") && report.contains("sealed through"),
        "{report}"
    );
    assert!(checked(&report) >= 30, "{report}");

    // Pinned to the authority's published keys, it verifies; pinned to other keys (a bundle
    // whose seals someone else made), it does not.
    let published = ok(&dir.kandas(
        &["seal", "keys"],
        &[("KANDAS_DATABASE_URL", app.database_url())],
    ));
    let keys = elsewhere.path("authority-keys.json");
    std::fs::write(&keys, published).unwrap();
    let pinned = |keys: &std::path::Path| {
        let args = [
            "audit",
            "verify",
            "--bundle",
            copy.to_str().unwrap(),
            "--keys",
        ];
        let mut args = args.to_vec();
        args.push(keys.to_str().unwrap());
        let out = elsewhere.kandas(&args, &[]);
        (out.status.code(), text(&out.stdout))
    };
    let (code, report) = pinned(&keys);
    assert_eq!(code, Some(0), "{report}");
    assert!(!report.contains("note:"), "{report}");
    ok(&elsewhere.kandas(&["seal", "init"], &[]));
    let other = elsewhere.path("other-keys.json");
    std::fs::write(&other, ok(&elsewhere.kandas(&["seal", "keys"], &[]))).unwrap();
    let (code, report) = pinned(&other);
    assert_eq!(code, Some(2), "{report}");
    assert!(report.contains("no published seal key"), "{report}");

    let bytes = std::fs::read(&copy).unwrap();
    let json = String::from_utf8(bytes.clone()).unwrap();
    // A changed byte inside a row's canonical encoding, inside a seal's signature, and in
    // the JSON around them.
    let row = json.find("\"entry\": \"").unwrap() + "\"entry\": \"".len() + 40;
    let cose = json.find("\"cose\": \"").unwrap() + "\"cose\": \"".len() + 100;
    for at in [row, cose, 0] {
        let mut changed = bytes.clone();
        changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
        let damaged = elsewhere.path("damaged.json");
        std::fs::write(&damaged, &changed).unwrap();
        let (code, report) = verify(&damaged);
        assert_eq!(code, Some(2), "byte {at}: {report}");
        assert!(report.contains("NOT VERIFIED"), "{report}");
    }
}

#[tokio::test]
async fn tampering_is_reported_on_sqlite() {
    tampering_is_reported_at_its_row(&TestApp::sqlite().await).await;
}

#[tokio::test]
async fn tampering_is_reported_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    tampering_is_reported_at_its_row(&app).await;
}

#[tokio::test]
async fn a_bundle_verifies_offline_on_sqlite() {
    a_bundle_verifies_offline(&TestApp::sqlite().await).await;
}

#[tokio::test]
async fn a_bundle_verifies_offline_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    a_bundle_verifies_offline(&app).await;
}

/// The worker's hourly seal: the first look seals, the next within the hour does not, an hour
/// later it seals again; the seals verify against the service's keys.
async fn the_worker_seals_hourly(app: &TestApp) {
    use kandas_app::audit_trail::seal_if_due;
    app.sign_in(OFFICER).await;
    let service = app.service();
    let first = seal_if_due(service)
        .await
        .unwrap()
        .expect("no seal yet: due");
    assert!(first.position > 0);
    app.clock.advance(jiff::SignedDuration::from_mins(59));
    assert_eq!(seal_if_due(service).await.unwrap(), None);
    app.sign_in(DEMO_PEOPLE[0]).await;
    app.clock.advance(jiff::SignedDuration::from_mins(1));
    let second = seal_if_due(service)
        .await
        .unwrap()
        .expect("an hour later: due");
    assert!(second.position > first.position);
    let report = kandas_app::audit_trail::verify(service, None, &service.seal.keys())
        .await
        .unwrap();
    assert!(report.ok(), "{}", report.lines());
    assert_eq!(report.seals, 2);
    assert_eq!(report.sealed_through, Some(second.position));
}

#[tokio::test]
async fn the_worker_seals_hourly_on_sqlite() {
    the_worker_seals_hourly(&TestApp::sqlite().await).await;
}

#[tokio::test]
async fn the_worker_seals_hourly_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    the_worker_seals_hourly(&app).await;
}
