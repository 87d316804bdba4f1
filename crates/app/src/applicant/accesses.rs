//! "Who accessed my data": each read of the person's data by someone else (an officer, a desk,
//! an auditor) and each registry query made about them, newest first, from the audit trail. The
//! officials are shown by role and office, not by name.

use jiff::Timestamp;
use kandas_domain::audit::{AuditAction, Purpose};
use kandas_domain::office::OfficeCode;

use crate::actor::{Actor, Role};
use crate::error::AppError;
use crate::ports::store::{AuditQuery, AuditRecord};
use crate::service::Service;

/// How many of the newest rows about the person are looked at.
const LOOKED_AT: i64 = 1000;

/// One access to the person's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// When.
    pub at: Timestamp,
    /// What was done.
    pub action: AuditAction,
    /// Why.
    pub purpose: Purpose,
    /// In which role.
    pub role: Option<Role>,
    /// The official's office.
    pub office: Option<OfficeCode>,
    /// The application it was about, by its number, when the row names it.
    pub number: Option<String>,
}

/// Whether a row is someone else's access to the person's data.
fn is_access(record: &AuditRecord, actor: &Actor) -> bool {
    let by_someone_else = record
        .actor_iin
        .as_ref()
        .is_some_and(|iin| iin != &actor.iin);
    by_someone_else && record.action.is_access()
}

/// The accesses to the actor's own data, newest first.
pub async fn accesses(service: &Service, actor: &Actor) -> Result<Vec<Access>, AppError> {
    let query = AuditQuery {
        subject: Some(actor.iin.clone()),
        limit: LOOKED_AT,
        ..AuditQuery::default()
    };
    let trail = service.store.audit_trail(&query).await?;
    let mut offices = crate::accounts::Offices::default();
    let mut accesses = Vec::new();
    for record in trail.into_iter().filter(|r| is_access(r, actor)) {
        let office = offices.of(service, record.actor.as_ref()).await?;
        accesses.push(Access {
            at: record.at,
            action: record.action,
            // Only a desk starts a case for someone else: its purpose is the intake.
            purpose: match record.action {
                AuditAction::ApplicationCreate => Purpose::DeskIntake,
                action => action.purpose(),
            },
            role: record.role,
            office,
            number: record.details["number"].as_str().map(str::to_owned),
        });
    }
    Ok(accesses)
}
