//! The family step: the list of members, and each member on a page of its own to add or change.
//! Saving a member re-saves the whole form with that member added, changed or removed; the
//! answers of "about you" are read from the saved draft, never from the member's page, so a
//! member's page cannot touch them.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use kandas_app::AppError;
use kandas_domain::application::Application;
use kandas_domain::application::form::MemberInput;

use super::fields::{Builder, Field, member_fields};
use super::{Entry, StepQuery, back_to, member_of, step_text};
use crate::AppState;
use crate::pages::layout::{CaseId, ErrorLine, MemberKey, SignedCtx, Texts, problem_lines};

/// One member in the list.
pub struct MemberRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Relationship.
    pub kinship: String,
    /// Date of birth, written out.
    pub born: String,
}

/// The family step: who is in it, and the ways to add, change and remove.
#[derive(Template)]
#[template(path = "application/members.html")]
pub struct MembersPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The case page: the forms post under it.
    pub base: String,
    /// Number.
    pub number: String,
    /// Version the forms post back.
    pub version: i64,
    /// "Step 2 of 4".
    pub step: String,
    /// `review` when opened from "check your answers".
    pub back_to: String,
    /// The members.
    pub members: Vec<MemberRow>,
    /// Where "Continue" goes.
    pub next: String,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

/// One member's page: a new member, or one to change.
#[derive(Template)]
#[template(path = "application/member.html")]
pub struct MemberPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The case page.
    pub base: String,
    /// Number.
    pub number: String,
    /// Version the form posts back.
    pub version: i64,
    /// "Step 2 of 4".
    pub step: String,
    /// `review` when opened from "check your answers".
    pub back_to: String,
    /// The heading (and the fieldset's legend).
    pub title: String,
    /// Where the form posts.
    pub action: String,
    /// The fields.
    pub fields: Vec<Field>,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
}

pub(super) fn members_page(
    ctx: &SignedCtx,
    entry: Entry,
    a: &Application,
    back: String,
    error: Option<&AppError>,
) -> Response {
    let t = ctx.t;
    let id = &a.id;
    let page = MembersPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        base: entry.base(id),
        number: a.number.as_str().to_owned(),
        version: a.version,
        step: step_text(t, entry, 2),
        next: if back.is_empty() {
            entry.after_family(id)
        } else {
            entry.review(id)
        },
        back_to: back,
        members: a
            .form
            .members
            .iter()
            .map(|m| MemberRow {
                id: m.id.to_string(),
                name: m.name.display(),
                kinship: t.pre("kinship-", m.kinship.code()),
                born: t.date(&m.birth_date),
            })
            .collect(),
        errors: error.map(|e| problem_lines(t, e)).unwrap_or_default(),
    };
    ctx.form_page(error.is_some(), &page)
}

/// Which member a page is for: a new one, or the saved one with this id.
pub(super) enum Which {
    /// A member not saved yet.
    New,
    /// The saved member with this id.
    Saved(String),
}

/// What a member's page shows: for whom, which member, the values and where saving returns.
pub(super) struct MemberView<'a> {
    pub(super) entry: Entry,
    pub(super) which: Which,
    /// The member shown: as saved, or as typed.
    pub(super) member: &'a MemberInput,
    pub(super) back: String,
}

pub(super) fn member_page(
    ctx: &SignedCtx,
    a: &Application,
    view: &MemberView<'_>,
    error: Option<&AppError>,
) -> Response {
    let t = ctx.t;
    let base = view.entry.base(&a.id);
    let mut errors = error.map(|e| problem_lines(t, e)).unwrap_or_default();
    for line in &mut errors {
        if let Some(member) = member_of(a, &line.field) {
            line.href = format!("{base}/form/members/{member}");
        }
    }
    let (title, action) = match &view.which {
        Which::New => (t.get("members-add-title"), format!("{base}/members")),
        Which::Saved(member) => {
            let name = a
                .form
                .members
                .iter()
                .find(|m| m.id.as_str() == member)
                .map(|m| m.name.display())
                .unwrap_or_default();
            (
                t.arg("steps-member-change-title", "name", &name),
                format!("{base}/members/{member}"),
            )
        }
    };
    let builder = Builder { t, errors: &errors };
    let page = MemberPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        number: a.number.as_str().to_owned(),
        version: a.version,
        step: step_text(t, view.entry, 2),
        back_to: view.back.clone(),
        title,
        action,
        fields: member_fields(&builder, view.member),
        errors: errors.clone(),
        base,
    };
    ctx.form_page(error.is_some(), &page)
}

