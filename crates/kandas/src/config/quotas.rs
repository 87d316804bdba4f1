//! `[quotas]`: what one application and one applicant may take of the service's storage, and
//! the use cases' limits they belong to.

use kandas_app::service::Quotas;
use serde::{Deserialize, Serialize};

use super::Config;

/// The quotas (`[quotas]`); each unset one keeps its default.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QuotasConfig {
    /// Files one application may hold (default 60).
    #[serde(default)]
    pub files_per_application: Option<usize>,
    /// Megabytes (MiB) one application's files may take together (default 150).
    #[serde(default)]
    pub megabytes_per_application: Option<u64>,
    /// Drafts one applicant may have open online at once (default 5).
    #[serde(default)]
    pub open_drafts_per_applicant: Option<u32>,
}

impl QuotasConfig {
    /// The configured quotas over the defaults.
    pub fn quotas(&self) -> Quotas {
        let defaults = Quotas::default();
        Quotas {
            files_per_application: self
                .files_per_application
                .unwrap_or(defaults.files_per_application),
            bytes_per_application: self
                .megabytes_per_application
                .map_or(defaults.bytes_per_application, |mb| {
                    mb.saturating_mul(1024 * 1024)
                }),
            open_drafts_per_applicant: self
                .open_drafts_per_applicant
                .unwrap_or(defaults.open_drafts_per_applicant),
        }
    }
}

impl Config {
    /// The use cases' limits, with the configured session times.
    pub fn limits(&self) -> kandas_app::service::Limits {
        let defaults = kandas_app::service::Limits::default();
        kandas_app::service::Limits {
            session_idle_seconds: self
                .web
                .session_idle_minutes
                .map_or(defaults.session_idle_seconds, |m| i64::from(m.max(1)) * 60),
            session_seconds: self
                .web
                .session_hours
                .map_or(defaults.session_seconds, |h| i64::from(h.max(1)) * 3600),
            quotas: self.quotas.quotas(),
            codes_per_iin: self
                .rate_limits
                .codes_per_iin
                .map_or(defaults.codes_per_iin, |n| i64::from(n.max(1))),
            codes_per_ip: self
                .rate_limits
                .codes_per_ip
                .map_or(defaults.codes_per_ip, |n| i64::from(n.max(1))),
            ..defaults
        }
    }
}

/// `[rate_limits]`: how many one-time codes one person and one address may be sent per window;
/// raised only for load and fault runs (`bench/`), production keeps the defaults.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RateLimitsConfig {
    /// Codes per IIN per window (default 5).
    #[serde(default)]
    pub codes_per_iin: Option<u32>,
    /// Codes per client address per window (default 30).
    #[serde(default)]
    pub codes_per_ip: Option<u32>,
    /// Public checks (certificates, statuses, the performance page) per client address per
    /// minute (default 60).
    #[serde(default)]
    pub public_checks_per_minute: Option<u32>,
}

impl RateLimitsConfig {
    /// The public checks' limiter: the configured count per minute, or the default.
    pub fn public_limit(&self) -> kandas_web::limits::RateLimiter {
        match self.public_checks_per_minute {
            Some(n) => {
                kandas_web::limits::RateLimiter::new(n.max(1), std::time::Duration::from_secs(60))
            }
            None => kandas_web::limits::RateLimiter::default(),
        }
    }
}
