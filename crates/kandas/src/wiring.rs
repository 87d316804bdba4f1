//! Builds the running service from the configuration: the store, the ports, the rule data and
//! the keys.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use kandas_app::Service;
use kandas_app::calendar::CalendarCell;
use kandas_app::keyring::{Keyring, SealCell};
use kandas_app::ports::clock::{SystemClock, TravellingClock};
use kandas_app::ports::store::CalendarStore;
use kandas_app::ports::{Clock, SignatureVerifier, Sms, Store, TimeStamps};
use kandas_app::secrets::Secrets;
use kandas_domain::calendar::WorkingCalendar;
use kandas_domain::grounds::Grounds;
use kandas_domain::rules::RuleBook;
use kandas_integrations::eds::{PkiVerifier, UnconfiguredVerifier};
use kandas_integrations::{
    ConsoleSms, CrlConfig, CrlFetcher, HttpSms, HttpTimeStamps, NcaNodeConfig, NcaNodeVerifier,
    OcspConfig, OcspFetcher, RevocationCheck,
};
use kandas_pki::TrustStore;
use kandas_store::{LocalFiles, SqlStore};
use tokio::sync::Notify;

use crate::config::{Config, Env};

/// The store and the service built on it.
pub struct Wired {
    /// The concrete store (for imports and the demo seed).
    pub store: SqlStore,
    /// The use cases.
    pub service: Service,
    /// Woken whenever a job is enqueued.
    pub jobs_waiting: Arc<Notify>,
    /// The clock `POST /dev/clock` moves forward (development only).
    pub dev_clock: Option<Arc<TravellingClock>>,
    /// The service's keys in the database.
    pub keyring: Keyring,
    /// The seal in use, which [`crate::keys::keep_current`] reloads.
    pub seal: Arc<SealCell>,
}

impl Wired {
    /// The task that keeps the seal current until `stop`.
    pub fn keep_seal_current(
        &self,
        config: &Config,
        stop: crate::shutdown::Stop,
    ) -> impl Future<Output = ()> + use<> {
        crate::keys::keep_current(
            self.keyring.clone(),
            self.seal.clone(),
            config.keys.reload_every(),
            stop,
        )
    }
}

/// Reads a configured data file, naming it when it cannot be read.
fn read(what: &str, path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading the {what} {}", path.display()))
}

/// The working calendar: the edited file if configured, else the shipped data.
pub fn calendar(config: &Config) -> anyhow::Result<WorkingCalendar> {
    match &config.calendar_file {
        Some(path) => WorkingCalendar::from_json(&read("calendar", path)?)
            .with_context(|| format!("the calendar {} is invalid", path.display())),
        None => Ok(WorkingCalendar::shipped()?),
    }
}

/// The rule sets: the configured file if any (checked like the shipped one), else the shipped
/// data.
pub fn rules(config: &Config) -> anyhow::Result<RuleBook> {
    match &config.rules_file {
        Some(path) => RuleBook::from_json(&read("rule sets", path)?)
            .with_context(|| format!("the rule sets {} are invalid", path.display())),
        None => Ok(RuleBook::shipped()?),
    }
}

/// The grounds for refusal: the configured file if any, else the shipped list. Each ground's
/// title and legal basis are texts of the service (`ground-<code>`, `ground-basis-<code>`), so
/// a ground the translations lack is refused here rather than shown as its id.
pub fn grounds(config: &Config) -> anyhow::Result<Grounds> {
    let Some(path) = &config.grounds_file else {
        return Ok(Grounds::shipped()?);
    };
    let grounds = Grounds::from_json(&read("grounds", path)?)
        .with_context(|| format!("the grounds {} are invalid", path.display()))?;
    for ground in grounds.all() {
        for id in [
            format!("ground-{}", ground.code),
            format!("ground-basis-{}", ground.code),
        ] {
            if !kandas_i18n::exists_everywhere(&id) {
                bail!(
                    "the grounds {} are invalid: the ground `{}` has no text `{id}` in kk, ru and en \
                     (a new ground needs its texts in the service's translations)",
                    path.display(),
                    ground.code
                );
            }
        }
    }
    Ok(grounds)
}

