//! The desk: paper intake at a State Corporation office (role `operator`) or at a local executive
//! body's own desk (role `officer`), custody of the originals, acceptance or refusal to accept
//! with a receipt, and the issue of results at the office where the case was filed.
//!
//! A desk sees only the cases filed at it; every read of one is audited.

pub mod accept;
pub mod intake;
pub mod issue;
pub mod receipt;
pub mod results;
pub mod view;

use kandas_domain::application::{Application, Channel};
use kandas_domain::codes::ApplicationError;
use kandas_domain::ids::ApplicationId;
use kandas_domain::office::{OfficeCode, OfficeKind};

use crate::actor::{Actor, Role};
use crate::error::AppError;
use crate::service::Service;

/// The desk an employee works at, and the channel its cases come through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    /// The office.
    pub office: OfficeCode,
    /// `state_corporation` for an operator, `local_executive_body` for an officer.
    pub channel: Channel,
}

/// The actor's desk; anyone without one is refused, and the refusal is audited.
pub async fn desk(service: &Service, actor: &Actor) -> Result<Desk, AppError> {
    let channel = match actor.office.as_ref().map(OfficeCode::kind) {
        Some(OfficeKind::StateCorporation) if actor.has(Role::Operator) => {
            Some(Channel::StateCorporation)
        }
        Some(OfficeKind::LocalExecutiveBody) if actor.has(Role::Officer) => {
            Some(Channel::LocalExecutiveBody)
        }
        _ => None,
    };
    match (channel, &actor.office) {
        (Some(channel), Some(office)) => Ok(Desk {
            office: office.clone(),
            channel,
        }),
        _ => {
            let reason = "not a desk employee";
            Err(service
                .refuse(actor, None, reason, AppError::Forbidden)
                .await)
        }
    }
}

/// A case filed at the actor's desk; any other looks absent, and the attempt is audited.
pub async fn desk_case(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<(Desk, Application), AppError> {
    let desk = desk(service, actor).await?;
    let application = service
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if application.intake_office.as_ref() != Some(&desk.office) {
        let reason = "a case filed at another desk or online";
        return Err(service
            .refuse(actor, Some(&application), reason, AppError::NotFound)
            .await);
    }
    Ok((desk, application))
}

/// A case filed at the actor's desk that the actor may act on: never one in which they are the
/// applicant or a family member (the rule set's duties); the refusal is audited.
pub async fn desk_action(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<(Desk, Application), AppError> {
    let (desk, application) = desk_case(service, actor, id).await?;
    let duties = match application.status.registration() {
        Some(r) => {
            let rules = service.rules.by_id(&r.deadline.rule_set);
            rules.map_err(AppError::internal)?.duties
        }
        None => service.rules_at(service.now())?.duties,
    };
    if let Err(e) = kandas_domain::duties::may_act_on(&duties, &application, &actor.iin) {
        return Err(service
            .refuse_duty(actor, Some(&application), None, e)
            .await);
    }
    Ok((desk, application))
}

/// A desk draft that can still change.
fn draft(application: &Application) -> Result<(), AppError> {
    if application.status.code() == "draft" {
        Ok(())
    } else {
        Err(AppError::Conflict(ApplicationError::NotDraft.into()))
    }
}
