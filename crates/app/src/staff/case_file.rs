//! Everything the office decides on, for the case page: the case as its applicant sees it,
//! the population registry next to the form, the officials by name, and who holds the case.

use std::collections::HashMap;

use kandas_domain::ids::{ApplicationId, UserId};

use super::officials::{official_names, officials_of};
use super::queue::{Official, holder};
use super::registry_check::{RegistryCheck, registry_check};
use crate::actor::Actor;
use crate::applicant::view::ApplicationView;
use crate::error::AppError;
use crate::service::Service;

/// The case with what the office checks it against.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// The case (attachments, checklist, timeline, signature, review, result).
    pub view: ApplicationView,
    /// The population registry next to what the applicant typed.
    pub registry: RegistryCheck,
    /// The names of the officials the case's record and the queue name.
    pub officials: HashMap<UserId, String>,
    /// Who has taken it.
    pub holder: Option<Official>,
    /// What the case waits for and what the reader may do about it.
    pub next: kandas_domain::application::actions::Next,
    /// Every delivery attempt of the messages about the case (notices, signing codes), oldest
    /// first.
    pub deliveries: Vec<crate::ports::store::Delivery>,
}

/// The whole case for its office (the read audited as `staff.read-case`, like [`super::case`]).
pub async fn case_file(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<CaseFile, AppError> {
    let view = super::case(service, actor, id).await?;
    let application = &view.application;
    let registry = registry_check(service, application).await?;
    let holder = holder(service, application).await?;
    let mut ids = officials_of(application);
    ids.extend(holder.as_ref().map(|h| &h.id));
    let officials = official_names(service, ids).await?;
    let next = super::next(service, actor, &view.application)?;
    let deliveries = service.store.deliveries(&application.id).await?;
    Ok(CaseFile {
        deliveries,
        next,
        view,
        registry,
        officials,
        holder,
    })
}