/// The calendar the server uses: the configured (or shipped) calendar with the years the
/// administrators edited, stored in `store`, laid over it.
pub async fn calendar_in_use(config: &Config, store: &SqlStore) -> anyhow::Result<WorkingCalendar> {
    let edited = CalendarStore::calendar_years(store)
        .await
        .context("reading the edited calendar years")?;
    kandas_app::calendar::lay_over(&calendar(config)?, &edited)
        .map_err(|e| anyhow::anyhow!("the edited calendar years are invalid: {e}"))
}

/// The trust anchors of signatures and timestamps: the configured NCA RK certificates, or in
/// development the development PKI (`kandas dev-pki init`), or none.
pub fn trust_store(config: &Config) -> anyhow::Result<Option<Arc<TrustStore>>> {
    let read = |paths: &[std::path::PathBuf]| -> anyhow::Result<Vec<Vec<u8>>> {
        paths
            .iter()
            .map(|p| {
                std::fs::read(p).with_context(|| format!("reading the certificate {}", p.display()))
            })
            .collect()
    };
    let dev = config.dev_pki_dir();
    let (anchors, intermediates) = if !config.eds.anchors.is_empty() {
        (read(&config.eds.anchors)?, read(&config.eds.intermediates)?)
    } else if config.env == Env::Development && dev.join("root.crt").exists() {
        (
            read(&[dev.join("root.crt")])?,
            read(&[dev.join("intermediate.crt")])?,
        )
    } else {
        return Ok(None);
    };
    let anchors: Vec<&[u8]> = anchors.iter().map(Vec::as_slice).collect();
    let intermediates: Vec<&[u8]> = intermediates.iter().map(Vec::as_slice).collect();
    let trust = TrustStore::from_pem_or_der(&anchors, &intermediates)
        .context("loading the EDS trust anchors")?;
    Ok(Some(Arc::new(trust)))
}

