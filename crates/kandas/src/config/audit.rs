//! `[audit]`: the time-stamping authority of the audit trail's hourly seals.

use serde::{Deserialize, Serialize};

use super::{Config, Env};

/// The audit trail (`[audit]`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AuditConfig {
    /// An RFC 3161 time-stamping authority for the hourly seals (NCA RK's is
    /// `http://tsp.pki.gov.kz`); in development the server's own `/dev/tsa` when the
    /// development PKI exists. Its tokens are checked against `[eds] anchors`.
    #[serde(default)]
    pub tsa_url: Option<String>,
    /// Timeout of one request to the TSA, milliseconds (default 10000).
    #[serde(default)]
    pub tsa_timeout_ms: Option<u64>,
}

impl Config {
    /// The TSA of the audit seals: the configured one, or in development the server's own
    /// `/dev/tsa` when the development PKI exists.
    pub fn tsa(&self) -> Option<kandas_integrations::TsaConfig> {
        let url = match &self.audit.tsa_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
            Some(_) => return None,
            None if self.env == Env::Development
                && self.dev_pki_dir().join("root.crt").exists() =>
            {
                format!("{}/dev/tsa", self.public_url())
            }
            None => return None,
        };
        Some(kandas_integrations::TsaConfig {
            url,
            timeout_ms: self.audit.tsa_timeout_ms.unwrap_or(10_000),
        })
    }
}
