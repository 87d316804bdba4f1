//! What the service counts for Prometheus (`/metrics`): job attempts and failures, outbox
//! deliveries by channel, signature checks by outcome, and, read when scraped, the job queue
//! and the database pools. Only counts and kinds: never a person's data.

use jiff::Timestamp;

use crate::ports::signature::{KeyPurpose, SignatureCheck, SignatureVerdict, VerifierError};
use crate::ports::store::{JobQueue, PoolStats};

/// A job was claimed for a try.
pub fn job_attempted(kind: &'static str) {
    metrics::counter!("kandas_job_attempts_total", "kind" => kind).increment(1);
}

/// A try of a job failed; `gave_up` when it will not be tried again.
pub fn job_failed(kind: &'static str, gave_up: bool) {
    let gave_up = if gave_up { "true" } else { "false" };
    metrics::counter!("kandas_job_failures_total", "kind" => kind, "gave_up" => gave_up)
        .increment(1);
}

/// An outbox delivery over `channel` (`sms`, `account`) was sent or failed.
pub fn delivered(channel: &'static str, sent: bool) {
    let outcome = if sent { "sent" } else { "failed" };
    metrics::counter!("kandas_outbox_deliveries_total", "channel" => channel, "outcome" => outcome)
        .increment(1);
}

/// A signature was checked: `valid`, `invalid`, `indeterminate`, or `error` when the verifier
/// itself failed.
pub fn signature_checked(purpose: KeyPurpose, result: &Result<SignatureCheck, VerifierError>) {
    let purpose = match purpose {
        KeyPurpose::SignDocument => "sign_document",
        KeyPurpose::Authenticate => "authenticate",
    };
    let outcome = match result {
        Ok(check) => match check.verdict {
            SignatureVerdict::Valid => "valid",
            SignatureVerdict::Invalid => "invalid",
            SignatureVerdict::Indeterminate => "indeterminate",
        },
        Err(_) => "error",
    };
    metrics::counter!("kandas_signature_checks_total", "purpose" => purpose, "outcome" => outcome)
        .increment(1);
}

/// The kinds of job the gauges always show, at zero when none waits.
const JOB_KINDS: [&str; 2] = ["notify", "sms"];

/// Sets the queue's gauges: waiting jobs by kind, and the oldest one's age at `now`.
pub fn job_queue(queue: &JobQueue, now: Timestamp) {
    for kind in JOB_KINDS {
        let n = queue
            .queued
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n);
        metrics::gauge!("kandas_jobs_queued", "kind" => kind).set(n as f64);
    }
    let age = queue.oldest.map_or(0.0, |oldest| {
        now.duration_since(oldest).as_secs_f64().max(0.0)
    });
    metrics::gauge!("kandas_jobs_oldest_queued_age_seconds").set(age);
}

/// Sets the pools' gauges: connections open, idle and waited for (none idle and none to open
/// means the next query waits).
pub fn pools(stats: &[PoolStats]) {
    for s in stats {
        let pool = s.pool;
        metrics::gauge!("kandas_db_pool_connections", "pool" => pool, "state" => "idle")
            .set(f64::from(s.idle));
        metrics::gauge!("kandas_db_pool_connections", "pool" => pool, "state" => "in_use")
            .set(f64::from(s.open.saturating_sub(s.idle)));
        metrics::gauge!("kandas_db_pool_max_connections", "pool" => pool).set(f64::from(s.max));
        let saturated = s.idle == 0 && s.open >= s.max;
        metrics::gauge!("kandas_db_pool_saturated", "pool" => pool).set(if saturated {
            1.0
        } else {
            0.0
        });
    }
}

/// Reads the queue and the pools into their gauges (when `/metrics` is scraped, so that any
/// node shows them, whether it runs the worker or not).
pub async fn observe(service: &crate::Service) -> Result<(), crate::AppError> {
    job_queue(&service.store.job_queue().await?, service.now());
    pools(&service.store.pool_stats());
    Ok(())
}
