//! Taking the package in at the desk: a scan per document line, the code sent to the applicant's
//! phone and typed back (or a paper signature), acceptance, or refusal to accept.

use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::desk::accept::{self as desk_accept, AcceptInput};
use kandas_app::desk::intake;
use kandas_domain::application::form::FieldError;
use kandas_domain::codes::RequestError;
use kandas_domain::ids::ApplicationId;

use super::case::{self, Problem, Typed, VersionForm};
use super::custody::field;
use crate::pages::documents::read;
use crate::pages::layout::{Posted, SignedCtx, csrf_form, error_page, see_other};
use crate::pages::lines::{checkbox, no_version};
use crate::pages::login::{Plain, urlencode};
use crate::{AppState, csrf};

fn case_path(id: &ApplicationId) -> String {
    format!("/desk/applications/{id}")
}

/// The case again with the action's errors.
async fn refused(
    ctx: &SignedCtx,
    state: &AppState,
    id: &ApplicationId,
    typed: &Typed,
    error: &AppError,
    target: &'static str,
) -> Response {
    let problem = Problem { error, target };
    case::page(ctx, state, id, typed, Some(&problem)).await
}

/// A refused file is about its line's scan: the summary names the line and links there.
fn at_line(error: AppError, line: String) -> AppError {
    match error {
        AppError::BadRequest(code) => AppError::Invalid(vec![FieldError { field: line, code }]),
        other => other,
    }
}

/// `POST /desk/applications/{id}/documents`: one scan made at the desk (multipart).
pub async fn upload(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let received = match read(&state, multipart).await {
        Ok(received) => received,
        // Every place for an upload taken: 503, try again shortly.
        Err(e @ kandas_app::AppError::Unavailable(_)) => return ctx.failure(&e),
        Err(_) => return error_page(ctx.t, StatusCode::BAD_REQUEST, RequestError::Invalid.into()),
    };
    let upload = received.upload;
    if !csrf::verify(&headers, &received.csrf, ctx.secure) {
        return error_page(ctx.t, StatusCode::FORBIDDEN, RequestError::Csrf.into());
    }
    let line = field(
        &upload.document_type,
        upload.member.as_deref().unwrap_or_default(),
    );
    match intake::attach(&state.service, &ctx.actor, &id, upload).await {
        Ok(_) => see_other(&case_path(&id)),
        // A refused file keeps its own error: its message names the file.
        Err(
            e @ (AppError::Invalid(_)
            | AppError::BadRequest(_)
            | AppError::FileRefused { .. }
            | AppError::Conflict(_)),
        ) => {
            let e = at_line(e, line);
            refused(&ctx, &state, &id, &Typed::default(), &e, "documents").await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /desk/applications/{id}/code`: sends the applicant a code that confirms the package.
pub async fn send_code(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(_): Posted<Plain>,
) -> Response {
    match desk_accept::send_code(&state.service, &ctx.actor, &id, &ctx.ip).await {
        Ok(sent) => see_other(&format!(
            "{}?phone={}#code",
            case_path(&id),
            urlencode(&sent.phone_masked)
        )),
        Err(e) if on_page(&e) => refused(&ctx, &state, &id, &Typed::default(), &e, "accept").await,
        Err(e) => ctx.failure(&e),
    }
}

/// The acceptance form: the code the applicant received, or the paper signature.
#[derive(serde::Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    csrf: String,
    #[serde(default = "no_version")]
    version: i64,
    /// Where the code went (masked), shown again.
    #[serde(default)]
    phone: String,
    #[serde(default)]
    code: String,
    #[serde(default, deserialize_with = "checkbox")]
    paper_signature: bool,
}

csrf_form!(AcceptForm);

/// Errors the case page shows in its summary; others get their own page.
fn on_page(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Invalid(_)
            | AppError::BadRequest(_)
            | AppError::Conflict(_)
            | AppError::Code(_)
            | AppError::TooMany { .. }
    )
}

/// The code form as typed, and where its errors point: the code field, or the paper signature's
/// section.
fn typed_code(f: &AcceptForm, input: &AcceptInput) -> (Typed, &'static str) {
    let typed = Typed {
        phone: f.phone.trim().to_owned(),
        code: f.code.trim().to_owned(),
        ..Typed::default()
    };
    (
        typed,
        if input.paper_signature {
            "accept"
        } else {
            "code"
        },
    )
}

fn accept_input(f: &AcceptForm) -> AcceptInput {
    AcceptInput {
        code: Some(f.code.trim().to_owned()).filter(|c| !c.is_empty()),
        paper_signature: f.paper_signature,
        version: f.version,
    }
}

/// `POST /desk/applications/{id}/accept`: the code the applicant received, or
/// `paper_signature=true`; the package is registered and goes to the local executive body.
pub async fn accept(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<AcceptForm>,
) -> Response {
    let input = accept_input(&f);
    match desk_accept::accept(&state.service, &ctx.actor, &id, &input).await {
        Ok(_) => see_other(&case_path(&id)),
        Err(e) if on_page(&e) => {
            let (typed, target) = typed_code(&f, &input);
            refused(&ctx, &state, &id, &typed, &e, target).await
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /desk/applications/{id}/refuse`: refuses to accept an incomplete package.
pub async fn refuse(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<VersionForm>,
) -> Response {
    match desk_accept::refuse(&state.service, &ctx.actor, &id, f.version).await {
        Ok(_) => see_other(&case_path(&id)),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_) | AppError::Conflict(_))) => {
            refused(&ctx, &state, &id, &Typed::default(), &e, "accept").await
        }
        Err(e) => ctx.failure(&e),
    }
}
