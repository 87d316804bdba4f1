//! The head's warning before a breach: one working day before a case's deadline, the heads of
//! the deciding office are told which cases are still open. Each case is warned about once,
//! however many workers run this (the store keeps one row per case).

use kandas_domain::application::status::Notice;
use kandas_domain::deadline::almaty_date;
use serde_json::json;

use crate::actor::Role;
use crate::error::AppError;
use crate::ports::store::{AuditRecord, JobKind};
use crate::service::Service;

/// The audit action of a deadline warning.
pub const WARN_ACTION: &str = "deadline.warn";

/// Warns the heads about the open cases due on the next working day (and, should a run have
/// been missed, those due today); answers how many cases were warned about now.
pub async fn warn(service: &Service) -> Result<usize, AppError> {
    let now = service.now();
    let today = almaty_date(now);
    let calendar = &service.calendar;
    let internal = |e: kandas_domain::calendar::CalendarError| AppError::Internal(e.to_string());
    if !calendar.is_working_day(today).map_err(internal)? {
        return Ok(0);
    }
    let next = calendar.next_working_day_after(today).map_err(internal)?;
    let mut cases = service.store.open_cases_due(today).await?;
    cases.extend(service.store.open_cases_due(next).await?);
    let mut warned = 0;
    for case in cases {
        let (Some(office), Some(registration)) = (&case.office, case.status.registration()) else {
            continue;
        };
        let heads: Vec<_> = service
            .store
            .staff_of(office)
            .await?
            .into_iter()
            .filter(|u| u.roles.contains(&Role::Head))
            .collect();
        let due = registration.deadline.due;
        let notice = Notice::DeadlineWarning {
            number: case.number.to_string(),
            due,
        };
        let jobs: Vec<JobKind> = heads
            .iter()
            .map(|head| JobKind::Notify {
                iin: head.iin.clone(),
                application: case.id.clone(),
                notice: notice.clone(),
            })
            .collect();
        let audit = AuditRecord {
            at: now,
            actor: None,
            actor_iin: None,
            role: None,
            subject: Some(case.applicant.clone()),
            application: Some(case.id.clone()),
            action: WARN_ACTION.to_owned(),
            request_id: format!("deadline-{}", case.number),
            details: json!({ "due": due.to_string(), "heads": heads.len(), "office": office }),
        };
        if service
            .store
            .record_deadline_warning(&case.id, due, &audit, &jobs)
            .await?
        {
            warned += 1;
        }
    }
    if warned > 0 {
        (service.wake)();
    }
    Ok(warned)
}
