//! The outbox worker: delivers notices to the personal account and by SMS, sends one-time
//! codes, retries with backoff, and gives up visibly after too many tries.

use jiff::SignedDuration;
use kandas_domain::application::Application;
use kandas_domain::application::status::Notice;

use crate::error::AppError;
use crate::ports::sms::SmsError;
use crate::ports::store::{Job, JobKind, Notification};
use crate::service::Service;

/// Tries before a job is given up.
pub const MAX_ATTEMPTS: i64 = 8;
const LEASE: SignedDuration = SignedDuration::from_secs(60);

/// The jobs that deliver a transition's notices to the applicant.
pub fn notice_jobs(application: &Application, notices: &[Notice]) -> Vec<JobKind> {
    notices
        .iter()
        .map(|notice| JobKind::Notify {
            iin: application.applicant.clone(),
            application: application.id.clone(),
            notice: notice.clone(),
        })
        .collect()
}

async fn execute(service: &Service, job: &Job) -> Result<(), SmsError> {
    match &job.kind {
        JobKind::Sms { phone, text } => service.sms.send(phone, text).await,
        JobKind::Notify {
            iin,
            application,
            notice,
        } => {
            let notification = Notification {
                id: job.id.clone(),
                iin: iin.clone(),
                application: application.clone(),
                notice: notice.clone(),
                created_at: service.now(),
            };
            service
                .store
                .deliver_notification(&notification)
                .await
                .map_err(|e| SmsError::Temporary(e.to_string()))?;
            let phone = service
                .registry
                .mobile_phone(iin)
                .await
                .map_err(|e| SmsError::Temporary(e.0))?;
            let Some(phone) = phone else { return Ok(()) };
            let text = ["kk", "ru"]
                .map(|lang| kandas_i18n::notice_sms(lang, notice))
                .join(" / ");
            service.sms.send(&phone, &text).await
        }
    }
}

/// Runs one due job; `false` when none was due.
pub async fn run_once(service: &Service) -> Result<bool, AppError> {
    let now = service.now();
    let Some(job) = service.store.claim_job(now, now + LEASE).await? else {
        return Ok(false);
    };
    match execute(service, &job).await {
        Ok(()) => service.store.complete_job(&job.id, service.now()).await?,
        Err(e) => {
            let retry_at = match e {
                SmsError::Temporary(_) if job.attempts < MAX_ATTEMPTS => {
                    let backoff = 10i64
                        .saturating_mul(1 << job.attempts.clamp(0, 10))
                        .min(3600);
                    Some(service.now() + SignedDuration::from_secs(backoff))
                }
                _ => None,
            };
            tracing::warn!(job = %job.id, attempts = job.attempts, error = %e, gave_up = retry_at.is_none(), "job failed");
            service
                .store
                .fail_job(&job.id, &e.to_string(), retry_at)
                .await?;
        }
    }
    Ok(true)
}

/// Runs every due job (tests and the CLI); returns how many ran.
pub async fn drain(service: &Service) -> Result<usize, AppError> {
    let mut ran = 0;
    while run_once(service).await? {
        ran += 1;
    }
    Ok(ran)
}
