//! The local executive body's back office: queue, case, decision.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use kandas_app::staff::review;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::body::{Body, Query};
use super::dto::{DecisionBody, ErrorDto, QueueItemDto, ViewDto};
use super::idempotency_key;
use super::review_body::{CommissionBody, CompletenessBody, HeardBody, HearingBody};
use super::staff_dto::EndingDto;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// Queue search and filters (all optional; an unknown value is 422 naming its field).
#[derive(Deserialize, IntoParams)]
pub struct QueueQuery {
    /// Part of a number, an IIN (spaces allowed) or a name of the applicant or a family member.
    pub q: Option<String>,
    /// Only this status code (default: every open case — registered, accepted, under review,
    /// hearing).
    pub status: Option<String>,
    /// Only cases at this next step: `completeness`, `commission`, `hearing-schedule`,
    /// `hearing`, `decision` or `sign-off`.
    pub step: Option<String>,
    /// Only cases made through this channel: `portal`, `state_corporation`,
    /// `local_executive_body` or `foreign_mission`.
    pub channel: Option<String>,
    /// Only cases past their due date.
    #[serde(default)]
    pub overdue: bool,
    /// Only cases the caller has taken.
    #[serde(default)]
    pub mine: bool,
}

/// The office's cases, soonest deadline first, with each one's next step and holder.
#[utoipa::path(get, path = "/api/v1/staff/applications", tag = "staff", params(QueueQuery),
    responses((status = 200, body = Vec<QueueItemDto>), (status = 401, body = ErrorDto), (status = 403, body = ErrorDto),
        (status = 422, body = ErrorDto, description = "a filter value that is not one of its choices (`fields` names it: status, step, channel)")))]
pub async fn queue(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(q): Query<QueueQuery>,
) -> Result<Json<Vec<QueueItemDto>>, WebError> {
    let query = kandas_app::staff::QueueQuery {
        search: q.q,
        status: q.status,
        step: q.step,
        channel: q.channel,
        overdue: q.overdue,
        mine: q.mine,
    };
    let cases = kandas_app::staff::queue(&state.service, &actor, &query).await?;
    Ok(Json(cases.iter().map(QueueItemDto::from).collect()))
}

/// The whole case (the read is audited), with the population registry next to the form
/// (`registry_check`: each family member's differences by field) and who holds it (`holder`);
/// another office's case is 404.
#[utoipa::path(get, path = "/api/v1/staff/applications/{id}", tag = "staff", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = super::staff_dto::StaffCaseDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn case(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<Json<super::staff_dto::StaffCaseDto>, WebError> {
    let file = kandas_app::staff::case_file(&state.service, &actor, &id).await?;
    Ok(Json(super::staff_dto::StaffCaseDto::from(&file)))
}

