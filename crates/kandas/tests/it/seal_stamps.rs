//! The hourly seal timestamped by a time-stamping authority over HTTP (RFC 3161), here the
//! development TSA of a real `kandas serve` (`POST /dev/tsa`) as NCA RK's would be: `kandas
//! audit seal` asks it, `verify` checks the token against the trust anchors and counts it, a
//! bundle carries it to another machine, which checks it too (or says it cannot, with no
//! anchors); a token moved onto another seal in the database is reported at that seal; with
//! the TSA down the seal is still made, without a timestamp.

use kandas_app::ports::Clock as _;
use kandas_testkit::TestApp;

use super::server::{free_port, serve, with_dev_pki};
use super::{DataDir, ok, text};

/// `kandas audit …` on the app's database with `env`; answers (exit code, stdout).
fn audit(dir: &DataDir, app: &TestApp, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut all = vec!["audit"];
    all.extend_from_slice(args);
    let mut env = env.to_vec();
    env.push(("KANDAS_DATABASE_URL", app.database_url()));
    let out = dir.kandas(&all, &env);
    let code = out.status.code().unwrap();
    assert!(
        code == 0 || code == 2,
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    (code, text(&out.stdout))
}

async fn seals_are_timestamped(app: &TestApp) {
    for iin in ["900101300811", "850302400014"] {
        app.sign_in(iin).await;
    }
    let server_dir = DataDir::named("tsa");
    let (_server, port) = serve(&server_dir, &[("KANDAS_WORKER", "false")]);
    let tsa = format!("http://127.0.0.1:{port}/dev/tsa");
    let dir = DataDir::new();
    with_dev_pki(&dir);
    let stamped = [("KANDAS_AUDIT__TSA_URL", tsa.as_str())];

    let (code, sealed) = audit(&dir, app, &["seal"], &stamped);
    assert_eq!(code, 0, "{sealed}");
    let (code, report) = audit(&dir, app, &["verify"], &[]);
    assert_eq!(code, 0, "{report}");
    assert!(
        report.contains("1 seal(s) checked (1 timestamped)"),
        "{report}"
    );

    // The bundle carries the token; another machine with the anchors checks it, one without
    // says it could not.
    let bundle = dir.path("trail.json");
    // From the test app's day to today's, when the seals were made.
    let now = kandas_app::ports::clock::SystemClock.now();
    let today = kandas_domain::deadline::almaty_date(now).to_string();
    let (code, out) = audit(
        &dir,
        app,
        &[
            "export",
            "--from",
            "2026-11-23",
            "--to",
            &today,
            "--out",
            bundle.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        std::fs::read_to_string(&bundle)
            .unwrap()
            .contains("\"timestamp\"")
    );
    let trusting = DataDir::named("trusting");
    with_dev_pki(&trusting);
    let out = ok(&trusting.kandas(
        &["audit", "verify", "--bundle", bundle.to_str().unwrap()],
        &[],
    ));
    assert!(out.contains("(1 timestamped)"), "{out}");
    let bare = DataDir::named("bare");
    let out = ok(&bare.kandas(
        &["audit", "verify", "--bundle", bundle.to_str().unwrap()],
        &[],
    ));
    assert!(
        out.contains("(0 timestamped; 1 timestamp(s) not checked: no trust anchors)"),
        "{out}"
    );

    // With the TSA down the seal is made all the same, without a timestamp.
    let down = format!("http://127.0.0.1:{}/dev/tsa", free_port());
    let (code, sealed) = audit(
        &dir,
        app,
        &["seal"],
        &[("KANDAS_AUDIT__TSA_URL", down.as_str())],
    );
    assert_eq!(code, 0, "{sealed}");
    let (code, report) = audit(&dir, app, &["verify"], &[]);
    assert_eq!(code, 0, "{report}");
    assert!(
        report.contains("2 seal(s) checked (1 timestamped)"),
        "{report}"
    );

    // The first seal's token put on the second seal (the guard dropped first): reported there.
    let pool = app.raw_pool().await;
    let guard = if app.database_url().starts_with("postgres") {
        "ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_append_only"
    } else {
        "DROP TRIGGER audit_seals_no_update"
    };
    sqlx::raw_sql(guard).execute(&pool).await.unwrap();
    sqlx::raw_sql(
        "UPDATE audit_seals SET timestamp_token = \
         (SELECT timestamp_token FROM audit_seals WHERE timestamp_token IS NOT NULL) \
         WHERE timestamp_token IS NULL",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let (code, report) = audit(&dir, app, &["verify"], &[]);
    assert_eq!(code, 2, "{report}");
    let faults: Vec<&str> = report.lines().filter(|l| l.starts_with("FAULT")).collect();
    assert_eq!(faults.len(), 1, "{report}");
    assert!(
        faults[0].starts_with("FAULT the timestamp of the seal of position "),
        "{report}"
    );
}

#[tokio::test]
async fn seals_are_timestamped_on_sqlite() {
    seals_are_timestamped(&TestApp::sqlite().await).await;
}

#[tokio::test]
async fn seals_are_timestamped_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    seals_are_timestamped(&app).await;
}
