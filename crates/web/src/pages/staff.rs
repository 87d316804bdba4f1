//! The staff screens: the office queue and the whole case on one page with the decision form.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::applicant::view::ApplicationView;
use kandas_app::staff::{self, DecisionInput, QueueItem};
use kandas_domain::application::Application;
use serde::Deserialize;

use super::application::{self, ApplicationPage, ResultView};
use super::layout::{Ctx, ErrorLine, Posted, SignedCtx, Texts, problem_lines, see_other};
use super::signature::{self, SignaturePanel};
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

/// The case page.
#[derive(Template)]
#[template(path = "staff/case.html")]
pub struct CasePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The application part shared with the applicant's page.
    pub app: ApplicationPage,
    /// Internal id.
    pub id: String,
    /// Full IIN (staff see it).
    pub iin: String,
    /// The version the decision is made on.
    pub version: i64,
    /// Idempotency key of the decision.
    pub key: String,
    /// Form facts: label, value.
    pub facts: Vec<(String, String)>,
    /// Grounds for this kind: code, title, legal basis.
    pub grounds: Vec<(String, String, String)>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// How the application was signed, with the validation report.
    pub signature: Option<SignaturePanel>,
}

fn queue_row(t: Texts, item: &QueueItem) -> QueueRow {
    let a = &item.application;
    let reg = a.status.registration();
    QueueRow {
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        iin: a.applicant.masked(),
        kind: a.kind.code(),
        channel: a.channel.code(),
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

/// `GET /staff`.
pub async fn queue(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(q): Query<QueueQuery>,
) -> Response {
    let actor = &ctx.actor;
    match staff::queue(&state.service, actor, None, q.overdue).await {
        Ok(list) => {
            let rows = list.iter().map(|item| queue_row(ctx.t, item)).collect();
            ctx.page(
                StatusCode::OK,
                &QueuePage {
                    t: ctx.t,
                    csrf: ctx.csrf.clone(),
                    signed_in: true,
                    rows,
                },
            )
        }
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

/// Decision errors link to the part of the form they are about.
fn decision_lines(t: Texts, error: &AppError) -> Vec<ErrorLine> {
    let target = match error.code() {
        "decision.grounds" => "#grounds",
        "decision.no-explanation" => "#comment-text",
        "decision.outcome" | "decision.wrong-outcome" | "decision.cannot-extend" => "#outcome",
        _ => "#main",
    };
    let mut lines = problem_lines(t, error);
    lines
        .iter_mut()
        .filter(|l| l.field.is_empty())
        .for_each(|l| l.href = target.to_owned());
    lines
}

fn case_page(
    ctx: &Ctx,
    state: &AppState,
    v: &ApplicationView,
    error: Option<&AppError>,
) -> Response {
    let a = &v.application;
    let grounds = state
        .service
        .grounds
        .for_kind(a.kind)
        .map(|g| {
            (
                g.code.clone(),
                ctx.t.pre("ground-", &g.code),
                g.legal_basis.clone(),
            )
        })
        .collect();
    let page = CasePage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        app: application::page(ctx, v),
        id: a.id.to_string(),
        iin: a.applicant.as_str().to_owned(),
        version: a.version,
        key: kandas_app::secrets::new_id(),
        facts: facts(ctx.t, a),
        grounds,
        errors: error.map(|e| decision_lines(ctx.t, e)).unwrap_or_default(),
        signature: v.signature.as_ref().map(|s| signature::panel(ctx.t, s)),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    ctx.page(status, &page)
}

/// `GET /staff/applications/{id}`.
pub async fn case(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    let actor = &ctx.actor;
    match staff::case(&state.service, actor, &id).await {
        Ok(v) => case_page(&ctx, &state, &v, None),
        Err(e) => ctx.failure(&e),
    }
}

fn decision(form: &HashMap<String, String>) -> DecisionInput {
    DecisionInput {
        outcome: form.get("outcome").cloned().unwrap_or_default(),
        grounds: form
            .keys()
            .filter_map(|k| k.strip_prefix("ground-"))
            .map(str::to_owned)
            .collect(),
        comment: form.get("comment").cloned().unwrap_or_default(),
        version: form
            .get("version")
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1),
    }
}

/// `POST /staff/applications/{id}`: decides, then shows the case with its result.
pub async fn decide(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted(form): Posted<HashMap<String, String>>,
) -> Response {
    let actor = &ctx.actor;
    let key = form
        .get("idempotency_key")
        .filter(|k| !k.is_empty())
        .map(String::as_str);
    match staff::decide(&state.service, actor, &id, &decision(&form), key).await {
        Ok(_) => see_other(&format!("/staff/applications/{id}")),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_))) => {
            match staff::case(&state.service, actor, &id).await {
                Ok(v) => case_page(&ctx, &state, &v, Some(&e)),
                Err(e) => ctx.failure(&e),
            }
        }
        Err(e) => ctx.failure(&e),
    }
}
