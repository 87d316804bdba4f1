//! The staff screens of the local executive body: the office queue with each case's step, and
//! (in `staff/`) the whole case on one page with exactly the next action of its review as a form.

mod case;
mod decide;
mod dossier;
pub mod file;
mod form;
mod hearing_form;
mod hearing_view;
mod posted;
mod review;
mod stage;
mod typed;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::staff::{self, QueueItem};
use kandas_domain::application::Application;
use kandas_domain::application::next_step::Step;
use serde::Deserialize;

pub use case::show as case;
pub use decide::{decide, sign_off};
pub use review::{commission, completeness, heard, hearing};

use super::layout::{CaseId, Posted, SignedCtx, Texts, see_other};
use crate::AppState;

/// One queue row.
pub struct QueueRow {
    /// Internal id.
    pub id: String,
    /// Number.
    pub number: String,
    /// IIN, masked.
    pub iin: String,
    /// The applicant's name in the population registry (empty when it has none).
    pub name: String,
    /// Kind code.
    pub kind: &'static str,
    /// Where it was made: channel code.
    pub channel: &'static str,
    /// Status code.
    pub status: &'static str,
    /// The review's next step code (`step-…`), empty when none is left.
    pub step: &'static str,
    /// Registered, written out.
    pub registered: String,
    /// Due, written out.
    pub due: String,
    /// `on_time`, `due_today` or `overdue` (open cases only).
    pub urgency: Option<&'static str>,
    /// Who has taken it ("you", a name), empty when nobody has.
    pub holder: String,
}

/// A choice of a filter: its code, its words, whether it is chosen.
pub type FilterChoice = (&'static str, String, bool);

/// The queue.
#[derive(Template)]
#[template(path = "staff/queue.html")]
pub struct QueuePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// Rows.
    pub rows: Vec<QueueRow>,
    /// The search as typed.
    pub search: String,
    /// The status filter's choices.
    pub statuses: Vec<FilterChoice>,
    /// The step filter's choices.
    pub steps: Vec<FilterChoice>,
    /// The channel filter's choices.
    pub channels: Vec<FilterChoice>,
    /// Only overdue cases.
    pub overdue: bool,
    /// Only the reader's cases.
    pub mine: bool,
    /// Some filter or the search is in use.
    pub filtered: bool,
    /// Error summary (a filter value the page does not offer).
    pub errors: Vec<super::layout::ErrorLine>,
}

impl QueuePage {
    /// The error message of `field`, if any.
    pub fn error_at(&self, field: &str) -> Option<String> {
        super::layout::field_error(&self.errors, field)
    }
}

fn queue_row(t: Texts, me: &kandas_domain::ids::UserId, item: &QueueItem) -> QueueRow {
    let a = &item.application;
    let reg = a.status.registration();
    let holder = stage::holder_words(t, me, item.assignee.as_ref());
    QueueRow {
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        iin: a.applicant.masked(),
        name: item.applicant_name.clone().unwrap_or_default(),
        kind: a.kind.code(),
        channel: a.channel.code(),
        status: a.status.code(),
        step: item.step.map_or("", Step::code),
        registered: reg.map(|r| t.when(&r.registered_at)).unwrap_or_default(),
        due: reg.map(|r| t.date(&r.deadline.due)).unwrap_or_default(),
        urgency: item
            .due
            .filter(|_| a.status.is_open())
            .map(|(_, u)| u.code()),
        holder,
    }
}

/// The queue's search and filters, as the GET form sends them.
#[derive(Deserialize, Default)]
pub struct QueueQuery {
    /// Number, IIN or name.
    #[serde(default)]
    q: String,
    /// A status code.
    #[serde(default)]
    status: String,
    /// A step code.
    #[serde(default)]
    step: String,
    /// A channel code.
    #[serde(default)]
    channel: String,
    /// Only overdue cases.
    #[serde(default, deserialize_with = "checkbox")]
    overdue: bool,
    /// Only the reader's cases.
    #[serde(default, deserialize_with = "checkbox")]
    mine: bool,
}

/// A checkbox's value: present (`on`, `true`, `1`) is ticked.
fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let raw = String::deserialize(d)?;
    Ok(matches!(raw.as_str(), "on" | "true" | "1"))
}

