//! The rounds on one backend: the service on the small seeded database (every scenario, the
//! PDF and reads beside it, memory), then on the database grown to the large size (the reads
//! again, at the small round's offered rate, for the p99 ratio).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::procs::{Database, Server};
use crate::report::Derived;
use crate::run::{self, Bench, kandas_env};
use crate::scenarios;

/// Connections that download PDFs while the reads are measured.
const PDF_CONNECTIONS: usize = 4;

fn derived(bench: &mut Bench, db: &str, figure: String, value: String, goal: &str, met: bool) {
    println!("    {figure}: {value} (goal {goal})");
    bench.report.derived.push(Derived {
        db: db.to_owned(),
        figure,
        value,
        goal: goal.to_owned(),
        met,
    });
}

/// Both rounds.
pub async fn rounds(bench: &mut Bench, name: &str, db: &Database) -> anyhow::Result<()> {
    let o = bench.options.clone();
    let ceilings = run::ceilings(bench, name, db).await?;
    let seed = run::seed(&o, db, o.small)?;
    let env = kandas_env(db);
    let serve = ["serve".to_owned()];
    let log = db.data_dir.join("kandas.log");
    let server = Server::start(&bench.cores, &o.binary, &serve, &env, &log, "/readyz").await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = server.rss_mb().unwrap_or(f64::NAN);
    let first = seed.clone();
    let setup = run::setup(
        server.addr,
        &db.data_dir,
        seed,
        o.open_connections.max(o.connections),
    )
    .await?;
    let at = run::Target {
        db: name,
        addr: server.addr,
        ceilings,
    };
    let sessions = setup.seed.applicants.len();
    // Memory per live session: the same reads over a few sessions, then over all of them.
    let few: Vec<_> = setup.seed.applicants.iter().take(10).cloned().collect();
    bench
        .exercise(server.addr, &scenarios::own_reads(Arc::new(few)))
        .await;
    let few_rss = server.rss_mb().unwrap_or(f64::NAN);
    let all = Arc::new(setup.seed.applicants.clone());
    bench
        .exercise(server.addr, &scenarios::own_reads(all))
        .await;
    let all_rss = server.rss_mb().unwrap_or(f64::NAN);
    let mut offered = HashMap::new();
    for s in scenarios::reads(&setup) {
        let m = bench.scenario(&at, &s, o.connections, None, "").await;
        if let Some(at80) = &m.at80 {
            offered.insert(s.name, (at80.p99(), m.max.rate() * 0.8));
        }
    }
    derived(
        bench,
        name,
        "idle memory (RSS)".into(),
        format!("{idle:.1} MB"),
        "≤ 40 MB",
        idle <= 40.0,
    );
    let per_thousand =
        (all_rss - few_rss).max(0.0) * 1000.0 / sessions.saturating_sub(10).max(1) as f64;
    derived(
        bench,
        name,
        format!(
            "memory per 1,000 live sessions (RSS {few_rss:.1} MB after reads by 10, {all_rss:.1} MB after the same reads by {sessions})"
        ),
        format!("{per_thousand:.1} MB"),
        "≤ 5 MB",
        per_thousand <= 5.0,
    );

    let pdf = scenarios::pdf(&setup);
    if setup.results.is_empty() {
        bench.report.rows.push(crate::report::Row::new(
            name,
            (pdf.name, pdf.figure),
            (pdf.ceiling, 0.0),
            pdf.goal,
            &Default::default(),
            None,
            (1, Some("no seeded result downloads".into())),
        ));
    } else {
        bench.scenario(&at, &pdf, PDF_CONNECTIONS, None, "").await;
        let reads = scenarios::reads(&setup);
        if let (Some(own), Some((alone, rate))) = (
            reads.iter().find(|s| s.name == "own_read"),
            offered.get("own_read").copied(),
        ) {
            let addr = server.addr;
            let pdfs = pdf.flows.clone();
            let (warm, dur) = (o.warm_up, o.duration);
            let background = tokio::spawn(async move {
                crate::load::run(
                    addr,
                    &pdfs,
                    PDF_CONNECTIONS,
                    Duration::ZERO,
                    warm + dur + Duration::from_millis(500),
                    crate::load::Mode::Closed,
                )
                .await
            });
            let beside = crate::load::run(
                addr,
                &own.flows,
                o.open_connections,
                warm,
                dur,
                crate::load::Mode::Open(rate),
            )
            .await;
            let _ = background.await;
            let ratio = beside.p99() / alone;
            derived(
                bench,
                name,
                format!(
                    "own read p99 at 80 % while PDFs download: {:.2} ms vs {alone:.2} ms alone",
                    beside.p99()
                ),
                format!("×{ratio:.2}"),
                "≤ ×1.2",
                ratio <= 1.2 && beside.errors == 0,
            );
        }
    }
    for s in scenarios::writes(&setup) {
        bench.scenario(&at, &s, o.connections, None, "").await;
    }
    drop(server);

    if o.large > o.small {
        let mut grown = run::seed(&o, db, o.large - o.small)?;
        // A small growth may bring no case of the officer's office: the first round's stay.
        grown.extend(&first);
        let server = Server::start(&bench.cores, &o.binary, &serve, &env, &log, "/readyz").await?;
        let setup = run::setup(server.addr, &db.data_dir, grown, 0).await?;
        let at = run::Target {
            db: name,
            addr: server.addr,
            ceilings,
        };
        let suffix = format!("@{}", o.large);
        for s in scenarios::reads(&setup).into_iter().filter(|s| s.read) {
            let Some((small_p99, rate)) = offered.get(s.name).copied() else {
                continue;
            };
            let m = bench
                .scenario(&at, &s, o.connections, Some(rate), &suffix)
                .await;
            let large_p99 = m.at80.as_ref().map_or(f64::NAN, crate::load::Measure::p99);
            let ratio = large_p99 / small_p99;
            derived(
                bench,
                name,
                format!(
                    "{}: p99 at {} / p99 at {} (both at {rate:.0}/s)",
                    s.figure, o.large, o.small
                ),
                format!("{large_p99:.2} / {small_p99:.2} ms = ×{ratio:.2}"),
                "≤ ×1.3",
                ratio <= 1.3,
            );
        }
    }
    Ok(())
}
