//! `kandas dev-ncalayer` through a WebSocket client over TLS, as the portal's bridge script
//! talks to NCALayer: the CMS it answers verifies against the development PKI for the key the
//! request asked for; unknown requests get NCALayer's error shape; it refuses without a PKI
//! and in production.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use futures_util::{SinkExt, StreamExt};
use kandas_app::ports::clock::{Clock, SystemClock};
use kandas_devpki::DevPki;
use kandas_pki::{Purpose, verify_cms};
use serde_json::{Value, json};
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, RootCertStore};
use tokio_tungstenite::tungstenite::Message;

use super::{DataDir, ok, text};

const IIN: &str = "900101300811";

/// The running stand-in, stopped (by its own id) when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `kandas dev-ncalayer` on a free port; answers it and the port once it listens.
fn start(dir: &DataDir) -> (Running, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kandas"))
        .args(["dev-ncalayer", "--listen", &listen, "--iin", IIN])
        .current_dir(&dir.0)
        .env_remove("KANDAS_DATABASE_URL")
        .env_remove("KANDAS_ENV")
        .env("KANDAS_DATA_DIR", dir.path("data"))
        .env("KANDAS_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains(&format!("wss://{listen}")), "{first}");
    std::thread::spawn(move || lines.for_each(drop));
    (Running(child), port)
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_rustls::client::TlsStream<tokio::net::TcpStream>>;

/// Connects trusting only the certificate the stand-in made, and reads its greeting.
async fn connect(dir: &DataDir, port: u16) -> Socket {
    let mut roots = RootCertStore::empty();
    let cert = std::fs::read(dir.path("data/dev-ncalayer/cert.der")).unwrap();
    roots.add(CertificateDer::from(cert)).unwrap();
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let tls = TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .unwrap();
    let url = format!("wss://127.0.0.1:{port}");
    let (mut socket, _) = tokio_tungstenite::client_async(url, tls).await.unwrap();
    let hello = ask_raw(&mut socket, None).await;
    assert!(hello["result"]["version"].is_string(), "{hello}");
    socket
}

async fn ask_raw(socket: &mut Socket, request: Option<Value>) -> Value {
    if let Some(request) = request {
        socket
            .send(Message::text(request.to_string()))
            .await
            .unwrap();
    }
    let answer = socket.next().await.unwrap().unwrap();
    serde_json::from_str(answer.to_text().unwrap()).unwrap()
}

/// The request the portal's bridge sends.
fn sign_request(content: &[u8], eku: &str) -> Value {
    json!({ "module": "kz.gov.pki.knca.basics", "method": "sign", "args": {
        "allowedStorages": ["PKCS12", "AKKaztokenStore", "AKKZIDCardStore"],
        "format": "cms", "data": BASE64.encode(content),
        "signingParams": { "decode": true, "encapsulate": false, "digested": false, "tsaProfile": {} },
        "signerParams": { "extKeyUsageOids": [eku] }, "locale": "ru" } })
}

async fn signed(socket: &mut Socket, content: &[u8], eku: &str) -> Vec<u8> {
    let answer = ask_raw(socket, Some(sign_request(content, eku))).await;
    assert_eq!(answer["status"], true, "{answer}");
    BASE64
        .decode(answer["body"]["result"][0].as_str().unwrap())
        .unwrap()
}

#[tokio::test]
async fn signs_with_the_key_the_page_asks_for() {
    let dir = DataDir::new();
    ok(&dir.kandas(&["dev-pki", "init"], &[]));
    let pki = DevPki::load(&dir.path("data/dev-pki")).unwrap();
    let (trust, revocation) = (pki.trust_store().unwrap(), pki.revocation());
    let (_running, port) = start(&dir);
    let mut socket = connect(&dir, port).await;
    let document = "{\"service\":\"kandas-status\",\"number\":\"Қ-1\"}".as_bytes();
    let now = SystemClock.now();
    for (eku, purpose, wrong) in [
        (
            "1.3.6.1.5.5.7.3.4",
            Purpose::SignDocument,
            Purpose::Authenticate,
        ),
        (
            "1.3.6.1.5.5.7.3.2",
            Purpose::Authenticate,
            Purpose::SignDocument,
        ),
    ] {
        let cms = signed(&mut socket, document, eku).await;
        let report = verify_cms(
            &cms,
            Some(document),
            purpose,
            Some(IIN),
            &trust,
            &revocation,
            now,
        );
        assert_eq!(
            report.verdict,
            kandas_pki::Verdict::Valid,
            "{eku}: {report:?}"
        );
        let report = verify_cms(
            &cms,
            Some(document),
            wrong,
            Some(IIN),
            &trust,
            &revocation,
            now,
        );
        assert_ne!(
            report.verdict,
            kandas_pki::Verdict::Valid,
            "{eku} is one key only"
        );
    }
    let unknown =
        json!({ "module": "kz.gov.pki.knca.commonUtils", "method": "getKeyInfo", "args": [] });
    let answer = ask_raw(&mut socket, Some(unknown)).await;
    assert_eq!(
        (&answer["status"], &answer["code"]),
        (&json!(false), &json!("500")),
        "{answer}"
    );
    assert!(answer["message"].is_string());
}

#[test]
fn refuses_without_a_pki_and_in_production() {
    let dir = DataDir::new();
    let missing = dir.kandas(&["dev-ncalayer", "--listen", "127.0.0.1:0"], &[]);
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("kandas dev-pki init"),
        "{}",
        text(&missing.stderr)
    );
    let production = [
        ("KANDAS_ENV", "production"),
        ("KANDAS_SMS__SENDER", "http"),
        ("KANDAS_SMS__URL", "http://127.0.0.1:9/send"),
        ("KANDAS_SMS__TOKEN", "t"),
    ];
    let refused = dir.kandas(&["dev-ncalayer", "--listen", "127.0.0.1:0"], &production);
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("production refuses the development NCALayer"),
        "{stderr}"
    );
}
