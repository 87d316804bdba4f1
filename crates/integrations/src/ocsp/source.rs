//! Where OCSP responses come from: the `OcspSource` port, and its HTTP implementation (RFC 6960
//! appendix A: `POST` of the DER request as `application/ocsp-request`) with connect and total
//! timeouts and a cap on the body size.

use std::time::Duration;

use async_trait::async_trait;

use super::OcspConfig;

/// A responder could not be asked, or did not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("OCSP responder at {url}: {reason}")]
pub struct OcspFetchError {
    /// The responder's URL.
    pub url: String,
    /// What went wrong (unreachable, timed out, HTTP status, too large).
    pub reason: String,
}

impl OcspFetchError {
    /// An error for `url`.
    pub fn new(url: &str, reason: impl Into<String>) -> OcspFetchError {
        OcspFetchError {
            url: url.to_owned(),
            reason: reason.into(),
        }
    }
}

/// Posts an OCSP request and returns the body answered. Swapped in tests.
#[async_trait]
pub trait OcspSource: Send + Sync {
    /// The bytes `url` answers to the DER `request` (judging them is the caller's job).
    async fn post(&self, url: &str, request: Vec<u8>) -> Result<Vec<u8>, OcspFetchError>;
}

/// Asks responders over HTTP with `reqwest`.
pub struct HttpOcspSource {
    client: reqwest::Client,
    max_bytes: usize,
}

impl HttpOcspSource {
    /// A client with the timeouts and the size cap of `config`.
    pub fn new(config: &OcspConfig) -> Result<HttpOcspSource, reqwest::Error> {
        // reqwest is built without a default TLS provider; ring is the one we ship.
        let _already_installed = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_millis(config.connect_timeout_ms))
            .timeout(Duration::from_millis(config.timeout_ms))
            .build()?;
        Ok(HttpOcspSource {
            client,
            max_bytes: config.max_bytes,
        })
    }
}

#[async_trait]
impl OcspSource for HttpOcspSource {
    async fn post(&self, url: &str, request: Vec<u8>) -> Result<Vec<u8>, OcspFetchError> {
        let failed = |why: String| OcspFetchError::new(url, why);
        let mut response = self
            .client
            .post(url)
            .header("content-type", "application/ocsp-request")
            .header("accept", "application/ocsp-response")
            .body(request)
            .send()
            .await
            .map_err(|e| failed(describe(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(failed(format!("the server answered {status}")));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| failed(format!("reading the body failed: {}", describe(&e))))?
        {
            if body.len() + chunk.len() > self.max_bytes {
                return Err(failed(format!(
                    "the body is larger than {} bytes",
                    self.max_bytes
                )));
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
