//! Results at any State Corporation desk: the operator finds a decided case by number,
//! certificate number or the holder's IIN (the query is posted: IINs stay out of addresses),
//! opens the result stored when it was decided to print, and records the hand-over to the
//! holder with the identity document shown.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::desk::issue::{self as desk_issue, IssueInput};
use kandas_app::desk::results::{self, ResultCase};
use kandas_domain::application::Application;
use kandas_domain::application::status::Status;
use kandas_domain::codes::{DeskError, ErrorCode};

use super::case::IssueRow;
use crate::AppState;
use crate::pages::application::{ResultView, result_view};
use crate::pages::layout::{
    CaseId, ErrorLine, Posted, SignedCtx, Texts, field_error, problem_lines, see_other,
};

/// One case found.
pub struct Found {
    /// Internal id (for the link).
    pub id: String,
    /// The number.
    pub number: String,
    /// The holder's IIN, masked.
    pub holder: String,
    /// Kind code.
    pub kind: &'static str,
    /// Status code.
    pub status: &'static str,
    /// Channel code.
    pub channel: &'static str,
}

/// The search page, with what it found.
#[derive(Template)]
#[template(path = "desk/results.html")]
pub struct ResultsPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The query as typed.
    pub q: String,
    /// Searched (the list below answers it).
    pub searched: bool,
    /// The cases found.
    pub found: Vec<Found>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// The query's error.
    pub q_error: Option<String>,
}

/// One decided case to hand over.
#[derive(Template)]
#[template(path = "desk/result.html")]
pub struct ResultPage {
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
    /// Channel code.
    pub channel: &'static str,
    /// Where it was filed on paper, by name.
    pub filed_at: Option<String>,
    /// Filed at this desk.
    pub filed_here: bool,
    /// The holder's IIN, masked.
    pub holder: String,
    /// The result.
    pub result: Option<ResultView>,
    /// The result documents to print: the kind's code and its name (the first the main one).
    pub documents: Vec<(String, String)>,
    /// Past hand-overs.
    pub issues: Vec<IssueRow>,
    /// The issue form's values.
    pub issue: IssueInput,
    /// Where the issue form posts.
    pub issue_action: String,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// The recipient fields' error.
    pub recipient_error: Option<String>,
    /// The identity check's error.
    pub identity_error: Option<String>,
}

fn found(a: &Application) -> Found {
    Found {
        id: a.id.to_string(),
        number: a.number.to_string(),
        holder: a.applicant.masked(),
        kind: a.kind.code(),
        status: a.status.code(),
        channel: a.channel.code(),
    }
}

fn search_page(
    ctx: &SignedCtx,
    q: &str,
    answer: Option<Result<Vec<Application>, AppError>>,
) -> Response {
    let t = ctx.t;
    let (searched, list, error) = match answer {
        None => (false, Vec::new(), None),
        Some(Ok(list)) => (true, list, None),
        Some(Err(e)) => (false, Vec::new(), Some(e)),
    };
    let mut errors = error
        .as_ref()
        .map(|e| problem_lines(t, e))
        .unwrap_or_default();
    for line in &mut errors {
        line.href = "#q".into();
        line.field = "q".into();
    }
    let page = ResultsPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        q: q.to_owned(),
        searched,
        found: list.iter().map(found).collect(),
        q_error: field_error(&errors, "q"),
        errors,
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /desk/results`: the search form (State Corporation desks; anyone else gets 403).
pub async fn search_form(ctx: SignedCtx, State(state): State<AppState>) -> Response {
    match kandas_app::desk::desk(&state.service, &ctx.actor).await {
        Ok(desk) if desk.channel == kandas_domain::application::Channel::StateCorporation => {
            search_page(&ctx, "", None)
        }
        Ok(_) => ctx.failure(&AppError::Forbidden),
        Err(e) => ctx.failure(&e),
    }
}

/// The search: a number or an IIN.
#[derive(serde::Deserialize)]
pub struct SearchForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    q: String,
}

crate::pages::layout::csrf_form!(SearchForm);

/// `POST /desk/results`: the decided cases matching the number or IIN.
pub async fn search(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Posted(f): Posted<SearchForm>,
) -> Response {
    let q = f.q.trim();
    match results::find(&state.service, &ctx.actor, q).await {
        Ok(list) => search_page(&ctx, q, Some(Ok(list))),
        Err(e @ AppError::Invalid(_)) => search_page(&ctx, q, Some(Err(e))),
        Err(e) => ctx.failure(&e),
    }
}

fn blank() -> IssueInput {
    IssueInput {
        recipient_iin: String::new(),
        recipient_name: String::new(),
        identity_document: String::new(),
        identity_checked: false,
    }
}

fn result_page(
    ctx: &SignedCtx,
    case: &ResultCase,
    typed: Option<IssueInput>,
    error: Option<&AppError>,
) -> Response {
    let t = ctx.t;
    let a = &case.application;
    let outcome = match &a.status {
        Status::Decided { decision, .. } => Some(result_view(t, &decision.outcome)),
        _ => None,
    };
    let mut errors = error.map(|e| problem_lines(t, e)).unwrap_or_default();
    for line in &mut errors {
        let target = match error.map(AppError::error_code) {
            Some(ErrorCode::Desk(DeskError::Identity)) => "identity_checked",
            _ => "recipient_iin",
        };
        line.href = format!("#{target}");
        line.field = target.to_owned();
    }
    let page = ResultPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        id: a.id.to_string(),
        number: a.number.to_string(),
        kind: a.kind.code(),
        status: a.status.code(),
        channel: a.channel.code(),
        filed_at: a
            .intake_office
            .as_ref()
            .map(|o| kandas_i18n::office_name(t.lang, o)),
        filed_here: case.filed_here,
        holder: a.applicant.masked(),
        result: outcome,
        documents: case
            .documents
            .iter()
            .map(|d| {
                (
                    d.kind.code().to_owned(),
                    t.pre("result-doc-", d.kind.code()),
                )
            })
            .collect(),
        issues: case
            .issues
            .iter()
            .map(|i| IssueRow {
                when: t.when(&i.issued_at),
                recipient: i.recipient_iin.masked(),
                name: i.recipient_name.clone(),
                document: i.identity_document.clone(),
            })
            .collect(),
        issue: typed.unwrap_or_else(blank),
        issue_action: format!("/desk/results/{}/issue", a.id),
        recipient_error: field_error(&errors, "recipient_iin"),
        identity_error: field_error(&errors, "identity_checked"),
        errors,
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /desk/results/{id}`: the result to print and the hand-over form.
pub async fn show(ctx: SignedCtx, State(state): State<AppState>, CaseId(id): CaseId) -> Response {
    match results::case(&state.service, &ctx.actor, &id).await {
        Ok(case) => result_page(&ctx, &case, None, None),
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /desk/results/{id}/issue`: records the hand-over to the holder.
pub async fn issue(
    ctx: SignedCtx,
    State(state): State<AppState>,
    CaseId(id): CaseId,
    Posted(f): Posted<super::issue::IssueForm>,
) -> Response {
    let input = IssueInput::from(f);
    match desk_issue::issue(&state.service, &ctx.actor, &id, &input).await {
        Ok(_) => see_other(&format!("/desk/results/{id}#issues")),
        Err(e @ AppError::BadRequest(_)) => {
            match results::case(&state.service, &ctx.actor, &id).await {
                Ok(case) => result_page(&ctx, &case, Some(input), Some(&e)),
                Err(other) => ctx.failure(&other),
            }
        }
        Err(e) => ctx.failure(&e),
    }
}
