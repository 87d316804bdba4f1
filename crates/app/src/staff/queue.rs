//! The office's work queue: open cases soonest deadline first, searched by number, IIN or name
//! and filtered by status, step, channel, overdue and "taken by me"; and taking a case (the
//! queue then shows who holds it).

use kandas_domain::audit::AuditAction;
use kandas_domain::codes::{ApplicationError, InputError};
use std::collections::HashMap;

use jiff::civil::Date;
use kandas_domain::application::form::FieldError;
use kandas_domain::application::next_step::{Step, next_step};
use kandas_domain::application::status::Status;
use kandas_domain::application::{Application, Channel};
use kandas_domain::deadline::{Urgency, almaty_date};
use kandas_domain::ids::{ApplicationId, UserId};
use kandas_domain::iin::Iin;
use serde_json::json;

use super::officials::official_names;
use super::{acting_case, officer};
use crate::actor::Actor;
use crate::error::AppError;
use crate::ports::store::{CaseAssignment, QueueFilter};
use crate::service::Service;

/// The status codes a queue may be filtered by.
pub const STATUSES: [&str; 10] = [
    "registered",
    "accepted",
    "under_review",
    "hearing",
    "draft",
    "assigned",
    "extended",
    "refused",
    "rejected_at_intake",
    "withdrawn",
];

/// What the queue is asked for: every filter optional (every open case of the office).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueQuery {
    /// Number, IIN or name (of the applicant or a family member), or part of one.
    pub search: Option<String>,
    /// A status code of [`STATUSES`].
    pub status: Option<String>,
    /// A step code (`completeness`, …, `sign-off`).
    pub step: Option<String>,
    /// A channel code (`portal`, `state_corporation`, …).
    pub channel: Option<String>,
    /// Only cases past their due date.
    pub overdue: bool,
    /// Only cases the reader has taken.
    pub mine: bool,
}

/// An official named as the population registry holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    /// The account.
    pub id: UserId,
    /// "Surname Given Patronymic", when the registry holds the official's IIN.
    pub name: Option<String>,
}

/// One case of the queue with its deadline judged today.
#[derive(Debug, Clone)]
pub struct QueueItem {
    /// The case.
    pub application: Application,
    /// Its due date and how pressing it is, once registered.
    pub due: Option<(Date, Urgency)>,
    /// What the office does next (none once it is closed).
    pub step: Option<Step>,
    /// The applicant's name in the population registry.
    pub applicant_name: Option<String>,
    /// Who has taken it.
    pub assignee: Option<Official>,
}

fn blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn choice(field: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: InputError::Choice.into(),
    }
}

/// The query's filters, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Filters {
    status: Option<String>,
    step: Option<Step>,
    channel: Option<Channel>,
}

