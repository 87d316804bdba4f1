//! The application form and the family members (add and remove re-save the whole form), filled
//! in by the applicant online or by a desk as the applicant dictates (`Entry`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_domain::application::Application;
use kandas_domain::application::form::{DocumentInput, FormInput};

use super::layout::{ErrorLine, Posted, SignedCtx, Texts, problem_lines, see_other};
use crate::AppState;

mod entry;
mod fields;
mod members;

pub use entry::Entry;
use fields::{Builder, DOC_NAMES, Field, main_fields, member_fields, values_of};
pub use members::{add_member, desk_add_member, desk_remove_member, remove_member};

/// The form page.
#[derive(Template)]
#[template(path = "application/form.html")]
pub struct FormPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The case page: the forms post under it.
    pub base: String,
    /// Filled in at a desk (the registry record is the applicant's, not the reader's).
    pub desk: bool,
    /// Number.
    pub number: String,
    /// Version the forms post back.
    pub version: i64,
    /// Name and birth date from the population registry.
    pub person: Option<(String, String)>,
    /// About-you fields.
    pub main_fields: Vec<Field>,
    /// The consent checkbox.
    pub consent: bool,
    /// Identity document fields.
    pub doc_fields: Vec<Field>,
    /// Members: id, name, kinship.
    pub members: Vec<(String, String, String)>,
    /// The add-a-member fields.
    pub member_fields: Vec<Field>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

pub(super) struct Shown<'a> {
    entry: Entry,
    main: &'a HashMap<String, String>,
    member: &'a HashMap<String, String>,
    consent: bool,
}

pub(super) async fn render(
    ctx: &SignedCtx,
    state: &AppState,
    a: &Application,
    shown: &Shown<'_>,
    error: Option<&AppError>,
) -> Response {
    let t = ctx.t;
    let person = shown
        .entry
        .person(&state.service, &ctx.actor, a)
        .await
        .map(|p| (p.name.display(), t.date(&p.birth_date)));
    let errors = error.map(|e| problem_lines(t, e)).unwrap_or_default();
    let (main, member) = (
        Builder {
            t,
            errors: &errors,
            values: shown.main,
        },
        Builder {
            t,
            errors: &errors,
            values: shown.member,
        },
    );
    let members = a
        .form
        .members
        .iter()
        .map(|m| {
            (
                m.id.to_string(),
                m.name.display(),
                t.pre("kinship-", m.kinship.code()),
            )
        })
        .collect();
    let page = FormPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        base: shown.entry.base(a.id.as_str()),
        desk: shown.entry == Entry::Desk,
        number: a.number.as_str().to_owned(),
        version: a.version,
        person,
        main_fields: main_fields(&main),
        consent: shown.consent,
        doc_fields: main.document("identity_document", &DOC_NAMES),
        members,
        member_fields: member_fields(&member),
        errors: errors.clone(),
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /applications/{id}/form`.
pub async fn show(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
) -> Response {
    show_for(Entry::Applicant, ctx, state, id).await
}

/// `GET /desk/applications/{id}/form`.
pub async fn desk_show(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
) -> Response {
    show_for(Entry::Desk, ctx, state, id).await
}

async fn show_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    match entry.application(&state.service, &ctx.actor, &id).await {
        Ok(a) => {
            let input = a.form.to_input();
            let shown = Shown {
                entry,
                main: &values_of(&input),
                member: &HashMap::new(),
                consent: input.consent_via_foreign_mission,
            };
            render(&ctx, &state, &a, &shown, None).await
        }
        Err(e) => ctx.failure(&e),
    }
}

pub(super) fn get(f: &HashMap<String, String>, k: &str) -> String {
    f.get(k).cloned().unwrap_or_default()
}

pub(super) fn document_input(f: &HashMap<String, String>) -> DocumentInput {
    DocumentInput {
        kind: get(f, "doc_kind"),
        number: get(f, "doc_number"),
        issued_by: get(f, "doc_issued_by"),
        expires_on: get(f, "doc_expires_on"),
    }
}

pub(super) fn version(f: &HashMap<String, String>) -> i64 {
    f.get("version").and_then(|v| v.parse().ok()).unwrap_or(-1)
}

/// Saves `input` and answers: 303 to `next`, or the form again with the errors (422).
pub(super) async fn save(
    ctx: &SignedCtx,
    state: &AppState,
    id: &str,
    input: &FormInput,
    shown: &Shown<'_>,
    v: i64,
    next: &str,
) -> Response {
    let (actor, entry) = (&ctx.actor, shown.entry);
    match entry.save(&state.service, actor, id, input, v).await {
        Ok(_) => see_other(next),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_))) => {
            match entry.application(&state.service, actor, id).await {
                Ok(current) => render(ctx, state, &current, shown, Some(&e)).await,
                Err(e) => ctx.failure(&e),
            }
        }
        Err(e) => ctx.failure(&e),
    }
}

pub(super) async fn current(
    entry: Entry,
    ctx: &SignedCtx,
    state: &AppState,
    id: &str,
) -> Result<FormInput, Response> {
    entry
        .input(&state.service, &ctx.actor, id)
        .await
        .map_err(|e| ctx.failure(&e))
}

/// Copies the answers (not the members) from the posted form.
fn take_answers(input: &mut FormInput, f: &HashMap<String, String>) {
    input.region = get(f, "region");
    input.country_of_origin = get(f, "country_of_origin");
    input.education = get(f, "education");
    input.profession = get(f, "profession");
    input.address = get(f, "address");
    input.identity_document = document_input(f);
    input.consent_via_foreign_mission = f.get("consent").is_some_and(|v| v == "on");
}

/// A posted form.
type Fields = Posted<HashMap<String, String>>;

/// `POST /applications/{id}/form`: saves the answers, keeps the members.
pub async fn submit(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
    f: Fields,
) -> Response {
    submit_for(Entry::Applicant, ctx, state, id, f).await
}

/// `POST /desk/applications/{id}/form`: the same, at the desk.
pub async fn desk_submit(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
    f: Fields,
) -> Response {
    submit_for(Entry::Desk, ctx, state, id, f).await
}

async fn submit_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Fields,
) -> Response {
    let mut input = match current(entry, &ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    take_answers(&mut input, &f);
    let empty = HashMap::new();
    let shown = Shown {
        entry,
        main: &f,
        member: &empty,
        consent: input.consent_via_foreign_mission,
    };
    let next = entry.base(&id);
    save(&ctx, &state, &id, &input, &shown, version(&f), &next).await
}
