//! The auditor's reading of the trail: a search by the person a row is about, the official who
//! acted, the action, the office and the period; a case's whole trail; a search's rows for a
//! CSV file; and the verifiable bundle of a period.
//!
//! **Reading the trail is itself audited.** The trail shows people's data (who was read, by
//! whom, about which case), so each answer writes its rows before it is given, like any other
//! read: one row per person the answer shows, naming the search, so that the person sees the
//! auditor in "Who accessed my data"; an answer that shows nobody writes one row with the search.

pub mod query;

use std::collections::{BTreeSet, HashMap};

use kandas_domain::audit::{AuditAction, AuditError};
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use kandas_domain::office::OfficeCode;
use serde_json::{Value, json};

pub use self::query::{TrailFilter, TrailQuery, cursor_text};
use self::query::{end_of, start_of};
use crate::actor::{Actor, Role};
use crate::audit_chain::bundle::Bundle;
use crate::audit_trail::{self, ExportedBy};
use crate::error::AppError;
use crate::ports::store::{AuditCursor, AuditQuery, AuditRecord, AuditRow};
use crate::service::Service;

/// Rows on one page of a search.
pub const PAGE: i64 = 100;

/// The most rows one CSV export or one case's trail holds.
pub const MOST_ROWS: i64 = 50_000;

/// A row of the trail as the auditor sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TrailRow {
    /// The row as stored.
    pub row: AuditRow,
    /// The office of the account that acted (its office now).
    pub office: Option<OfficeCode>,
    /// The number of the application the row is about.
    pub number: Option<String>,
}

/// One page of a search, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct TrailPage {
    /// The rows.
    pub rows: Vec<TrailRow>,
    /// Where the next (older) page starts, when there is one.
    pub older: Option<AuditCursor>,
}

/// A case's whole trail, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseTrail {
    /// The application's number.
    pub number: String,
    /// Its rows.
    pub rows: Vec<TrailRow>,
}

fn auditor(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Auditor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The store's query for a checked search, the case's number resolved to its id.
async fn store_query(
    service: &Service,
    f: &TrailFilter,
    limit: i64,
) -> Result<AuditQuery, AppError> {
    let application = match &f.number {
        Some(number) => match service.store.application_by_number(number).await? {
            Some(a) => Some(a.id),
            None => {
                return Err(AppError::Invalid(vec![
                    kandas_domain::application::form::FieldError {
                        field: "number".to_owned(),
                        code: AuditError::UnknownCase.into(),
                    },
                ]));
            }
        },
        None => None,
    };
    Ok(AuditQuery {
        subject: f.subject.clone(),
        application,
        actor: f.actor.clone(),
        action: f.action,
        office: f.office.clone(),
        since: f.from.map(start_of).transpose()?,
        until: f.to.map(end_of).transpose()?,
        before: f.before,
        limit,
    })
}

/// What a search asked, for the rows that record it.
fn asked(f: &TrailFilter) -> Value {
    let text = |v: Option<String>| v.map_or(Value::Null, Value::String);
    json!({
        "subject": text(f.subject.as_ref().map(|i| i.as_str().to_owned())),
        "actor": text(f.actor.as_ref().map(|i| i.as_str().to_owned())),
        "action": text(f.action.map(|a| a.code().to_owned())),
        "office": text(f.office.as_ref().map(ToString::to_string)),
        "number": text(f.number.as_ref().map(ToString::to_string)),
        "from": text(f.from.map(|d| d.to_string())),
        "to": text(f.to.map(|d| d.to_string())),
    })
}

/// The rows with the acting account's office and the case's number.
async fn described(service: &Service, rows: Vec<AuditRow>) -> Result<Vec<TrailRow>, AppError> {
    let mut offices = crate::accounts::Offices::default();
    let mut numbers: HashMap<ApplicationId, Option<String>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let office = offices.of(service, row.record.actor.as_ref()).await?;
        let recorded = row.record.details["number"].as_str().map(str::to_owned);
        let number = match (&row.record.application, recorded) {
            (_, Some(n)) => Some(n),
            (Some(id), None) => {
                if !numbers.contains_key(id) {
                    let found = service.store.application(id).await?;
                    numbers.insert(id.clone(), found.map(|a| a.number.to_string()));
                }
                numbers.get(id).cloned().flatten()
            }
            (None, None) => None,
        };
        out.push(TrailRow {
            row,
            office,
            number,
        });
    }
    Ok(out)
}

