//! Adding and removing family members: each re-saves the whole form with one member more or less.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::Response;
use kandas_app::AppError;
use kandas_domain::application::form::{FieldError, MemberInput};

use super::fields::values_of;
use super::{Entry, Fields, Shown, current, document_input, get, render, save, version};
use crate::AppState;
use crate::pages::layout::{Posted, SignedCtx, see_other};

/// Field errors of the new member (`members[n].x`) become `new.x` so they point at the add form.
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

/// The new member as posted.
pub(super) fn member_input(f: &HashMap<String, String>) -> MemberInput {
    MemberInput {
        id: String::new(),
        kinship: get(f, "kinship"),
        surname: get(f, "surname"),
        given_name: get(f, "given_name"),
        patronymic: get(f, "patronymic"),
        surname_latin: get(f, "surname_latin"),
        given_name_latin: get(f, "given_name_latin"),
        birth_date: get(f, "birth_date"),
        citizenship: get(f, "citizenship"),
        iin: get(f, "iin"),
        document: document_input(f),
    }
}

/// The form again with the add-a-member errors (the saved answers, the posted member).
pub(super) async fn member_refused(
    entry: Entry,
    ctx: &SignedCtx,
    state: &AppState,
    id: &str,
    f: &HashMap<String, String>,
    error: AppError,
) -> Response {
    match entry.application(&state.service, &ctx.actor, id).await {
        Ok(a) => {
            let main = values_of(&a.form.to_input());
            let shown = Shown {
                entry,
                main: &main,
                member: f,
                consent: a.form.consent_via_foreign_mission,
            };
            render(ctx, state, &a, &shown, Some(&error)).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /applications/{id}/members`: adds a family member.
pub async fn add_member(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
    f: Fields,
) -> Response {
    add_for(Entry::Applicant, ctx, state, id, f).await
}

/// `POST /desk/applications/{id}/members`: the same, at the desk.
pub async fn desk_add_member(
    ctx: SignedCtx,
    state: State<AppState>,
    id: crate::pages::layout::CaseId,
    f: Fields,
) -> Response {
    add_for(Entry::Desk, ctx, state, id, f).await
}

async fn add_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Fields,
) -> Response {
    let actor = &ctx.actor;
    let mut input = match current(entry, &ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let n = input.members.len();
    input.members.push(member_input(&f));
    match entry
        .save(&state.service, actor, &id, &input, version(&f))
        .await
    {
        Ok(_) => see_other(&format!("{}/form#members", entry.base(&id))),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_))) => {
            member_refused(entry, &ctx, &state, &id, &f, as_new_member(e, n)).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// The case and the member in the path (each checked: not an id is the not-found page).
type MemberPath = (crate::pages::layout::CaseId, Path<(String, String)>);

/// `POST /applications/{id}/members/{member}/remove`.
pub async fn remove_member(
    ctx: SignedCtx,
    state: State<AppState>,
    p: MemberPath,
    f: Fields,
) -> Response {
    remove_for(Entry::Applicant, ctx, state, p, f).await
}

/// `POST /desk/applications/{id}/members/{member}/remove`.
pub async fn desk_remove_member(
    ctx: SignedCtx,
    state: State<AppState>,
    p: MemberPath,
    f: Fields,
) -> Response {
    remove_for(Entry::Desk, ctx, state, p, f).await
}

async fn remove_for(
    entry: Entry,
    ctx: SignedCtx,
    State(state): State<AppState>,
    (crate::pages::layout::CaseId(id), Path((_, member))): MemberPath,
    Posted(f): Fields,
) -> Response {
    let Ok(member) = kandas_domain::ids::MemberId::parse(&member) else {
        return ctx.failure(&AppError::NotFound);
    };
    let member = member.to_string();
    let mut input = match current(entry, &ctx, &state, &id).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    input.members.retain(|m| m.id != member);
    let (main, empty) = (values_of(&input), HashMap::new());
    let shown = Shown {
        entry,
        main: &main,
        member: &empty,
        consent: input.consent_via_foreign_mission,
    };
    let next = format!("{}/form#members", entry.base(&id));
    save(&ctx, &state, &id, &input, &shown, version(&f), &next).await
}
