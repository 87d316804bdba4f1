//! The processes a run starts: the ceiling server and `kandas serve`, each pinned to the server
//! core when `taskset` exists, and the fresh databases they run on.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::Connection;

use crate::http::{Conn, Req};

/// The cores: the servers on one, the load on the other (when the machine has two and taskset).
#[derive(Debug, Clone)]
pub struct Cores {
    /// The server's core, when pinning.
    pub server: Option<String>,
    /// The machine's cores.
    pub count: usize,
}

impl Cores {
    /// Pins this process (the load) to the last core and answers the server's, when possible.
    pub fn pin() -> Cores {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let taskset = Command::new("taskset")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !taskset || cores < 2 {
            return Cores {
                server: None,
                count: cores,
            };
        }
        let load = (cores - 1).to_string();
        let pinned = Command::new("taskset")
            .args(["-a", "-cp", &load, &std::process::id().to_string()])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        Cores {
            server: pinned.then(|| format!("0-{}", cores - 2)),
            count: cores,
        }
    }
}

/// A free port on 127.0.0.1.
fn free_addr() -> anyhow::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?)
}

/// A started server process.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `program args` with `env` and `KANDAS_LISTEN` set to a free port, its output in
    /// `log`, and waits until `ready` answers 200.
    pub async fn start(
        cores: &Cores,
        program: &Path,
        args: &[String],
        env: &[(String, String)],
        log: &Path,
        ready: &str,
    ) -> anyhow::Result<Server> {
        let addr = free_addr()?;
        let mut command = match &cores.server {
            Some(cpus) => {
                let mut c = Command::new("taskset");
                c.args(["-c", cpus]).arg(program);
                c
            }
            None => Command::new(program),
        };
        let out = std::fs::File::create(log).with_context(|| format!("{}", log.display()))?;
        command
            .args(args)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("KANDAS_LISTEN", addr.to_string())
            .stdout(out.try_clone()?)
            .stderr(out);
        let mut server = Server {
            child: command
                .spawn()
                .with_context(|| format!("start {}", program.display()))?,
            addr,
        };
        let mut conn = Conn::new(addr);
        for _ in 0..1200 {
            if let Some(status) = server.child.try_wait()? {
                bail!(
                    "{} exited with {status}; see {}",
                    program.display(),
                    log.display()
                );
            }
            if conn
                .send(&Req::get(ready))
                .await
                .is_ok_and(|a| a.status == 200)
            {
                return Ok(server);
            }
            conn = Conn::new(addr);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        server.stop();
        bail!(
            "{} was not ready within 120 s; see {}",
            program.display(),
            log.display()
        )
    }

    /// The resident memory now, in MB.
    pub fn rss_mb(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    }

    /// Stops it (SIGKILL: nothing it holds matters to the run).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A fresh database for one backend's run, dropped (PostgreSQL) when the run ends.
pub struct Database {
    /// The URL kandas and the ceiling use.
    pub url: String,
    /// Where the data directory is.
    pub data_dir: PathBuf,
    admin: Option<(String, String)>,
}

impl Database {
    /// SQLite in a fresh `dir`, or a fresh database on the PostgreSQL server at `postgres`.
    pub async fn fresh(backend: &str, dir: &Path, postgres: &str) -> anyhow::Result<Database> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        if backend == "sqlite" {
            return Ok(Database {
                url: format!("sqlite://{}/kandas.db", dir.display()),
                data_dir: dir.to_path_buf(),
                admin: None,
            });
        }
        let name = format!("kandas_bench_{}", std::process::id());
        let mut admin = sqlx::PgConnection::connect(postgres)
            .await
            .with_context(|| format!("PostgreSQL at {postgres}"))?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name}"
        )))
        .execute(&mut admin)
        .await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await?;
        let base = postgres.rsplit_once('/').map_or(postgres, |(b, _)| b);
        Ok(Database {
            url: format!("{base}/{name}"),
            data_dir: dir.to_path_buf(),
            admin: Some((postgres.to_owned(), name)),
        })
    }

    /// The URL of a separate database for the ceiling (SQLite: its own file).
    pub fn ceiling_url(&self) -> String {
        match &self.admin {
            None => format!("sqlite://{}/ceiling.db", self.data_dir.display()),
            Some(_) => self.url.clone(),
        }
    }

    /// Drops the PostgreSQL database.
    pub async fn drop_now(&self) {
        if let Some((admin, name)) = &self.admin
            && let Ok(mut conn) = sqlx::PgConnection::connect(admin).await
        {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut conn)
            .await;
        }
    }
}
