//! The `Store` and `Registry` ports, each method handed to the module of its area.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::ports::registry::{RegisteredCertificate, Registry, RegistryError};
use kandas_app::ports::store::{
    AccountChange, AccountQuery, AttemptCounter, AuditQuery, AuditRecord, CaseAssignment,
    Challenge, CustodyChange, DeskFilter, DevSms, Disposal, Evidence, FormChange, IdempotencyKey,
    IssueRecord, Job, JobKind, JobQueue, LiveSession, NewDraft, NewSession, Notification,
    PoolStats, QueueFilter, ResultIssue, ResultSummary, RetentionCase, RetentionFilter,
    StatusChange, Store, StoreError, StoredAttachment, StoredResult, Swept, User,
};
use kandas_domain::application::Application;
use kandas_domain::ids::{ApplicationId, AttachmentId, UserId};
use kandas_domain::iin::Iin;
use kandas_domain::numbers::{ApplicationNumber, CertificateNumber};
use kandas_domain::office::OfficeCode;
use kandas_domain::person::Person;
use kandas_domain::phone::PhoneNumber;

use crate::SqlStore;

#[async_trait]
impl Store for SqlStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.ping_db().await
    }

    async fn create_user(&self, user: &User, audit: &AuditRecord) -> Result<(), StoreError> {
        self.insert_user(user, audit).await
    }
    async fn user_by_iin(&self, iin: &Iin) -> Result<Option<User>, StoreError> {
        self.find_user(iin).await
    }

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        self.insert_session(session).await
    }
    async fn session_user(
        &self,
        token_hash: &str,
        now: Timestamp,
        idle_since: Timestamp,
    ) -> Result<Option<LiveSession>, StoreError> {
        self.find_session_user(token_hash, now, idle_since).await
    }
    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
        self.mark_session_used(token_hash, now).await
    }
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.remove_session(token_hash).await
    }
    async fn user_by_id(&self, id: &UserId) -> Result<Option<User>, StoreError> {
        self.find_user_by_id(id).await
    }
    async fn accounts(&self, query: &AccountQuery) -> Result<Vec<User>, StoreError> {
        self.find_accounts(query).await
    }
    async fn session_count(&self, user: &UserId, now: Timestamp) -> Result<i64, StoreError> {
        self.count_sessions(user, now).await
    }
    async fn change_account(
        &self,
        user: &UserId,
        change: &AccountChange,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        self.apply_account_change(user, change, audit, jobs).await
    }

    async fn create_challenge(
        &self,
        challenge: &Challenge,
        sms: &JobKind,
    ) -> Result<(), StoreError> {
        self.insert_challenge(challenge, sms).await
    }
    async fn challenge(&self, id: &str) -> Result<Option<Challenge>, StoreError> {
        self.find_challenge(id).await
    }
    async fn latest_sign_challenge(
        &self,
        application: &ApplicationId,
    ) -> Result<Option<Challenge>, StoreError> {
        self.latest_sign(application).await
    }
    async fn take_try(&self, id: &str, now: Timestamp) -> Result<Option<i64>, StoreError> {
        self.claim_try(id, now).await
    }
    async fn create_nonce(
        &self,
        nonce_hash: &str,
        at: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        self.insert_nonce(nonce_hash, at, expires_at).await
    }
    async fn consume_nonce(&self, nonce_hash: &str, now: Timestamp) -> Result<bool, StoreError> {
        self.use_nonce(nonce_hash, now).await
    }
    async fn attempt_counter(&self, key: &str) -> Result<Option<AttemptCounter>, StoreError> {
        self.find_counter(key).await
    }
    async fn put_attempt_counter(
        &self,
        expected_seq: Option<i64>,
        next: &AttemptCounter,
        audit: Option<&AuditRecord>,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        self.put_counter(expected_seq, next, audit, jobs).await
    }
    async fn delete_expired(
        &self,
        nonces_before: Timestamp,
        challenges_before: Timestamp,
    ) -> Result<Swept, StoreError> {
        self.delete_expired_rows(nonces_before, challenges_before)
            .await
    }
    async fn consume_challenge(&self, id: &str, at: Timestamp) -> Result<bool, StoreError> {
        self.use_challenge(id, at).await
    }
    async fn recent_challenges(
        &self,
        iin: &Iin,
        ip: &str,
        since: Timestamp,
    ) -> Result<(i64, i64), StoreError> {
        self.count_challenges(iin, ip, since).await
    }

    async fn create_draft(&self, draft: &NewDraft) -> Result<Application, StoreError> {
        self.insert_draft(draft).await
    }
    async fn application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError> {
        self.find_application(id).await
    }
    async fn application_by_number(
        &self,
        number: &ApplicationNumber,
    ) -> Result<Option<Application>, StoreError> {
        self.find_by_number(number).await
    }
    async fn applications_of(&self, iin: &Iin) -> Result<Vec<Application>, StoreError> {
        self.applications_by(iin).await
    }
    async fn save_form(&self, change: &FormChange) -> Result<Application, StoreError> {
        self.update_form(change).await
    }
    async fn add_attachment(
        &self,
        attachment: &StoredAttachment,
        expected_version: i64,
        audit: &AuditRecord,
    ) -> Result<Application, StoreError> {
        self.insert_attachment(attachment, expected_version, audit)
            .await
    }
    async fn remove_attachment(
        &self,
        application: &ApplicationId,
        attachment: &AttachmentId,
        expected_version: i64,
        audit: &AuditRecord,
    ) -> Result<Application, StoreError> {
        self.delete_attachment(application, attachment, expected_version, audit)
            .await
    }
    async fn attachments(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<StoredAttachment>, StoreError> {
        self.attachments_of(application).await
    }
    async fn attachment(&self, id: &AttachmentId) -> Result<Option<StoredAttachment>, StoreError> {
        self.find_attachment(id).await
    }
    async fn change_status(&self, change: &StatusChange) -> Result<Application, StoreError> {
        self.apply_status(change).await
    }
    async fn idempotent(&self, key: &IdempotencyKey) -> Result<Option<ApplicationId>, StoreError> {
        self.find_idempotent(key).await
    }
    async fn evidence(&self, application: &ApplicationId) -> Result<Option<Evidence>, StoreError> {
        self.find_evidence(application).await
    }
    async fn queue(&self, filter: &QueueFilter) -> Result<Vec<Application>, StoreError> {
        self.office_queue(filter).await
    }
    async fn result_documents(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<ResultSummary>, StoreError> {
        self.results_of(application).await
    }
    async fn result_document(
        &self,
        application: &ApplicationId,
        kind: kandas_domain::application::result::ResultKind,
    ) -> Result<Option<StoredResult>, StoreError> {
        self.find_result(application, kind).await
    }
    async fn keep_result_documents(&self, documents: &[StoredResult]) -> Result<(), StoreError> {
        self.keep_results(documents).await
    }

    async fn open_cases_due(&self, due: jiff::civil::Date) -> Result<Vec<Application>, StoreError> {
        self.cases_due(due).await
    }
    async fn staff_of(&self, office: &OfficeCode) -> Result<Vec<User>, StoreError> {
        self.users_of(office).await
    }
    async fn record_deadline_warning(
        &self,
        application: &ApplicationId,
        due: jiff::civil::Date,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        self.insert_deadline_warning(application, due, audit, jobs)
            .await
    }
    async fn certificates_expiring(
        &self,
        on: jiff::civil::Date,
    ) -> Result<Vec<(RegisteredCertificate, Option<ApplicationId>)>, StoreError> {
        self.expiring(on).await
    }
    async fn record_expiry_reminder(
        &self,
        number: &CertificateNumber,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        self.insert_expiry_reminder(number, audit, jobs).await
    }
    async fn count_certificate_check(
        &self,
        number: &CertificateNumber,
        day: jiff::civil::Date,
    ) -> Result<i64, StoreError> {
        self.count_check(number, day).await
    }
    async fn calendar_years(&self) -> Result<Vec<String>, StoreError> {
        self.edited_years().await
    }
    async fn save_calendar_year(
        &self,
        year: i16,
        year_json: &str,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        self.upsert_calendar_year(year, year_json, audit).await
    }
    async fn users_with_role(&self, role: kandas_app::Role) -> Result<Vec<User>, StoreError> {
        self.users_holding(role).await
    }
    async fn record_calendar_reminder(
        &self,
        year: i16,
        week: i64,
        audit: &AuditRecord,
        jobs: &[JobKind],
    ) -> Result<bool, StoreError> {
        self.insert_calendar_reminder(year, week, audit, jobs).await
    }
    async fn record_ending(
        &self,
        number: &CertificateNumber,
        ending: &kandas_domain::certificate::Ending,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        self.insert_ending(number, ending, audit).await
    }
    async fn change_ending(
        &self,
        number: &CertificateNumber,
        ending: &kandas_domain::certificate::Ending,
        from: kandas_domain::certificate::EndingState,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        self.update_ending(number, ending, from, audit).await
    }
    async fn application_of_certificate(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<ApplicationId>, StoreError> {
        self.certificate_application(number).await
    }
    async fn ending(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<kandas_domain::certificate::Ending>, StoreError> {
        self.find_ending(number).await
    }
    async fn save_custody(&self, change: &CustodyChange) -> Result<Application, StoreError> {
        self.update_custody(change).await
    }
    async fn desk_cases(&self, filter: &DeskFilter) -> Result<Vec<Application>, StoreError> {
        self.cases_at_desk(filter).await
    }
    async fn record_issue(&self, record: &IssueRecord) -> Result<(), StoreError> {
        self.insert_issue(record).await
    }
    async fn result_issues(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<ResultIssue>, StoreError> {
        self.issues_of(application).await
    }
    async fn retention_due(
        &self,
        filter: &RetentionFilter,
    ) -> Result<Vec<RetentionCase>, StoreError> {
        self.retention_cases(filter).await
    }
    async fn mark_disposed(
        &self,
        application: &ApplicationId,
        attachments: &[AttachmentId],
        disposal: &Disposal,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        self.dispose_files(application, attachments, disposal, audit)
            .await
    }

    async fn assign_case(
        &self,
        assignment: &CaseAssignment,
        audit: &AuditRecord,
    ) -> Result<(), StoreError> {
        self.upsert_assignment(assignment, audit).await
    }
    async fn case_assignment(
        &self,
        application: &ApplicationId,
    ) -> Result<Option<CaseAssignment>, StoreError> {
        self.find_assignment(application).await
    }
    async fn office_assignments(
        &self,
        office: &OfficeCode,
    ) -> Result<Vec<CaseAssignment>, StoreError> {
        self.assignments_of_office(office).await
    }

    async fn audit(&self, record: &AuditRecord) -> Result<(), StoreError> {
        self.write_audit(record).await
    }
    async fn audit_trail(&self, query: &AuditQuery) -> Result<Vec<AuditRecord>, StoreError> {
        self.read_audit(query).await
    }

    async fn notifications_of(&self, iin: &Iin) -> Result<Vec<Notification>, StoreError> {
        self.notifications_for(iin).await
    }
    async fn deliver_notification(&self, notification: &Notification) -> Result<(), StoreError> {
        self.insert_notification(notification).await
    }

    async fn claim_job(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<Job>, StoreError> {
        self.claim(now, lease_until).await
    }
    async fn complete_job(&self, id: &str, at: Timestamp) -> Result<(), StoreError> {
        self.complete(id, at).await
    }
    async fn fail_job(
        &self,
        id: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        self.fail(id, error, retry_at).await
    }
    async fn pending_jobs(&self) -> Result<i64, StoreError> {
        self.count_pending().await
    }
    async fn job_queue(&self) -> Result<JobQueue, StoreError> {
        self.queue().await
    }
    fn pool_stats(&self) -> Vec<PoolStats> {
        self.pools()
    }

    async fn record_dev_sms(&self, sms: &DevSms) -> Result<(), StoreError> {
        self.insert_dev_sms(sms).await
    }
    async fn dev_sms(&self) -> Result<Vec<DevSms>, StoreError> {
        self.read_dev_sms().await
    }
}

fn unavailable(e: StoreError) -> RegistryError {
    RegistryError(Box::new(e))
}

#[async_trait]
impl Registry for SqlStore {
    async fn person(&self, iin: &Iin) -> Result<Option<Person>, RegistryError> {
        self.registry_person(iin).await.map_err(unavailable)
    }
    async fn mobile_phone(&self, iin: &Iin) -> Result<Option<PhoneNumber>, RegistryError> {
        self.registry_phone(iin).await.map_err(unavailable)
    }
    async fn certificate(&self, iin: &Iin) -> Result<Option<RegisteredCertificate>, RegistryError> {
        self.registry_certificate(iin).await.map_err(unavailable)
    }
    async fn certificate_by_number(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<RegisteredCertificate>, RegistryError> {
        self.registry_certificate_by_number(number)
            .await
            .map_err(unavailable)
    }
    async fn consent_decision(&self, iin: &Iin) -> Result<bool, RegistryError> {
        self.registry_consent(iin).await.map_err(unavailable)
    }
}
