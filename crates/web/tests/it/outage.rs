//! The database out of reach, as an operator sees it when PostgreSQL stops or the network to it
//! breaks: a proxy in front of the real database is cut (open connections dropped, new ones
//! refused) and healed. Requests answer a translated 503 with `Retry-After` within 3 seconds,
//! `/readyz` within one, and the service serves again by itself once the database is back.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kandas_testkit::TestApp;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A TCP proxy to the database that can be cut and healed.
struct Proxy {
    port: u16,
    up: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn to(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let links: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (open, held) = (up.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !open.load(Ordering::SeqCst) {
                    continue; // dropped: the connection is refused
                }
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                held.lock().unwrap().push(link);
            }
        });
        Proxy { port, up, links }
    }

    /// The database goes away: open connections break, new ones are refused.
    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn heal(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// The host and port of a `postgres://user@host:port/db` URL.
fn address_of(url: &str) -> (String, SocketAddr) {
    let rest = url.split_once('@').map_or(url, |(_, r)| r);
    let host_port = rest.split('/').next().unwrap().to_owned();
    let address = std::net::ToSocketAddrs::to_socket_addrs(&host_port)
        .unwrap()
        .next()
        .unwrap();
    (host_port, address)
}

async fn get(
    app: &TestApp,
    path: &str,
    token: &str,
) -> (StatusCode, Option<String>, String, Duration) {
    let started = Instant::now();
    let request = Request::builder()
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = app.send(request).await;
    let retry = headers
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (
        status,
        retry,
        String::from_utf8_lossy(&body).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test]
async fn a_database_outage_fails_fast_and_heals() {
    let Some(admin) = std::env::var("KANDAS_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("KANDAS_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    // The scratch database is on the same server: its URL is rewritten to go through the proxy.
    let (host_port, address) = address_of(&admin);
    let proxy = Proxy::to(address).await;
    let through = format!("127.0.0.1:{}", proxy.port);
    let app = TestApp::postgres_through(|url| url.replacen(&host_port, &through, 1))
        .await
        .unwrap();
    let token = app.sign_in("900101300811").await;
    let (status, _, body, _) = get(&app, "/api/v1/applications", &token).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    proxy.cut();
    for _ in 0..3 {
        let (status, retry, body, took) = get(&app, "/api/v1/applications", &token).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(body.contains("service.unavailable"), "{body}");
        assert_eq!(retry.as_deref(), Some("5"));
        assert!(took < Duration::from_secs(3), "answered after {took:?}");
        let (status, _, _, took) = get(&app, "/readyz", &token).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            took < Duration::from_millis(1500),
            "/readyz answered after {took:?}"
        );
    }

    proxy.heal();
    let until = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, _, body, _) = get(&app, "/api/v1/applications", &token).await;
        if status == StatusCode::OK {
            break;
        }
        assert!(Instant::now() < until, "not healed: {status} {body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (status, _, _, _) = get(&app, "/readyz", &token).await;
    assert_eq!(status, StatusCode::OK);
}
