//! The desk's home: a State Corporation operator (or an officer at the local executive body's own
//! desk) finds a person by IIN in the registries, starts a paper application for them, and sees
//! the desk's lists. Who has a desk is the use cases' call; anyone else gets the 403 page.
//!
//! The IIN is posted, not put in the address: addresses end up in logs and browser history.

mod accept;
mod case;
mod custody;
mod issue;

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::applicant::profile::Profile;
use kandas_app::desk::{intake, issue::cases};
use kandas_app::ports::store::DeskList;
use kandas_domain::application::Application;

pub use accept::{accept, refuse, send_code, upload};
pub use case::show as case;
pub use custody::save as custody;
pub use issue::{issue, receipt, result};

use super::layout::{ErrorLine, Posted, SignedCtx, Texts, problem_lines, see_other};
use super::staff::country_name;
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

/// The person found in the registries.
pub struct Found {
    /// Full IIN (the start form posts it).
    pub iin: String,
    /// Name in Cyrillic.
    pub name: String,
    /// Label, value and where the value came from.
    pub facts: Vec<(String, String, String)>,
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
    /// The IIN typed into the search.
    pub iin: String,
    /// The person found.
    pub person: Option<Found>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// Drafts being taken in, results ready for issue, recent cases.
    pub lists: Vec<List>,
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

fn found(t: Texts, profile: &Profile) -> Option<Found> {
    let person = profile.person.as_ref()?;
    let from = |source: kandas_domain::person::Source| {
        t.arg("obtained-from", "source", &t.pre("source-", source.code()))
    };
    let registry = from(person.source);
    let p = &person.value;
    let mut facts = vec![
        (t.get("desk-name"), p.name.display(), registry.clone()),
        (
            t.get("desk-name-latin"),
            p.name_latin.display(),
            registry.clone(),
        ),
        (
            t.get("form-birth-date"),
            t.date(&p.birth_date),
            registry.clone(),
        ),
        (
            t.get("field-citizenship"),
            country_name(t, p.citizenship.as_str()),
            registry,
        ),
    ];
    facts.push(match &profile.phone_masked {
        Some(phone) => (t.get("desk-phone"), phone.value.clone(), from(phone.source)),
        None => (t.get("desk-phone"), t.get("desk-no-phone"), String::new()),
    });
    facts.push(match &profile.certificate {
        Some(c) => {
            let until = t.arg("valid-until", "date", &t.date(&c.value.valid_until));
            let value = format!("{} — {until}", c.value.number);
            (t.get("desk-certificate"), value, from(c.source))
        }
        None => (
            t.get("desk-certificate"),
            t.get("desk-no-certificate"),
            String::new(),
        ),
    });
    Some(Found {
        iin: profile.iin.as_str().to_owned(),
        name: p.name.display(),
        facts,
    })
}

/// The desk's lists, or the error that keeps them from the reader (no desk: 403).
async fn lists(ctx: &SignedCtx, state: &AppState) -> Result<Vec<List>, AppError> {
    let t = ctx.t;
    let mut lists = Vec::new();
    for (id, list) in [
        ("intake", DeskList::Intake),
        ("ready", DeskList::ReadyForIssue),
        ("recent", DeskList::All),
    ] {
        let found = cases(&state.service, &ctx.actor, list).await?;
        lists.push(List {
            id,
            title: t.pre("desk-list-", id),
            empty: t.pre("desk-list-empty-", id),
            rows: found.iter().map(|a| row(t, a)).collect(),
        });
    }
    Ok(lists)
}

/// Errors of the search and start forms point at the IIN.
fn search_lines(t: Texts, error: &AppError) -> Vec<ErrorLine> {
    let mut lines = match error {
        AppError::NotFound => vec![ErrorLine {
            href: String::new(),
            field: String::new(),
            message: t.get("desk-person-not-found"),
        }],
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
    person: Option<&Profile>,
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
        person: person.and_then(|p| found(t, p)),
        errors: error.map(|e| search_lines(t, e)).unwrap_or_default(),
        lists,
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /desk`.
pub async fn home(ctx: SignedCtx, State(state): State<AppState>) -> Response {
    home_page(&ctx, &state, "", None, None).await
}

fn value<'f>(f: &'f HashMap<String, String>, name: &str) -> &'f str {
    f.get(name).map_or("", |v| v.trim())
}

/// `POST /desk/persons`: the person with the posted IIN, as the registries know them.
pub async fn find(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let iin = value(&f, "iin");
    match intake::person(&state.service, &ctx.actor, iin).await {
        Ok(profile) => home_page(&ctx, &state, iin, Some(&profile), None).await,
        Err(e @ (AppError::BadRequest(_) | AppError::NotFound)) => {
            home_page(&ctx, &state, iin, None, Some(&e)).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /desk/applications`: starts a paper application for the person found.
pub async fn start(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let (iin, kind) = (value(&f, "iin"), value(&f, "kind"));
    match intake::create(&state.service, &ctx.actor, iin, kind).await {
        Ok(draft) => see_other(&format!("/desk/applications/{}", draft.id)),
        Err(e @ (AppError::BadRequest(_) | AppError::NotFound | AppError::Conflict(_))) => {
            let profile = intake::person(&state.service, &ctx.actor, iin).await.ok();
            home_page(&ctx, &state, iin, profile.as_ref(), Some(&e)).await
        }
        Err(e) => ctx.failure(&e),
    }
}
