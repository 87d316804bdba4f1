//! `kandas-bench`: the load benchmark of issue 15 (see bench/README.md).
//!
//! `kandas-bench run` measures the ceilings and the service's scenarios side by side on SQLite
//! and PostgreSQL and writes the table of ratios; `kandas-bench ceiling` is the ceiling server
//! the run starts.

mod ceiling;
mod growth;
mod http;
mod journeys;
mod load;
mod procs;
mod report;
mod run;
mod scenarios;
mod session;

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "kandas-bench")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure everything and write the table.
    Run {
        /// sqlite, postgres or both.
        #[arg(long, default_value = "both")]
        db: String,
        /// The kandas binary (a release build for real figures).
        #[arg(long, default_value = "target/release/kandas")]
        binary: PathBuf,
        /// The PostgreSQL server (a fresh database is made and dropped beside it).
        #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
        postgres: String,
        /// Applications in the first round's database.
        #[arg(long, default_value_t = 10_000)]
        small: u64,
        /// Applications in the second round's database (the reads again).
        #[arg(long, default_value_t = 1_000_000)]
        large: u64,
        /// Seconds per measurement.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
        /// Closed-loop repeats; the median is kept.
        #[arg(long, default_value_t = 3)]
        repeats: usize,
        /// Closed-loop connections.
        #[arg(long, default_value_t = 16)]
        connections: usize,
        /// Where the table goes.
        #[arg(long, default_value = "bench/results")]
        out: PathBuf,
        /// A quick check that everything works (tiny databases, short runs; fails on any error).
        #[arg(long)]
        smoke: bool,
    },
    /// The ceiling server (C3 and C1), listening on KANDAS_LISTEN.
    Ceiling {
        /// `sqlite://…` or `postgres://…`.
        #[arg(long)]
        database: String,
    },
}

fn header(options: &run::Options, cores: &procs::Cores) -> Vec<(String, String)> {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .unwrap_or("?")
        .trim()
        .to_owned();
    let memory = read("/proc/meminfo")
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("MemTotal:")
        .trim()
        .to_owned();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    let dirty = if git(&["status", "--porcelain", "--untracked-files=no"]).is_empty() {
        ""
    } else {
        " (with uncommitted changes)"
    };
    #[allow(clippy::disallowed_methods, reason = "the run's date for the record")]
    let now = jiff::Timestamp::now();
    vec![
        (
            "commit".into(),
            format!("{}{dirty}", git(&["rev-parse", "--short", "HEAD"])),
        ),
        (
            "date".into(),
            now.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        ),
        (
            "machine".into(),
            format!(
                "{cpu}, {} cores, {memory}, Linux {}",
                cores.count,
                read("/proc/sys/kernel/osrelease").trim()
            ),
        ),
        (
            "pinning".into(),
            cores
                .server
                .as_ref()
                .map_or("none (no taskset or one core)".into(), |c| {
                    format!("servers on CPU {c}, load generator on the other (taskset)")
                }),
        ),
        (
            "shape".into(),
            format!(
                "{} connections closed loop, median of {} runs of {:?} after {:?} warm-up; open loop at 80 % of it on {} connections; {} then {} applications",
                options.connections,
                options.repeats,
                options.duration,
                options.warm_up,
                options.open_connections,
                options.small,
                options.large
            ),
        ),
        ("binary".into(), options.binary.display().to_string()),
    ]
}

async fn bench(db: String, options: run::Options, out: PathBuf, smoke: bool) -> anyhow::Result<()> {
    let cores = procs::Cores::pin();
    let mut bench = run::Bench {
        report: report::Report {
            header: header(&options, &cores),
            ..Default::default()
        },
        options,
        cores,
    };
    let backends: Vec<&str> = match db.as_str() {
        "both" => vec!["sqlite", "postgres"],
        one => vec![one],
    };
    let started = std::time::Instant::now();
    for name in backends {
        println!("{name}:");
        run::backend(&mut bench, name).await?;
    }
    bench.report.header.push((
        "run time".into(),
        format!("{:.0} s", started.elapsed().as_secs_f64()),
    ));
    bench.report.write(&out)?;
    println!("{}", bench.report.markdown());
    println!("written to {}", out.join("latest.md").display());
    let errors = bench.report.errors();
    anyhow::ensure!(errors == 0 || !smoke, "{errors} iterations failed");
    Ok(())
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Ceiling { database } => {
            let listen = std::env::var("KANDAS_LISTEN").unwrap_or_else(|_| "127.0.0.1:8090".into());
            tokio::runtime::Runtime::new()?.block_on(ceiling::serve(&database, &listen))
        }
        Command::Run {
            db,
            binary,
            postgres,
            small,
            large,
            seconds,
            repeats,
            connections,
            out,
            smoke,
        } => {
            let work = PathBuf::from("target/bench");
            let options = if smoke {
                run::Options {
                    binary,
                    postgres,
                    small: small.min(2000),
                    large: large.min(2400),
                    duration: Duration::from_millis(500),
                    warm_up: Duration::from_millis(200),
                    repeats: 1,
                    connections: connections.min(4),
                    open_connections: 8,
                    work,
                }
            } else {
                run::Options {
                    binary,
                    postgres,
                    small,
                    large,
                    duration: Duration::from_secs_f64(seconds),
                    warm_up: Duration::from_secs(1),
                    repeats,
                    connections,
                    open_connections: 64,
                    work,
                }
            };
            let out = if smoke {
                PathBuf::from("target/bench/smoke")
            } else {
                out
            };
            // The load generator has one core: one thread.
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?
                .block_on(bench(db, options, out, smoke))
        }
    }
}
