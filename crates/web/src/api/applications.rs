//! The applicant's applications: order, read, fill in; the history and notifications.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

use super::body::{Body, Query};
use super::dto::{ApplicationDto, CreateBody, ErrorDto, FormBody, NotificationDto, ViewDto};
use super::idempotency_key;
use super::outcome::DocumentQuery;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// "History of obtained services": every application of the signed-in person, newest first.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applicant",
    responses((status = 200, body = Vec<ApplicationDto>), (status = 401, body = ErrorDto)))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<ApplicationDto>>, WebError> {
    let all = kandas_app::applicant::view::history(&state.service, &actor).await?;
    Ok(Json(all.iter().map(ApplicationDto::from).collect()))
}

/// Orders the service: a new draft, prefilled from the registries. Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/applications", tag = "applicant", request_body = CreateBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "repeat-safe key, at most 255 characters: the same request again within 24 hours answers the same draft; the key for another request is 422 `idempotency.mismatch`")),
    responses((status = 201, body = ApplicationDto), (status = 401, body = ErrorDto), (status = 409, body = ErrorDto, description = "application.person-not-in-registry, or application.too-many-drafts: the applicant has as many open drafts as the quota allows"), (status = 422, body = ErrorDto), (status = 503, body = ErrorDto, description = "service.unavailable: a state registry cannot be reached now (the draft is prefilled from them)")))]
pub async fn create(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    headers: HeaderMap,
    Body(body): Body<CreateBody>,
) -> Result<axum::response::Response, WebError> {
    let key = idempotency_key(&headers)?;
    let kind = kandas_app::applicant::draft::kind(&body.kind)?;
    let draft =
        kandas_app::applicant::draft::create(&state.service, &actor, kind, key.as_deref()).await?;
    let dto = ApplicationDto::from(&draft);
    super::answered_once(&state, &actor, key.as_deref(), StatusCode::CREATED, &dto).await
}

/// One of the signed-in person's applications with checklist, timeline, deadline and result.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applicant", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = ViewDto), (status = 401, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn get(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<Json<ViewDto>, WebError> {
    let view = kandas_app::applicant::view::view(&state.service, &actor, &id).await?;
    Ok(Json(ViewDto::from(&view)))
}

/// A result document of a decided application as a PDF in Kazakh and Russian: the kandas
/// certificate (sealed, with its QR code), the decision to extend or to refuse, or the refusal
/// of family members (`document`; the main one when absent). The bytes are those stored when
/// the decision took effect, the same at every download; `ETag` is their SHA-256. Audited.
#[utoipa::path(get, path = "/api/v1/applications/{id}/result", tag = "applicant", params(("id" = crate::api::codes::Id, Path), DocumentQuery),
    responses((status = 200, description = "application/pdf", headers(("ETag" = String, description = "the SHA-256 of the file, quoted"), ("X-Content-SHA256" = String, description = "the SHA-256 of the file, hex"))),
        (status = 401, body = ErrorDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "not decided yet, or no such document for this decision"), (status = 422, body = ErrorDto, description = "no such kind of document")))]
pub async fn result(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Query(q): Query<DocumentQuery>,
) -> Result<axum::response::Response, WebError> {
    let service = &state.service;
    let pdf = kandas_app::results::own_result(service, &actor, &id, q.document.as_deref()).await?;
    Ok(crate::pdf::inline(pdf))
}

/// The receipt of refusal to accept of one of the signed-in person's applications, as a PDF in
/// Kazakh and Russian: what is missing, the registration and the term, that nothing was decided
/// on the merits, and how to appeal. 409 `application.no-receipt` for an application that was
/// not refused to accept. Audited.
#[utoipa::path(get, path = "/api/v1/applications/{id}/receipt", tag = "applicant", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, description = "application/pdf"), (status = 401, body = ErrorDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "not refused to accept")))]
pub async fn receipt(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<axum::response::Response, WebError> {
    let pdf = kandas_app::applicant::receipt::own_receipt(&state.service, &actor, &id).await?;
    Ok(crate::pdf::inline(pdf))
}

/// Replaces the editable form of a draft. The version the client saw goes in the body.
#[utoipa::path(put, path = "/api/v1/applications/{id}/form", tag = "applicant", params(("id" = crate::api::codes::Id, Path)), request_body = FormBody,
    responses((status = 200, body = ApplicationDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "stale version or not a draft"), (status = 422, body = ErrorDto, description = "field errors in error.fields")))]
pub async fn save_form(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<FormBody>,
) -> Result<Json<ApplicationDto>, WebError> {
    let form = body.form.into();
    let saved =
        kandas_app::applicant::draft::save_form(&state.service, &actor, &id, &form, body.version)
            .await?;
    Ok(Json(ApplicationDto::from(&saved)))
}

/// The signed-in person's notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "applicant",
    responses((status = 200, body = Vec<NotificationDto>), (status = 401, body = ErrorDto)))]
pub async fn notifications(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<NotificationDto>>, WebError> {
    let all = kandas_app::applicant::view::notifications(&state.service, &actor).await?;
    Ok(Json(all.iter().map(NotificationDto::from).collect()))
}

/// The protocol of the commission's sitting on one of the signed-in person's applications, as a
/// PDF in Kazakh and Russian; 409 `review.no-protocol` until the commission has sat. Audited.
#[utoipa::path(get, path = "/api/v1/applications/{id}/protocol", tag = "applicant", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, description = "application/pdf"), (status = 401, body = ErrorDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "no commission has sat")))]
pub async fn protocol(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<axum::response::Response, WebError> {
    let pdf = kandas_app::results::own_protocol(&state.service, &actor, &id).await?;
    Ok(crate::pdf::inline(pdf))
}

/// The applicant's request to move the hearing.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct RescheduleBody {
    /// Why the applicant cannot come at the time set.
    pub reason: String,
}

/// Asks to move the hearing before a planned refusal, for a reason; the local executive body
/// sets the new time and notifies it.
#[utoipa::path(post, path = "/api/v1/applications/{id}/hearing/reschedule", tag = "applicant", params(("id" = crate::api::codes::Id, Path)),
    request_body = RescheduleBody,
    responses((status = 200, body = ViewDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn ask_to_reschedule(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<RescheduleBody>,
) -> Result<Json<ViewDto>, WebError> {
    let view = kandas_app::applicant::hearing::ask_to_reschedule(
        &state.service,
        &actor,
        &id,
        &body.reason,
    )
    .await?;
    Ok(Json(ViewDto::from(&view)))
}
