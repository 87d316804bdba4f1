//! Retention: the files a State Corporation keeps for a case are disposed of once the case has
//! been closed for the retention period of the rule set in force on the day it closed. The
//! case keeps the files' names and hashes and the disposal record; the audit says who ran it.

use kandas_domain::audit::AuditAction;
use std::collections::HashSet;

use jiff::{SignedDuration, Timestamp};
use kandas_domain::application::{Application, Channel};
use kandas_domain::ids::{ApplicationId, AttachmentId};
use kandas_domain::numbers::ApplicationNumber;
use serde::Serialize;
use serde_json::json;

use crate::error::AppError;
use crate::ports::store::{AuditRecord, Disposal, RetentionCase, RetentionFilter};
use crate::service::Service;

/// One file that went (or, in a dry run, would go).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedFile {
    /// The name it had on the applicant's device or the scanner.
    pub name: String,
    /// Size, bytes.
    pub size: u64,
    /// SHA-256, hex (kept with the case).
    pub sha256: String,
}

/// A case whose files went (or would go).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedCase {
    /// The case.
    pub application: ApplicationId,
    /// The number the applicant quotes.
    pub number: ApplicationNumber,
    /// When it closed.
    pub closed_at: Timestamp,
    /// Its files.
    pub files: Vec<ReportedFile>,
}

/// A due case that could not be disposed of this run; the next run tries again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The number the applicant quotes.
    pub number: ApplicationNumber,
    /// What failed.
    pub error: String,
}

/// What one run did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionReport {
    /// The run's id, also the audit records' request id.
    pub run_id: String,
    /// Who ran it.
    pub run_by: String,
    /// When it ran.
    pub at: Timestamp,
    /// Whether nothing was written or deleted.
    pub dry_run: bool,
    /// The cases, oldest closure first.
    pub cases: Vec<ReportedCase>,
    /// Due cases left for the next run, with why.
    pub failures: Vec<Failure>,
}

impl RetentionReport {
    /// How many files went (or would go).
    pub fn files(&self) -> usize {
        self.cases.iter().map(|c| c.files.len()).sum()
    }

    /// How many bytes went (or would go).
    pub fn bytes(&self) -> u64 {
        self.cases
            .iter()
            .flat_map(|c| &c.files)
            .map(|f| f.size)
            .sum()
    }
}

fn days(n: u32) -> SignedDuration {
    SignedDuration::from_hours(i64::from(n).saturating_mul(24))
}

/// The earliest moment anything could be due: now less the shortest retention of any rule set.
fn cutoff(service: &Service, now: Timestamp) -> Result<Timestamp, AppError> {
    let shortest = service
        .rules
        .sets()
        .iter()
        .map(|s| s.retention_days)
        .min()
        .unwrap_or(0);
    now.checked_sub(days(shortest))
        .map_err(|e| AppError::internal_in(format!("retention cutoff before {now}"), e))
}

/// When the case closed, if its files are due by `now` under the rule set in force on the day
/// it closed; `None` while the case is open (the store lists only closed cases: this guards
/// against that changing) or not yet due.
fn due(
    service: &Service,
    application: &Application,
    now: Timestamp,
) -> Result<Option<Timestamp>, AppError> {
    let Some(closed_at) = application.status.closed_at() else {
        return Ok(None);
    };
    let retention = service.rules_at(closed_at)?.retention_days;
    let end = closed_at.checked_add(days(retention)).map_err(|e| {
        AppError::internal_in(
            format!(
                "retention end of {} (closed {closed_at})",
                application.number
            ),
            e,
        )
    })?;
    Ok((end <= now).then_some(closed_at))
}

fn reported(case: &RetentionCase, closed_at: Timestamp) -> ReportedCase {
    ReportedCase {
        application: case.application.id.clone(),
        number: case.application.number.clone(),
        closed_at,
        files: case
            .files
            .iter()
            .map(|f| ReportedFile {
                name: f.attachment.file_name.clone(),
                size: f.attachment.size,
                sha256: f.attachment.sha256.clone(),
            })
            .collect(),
    }
}

/// Deletes the case's files from storage, then records the disposal with its audit. A crash
/// in between leaves rows that the next run finds and deletes again (a missing file is fine).
async fn dispose(
    service: &Service,
    case: &RetentionCase,
    run_id: &str,
    run_by: &str,
) -> Result<(), AppError> {
    let application = &case.application;
    for file in &case.files {
        service.files.delete(&file.storage_key).await.map_err(|e| {
            AppError::internal_in(
                format!(
                    "deleting file {} of {}",
                    file.attachment.id, application.number
                ),
                e,
            )
        })?;
    }
    let at = service.now();
    let ids: Vec<AttachmentId> = case.files.iter().map(|f| f.attachment.id.clone()).collect();
    let files: Vec<_> = case
        .files
        .iter()
        .map(|f| {
            let a = &f.attachment;
            json!({ "id": a.id, "name": a.file_name, "sha256": a.sha256 })
        })
        .collect();
    let audit = AuditRecord {
        subject: Some(application.applicant.clone()),
        application: Some(application.id.clone()),
        details: json!({ "run": run_id, "run_by": run_by, "files": files }),
        ..AuditRecord::system(at, AuditAction::RetentionDispose, run_id)
    };
    let disposal = Disposal {
        at,
        by: run_by.to_owned(),
    };
    service
        .store
        .mark_disposed(&application.id, &ids, &disposal, &audit)
        .await
        .map_err(|e| {
            AppError::internal_in(
                format!("recording the disposal of {}", application.number),
                e,
            )
        })
}

/// Disposes of every due file of the State Corporation's closed cases, batch by batch, until
/// none are due; a dry run only reports. `run_by` names who ran it (`worker`, `cli:<user>`).
///
/// A case that fails is reported and left for the next run. A run stops at a batch that holds
/// nothing new, so a dry run lists at most one batch of the store's.
pub async fn run(
    service: &Service,
    run_by: &str,
    dry_run: bool,
) -> Result<RetentionReport, AppError> {
    let now = service.now();
    let mut report = RetentionReport {
        run_id: format!("retention-{}", uuid::Uuid::new_v4().simple()),
        run_by: run_by.to_owned(),
        at: now,
        dry_run,
        cases: Vec::new(),
        failures: Vec::new(),
    };
    let filter = RetentionFilter {
        channel: Channel::StateCorporation,
        closed_before: cutoff(service, now)?,
    };
    // Cases not yet due (a longer retention) or failed stay in the listing: see each once.
    let mut seen: HashSet<ApplicationId> = HashSet::new();
    loop {
        let batch = service.store.retention_due(&filter).await?;
        let fresh: Vec<RetentionCase> = batch
            .into_iter()
            .filter(|c| seen.insert(c.application.id.clone()))
            .collect();
        if fresh.is_empty() {
            return Ok(report);
        }
        for case in fresh {
            let failure = |error: AppError| Failure {
                number: case.application.number.clone(),
                error: crate::error::Chain(&error).to_string(),
            };
            let closed_at = match due(service, &case.application, now) {
                Ok(Some(closed_at)) => closed_at,
                Ok(None) => continue,
                Err(e) => {
                    report.failures.push(failure(e));
                    continue;
                }
            };
            if !dry_run && let Err(e) = dispose(service, &case, &report.run_id, run_by).await {
                report.failures.push(failure(e));
                continue;
            }
            report.cases.push(reported(&case, closed_at));
        }
    }
}
