//! The papers of a case at the desk: the receipt (of acceptance or of refusal to accept), the
//! result opened from the system to print, and the record of its hand-over.

use axum::extract::{Query, State};
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::desk::issue::{self as desk_issue, IssueInput};
use kandas_app::desk::receipt::{self as desk_receipt, Pdf};
use kandas_domain::codes::{DeskError, ErrorCode};

use super::case::{self, Problem, Typed};
use crate::AppState;
use crate::api::outcome::DocumentQuery;
use crate::pages::layout::{Posted, SignedCtx, see_other};
use crate::pdf::inline;

fn pdf(ctx: &SignedCtx, answer: Result<Pdf, AppError>) -> Response {
    match answer {
        Ok(pdf) => inline(pdf),
        Err(e) => ctx.failure(&e),
    }
}

/// `GET /desk/applications/{id}/receipt`: the receipt as a PDF to print.
pub async fn receipt(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
) -> Response {
    pdf(
        &ctx,
        desk_receipt::receipt(&state.service, &ctx.actor, &id).await,
    )
}

/// `GET /desk/applications/{id}/result?document=…`: the certificate or decision as stored when
/// it was decided, as a PDF to print.
pub async fn result(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Query(q): Query<DocumentQuery>,
) -> Response {
    let document = q.document.as_deref();
    let printed = desk_issue::result_pdf(&state.service, &ctx.actor, &id, document).await;
    pdf(&ctx, printed)
}

/// The hand-over form: who took the result, on which document, checked.
#[derive(serde::Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    recipient_iin: String,
    #[serde(default)]
    recipient_name: String,
    #[serde(default)]
    identity_document: String,
    #[serde(default, deserialize_with = "crate::pages::lines::checkbox")]
    identity_checked: bool,
}

crate::pages::layout::csrf_form!(IssueForm);

impl From<IssueForm> for IssueInput {
    fn from(f: IssueForm) -> Self {
        IssueInput {
            recipient_iin: f.recipient_iin,
            recipient_name: f.recipient_name,
            identity_document: f.identity_document,
            identity_checked: f.identity_checked,
        }
    }
}

/// Which field of the issue form an error is about.
fn target(error: &AppError) -> &'static str {
    match error.error_code() {
        ErrorCode::Desk(DeskError::Identity) => "identity_checked",
        ErrorCode::Desk(DeskError::Recipient) => "recipient_iin",
        _ => "issue",
    }
}

/// `POST /desk/applications/{id}/issue`: records that the result was handed over.
pub async fn issue(
    ctx: SignedCtx,
    State(state): State<AppState>,
    crate::pages::layout::CaseId(id): crate::pages::layout::CaseId,
    Posted(f): Posted<IssueForm>,
) -> Response {
    let input = IssueInput::from(f);
    match desk_issue::issue(&state.service, &ctx.actor, &id, &input).await {
        Ok(_) => see_other(&format!("/desk/applications/{id}")),
        Err(e @ (AppError::BadRequest(_) | AppError::Conflict(_))) => {
            let typed = Typed {
                issue: Some(input),
                ..Typed::default()
            };
            let problem = Problem {
                error: &e,
                target: target(&e),
            };
            case::page(&ctx, &state, &id, &typed, Some(&problem)).await
        }
        Err(e) => ctx.failure(&e),
    }
}
