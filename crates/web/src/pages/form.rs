//! The application form in steps, one thing per page: "about you" (the answers and the identity
//! document), the family (a list, and each member on a page of its own to add or change), then
//! the documents and "check your answers". Each step saves the draft when it is posted, so
//! nothing typed is lost moving between them; a step that fails validation shows what was typed
//! again and still keeps what was valid of it. The applicant fills it in online, or a desk as
//! the applicant dictates (`Entry`): the same pages under the desk's addresses.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use kandas_app::AppError;
use kandas_domain::application::Application;
use kandas_domain::application::form::{DocumentInput, FormInput};
use kandas_domain::ids::ApplicationId;
use serde::Deserialize;

use super::layout::{ErrorLine, Posted, SignedCtx, Texts, csrf_form, problem_lines, see_other};
use super::lines::{checkbox, no_version};
use crate::AppState;

mod entry;
mod fields;
mod member_saves;
mod members;

pub use entry::Entry;
use fields::{Builder, DOC_NAMES, Field, main_fields};
pub use member_saves::{
    add_member, change_member, desk_add_member, desk_change_member, desk_remove_member,
    remove_member,
};
pub use members::{desk_list, desk_member_form, desk_new_member, list, member_form, new_member};

/// How many steps the applicant goes through: about you, the family, documents, check.
pub const STEPS: u32 = 4;
/// The desk's: about the applicant, the family (the scans and the check are on its case page).
pub const DESK_STEPS: u32 = 2;

/// The "about you" step.
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
    /// "Step 1 of 4".
    pub step: String,
    /// `review` when the step was opened from "check your answers" (it goes back there).
    pub back_to: String,
    /// Name and birth date from the population registry.
    pub person: Option<(String, String)>,
    /// About-you fields.
    pub main_fields: Vec<Field>,
    /// The consent checkbox.
    pub consent: bool,
    /// Identity document fields.
    pub doc_fields: Vec<Field>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

/// Where a step was opened from: `?return=review` sends its save back to "check your answers".
#[derive(Debug, Default, Deserialize)]
pub struct StepQuery {
    /// `review`, or nothing.
    #[serde(default, rename = "return")]
    pub back_to: String,
}

/// The only place a step goes back to other than the next step.
pub(super) fn back_to(raw: &str) -> String {
    if raw == "review" {
        "review".to_owned()
    } else {
        String::new()
    }
}

/// The posted "about you" step.
#[derive(Deserialize)]
pub struct AnswersForm {
    #[serde(default)]
    csrf: String,
    #[serde(default = "no_version")]
    version: i64,
    #[serde(default)]
    region: String,
    #[serde(default)]
    country_of_origin: String,
    #[serde(default)]
    education: String,
    #[serde(default)]
    profession: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    doc_kind: String,
    #[serde(default)]
    doc_number: String,
    #[serde(default)]
    doc_issued_by: String,
    #[serde(default)]
    doc_expires_on: String,
    #[serde(default, deserialize_with = "checkbox")]
    consent: bool,
    #[serde(default, rename = "return")]
    back_to: String,
}

csrf_form!(AnswersForm);

impl AnswersForm {
    /// Copies the answers (not the members) into the form being saved.
    fn apply(self, input: &mut FormInput) {
        input.region = self.region;
        input.country_of_origin = self.country_of_origin;
        input.education = self.education;
        input.profession = self.profession;
        input.address = self.address;
        input.identity_document = DocumentInput {
            kind: self.doc_kind,
            number: self.doc_number,
            issued_by: self.doc_issued_by,
            expires_on: self.doc_expires_on,
        };
        input.consent_via_foreign_mission = self.consent;
    }
}