/// Writes the rows of the auditor's `action`: one per person the answer shows (as the subject
/// of a row), or one with no subject when it shows nobody; `details` say what was asked.
async fn audit_reading(
    service: &Service,
    actor: &Actor,
    action: AuditAction,
    application: Option<&ApplicationId>,
    rows: &[TrailRow],
    details: Value,
) -> Result<(), AppError> {
    let shown: BTreeSet<&Iin> = rows
        .iter()
        .filter_map(|r| r.row.record.subject.as_ref())
        .collect();
    let record = |subject: Option<&Iin>| AuditRecord {
        subject: subject.cloned(),
        application: application.cloned(),
        details: json!({ "asked": details, "rows": rows.len() }),
        ..service.audit_by(actor, action)
    };
    let records: Vec<AuditRecord> = if shown.is_empty() {
        vec![record(None)]
    } else {
        shown.into_iter().map(|iin| record(Some(iin))).collect()
    };
    Ok(service.store.audit_all(&records).await?)
}

/// One page of the search `q`, newest first.
pub async fn search(
    service: &Service,
    actor: &Actor,
    q: &TrailQuery,
) -> Result<TrailPage, AppError> {
    auditor(actor)?;
    let filter = q.checked()?;
    let mut rows = service
        .store
        .audit_rows(&store_query(service, &filter, PAGE + 1).await?)
        .await?;
    let older = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(AuditRow::cursor)
    } else {
        None
    };
    let rows = described(service, rows).await?;
    audit_reading(
        service,
        actor,
        AuditAction::AuditSearch,
        None,
        &rows,
        asked(&filter),
    )
    .await?;
    Ok(TrailPage { rows, older })
}

/// Every row of the search `q` (for a CSV file), newest first; more than [`MOST_ROWS`] is
/// refused.
pub async fn export_rows(
    service: &Service,
    actor: &Actor,
    q: &TrailQuery,
) -> Result<Vec<TrailRow>, AppError> {
    auditor(actor)?;
    let filter = TrailFilter {
        before: None,
        ..q.checked()?
    };
    let rows = service
        .store
        .audit_rows(&store_query(service, &filter, MOST_ROWS + 1).await?)
        .await?;
    if rows.len() as i64 > MOST_ROWS {
        return Err(AppError::BadRequest(AuditError::TooManyRows.into()));
    }
    let rows = described(service, rows).await?;
    let mut details = asked(&filter);
    details["format"] = json!("csv");
    audit_reading(
        service,
        actor,
        AuditAction::AuditExport,
        None,
        &rows,
        details,
    )
    .await?;
    Ok(rows)
}

/// The whole trail of the application `id`, newest first.
pub async fn case_trail(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<CaseTrail, AppError> {
    auditor(actor)?;
    let application = service
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let query = AuditQuery {
        application: Some(id.clone()),
        limit: MOST_ROWS,
        ..AuditQuery::default()
    };
    let rows = described(service, service.store.audit_rows(&query).await?).await?;
    let number = application.number.to_string();
    audit_reading(
        service,
        actor,
        AuditAction::AuditReadCase,
        Some(id),
        &rows,
        json!({ "number": number }),
    )
    .await?;
    Ok(CaseTrail { number, rows })
}

/// The verifiable bundle of the period of `q` (both its days are needed).
pub async fn export_bundle(
    service: &Service,
    actor: &Actor,
    q: &TrailQuery,
) -> Result<Bundle, AppError> {
    auditor(actor)?;
    let filter = q.checked()?;
    let (Some(from), Some(to)) = (filter.from, filter.to) else {
        return Err(AppError::Invalid(vec![
            kandas_domain::application::form::FieldError {
                field: if filter.from.is_none() { "from" } else { "to" }.to_owned(),
                code: AuditError::PeriodRequired.into(),
            },
        ]));
    };
    audit_trail::export(service, from, to, ExportedBy::Auditor(actor)).await
}
