//! The store's areas the worker's schedules use: deadlines and expiry reminders, the working
//! calendar's edited years and reminders, and early endings of a certificate's status.

use async_trait::async_trait;

use super::*;

/// What the deadline and expiry jobs read and write once, and the public check's count.
#[async_trait]
pub trait DeadlineStore: Send + Sync {
    /// Open cases (registered or in review) due on `due`, of every office.
    async fn open_cases_due(&self, due: jiff::civil::Date) -> Result<Vec<Application>, StoreError>;
    /// The enabled accounts of an office.
    async fn staff_of(&self, office: &OfficeCode) -> Result<Vec<User>, StoreError>;
    /// Records the head's deadline warning of a case with its audit and notices; `false` (and
    /// nothing written) when the case was warned about already for this due date (a hearing
    /// that suspends the term moves it, and the new date is warned about again).
    async fn record_deadline_warning(
        &self,
        application: &ApplicationId,
        due: jiff::civil::Date,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;
    /// Certificates whose last day is `on`, with the application each came from (none for one
    /// imported from the register).
    async fn certificates_expiring(
        &self,
        on: jiff::civil::Date,
    ) -> Result<Vec<(RegisteredCertificate, Option<ApplicationId>)>, StoreError>;
    /// Records the holder's expiry reminder with its audit and jobs; `false` (and nothing
    /// written) when the certificate's holder was reminded already.
    async fn record_expiry_reminder(
        &self,
        number: &CertificateNumber,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;
    /// Counts one public check of a certificate on `day`; answers that day's count so far.
    async fn count_certificate_check(
        &self,
        number: &CertificateNumber,
        day: jiff::civil::Date,
    ) -> Result<i64, StoreError>;
}

/// The working calendar's edited years and the reminders to confirm them.
#[async_trait]
pub trait CalendarStore: Send + Sync {
    /// The working calendar's years as edited by an administrator (JSON of `YearCalendar`).
    async fn calendar_years(&self) -> Result<Vec<String>, StoreError>;
    /// Saves an edited year of the working calendar with its audit.
    async fn save_calendar_year(
        &self,
        year: i16,
        year_json: &str,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// The enabled accounts that hold `role`, by IIN.
    async fn users_with_role(&self, role: crate::actor::Role) -> Result<Vec<User>, StoreError>;
    /// Records the administrators' reminder that `year`'s calendar is not confirmed, for the
    /// reminder week `week`, with its audit and jobs; `false` (and nothing written) when that
    /// week's reminder went already.
    async fn record_calendar_reminder(
        &self,
        year: i16,
        week: i64,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError>;
}

/// Early endings of a certificate's status.
#[async_trait]
pub trait EndingStore: Send + Sync {
    /// Records an early ending of a certificate's status with the audit; a new ending replaces
    /// only an annulled one (`Duplicate("ending")` otherwise).
    async fn record_ending(
        &self,
        number: &CertificateNumber,
        ending: &kandas_domain::certificate::Ending,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// Writes an ending confirmed or annulled, if it is still in the state `from` it was read
    /// in (`Conflict` otherwise), with the audit.
    async fn change_ending(
        &self,
        number: &CertificateNumber,
        ending: &kandas_domain::certificate::Ending,
        from: kandas_domain::certificate::EndingState,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// The application a certificate was issued on (none for one imported from the register).
    async fn application_of_certificate(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<ApplicationId>, StoreError>;
    /// The early ending recorded for a certificate, whatever its state.
    async fn ending(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<kandas_domain::certificate::Ending>, StoreError>;
}
