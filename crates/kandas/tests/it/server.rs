//! A real `kandas serve` for the tests that need the process (signals, a TSA over HTTP), and
//! the few HTTP/1.1 requests they make to it.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::DataDir;

/// A running `kandas serve`, stopped when dropped.
pub(crate) struct Server(pub(crate) Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The tests' development PKI where a development `kandas` in `dir` finds it.
pub(crate) fn with_dev_pki(dir: &DataDir) {
    kandas_testkit::dev_pki()
        .save(&dir.path("data/dev-pki"))
        .unwrap();
}

/// Whether `GET /healthz` answers 200 on `port`.
fn healthy(port: u16) -> bool {
    matches!(call(port, "GET", "/healthz", None, None), Ok((200, _)))
}

/// A development server with the tests' PKI and demo data on a free port, with `env` on top,
/// once it answers.
pub(crate) fn serve(dir: &DataDir, env: &[(&str, &str)]) -> (Server, u16) {
    with_dev_pki(dir);
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_kandas"));
    command
        .current_dir(dir.path(""))
        .env_remove("KANDAS_DATABASE_URL")
        .env_remove("KANDAS_ENV")
        .env("KANDAS_DATA_DIR", dir.path("data"))
        .env("KANDAS_LISTEN", format!("127.0.0.1:{port}"))
        .env("KANDAS_LOG", "warn")
        .env("KANDAS_AUDIT__TSA_URL", "")
        .stdout(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let server = Server(command.spawn().unwrap());
    let until = Instant::now() + Duration::from_secs(120);
    while !healthy(port) {
        assert!(
            Instant::now() < until,
            "the server did not answer on {port}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    (server, port)
}

/// The head of a request with a body of `length` bytes.
pub(crate) fn head(
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    length: usize,
) -> String {
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{auth}\
         Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    )
}

/// Reads a whole `Connection: close` answer: (status, body).
pub(crate) fn answer(stream: &mut TcpStream) -> std::io::Result<(u16, Vec<u8>)> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no end of the head"))?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status in {head:?}")))?;
    Ok((status, raw[split + 4..].to_vec()))
}

/// One request with a JSON body (or none): (status, body).
pub(crate) fn call(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = head(method, path, token, "application/json", body.len());
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    answer(&mut stream)
}

/// [`call`] that must answer `expected`; answers the JSON.
pub(crate) fn json(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
    expected: u16,
) -> Value {
    let (status, bytes) = call(port, method, path, token, body).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(status, expected, "{method} {path}: {text}");
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

/// Signs a demo account in on a development server (its worker on, for the code's SMS, read
/// from `/dev/sms`): answers the bearer token.
pub(crate) fn sign_in(port: u16, iin: &str) -> String {
    sign_in_across(port, port, iin)
}

/// [`sign_in`] with the password given to the server on `from` and the code read and
/// confirmed on the server on `to` (another node of the same database).
pub(crate) fn sign_in_across(from: u16, port: u16, iin: &str) -> String {
    let body = serde_json::json!({ "iin": iin, "password": "kandas-demo" });
    let login = json(from, "POST", "/api/v1/auth/login", None, Some(&body), 200);
    let until = Instant::now() + Duration::from_secs(30);
    let code = loop {
        let inbox = json(port, "GET", "/dev/sms", None, None, 200);
        let code = inbox
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|sms| sms["text"].as_str())
            .find_map(kandas_testkit::six_digits);
        if let Some(code) = code {
            break code;
        }
        assert!(Instant::now() < until, "no sign-in code in {inbox}");
        std::thread::sleep(Duration::from_millis(100));
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
