//! The desk's home: a State Corporation operator (or an officer at the local executive body's own
//! desk) starts a paper application for a person by IIN — the registries are read for that case,
//! never browsed — and sees the desk's lists. Who has a desk is the use cases' call; anyone else
//! gets the 403 page.
//!
//! The IIN is posted, not put in the address: addresses end up in logs and browser history.

mod accept;
mod case;
mod custody;
mod issue;
mod results;

use kandas_domain::codes::{ApplicationError, ErrorCode};

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::desk::{intake, issue as desk_issue};
use kandas_app::ports::store::DeskList;
use kandas_domain::application::Application;

pub use accept::{accept, refuse, send_code, upload};
pub use case::show as case;
pub use custody::save as custody;
pub use issue::{issue, receipt, result};
pub use results::{issue as issue_copy, search, search_form, show as result_case};

use super::layout::{ErrorLine, Posted, SignedCtx, Texts, problem_lines, see_other};
use crate::AppState;

/// One case in a list.
pub struct Row {
    /// Internal id (for the link).
    pub id: String,
    /// The number.
    pub number: String,
    /// The applicant's IIN, masked.
    pub iin: String,
    /// Kind code.
    pub kind: &'static str,
    /// Status code.
    pub status: &'static str,
    /// Last change, written out.
    pub changed: String,
}

/// One of the desk's lists.
pub struct List {
    /// The heading's id.
    pub id: &'static str,
    /// The heading.
    pub title: String,
    /// What an empty list says.
    pub empty: String,
    /// The cases.
    pub rows: Vec<Row>,
}

/// The desk's home.
#[derive(Template)]
#[template(path = "desk/home.html")]
pub struct HomePage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The desk's office, by name.
    pub office: String,
    /// The IIN typed into the start form.
    pub iin: String,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// Drafts being taken in, results ready for issue, recent cases.
    pub lists: Vec<List>,
    /// A State Corporation desk: it issues results of any case (the search's link).
    pub results: bool,
}

fn row(t: Texts, a: &Application) -> Row {
    Row {
        id: a.id.to_string(),
        number: a.number.as_str().to_owned(),
        iin: a.applicant.masked(),
        kind: a.kind.code(),
        status: a.status.code(),
        changed: t.when(&a.updated_at),
    }
}

/// The desk's lists, or the error that keeps them from the reader (no desk: 403).
async fn lists(ctx: &SignedCtx, state: &AppState) -> Result<Vec<List>, AppError> {
    let t = ctx.t;
    let shown = [
        ("intake", DeskList::Intake),
        ("ready", DeskList::ReadyForIssue),
        ("recent", DeskList::All),
    ];
    let asked: Vec<DeskList> = shown.iter().map(|(_, list)| *list).collect();
    let found = desk_issue::lists(&state.service, &ctx.actor, &asked).await?;
    let mut lists = Vec::new();
    for ((id, _), found) in shown.into_iter().zip(found) {
        lists.push(List {
            id,
            title: t.pre("desk-list-", id),
            empty: t.pre("desk-list-empty-", id),
            rows: found.iter().map(|a| row(t, a)).collect(),
        });
    }
    Ok(lists)
}

/// Errors of the start form point at the IIN.
fn search_lines(t: Texts, error: &AppError) -> Vec<ErrorLine> {
    let mut lines = match error {
        AppError::NotFound
        | AppError::Conflict(ErrorCode::Application(ApplicationError::PersonNotInRegistry)) => {
            vec![ErrorLine {
                href: String::new(),
                field: String::new(),
                message: t.get("desk-person-not-found"),
            }]
        }
        other => problem_lines(t, other),
    };
    for line in &mut lines {
        line.href = "#iin".into();
        line.field = "iin".into();
    }
    lines
}

async fn home_page(
    ctx: &SignedCtx,
    state: &AppState,
    iin: &str,
    error: Option<&AppError>,
) -> Response {
    let t = ctx.t;
    let lists = match lists(ctx, state).await {
        Ok(lists) => lists,
        Err(e) => return ctx.failure(&e),
    };
    let office = ctx
        .actor
        .office
        .as_ref()
        .map(|o| kandas_i18n::office_name(t.lang, o))
        .unwrap_or_default();
    let page = HomePage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        office,
        iin: iin.to_owned(),
        errors: error.map(|e| search_lines(t, e)).unwrap_or_default(),
        lists,
        results: ctx
            .actor
            .office
            .as_ref()
            .map(kandas_domain::office::OfficeCode::kind)
            == Some(kandas_domain::office::OfficeKind::StateCorporation),
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /desk`.
pub async fn home(ctx: SignedCtx, State(state): State<AppState>) -> Response {
    home_page(&ctx, &state, "", None).await
}

/// The desk's start form: whose paper application, of which kind.
#[derive(serde::Deserialize)]
pub struct StartForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    iin: String,
    #[serde(default)]
    kind: String,
}

super::layout::csrf_form!(StartForm);

/// `POST /desk/applications`: starts a paper application for the person with the posted IIN.
pub async fn start(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Posted(f): Posted<StartForm>,
) -> Response {
    let (iin, kind) = (f.iin.trim(), f.kind.trim());
    let created = match (intake::iin(iin), kandas_app::applicant::draft::kind(kind)) {
        (Ok(iin), Ok(kind)) => intake::create(&state.service, &ctx.actor, &iin, kind).await,
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match created {
        Ok(draft) => see_other(&format!("/desk/applications/{}", draft.id)),
        Err(e @ (AppError::BadRequest(_) | AppError::NotFound | AppError::Conflict(_))) => {
            home_page(&ctx, &state, iin, Some(&e)).await
        }
        Err(e) => ctx.failure(&e),
    }
}
