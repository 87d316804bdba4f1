//! OCSP responses for the EDS verifier (RFC 6960): for each certificate of the signer's path,
//! an unsigned request (SHA-1 CertID, as NCA RK's responder expects; no nonce, so answers can
//! be cached) is posted to the responder named in its authorityInfoAccess (or configured per
//! issuer). An answer is kept only when `kandas_pki` says it decides the certificate's status
//! (signed by the issuer or its responder, current, good or revoked), and is cached by issuer
//! and serial until its nextUpdate or the max age, whichever comes first. Failures add nothing:
//! the certificate then needs a CRL, and without one the verifier fails closed.
//!
//! [`revocation_for_path`] composes this with the CRL fetcher: OCSP first, CRLs for the rest.

mod certificate;
mod compose;
mod source;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use der::{Decode, DecodePem};
use jiff::{SignedDuration, Timestamp};
use kandas_app::ports::Clock;
use serde::Deserialize;
use x509_cert::Certificate;

pub use compose::revocation_for_path;
pub use source::{HttpOcspSource, OcspFetchError, OcspSource};

/// Settings of OCSP fetching.
#[derive(Debug, Clone, Deserialize)]
pub struct OcspConfig {
    /// Connect timeout in milliseconds.
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout_ms: u64,
    /// Timeout of a whole request in milliseconds.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u64,
    /// Longest time an answer is served from the cache, even when its nextUpdate is later.
    #[serde(default = "default_max_age")]
    pub max_age_secs: u64,
    /// After a failed request, how long the certificate's responder is not asked again.
    #[serde(default = "default_retry_after_failure")]
    pub retry_after_failure_secs: u64,
    /// The largest response accepted, in bytes.
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
    300
}
fn default_retry_after_failure() -> u64 {
    30
}
fn default_max_bytes() -> usize {
    1024 * 1024
}

