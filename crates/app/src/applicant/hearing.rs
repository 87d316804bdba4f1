//! The applicant's part in the hearing before a planned refusal: asking to move it, for a
//! reason (the local executive body sets the new time and notifies it).

use kandas_domain::application::review::RescheduleRequest;
use kandas_domain::codes::ReviewError;
use kandas_domain::ids::ApplicationId;

use super::own_application;
use super::view::ApplicationView;
use crate::actor::Actor;
use crate::error::AppError;
use crate::service::Service;

/// Asks to move the hearing of the actor's own case; the request and its reason are kept with
/// the hearing for the officer.
pub async fn ask_to_reschedule(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    reason: &str,
) -> Result<ApplicationView, AppError> {
    let application = own_application(service, actor, id).await?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 || reason.chars().any(char::is_control) {
        return Err(AppError::BadRequest(ReviewError::Reason.into()));
    }
    let request = RescheduleRequest {
        asked_at: service.now(),
        reason: reason.to_owned(),
    };
    let transition = application.ask_to_reschedule(request)?;
    crate::staff::apply(service, actor, &application, transition, None, None).await
}
