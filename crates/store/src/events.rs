//! The case's events: written here in the transaction of the change that causes them (a status
//! change, a draft created, a result issued, files disposed of), read back for the timeline and
//! the public performance figures; and the one-off rebuilding of the events of cases that
//! existed before they were kept, from their audit rows, inside migration 0013.

use async_trait::async_trait;
use jiff::Timestamp;
use kandas_app::actor::Role;
use kandas_app::ports::store::{
    AuditRecord, CaseEventStore, OfficeEvent, RecordedEvent, StoreError,
};
use kandas_domain::application::Status;
use kandas_domain::application::events::{CaseEvent, EventKind};
use kandas_domain::ids::ApplicationId;
use kandas_domain::office::OfficeCode;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::error::db;
use crate::formats::{
    StoredAuditDetails, StoredEventFacts, StoredStatus, from_column, kind_code, kind_parse,
};
use crate::rows::{code, from_json, int, json, parsed, parsed_opt, text, text_opt, time, ts};

/// The migration whose transaction rebuilds the events of the cases that existed before it.
pub(crate) const BACKFILL_VERSION: i64 = 13;

/// The status of an application at a version.
pub(crate) const STATUS_AT: &str =
    "SELECT status_json FROM applications WHERE id = $1 AND version = $2";
/// The last event's number of a case.
pub(crate) const LAST_SEQ: &str = "SELECT MAX(seq) FROM case_events WHERE application_id = $1";
/// The deciding office of a case.
pub(crate) const CASE_OFFICE: &str = "SELECT office FROM applications WHERE id = $1";
/// The office of an account.
pub(crate) const ACTOR_OFFICE: &str = "SELECT office FROM users WHERE id = $1";
/// Writes one event.
pub(crate) const INSERT: &str = "INSERT INTO case_events (application_id, seq, at, kind, \
     actor_role, actor_office, office, facts_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
/// A case's events in order.
pub(crate) const OF_CASE: &str = "SELECT application_id, seq, at, kind, actor_role, \
     actor_office, office, facts_json FROM case_events WHERE application_id = $1 ORDER BY seq";
/// The events of one kind in a period (the public performance figures).
pub(crate) const OF_KIND: &str = "SELECT at, kind, office, facts_json FROM case_events \
     WHERE kind = $1 AND at >= $2 AND at < $3 ORDER BY at, application_id, seq";

/// The status of `application` at `version`, read in the change's transaction before the
/// change (none when the version is stale: the change itself then fails).
pub(crate) async fn status_at(
    conn: &mut AnyConnection,
    application: &ApplicationId,
    version: i64,
) -> Result<Option<Status>, StoreError> {
    let text: Option<String> = sqlx::query_scalar(STATUS_AT)
        .bind(application.as_str())
        .bind(version)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    text.map(|t| from_column::<StoredStatus, Status>("status_json", &t))
        .transpose()
}

