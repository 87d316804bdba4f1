//! The job loop: runs due outbox jobs, sleeping until woken or a second passes; and, beside it,
//! the retention pass that disposes of the State Corporation's files of long-closed cases, the
//! heads' warnings one working day before a case's deadline, the holders' expiry reminders and
//! the administrators' weekly reminder while a year's calendar is unconfirmed, and the sweep of
//! expired anonymous rows (sign-in nonces, one-time codes, idle attempt counters), the files no
//! attachment holds, and the hourly seal of the audit chain's head.

use std::sync::Arc;
use std::time::Duration;

use kandas_app::Service;
use kandas_app::error::Chain;
use tokio::sync::Notify;

use crate::shutdown::Stop;

/// How often the retention pass runs (the first right at start). Files are due by the day, so
/// a few hours' delay does not matter; several workers may each run it (the marking is
/// idempotent).
const RETENTION_EVERY: Duration = Duration::from_secs(6 * 3600);

/// How often the calendar edits of other nodes are picked up, and the heads' deadline warnings,
/// the holders' expiry reminders and the calendar reminder are looked for (each goes once).
const DEADLINES_EVERY: Duration = Duration::from_secs(5 * 60);

/// How often the worker looks whether the audit chain's last seal is an hour old (several
/// workers may each seal within the same few minutes; an extra seal is harmless).
const SEAL_CHECK_EVERY: Duration = Duration::from_secs(5 * 60);

/// How many jobs a worker runs at once: one slow message does not hold the others.
const JOB_SLOTS: usize = 4;

/// Runs jobs, the retention pass, the deadline warnings and the audit seal until `stop`; each
/// finishes what it is doing first (a job, a pass).
pub async fn run(service: Service, waiting: Arc<Notify>, stop: Stop) {
    let mut slots = tokio::task::JoinSet::new();
    for _ in 0..JOB_SLOTS {
        slots.spawn(jobs(service.clone(), waiting.clone(), stop.clone()));
    }
    tokio::join!(
        async { while slots.join_next().await.is_some() {} },
        retention(service.clone(), stop.clone()),
        seals(service.clone(), stop.clone()),
        deadlines(service, stop)
    );
    tracing::info!("the worker stopped");
}

async fn seals(service: Service, mut stop: Stop) {
    loop {
        match kandas_app::audit_trail::seal_if_due(&service).await {
            Ok(None) => {}
            Ok(Some(seal)) => tracing::info!(
                position = seal.position, kid = %seal.kid, "sealed the audit chain's head"
            ),
            Err(e) => {
                tracing::error!(error = %Chain(&e), "sealing the audit chain failed; retrying later")
            }
        }
        if stop.sleep(SEAL_CHECK_EVERY).await {
            return;
        }
    }
}

async fn deadlines(service: Service, mut stop: Stop) {
    loop {
        if let Err(e) = kandas_app::calendar::reload(&service).await {
            tracing::error!(error = %Chain(&e), "reloading the edited calendar failed; retrying later");
        }
        match kandas_app::deadlines::warn(&service).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(cases = n, "warned the heads of cases due soon"),
            Err(e) => {
                tracing::error!(error = %Chain(&e), "the deadline warnings failed; retrying later")
            }
        }
        match kandas_app::deadlines::remind_expiring(&service).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                certificates = n,
                "reminded holders of expiring certificates"
            ),
            Err(e) => {
                tracing::error!(error = %Chain(&e), "the expiry reminders failed; retrying later")
            }
        }
        match kandas_app::housekeeping::sweep(&service).await {
            Ok(swept) if swept == kandas_app::ports::store::Swept::default() => {}
            Ok(swept) => tracing::info!(
                nonces = swept.nonces,
                codes = swept.challenges,
                counters = swept.counters,
                keys = swept.keys,
                "deleted expired sign-in nonces, codes, idle counters and idempotency keys"
            ),
            Err(e) => {
                tracing::error!(error = %Chain(&e), "the housekeeping sweep failed; retrying later")
            }
        }
        match kandas_app::housekeeping::collect_loose_files(&service).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(files = n, "deleted stored files no attachment holds"),
            Err(e) => {
                tracing::error!(error = %Chain(&e), "collecting loose files failed; retrying later")
            }
        }
        match kandas_app::calendar::remind_unconfirmed(&service).await {
            Ok(false) => {}
            Ok(true) => tracing::info!("reminded the administrators of an unconfirmed calendar"),
            Err(e) => {
                tracing::error!(error = %Chain(&e), "the calendar reminder failed; retrying later")
            }
        }
        if stop.sleep(DEADLINES_EVERY).await {
            return;
        }
    }
}

async fn jobs(service: Service, waiting: Arc<Notify>, mut stop: Stop) {
    while !stop.requested() {
        match kandas_app::jobs::run_once(&service).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => tracing::error!(error = %Chain(&e), "the job loop failed; retrying"),
        }
        tokio::select! {
            _woken_or_timed_out = tokio::time::timeout(Duration::from_secs(1), waiting.notified()) => {}
            () = stop.wait() => {}
        }
    }
}

async fn retention(service: Service, mut stop: Stop) {
    loop {
        match kandas_app::retention::run(&service, "worker", false).await {
            Ok(report) => {
                for failure in &report.failures {
                    tracing::warn!(
                        run = %report.run_id, application = %failure.number, error = %failure.error,
                        "retention: a case's files could not be disposed of; the next pass retries"
                    );
                }
                if !report.cases.is_empty() {
                    tracing::info!(
                        run = %report.run_id, cases = report.cases.len(), files = report.files(),
                        bytes = report.bytes(), "retention: disposed of the files of closed cases"
                    );
                }
            }
            Err(e) => {
                tracing::error!(error = %Chain(&e), "the retention pass failed; retrying later")
            }
        }
        if stop.sleep(RETENTION_EVERY).await {
            return;
        }
    }
}
