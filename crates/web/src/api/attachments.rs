//! Attachments of a draft: upload (multipart) and download.

use axum::Json;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use kandas_app::AppError;
use kandas_domain::codes::AttachmentError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::MultipartBody;
use super::dto::{ApplicationDto, ErrorDto};
use super::file_dto::AttachmentDto;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// The multipart form of an upload (for the OpenAPI document).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file: PDF or JPEG, judged by content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// The document type code, e.g. `personal_history`.
    document_type: String,
    /// The family member id, for a member's document.
    member: Option<String>,
    /// The application version the client saw.
    version: i64,
}

/// The application after an upload, and the new attachment.
#[derive(Serialize, ToSchema)]
pub struct UploadedDto {
    /// The application (new version).
    pub application: ApplicationDto,
    /// The attachment.
    pub attachment: AttachmentDto,
}

/// Reads an upload (see [`crate::upload`]): the file is kept up to one byte over the limit, so
/// that an oversized one is refused by name (`attachment.too-large`, 422).
pub(crate) async fn read_upload(
    state: &AppState,
    multipart: Multipart,
) -> Result<crate::upload::Received, AppError> {
    let max = state.service.limits.max_attachment_bytes;
    let received = crate::upload::receive(&state.uploads, multipart, max, "file").await?;
    if received.upload.version < 0 && received.upload.bytes.len() <= max {
        return Err(AppError::BadRequest(AttachmentError::Version.into()));
    }
    Ok(received)
}

/// Adds a file to a draft (multipart: `file`, `document_type`, optional `member`, `version`).
#[utoipa::path(post, path = "/api/v1/applications/{id}/attachments", tag = "applicant", params(("id" = crate::api::codes::Id, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = UploadedDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto, description = "the file refused by its content, name or size, or the document already holds its most files (upload.too-many), or the application its most files or bytes (upload.application-full, upload.application-bytes); a file over the limit is read and refused by name, not cut off (attachment.file-type, attachment.file-name, attachment.pdf-javascript, attachment.pdf-launch, attachment.pdf-embedded, attachment.pdf-encrypted, attachment.pdf-malformed, attachment.pdf-too-complex, attachment.too-large-decoded, attachment.image-malformed, attachment.image-too-large, attachment.polyglot, attachment.empty, attachment.too-large); `file` in the error names it"), (status = 503, body = ErrorDto, description = "service.unavailable: as many uploads as allowed are being read; try again after Retry-After")))]
pub async fn upload(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    MultipartBody(multipart): MultipartBody,
) -> Result<(StatusCode, Json<UploadedDto>), WebError> {
    // The upload keeps its place at the gate until it is stored.
    let received = read_upload(&state, multipart).await?;
    let (application, attachment) =
        kandas_app::applicant::attach::attach(&state.service, &actor, &id, received.upload).await?;
    Ok((
        StatusCode::CREATED,
        Json(UploadedDto {
            application: ApplicationDto::from(&application),
            attachment: AttachmentDto::from(&attachment),
        }),
    ))
}

pub(crate) fn disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// One of the applicant's files, as a download.
#[utoipa::path(get, path = "/api/v1/applications/{id}/attachments/{attachment_id}", tag = "applicant",
    params(("id" = crate::api::codes::Id, Path), ("attachment_id" = crate::api::codes::Id, Path)),
    responses((status = 200, description = "the file (PDF or JPEG), Content-Disposition: attachment"), (status = 404, body = ErrorDto), (status = 410, body = ErrorDto, description = "attachment.disposed: the file was disposed of after the retention period")))]
pub async fn download(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::CaseFile { id, attachment_id }): super::ids::Ids<
        super::ids::CaseFile,
    >,
) -> Result<Response, WebError> {
    let (attachment, bytes) =
        kandas_app::applicant::attach::download(&state.service, &actor, &id, &attachment_id)
            .await?;
    let headers = [
        (CONTENT_TYPE, attachment.file_type.mime().to_owned()),
        (CONTENT_DISPOSITION, disposition(&attachment.file_name)),
        (
            axum::http::header::X_CONTENT_TYPE_OPTIONS,
            "nosniff".to_owned(),
        ),
    ];
    Ok((headers, bytes).into_response())
}

/// The version the client saw, for a removal.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The application version the client saw.
    pub version: i64,
}

/// Removes a file from a draft (to upload the right one, or another in its place); audited.
#[utoipa::path(delete, path = "/api/v1/applications/{id}/attachments/{attachment_id}", tag = "applicant",
    params(("id" = crate::api::codes::Id, Path), ("attachment_id" = crate::api::codes::Id, Path), VersionQuery),
    responses((status = 200, body = ApplicationDto, description = "the application without the file (new version)"), (status = 422, body = ErrorDto, description = "no version in the query (attachment.version)"), (status = 404, body = ErrorDto, description = "no such file of this application"), (status = 409, body = ErrorDto, description = "stale version (request.stale-version), not a draft (application.not-draft) or taken in at a desk (application.at-desk)")))]
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::CaseFile { id, attachment_id }): super::ids::Ids<
        super::ids::CaseFile,
    >,
    query: Result<Query<VersionQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ApplicationDto>, WebError> {
    let Ok(Query(q)) = query else {
        return Err(AppError::BadRequest(AttachmentError::Version.into()).into());
    };
    let application = kandas_app::applicant::attach::remove(
        &state.service,
        &actor,
        &id,
        &attachment_id,
        q.version,
    )
    .await?;
    Ok(Json(ApplicationDto::from(&application)))
}
