//! One application: deadline, result (who was refused and how to appeal, the result documents,
//! the refusal to accept), documents checklist and the timeline.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::applicant::view::{self, ApplicationView};
use kandas_domain::application::document::{ChecklistItem, Provision};
use kandas_domain::application::status::Outcome;

use crate::api::outcome::DocumentQuery;

use super::layout::{Ctx, SignedCtx, Texts};
use super::outcome::{OutcomePage, outcome};
use crate::AppState;

/// The result, ready to show.
pub enum ResultView {
    /// Certificate number and valid-until, written out.
    Assigned(String, String),
    /// Valid-until, written out.
    Extended(String),
    /// Grounds (title, legal basis) and the comment.
    Refused(Vec<(String, String)>, String),
}

/// The application page.
#[derive(Template)]
#[template(path = "application/show.html")]
pub struct ApplicationPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// Internal id.
    pub id: String,
    /// The number.
    pub number: String,
    /// Kind code.
    pub kind: &'static str,
    /// Status code.
    pub status: &'static str,
    /// Due date written out, whether it is on time, and whether its calendar is confirmed.
    pub deadline: Option<(String, bool, bool)>,
    /// The case waits for a decision: how pressing the deadline is matters (not once decided,
    /// refused to accept or withdrawn).
    pub open: bool,
    /// The result.
    pub result: Option<ResultView>,
    /// A commission has sat: its protocol can be downloaded.
    /// The hearing not held yet: when, where, and whether a move was asked for.
    pub hearing: Option<(String, String, bool)>,
    /// Whose refusal the hearing is about, with the grounds: one line per person.
    pub hearing_planned: Vec<String>,
    /// Each step's term: its name, due by, and the day it was done.
    pub steps: Vec<(String, String, Option<String>)>,
    pub protocol: bool,
    /// Checklist lines: title, "obtained from" note, satisfied.
    pub checklist: Vec<(String, String, bool)>,
    /// Timeline: when, what.
    pub timeline: Vec<(String, String)>,
    /// Who was refused and how to appeal, the refusal to accept, the result documents.
    pub outcome: OutcomePage,
    /// The applicant may still withdraw it (before the decision).
    pub withdrawable: bool,
}

/// The result of a decided application.
pub fn result_view(t: Texts, outcome: &Outcome) -> ResultView {
    match outcome {
        Outcome::Assigned {
            certificate,
            valid_until,
            ..
        } => ResultView::Assigned(certificate.to_string(), t.date(valid_until)),
        Outcome::Extended { valid_until } => ResultView::Extended(t.date(valid_until)),
        Outcome::Refused { grounds, comment } => ResultView::Refused(
            grounds
                .iter()
                .map(|g| (t.pre("ground-", &g.code), t.pre("ground-basis-", &g.code)))
                .collect(),
            comment.clone(),
        ),
    }
}

/// One checklist line.
pub fn checklist_line(t: Texts, item: &ChecklistItem) -> (String, String, bool) {
    let title = t.pre("doc-", item.document.code());
    let source = match item.provision {
        Provision::Registry(source) => {
            t.arg("obtained-from", "source", &t.pre("source-", source.code()))
        }
        Provision::Upload => String::new(),
    };
    (title, source, item.satisfied)
}

