//! `kandas bench seed`: a small seed on SQLite and on PostgreSQL has the proportions of real use,
//! leaves nothing for the worker to catch up on, keeps the audit chain whole, and its printed
//! tokens, office cases and certificates answer on a served instance; a second run adds as many
//! again.

use kandas_app::ports::Clock as _;
use kandas_app::ports::clock::SystemClock;
use kandas_domain::deadline::almaty_date;
use kandas_testkit::TestApp;
use serde_json::Value;
use sqlx::AnyPool;

use super::server::{json, serve};
use super::{DataDir, MASTER_KEY, ok};

async fn scalar(pool: &AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(pool)
        .await
        .unwrap()
}

fn seed(dir: &DataDir, env: &[(&str, &str)], applications: &str) -> Value {
    let args = [
        "bench",
        "seed",
        "--applications",
        applications,
        "--offices",
        "20",
        "--sessions",
        "8",
    ];
    let out = ok(&dir.kandas(&args, env));
    serde_json::from_str(out.trim()).unwrap()
}

/// The share of `part` in `whole`, in per cent.
fn percent(part: i64, whole: i64) -> i64 {
    part * 100 / whole.max(1)
}

async fn proportions(pool: &AnyPool, applications: i64) {
    let count = |sql: &'static str| scalar(pool, sql);
    assert_eq!(
        count("SELECT COUNT(*) FROM applications").await,
        applications
    );
    let closed = count(
        "SELECT COUNT(*) FROM applications WHERE status IN ('assigned', 'extended', 'refused')",
    )
    .await;
    assert!(percent(closed, applications) >= 75, "{closed} closed");
    for status in ["draft", "registered", "withdrawn", "extended", "refused"] {
        let sql = format!("SELECT COUNT(*) FROM applications WHERE status = '{status}'");
        assert!(scalar(pool, &sql).await > 0, "no {status} case");
    }
    let files = count("SELECT COUNT(*) FROM attachments").await;
    assert!(
        (300..=500).contains(&percent(files, applications)),
        "{files} files"
    );
    let audit = count("SELECT COUNT(*) FROM audit").await;
    assert!(
        (800..=2000).contains(&percent(audit, applications)),
        "{audit} audit rows"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM audit WHERE chain_pos IS NULL").await,
        0
    );
    let events = count("SELECT COUNT(*) FROM case_events").await;
    assert!(percent(events, applications) >= 300, "{events} events");
    let notices = count("SELECT COUNT(*) FROM notifications").await;
    assert!(
        percent(notices, applications) >= 150,
        "{notices} notifications"
    );
    let assigned =
        count("SELECT COUNT(*) FROM applications WHERE status IN ('assigned', 'extended')").await;
    let renewed = count("SELECT COUNT(*) FROM applications WHERE status = 'extended'").await;
    // An extension extends the certificate of its applicant's assignment.
    assert_eq!(
        count("SELECT COUNT(*) FROM certificates WHERE application_id IS NOT NULL").await,
        assigned - renewed
    );
    // Families: the form's members, about one and a half per application.
    let forms: Vec<String> = sqlx::query_scalar("SELECT form_json FROM applications")
        .fetch_all(pool)
        .await
        .unwrap();
    let members: usize = forms.iter().map(|f| f.matches("\"kinship\"").count()).sum();
    let per_hundred = members * 100 / forms.len();
    assert!(
        (120..=200).contains(&per_hundred),
        "{per_hundred} members per 100"
    );
    // Twenty local executive bodies, the demo officer's among them with its share.
    let offices =
        count("SELECT COUNT(DISTINCT office) FROM applications WHERE office IS NOT NULL").await;
    assert_eq!(offices, 20);
    let astana = count("SELECT COUNT(*) FROM applications WHERE office = 'leb-astana'").await;
    assert!(astana >= applications / 40, "{astana} cases at leb-astana");
    // Nothing for the worker to catch up on.
    assert_eq!(
        count("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND dead = 0").await,
        0
    );
    assert_eq!(count("SELECT COUNT(*) FROM loose_files").await, 0);
    // Every open case past its day carries the head's warning (the worker gave it the day
    // before).
    let today = almaty_date(SystemClock.now());
    let sql = format!(
        "SELECT COUNT(*) FROM applications a WHERE a.status IN ('registered', 'accepted', \
         'under_review', 'hearing') AND a.due_date < '{today}' AND NOT EXISTS \
         (SELECT 1 FROM deadline_warnings w WHERE w.application_id = a.id)"
    );
    let unwarned = scalar(pool, &sql).await;
    assert_eq!(unwarned, 0, "overdue open cases without the head's warning");
}