impl Default for OcspConfig {
    fn default() -> OcspConfig {
        OcspConfig {
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
pub enum OcspSetupError {
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client for OCSP: {0}")]
    Client(#[from] reqwest::Error),
    /// The issuer certificate given with configured URLs is not a certificate.
    #[error("the issuer certificate for configured OCSP URLs cannot be read: {0}")]
    IssuerCertificate(der::Error),
    /// A configured URL is not http.
    #[error("the configured OCSP URL {0:?} is not an http URL")]
    Url(String),
}

/// The http OCSP responder URLs in a certificate's authorityInfoAccess (DER certificate).
pub fn ocsp_urls(certificate_der: &[u8]) -> Result<Vec<String>, der::Error> {
    certificate::aia_urls(&Certificate::from_der(certificate_der)?)
}

struct Cached {
    der: Arc<[u8]>,
    refresh_at: Timestamp,
}

#[derive(Default)]
struct Entry {
    good: Option<Cached>,
    failed_at: Option<(Timestamp, String)>,
}

/// Asks OCSP responders, with a cache.
pub struct OcspFetcher {
    source: Arc<dyn OcspSource>,
    clock: Arc<dyn Clock>,
    issuer_urls: HashMap<Vec<u8>, Vec<String>>,
    max_age: SignedDuration,
    back_off: SignedDuration,
    cache: Mutex<HashMap<Vec<u8>, Entry>>,
}

impl OcspFetcher {
    /// A fetcher over any source (tests, or another transport).
    pub fn new(source: Arc<dyn OcspSource>, clock: Arc<dyn Clock>, config: &OcspConfig) -> Self {
        let secs = |s: u64| SignedDuration::from_secs(i64::try_from(s).unwrap_or(i64::MAX));
        OcspFetcher {
            source,
            clock,
            issuer_urls: HashMap::new(),
            max_age: secs(config.max_age_secs),
            back_off: secs(config.retry_after_failure_secs),
            cache: Mutex::default(),
        }
    }

    /// A fetcher over HTTP with the timeouts of `config`.
    pub fn http(config: &OcspConfig, clock: Arc<dyn Clock>) -> Result<Self, OcspSetupError> {
        let source = HttpOcspSource::new(config)?;
        Ok(OcspFetcher::new(Arc::new(source), clock, config))
    }

    /// For certificates issued by `issuer_certificate` (PEM or DER), ask these URLs instead of
    /// the certificates' own authorityInfoAccess.
    pub fn with_issuer_urls(
        mut self,
        issuer_certificate: &[u8],
        urls: Vec<String>,
    ) -> Result<Self, OcspSetupError> {
        let certificate = if issuer_certificate.starts_with(b"-----BEGIN") {
            Certificate::from_pem(issuer_certificate)
        } else {
            Certificate::from_der(issuer_certificate)
        }
        .map_err(OcspSetupError::IssuerCertificate)?;
        if let Some(bad) = urls.iter().find(|u| {
            !u.get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
        }) {
            return Err(OcspSetupError::Url(bad.clone()));
        }
        let subject = der::Encode::to_der(certificate.tbs_certificate().subject())
            .map_err(OcspSetupError::IssuerCertificate)?;
        self.issuer_urls.insert(subject, urls);
        Ok(self)
    }

    /// A response deciding `certificate`'s status (both DER), from the cache while it is due
    /// for no refresh, else from its responder; the cached one while the responder fails and
    /// the cached one is still current.
    pub async fn response_for(
        &self,
        certificate: &[u8],
        issuer: &[u8],
    ) -> Result<Arc<[u8]>, String> {
        let parsed = Certificate::from_der(certificate)
            .map_err(|e| format!("the certificate cannot be read: {e}"))?;
        let key = certificate::key(&parsed);
        let now = self.clock.now();
        let usable = |der: &[u8], at: Timestamp| {
            kandas_pki::check_ocsp_response(der, certificate, issuer, at).is_ok()
        };
        {
            let cache = self.cache();
            let entry = cache.get(&key);
            let good = entry.and_then(|e| e.good.as_ref());
            if let Some(good) = good.filter(|g| now < g.refresh_at) {
                return Ok(Arc::clone(&good.der));
            }
            if let Some((at, why)) = entry.and_then(|e| e.failed_at.as_ref())
                && now < at.saturating_add(self.back_off).unwrap_or(now)
            {
                return match good.filter(|g| usable(&g.der, now)) {
                    Some(g) => Ok(Arc::clone(&g.der)),
                    None => Err(format!("{why} (not retried yet: it failed moments ago)")),
                };
            }
        }
        let fetched = self.ask(&parsed, certificate, issuer).await;
        let now = self.clock.now();
        let mut cache = self.cache();
        let entry = cache.entry(key).or_default();
        match fetched {
            Ok((der, next_update)) => {
                let by_age = now.saturating_add(self.max_age).unwrap_or(now);
                let refresh_at = next_update.map_or(by_age, |next| next.min(by_age));
                let der: Arc<[u8]> = der.into();
                entry.good = Some(Cached {
                    der: Arc::clone(&der),
                    refresh_at,
                });
                entry.failed_at = None;
                Ok(der)
            }
            Err(why) => {
                entry.failed_at = Some((now, why.clone()));
                match entry.good.as_ref().filter(|g| usable(&g.der, now)) {
                    Some(g) => {
                        tracing::warn!(error = %why, "OCSP request failed; serving the cached answer");
                        Ok(Arc::clone(&g.der))
                    }
                    None => Err(why),
                }
            }
        }
    }

    /// Asks each responder URL in turn for an answer that decides; with its nextUpdate.
    async fn ask(
        &self,
        parsed: &Certificate,
        certificate: &[u8],
        issuer: &[u8],
    ) -> Result<(Vec<u8>, Option<Timestamp>), String> {
        let issuer_name = der::Encode::to_der(parsed.tbs_certificate().issuer())
            .map_err(|e| format!("its issuer cannot be encoded: {e}"))?;
        let urls = match self.issuer_urls.get(&issuer_name) {
            Some(urls) => urls.clone(),
            None => certificate::aia_urls(parsed)
                .map_err(|e| format!("its authorityInfoAccess cannot be read: {e}"))?,
        };
        if urls.is_empty() {
            return Err("no http OCSP responder in its authorityInfoAccess or configured".into());
        }
        let request =
            kandas_pki::ocsp_request(certificate, issuer, None).map_err(|e| e.to_string())?;
        let mut failures = Vec::new();
        for url in urls {
            match self.source.post(&url, request.clone()).await {
                Ok(body) => {
                    match kandas_pki::check_ocsp_response(
                        &body,
                        certificate,
                        issuer,
                        self.clock.now(),
                    ) {
                        Ok(evidence) => return Ok((body, evidence.next_update)),
                        Err(why) => failures.push(format!("OCSP responder at {url}: {why}")),
                    }
                }
                Err(e) => failures.push(e.to_string()),
            }
        }
        Err(failures.join("; "))
    }

    fn cache(&self) -> MutexGuard<'_, HashMap<Vec<u8>, Entry>> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
