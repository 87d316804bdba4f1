//! Results at the desk: a decided case shows as ready for issue at the office where it was
//! filed; at the applicant's request the desk opens the certificate (or decision) from the system
//! and prints the bytes stored when it was decided, and the issue is recorded (who, when, to
//! whom, identity checked) and notified.

use kandas_domain::application::Application;
use kandas_domain::application::status::Notice;
use kandas_domain::audit::AuditAction;
use kandas_domain::codes::DeskError;
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use serde_json::json;

use super::desk;
use super::receipt::Pdf;
use super::results::result_case;
use crate::actor::Actor;
use crate::error::AppError;
use crate::jobs::notice_jobs;
use crate::ports::store::{DeskFilter, DeskList, IssueRecord, ResultIssue};
use crate::results::{kind_asked, result_document};
use crate::service::Service;

/// The cases of the actor's desk in one of its lists.
pub async fn cases(
    service: &Service,
    actor: &Actor,
    list: DeskList,
) -> Result<Vec<Application>, AppError> {
    Ok(lists(service, actor, &[list]).await?.concat())
}

/// The cases of the actor's desk in each of `lists`, as one read: each person shown is audited
/// once, however many of the lists show their case.
pub async fn lists(
    service: &Service,
    actor: &Actor,
    lists: &[DeskList],
) -> Result<Vec<Vec<Application>>, AppError> {
    let desk = desk(service, actor).await?;
    let mut found = Vec::with_capacity(lists.len());
    for list in lists {
        let filter = DeskFilter {
            office: desk.office.clone(),
            list: *list,
        };
        found.push(service.store.desk_cases(&filter).await?);
    }
    let mut shown: Vec<&Application> = found.iter().flatten().collect();
    shown.sort_by(|a, b| a.id.cmp(&b.id));
    shown.dedup_by(|a, b| a.id == b.id);
    crate::list_audit::audit_list(service, actor, AuditAction::DeskReadList, shown).await?;
    Ok(found)
}

/// Opens a result document (`document`: its kind's code, or the main one) of a decided case
/// filed at the actor's desk or, at a State Corporation desk, of any decided case, to print the
/// stored bytes; the read is audited.
pub async fn result_pdf(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    document: Option<&str>,
) -> Result<Pdf, AppError> {
    let kind = kind_asked(document)?;
    let (desk, application, filed_here) = result_case(service, actor, id).await?;
    let pdf = result_document(service, &application, kind).await?;
    let details = json!({
        "file": pdf.file_name,
        "sha256": pdf.sha256,
        "office": desk.office.as_str(),
        "filed_here": filed_here,
    });
    let read = AuditAction::DeskOpenResult;
    crate::list_audit::audit_case(service, actor, read, &application, details).await?;
    Ok(pdf)
}

/// A posted recipient's IIN (`desk.recipient` for one that is not an IIN).
pub fn recipient_iin(raw: &str) -> Result<Iin, AppError> {
    Iin::parse(raw.trim()).map_err(|_| AppError::BadRequest(DeskError::Recipient.into()))
}

/// Who receives the result, as the desk checked (and as the page shows it again when refused).
#[derive(Debug, Clone, Default)]
pub struct IssueInput {
    /// The recipient's IIN as typed (checked here: `desk.recipient`).
    pub recipient_iin: String,
    /// The recipient's name as on the identity document.
    pub recipient_name: String,
    /// The identity document shown (type and number).
    pub identity_document: String,
    /// The desk checked the identity document against the recipient.
    pub identity_checked: bool,
}

/// Records that the result was handed over, and tells the applicant. At the desk that filed the
/// case the recipient may be a representative; anywhere else only the holder (the applicant's
/// IIN), whose identity document is recorded.
pub async fn issue(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    input: &IssueInput,
) -> Result<ResultIssue, AppError> {
    let (desk, application, filed_here) = result_case(service, actor, id).await?;
    if !input.identity_checked {
        return Err(AppError::BadRequest(DeskError::Identity.into()));
    }
    let recipient_iin = recipient_iin(&input.recipient_iin)?;
    let recipient_name = input
        .recipient_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let identity_document = input.identity_document.trim().to_owned();
    let too_long = recipient_name.chars().count() > 200 || identity_document.chars().count() > 200;
    if recipient_name.is_empty() || identity_document.is_empty() || too_long {
        return Err(AppError::BadRequest(DeskError::Recipient.into()));
    }
    if !filed_here && recipient_iin != application.applicant {
        return Err(AppError::BadRequest(DeskError::NotHolder.into()));
    }
    let now = service.now();
    let issue = ResultIssue {
        id: uuid::Uuid::new_v4().to_string(),
        application: application.id.clone(),
        office: desk.office,
        issued_by: actor.user.clone(),
        recipient_iin: recipient_iin.clone(),
        recipient_name,
        identity_document,
        issued_at: now,
    };
    let mut audit = service.audit_by(actor, AuditAction::DeskIssueResult);
    audit.subject = Some(application.applicant.clone());
    audit.application = Some(application.id.clone());
    audit.details = json!({
        "recipient": recipient_iin.masked(),
        "identity_checked": true,
        "issue": issue.id,
        "office": issue.office.as_str(),
        "filed_here": filed_here,
    });
    let notice = Notice::ResultIssued {
        number: application.number.to_string(),
    };
    let record = IssueRecord {
        issue: issue.clone(),
        audit,
        jobs: notice_jobs(&application, &[notice]),
    };
    service.store.record_issue(&record).await?;
    (service.wake)();
    Ok(issue)
}
