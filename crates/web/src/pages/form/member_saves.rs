//! Saving the family step: the posted member forms, and a member added, changed or removed
//! re-saving the whole form with the "about you" answers as saved (never as posted), so a
//! member's page cannot touch them.

use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_domain::application::form::{DocumentInput, FieldError, FormInput, MemberInput};
use kandas_domain::ids::ApplicationId;

use super::members::{MemberPath, MemberView, Which, member_page, members_page};
use super::{Entry, back_to, current, shown_on_page};
use crate::AppState;
use crate::pages::layout::{CaseId, MemberKey, Posted, SignedCtx, csrf_form, see_other};
use crate::pages::lines::no_version;
use serde::Deserialize;

/// Field errors of the member on the page (`members[n].x`) become `new.x` so they point at its
/// fields; another member's (a rule that came in since they were saved) links to their page.
pub(super) fn as_new_member(error: AppError, n: usize) -> AppError {
    let prefix = format!("members[{n}].");
    let rename = |e: FieldError| FieldError {
        field: e
            .field
            .strip_prefix(&prefix)
            .map_or(e.field.clone(), |s| format!("new.{s}")),
        code: e.code,
    };
    match error {
        AppError::Invalid(fields) => AppError::Invalid(fields.into_iter().map(rename).collect()),
        other => other,
    }
}

/// A member's posted page.
#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    csrf: String,
    #[serde(default = "no_version")]
    pub(super) version: i64,
    #[serde(default)]
    kinship: String,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    given_name: String,
    #[serde(default)]
    patronymic: String,
    #[serde(default)]
    surname_latin: String,
    #[serde(default)]
    given_name_latin: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    citizenship: String,
    #[serde(default)]
    iin: String,
    #[serde(default)]
    doc_kind: String,
    #[serde(default)]
    doc_number: String,
    #[serde(default)]
    doc_issued_by: String,
    #[serde(default)]
    doc_expires_on: String,
    #[serde(default, rename = "return")]
    pub(super) back_to: String,
}

/// The remove button's form: the version and where it was opened from.
#[derive(Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default = "no_version")]
    pub(super) version: i64,
    #[serde(default, rename = "return")]
    pub(super) back_to: String,
}

csrf_form!(MemberForm, RemoveForm);

impl MemberForm {
    /// The member as posted; `id` empty for a new one.
    pub(super) fn member(self, id: String) -> MemberInput {
        MemberInput {
            id,
            kinship: self.kinship,
            surname: self.surname,
            given_name: self.given_name,
            patronymic: self.patronymic,
            surname_latin: self.surname_latin,
            given_name_latin: self.given_name_latin,
            birth_date: self.birth_date,
            citizenship: self.citizenship,
            iin: self.iin,
            document: DocumentInput {
                kind: self.doc_kind,
                number: self.doc_number,
                issued_by: self.doc_issued_by,
                expires_on: self.doc_expires_on,
            },
        }
    }
}

/// Where a member's save goes: the list, or back to "check your answers".
pub(super) fn after_save(entry: Entry, id: &ApplicationId, back: &str) -> String {
    if back.is_empty() {
        format!("{}/form/members", entry.base(id))
    } else {
        entry.review(id)
    }
}

