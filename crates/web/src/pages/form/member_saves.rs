//! Saving the family step: a member added, changed or removed re-saves the whole form with the
//! "about you" answers as saved (never as posted), so a member's page cannot touch them.

use axum::extract::State;
use axum::response::Response;
use kandas_app::AppError;
use kandas_domain::application::form::FormInput;
use kandas_domain::ids::ApplicationId;

use super::members::{
    MemberForm, MemberPath, MemberView, RemoveForm, Which, after_save, as_new_member, member_page,
    members_page,
};
use super::{Entry, back_to, current, shown_on_page};
use crate::AppState;
use crate::pages::layout::{CaseId, MemberKey, Posted, SignedCtx, see_other};

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
