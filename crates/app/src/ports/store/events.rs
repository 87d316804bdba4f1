//! The store's case-events area: the case's own history, written by the store in the
//! transaction of each change that causes an event (a status change, the issue of a result,
//! the disposal of files, the creation of a draft), and read back for the timeline and for the
//! public performance figures.

use async_trait::async_trait;
use kandas_domain::application::events::{CaseEvent, EventKind};

use super::*;
use crate::actor::Role;

/// One stored event of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedEvent {
    /// The case.
    pub application: ApplicationId,
    /// Its place in the case's history (events rebuilt from the audit trail before the events
    /// were kept come first, numbered below 1).
    pub seq: i64,
    /// The event.
    pub event: CaseEvent,
    /// The role the actor acted in (none for the worker's own steps).
    pub actor_role: Option<Role>,
    /// The actor's office, for staff.
    pub actor_office: Option<OfficeCode>,
    /// The office that decides the case, as it stood at the event.
    pub office: Option<OfficeCode>,
}

/// An event as the public figures read it: the deciding office and the event, no case id and
/// no person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeEvent {
    /// The office that decides the case.
    pub office: Option<OfficeCode>,
    /// The event.
    pub event: CaseEvent,
}

/// The events of cases.
#[async_trait]
pub trait CaseEventStore: Send + Sync {
    /// A case's events in the order they happened.
    async fn case_events(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<RecordedEvent>, StoreError>;
    /// Every event of one of `kinds` at or after `from` and before `to`, oldest first.
    async fn office_events(
        &self,
        kinds: &[EventKind],
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<OfficeEvent>, StoreError>;
}