/// Saves the form with the member at `n` as posted; a refusal shows the member's page again
/// with what was typed (nothing of it saved).
async fn save_member(
    ctx: &SignedCtx,
    state: &AppState,
    id: &ApplicationId,
    view: MemberView<'_>,
    (input, version): (FormInput, i64),
    n: usize,
) -> Response {
    let (actor, entry) = (&ctx.actor, view.entry);
    let next = after_save(entry, id, &view.back);
    let error = match entry.save(&state.service, actor, id, &input, version).await {
        Ok(_) => return see_other(&next),
        Err(e) if shown_on_page(&e) => as_new_member(e, n),
        Err(e) => return ctx.failure(&e),
    };
    match entry.application(&state.service, actor, id).await {
        Ok(a) => member_page(ctx, &a, &view, Some(&error)),
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /applications/{id}/members`: adds a family member.
pub async fn add_member(
    ctx: SignedCtx,
    state: State<AppState>,
    id: CaseId,
    f: Posted<MemberForm>,
) -> Response {
    add_for(Entry::Applicant, ctx, state, id, f).await
}

/// `POST /desk/applications/{id}/members`: the same, at the desk.
pub async fn desk_add_member(
    ctx: SignedCtx,
    state: State<AppState>,
    id: CaseId,
    f: Posted<MemberForm>,
) -> Response {
    add_for(Entry::Desk, ctx, state, id, f).await
}

async fn add_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    CaseId(id): CaseId,
    Posted(f): Posted<MemberForm>,
) -> Response {
    let mut input = match current(entry, &ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let (n, version, back) = (input.members.len(), f.version, back_to(&f.back_to));
    let member = f.member(String::new());
    input.members.push(member.clone());
    let view = MemberView {
        entry,
        which: Which::New,
        member: &member,
        back,
    };
    save_member(&ctx, &state, &id, view, (input, version), n).await
}

/// `POST /applications/{id}/members/{member}`: saves a changed member.
pub async fn change_member(
    ctx: SignedCtx,
    state: State<AppState>,
    p: MemberPath,
    f: Posted<MemberForm>,
) -> Response {
    change_for(Entry::Applicant, ctx, state, p, f).await
}

/// `POST /desk/applications/{id}/members/{member}`.
pub async fn desk_change_member(
    ctx: SignedCtx,
    state: State<AppState>,
    p: MemberPath,
    f: Posted<MemberForm>,
) -> Response {
    change_for(Entry::Desk, ctx, state, p, f).await
}

async fn change_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    (CaseId(id), MemberKey(member)): MemberPath,
    Posted(f): Posted<MemberForm>,
) -> Response {
    // The form's members carry their ids as text.
    let member = member.to_string();
    let mut input = match current(entry, &ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Some(n) = input.members.iter().position(|m| m.id == member) else {
        return ctx.failure(&AppError::NotFound);
    };
    let (version, back) = (f.version, back_to(&f.back_to));
    let posted = f.member(member.clone());
    input.members[n] = posted.clone();
    let view = MemberView {
        entry,
        which: Which::Saved(member),
        member: &posted,
        back,
    };
    save_member(&ctx, &state, &id, view, (input, version), n).await
}

/// `POST /applications/{id}/members/{member}/remove`.
pub async fn remove_member(
    ctx: SignedCtx,
    state: State<AppState>,
    p: MemberPath,
    f: Posted<RemoveForm>,
) -> Response {
    remove_for(Entry::Applicant, ctx, state, p, f).await
}

/// `POST /desk/applications/{id}/members/{member}/remove`.
pub async fn desk_remove_member(
    ctx: SignedCtx,
    state: State<AppState>,
    p: MemberPath,
    f: Posted<RemoveForm>,
) -> Response {
    remove_for(Entry::Desk, ctx, state, p, f).await
}

async fn remove_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    (CaseId(id), MemberKey(member)): MemberPath,
    Posted(f): Posted<RemoveForm>,
) -> Response {
    // The form's members carry their ids as text.
    let member = member.to_string();
    let mut input = match current(entry, &ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    input.members.retain(|m| m.id != member);
    let actor = &ctx.actor;
    let back = back_to(&f.back_to);
    // Back to the list (still on the way back to "check your answers", if it came from there).
    let query = if back.is_empty() {
        ""
    } else {
        "?return=review"
    };
    let next = format!("{}/form/members{query}", entry.base(&id));
    match entry
        .save(&state.service, actor, &id, &input, f.version)
        .await
    {
        Ok(_) => see_other(&next),
        Err(e) if shown_on_page(&e) => match entry.application(&state.service, actor, &id).await {
            Ok(a) => members_page(&ctx, entry, &a, back, Some(&e)),
            Err(e) => ctx.failure(&e),
        },
        Err(e) => ctx.failure(&e),
    }
}