/// The timestamps of the audit seals: the TSA of [`Config::tsa`], checked against `trust`.
pub fn timestamps(
    config: &Config,
    trust: Option<Arc<TrustStore>>,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<Arc<dyn TimeStamps>> {
    let stamps = HttpTimeStamps::new(config.tsa(), trust, clock)
        .context("setting up the time-stamping authority's client")?;
    Ok(Arc::new(stamps))
}

/// The signature verifier over `trust`, or none (then EDS is "not available", SMS works).
fn signatures(
    config: &Config,
    trust: Option<Arc<TrustStore>>,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<Arc<dyn SignatureVerifier>> {
    let Some(trust) = trust else {
        tracing::warn!(
            "no NCA RK trust anchors configured ([eds] anchors): EDS signing is not available"
        );
        return Ok(Arc::new(UnconfiguredVerifier));
    };
    let crl = CrlConfig {
        timeout_ms: config.eds.crl_timeout_ms.unwrap_or(5_000),
        ..CrlConfig::default()
    };
    let crls = CrlFetcher::http(&crl, clock.clone()).context("setting up CRL fetching")?;
    let ocsp =
        OcspFetcher::http(&OcspConfig::default(), clock.clone()).context("setting up OCSP")?;
    let verifier = PkiVerifier::new(trust, crls, ocsp, clock.clone());
    let verifier = match &config.eds.ncanode_url {
        Some(url) => {
            let ncanode = NcaNodeConfig {
                base_url: url.clone(),
                timeout_ms: 10_000,
                token: config
                    .eds
                    .ncanode_token
                    .as_ref()
                    .map(|t| t.expose().to_owned()),
                revocation_check: vec![RevocationCheck::Ocsp, RevocationCheck::Crl],
            };
            let external =
                NcaNodeVerifier::new(ncanode, clock).map_err(|e| anyhow::anyhow!("{e}"))?;
            verifier.with_external(external)
        }
        None => verifier,
    };
    Ok(Arc::new(verifier))
}

/// The files on this node's disk (`$KANDAS_DATA_DIR/files`).
pub fn local_files(config: &Config) -> LocalFiles {
    LocalFiles::new(config.data_dir.join("files"))
}

/// The configured S3 bucket (`[files.s3]`).
pub fn s3_files(config: &Config) -> anyhow::Result<kandas_integrations::S3Files> {
    let Some(s3) = &config.files.s3 else {
        bail!("[files] store = \"s3\" needs [files.s3] (bucket, access_key_id, secret_access_key)");
    };
    kandas_integrations::S3Files::new(&s3.adapter())
        .map_err(|e| anyhow::anyhow!("the S3 bucket: {}", kandas_app::error::Chain(&e)))
}

/// Where stored files live (`[files] store`).
pub fn files(
    config: &Config,
    store: &SqlStore,
) -> anyhow::Result<Arc<dyn kandas_app::ports::Files>> {
    files_in(config, config.file_store(), store)
}

/// The file store of kind `kind`.
pub fn files_in(
    config: &Config,
    kind: crate::config::FileStore,
    store: &SqlStore,
) -> anyhow::Result<Arc<dyn kandas_app::ports::Files>> {
    Ok(match kind {
        crate::config::FileStore::Local => Arc::new(local_files(config)),
        crate::config::FileStore::Database => Arc::new(store.files()),
        crate::config::FileStore::S3 => Arc::new(s3_files(config)?),
    })
}

/// Connects to the configured database and migrates it.
pub async fn store(config: &Config) -> anyhow::Result<SqlStore> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating {}", config.data_dir.display()))?;
    let wait = config
        .database_timeout_ms
        .map_or(kandas_store::ACQUIRE_TIMEOUT, |ms| {
            std::time::Duration::from_millis(ms.max(100))
        });
    let store = SqlStore::connect_waiting(&config.database_url(), wait)
        .await
        .context("connecting to the database")?;
    store.migrate().await.context("migrating the database")?;
    Ok(store)
}

/// Connects, migrates and wires everything.
pub async fn wire(config: &Config) -> anyhow::Result<Wired> {
    let store = store(config).await?;
    let shared: Arc<dyn Store> = Arc::new(store.clone());
    let dev_clock = (config.env == Env::Development).then(|| Arc::new(TravellingClock::default()));
    let clock: Arc<dyn Clock> = match &dev_clock {
        Some(travelling) => travelling.clone(),
        None => Arc::new(SystemClock),
    };
    let started = clock.now();
    let keyring = crate::keys::open(config, &store, started).await?;
    let (seal, version) = crate::seal_keys::load(config, &keyring, started).await?;
    let seal = Arc::new(SealCell::new(seal, version));
    let sms: Arc<dyn Sms> = match config.sms.http() {
        Some(http) => Arc::new(HttpSms::new(http).map_err(|e| anyhow::anyhow!("{e}"))?),
        None => Arc::new(ConsoleSms::new(shared.clone(), clock.clone())),
    };
    let jobs_waiting = Arc::new(Notify::new());
    let notify = jobs_waiting.clone();
    let trust = trust_store(config)?;
    let service = Service {
        store: shared,
        registry: Arc::new(store.clone()),
        files: files(config, &store)?,
        signatures: signatures(config, trust.clone(), clock.clone())?,
        timestamps: timestamps(config, trust, clock.clone())?,
        clock,
        sms,
        calendar: Arc::new(CalendarCell::new(calendar(config)?)),
        rules: Arc::new(rules(config)?),
        grounds: Arc::new(grounds(config)?),
        appeals: Arc::new(kandas_domain::appeal::AppealRoutes::shipped()?),
        secrets: Secrets::new(keyring.otp_key(started).await.map_err(crate::keys::app)?)
            .map_err(crate::keys::app)?,
        seal: seal.clone(),
        limits: config.limits(),
        public_url: config.public_url(),
        wake: Arc::new(move || notify.notify_one()),
    };
    // The years an administrator edited, over the shipped or configured calendar; should they
    // not read, the base calendar serves until the worker's next reload.
    if let Err(e) = kandas_app::calendar::reload(&service).await {
        tracing::warn!(error = %kandas_app::error::Chain(&e), "the edited calendar years could not be read");
    }
    Ok(Wired {
        store,
        service,
        jobs_waiting,
        dev_clock,
        keyring,
        seal,
    })
}
