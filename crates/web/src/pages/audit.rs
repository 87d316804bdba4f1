//! The auditor's pages: the trail searched (a page of 100 rows, newest first, with the link to
//! the older ones), a case's whole trail, and the downloads of a search as CSV and of a period
//! as the verifiable bundle. The use cases audit each reading.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::auditor::{self, TrailQuery, TrailRow, cursor_text};
use kandas_domain::audit::AuditAction;
use kandas_domain::office::{OfficeCode, regions};

use super::case_id::CaseId;
use super::layout::{ErrorLine, SignedCtx, Texts, problem_lines};
use crate::AppState;
use crate::api::audit::TrailParams;

/// One row as the pages show it.
pub struct Line {
    /// When, written out.
    pub when: String,
    /// The chain position.
    pub position: String,
    /// The IIN of who acted.
    pub actor: String,
    /// The role and office, in the page's language.
    pub acting_as: String,
    /// The action's code.
    pub action: &'static str,
    /// What the action is, in the page's language, for reads of people's data.
    pub action_text: Option<String>,
    /// Why.
    pub purpose: String,
    /// The IIN of the person it is about.
    pub subject: String,
    /// The application's number.
    pub number: String,
    /// The auditor's page of the case's trail.
    pub case_href: Option<String>,
    /// The details as recorded (JSON).
    pub details: String,
}

fn line(t: Texts, r: &TrailRow) -> Line {
    let rec = &r.row.record;
    let role = rec.role.map(|role| t.pre("role-", role.code()));
    let office = r
        .office
        .as_ref()
        .map(|o| kandas_i18n::office_name(t.lang, o));
    Line {
        when: t.when(&rec.at),
        position: r.row.position.map(|p| p.to_string()).unwrap_or_default(),
        actor: rec
            .actor_iin
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        acting_as: role
            .into_iter()
            .chain(office)
            .collect::<Vec<_>>()
            .join(", "),
        action: rec.action.code(),
        action_text: rec
            .action
            .is_access()
            .then(|| t.get(&kandas_i18n::access_message(rec.action))),
        purpose: t.pre("audit-purpose-", rec.action.purpose().code()),
        subject: rec
            .subject
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        number: r.number.clone().unwrap_or_default(),
        case_href: rec
            .application
            .as_ref()
            .map(|id| format!("/audit/applications/{id}")),
        details: if rec.details.is_null() {
            String::new()
        } else {
            rec.details.to_string()
        },
    }
}

/// A choice of a select.
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// What is shown.
    pub label: String,
    /// Chosen now.
    pub selected: bool,
}

fn action_choices(chosen: &str) -> Vec<Choice> {
    AuditAction::ALL
        .iter()
        .map(|a| Choice {
            value: a.code().to_owned(),
            label: a.code().to_owned(),
            selected: a.code() == chosen,
        })
        .collect()
}

fn office_choices(t: Texts, chosen: &str) -> Vec<Choice> {
    let mut offices: Vec<OfficeCode> = Vec::new();
    for region in regions().unwrap_or_default() {
        offices.push(OfficeCode::local_executive_body(&region));
        offices.push(OfficeCode::state_corporation(&region));
    }
    offices
        .into_iter()
        .map(|o| Choice {
            label: kandas_i18n::office_name(t.lang, &o),
            selected: o.as_str() == chosen,
            value: o.to_string(),
        })
        .collect()
}

/// The search as typed, for the form and the links.
#[derive(Default)]
pub struct Typed {
    /// Subject IIN.
    pub subject: String,
    /// Actor IIN.
    pub actor: String,
    /// Application number.
    pub number: String,
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// The query string of the search (without the page), for the downloads and the next page.
    pub query: String,
}

/// `/audit`: the search.
#[derive(Template)]
#[template(path = "audit/search.html")]
pub struct SearchPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// What was typed.
    pub typed: Typed,
    /// The actions to choose from.
    pub actions: Vec<Choice>,
    /// The offices to choose from.
    pub offices: Vec<Choice>,
    /// The rows found.
    pub rows: Vec<Line>,
    /// The link to the older rows.
    pub older: Option<String>,
    /// Whether this is a later page.
    pub later_page: bool,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

/// `/audit/applications/{id}`: a case's trail.
#[derive(Template)]
#[template(path = "audit/case.html")]
pub struct CasePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The application's number.
    pub number: String,
    /// The rows.
    pub rows: Vec<Line>,
}

