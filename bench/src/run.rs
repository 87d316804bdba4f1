//! One run: for each backend, the ceilings, then the service on a seeded database (the small
//! one, then grown to the large one), every scenario at its maximum and at 80 % of it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use bytes::Bytes;
use hyper::Method;

use crate::http::{Conn, Req};
use crate::load::{self, Flows, Measure, Mode, requests};
use crate::procs::{Cores, Database, Server};
use crate::report::{Report, Row};
use crate::scenarios::{Ceiling, Goal, Scenario, Setup};
use crate::session::{self, Seed};
use crate::{growth, journeys};

/// How a run is shaped.
#[derive(Debug, Clone)]
pub struct Options {
    /// The kandas binary.
    pub binary: PathBuf,
    /// The administrative PostgreSQL URL (fresh databases are made beside it).
    pub postgres: String,
    /// Applications seeded for the first round, and in all for the second.
    pub small: u64,
    /// Applications in all for the second round.
    pub large: u64,
    /// Each measurement's length.
    pub duration: Duration,
    /// The warm-up before each.
    pub warm_up: Duration,
    /// Closed-loop repeats (the median is kept).
    pub repeats: usize,
    /// Connections of the closed loop.
    pub connections: usize,
    /// Connections of the open loop.
    pub open_connections: usize,
    /// Where the data directories go.
    pub work: PathBuf,
}

/// Measures and keeps the rows.
pub struct Bench {
    /// The shape.
    pub options: Options,
    /// The cores.
    pub cores: Cores,
    /// What was measured.
    pub report: Report,
}

/// A scenario's maximum (median of the closed-loop repeats) and its run at 80 % of it.
pub struct Measured {
    /// The median repeat.
    pub max: Measure,
    /// At 80 %.
    pub at80: Option<Measure>,
    /// Failures over all runs, and the first.
    pub errors: (u64, Option<String>),
}

impl Bench {
    async fn once(
        &self,
        addr: std::net::SocketAddr,
        flows: &Flows,
        connections: usize,
        mode: Mode,
    ) -> Measure {
        let o = &self.options;
        load::run(addr, flows, connections, o.warm_up, o.duration, mode).await
    }

    /// Runs `flows` closed loop once, unmeasured (to bring the server to a working state).
    pub async fn exercise(&self, addr: std::net::SocketAddr, flows: &Flows) {
        self.once(addr, flows, self.options.connections, Mode::Closed)
            .await;
    }

    /// The maximum, and p99 at 80 % of it (or at `rate` when given).
    pub async fn measure(
        &self,
        addr: std::net::SocketAddr,
        flows: &Flows,
        connections: usize,
        rate: Option<f64>,
    ) -> Measured {
        let mut runs = Vec::new();
        for _ in 0..self.options.repeats.max(1) {
            runs.push(self.once(addr, flows, connections, Mode::Closed).await);
        }
        let mut errors = (0, None);
        for r in &runs {
            errors.0 += r.errors;
            if errors.1.is_none() {
                errors.1 = r.first_error.clone();
            }
        }
        runs.sort_by(|a, b| a.rate().total_cmp(&b.rate()));
        let max = runs.swap_remove(runs.len() / 2);
        let target = rate.unwrap_or(max.rate() * 0.8);
        let at80 = if target > 0.0 {
            let m = self
                .once(
                    addr,
                    flows,
                    self.options.open_connections,
                    Mode::Open(target),
                )
                .await;
            errors.0 += m.errors;
            if errors.1.is_none() {
                errors.1 = m.first_error.clone();
            }
            Some(m)
        } else {
            None
        };
        Measured { max, at80, errors }
    }

    /// Measures `s` and adds its row.
    pub async fn scenario(
        &mut self,
        at: &Target<'_>,
        s: &Scenario,
        connections: usize,
        rate: Option<f64>,
        suffix: &str,
    ) -> Measured {
        let (db, addr, ceilings) = (at.db, at.addr, &at.ceilings);
        println!("  {db} {}{suffix} …", s.name);
        let m = self.measure(addr, &s.flows, connections, rate).await;
        let name = format!("{}{suffix}", s.name);
        let figure = if suffix.is_empty() {
            s.figure.to_owned()
        } else {
            format!("{} ({})", s.figure, suffix.trim_start_matches('@'))
        };
        let row = Row::new(
            db,
            (&name, &figure),
            (s.ceiling, ceilings.of(s.ceiling)),
            s.goal,
            &m.max,
            m.at80.as_ref(),
            m.errors.clone(),
        );
        println!(
            "    {:.0}/s p50 {:.2} ms p99 {:.2} ms{}",
            row.rate,
            row.p50,
            row.p99,
            m.errors
                .1
                .as_ref()
                .map_or(String::new(), |e| format!(" — {} failed: {e}", m.errors.0))
        );
        self.report.rows.push(row);
        m
    }
}

/// Where a scenario runs: the backend's name, the server, the ceilings measured on it.
pub struct Target<'a> {
    /// `sqlite` or `postgres`.
    pub db: &'a str,
    /// The server.
    pub addr: std::net::SocketAddr,
    /// The ceilings of this backend.
    pub ceilings: Ceilings,
}

/// The ceilings' maximum rates in this run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ceilings {
    /// C3.
    pub c3: f64,
    /// C1.
    pub c1: f64,
}

impl Ceilings {
    fn of(&self, c: Ceiling) -> f64 {
        match c {
            Ceiling::C3 => self.c3,
            Ceiling::C1 => self.c1,
        }
    }
}

