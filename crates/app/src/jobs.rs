//! The outbox worker: delivers notices to the personal account and by SMS, sends one-time
//! codes (dropping one that expired before it could go), retries with backoff, and gives up
//! visibly after too many tries. Every message carries its job's id to the gateway, the same
//! on each attempt; an attempt ends within [`ATTEMPT_TIMEOUT`], well within the lease; each
//! delivery attempt and its outcome is kept ([`Delivery`]) and shown to staff on the case.

use jiff::{SignedDuration, Timestamp};
use kandas_domain::application::Application;
use kandas_domain::application::status::Notice;
use kandas_domain::ids::ApplicationId;
use kandas_domain::phone::PhoneNumber;

use crate::error::{AppError, Chain};
use crate::ports::sms::{SmsError, SmsMessage};
use crate::ports::store::{Delivery, DeliveryChannel, DeliveryOutcome, Job, JobKind, Notification};
use crate::secrets::new_id;
use crate::service::Service;
use crate::telemetry;

/// Tries before a job is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed job is a worker's: no other worker takes it before.
pub const LEASE: SignedDuration = SignedDuration::from_secs(60);
/// How long one send may take before the attempt is given up as failed (and retried with the
/// same message id): well within [`LEASE`], so that no second worker claims a job whose
/// attempt may still deliver.
pub const ATTEMPT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

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

/// One attempt of a job, recording each channel's delivery as it ends.
struct Attempt<'a> {
    service: &'a Service,
    job: &'a Job,
    application: Option<&'a ApplicationId>,
}

impl Attempt<'_> {
    /// Records how a delivery that started at `started` ended; a log that cannot be written
    /// is logged, and does not make the message go again.
    async fn record(
        &self,
        channel: DeliveryChannel,
        recipient: String,
        started: Timestamp,
        outcome: DeliveryOutcome,
        detail: String,
    ) {
        let delivery = Delivery {
            id: new_id(),
            job: self.job.id.clone(),
            application: self.application.cloned(),
            channel,
            recipient,
            attempt: self.job.attempts,
            started_at: started,
            finished_at: self.service.now(),
            outcome,
            detail,
        };
        if let Err(e) = self.service.store.record_delivery(&delivery).await {
            tracing::warn!(job = %self.job.id, error = %Chain(&e), "the delivery log could not be written");
        }
    }

    /// Sends one SMS carrying the job's id, within [`ATTEMPT_TIMEOUT`].
    async fn sms(&self, phone: &PhoneNumber, text: &str) -> Result<(), SmsError> {
        let started = self.service.now();
        let message = SmsMessage {
            id: &self.job.id,
            phone,
            text,
        };
        let sent =
            match tokio::time::timeout(ATTEMPT_TIMEOUT, self.service.sms.send(&message)).await {
                Ok(sent) => sent,
                Err(_) => Err(SmsError::Temporary(format!(
                    "no answer within {} s",
                    ATTEMPT_TIMEOUT.as_secs()
                ))),
            };
        telemetry::delivered("sms", sent.is_ok());
        let (outcome, detail) = match &sent {
            Ok(()) => (DeliveryOutcome::Sent, String::new()),
            Err(e) => (DeliveryOutcome::Failed, e.to_string()),
        };
        self.record(
            DeliveryChannel::Sms,
            phone.masked(),
            started,
            outcome,
            detail,
        )
        .await;
        sent
    }
}

async fn execute(service: &Service, job: &Job) -> Result<(), SmsError> {
    match &job.kind {
        JobKind::Sms {
            phone,
            text,
            application,
            expires_at,
        } => {
            let attempt = Attempt {
                service,
                job,
                application: application.as_ref(),
            };
            let now = service.now();
            if expires_at.is_some_and(|end| now >= end) {
                let detail = "the one-time code expired before it could be sent".to_owned();
                attempt
                    .record(
                        DeliveryChannel::Sms,
                        phone.masked(),
                        now,
                        DeliveryOutcome::Dropped,
                        detail,
                    )
                    .await;
                return Ok(());
            }
            attempt.sms(phone, text).await
        }
        JobKind::Notify {
            iin,
            application,
            notice,
        } => {
            let attempt = Attempt {
                service,
                job,
                application: Some(application),
            };
            let started = service.now();
            let notification = Notification {
                id: job.id.clone(),
                iin: iin.clone(),
                application: application.clone(),
                notice: notice.clone(),
                created_at: started,
            };
            let delivered = service.store.deliver_notification(&notification).await;
            telemetry::delivered("account", delivered.is_ok());
            let (outcome, detail) = match &delivered {
                Ok(()) => (DeliveryOutcome::Sent, String::new()),
                Err(e) => (DeliveryOutcome::Failed, Chain(e).to_string()),
            };
            let account = DeliveryChannel::Account;
            attempt
                .record(account, account.code().to_owned(), started, outcome, detail)
                .await;
            delivered.map_err(|e| SmsError::Temporary(Chain(&e).to_string()))?;
            let phone = service
                .registry
                .mobile_phone(iin)
                .await
                .map_err(|e| SmsError::Temporary(Chain(&e).to_string()))?;
            let Some(phone) = phone else { return Ok(()) };
            let text = ["kk", "ru"]
                .map(|lang| kandas_i18n::notice_sms(lang, notice))
                .join(" / ");
            attempt.sms(&phone, &text).await
        }
    }
}

/// Runs one due job; `false` when none was due.
pub async fn run_once(service: &Service) -> Result<bool, AppError> {
    let now = service.now();
    let Some(job) = service.store.claim_job(now, now + LEASE).await? else {
        return Ok(false);
    };
    telemetry::job_attempted(job.kind.name());
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
            telemetry::job_failed(job.kind.name(), retry_at.is_none());
            tracing::warn!(job = %job.id, attempts = job.attempts, error = %Chain(&e), gave_up = retry_at.is_none(), "job failed");
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
