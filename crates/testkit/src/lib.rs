//! Test support for kandas: a settable clock, an SMS sender that records into the dev inbox,
//! and [`TestApp`], the whole service on a fresh SQLite or PostgreSQL database behind the
//! real router.
// Test support: a failed setup step should stop the test loudly, so expect/panic are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use jiff::{SignedDuration, Timestamp};
use kandas_app::Service;
use kandas_app::ports::Clock;
use kandas_app::ports::SignatureVerifier;
use kandas_app::secrets::Secrets;
use kandas_devpki::{DevPerson, DevPki};
use kandas_integrations::eds::PkiVerifier;
use kandas_integrations::{
    CrlConfig, CrlFetchError, CrlFetcher, CrlSource, OcspConfig, OcspFetchError, OcspFetcher,
    OcspSource,
};
use kandas_store::{LocalFiles, SqlStore};
use kandas_web::AppState;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;
use tower::ServiceExt as _;

mod codes;
mod node;
pub mod s3;
mod samples;
pub mod sql;
pub use codes::six_digits;
pub use node::MASTER_KEY;
pub use samples::PDF;

/// The time every test starts at: Monday 23 November 2026, 10:00 in Almaty (a working day).
pub const START: &str = "2026-11-23T05:00:00Z";

/// The public address the test service prints in receipts.
pub const PUBLIC_URL: &str = "http://kandas.test";

/// The tests' seal: a fixed key in use since 2000 (tests may move the clock far back) and a fixed
/// check-code key.
pub fn test_seal() -> kandas_seal::Seal {
    let key = kandas_seal::SealKey::from_seed([5; 32]);
    let keys = kandas_seal::KeySet::first(&key, "2000-01-01T00:00:00Z".parse().expect("time"));
    kandas_seal::Seal::new(key, keys, kandas_seal::CodeKey::from_bytes([6; 32])).expect("seal")
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    /// A clock showing `at`.
    pub fn at(at: Timestamp) -> Self {
        FixedClock(Mutex::new(at))
    }

    /// Sets the time.
    pub fn set(&self, at: Timestamp) {
        *self.0.lock().unwrap() = at;
    }

    /// Moves the time forward.
    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.0.lock().unwrap();
        *now = now.checked_add(by).unwrap();
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}

/// The people the tests' development PKI has keys for.
const PKI_PEOPLE: [(&str, &str, &str); 4] = [
    ("900101300811", "Серікбаев", "Ерлан"),
    ("931002451325", "Бағдатқызы", "Сәуле"),
    ("920305400125", "Серікбаева", "Айгүл"),
    ("850302400014", "Қасымова", "Динара"),
];

/// The development PKI of the tests, made once per test binary (RSA keys are slow to make):
/// issued the day before [`START`].
pub fn dev_pki() -> &'static DevPki {
    static PKI: OnceLock<DevPki> = OnceLock::new();
    PKI.get_or_init(|| {
        let people: Vec<DevPerson> = PKI_PEOPLE
            .iter()
            .map(|(iin, surname, given)| DevPerson {
                iin: (*iin).to_owned(),
                surname: (*surname).to_owned(),
                given: (*given).to_owned(),
            })
            .collect();
        let issued: Timestamp = START.parse().expect("start time");
        DevPki::generate(issued - SignedDuration::from_hours(24), &people).expect("development PKI")
    })
}

/// CRLs served from memory by URL, as the development server publishes them.
pub struct StaticCrls(pub HashMap<String, Vec<u8>>);

#[async_trait]
impl CrlSource for StaticCrls {
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, CrlFetchError> {
        self.0
            .get(url)
            .cloned()
            .ok_or_else(|| CrlFetchError::new(url, "not published"))
    }
}

/// The development PKI's OCSP responder answering from memory, at the tests' clock.
pub struct DevOcsp(pub Arc<dyn Clock>);

#[async_trait]
impl OcspSource for DevOcsp {
    async fn post(&self, url: &str, request: Vec<u8>) -> Result<Vec<u8>, OcspFetchError> {
        if url != dev_pki().options().ocsp_url {
            return Err(OcspFetchError::new(url, "no such responder"));
        }
        dev_pki()
            .ocsp_response(&request, self.0.now())
            .map_err(|e| OcspFetchError::new(url, e.to_string()))
    }
}

