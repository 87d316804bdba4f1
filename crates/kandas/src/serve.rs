//! `kandas serve`: the portal, the API and (by default) the job worker in one process.

use std::net::SocketAddr;

use anyhow::Context;
use kandas_web::{AppState, Environment};

use crate::config::{Config, Env};
use crate::wiring::Wired;

/// Serves until Ctrl-C.
pub async fn serve(config: &Config, wired: Wired) -> anyhow::Result<()> {
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .install_recorder()
        .context("installing the metrics recorder")?;
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
        public_limit: Default::default(),
        dev_clock: wired.dev_clock.clone(),
        edge: config.edge(),
    };
    if config.worker {
        tokio::spawn(crate::worker::run(
            wired.service.clone(),
            wired.jobs_waiting.clone(),
        ));
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    tracing::info!("serving on http://{}", config.listen);
    let app = kandas_web::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving")
}
