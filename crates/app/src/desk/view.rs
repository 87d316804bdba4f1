//! What the desk sees of a case: the application view, the custody record line by line with
//! what each line still lacks, and the issues of the result.

use kandas_domain::application::custody::{Custody, MissingItem};
use kandas_domain::audit::AuditAction;
use kandas_domain::ids::ApplicationId;
use serde::Serialize;

use super::desk_case;
use super::receipt::status_url;
use crate::actor::Actor;
use crate::applicant::view::{ApplicationView, build};
use crate::error::AppError;
use crate::ports::store::ResultIssue;
use crate::service::Service;

/// A case at the desk.
#[derive(Debug, Clone, Serialize)]
pub struct DeskCase {
    /// The case as the applicant and the officer see it.
    pub view: ApplicationView,
    /// One line per document the applicant presents, with the marks so far.
    pub custody: Custody,
    /// What stops acceptance now (empty: it can be accepted).
    pub shortfalls: Vec<MissingItem>,
    /// Originals shown and not yet marked returned (the personal history is kept).
    pub unreturned: usize,
    /// The result's hand-overs, oldest first.
    pub issues: Vec<ResultIssue>,
    /// The public status page printed in the receipt.
    pub status_url: String,
}

/// A case filed at the actor's desk; the read is audited.
pub async fn case(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<DeskCase, AppError> {
    let (_, application) = desk_case(service, actor, id).await?;
    let read = AuditAction::DeskReadCase;
    crate::list_audit::audit_case(service, actor, read, &application, serde_json::Value::Null)
        .await?;
    let issues = service.store.result_issues(&application.id).await?;
    let status_url = status_url(service, &application)?;
    let view = build(service, application).await?;
    let custody = view.application.custody.fitted_to(&view.checklist);
    let is_draft = view.application.status.code() == "draft";
    let (shortfalls, unreturned) = if is_draft {
        (
            custody.shortfalls(&view.checklist),
            custody.unreturned(&view.checklist).len(),
        )
    } else {
        (Vec::new(), 0)
    };
    Ok(DeskCase {
        view,
        custody,
        shortfalls,
        unreturned,
        issues,
        status_url,
    })
}