/// An OCSP responder that never answers (as when the real one is down).
pub struct NoOcsp;

#[async_trait]
impl OcspSource for NoOcsp {
    async fn post(&self, url: &str, _request: Vec<u8>) -> Result<Vec<u8>, OcspFetchError> {
        Err(OcspFetchError::new(url, "unreachable"))
    }
}

/// The real verifier over the tests' development PKI: OCSP from [`DevOcsp`], CRLs from
/// [`StaticCrls`], both in memory.
pub fn dev_verifier(clock: Arc<dyn Clock>) -> Arc<dyn SignatureVerifier> {
    let pki = dev_pki();
    let options = pki.options();
    let crls = StaticCrls(HashMap::from([
        (
            options.intermediate_crl_url.clone(),
            pki.intermediate_crl_der().to_vec(),
        ),
        (options.root_crl_url.clone(), pki.root_crl_der().to_vec()),
    ]));
    let fetcher = CrlFetcher::new(Arc::new(crls), clock.clone(), &CrlConfig::default());
    let ocsp = OcspFetcher::new(
        Arc::new(DevOcsp(clock.clone())),
        clock.clone(),
        &OcspConfig::default(),
    );
    let trust = pki.trust_store().expect("trust store");
    Arc::new(PkiVerifier::new(Arc::new(trust), fetcher, ocsp, clock))
}

/// An OCSP fetcher whose responder never answers.
pub fn no_ocsp(clock: Arc<dyn Clock>) -> OcspFetcher {
    OcspFetcher::new(Arc::new(NoOcsp), clock, &OcspConfig::default())
}

/// The whole service on a fresh database, driven through the real router.
pub struct TestApp {
    /// The shared state (the service inside it); on several nodes, the first node's.
    pub state: AppState,
    /// The other nodes on the same database, if any ([`TestApp::postgres_nodes`]).
    nodes: node::Nodes,
    /// The clock.
    pub clock: Arc<FixedClock>,
    /// The store.
    pub store: SqlStore,
    dir: PathBuf,
    /// The database's URL.
    url: String,
    /// The admin URL and the scratch database's URL, on PostgreSQL.
    postgres: Option<(String, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin, url)) = self.postgres.take() {
            // Drop is synchronous and may run inside the test's runtime: use a thread of its own.
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime
                    .block_on(kandas_store::scratch::drop_postgres_database(&admin, &url))
                    .map_err(std::io::Error::other)
            })
            .join();
            if !matches!(dropped, Ok(Ok(()))) {
                eprintln!("could not drop the scratch database (CI drops leftovers at its start)");
            }
        }
    }
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kandas-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

impl TestApp {
    /// The service on a fresh SQLite file.
    pub async fn sqlite() -> TestApp {
        TestApp::sqlite_in(scratch_dir()).await
    }

    /// The service on a fresh SQLite file in `dir` (a file system a test fills), which is
    /// removed with the app.
    pub async fn sqlite_in(dir: PathBuf) -> TestApp {
        let url = format!("sqlite://{}", dir.join("kandas.db").display());
        TestApp::build(&url, dir).await
    }

    /// The service on a fresh PostgreSQL database, or `None` when `KANDAS_TEST_POSTGRES_URL`
    /// is not set.
    pub async fn postgres() -> Option<TestApp> {
        TestApp::postgres_through(str::to_owned).await
    }

    /// [`TestApp::postgres`] connected through `route`: it is given the scratch database's URL
    /// and answers the URL to connect to (a proxy in front of the database that a test cuts
    /// and heals, to see the service fail fast and recover).
    pub async fn postgres_through(route: impl FnOnce(&str) -> String) -> Option<TestApp> {
        let admin = std::env::var("KANDAS_TEST_POSTGRES_URL")
            .ok()
            .filter(|u| !u.is_empty())?;
        let url = kandas_store::scratch::fresh_postgres_url(&admin)
            .await
            .expect("scratch database");
        let mut app = TestApp::build(&route(&url), scratch_dir()).await;
        app.postgres = Some((admin, url));
        Some(app)
    }

