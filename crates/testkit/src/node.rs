//! One node of the service as the tests build it, and several nodes on one database: each its
//! own service, pools, files adapter and seal cell, sharing nothing but the database and the
//! clock; requests go to each in turn, as behind a load balancer.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use kandas_app::keyring::{Keyring, MasterKey, SealCell};
use kandas_app::ports::{Files, Seal, Store};
use kandas_app::secrets::Secrets;
use kandas_app::{Limits, Service};
use kandas_domain::calendar::WorkingCalendar;
use kandas_domain::grounds::Grounds;
use kandas_domain::rules::RuleBook;
use kandas_integrations::ConsoleSms;
use kandas_store::SqlStore;
use kandas_web::{AppState, Environment};

use crate::{FixedClock, PUBLIC_URL, TestApp, dev_verifier, test_seal};

/// The master key of the tests' nodes.
pub const MASTER_KEY: &str = "6b616e6461732d746573742d6d61737465722d6b65792d303030303030303030";

/// The nodes beyond the first, their seals, and whose turn it is.
#[derive(Default)]
pub(crate) struct Nodes {
    others: Vec<AppState>,
    seals: Vec<Arc<SealCell>>,
    keyrings: Vec<Keyring>,
    turn: AtomicUsize,
}

/// The service of one node on `store`.
pub(crate) fn service(
    store: &SqlStore,
    clock: &Arc<FixedClock>,
    files: Arc<dyn Files>,
    secrets: Secrets,
    seal: Arc<dyn Seal>,
) -> Service {
    let shared: Arc<dyn Store> = Arc::new(store.clone());
    Service {
        store: shared.clone(),
        registry: Arc::new(store.clone()),
        files,
        clock: clock.clone(),
        sms: Arc::new(ConsoleSms::new(shared, clock.clone())),
        signatures: dev_verifier(clock.clone()),
        calendar: Arc::new(kandas_app::calendar::CalendarCell::new(
            WorkingCalendar::shipped().expect("calendar"),
        )),
        rules: Arc::new(RuleBook::shipped().expect("rules")),
        grounds: Arc::new(Grounds::shipped().expect("grounds")),
        appeals: Arc::new(kandas_domain::appeal::AppealRoutes::shipped().expect("appeals")),
        secrets,
        seal,
        timestamps: Arc::new(kandas_app::ports::timestamps::NoTimeStamps),
        // Journeys move the clock across hearings (at least a day's notice) and terms: a
        // session lasts two weeks here, idle or not. The 8-hour and 30-minute defaults are
        // production's (the idle test sets its own).
        limits: Limits {
            session_seconds: 14 * 24 * 3600,
            session_idle_seconds: 14 * 24 * 3600,
            ..Limits::default()
        },
        public_url: PUBLIC_URL.to_owned(),
        wake: Arc::new(|| {}),
    }
}

/// The web state of a node serving `service`.
pub(crate) fn state(service: Service) -> AppState {
    AppState {
        service,
        environment: Environment::Development,
        secure_cookies: false,
        metrics: None,
        dev_pki: None,
        public_limit: Default::default(),
        dev_clock: None,
        uploads: Default::default(),
        edge: kandas_web::edge::EdgePolicy {
            metrics_open: true,
            ..Default::default()
        },
    }
}

impl TestApp {
    /// `count` nodes on one fresh PostgreSQL database (`None` without
    /// `KANDAS_TEST_POSTGRES_URL`): each with its own pools, its files in the store `files`
    /// makes of its own connection, and the keys of the database's keyring (the one-time-code
    /// key and the seal, made by the first node under [`MASTER_KEY`]). Requests take turns
    /// across the nodes ([`TestApp::upcoming_node`] says whose turn it is).
    pub async fn postgres_nodes(
        count: usize,
        files: impl Fn(&SqlStore) -> Arc<dyn Files>,
    ) -> Option<TestApp> {
        let mut app = TestApp::postgres().await?;
        let master = MasterKey::from_hex(MASTER_KEY).expect("master key");
        let now = kandas_app::ports::Clock::now(&*app.clock);
        let mut states = Vec::new();
        let mut seals = Vec::new();
        for _ in 0..count.max(1) {
            let store = SqlStore::connect(&app.url).await.expect("connect a node");
            let keyring = Keyring::new(Arc::new(store.clone()), master.clone());
            let otp = keyring.otp_key(now).await.expect("the one-time-code key");
            keyring
                .add_seal(&test_seal(), now, None)
                .await
                .expect("the seal");
            let (seal, version) = keyring.seal().await.expect("seal").expect("a seal");
            let cell = Arc::new(SealCell::new(seal, version));
            let secrets = Secrets::new(otp).expect("secrets");
            let node = service(&store, &app.clock, files(&store), secrets, cell.clone());
            states.push(state(node));
            seals.push(cell);
            app.nodes.keyrings.push(keyring);
        }
        app.state = states.remove(0);
        app.nodes.others = states;
        app.nodes.seals = seals;
        Some(app)
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        1 + self.nodes.others.len()
    }

    /// Node `i` (from 0).
    pub fn node(&self, i: usize) -> &AppState {
        match i {
            0 => &self.state,
            _ => &self.nodes.others[i - 1],
        }
    }

    /// The seal cell of node `i` (of [`TestApp::postgres_nodes`]).
    pub fn seal_of(&self, i: usize) -> &Arc<SealCell> {
        &self.nodes.seals[i]
    }

    /// Node `i`'s keyring, on its own connection to the database they share (of
    /// [`TestApp::postgres_nodes`]).
    pub fn keyring_of(&self, i: usize) -> &Keyring {
        &self.nodes.keyrings[i]
    }

    /// The index of the node the next request goes to.
    pub fn upcoming_node(&self) -> usize {
        self.nodes.turn.load(Ordering::SeqCst) % self.node_count()
    }

    /// The node the next request goes to.
    pub(crate) fn next_node(&self) -> &AppState {
        let turn = self.nodes.turn.fetch_add(1, Ordering::SeqCst);
        self.node(turn % self.node_count())
    }
}
