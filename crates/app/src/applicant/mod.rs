//! The applicant's use cases: the profile from the registries, drafts, attachments, signing,
//! the history of obtained services and notifications.

pub mod accesses;
pub mod attach;
pub mod draft;
pub mod hearing;
pub mod outcome;
pub mod profile;
pub mod receipt;
pub mod sign;
pub mod signing_document;
pub mod timeline;
pub mod view;
pub mod withdraw;

use kandas_domain::application::{Application, Channel};
use kandas_domain::codes::ApplicationError;
use kandas_domain::ids::ApplicationId;

use crate::actor::Actor;
use crate::error::AppError;
use crate::service::Service;

/// The actor's own application; anyone else's looks absent, and the attempt is audited.
pub async fn own_application(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Application, AppError> {
    let application = service
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if application.applicant != actor.iin {
        let reason = "not the applicant";
        return Err(service
            .refuse(actor, Some(&application), reason, AppError::NotFound)
            .await);
    }
    Ok(application)
}

/// An applicant edits and signs only what they started online: a paper application taken in at a
/// desk is the desk's to complete.
pub fn editable_online(application: &Application) -> Result<(), AppError> {
    if application.channel == Channel::Portal {
        Ok(())
    } else {
        Err(AppError::Conflict(ApplicationError::AtDesk.into()))
    }
}
