//! The job loop: runs due outbox jobs, sleeping until woken or a second passes.

use std::sync::Arc;
use std::time::Duration;

use kandas_app::Service;
use tokio::sync::Notify;

/// Runs jobs forever.
pub async fn run(service: Service, waiting: Arc<Notify>) {
    loop {
        match kandas_app::jobs::run_once(&service).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "the job loop failed; retrying"),
        }
        let _woken_or_timed_out =
            tokio::time::timeout(Duration::from_secs(1), waiting.notified()).await;
    }
}
