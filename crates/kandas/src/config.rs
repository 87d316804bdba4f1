//! Typed configuration: `kandas.toml` (or `KANDAS_CONFIG`) overridden by `KANDAS_*` variables,
//! checked once at start.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env as EnvVars, Format, Serialized, Toml};
use kandas_integrations::HttpSmsConfig;
use serde::{Deserialize, Serialize};

mod audit;
mod files;
mod keys;
mod quotas;
mod secret;
mod web;

pub use audit::AuditConfig;
pub use files::{FileStore, FilesConfig};
pub use keys::{DEFAULT_ROTATION_DELAY_SECONDS, KeysConfig};
pub use quotas::{QuotasConfig, RateLimitsConfig};
pub use secret::Secret;
pub use web::WebConfig;

/// Development or production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Env {
    /// Demo data, console SMS, `/dev/sms`.
    Development,
    /// None of that.
    Production,
}

/// Which SMS sender to use.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "sender")]
pub enum SmsConfig {
    /// Print and keep in the dev inbox.
    Console,
    /// A real gateway.
    Http {
        /// Send endpoint.
        url: String,
        /// Bearer token.
        token: Secret,
        /// Sender name.
        #[serde(default)]
        name: Option<String>,
        /// Timeout, milliseconds.
        #[serde(default)]
        timeout_ms: Option<u64>,
    },
}

impl SmsConfig {
    /// The gateway settings, for the HTTP sender.
    pub fn http(&self) -> Option<HttpSmsConfig> {
        match self {
            SmsConfig::Console => None,
            SmsConfig::Http {
                url,
                token,
                name,
                timeout_ms,
            } => Some(HttpSmsConfig {
                url: url.clone(),
                token: token.expose().to_owned(),
                sender: name.clone().unwrap_or_else(|| "KANDAS".into()),
                timeout_ms: timeout_ms.unwrap_or(5000),
            }),
        }
    }
}

/// Electronic digital signatures: the NCA RK certificates trusted, and CRL fetching.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EdsConfig {
    /// Root certificates (PEM or DER files) a signature must chain to.
    #[serde(default)]
    pub anchors: Vec<PathBuf>,
    /// Intermediate certificates (PEM or DER files).
    #[serde(default)]
    pub intermediates: Vec<PathBuf>,
    /// Timeout of one CRL fetch, milliseconds (default 5000).
    #[serde(default)]
    pub crl_timeout_ms: Option<u64>,
    /// An external verification service with NCANode's `/cms/verify` (for GOST keys), e.g.
    /// `http://ncanode:14579`; without it GOST signatures are refused with a request for the
    /// RSA key.
    #[serde(default)]
    pub ncanode_url: Option<String>,
    /// Bearer token for that service, if a proxy in front of it asks for one.
    #[serde(default)]
    pub ncanode_token: Option<Secret>,
}

/// The whole configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Environment.
    pub env: Env,
    /// Address to serve on.
    pub listen: SocketAddr,
    /// Embedded database, files and generated keys.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; default: SQLite in the data directory.
    pub database_url: Option<Secret>,
    /// An edited working calendar (JSON); default: the shipped one.
    pub calendar_file: Option<PathBuf>,
    /// Rule sets (JSON, the shape of the shipped `rule_sets.json`); default: the shipped ones.
    #[serde(default)]
    pub rules_file: Option<PathBuf>,
    /// Grounds for refusal (JSON, the shape of the shipped `grounds.json`); default: the
    /// shipped list.
    #[serde(default)]
    pub grounds_file: Option<PathBuf>,
    /// Mark cookies `Secure` and `__Host-` (behind HTTPS); always so in production.
    pub secure_cookies: bool,
    /// The web edge: trusted proxies, who reads `/metrics`.
    #[serde(default)]
    pub web: WebConfig,
    /// Run the job worker inside `serve`.
    pub worker: bool,
    /// SMS.
    pub sms: SmsConfig,
    /// Electronic digital signatures.
    #[serde(default)]
    pub eds: EdsConfig,
    /// The audit trail's seals.
    #[serde(default)]
    pub audit: AuditConfig,
    /// What one application and one applicant may hold.
    #[serde(default)]
    pub quotas: QuotasConfig,
    /// How many codes a person and an address may be sent (raised only by `bench/`).
    #[serde(default)]
    pub rate_limits: RateLimitsConfig,
    /// Where stored files live.
    #[serde(default)]
    pub files: FilesConfig,
    /// The master key (`KANDAS_MASTER_KEY`, 64 hex characters, the same on every node): it
    /// opens the service's keys in the database. Or `[keys] master_key_file`; in development
    /// `<data_dir>/master.key`, made on first start.
    #[serde(default)]
    pub master_key: Option<Secret>,
    /// The master key's file and the seal's reload period.
    #[serde(default)]
    pub keys: KeysConfig,
    /// How long a request waits for a database connection before it is answered 503
    /// (`service.unavailable`, `Retry-After`), milliseconds (default 2000).
    #[serde(default)]
    pub database_timeout_ms: Option<u64>,
    /// How long, after SIGTERM, requests in flight and the worker's current job may take
    /// before the process exits anyway, seconds (default 30).
    #[serde(default)]
    pub shutdown_grace_seconds: Option<u64>,
    /// The address people reach the service at, printed in receipts' QR codes; default:
    /// `http://<listen>`.
    #[serde(default)]
    pub public_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            env: Env::Development,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            calendar_file: None,
            rules_file: None,
            grounds_file: None,
            secure_cookies: false,
            web: WebConfig::default(),
            worker: true,
            sms: SmsConfig::Console,
            eds: EdsConfig::default(),
            audit: AuditConfig::default(),
            quotas: QuotasConfig::default(),
            rate_limits: RateLimitsConfig::default(),
            files: FilesConfig::default(),
            master_key: None,
            keys: KeysConfig::default(),
            database_timeout_ms: None,
            shutdown_grace_seconds: None,
            public_url: None,
        }
    }
}