/// The query string of a search's filters (not its page), URL-encoded.
fn query_string(q: &TrailQuery) -> String {
    let pairs = [
        ("subject", &q.subject),
        ("actor", &q.actor),
        ("action", &q.action),
        ("office", &q.office),
        ("number", &q.number),
        ("from", &q.from),
        ("to", &q.to),
    ];
    let present: Vec<(&str, &str)> = pairs
        .into_iter()
        .filter_map(|(name, value)| {
            let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            Some((name, v))
        })
        .collect();
    serde_urlencoded::to_string(present).unwrap_or_default()
}

fn typed(q: &TrailQuery) -> Typed {
    let text = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_owned();
    Typed {
        subject: text(&q.subject),
        actor: text(&q.actor),
        number: text(&q.number),
        from: text(&q.from),
        to: text(&q.to),
        query: query_string(q),
    }
}

/// The search page for `q` with nothing found yet.
fn search_page(ctx: &SignedCtx, q: &TrailQuery, errors: Vec<ErrorLine>) -> SearchPage {
    SearchPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        typed: typed(q),
        actions: action_choices(q.action.as_deref().unwrap_or("")),
        offices: office_choices(ctx.t, q.office.as_deref().unwrap_or("")),
        rows: Vec::new(),
        older: None,
        later_page: q.before.is_some(),
        errors,
    }
}

/// A download's failure: its mistakes on the search page, anything else on its own page.
fn download_failed(ctx: &SignedCtx, q: &TrailQuery, e: &AppError) -> Response {
    match e {
        AppError::Invalid(_) | AppError::BadRequest(_) => {
            ctx.form_page(true, &search_page(ctx, q, problem_lines(ctx.t, e)))
        }
        _ => ctx.failure(e),
    }
}

/// `GET /audit?subject=&actor=&action=&office=&number=&from=&to=&before=`.
pub async fn search(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(p): Query<TrailParams>,
) -> Response {
    let q: TrailQuery = p.into();
    let t = ctx.t;
    let mut page = search_page(&ctx, &q, Vec::new());
    match auditor::search(&state.service, &ctx.actor, &q).await {
        Ok(found) => {
            page.rows = found.rows.iter().map(|r| line(t, r)).collect();
            page.older = found.older.map(|c| {
                let cursor =
                    serde_urlencoded::to_string([("before", cursor_text(&c))]).unwrap_or_default();
                let rest = &page.typed.query;
                let sep = if rest.is_empty() { "" } else { "&" };
                format!("/audit?{rest}{sep}{cursor}")
            });
        }
        Err(e @ AppError::Invalid(_)) => page.errors = problem_lines(t, &e),
        Err(e) => return ctx.failure(&e),
    }
    ctx.form_page(!page.errors.is_empty(), &page)
}

/// `GET /audit/records.csv?…`: the search's rows as CSV.
pub async fn csv(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(p): Query<TrailParams>,
) -> Response {
    let q: TrailQuery = p.into();
    match auditor::export_rows(&state.service, &ctx.actor, &q).await {
        Ok(rows) => crate::audit_files::csv(&rows),
        Err(e) => download_failed(&ctx, &q, &e),
    }
}

/// `GET /audit/bundle?from=&to=`: the period's verifiable bundle.
pub async fn bundle(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(p): Query<TrailParams>,
) -> Response {
    let q: TrailQuery = p.into();
    match auditor::export_bundle(&state.service, &ctx.actor, &q).await {
        Ok(b) => crate::audit_files::bundle(&b),
        Err(e) => download_failed(&ctx, &q, &e),
    }
}

/// `GET /audit/applications/{id}`: the case's whole trail.
pub async fn case(ctx: SignedCtx, State(state): State<AppState>, CaseId(id): CaseId) -> Response {
    match auditor::case_trail(&state.service, &ctx.actor, &id).await {
        Ok(trail) => ctx.page(
            StatusCode::OK,
            &CasePage {
                t: ctx.t,
                csrf: ctx.csrf.clone(),
                signed_in: true,
                number: trail.number,
                rows: trail.rows.iter().map(|r| line(ctx.t, r)).collect(),
            },
        ),
        Err(e) => ctx.failure(&e),
    }
}
