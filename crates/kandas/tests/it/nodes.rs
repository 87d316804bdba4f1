//! Two `kandas serve` processes on one PostgreSQL database, as behind a load balancer: the
//! sign-in code sent by one is confirmed on the other, and `kandas seal rotate` run beside
//! them reaches both without a restart (each reloads the seal, here every second).

use std::time::{Duration, Instant};

use kandas_seal::KeySet;
use kandas_testkit::TestApp;

use super::server::{call, serve, sign_in_across};
use super::{DataDir, MASTER_KEY, ok};

fn published(port: u16) -> KeySet {
    let (status, body) = call(
        port,
        "GET",
        "/.well-known/kandas-seal-keys.json",
        None,
        None,
    )
    .unwrap();
    assert_eq!(status, 200);
    KeySet::from_json(&String::from_utf8(body).unwrap()).unwrap()
}

#[tokio::test]
async fn two_serving_nodes_share_codes_and_a_rotated_seal() {
    let Some(app) = TestApp::postgres().await else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the two-node run");
        return;
    };
    let env = [
        ("KANDAS_DATABASE_URL", app.database_url()),
        ("KANDAS_MASTER_KEY", MASTER_KEY),
        ("KANDAS_KEYS__RELOAD_SECONDS", "1"),
    ];
    let (a_dir, b_dir) = (DataDir::named("a"), DataDir::named("b"));
    let (_a, a) = serve(&a_dir, &env);
    let (_b, b) = serve(&b_dir, &env);

    // The code A sent, confirmed on B; the session works on both.
    let token = sign_in_across(a, b, "900101300811");
    for port in [a, b] {
        let (status, _) = call(port, "GET", "/api/v1/me", Some(&token), None).unwrap();
        assert_eq!(status, 200, "node {port}");
    }

    // Both publish the one seal; a rotation made beside them reaches both within seconds.
    let before = published(a);
    assert_eq!(before, published(b));
    assert_eq!(before.keys().len(), 1);
    let rotated = ok(&b_dir.kandas(&["seal", "rotate", "--after", "3"], &env));
    assert!(rotated.contains("on every node"), "{rotated}");
    let until = Instant::now() + Duration::from_secs(20);
    for port in [a, b] {
        while published(port).keys().len() != 2 {
            assert!(
                Instant::now() < until,
                "node {port} did not reload the seal"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    assert_eq!(published(a), published(b));
    // Too soon for the two reloads every node needs: refused, nothing changed.
    let refused = b_dir.kandas(&["seal", "rotate", "--after", "1"], &env);
    assert!(!refused.status.success());
    assert_eq!(published(a).keys().len(), 2);
}
