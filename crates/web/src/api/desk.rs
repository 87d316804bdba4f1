//! The desk (State Corporation operator, or a local executive body's own desk): paper intake,
//! custody of the originals, acceptance or refusal to accept with a receipt, and the issue of
//! results. Each desk sees only the cases filed at it; every read is audited.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::ports::store::DeskList;
use kandas_domain::ids::ApplicationId;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::ClientIp;
use super::attachments::{UploadForm, read_upload};
use super::body::{Body, MultipartBody, Query};
use super::desk_dto::{
    AcceptBody, CustodyBody, DeskCaseDto, DeskCreateBody, IssueBody, IssueDto, VersionBody,
};
use super::dto::{ApplicationDto, ErrorDto, FormBody, PhoneDto, ProfileDto};
use super::outcome::DocumentQuery;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;
use crate::pdf::inline as pdf;

/// Which list of the desk.
#[derive(Deserialize, IntoParams, ToSchema)]
pub struct DeskListQuery {
    /// `intake` (drafts being taken in), `ready` (decided, to hand over) or `all` (default).
    pub list: Option<String>,
}

/// The case a person is looked up for.
#[derive(Deserialize, IntoParams)]
pub struct PersonQuery {
    /// A case at this desk in which the person is the applicant or a family member (required:
    /// a desk looks people up only for its own cases; starting one reads the registries itself).
    /// Without it the answer is 403 `desk.lookup-without-case`.
    #[param(required = true, value_type = crate::api::codes::Id)]
    pub application: Option<String>,
}

/// The person with this IIN as the registries know them, for a case at this desk; no portal
/// account needed. Without such a case: 403 `desk.lookup-without-case` (audited).
#[utoipa::path(get, path = "/api/v1/desk/persons/{iin}", tag = "desk", params(("iin" = crate::api::codes::IinText, Path), PersonQuery),
    responses((status = 200, body = ProfileDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn person(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(iin): Path<String>,
    Query(q): Query<PersonQuery>,
) -> Result<Json<ProfileDto>, WebError> {
    let iin = kandas_app::desk::intake::iin(&iin)?;
    let case = match q.application.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(ApplicationId::parse(raw).map_err(|_| AppError::NotFound)?),
    };
    let profile =
        kandas_app::desk::intake::person(&state.service, &actor, &iin, case.as_ref()).await?;
    Ok(Json(ProfileDto::of(&profile)))
}

/// The desk's cases: drafts being taken in, results ready for issue, or all.
#[utoipa::path(get, path = "/api/v1/desk/applications", tag = "desk", params(DeskListQuery),
    responses((status = 200, body = Vec<ApplicationDto>), (status = 403, body = ErrorDto)))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(q): Query<DeskListQuery>,
) -> Result<Json<Vec<ApplicationDto>>, WebError> {
    let list = match q.list.as_deref() {
        Some("intake") => DeskList::Intake,
        Some("ready") => DeskList::ReadyForIssue,
        _ => DeskList::All,
    };
    let cases = kandas_app::desk::issue::cases(&state.service, &actor, list).await?;
    Ok(Json(cases.iter().map(ApplicationDto::from).collect()))
}

/// Starts a paper application for the person with this IIN, prefilled from the registries.
#[utoipa::path(post, path = "/api/v1/desk/applications", tag = "desk", request_body = DeskCreateBody,
    responses((status = 201, body = ApplicationDto), (status = 403, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto), (status = 503, body = ErrorDto, description = "service.unavailable: a state registry cannot be reached now (the draft is prefilled from them)")))]
pub async fn create(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Body(body): Body<DeskCreateBody>,
) -> Result<(StatusCode, Json<ApplicationDto>), WebError> {
    let iin = kandas_app::desk::intake::iin(&body.iin)?;
    let kind = kandas_app::applicant::draft::kind(&body.kind)?;
    let draft = kandas_app::desk::intake::create(&state.service, &actor, &iin, kind).await?;
    Ok((StatusCode::CREATED, Json(ApplicationDto::from(&draft))))
}

/// A case filed at this desk, with its custody record and what it still lacks.
#[utoipa::path(get, path = "/api/v1/desk/applications/{id}", tag = "desk", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = DeskCaseDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn case(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<Json<DeskCaseDto>, WebError> {
    let case = kandas_app::desk::view::case(&state.service, &actor, &id).await?;
    Ok(Json(DeskCaseDto::from(&case)))
}

