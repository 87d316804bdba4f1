//! The store's outbox area: jobs claimed by workers, the notifications they deliver, and the
//! development SMS inbox.

use async_trait::async_trait;

use super::*;

/// The outbox: jobs, the notifications they deliver, the development SMS inbox.
#[async_trait]
pub trait JobStore: Send + Sync {
    /// The notifications of a person, newest first.
    async fn notifications_of(&self, iin: &Iin) -> Result<Vec<Notification>, StoreError>;
    /// Puts a notification in the personal account (idempotent by id).
    async fn deliver_notification(&self, notification: &Notification) -> Result<(), StoreError>;
    /// Claims the next due job until `lease_until`; several workers never get the same job.
    async fn claim_job(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<Job>, StoreError>;
    /// Marks a job done.
    async fn complete_job(&self, id: &str, at: Timestamp) -> Result<(), StoreError>;
    /// Schedules another try, or gives up when `retry_at` is `None`.
    async fn fail_job(
        &self,
        id: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError>;
    /// How many jobs are waiting (for metrics and tests).
    async fn pending_jobs(&self) -> Result<i64, StoreError>;
    /// The jobs waiting (neither done nor given up), by kind, and the oldest one's age.
    async fn job_queue(&self) -> Result<JobQueue, StoreError>;
    /// Records a delivery attempt and its outcome.
    async fn record_delivery(&self, delivery: &Delivery) -> Result<(), StoreError>;
    /// The delivery attempts about a case, oldest first.
    async fn deliveries(&self, application: &ApplicationId) -> Result<Vec<Delivery>, StoreError>;
    /// Records an SMS of the development sender, once per message id.
    async fn record_dev_sms(&self, sms: &DevSms) -> Result<(), StoreError>;
    /// The development SMS inbox, newest first.
    async fn dev_sms(&self) -> Result<Vec<DevSms>, StoreError>;
}