fn choices(
    t: Texts,
    codes: impl IntoIterator<Item = &'static str>,
    prefix: &str,
    chosen: &str,
) -> Vec<FilterChoice> {
    codes
        .into_iter()
        .map(|code| (code, t.pre(prefix, code), code == chosen))
        .collect()
}

const OPEN_STATUSES: [&str; 4] = ["registered", "accepted", "under_review", "hearing"];
const CHANNELS: [&str; 4] = [
    "portal",
    "state_corporation",
    "local_executive_body",
    "foreign_mission",
];

/// `GET /staff`: the office's open cases with their step and holder, soonest deadline first,
/// searched and filtered as the form asks (a GET form: works without JavaScript).
pub async fn queue(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(q): Query<QueueQuery>,
) -> Response {
    let t = ctx.t;
    let query = staff::QueueQuery {
        search: Some(q.q.clone()),
        status: Some(q.status.clone()),
        step: Some(q.step.clone()),
        channel: Some(q.channel.clone()),
        overdue: q.overdue,
        mine: q.mine,
    };
    let (rows, errors, status) = match staff::queue(&state.service, &ctx.actor, &query).await {
        Ok(list) => {
            let rows = list
                .iter()
                .map(|item| queue_row(t, &ctx.actor.user, item))
                .collect();
            (rows, Vec::new(), StatusCode::OK)
        }
        Err(e @ AppError::Invalid(_)) => (
            Vec::new(),
            super::layout::problem_lines(t, &e),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => return ctx.failure(&e),
    };
    let page = QueuePage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        rows,
        filtered: !q.q.trim().is_empty()
            || !q.status.is_empty()
            || !q.step.is_empty()
            || !q.channel.is_empty()
            || q.overdue
            || q.mine,
        search: q.q,
        statuses: choices(t, OPEN_STATUSES, "status-", &q.status),
        steps: choices(t, Step::ALL.into_iter().map(Step::code), "step-", &q.step),
        channels: choices(t, CHANNELS, "channel-", &q.channel),
        overdue: q.overdue,
        mine: q.mine,
        errors,
    };
    ctx.page(status, &page)
}

/// `POST /staff/applications/{id}/take`: the reader takes the case (audited); back to it.
pub async fn take(
    ctx: SignedCtx,
    State(state): State<AppState>,
    CaseId(id): CaseId,
    Posted(_): Posted<crate::pages::layout::Button>,
) -> Response {
    match staff::take(&state.service, &ctx.actor, &id).await {
        Ok(_) => see_other(&format!("/staff/applications/{id}")),
        Err(e) => ctx.failure(&e),
    }
}

/// `GET /staff/applications/{id}/protocol`: the commission's protocol of the case, as a PDF.
pub async fn protocol(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    match kandas_app::results::protocol_for_staff(&state.service, &ctx.actor, &id).await {
        Ok(pdf) => crate::pdf::inline(pdf),
        Err(e) => ctx.failure(&e),
    }
}

/// A region's name in the page's language (the code if unknown).
pub fn region_name(t: Texts, code: &str) -> String {
    kandas_domain::office::region(code)
        .map_or_else(|_| code.to_owned(), |r| r.name(t.lang).to_owned())
}

/// A country's name when there is a message for it, else its code.
pub fn country_name(t: Texts, code: &str) -> String {
    let id = format!("country-{code}");
    let name = t.get(&id);
    if name == id { code.to_owned() } else { name }
}

/// The answers of the form as label/value pairs.
pub fn facts(t: Texts, a: &Application) -> Vec<(String, String)> {
    let f = &a.form;
    let text = |v: Option<String>| v.unwrap_or_else(|| "—".to_owned());
    vec![
        (
            t.get("field-region"),
            text(f.region.as_ref().map(|r| region_name(t, r.as_str()))),
        ),
        (
            t.get("field-country"),
            text(
                f.country_of_origin
                    .as_ref()
                    .map(|c| country_name(t, c.as_str())),
            ),
        ),
        (
            t.get("field-education"),
            text(f.education.map(|e| t.pre("education-", e.code()))),
        ),
        (
            t.get("field-profession"),
            text(f.profession.as_ref().map(ToString::to_string)),
        ),
        (
            t.get("field-address"),
            text(f.address.as_ref().map(ToString::to_string)),
        ),
        (t.get("field-members"), f.members.len().to_string()),
    ]
}