/// Writes `events` of `application` after its last one, with the role and the office of the
/// actor of `audit` (the change's own audit record) and the case's deciding office.
pub(crate) async fn insert_events(
    conn: &mut AnyConnection,
    application: &ApplicationId,
    events: &[CaseEvent],
    audit: &AuditRecord,
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let last: Option<i64> = sqlx::query_scalar(LAST_SEQ)
        .bind(application.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let office: Option<String> = sqlx::query_scalar(CASE_OFFICE)
        .bind(application.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let actor_office: Option<String> = match &audit.actor {
        Some(user) => sqlx::query_scalar(ACTOR_OFFICE)
            .bind(user.as_str())
            .fetch_optional(&mut *conn)
            .await
            .map_err(db)?
            .flatten(),
        None => None,
    };
    let role = audit.role.map(Role::code);
    let mut seq = last.unwrap_or(0);
    for event in events {
        seq += 1;
        insert_one(
            conn,
            application,
            seq,
            event,
            (role, actor_office.as_deref()),
            office.as_deref(),
        )
        .await?;
    }
    Ok(())
}

async fn insert_one(
    conn: &mut AnyConnection,
    application: &ApplicationId,
    seq: i64,
    event: &CaseEvent,
    (role, actor_office): (Option<&str>, Option<&str>),
    office: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(INSERT)
        .bind(application.as_str())
        .bind(seq)
        .bind(ts(event.at))
        .bind(kind_code(event.kind))
        .bind(role)
        .bind(actor_office)
        .bind(office)
        .bind(json::<StoredEventFacts, _>(&event.facts)?)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

fn event(row: &AnyRow) -> Result<CaseEvent, StoreError> {
    Ok(CaseEvent {
        at: time(row, "at")?,
        kind: code(row, "kind", kind_parse)?,
        facts: from_json::<StoredEventFacts, _>(row, "facts_json")?,
    })
}

fn recorded(row: &AnyRow) -> Result<RecordedEvent, StoreError> {
    Ok(RecordedEvent {
        application: parsed(row, "application_id", ApplicationId::parse)?,
        seq: int(row, "seq")?,
        event: event(row)?,
        actor_role: text_opt(row, "actor_role")?
            .map(|r| {
                Role::parse(&r).ok_or_else(|| {
                    crate::error::corrupt("actor_role", format!("unknown code `{r}`"))
                })
            })
            .transpose()?,
        actor_office: parsed_opt(row, "actor_office", OfficeCode::parse)?,
        office: parsed_opt(row, "office", OfficeCode::parse)?,
    })
}

#[async_trait]
impl CaseEventStore for SqlStore {
    async fn case_events(
        &self,
        application: &ApplicationId,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        let rows = sqlx::query(OF_CASE)
            .bind(application.as_str())
            .fetch_all(&self.read)
            .await
            .map_err(db)?;
        rows.iter().map(recorded).collect()
    }

    async fn office_events(
        &self,
        kinds: &[EventKind],
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<OfficeEvent>, StoreError> {
        let mut out = Vec::new();
        for kind in kinds {
            let rows = sqlx::query(OF_KIND)
                .bind(kind_code(*kind))
                .bind(ts(from))
                .bind(ts(to))
                .fetch_all(&self.read)
                .await
                .map_err(db)?;
            for row in &rows {
                out.push(OfficeEvent {
                    office: parsed_opt(row, "office", OfficeCode::parse)?,
                    event: event(row)?,
                });
            }
        }
        out.sort_by_key(|e| e.event.at);
        Ok(out)
    }
}

/// The audit actions that made up a case's timeline before its events were kept, and the kind
/// each stands for (`application.hearing` was both scheduling and moving the hearing: its
/// details say which). These are the names rows written before migration 0013 carry; they are
/// history and never change.
fn legacy_kind(action: &str, details: &serde_json::Value) -> Option<EventKind> {
    Some(match action {
        "application.create" => EventKind::Created,
        "application.submit" => EventKind::Submitted,
        "application.refuse-intake" => EventKind::RefusedToAccept,
        "application.accept" => EventKind::Accepted,
        "application.commission" => EventKind::Commission,
        "application.hearing" if details.get("rescheduled").is_some() => EventKind::HearingMoved,
        "application.hearing" => EventKind::HearingScheduled,
        "application.heard" => EventKind::Heard,
        "application.hearing-request" => EventKind::HearingRequested,
        "application.propose" => EventKind::Proposed,
        "application.decide" => EventKind::Decided,
        "application.withdraw" => EventKind::Withdrawn,
        "desk.issue-result" => EventKind::ResultIssued,
        "retention.dispose" => EventKind::FilesDisposed,
        _ => return None,
    })
}

/// Rebuilds the events of every case from its audit rows (run once, in migration 0013's
/// transaction, before anything writes events): the facts come from the case's status now
/// (its registration, its decision), the actor's role from the row and their office from
/// their account.
pub(crate) async fn backfill(conn: &mut AnyConnection) -> Result<(), StoreError> {
    let rows = sqlx::query(
        "SELECT a.application_id, a.at, a.action, a.role, a.details_json, u.office AS actor_office, \
         p.office, p.status_json FROM audit a JOIN applications p ON p.id = a.application_id \
         LEFT JOIN users u ON u.id = a.actor \
         WHERE a.action LIKE 'application.%' OR a.action IN ('desk.issue-result', 'retention.dispose') \
         ORDER BY a.application_id, a.at, a.seq",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?;
    let mut current: Option<(String, i64)> = None;
    for row in &rows {
        let details: serde_json::Value = from_json::<StoredAuditDetails, _>(row, "details_json")?;
        let Some(kind) = legacy_kind(&text(row, "action")?, &details) else {
            continue;
        };
        let id = text(row, "application_id")?;
        let seq = match &current {
            Some((last, seq)) if *last == id => seq + 1,
            _ => 1,
        };
        current = Some((id, seq));
        let application = parsed(row, "application_id", ApplicationId::parse)?;
        let status: Status = from_json::<StoredStatus, _>(row, "status_json")?;
        let event = CaseEvent::new(time(row, "at")?, kind, &status);
        let role = text_opt(row, "role")?;
        let actor_office = text_opt(row, "actor_office")?;
        insert_one(
            conn,
            &application,
            seq,
            &event,
            (role.as_deref(), actor_office.as_deref()),
            text_opt(row, "office")?.as_deref(),
        )
        .await?;
    }
    Ok(())
}
