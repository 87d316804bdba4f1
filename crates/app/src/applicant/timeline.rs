//! A case's timeline, read from its events (`CaseEventStore`): complete however often the case
//! is read, since reading writes audit rows and never events.

use kandas_domain::ids::ApplicationId;

use super::view::TimelineEntry;
use crate::error::AppError;
use crate::service::Service;

/// The timeline of `application`, oldest first.
pub async fn of(
    service: &Service,
    application: &ApplicationId,
) -> Result<Vec<TimelineEntry>, AppError> {
    Ok(service
        .store
        .case_events(application)
        .await?
        .into_iter()
        .map(|r| TimelineEntry {
            at: r.event.at,
            kind: r.event.kind,
            action: r.event.kind.timeline_action().to_owned(),
        })
        .collect())
}
