//! Results at any State Corporation desk: find a decided case by number, certificate number or
//! the holder's IIN (whichever office took it in, or none), and see what the hand-over needs.
//! Printing and recording the hand-over are `GET …/result` and `POST …/issue` of
//! `/api/v1/desk/applications/{id}`, which take any decided case at a State Corporation desk.

use axum::Json;
use axum::extract::State;
use jiff::Timestamp;
use kandas_app::desk::results::{self, ResultCase};
use kandas_domain::application::Application;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::body::Query;
use super::codes::{ApplicationNumberText, ChannelCode, Id, KindCode, StatusCode};
use super::desk_dto::IssueDto;
use super::dto::ErrorDto;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// What to look for.
#[derive(Deserialize, IntoParams)]
pub struct ResultQuery {
    /// An application number (`KND-2026-000001`), a certificate number (`KC-2026-000001`) or
    /// the holder's 12-digit IIN (spaces are ignored).
    pub q: String,
}

/// A decided case as any State Corporation desk sees it: no form, no documents.
#[derive(Serialize, ToSchema)]
pub struct ResultCaseDto {
    /// Id.
    #[schema(value_type = Id)]
    pub id: String,
    /// Number.
    #[schema(value_type = ApplicationNumberText)]
    pub number: String,
    /// The kind.
    #[schema(value_type = KindCode)]
    pub kind: String,
    /// The status (`assigned`, `extended`, `refused`).
    #[schema(value_type = StatusCode)]
    pub status: String,
    /// The holder's IIN, masked.
    pub holder_masked: String,
    /// Where it came from.
    #[schema(value_type = ChannelCode)]
    pub channel: String,
    /// The desk where it was filed on paper, if any.
    pub intake_office: Option<String>,
    /// Filed at the asking desk (a representative may receive it there; elsewhere the holder).
    pub filed_here: Option<bool>,
    /// The hand-overs so far (only in the answer for one case).
    pub issues: Vec<IssueDto>,
    /// Changed.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

fn dto(a: &Application) -> ResultCaseDto {
    ResultCaseDto {
        id: a.id.to_string(),
        number: a.number.to_string(),
        kind: a.kind.code().to_owned(),
        status: a.status.code().to_owned(),
        holder_masked: a.applicant.masked(),
        channel: a.channel.code().to_owned(),
        intake_office: a.intake_office.as_ref().map(ToString::to_string),
        filed_here: None,
        issues: Vec::new(),
        updated_at: a.updated_at,
    }
}

impl From<&ResultCase> for ResultCaseDto {
    fn from(c: &ResultCase) -> Self {
        ResultCaseDto {
            filed_here: Some(c.filed_here),
            issues: c.issues.iter().map(IssueDto::from).collect(),
            ..dto(&c.application)
        }
    }
}

/// Finds decided cases to hand over at this State Corporation desk. Audited.
#[utoipa::path(get, path = "/api/v1/desk/results", tag = "desk", params(ResultQuery),
    responses((status = 200, body = Vec<ResultCaseDto>), (status = 401, body = ErrorDto),
        (status = 403, body = ErrorDto, description = "not a State Corporation desk"),
        (status = 422, body = ErrorDto, description = "desk.search: neither a number nor an IIN")))]
pub async fn find(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(q): Query<ResultQuery>,
) -> Result<Json<Vec<ResultCaseDto>>, WebError> {
    let found = results::find(&state.service, &actor, &q.q).await?;
    Ok(Json(found.iter().map(dto).collect()))
}

/// One decided case to hand over, with its hand-overs so far. Audited.
#[utoipa::path(get, path = "/api/v1/desk/results/{id}", tag = "desk", params(("id" = crate::api::codes::Id, Path)),
    responses((status = 200, body = ResultCaseDto), (status = 401, body = ErrorDto), (status = 403, body = ErrorDto),
        (status = 404, body = ErrorDto), (status = 409, body = ErrorDto, description = "desk.not-ready: not decided")))]
pub async fn case(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    super::ids::Ids(super::ids::Case { id }): super::ids::Ids<super::ids::Case>,
) -> Result<Json<ResultCaseDto>, WebError> {
    let found = results::case(&state.service, &actor, &id).await?;
    Ok(Json(ResultCaseDto::from(&found)))
}
