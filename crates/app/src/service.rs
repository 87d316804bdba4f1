//! The service: the ports and the rule data every use case works with.

use kandas_domain::audit::AuditAction;
use std::sync::Arc;

use jiff::Timestamp;
use kandas_domain::application::Application;
use kandas_domain::grounds::Grounds;
use kandas_domain::rules::{RuleBook, RuleSet};

use crate::Actor;
use crate::content::ContentLimits;
use crate::error::AppError;
use crate::ports::store::AuditRecord;
use crate::ports::{Clock, Files, Registry, Seal, SignatureVerifier, Sms, Store};
use crate::secrets::Secrets;

/// Operational limits (not set by law, so configuration rather than a rule set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// One-time codes per IIN in a window.
    pub codes_per_iin: i64,
    /// One-time codes per client address in a window.
    pub codes_per_ip: i64,
    /// The window, seconds.
    pub code_window_seconds: i64,
    /// Sign-in attempts of one IIN (any address) before sign-in waits, and the lock.
    pub signin_per_iin: AttemptLimit,
    /// Sign-in attempts from one client address (any IIN) before sign-in waits, and the lock.
    pub signin_per_ip: AttemptLimit,
    /// Largest attachment, bytes.
    pub max_attachment_bytes: usize,
    /// What an attachment may hold once decoded (bytes, pixels, pages, objects).
    pub content: ContentLimits,
    /// Session lifetime, seconds (the absolute end).
    pub session_seconds: i64,
    /// A session unused this long ends, seconds.
    pub session_idle_seconds: i64,
    /// What one application and one applicant may hold.
    pub quotas: Quotas,
}

/// What one person may take of the service's storage, so that no one fills the disk: files
/// and bytes per application, open drafts per applicant (online).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// Files one application may hold (all its documents).
    pub files_per_application: usize,
    /// Bytes one application's files may take together.
    pub bytes_per_application: u64,
    /// Drafts one applicant may have open online at once.
    pub open_drafts_per_applicant: u32,
}

impl Default for Quotas {
    fn default() -> Self {
        Quotas {
            files_per_application: 60,
            bytes_per_application: 150 * 1024 * 1024,
            open_drafts_per_applicant: 5,
        }
    }
}

/// How many sign-in attempts a key gets in the window before each next one waits (1, 2, 4 …
/// seconds, doubling), and after how many it is locked for `lock_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimit {
    /// Attempts without waiting.
    pub free: i64,
    /// The attempt that locks.
    pub lock_after: i64,
    /// How long the lock lasts, seconds.
    pub lock_seconds: i64,
}

impl AttemptLimit {
    /// Until when the next attempt waits once `attempts` were counted at `now` (none while free).
    pub fn blocked_until(&self, attempts: i64, now: Timestamp) -> Option<Timestamp> {
        let seconds = if attempts >= self.lock_after {
            self.lock_seconds
        } else if attempts >= self.free {
            let doublings = u32::try_from(attempts - self.free)
                .unwrap_or(u32::MAX)
                .min(20);
            (1_i64 << doublings).min(self.lock_seconds)
        } else {
            return None;
        };
        now.checked_add(jiff::SignedDuration::from_secs(seconds))
            .ok()
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            codes_per_iin: 5,
            codes_per_ip: 30,
            code_window_seconds: 900,
            signin_per_iin: AttemptLimit {
                free: 5,
                lock_after: 10,
                lock_seconds: 3600,
            },
            signin_per_ip: AttemptLimit {
                free: 20,
                lock_after: 200,
                lock_seconds: 3600,
            },
            max_attachment_bytes: 10 * 1024 * 1024,
            content: ContentLimits::default(),
            session_seconds: 8 * 3600,
            session_idle_seconds: 30 * 60,
            quotas: Quotas::default(),
        }
    }
}

/// Everything the use cases need, shared by the web layer and the worker.
#[derive(Clone)]
pub struct Service {
    /// Storage.
    pub store: Arc<dyn Store>,
    /// The state registries.
    pub registry: Arc<dyn Registry>,
    /// File contents.
    pub files: Arc<dyn Files>,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Electronic digital signatures.
    pub signatures: Arc<dyn SignatureVerifier>,
    /// The SMS channel (used by the worker).
    pub sms: Arc<dyn Sms>,
    /// The working calendar.
    pub calendar: Arc<crate::calendar::CalendarCell>,
    /// The rule sets.
    pub rules: Arc<RuleBook>,
    /// Refusal grounds.
    pub grounds: Arc<Grounds>,
    /// How decisions are appealed.
    pub appeals: Arc<kandas_domain::appeal::AppealRoutes>,
    /// Keys.
    pub secrets: Secrets,
    /// The authority's seal on certificates.
    pub seal: Arc<dyn Seal>,
    /// The time-stamping authority of the audit trail's seals.
    pub timestamps: Arc<dyn crate::ports::TimeStamps>,
    /// Limits.
    pub limits: Limits,
    /// The address people reach the service at (printed in receipts' QR codes), no trailing `/`.
    pub public_url: String,
    /// Called after a job is enqueued, so a worker can start at once.
    pub wake: Arc<dyn Fn() + Send + Sync>,
}

impl Service {
    /// Now, from the clock port.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The rule set in force on the Almaty date of `at`.
    pub fn rules_at(&self, at: Timestamp) -> Result<&RuleSet, AppError> {
        self.rules
            .in_force(kandas_domain::deadline::almaty_date(at))
            .map_err(AppError::internal)
    }

    /// Records a refused access (audited, DOMAIN.md's personal-data rules) and answers `error`.
    pub async fn refuse(
        &self,
        actor: &Actor,
        application: Option<&Application>,
        reason: &str,
        error: AppError,
    ) -> AppError {
        let mut audit = self.audit_by(actor, AuditAction::AccessRefused);
        audit.subject = application.map(|a| a.applicant.clone());
        audit.application = application.map(|a| a.id.clone());
        audit.details = serde_json::json!({ "reason": reason });
        match self.store.audit(&audit).await {
            Ok(()) => error,
            Err(e) => e.into(),
        }
    }

    /// Records that a rule of the separation of duties refused `actor` (audited as
    /// `duty.refused`, with the rule) and answers the translated 403 or 409.
    pub async fn refuse_duty(
        &self,
        actor: &Actor,
        application: Option<&Application>,
        subject: Option<&kandas_domain::iin::Iin>,
        error: kandas_domain::duties::DutyError,
    ) -> AppError {
        let mut audit = self.audit_by(actor, AuditAction::DutyRefused);
        audit.subject = subject
            .cloned()
            .or_else(|| application.map(|a| a.applicant.clone()));
        audit.application = application.map(|a| a.id.clone());
        audit.details = serde_json::json!({ "rule": error.rule(), "code": error.code() });
        match self.store.audit(&audit).await {
            Ok(()) => error.into(),
            Err(e) => e.into(),
        }
    }

    /// An audit record of `action` by `actor`, to be filled in further by the caller.
    pub fn audit_by(&self, actor: &Actor, action: AuditAction) -> AuditRecord {
        AuditRecord {
            at: self.now(),
            actor: Some(actor.user.clone()),
            actor_iin: Some(actor.iin.clone()),
            role: Some(actor.audit_role()),
            subject: None,
            application: None,
            action,
            request_id: actor.request_id.clone(),
            details: serde_json::Value::Null,
        }
    }
}
