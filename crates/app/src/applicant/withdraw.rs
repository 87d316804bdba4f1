//! Withdrawing an application: the applicant's own, while a draft or after submission until the
//! decision. The case closes as withdrawn (it leaves the office's queue and its deadline
//! warnings), the withdrawal is audited and shows in the timeline, and a submitted case's
//! withdrawal is notified (personal account and SMS).

use crate::actor::Actor;
use crate::applicant::own_application;
use crate::applicant::view::ApplicationView;
use crate::error::AppError;
use crate::service::Service;
use kandas_domain::codes::{ApplicationError, RequestError};
use kandas_domain::ids::ApplicationId;

/// Withdraws the actor's own application `id`. `version`, when given, is the version the
/// applicant saw: a case that changed since (say, decided meanwhile) is refused as stale.
/// A decided, refused or already withdrawn case cannot be withdrawn (409
/// `application.not-withdrawable`).
pub async fn withdraw(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
    version: Option<i64>,
) -> Result<ApplicationView, AppError> {
    let application = own_application(service, actor, id).await?;
    let transition = application
        .withdraw(service.now())
        .map_err(|_| AppError::Conflict(ApplicationError::NotWithdrawable.into()))?;
    if version.is_some_and(|v| v != application.version) {
        return Err(AppError::Conflict(RequestError::StaleVersion.into()));
    }
    crate::staff::apply(service, actor, &application, transition, None, None).await
}

/// Whether the application can still be withdrawn (the page offers it only then).
pub fn withdrawable(view: &ApplicationView) -> bool {
    view.application
        .withdraw(view.application.updated_at)
        .is_ok()
}