/// Signs the demo officer in: the code is the newest message to the officer's phone (the
/// seeded notices in the inbox carry six-digit numbers too).
fn officer(port: u16) -> String {
    let body = serde_json::json!({ "iin": "850302400014", "password": "kandas-demo" });
    let login = json(port, "POST", "/api/v1/auth/login", None, Some(&body), 200);
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let code = loop {
        let inbox = json(port, "GET", "/dev/sms", None, None, 200);
        let code = inbox
            .as_array()
            .into_iter()
            .flatten()
            .find(|sms| sms["phone"] == "+77051112233")
            .and_then(|sms| sms["text"].as_str())
            .and_then(kandas_testkit::six_digits);
        if let Some(code) = code {
            break code;
        }
        assert!(
            std::time::Instant::now() < until,
            "no sign-in code in {inbox}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let body = serde_json::json!({ "challenge_id": login["challenge_id"], "code": code });
    let confirmed = json(
        port,
        "POST",
        "/api/v1/auth/login/confirm",
        None,
        Some(&body),
        200,
    );
    confirmed["token"].as_str().unwrap().to_owned()
}

/// The printed tokens read their applications, the demo officer reads the office's cases, and
/// the certificates answer the public check.
fn answers(dir: &DataDir, env: &[(&str, &str)], printed: &Value) {
    let (_server, port) = serve(dir, env);
    let applicants = printed["applicants"].as_array().unwrap();
    assert_eq!(applicants.len(), 8);
    for a in applicants {
        let token = a["token"].as_str().unwrap();
        let id = a["application_id"].as_str().unwrap();
        let path = format!("/api/v1/applications/{id}");
        let view = json(port, "GET", &path, Some(token), None, 200);
        assert_eq!(view["id"], id, "{view}");
        let all = json(port, "GET", "/api/v1/applications", Some(token), None, 200);
        assert!(
            all.as_array().unwrap().iter().any(|x| x["id"] == id),
            "{all}"
        );
    }
    let officer = officer(port);
    let cases = printed["office_cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    for id in cases.iter().take(10) {
        let path = format!("/api/v1/staff/applications/{}", id.as_str().unwrap());
        json(port, "GET", &path, Some(&officer), None, 200);
    }
    let queue = json(
        port,
        "GET",
        "/api/v1/staff/applications",
        Some(&officer),
        None,
        200,
    );
    assert!(!queue.as_array().unwrap().is_empty(), "an empty queue");
    let certificates = printed["certificates"].as_array().unwrap();
    assert!(!certificates.is_empty());
    for number in certificates.iter().take(5) {
        let path = format!("/api/v1/certificates/{}", number.as_str().unwrap());
        let found = json(port, "GET", &path, None, None, 200);
        assert!(
            matches!(found["status"].as_str(), Some("valid" | "extended")),
            "{found}"
        );
    }
}

async fn seeds(dir: &DataDir, url: &str, env: &[(&str, &str)]) {
    let printed = seed(dir, env, "300");
    assert_eq!(printed["applications"], 300);
    assert_eq!(printed["offices"], 20);
    sqlx::any::install_default_drivers();
    let pool = AnyPool::connect(url).await.unwrap();
    proportions(&pool, 300).await;
    let verified = ok(&dir.kandas(&["audit", "verify"], env));
    assert!(verified.contains("verified"), "{verified}");
    answers(dir, env, &printed);
    // Again: as many more, the chain still whole.
    let again = seed(dir, env, "200");
    assert_eq!(again["applications"], 200);
    assert_eq!(
        scalar(&pool, "SELECT COUNT(*) FROM applications").await,
        500
    );
    ok(&dir.kandas(&["audit", "verify"], env));
    pool.close().await;
    let production = [
        ("KANDAS_ENV", "production"),
        ("KANDAS_SMS__SENDER", "http"),
        ("KANDAS_SMS__URL", "http://127.0.0.1:9/send"),
        ("KANDAS_SMS__TOKEN", "t"),
    ];
    let env: Vec<(&str, &str)> = env.iter().copied().chain(production).collect();
    let refused = dir.kandas(&["bench", "seed", "--applications", "300"], &env);
    assert!(!refused.status.success());
    assert!(
        super::text(&refused.stderr).contains("production refuses benchmark data"),
        "{}",
        super::text(&refused.stderr)
    );
}

#[tokio::test]
async fn bench_seed_on_sqlite() {
    let dir = DataDir::new();
    let url = format!("sqlite://{}", dir.path("data/kandas.db").display());
    seeds(&dir, &url, &[("KANDAS_MASTER_KEY", MASTER_KEY)]).await;
}

#[tokio::test]
async fn bench_seed_on_postgres() {
    let Some(app) = TestApp::postgres().await else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    let dir = DataDir::new();
    let url = app.database_url().to_owned();
    let env = [
        ("KANDAS_DATABASE_URL", url.as_str()),
        ("KANDAS_MASTER_KEY", MASTER_KEY),
    ];
    seeds(&dir, &url, &env).await;
}
