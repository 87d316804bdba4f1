//! The administrator's back office: the working calendar.

use axum::Json;
use axum::extract::{Path, State};
use kandas_app::calendar::YearInput;
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::body::Body;
use super::dto::{ErrorDto, value};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// A year of the calendar as typed: one day per line, `YYYY-MM-DD reason`.
#[derive(Deserialize, ToSchema)]
pub struct YearBody {
    /// `{days_off, working_days, note}`: weekdays that are days off, Saturdays and Sundays
    /// that are working days, the acts they follow.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub input: YearInput,
}

/// One year of the working calendar in use (`{year, note, days_off, working_days}`).
#[utoipa::path(get, path = "/api/v1/admin/calendar/{year}", tag = "admin", params(("year" = i16, Path)),
    responses((status = 200, description = "the year"), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn calendar_year(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<i16>,
) -> Result<Json<Value>, WebError> {
    let year = kandas_app::calendar::year(&state.service, &actor, year)?;
    Ok(Json(value(&year)))
}

/// Replaces a year of the working calendar (checked like the shipped file; audited; in use at
/// once). Cases registered before keep their due dates.
#[utoipa::path(put, path = "/api/v1/admin/calendar/{year}", tag = "admin", params(("year" = i16, Path)),
    request_body = YearBody,
    responses((status = 200, description = "the year as saved"), (status = 403, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn edit_calendar_year(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<i16>,
    Body(body): Body<YearBody>,
) -> Result<Json<Value>, WebError> {
    let saved = kandas_app::calendar::edit_year(&state.service, &actor, year, &body.input).await?;
    Ok(Json(value(&saved)))
}
