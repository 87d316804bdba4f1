//! Revocation data for the EDS verifier: CRLs fetched from the distribution points of the
//! signer's path (or from URLs configured per issuer), cached in memory by URL, and handed to
//! `kandas_pki::verify_cms` as a [`Revocation`]. When a certificate's CRL cannot be had, the
//! `Revocation` says so and the verifier fails closed.
//!
//! No background work: a CRL is fetched when a verification needs it and the cached one is due.
//! The time comes from the `Clock` port.

mod cache;
mod certificate;
mod chain;
mod source;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use der::{Decode, DecodePem};
use jiff::SignedDuration;
use kandas_app::ports::Clock;
use kandas_pki::Revocation;
use serde::Deserialize;
use x509_cert::Certificate;

use cache::{CrlCache, Lookup};
pub use certificate::crl_urls;
pub use source::{CrlFetchError, CrlSource, HttpCrlSource};

/// Settings of CRL fetching.
#[derive(Debug, Clone, Deserialize)]
pub struct CrlConfig {
    /// Connect timeout in milliseconds.
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout_ms: u64,
    /// Timeout of a whole fetch in milliseconds.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u64,
    /// Longest time a CRL is served from the cache before it is fetched again, even when its
    /// nextUpdate is later (CAs publish new revocations before the nextUpdate they promised).
    #[serde(default = "default_max_age")]
    pub max_age_secs: u64,
    /// After a failed fetch, how long a URL is not tried again (the stale CRL, or the failure,
    /// is answered meanwhile).
    #[serde(default = "default_retry_after_failure")]
    pub retry_after_failure_secs: u64,
    /// The largest CRL accepted, in bytes.
    #[serde(default = "default_max_bytes")]
    pub max_bytes: usize,
}

fn default_connect_timeout() -> u64 {
    2_000
}
fn default_timeout() -> u64 {
    5_000
}
fn default_max_age() -> u64 {
    3_600
}
fn default_retry_after_failure() -> u64 {
    30
}
fn default_max_bytes() -> usize {
    64 * 1024 * 1024
}

impl Default for CrlConfig {
    fn default() -> CrlConfig {
        CrlConfig {
            connect_timeout_ms: default_connect_timeout(),
            timeout_ms: default_timeout(),
            max_age_secs: default_max_age(),
            retry_after_failure_secs: default_retry_after_failure(),
            max_bytes: default_max_bytes(),
        }
    }
}

/// Setting up the fetcher failed.
#[derive(Debug, thiserror::Error)]
pub enum CrlSetupError {
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client for CRLs: {0}")]
    Client(#[from] reqwest::Error),
    /// The issuer certificate given with configured URLs is not a certificate.
    #[error("the issuer certificate for configured CRL URLs cannot be read: {0}")]
    IssuerCertificate(der::Error),
    /// A configured URL is not http(s).
    #[error("the configured CRL URL {0:?} is not an http or https URL")]
    Url(String),
}

/// Collects the CRLs for a signer's path, with a cache.
pub struct CrlFetcher {
    source: Arc<dyn CrlSource>,
    clock: Arc<dyn Clock>,
    issuer_urls: HashMap<Vec<u8>, Vec<String>>,
    cache: Mutex<CrlCache>,
}

impl CrlFetcher {
    /// A fetcher over any source (tests, or another transport).
    pub fn new(source: Arc<dyn CrlSource>, clock: Arc<dyn Clock>, config: &CrlConfig) -> Self {
        let secs = |s: u64| SignedDuration::from_secs(i64::try_from(s).unwrap_or(i64::MAX));
        CrlFetcher {
            source,
            clock,
            issuer_urls: HashMap::new(),
            cache: Mutex::new(CrlCache::new(
                secs(config.max_age_secs),
                secs(config.retry_after_failure_secs),
            )),
        }
    }

    /// A fetcher over HTTP with the timeouts of `config`.
    pub fn http(config: &CrlConfig, clock: Arc<dyn Clock>) -> Result<Self, CrlSetupError> {
        let source = HttpCrlSource::new(config)?;
        Ok(CrlFetcher::new(Arc::new(source), clock, config))
    }

    /// For certificates issued by `issuer_certificate` (PEM or DER), fetch these URLs instead of
    /// the certificates' own distribution points (a mirror, or certificates without any).
    pub fn with_issuer_urls(
        mut self,
        issuer_certificate: &[u8],
        urls: Vec<String>,
    ) -> Result<Self, CrlSetupError> {
        let certificate = if issuer_certificate.starts_with(b"-----BEGIN") {
            Certificate::from_pem(issuer_certificate)
        } else {
            Certificate::from_der(issuer_certificate)
        }
        .map_err(CrlSetupError::IssuerCertificate)?;
        if let Some(bad) = urls.iter().find(|u| !is_http(u)) {
            return Err(CrlSetupError::Url(bad.clone()));
        }
        let subject =
            certificate::subject_der(&certificate).map_err(CrlSetupError::IssuerCertificate)?;
        self.issuer_urls.insert(subject, urls);
        Ok(self)
    }

