//! The staff screens of the local executive body: the office queue with each case's step, and
//! (in `staff/`) the whole case on one page with exactly the next action of its review as a form.

mod case;
mod decide;
mod form;
mod hearing_view;
mod review;
mod stage;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::staff::{self, QueueItem};
use kandas_domain::application::Application;
use serde::Deserialize;

pub use case::show as case;
pub use decide::{decide, sign_off};
pub use review::{commission, completeness, heard, hearing};

use super::layout::{SignedCtx, Texts};
use crate::AppState;

/// One queue row.
pub struct QueueRow {
    /// Internal id.
    pub id: String,
    /// Number.
    pub number: String,
    /// IIN, masked.
    pub iin: String,
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
    /// `on_time`, `due_today` or `overdue`.
    pub urgency: Option<&'static str>,
}

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
}

fn queue_row(t: Texts, state: &AppState, item: &QueueItem) -> QueueRow {
    let a = &item.application;
    let reg = a.status.registration();
    QueueRow {
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        iin: a.applicant.masked(),
        kind: a.kind.code(),
        channel: a.channel.code(),
        status: a.status.code(),
        step: stage::step(a, stage::workflow(state, a)),
        registered: reg.map(|r| t.when(&r.registered_at)).unwrap_or_default(),
        due: reg.map(|r| t.date(&r.deadline.due)).unwrap_or_default(),
        urgency: item.due.map(|(_, u)| u.code()),
    }
}

/// The queue filter.
#[derive(Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    overdue: bool,
}

/// The office's open cases in every step, soonest deadline first.
async fn open_cases(
    ctx: &SignedCtx,
    state: &AppState,
    overdue: bool,
) -> Result<Vec<QueueItem>, AppError> {
    staff::queue(&state.service, &ctx.actor, None, overdue).await
}

/// `GET /staff`: the office's open cases with their step, soonest deadline first.
pub async fn queue(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(q): Query<QueueQuery>,
) -> Response {
    match open_cases(&ctx, &state, q.overdue).await {
        Ok(list) => {
            let rows = list
                .iter()
                .map(|item| queue_row(ctx.t, &state, item))
                .collect();
            let page = QueuePage {
                t: ctx.t,
                csrf: ctx.csrf.clone(),
                signed_in: true,
                rows,
            };
            ctx.page(StatusCode::OK, &page)
        }
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
