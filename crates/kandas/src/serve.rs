//! `kandas serve`: the portal, the API and (by default) the job worker in one process.

use std::net::SocketAddr;

use std::future::IntoFuture;

use anyhow::Context;
use kandas_web::{AppState, Environment};

use crate::config::{Config, Env};
use crate::shutdown::Stop;
use crate::wiring::Wired;

/// Serves until SIGTERM or Ctrl-C; then stops accepting, lets the requests in flight and the
/// worker's current job finish (up to the configured grace), and returns.
pub async fn serve(config: &Config, wired: Wired) -> anyhow::Result<()> {
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .install_recorder()
        .context("installing the metrics recorder")?;
    // Uploads on their way in are spooled on this node's disk; a killed process's are stale.
    let spool = config.data_dir.join("spool");
    match kandas_web::spool::clear(&spool) {
        Ok(0) => {}
        Ok(n) => tracing::info!(files = n, "removed the spool files of uploads cut short"),
        Err(e) => {
            tracing::warn!(error = %e, dir = %spool.display(), "the spool could not be cleared")
        }
    }
    let state = AppState {
        service: wired.service.clone(),
        environment: match config.env {
            Env::Development => Environment::Development,
            Env::Production => Environment::Production,
        },
        secure_cookies: config.secure(),
        metrics: Some(metrics),
        dev_pki: Some(config.dev_pki_dir())
            .filter(|d| config.env == Env::Development && d.exists()),
        public_limit: std::sync::Arc::new(config.rate_limits.public_limit()),
        dev_clock: wired.dev_clock.clone(),
        uploads: kandas_web::upload::UploadGate::spooling_in(
            config
                .web
                .max_concurrent_uploads
                .unwrap_or(kandas_web::upload::DEFAULT_CONCURRENT_UPLOADS)
                .max(1),
            spool.clone(),
        ),
        edge: config.edge(),
    };
    let stop = Stop::on_signal();
    let seal = tokio::spawn(wired.keep_seal_current(config, stop.clone()));
    let worker = config.worker.then(|| {
        tokio::spawn(crate::worker::run(
            wired.service.clone(),
            wired.jobs_waiting.clone(),
            stop.clone(),
        ))
    });
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    tracing::info!("serving on http://{}", config.listen);
    let app = kandas_web::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let mut accepting = stop.clone();
    let server = axum::serve(listener, app)
        .with_graceful_shutdown(async move { accepting.wait().await })
        .into_future();
    let mut server = std::pin::pin!(server);
    let mut stopping = stop.clone();
    tokio::select! {
        served = &mut server => return served.context("serving"),
        () = stopping.wait() => {}
    }
    let grace = config.shutdown_grace();
    let deadline = tokio::time::Instant::now() + grace;
    match tokio::time::timeout_at(deadline, &mut server).await {
        Ok(served) => served.context("serving")?,
        Err(_) => tracing::warn!(
            grace_seconds = grace.as_secs(),
            "requests were still in flight when the grace ran out; exiting"
        ),
    }
    if let Some(worker) = worker
        && tokio::time::timeout_at(deadline, worker).await.is_err()
    {
        tracing::warn!("the worker's job was still running when the grace ran out; exiting");
    }
    seal.abort();
    tracing::info!("stopped");
    Ok(())
}
