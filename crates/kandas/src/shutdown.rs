//! Graceful shutdown: on SIGTERM (or Ctrl-C) the server stops accepting, the requests in flight
//! finish, the worker finishes its current job, and the process exits 0, so that a deploy is
//! not a crash. Each part watches one [`Stop`].

use std::time::Duration;

use tokio::sync::watch;

/// How long requests in flight and the worker's current job may take after the signal, unless
/// configured (`shutdown_grace_seconds`).
pub const DEFAULT_GRACE: Duration = Duration::from_secs(30);

/// Whether the process was asked to stop; cheap to clone, one per part that stops.
#[derive(Debug, Clone)]
pub struct Stop(watch::Receiver<bool>);

impl Stop {
    /// A stop that comes at SIGTERM or Ctrl-C.
    pub fn on_signal() -> Stop {
        let (tx, rx) = watch::channel(false);
        tokio::spawn(async move {
            signalled().await;
            tracing::info!("asked to stop: finishing the work in flight");
            let _ = tx.send(true);
        });
        Stop(rx)
    }

    /// Whether the stop has come.
    pub fn requested(&self) -> bool {
        *self.0.borrow()
    }

    /// Resolves when the stop comes (at once if it has).
    pub async fn wait(&mut self) {
        // An error means the sender is gone, which only happens when the stop was sent.
        let _ = self.0.wait_for(|stop| *stop).await;
    }

    /// Sleeps for `period` unless the stop comes first; answers whether it came.
    pub async fn sleep(&mut self, period: Duration) -> bool {
        tokio::select! {
            () = tokio::time::sleep(period) => self.requested(),
            () = self.wait() => true,
        }
    }
}

#[cfg(unix)]
async fn signalled() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "SIGTERM cannot be watched; stopping on Ctrl-C only");
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(not(unix))]
async fn signalled() {
    let _ = tokio::signal::ctrl_c().await;
}