    async fn build(url: &str, dir: PathBuf) -> TestApp {
        let store = SqlStore::connect(url).await.expect("connect");
        store.migrate().await.expect("migrate");
        let clock = Arc::new(FixedClock::at(START.parse().expect("start time")));
        let files = Arc::new(LocalFiles::new(dir.join("files")));
        let secrets = Secrets::new(vec![7; 32]).expect("secrets");
        let service = node::service(&store, &clock, files, secrets, Arc::new(test_seal()));
        kandas_store::demo::seed(&store, &service)
            .await
            .expect("demo data");
        TestApp {
            state: node::state(service),
            nodes: node::Nodes::default(),
            clock,
            store,
            dir,
            url: url.to_owned(),
            postgres: None,
        }
    }

    /// The URL of the database the service runs on (for the `kandas` binary in tests).
    pub fn database_url(&self) -> &str {
        &self.url
    }

    /// The service.
    pub fn service(&self) -> &Service {
        &self.state.service
    }

    /// Sends a request through the real router; answers the status, headers and JSON body
    /// (`Value::Null` when the body is not JSON).
    pub async fn request(
        &self,
        method: &str,
        path: &str,
        json: Option<Value>,
        token: Option<&str>,
    ) -> (StatusCode, HeaderMap, Value) {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let body = match json {
            Some(json) => {
                builder = builder.header("content-type", "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let (status, headers, bytes) = self.send(builder.body(body).expect("request")).await;
        (
            status,
            headers,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// Sends any request; answers the status, headers and raw body.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
        let response = kandas_web::router(self.next_node().clone())
            .oneshot(request)
            .await
            .expect("infallible");
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.expect("body");
        (parts.status, parts.headers, bytes.to_vec())
    }

    /// Runs every due job (SMS, notifications).
    pub async fn drain(&self) -> usize {
        kandas_app::jobs::drain(self.service())
            .await
            .expect("drain")
    }

    /// The newest one-time code sent to the phone registered for `iin` (after [`Self::drain`]).
    pub async fn last_code(&self, iin: &str) -> String {
        let iin = kandas_domain::iin::Iin::parse(iin).expect("iin");
        let phone = kandas_app::ports::Registry::mobile_phone(&self.store, &iin)
            .await
            .expect("registry")
            .expect("a phone");
        // Notices (which carry numbers too) may arrive after the code: find the code message by
        // the text the code SMS starts with.
        let args = [("code", "\u{0}".to_owned()), ("minutes", "5".to_owned())];
        let template = kandas_i18n::text_with("kk", "sms-code", &args);
        let prefix = template.split('\u{0}').next().expect("a code placeholder");
        let inbox = self.service().store.dev_sms().await.expect("inbox");
        let sms = inbox
            .iter()
            .find(|s| s.phone == phone.to_string() && s.text.starts_with(prefix))
            .unwrap_or_else(|| panic!("no code SMS to {phone}"));
        six_digits(&sms.text[prefix.len()..]).unwrap_or_else(|| panic!("no code in {:?}", sms.text))
    }

    /// Signs in a demo account (password `kandas-demo`) and answers the bearer token.
    pub async fn sign_in(&self, iin: &str) -> String {
        let body = serde_json::json!({ "iin": iin, "password": kandas_store::demo::PASSWORD });
        let (status, _, json) = self
            .request("POST", "/api/v1/auth/login", Some(body), None)
            .await;
        assert_eq!(status, StatusCode::OK, "login: {json}");
        self.drain().await;
        let code = self.last_code(iin).await;
        let body = serde_json::json!({ "challenge_id": json["challenge_id"], "code": code });
        let (status, _, json) = self
            .request("POST", "/api/v1/auth/login/confirm", Some(body), None)
            .await;
        assert_eq!(status, StatusCode::OK, "confirm: {json}");
        json["token"].as_str().expect("token").to_owned()
    }
}