impl Config {
    /// How long the work in flight may take after SIGTERM.
    pub fn shutdown_grace(&self) -> std::time::Duration {
        self.shutdown_grace_seconds.map_or(
            crate::shutdown::DEFAULT_GRACE,
            std::time::Duration::from_secs,
        )
    }

    /// The public address without a trailing `/`.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.listen),
        }
    }

    /// Loads defaults ← config file ← environment, and checks the result.
    pub fn load() -> anyhow::Result<Config> {
        let file = std::env::var("KANDAS_CONFIG")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("kandas.toml"));
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if file.exists() {
            figment = figment.merge(Toml::file(&file));
        } else if std::env::var("KANDAS_CONFIG").is_ok() {
            bail!("the config file {} does not exist", file.display());
        }
        let config: Config = figment
            .merge(EnvVars::prefixed("KANDAS_").ignore(&["CONFIG"]).split("__"))
            .extract()
            .context("the configuration is invalid")?;
        config.check()?;
        Ok(config)
    }

    /// The database URL in effect.
    pub fn database_url(&self) -> String {
        self.database_url
            .as_ref()
            .map(|url| url.expose().to_owned())
            .unwrap_or_else(|| format!("sqlite://{}/kandas.db", self.data_dir.display()))
    }

    /// Where `kandas dev-pki init` keeps the development PKI.
    pub fn dev_pki_dir(&self) -> PathBuf {
        self.data_dir.join("dev-pki")
    }

    /// Cookies are `Secure` (and `__Host-`): asked for, or production.
    pub fn secure(&self) -> bool {
        self.secure_cookies || self.env == Env::Production
    }

    /// Production refuses development conveniences.
    pub fn check(&self) -> anyhow::Result<()> {
        if self.env == Env::Production && matches!(self.sms, SmsConfig::Console) {
            bail!("production refuses the console SMS sender: configure [sms] sender = \"http\"");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn production_refuses_the_console_sender() {
        let config = Config {
            env: Env::Production,
            ..Config::default()
        };
        assert!(config.check().is_err());
        let http = SmsConfig::Http {
            url: "https://sms.example/send".into(),
            token: "t".into(),
            name: None,
            timeout_ms: None,
        };
        assert!(
            Config {
                env: Env::Production,
                sms: http,
                ..Config::default()
            }
            .check()
            .is_ok()
        );
    }

    #[test]
    fn a_printed_configuration_shows_no_secret() {
        let config = Config {
            database_url: Some("postgres://kandas:db-password@db/kandas".into()),
            sms: SmsConfig::Http {
                url: "https://sms.example/send".into(),
                token: "sms-token".into(),
                name: None,
                timeout_ms: None,
            },
            eds: EdsConfig {
                ncanode_token: Some("ncanode-token".into()),
                ..EdsConfig::default()
            },
            web: WebConfig {
                metrics_token: Some("metrics-token".into()),
                ..WebConfig::default()
            },
            ..Config::default()
        };
        let printed = format!("{config:?}");
        for secret in ["db-password", "sms-token", "ncanode-token", "metrics-token"] {
            assert!(!printed.contains(secret), "{secret} printed in {printed}");
        }
        assert!(printed.contains("[redacted]"));
        // The values themselves are still there for the code that uses them.
        assert_eq!(
            config.database_url(),
            "postgres://kandas:db-password@db/kandas"
        );
        assert_eq!(
            config.sms.http().map(|h| h.token).as_deref(),
            Some("sms-token")
        );
    }

    #[test]
    fn request_timeouts_default_and_configured() {
        let edge = Config::default().edge();
        assert_eq!(edge.request_timeout, Duration::from_secs(30));
        assert_eq!(edge.upload_timeout, Duration::from_secs(300));
        let config = Config {
            web: WebConfig {
                request_timeout_secs: Some(5),
                upload_timeout_secs: Some(0),
                ..WebConfig::default()
            },
            ..Config::default()
        };
        assert_eq!(config.edge().request_timeout, Duration::from_secs(5));
        // Never zero: that would refuse every upload.
        assert_eq!(config.edge().upload_timeout, Duration::from_secs(1));
    }

    #[test]
    fn the_default_database_is_sqlite_in_the_data_dir() {
        assert_eq!(
            Config::default().database_url(),
            "sqlite://./data/kandas.db"
        );
    }
}