/// The query's filters checked: each unknown value is an error naming its field.
fn checked(q: &QueueQuery) -> Result<Filters, AppError> {
    let mut errors = Vec::new();
    let status = blank(&q.status).map(str::to_owned);
    if status.as_deref().is_some_and(|s| !STATUSES.contains(&s)) {
        errors.push(choice("status"));
    }
    let step = blank(&q.step).map(Step::parse);
    if step.is_some_and(|s| s.is_none()) {
        errors.push(choice("step"));
    }
    let channel = blank(&q.channel).map(Channel::parse);
    if channel.is_some_and(|c| c.is_none()) {
        errors.push(choice("channel"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Filters {
        status,
        step: step.flatten(),
        channel: channel.flatten(),
    })
}

/// Lower case without spaces and hyphens, for matching numbers and IINs as typed.
fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `term` finds the case: part of its number or of an IIN (applicant or family member),
/// typed with or without spaces, or part of a name (Cyrillic or Latin, any letter case).
fn matches(term: &str, a: &Application, applicant_name: Option<&str>) -> bool {
    let digits = squeezed(term);
    let words = term.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = words.to_lowercase();
    if digits.is_empty() {
        return true;
    }
    if squeezed(a.number.as_str()).contains(&digits) {
        return true;
    }
    let iins =
        std::iter::once(&a.applicant).chain(a.form.members.iter().filter_map(|m| m.iin.as_ref()));
    if iins.map(Iin::as_str).any(|iin| iin.contains(&digits)) {
        return true;
    }
    let mut names: Vec<String> = applicant_name.into_iter().map(str::to_owned).collect();
    for m in &a.form.members {
        names.push(m.name.display());
        names.push(m.name_latin.display());
    }
    names.iter().any(|n| n.to_lowercase().contains(&words))
}

/// The office's cases as asked: open ones by default, soonest deadline first.
pub async fn queue(
    service: &Service,
    actor: &Actor,
    q: &QueueQuery,
) -> Result<Vec<QueueItem>, AppError> {
    let office = officer(service, actor).await?;
    let Filters {
        status,
        step,
        channel,
    } = checked(q)?;
    let today = almaty_date(service.now());
    let filter = QueueFilter {
        office: office.clone(),
        status,
        due_before: q.overdue.then_some(today),
        channel,
        assigned_to: q.mine.then(|| actor.user.clone()),
    };
    let cases = service.store.queue(&filter).await?;
    let ids: Vec<ApplicationId> = cases.iter().map(|a| a.id.clone()).collect();
    let held: HashMap<_, _> = service
        .store
        .case_assignments(&ids)
        .await?
        .into_iter()
        .map(|a| (a.application, a.user))
        .collect();
    let names = official_names(service, held.values()).await?;
    let search = blank(&q.search);
    let mut applicants: Vec<_> = cases.iter().map(|a| a.applicant.clone()).collect();
    applicants.sort();
    applicants.dedup();
    let people: HashMap<_, _> = service
        .registry
        .persons(&applicants)
        .await?
        .into_iter()
        .map(|p| (p.iin.clone(), p.name.display()))
        .collect();
    let mut items = Vec::new();
    for application in cases {
        let workflow = super::workflow_of(service, &application);
        let next = next_step(&application, workflow);
        if step.is_some() && next != step {
            continue;
        }
        let applicant_name = people.get(&application.applicant).cloned();
        if search.is_some_and(|term| !matches(term, &application, applicant_name.as_deref())) {
            continue;
        }
        let due = application.status.registration().map(|r| r.deadline.due);
        let assignee = held.get(&application.id).map(|id| Official {
            id: id.clone(),
            name: names.get(id).cloned(),
        });
        items.push(QueueItem {
            due: due.map(|d| (d, Urgency::of(d, today))),
            step: next,
            applicant_name,
            assignee,
            application,
        });
    }
    let shown = items.iter().map(|i| &i.application);
    crate::list_audit::audit_list(service, actor, AuditAction::StaffReadQueue, shown).await?;
    Ok(items)
}

/// Who holds a case of the actor's office (none until someone takes it).
pub async fn holder(
    service: &Service,
    application: &Application,
) -> Result<Option<Official>, AppError> {
    let Some(held) = service.store.case_assignment(&application.id).await? else {
        return Ok(None);
    };
    let names = official_names(service, [&held.user]).await?;
    Ok(Some(Official {
        name: names.get(&held.user).cloned(),
        id: held.user,
    }))
}

/// The actor takes an open case of their office (never their own or their family's): it is
/// theirs in the queue from now on, whoever held it before. Taking a case one holds already
/// changes nothing.
pub async fn take(
    service: &Service,
    actor: &Actor,
    id: &ApplicationId,
) -> Result<Official, AppError> {
    let application = acting_case(service, actor, id).await?;
    if !matches!(
        application.status,
        Status::Registered(_) | Status::InReview { .. }
    ) {
        return Err(AppError::Conflict(ApplicationError::WrongState.into()));
    }
    let previous = service.store.case_assignment(&application.id).await?;
    if previous.as_ref().is_none_or(|p| p.user != actor.user) {
        let mut audit = service.audit_by(actor, AuditAction::StaffTakeCase);
        audit.subject = Some(application.applicant.clone());
        audit.application = Some(application.id.clone());
        audit.details = json!({ "previous": previous.as_ref().map(|p| p.user.as_str()) });
        let assignment = CaseAssignment {
            application: application.id.clone(),
            user: actor.user.clone(),
            at: service.now(),
        };
        service.store.assign_case(&assignment, &audit).await?;
    }
    holder(service, &application)
        .await?
        .ok_or_else(|| AppError::internal("the case taken has no holder"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_filters_name_their_fields() {
        let q = QueueQuery {
            status: Some("lost".into()),
            step: Some("sign-off".into()),
            channel: Some("pigeon".into()),
            ..QueueQuery::default()
        };
        let Err(AppError::Invalid(errors)) = checked(&q) else {
            panic!("accepted");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["status", "channel"]);
        let blank = QueueQuery {
            status: Some(" ".into()),
            ..QueueQuery::default()
        };
        let none = Filters {
            status: None,
            step: None,
            channel: None,
        };
        assert_eq!(checked(&blank).unwrap(), none);
    }

    #[test]
    fn numbers_and_iins_match_with_spaces() {
        assert_eq!(squeezed("KND-2026 000 001"), "knd2026000001");
        assert_eq!(squeezed("9001 0130 0811"), "900101300811");
    }
}