/// The kandas server's environment: production defaults, but the limits one benchmark client
/// would hit lifted (configuration, as issue 15 asks).
pub fn kandas_env(db: &Database) -> Vec<(String, String)> {
    [
        ("KANDAS_DATA_DIR", db.data_dir.display().to_string()),
        ("KANDAS_DATABASE_URL", db.url.clone()),
        (
            "KANDAS_MASTER_KEY",
            "6b616e6461732d62656e63682d6d61737465722d6b65792d3030303030303030".into(),
        ),
        ("KANDAS_AUDIT__TSA_URL", String::new()),
        (
            "KANDAS_QUOTAS__OPEN_DRAFTS_PER_APPLICANT",
            "100000000".into(),
        ),
        ("KANDAS_RATE_LIMITS__CODES_PER_IIN", "100000000".into()),
        ("KANDAS_RATE_LIMITS__CODES_PER_IP", "100000000".into()),
        (
            "KANDAS_RATE_LIMITS__PUBLIC_CHECKS_PER_MINUTE",
            "100000000".into(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// Runs `kandas bench seed` for `applications` more, answering what it printed.
pub fn seed(o: &Options, db: &Database, applications: u64) -> anyhow::Result<Seed> {
    let started = std::time::Instant::now();
    let out = std::process::Command::new(&o.binary)
        .args([
            "bench",
            "seed",
            "--applications",
            &applications.to_string(),
            "--offices",
            "200",
            "--sessions",
            "1000",
        ])
        .envs(kandas_env(db))
        .env("KANDAS_LOG", "warn")
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("run kandas bench seed")?;
    anyhow::ensure!(
        out.status.success(),
        "kandas bench seed failed: {}",
        out.status
    );
    let seed: Seed = serde_json::from_slice(&out.stdout).with_context(|| {
        format!(
            "kandas bench seed printed: {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })?;
    println!(
        "  seeded {applications} applications in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(seed)
}

/// The ceilings on `db`.
pub async fn ceilings(bench: &mut Bench, name: &str, db: &Database) -> anyhow::Result<Ceilings> {
    let me = std::env::current_exe()?;
    let args = vec![
        "ceiling".to_owned(),
        "--database".to_owned(),
        db.ceiling_url(),
    ];
    let server = Server::start(
        &bench.cores,
        &me,
        &args,
        &[],
        &db.data_dir.join("ceiling.log"),
        "/healthz",
    )
    .await?;
    let c3 = Scenario {
        name: "C3",
        figure: "C3: bare axum, 1 KB JSON",
        ceiling: Ceiling::C3,
        goal: Goal::default(),
        flows: requests(200, |_| Req::get("/c3")),
        read: false,
    };
    let row = Bytes::from(vec![b'x'; 2048]);
    let c1 = Scenario {
        name: "C1",
        figure: "C1: one durable INSERT of a 2 KB row",
        ceiling: Ceiling::C1,
        goal: Goal::default(),
        flows: requests(201, move |_| Req {
            method: Method::POST,
            path: "/c1".into(),
            token: None,
            body: Some(("application/octet-stream".into(), row.clone())),
        }),
        read: false,
    };
    let mut found = Ceilings::default();
    let connections = bench.options.connections;
    found.c3 = bench
        .measure(server.addr, &c3.flows, connections, None)
        .await
        .max
        .rate();
    found.c1 = bench
        .measure(server.addr, &c1.flows, connections, None)
        .await
        .max
        .rate();
    for s in [&c3, &c1] {
        let at = Target {
            db: name,
            addr: server.addr,
            ceilings: found,
        };
        bench.scenario(&at, s, connections, None, "").await;
    }
    Ok(found)
}

/// Signs in, makes the drafts and finds the downloadable results.
pub async fn setup(
    addr: std::net::SocketAddr,
    data_dir: &Path,
    seed: Seed,
    drafts: usize,
) -> anyhow::Result<Setup> {
    let err = |e: String| anyhow::anyhow!(e);
    anyhow::ensure!(
        !seed.applicants.is_empty()
            && !seed.office_cases.is_empty()
            && !seed.certificates.is_empty(),
        "the seed gave no applicant session, office case or certificate to read: seed more applications"
    );
    let applicant = session::sign_in(addr, journeys::APPLICANT, "kandas-demo")
        .await
        .map_err(err)?;
    let officer = session::sign_in(addr, "850302400014", "kandas-demo")
        .await
        .map_err(err)?;
    let mut conn = Conn::new(addr);
    let mut made = Vec::new();
    for _ in 0..drafts {
        made.push(
            journeys::create_draft(&mut conn, &applicant)
                .await
                .map_err(err)?,
        );
    }
    let mut results = Vec::new();
    for o in seed.applicants.iter().take(400) {
        let path = format!("/api/v1/applications/{}/result", o.application_id);
        if conn
            .send(&Req::get(path).by(&o.token))
            .await
            .map_err(err)?
            .status
            == 200
        {
            results.push((o.token.clone(), o.application_id.clone()));
        }
    }
    let pki = kandas_devpki::DevPki::load(&data_dir.join("dev-pki"))
        .context("the server's development PKI")?;
    Ok(Setup {
        applicant,
        officer,
        seed,
        drafts: made,
        results,
        pki: Arc::new(pki),
    })
}

/// Both rounds on one backend.
pub async fn backend(bench: &mut Bench, name: &str) -> anyhow::Result<()> {
    let o = bench.options.clone();
    let db = Database::fresh(name, &o.work.join(name), &o.postgres).await?;
    let outcome = growth::rounds(bench, name, &db).await;
    db.drop_now().await;
    outcome
}
