//! Where CRL bytes come from: the `CrlSource` port, and its HTTP implementation with connect and
//! total timeouts and a cap on the body size (NCA RK's full CRLs run to megabytes).

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
        let client = crate::http::client(config.connect_timeout_ms, config.timeout_ms)?;
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
        let response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| failed(crate::http::describe(&e)))?;
        crate::http::body(response, self.max_bytes)
            .await
            .map_err(failed)
    }
}