/// `GET /applications/{id}/form/members`.
pub async fn list(
    ctx: SignedCtx,
    state: State<AppState>,
    id: CaseId,
    q: Query<StepQuery>,
) -> Response {
    list_for(Entry::Applicant, ctx, state, id, q).await
}

/// `GET /desk/applications/{id}/form/members`.
pub async fn desk_list(
    ctx: SignedCtx,
    state: State<AppState>,
    id: CaseId,
    q: Query<StepQuery>,
) -> Response {
    list_for(Entry::Desk, ctx, state, id, q).await
}

async fn list_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    CaseId(id): CaseId,
    Query(q): Query<StepQuery>,
) -> Response {
    match entry.application(&state.service, &ctx.actor, &id).await {
        Ok(a) => members_page(&ctx, entry, &a, back_to(&q.back_to), None),
        Err(e) => ctx.failure(&e),
    }
}

/// `GET /applications/{id}/form/members/new`.
pub async fn new_member(
    ctx: SignedCtx,
    state: State<AppState>,
    id: CaseId,
    q: Query<StepQuery>,
) -> Response {
    new_for(Entry::Applicant, ctx, state, id, q).await
}

/// `GET /desk/applications/{id}/form/members/new`.
pub async fn desk_new_member(
    ctx: SignedCtx,
    state: State<AppState>,
    id: CaseId,
    q: Query<StepQuery>,
) -> Response {
    new_for(Entry::Desk, ctx, state, id, q).await
}

async fn new_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    CaseId(id): CaseId,
    Query(q): Query<StepQuery>,
) -> Response {
    match entry.application(&state.service, &ctx.actor, &id).await {
        Ok(a) => {
            let empty = MemberInput::default();
            let view = MemberView {
                entry,
                which: Which::New,
                member: &empty,
                back: back_to(&q.back_to),
            };
            member_page(&ctx, &a, &view, None)
        }
        Err(e) => ctx.failure(&e),
    }
}

/// The case and the member in the path (each checked: not an id is the not-found page).
pub(super) type MemberPath = (CaseId, MemberKey);

/// `GET /applications/{id}/form/members/{member}`: a saved member, to change.
pub async fn member_form(
    ctx: SignedCtx,
    state: State<AppState>,
    p: MemberPath,
    q: Query<StepQuery>,
) -> Response {
    member_form_for(Entry::Applicant, ctx, state, p, q).await
}

/// `GET /desk/applications/{id}/form/members/{member}`.
pub async fn desk_member_form(
    ctx: SignedCtx,
    state: State<AppState>,
    p: MemberPath,
    q: Query<StepQuery>,
) -> Response {
    member_form_for(Entry::Desk, ctx, state, p, q).await
}

async fn member_form_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    (CaseId(id), MemberKey(member)): MemberPath,
    Query(q): Query<StepQuery>,
) -> Response {
    // The form's members carry their ids as text.
    let member = member.to_string();
    let a = match entry.application(&state.service, &ctx.actor, &id).await {
        Ok(a) => a,
        Err(e) => return ctx.failure(&e),
    };
    let input = a.form.to_input();
    let Some(saved) = input.members.iter().find(|m| m.id == member) else {
        return ctx.failure(&AppError::NotFound);
    };
    let view = MemberView {
        entry,
        which: Which::Saved(member),
        member: saved,
        back: back_to(&q.back_to),
    };
    member_page(&ctx, &a, &view, None)
}
