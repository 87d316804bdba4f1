//! A bare HTTP/1.1 keep-alive connection (hyper's client connection over one TCP stream), so the
//! load generator spends its core on requests, not on a pooling client's bookkeeping.

use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{SendRequest, handshake};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// One request of a scenario.
#[derive(Debug, Clone)]
pub struct Req {
    /// GET, POST, PUT.
    pub method: Method,
    /// Path and query.
    pub path: String,
    /// `Authorization: Bearer …`, when signed in.
    pub token: Option<String>,
    /// Content type and body, when there is one.
    pub body: Option<(String, Bytes)>,
}

impl Req {
    /// A GET of `path`.
    pub fn get(path: impl Into<String>) -> Req {
        Req {
            method: Method::GET,
            path: path.into(),
            token: None,
            body: None,
        }
    }

    /// A request with a JSON body.
    pub fn json(method: Method, path: impl Into<String>, body: &serde_json::Value) -> Req {
        Req {
            method,
            path: path.into(),
            token: None,
            body: Some(("application/json".to_owned(), Bytes::from(body.to_string()))),
        }
    }

    /// The same request signed in with `token`.
    pub fn by(mut self, token: &str) -> Req {
        self.token = Some(token.to_owned());
        self
    }
}

/// An answer: the status and the whole body.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body, read to its end.
    pub body: Bytes,
}

impl Answer {
    /// The body as JSON, or what it was instead.
    pub fn json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_slice(&self.body).map_err(|e| {
            format!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }

    /// Fails unless the status is `want`, saying what came instead.
    pub fn expect(self, want: u16, what: &str) -> Result<Answer, String> {
        if self.status == want {
            Ok(self)
        } else {
            Err(format!(
                "{what}: {} instead of {want}: {}",
                self.status,
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            ))
        }
    }
}

/// One keep-alive connection to a server; it reconnects when the server closed it.
pub struct Conn {
    addr: SocketAddr,
    sender: Option<SendRequest<Full<Bytes>>>,
}

impl Conn {
    /// A connection to `addr`, opened at the first request.
    pub fn new(addr: SocketAddr) -> Conn {
        Conn { addr, sender: None }
    }

    async fn open(&mut self) -> Result<&mut SendRequest<Full<Bytes>>, String> {
        let usable = match &mut self.sender {
            Some(sender) => sender.ready().await.is_ok(),
            None => false,
        };
        if !usable {
            let stream = TcpStream::connect(self.addr)
                .await
                .map_err(|e| format!("connect {}: {e}", self.addr))?;
            stream.set_nodelay(true).map_err(|e| e.to_string())?;
            let (sender, connection) = handshake(TokioIo::new(stream))
                .await
                .map_err(|e| format!("handshake: {e}"))?;
            tokio::spawn(connection);
            self.sender = Some(sender);
        }
        self.sender
            .as_mut()
            .ok_or_else(|| "no connection".to_owned())
    }

    /// Sends `req` and reads the whole answer.
    pub async fn send(&mut self, req: &Req) -> Result<Answer, String> {
        let host = self.addr.to_string();
        let sender = self.open().await?;
        let mut builder = Request::builder()
            .method(req.method.clone())
            .uri(&req.path)
            .header("host", host)
            .header("accept-language", "ru");
        if let Some(token) = &req.token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let body = match &req.body {
            Some((content_type, bytes)) => {
                builder = builder.header("content-type", content_type.as_str());
                bytes.clone()
            }
            None => Bytes::new(),
        };
        let request = builder.body(Full::new(body)).map_err(|e| e.to_string())?;
        let answer = sender.send_request(request).await.map_err(|e| {
            self.sender = None;
            format!("{} {}: {e}", req.method, req.path)
        })?;
        let status = answer.status().as_u16();
        let body = answer
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("{} {}: body: {e}", req.method, req.path))?
            .to_bytes();
        Ok(Answer { status, body })
    }
}
