//! Reminders before a term runs out, each sent once however many workers run them (the store
//! keeps one row per case or certificate): the head's warning one working day before a case's
//! deadline, and the holder's reminder 30 days before a certificate expires.

use jiff::ToSpan;
use kandas_domain::application::Kind;
use kandas_domain::application::status::{Notice, Status};
use kandas_domain::audit::AuditAction;
use kandas_domain::deadline::almaty_date;
use serde_json::json;

use crate::actor::Role;
use crate::error::AppError;
use crate::ports::store::{AuditRecord, JobKind};
use crate::service::Service;

/// Warns the heads about the open cases due on the next working day (and, should a run have
/// been missed, those due today); answers how many cases were warned about now.
pub async fn warn(service: &Service) -> Result<usize, AppError> {
    let now = service.now();
    let today = almaty_date(now);
    let calendar = service.calendar.current();
    let internal = |e: kandas_domain::calendar::CalendarError| AppError::internal(e);
    if !calendar.is_working_day(today) {
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
            subject: Some(case.applicant.clone()),
            application: Some(case.id.clone()),
            details: json!({ "due": due.to_string(), "heads": heads.len(), "office": office }),
            ..AuditRecord::system(
                now,
                AuditAction::DeadlineWarn,
                format!("deadline-{}", case.number),
            )
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

/// How many days before a certificate's last day its holder is reminded.
pub const REMIND_DAYS_BEFORE: i64 = 30;

/// Reminds the holders of certificates whose last day is 30 days from today and who have not
/// filed an extension (a certificate extended as often as the rules allow cannot be extended
/// again); answers how many.
pub async fn remind_expiring(service: &Service) -> Result<usize, AppError> {
    let now = service.now();
    let on = almaty_date(now)
        .checked_add(REMIND_DAYS_BEFORE.days())
        .map_err(AppError::internal)?;
    let allowed = service.rules_at(now)?.extensions_allowed;
    let mut reminded = 0;
    for (certificate, application) in service.store.certificates_expiring(on).await? {
        if certificate.extensions >= allowed {
            continue;
        }
        let filed = service
            .store
            .applications_of(&certificate.holder)
            .await?
            .into_iter()
            .any(|a| {
                a.kind == Kind::Extension
                    && a.status.registration().is_some()
                    && !matches!(
                        a.status,
                        Status::Withdrawn { .. } | Status::RejectedAtIntake { .. }
                    )
            });
        if filed {
            continue;
        }
        let notice = Notice::ExpiryReminder {
            certificate: certificate.number.to_string(),
            valid_until: certificate.valid_until,
        };
        let jobs = match application {
            Some(application) => vec![JobKind::Notify {
                iin: certificate.holder.clone(),
                application,
                notice,
            }],
            // Imported from the register, so no case to file it under: by SMS only.
            None => match service.registry.mobile_phone(&certificate.holder).await? {
                Some(phone) => vec![JobKind::Sms {
                    phone,
                    text: ["kk", "ru"]
                        .map(|lang| kandas_i18n::notice_sms(lang, &notice))
                        .join(" / "),
                    application: None,
                    expires_at: None,
                }],
                None => Vec::new(),
            },
        };
        let audit = AuditRecord {
            subject: Some(certificate.holder.clone()),
            details: json!({ "certificate": certificate.number.to_string(), "valid_until": certificate.valid_until.to_string(), "jobs": jobs.len() }),
            ..AuditRecord::system(
                now,
                AuditAction::CertificateRemind,
                format!("remind-{}", certificate.number),
            )
        };
        if service
            .store
            .record_expiry_reminder(&certificate.number, &audit, &jobs)
            .await?
        {
            reminded += 1;
        }
    }
    if reminded > 0 {
        (service.wake)();
    }
    Ok(reminded)
}