/// Replaces the form of a desk draft, as the applicant dictates.
#[utoipa::path(put, path = "/api/v1/desk/applications/{id}/form", tag = "desk", params(("id" = crate::api::codes::Id, Path)), request_body = FormBody,
    responses((status = 200, body = ApplicationDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn save_form(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<FormBody>,
) -> Result<Json<ApplicationDto>, WebError> {
    let form = body.form.into();
    let saved =
        kandas_app::desk::intake::save_form(&state.service, &actor, &id, &form, body.version)
            .await?;
    Ok(Json(ApplicationDto::from(&saved)))
}

/// Attaches a scan made at the desk (multipart: `file`, `document_type`, optional `member`,
/// `version`).
#[utoipa::path(post, path = "/api/v1/desk/applications/{id}/attachments", tag = "desk", params(("id" = crate::api::codes::Id, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = ApplicationDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto, description = "as for the applicant's upload: the file refused by its content or size; `file` in the error names it"), (status = 503, body = ErrorDto, description = "service.unavailable: as many uploads as allowed are being read; try again after Retry-After")))]
pub async fn attach(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    MultipartBody(multipart): MultipartBody,
) -> Result<(StatusCode, Json<ApplicationDto>), WebError> {
    let received = read_upload(&state, multipart).await?;
    let application =
        kandas_app::desk::intake::attach(&state.service, &actor, &id, received.upload).await?;
    Ok((
        StatusCode::CREATED,
        Json(ApplicationDto::from(&application)),
    ))
}

/// Replaces the custody record: for each document, original shown, copy taken, translation,
/// expired, original returned.
#[utoipa::path(put, path = "/api/v1/desk/applications/{id}/custody", tag = "desk", params(("id" = crate::api::codes::Id, Path)), request_body = CustodyBody,
    responses((status = 200, body = ApplicationDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn custody(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<CustodyBody>,
) -> Result<Json<ApplicationDto>, WebError> {
    let lines = body
        .lines
        .into_iter()
        .map(TryInto::try_into)
        .collect::<Result<_, _>>()?;
    let saved =
        kandas_app::desk::intake::save_custody(&state.service, &actor, &id, lines, body.version)
            .await?;
    Ok(Json(ApplicationDto::from(&saved)))
}

/// Sends the applicant a code that confirms the complete package.
#[utoipa::path(post, path = "/api/v1/desk/applications/{id}/confirm/sms", tag = "desk", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 202, body = PhoneDto), (status = 404, body = ErrorDto), (status = 422, body = ErrorDto, description = "incomplete: error.fields lists what is missing"), (status = 429, body = ErrorDto)))]
pub async fn send_code(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    ClientIp(ip): ClientIp,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<(StatusCode, Json<PhoneDto>), WebError> {
    let sent = kandas_app::desk::accept::send_code(&state.service, &actor, &id, &ip).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(PhoneDto {
            phone_masked: sent.phone_masked,
        }),
    ))
}

/// Accepts the package (the applicant's code, or a paper signature) and hands it over to the
/// local executive body at once.
#[utoipa::path(post, path = "/api/v1/desk/applications/{id}/accept", tag = "desk", params(("id" = crate::api::codes::Id, Path)), request_body = AcceptBody,
    responses((status = 200, body = ApplicationDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto), (status = 429, body = crate::api::dto::ErrorDto, description = "request.too-many or otp.locked: too many attempts; `Retry-After` says when to try again")))]
pub async fn accept(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<AcceptBody>,
) -> Result<Json<ApplicationDto>, WebError> {
    let accepted =
        kandas_app::desk::accept::accept(&state.service, &actor, &id, &body.into()).await?;
    Ok(Json(ApplicationDto::from(&accepted)))
}

/// Refuses to accept an incomplete package; nothing is sent on.
#[utoipa::path(post, path = "/api/v1/desk/applications/{id}/refuse", tag = "desk", params(("id" = crate::api::codes::Id, Path)), request_body = VersionBody,
    responses((status = 200, body = ApplicationDto), (status = 422, body = ErrorDto, description = "desk.nothing-missing"), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto)))]
pub async fn refuse(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<VersionBody>,
) -> Result<Json<ApplicationDto>, WebError> {
    let refused =
        kandas_app::desk::accept::refuse(&state.service, &actor, &id, body.version).await?;
    Ok(Json(ApplicationDto::from(&refused)))
}

/// The receipt (PDF, Kazakh and Russian): of acceptance, or of refusal to accept.
#[utoipa::path(get, path = "/api/v1/desk/applications/{id}/receipt", tag = "desk", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, description = "application/pdf"), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "not accepted or refused yet")))]
pub async fn receipt(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<Response, WebError> {
    Ok(pdf(kandas_app::desk::receipt::receipt(
        &state.service,
        &actor,
        &id,
    )
    .await?))
}

/// A result document (kandas certificate or decision; `document`, the main one when absent) as
/// a PDF to print: the bytes stored when the decision took effect (`ETag`: their SHA-256). A
/// State Corporation desk prints any decided case (see `/api/v1/desk/results`), a local
/// executive body's desk only what it took in. The read is audited.
#[utoipa::path(get, path = "/api/v1/desk/applications/{id}/result", tag = "desk", params(("id" = crate::api::codes::Id, Path), DocumentQuery),
    responses((status = 200, description = "application/pdf"), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "desk.not-ready"), (status = 422, body = ErrorDto)))]
pub async fn result(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Query(q): Query<DocumentQuery>,
) -> Result<Response, WebError> {
    let document = q.document.as_deref();
    let printed =
        kandas_app::desk::issue::result_pdf(&state.service, &actor, &id, document).await?;
    Ok(pdf(printed))
}

/// Records that the result was handed over (to whom, identity document checked); the holder is
/// notified. At the desk that filed the case a representative may receive it; at any other State
/// Corporation desk (online cases included) only the holder: another IIN is 422 `desk.not-holder`.
#[utoipa::path(post, path = "/api/v1/desk/applications/{id}/issue", tag = "desk", params(("id" = crate::api::codes::Id, Path)), request_body = IssueBody,
    responses((status = 201, body = IssueDto), (status = 422, body = ErrorDto, description = "desk.identity, desk.recipient, desk.not-holder"), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "desk.not-ready")))]
pub async fn issue(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<IssueBody>,
) -> Result<(StatusCode, Json<IssueDto>), WebError> {
    let issued = kandas_app::desk::issue::issue(&state.service, &actor, &id, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(IssueDto::from(&issued))))
}
