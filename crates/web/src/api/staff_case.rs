//! The office's work on one case beyond its review: taking it from the queue, and opening its
//! files.

use axum::Json;
use axum::extract::State;
use axum::response::Response;

use super::dto::{ErrorDto, OfficialDto};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;
use crate::pages::staff_file::inline_file;

/// The caller takes an open case of their office (never their own or their family's): the
/// queue shows them as its holder from now on. Audited (`staff.take-case`, with whoever held it
/// before); taking a case one holds already changes nothing.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/take", tag = "staff", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = OfficialDto, description = "the case's holder: the caller"), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto),
        (status = 409, body = ErrorDto, description = "application.wrong-state: the case is closed")))]
pub async fn take(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<Json<OfficialDto>, WebError> {
    let holder = kandas_app::staff::take(&state.service, &actor, &id).await?;
    Ok(Json(OfficialDto::from(&holder)))
}

/// One file of a case of the caller's office, to open in a browser: `Content-Disposition:
/// inline`, the checked type (`application/pdf` or `image/jpeg`), `nosniff`, a policy that
/// loads and frames nothing else, and `X-Content-SHA256`. Every open is audited
/// (`staff.open-attachment`) before the bytes are sent.
#[utoipa::path(get, path = "/api/v1/staff/applications/{id}/attachments/{attachment_id}", tag = "staff",
    params(("id" = crate::api::codes::Id, Path), ("attachment_id" = crate::api::codes::Id, Path)),
    responses((status = 200, description = "the file (PDF or JPEG), Content-Disposition: inline"), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto),
        (status = 410, body = ErrorDto, description = "attachment.disposed: the file was disposed of after the retention period")))]
pub async fn attachment(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::CaseFile { id, attachment_id }): super::ids::Ids<
        super::ids::CaseFile,
    >,
) -> Result<Response, WebError> {
    let (file, bytes) =
        kandas_app::staff::open_attachment(&state.service, &actor, &id, &attachment_id).await?;
    Ok(inline_file(&file, bytes))
}
