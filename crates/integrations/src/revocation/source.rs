//! Where CRL bytes come from: the `CrlSource` port, and its HTTP implementation with connect and
//! total timeouts and a cap on the body size (NCA RK's full CRLs run to megabytes).

use std::time::Duration;

use async_trait::async_trait;

use super::CrlConfig;

/// A CRL could not be fetched from `url`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("CRL at {url}: {reason}")]
pub struct CrlFetchError {
    /// The distribution point.
    pub url: String,
    /// What went wrong (unreachable, timed out, HTTP status, not a CRL, too large).
    pub reason: String,
}

impl CrlFetchError {
    /// An error for `url`.
    pub fn new(url: &str, reason: impl Into<String>) -> CrlFetchError {
        CrlFetchError {
            url: url.to_owned(),
            reason: reason.into(),
        }
    }
}

/// Fetches the body served at a CRL distribution point. Swapped in tests and by the app.
#[async_trait]
pub trait CrlSource: Send + Sync {
    /// The bytes at `url`, as served (checking that they are a CRL is the caller's job).
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, CrlFetchError>;
}

/// Fetches CRLs over HTTP with `reqwest`.
pub struct HttpCrlSource {
    client: reqwest::Client,
    max_bytes: usize,
}

impl HttpCrlSource {
    /// A client with the timeouts and the size cap of `config`.
    pub fn new(config: &CrlConfig) -> Result<HttpCrlSource, reqwest::Error> {
        // reqwest is built without a default TLS provider; ring is the one we ship.
        let _already_installed = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_millis(config.connect_timeout_ms))
            .timeout(Duration::from_millis(config.timeout_ms))
            .build()?;
        Ok(HttpCrlSource {
            client,
            max_bytes: config.max_bytes,
        })
    }
}

#[async_trait]
impl CrlSource for HttpCrlSource {
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, CrlFetchError> {
        let failed = |why: String| CrlFetchError::new(url, why);
        let mut response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| failed(describe(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(failed(format!("the server answered {status}")));
        }
        let too_large = || failed(format!("the body is larger than {} bytes", self.max_bytes));
        let announced = response.content_length().unwrap_or(0);
        if usize::try_from(announced).map_or(true, |n| n > self.max_bytes) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| failed(format!("reading the body failed: {}", describe(&e))))?
        {
            if body.len() + chunk.len() > self.max_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// A reqwest error in words, naming timeouts and refused connections.
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        format!("timed out ({e})")
    } else if e.is_connect() {
        format!("unreachable ({e})")
    } else {
        e.to_string()
    }
}