/// Decides a case. A stale `version` is 409. Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/decision", tag = "staff", params(("id" = crate::api::codes::Id, Path), ("Idempotency-Key" = Option<String>, Header, description = "repeat-safe key, at most 255 characters: the same decision again within 24 hours answers the case without deciding again; the key for another case or another decision is 422 `idempotency.mismatch`")),
    request_body = DecisionBody,
    responses((status = 200, body = ViewDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn decide(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    headers: HeaderMap,
    Body(body): Body<DecisionBody>,
) -> Result<axum::response::Response, WebError> {
    let key = idempotency_key(&headers)?;
    let view = kandas_app::staff::decide(
        &state.service,
        &actor,
        &id,
        &body.try_into()?,
        key.as_deref(),
    )
    .await?;
    let dto = ViewDto::from(&view);
    super::answered_once(
        &state,
        &actor,
        key.as_deref(),
        axum::http::StatusCode::OK,
        &dto,
    )
    .await
}

/// The completeness check: `{complete: true}` accepts the package for review; `{missing:
/// [{document, member?, shortfall}]}` refuses to accept it.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/completeness", tag = "staff", params(("id" = crate::api::codes::Id, Path)),
    request_body = CompletenessBody,
    responses((status = 200, body = ViewDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn completeness(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<CompletenessBody>,
) -> Result<Json<ViewDto>, WebError> {
    let view = review::check(&state.service, &actor, &id, &body.try_into()?).await?;
    Ok(Json(ViewDto::from(&view)))
}

/// The commission's protocol: members present, one recommendation per person, the video
/// record's reference and SHA-256.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/commission", tag = "staff", params(("id" = crate::api::codes::Id, Path)),
    request_body = CommissionBody,
    responses((status = 200, body = ViewDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn commission(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<CommissionBody>,
) -> Result<Json<ViewDto>, WebError> {
    let view = review::commission(&state.service, &actor, &id, &body.try_into()?).await?;
    Ok(Json(ViewDto::from(&view)))
}

/// Schedules the hearing before a planned refusal (the applicant is notified), or moves it
/// when `reason` gives the applicant's reason.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/hearing", tag = "staff", params(("id" = crate::api::codes::Id, Path)),
    request_body = HearingBody,
    responses((status = 200, body = ViewDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn hearing(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<HearingBody>,
) -> Result<Json<ViewDto>, WebError> {
    let view = review::hearing(&state.service, &actor, &id, &body.try_into()?).await?;
    Ok(Json(ViewDto::from(&view)))
}

/// Records what was said at the hearing.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/hearing/record", tag = "staff", params(("id" = crate::api::codes::Id, Path)),
    request_body = HeardBody,
    responses((status = 200, body = ViewDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn heard(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<HeardBody>,
) -> Result<Json<ViewDto>, WebError> {
    let view = review::heard(&state.service, &actor, &id, &body.into()).await?;
    Ok(Json(ViewDto::from(&view)))
}

/// The head signs the proposed decision off: the case is decided.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/sign-off", tag = "staff", params(("id" = crate::api::codes::Id, Path)),
    request_body = super::desk_dto::VersionBody,
    responses((status = 200, body = ViewDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto)))]
pub async fn sign_off(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
    Body(body): Body<super::desk_dto::VersionBody>,
) -> Result<Json<ViewDto>, WebError> {
    let view = kandas_app::staff::sign_off(&state.service, &actor, &id, body.version).await?;
    Ok(Json(ViewDto::from(&view)))
}

/// The protocol of the commission's sitting on a case of the office, as a PDF in Kazakh and
/// Russian; 409 `review.no-protocol` until the commission has sat. The read is audited.
#[utoipa::path(get, path = "/api/v1/staff/applications/{id}/protocol", tag = "staff", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, description = "application/pdf"), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "no commission has sat")))]
pub async fn protocol(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<axum::response::Response, WebError> {
    let pdf = kandas_app::results::protocol_for_staff(&state.service, &actor, &id).await?;
    Ok(crate::pdf::inline(pdf))
}

/// How and why a certificate's status ended early.
#[derive(Deserialize, ToSchema)]
pub struct EndBody {
    /// `terminated` (the holder became a citizen) or `revoked` (the decision was annulled).
    pub ending: String,
    /// E.g. the citizenship decision's or the annulment's number and date.
    pub reason: String,
}

/// Why a recorded ending is annulled.
#[derive(Deserialize, ToSchema)]
pub struct AnnulBody {
    /// The reason, e.g. the number of the decision found mistaken.
    pub reason: String,
}

/// Records that a certificate this office issued ends early. It is `recorded`, not yet in
/// effect: a head (another official) confirms it, and only then does the public check answer
/// `terminated` or `revoked`. Nobody records an ending of their own or their family's status
/// (403 `duty.own-case`).
#[utoipa::path(post, path = "/api/v1/staff/certificates/{number}/end", tag = "staff", params(("number" = crate::api::codes::CertificateNumberText, Path)),
    request_body = EndBody,
    responses((status = 200, body = EndingDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn end_certificate(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(number): Path<String>,
    Body(body): Body<EndBody>,
) -> Result<Json<EndingDto>, WebError> {
    let service = &state.service;
    let view =
        kandas_app::staff::end_certificate(service, &actor, &number, &body.ending, &body.reason)
            .await?;
    Ok(Json(EndingDto::from(&view)))
}

/// A head confirms a recorded ending: it takes effect. The official who recorded it cannot
/// confirm it (409 `duty.same-official`).
#[utoipa::path(post, path = "/api/v1/staff/certificates/{number}/end/confirm", tag = "staff", params(("number" = crate::api::codes::CertificateNumberText, Path)),
    responses((status = 200, body = EndingDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto)))]
pub async fn confirm_ending(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(number): Path<String>,
) -> Result<Json<EndingDto>, WebError> {
    let view = kandas_app::staff::confirm_ending(&state.service, &actor, &number).await?;
    Ok(Json(EndingDto::from(&view)))
}

/// A head annuls a recorded or confirmed ending, with a reason: the certificate stands again.
#[utoipa::path(post, path = "/api/v1/staff/certificates/{number}/end/annul", tag = "staff", params(("number" = crate::api::codes::CertificateNumberText, Path)),
    request_body = AnnulBody,
    responses((status = 200, body = EndingDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto), (status = 409, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn annul_ending(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(number): Path<String>,
    Body(body): Body<AnnulBody>,
) -> Result<Json<EndingDto>, WebError> {
    let service = &state.service;
    let view = kandas_app::staff::annul_ending(service, &actor, &number, &body.reason).await?;
    Ok(Json(EndingDto::from(&view)))
}

/// The ending recorded for a certificate of the office, whatever its state (404 when none).
#[utoipa::path(get, path = "/api/v1/staff/certificates/{number}/ending", tag = "staff", params(("number" = crate::api::codes::CertificateNumberText, Path)),
    responses((status = 200, body = EndingDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn ending(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(number): Path<String>,
) -> Result<Json<EndingDto>, WebError> {
    let view = kandas_app::staff::ending_of(&state.service, &actor, &number).await?;
    let view = view.ok_or(kandas_app::AppError::NotFound)?;
    Ok(Json(EndingDto::from(&view)))
}
