//! A list that shows people's data is a read of each person shown: one audit row per person
//! (the applicant and every family member with an IIN), naming the case and why it was read,
//! written before the list is answered.

use kandas_domain::application::Application;
use kandas_domain::audit::AuditAction;

use crate::actor::Actor;
use crate::error::AppError;
use crate::service::Service;

/// Writes the rows of `action` for every person `applications` show, all in one transaction.
pub(crate) async fn audit_list<'a>(
    service: &Service,
    actor: &Actor,
    action: AuditAction,
    applications: impl IntoIterator<Item = &'a Application>,
) -> Result<(), AppError> {
    let mut records = Vec::new();
    for application in applications {
        let members = application
            .form
            .members
            .iter()
            .filter_map(|m| m.iin.as_ref());
        for (position, iin) in std::iter::once(&application.applicant)
            .chain(members)
            .enumerate()
        {
            let mut audit = service.audit_by(actor, action);
            audit.subject = Some(iin.clone());
            audit.application = Some(application.id.clone());
            audit.details = serde_json::json!({
                "number": application.number.to_string(),
                "shown_as": if position == 0 { "applicant" } else { "family-member" },
            });
            records.push(audit);
        }
    }
    Ok(service.store.audit_all(&records).await?)
}