    /// The CRLs for the signer's chain among `certificates` (DER, in any order; a superset such
    /// as the CMS's certificates plus every configured intermediate is fine): the end-entity
    /// certificates and the CAs they chain to by name, up to a self-issued anchor, which needs
    /// none. A certificate whose CRL could not be had (no URL, unreachable, not a CRL, and
    /// nothing unexpired in the cache) makes the result `unavailable`, naming each failure, so
    /// the verifier fails closed. So does a certificate that cannot be read.
    pub async fn revocation_for(&self, certificates: &[impl AsRef<[u8]>]) -> Revocation {
        let mut missing = Vec::new();
        let (mut positions, mut parsed) = (Vec::new(), Vec::new());
        for (position, der) in certificates.iter().enumerate() {
            match Certificate::from_der(der.as_ref()) {
                Ok(certificate) => {
                    positions.push(position);
                    parsed.push(certificate);
                }
                Err(e) => missing.push(format!(
                    "certificate {} of the path cannot be read: {e}",
                    position + 1
                )),
            }
        }
        let mut revocation = Revocation::new();
        let mut added = HashSet::new();
        for index in chain::needing_crls(&parsed) {
            let (Some(position), Some(certificate)) = (positions.get(index), parsed.get(index))
            else {
                continue;
            };
            match self.first_crl(certificate).await {
                Ok((url, der)) => {
                    if added.insert(url) {
                        revocation = revocation.with_crl(der.to_vec());
                    }
                }
                Err(why) => missing.push(format!(
                    "{}: {why}",
                    certificate::label(*position, certificate)
                )),
            }
        }
        if missing.is_empty() {
            revocation
        } else {
            revocation.unavailable(missing.join("; "))
        }
    }

    /// The first CRL that one of the certificate's URLs yields, with its URL.
    async fn first_crl(&self, certificate: &Certificate) -> Result<(String, Arc<[u8]>), String> {
        let urls = self.urls_for(certificate)?;
        let mut failures = Vec::new();
        for url in urls {
            match self.crl(&url).await {
                Ok(der) => return Ok((url, der)),
                Err(why) => failures.push(why),
            }
        }
        Err(failures.join("; "))
    }

    fn urls_for(&self, certificate: &Certificate) -> Result<Vec<String>, String> {
        let issuer = certificate::issuer_der(certificate)
            .map_err(|e| format!("its issuer cannot be encoded: {e}"))?;
        if let Some(urls) = self.issuer_urls.get(&issuer) {
            return Ok(urls.clone());
        }
        let urls = certificate::cdp_urls(certificate)
            .map_err(|e| format!("its cRLDistributionPoints cannot be read: {e}"))?;
        if urls.is_empty() {
            return Err(
                "no http CRL distribution point and no CRL URL configured for its issuer".into(),
            );
        }
        Ok(urls)
    }

    /// One CRL by URL: from the cache while fresh, else fetched; a stale but unexpired one when
    /// the fetch fails.
    async fn crl(&self, url: &str) -> Result<Arc<[u8]>, String> {
        let lookup = self.cache().lookup(url, self.clock.now());
        match lookup {
            Lookup::Fresh(der) => return Ok(der),
            Lookup::BackingOff(Some(der), _) => return Ok(der),
            Lookup::BackingOff(None, why) => {
                return Err(format!("{why} (not retried yet: it failed moments ago)"));
            }
            Lookup::Fetch => {}
        }
        let fetched = match self.source.fetch(url).await {
            Ok(body) => certificate::parse_crl(&body)
                .map(|times| (body, times))
                .map_err(|why| CrlFetchError::new(url, why).to_string()),
            Err(e) => Err(e.to_string()),
        };
        let now = self.clock.now();
        let mut cache = self.cache();
        match fetched {
            Ok((body, times)) => Ok(cache.store(url, body, times, now)),
            Err(why) => match cache.failed(url, why.clone(), now) {
                Some(stale) => {
                    tracing::warn!(%url, error = %why, "CRL refetch failed; serving the cached one");
                    Ok(stale)
                }
                None => Err(why),
            },
        }
    }

    fn cache(&self) -> MutexGuard<'_, CrlCache> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn is_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}