/// Builds the page from the view.
pub fn page(ctx: &Ctx, v: &ApplicationView) -> ApplicationPage {
    let t = ctx.t;
    let a = &v.application;
    ApplicationPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        kind: a.kind.code(),
        status: a.status.code(),
        deadline: v
            .deadline
            .as_ref()
            .map(|d| (t.date(&d.due), d.on_time, d.calendar_confirmed)),
        open: a.status.is_open(),
        result: v.result.as_ref().map(|o| result_view(t, o)),
        protocol: a.status.review().is_some_and(|r| r.commission.is_some()),
        steps: v
            .deadline
            .as_ref()
            .map(|d| {
                d.steps
                    .iter()
                    .map(|s| {
                        let name = ctx.t.pre("step-", s.step);
                        (name, ctx.t.date(&s.due), s.done_on.map(|d| ctx.t.date(&d)))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        hearing: match &a.status {
            kandas_domain::application::Status::InReview { review, .. } => review
                .hearing
                .as_ref()
                .filter(|h| h.record.is_none())
                .map(|h| (ctx.t.when(&h.at), h.place.clone(), !h.requests.is_empty())),
            _ => None,
        },
        hearing_planned: planned_lines(t, a),
        checklist: v.checklist.iter().map(|c| checklist_line(t, c)).collect(),
        timeline: v
            .timeline
            .iter()
            .map(|e| (t.when(&e.at), t.pre("action-", &e.action)))
            .collect(),
        outcome: outcome(t, v),
        withdrawable: kandas_app::applicant::withdraw::withdrawable(v),
    }
}

/// The refusals a pending hearing announced: "whose: ground (basis); …".
fn planned_lines(t: Texts, a: &kandas_domain::application::Application) -> Vec<String> {
    let Some(h) = a.status.review().and_then(|r| r.hearing.as_ref()) else {
        return Vec::new();
    };
    if h.record.is_some() {
        return Vec::new();
    }
    h.planned
        .iter()
        .map(|p| {
            let member = p.member.as_ref();
            let who = member
                .and_then(|id| a.form.members.iter().find(|m| &m.id == id))
                .map_or_else(|| t.get("hearing-plan-you"), |m| m.name.display());
            let grounds: Vec<String> = p
                .grounds
                .iter()
                .map(|g| {
                    format!(
                        "{} ({})",
                        t.pre("ground-", &g.code),
                        t.pre("ground-basis-", &g.code)
                    )
                })
                .collect();
            format!("{who}: {}", grounds.join("; "))
        })
        .collect()
}

/// `GET /applications/{id}/result?document=…`: a result document (certificate or decision) of
/// the person's own decided application, as stored when it was decided.
pub async fn result(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Query(q): Query<DocumentQuery>,
) -> Response {
    let document = q.document.as_deref();
    match kandas_app::results::own_result(&state.service, &ctx.actor, &id, document).await {
        Ok(pdf) => crate::pdf::inline(pdf),
        Err(e) => ctx.failure(&e),
    }
}

/// `GET /applications/{id}/receipt`: the receipt of refusal to accept of the person's own
/// application.
pub async fn receipt(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    match kandas_app::applicant::receipt::own_receipt(&state.service, &ctx.actor, &id).await {
        Ok(pdf) => crate::pdf::inline(pdf),
        Err(e) => ctx.failure(&e),
    }
}

/// `GET /applications/{id}/protocol`: the commission's protocol of the person's own application.
pub async fn protocol(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    match kandas_app::results::own_protocol(&state.service, &ctx.actor, &id).await {
        Ok(pdf) => crate::pdf::inline(pdf),
        Err(e) => ctx.failure(&e),
    }
}

/// `GET /applications/{id}`.
pub async fn show(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    let actor = &ctx.actor;
    match view::view(&state.service, actor, &id).await {
        Ok(v) => ctx.page(StatusCode::OK, &page(&ctx, &v)),
        Err(e) => ctx.failure(&e),
    }
}

/// The applicant's request to move the hearing.
#[derive(serde::Deserialize)]
pub struct RescheduleForm {
    #[serde(default)]
    csrf: String,
    /// Why.
    #[serde(default)]
    reason: String,
}

super::layout::csrf_form!(RescheduleForm);

/// `POST /applications/{id}/hearing/reschedule`: the applicant asks to move the hearing.
pub async fn ask_to_reschedule(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    super::layout::Posted(f): super::layout::Posted<RescheduleForm>,
) -> Response {
    let reason = &f.reason;
    match kandas_app::applicant::hearing::ask_to_reschedule(&state.service, &ctx.actor, &id, reason)
        .await
    {
        Ok(_) => super::layout::see_other(&format!("/applications/{id}")),
        Err(e) => ctx.failure(&e),
    }
}
