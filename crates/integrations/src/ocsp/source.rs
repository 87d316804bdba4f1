//! Where OCSP responses come from: the `OcspSource` port, and its HTTP implementation (RFC 6960
//! appendix A: `POST` of the DER request as `application/ocsp-request`) with connect and total
//! timeouts and a cap on the body size.

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
        let client = crate::http::client(config.connect_timeout_ms, config.timeout_ms)?;
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
        let response = self
            .client
            .post(url)
            .header("content-type", "application/ocsp-request")
            .header("accept", "application/ocsp-response")
            .body(request)
            .send()
            .await
            .map_err(|e| failed(crate::http::describe(&e)))?;
        crate::http::body(response, self.max_bytes)
            .await
            .map_err(failed)
    }
}
