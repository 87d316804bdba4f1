//! A read that shows people's data is a read of each person shown: one audit row per person
//! (the applicant and every family member with an IIN), naming the case and why it was read,
//! written before the answer, so that each of them finds it in "Who accessed my data". A list
//! writes the rows of every case it shows, a case read those of its one case.

use kandas_domain::application::Application;
use kandas_domain::audit::AuditAction;
use serde_json::{Value, json};

use crate::actor::Actor;
use crate::error::AppError;
use crate::ports::store::AuditRecord;
use crate::service::Service;

/// The rows of `action` for the people of `application`, each with the case's number, how the
/// person is shown, and the fields of `extra` (an object, or null for none).
fn rows_of(
    service: &Service,
    actor: &Actor,
    action: AuditAction,
    application: &Application,
    extra: &Value,
) -> Vec<AuditRecord> {
    let members = application
        .form
        .members
        .iter()
        .filter_map(|m| m.iin.as_ref());
    std::iter::once(&application.applicant)
        .chain(members)
        .enumerate()
        .map(|(position, iin)| {
            let mut details = json!({
                "number": application.number.to_string(),
                "shown_as": if position == 0 { "applicant" } else { "family-member" },
            });
            if let (Some(all), Some(more)) = (details.as_object_mut(), extra.as_object()) {
                all.extend(more.clone());
            }
            AuditRecord {
                subject: Some(iin.clone()),
                application: Some(application.id.clone()),
                details,
                ..service.audit_by(actor, action)
            }
        })
        .collect()
}

/// Writes the rows of `action` for every person `applications` show, all in one transaction.
pub(crate) async fn audit_list<'a>(
    service: &Service,
    actor: &Actor,
    action: AuditAction,
    applications: impl IntoIterator<Item = &'a Application>,
) -> Result<(), AppError> {
    let records: Vec<AuditRecord> = applications
        .into_iter()
        .flat_map(|a| rows_of(service, actor, action, a, &Value::Null))
        .collect();
    Ok(service.store.audit_all(&records).await?)
}

/// Writes the rows of `action` for every person `application` shows, with `extra` details.
pub(crate) async fn audit_case(
    service: &Service,
    actor: &Actor,
    action: AuditAction,
    application: &Application,
    extra: Value,
) -> Result<(), AppError> {
    let records = rows_of(service, actor, action, application, &extra);
    Ok(service.store.audit_all(&records).await?)
}
