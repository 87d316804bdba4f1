//! A real S3 server for the tests: moto's `moto_server` (from PyPI; `.ci/run` installs it and
//! names it in `KANDAS_TEST_S3_SERVER`), on a free loopback port, with one bucket made.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// The bucket every test server has.
pub const BUCKET: &str = "kandas-files";

/// A running S3 server, stopped when dropped.
pub struct S3Server {
    child: Child,
    /// Its address, `http://127.0.0.1:<port>`.
    pub endpoint: String,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl S3Server {
    /// Starts the server named by `KANDAS_TEST_S3_SERVER` and makes [`BUCKET`]; `None` when
    /// the variable is not set.
    pub async fn start() -> Option<S3Server> {
        let program = std::env::var("KANDAS_TEST_S3_SERVER")
            .ok()
            .filter(|p| !p.is_empty())?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting the S3 server {program}: {e}"));
        let server = S3Server {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let address = format!("127.0.0.1:{port}");
        for _ in 0..200 {
            if let Ok(answer) = put_bucket(&address).await {
                assert!(
                    answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200"),
                    "making the bucket: {answer}"
                );
                return Some(server);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the S3 server {program} did not answer on {address} within 20 s");
    }

    /// The adapter's settings for [`BUCKET`] on this server, keys under `prefix`.
    pub fn config(&self, prefix: &str) -> kandas_integrations::S3Config {
        kandas_integrations::S3Config {
            endpoint: Some(self.endpoint.clone()),
            bucket: BUCKET.to_owned(),
            region: "us-east-1".to_owned(),
            access_key_id: "kandas-test".to_owned(),
            secret_access_key: "kandas-test-secret".to_owned(),
            prefix: prefix.to_owned(),
            timeout_ms: 10_000,
        }
    }
}

/// `PUT /<bucket>`, as S3's CreateBucket (moto does not check signatures); the status line.
async fn put_bucket(address: &str) -> std::io::Result<String> {
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    let request = format!(
        "PUT /{BUCKET} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let answer = String::from_utf8_lossy(&answer);
    Ok(answer.lines().next().unwrap_or_default().to_owned())
}
