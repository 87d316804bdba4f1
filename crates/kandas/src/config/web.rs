//! `[web]`: the web edge's settings (trusted proxies, who reads `/metrics`, sessions,
//! timeouts, concurrent uploads) and the policy built from them.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Config, Env, Secret};

/// The web edge (`[web]`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WebConfig {
    /// Reverse proxies whose `X-Forwarded-For` is believed (their own addresses).
    #[serde(default)]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// A bearer token that may read `/metrics` (in production nobody else may, but for
    /// `metrics_addresses`).
    #[serde(default)]
    pub metrics_token: Option<Secret>,
    /// Addresses that may read `/metrics` without the token (e.g. the Prometheus server).
    #[serde(default)]
    pub metrics_addresses: Vec<std::net::IpAddr>,
    /// A session unused this many minutes ends (default 30).
    #[serde(default)]
    pub session_idle_minutes: Option<u32>,
    /// A session ends this many hours after sign-in, used or not (default 8).
    #[serde(default)]
    pub session_hours: Option<u32>,
    /// A request not answered in this many seconds is answered 503 (default 30).
    #[serde(default)]
    pub request_timeout_secs: Option<u64>,
    /// The same for uploads (default 300).
    #[serde(default)]
    pub upload_timeout_secs: Option<u64>,
    /// Uploads read at once (each spooled to `<data_dir>/spool` as it arrives, in memory only
    /// while it is checked and stored); one more is answered 503 (default 16).
    #[serde(default)]
    pub max_concurrent_uploads: Option<usize>,
}

impl Config {
    /// The web edge's policy: in production HSTS, and `/metrics` only for the configured token
    /// or addresses; in development `/metrics` is open.
    pub fn edge(&self) -> kandas_web::edge::EdgePolicy {
        let production = self.env == Env::Production;
        kandas_web::edge::EdgePolicy {
            trusted_proxies: self.web.trusted_proxies.clone(),
            metrics_token_sha256: self
                .web
                .metrics_token
                .as_ref()
                .map(Secret::expose)
                .filter(|t| !t.trim().is_empty())
                .map(|t| kandas_app::secrets::sha256_hex(t.trim().as_bytes())),
            metrics_addresses: self.web.metrics_addresses.clone(),
            metrics_open: !production,
            hsts: production,
            request_timeout: self
                .web
                .request_timeout_secs
                .map_or(kandas_web::edge::REQUEST_TIMEOUT, |s| {
                    Duration::from_secs(s.max(1))
                }),
            upload_timeout: self
                .web
                .upload_timeout_secs
                .map_or(kandas_web::edge::UPLOAD_TIMEOUT, |s| {
                    Duration::from_secs(s.max(1))
                }),
        }
    }
}