pub(super) struct Shown<'a> {
    entry: Entry,
    /// The answers shown: as saved, or as typed.
    main: &'a FormInput,
    back_to: String,
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
    let base = shown.entry.base(&a.id);
    let mut errors = error.map(|e| problem_lines(t, e)).unwrap_or_default();
    // A saved member that no longer passes (a rule came in since) is fixed on its own page.
    for line in &mut errors {
        if let Some(member) = member_of(a, &line.field) {
            line.href = format!("{base}/form/members/{member}");
        }
    }
    let main = Builder { t, errors: &errors };
    let page = FormPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        desk: shown.entry == Entry::Desk,
        number: a.number.as_str().to_owned(),
        version: a.version,
        step: step_text(t, shown.entry, 1),
        back_to: shown.back_to.clone(),
        person,
        main_fields: main_fields(&main, shown.main),
        consent: shown.main.consent_via_foreign_mission,
        doc_fields: main.document(
            "identity_document",
            &DOC_NAMES,
            &shown.main.identity_document,
        ),
        errors: errors.clone(),
        base,
    };
    ctx.form_page(error.is_some(), &page)
}

/// "Step 2 of 4" (of 2 at the desk).
pub(super) fn step_text(t: Texts, entry: Entry, n: u32) -> String {
    let total = match entry {
        Entry::Applicant => STEPS,
        Entry::Desk => DESK_STEPS,
    };
    kandas_i18n::text_with(
        t.lang,
        "steps-step-of",
        &[("number", n.to_string()), ("total", total.to_string())],
    )
}

/// The member a field path (`members[1].birth_date`) is about.
fn member_of(a: &Application, field: &str) -> Option<String> {
    let rest = field.strip_prefix("members[")?;
    let n: usize = rest.split(']').next()?.parse().ok()?;
    a.form.members.get(n).map(|m| m.id.to_string())
}

/// `GET /applications/{id}/form`.
pub async fn show(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
    q: Query<StepQuery>,
) -> Response {
    show_for(Entry::Applicant, ctx, state, id, q).await
}

/// `GET /desk/applications/{id}/form`.
pub async fn desk_show(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
    q: Query<StepQuery>,
) -> Response {
    show_for(Entry::Desk, ctx, state, id, q).await
}

async fn show_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Query(q): Query<StepQuery>,
) -> Response {
    match entry.application(&state.service, &ctx.actor, &id).await {
        Ok(a) => {
            let input = a.form.to_input();
            let shown = Shown {
                entry,
                main: &input,
                back_to: back_to(&q.back_to),
            };
            render(&ctx, &state, &a, &shown, None).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// Errors a step shows on its own page (anything else is the error page).
pub(super) fn shown_on_page(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_)
    )
}

pub(super) async fn current(
    entry: Entry,
    ctx: &SignedCtx,
    state: &AppState,
    id: &ApplicationId,
) -> Result<FormInput, Response> {
    entry
        .input(&state.service, &ctx.actor, id)
        .await
        .map_err(|e| ctx.failure(&e))
}

/// `POST /applications/{id}/form`: saves the answers, keeps the members.
pub async fn submit(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
    f: Posted<AnswersForm>,
) -> Response {
    submit_for(Entry::Applicant, ctx, state, id, f).await
}

/// `POST /desk/applications/{id}/form`: the same, at the desk.
pub async fn desk_submit(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
    f: Posted<AnswersForm>,
) -> Response {
    submit_for(Entry::Desk, ctx, state, id, f).await
}

async fn submit_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<AnswersForm>,
) -> Response {
    let actor = &ctx.actor;
    let mut input = match current(entry, &ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let (back, version) = (back_to(&f.back_to), f.version);
    f.apply(&mut input);
    let next = if back.is_empty() {
        format!("{}/form/members", entry.base(&id))
    } else {
        entry.review(&id)
    };
    let error = match entry
        .save(&state.service, actor, &id, &input, version)
        .await
    {
        Ok(_) => return see_other(&next),
        Err(e) if shown_on_page(&e) => e,
        Err(e) => return ctx.failure(&e),
    };
    // What was valid is kept (the refused answers are shown again as typed, not saved).
    if let AppError::Invalid(fields) = &error {
        let kept = input.keeping_valid(fields);
        if kept != input {
            // A save that fails too (another window saved first) keeps nothing more.
            let _ = entry.save(&state.service, actor, &id, &kept, version).await;
        }
    }
    match entry.application(&state.service, actor, &id).await {
        Ok(current) => {
            let shown = Shown {
                entry,
                main: &input,
                back_to: back,
            };
            render(&ctx, &state, &current, &shown, Some(&error)).await
        }
        Err(e) => ctx.failure(&e),
    }
}
