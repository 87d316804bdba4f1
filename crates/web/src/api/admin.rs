//! The administrator's back office: the working calendar, a year at a time.

use axum::Json;
use axum::extract::{Path, State};
use kandas_app::calendar::{DayInput, YearInput, YearView};
use kandas_domain::calendar::{DayEntry, Trilingual};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::Body;
use super::dto::ErrorDto;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::WebError;

/// A text in Kazakh, Russian and English.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct TextsDto {
    /// Kazakh.
    #[serde(default)]
    pub kk: String,
    /// Russian.
    #[serde(default)]
    pub ru: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

impl From<&Trilingual> for TextsDto {
    fn from(t: &Trilingual) -> TextsDto {
        TextsDto {
            kk: t.kk.clone(),
            ru: t.ru.clone(),
            en: t.en.clone(),
        }
    }
}

impl From<TextsDto> for Trilingual {
    fn from(t: TextsDto) -> Trilingual {
        Trilingual {
            kk: t.kk,
            ru: t.ru,
            en: t.en,
        }
    }
}

/// One day of the calendar: what it is and the act it comes from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct DayDto {
    /// The day, `YYYY-MM-DD`; a row left empty (as the page sends its blank rows) is skipped.
    #[serde(default)]
    #[schema(pattern = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    pub date: String,
    /// What the day is.
    #[serde(default)]
    pub names: TextsDto,
    /// The act it comes from.
    #[serde(default)]
    pub act: TextsDto,
}

impl From<&DayEntry> for DayDto {
    fn from(e: &DayEntry) -> DayDto {
        DayDto {
            date: e.date.to_string(),
            names: (&e.names).into(),
            act: (&e.act).into(),
        }
    }
}

/// One year of the working calendar in use.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarYearDto {
    /// The year.
    pub year: i16,
    /// Whether the government's transfer act for the year is known and the days follow it.
    pub confirmed: bool,
    /// Computed from the statutory holidays: nothing is entered for the year (never confirmed).
    pub computed: bool,
    /// The acts the year follows, open questions.
    pub note: TextsDto,
    /// Weekdays that are days off.
    pub days_off: Vec<DayDto>,
    /// Saturdays and Sundays that are working days.
    pub working_days: Vec<DayDto>,
}

impl From<&YearView> for CalendarYearDto {
    fn from(v: &YearView) -> CalendarYearDto {
        let y = &v.calendar;
        CalendarYearDto {
            year: y.year,
            confirmed: y.confirmed,
            computed: v.computed,
            note: (&y.note).into(),
            days_off: y.days_off.iter().map(DayDto::from).collect(),
            working_days: y.working_days.iter().map(DayDto::from).collect(),
        }
    }
}

/// A year as the administrator enters it; every day needs its names and act in kk, ru and en.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct YearBody {
    /// Whether the year is confirmed.
    #[serde(default)]
    pub confirmed: bool,
    /// The acts the year follows.
    #[serde(default)]
    pub note: TextsDto,
    /// Weekdays that are days off.
    #[serde(default)]
    pub days_off: Vec<DayDto>,
    /// Saturdays and Sundays that are working days (transfers).
    #[serde(default)]
    pub working_days: Vec<DayDto>,
}

fn day(d: DayDto) -> DayInput {
    DayInput {
        date: d.date,
        names: d.names.into(),
        act: d.act.into(),
    }
}

impl From<YearBody> for YearInput {
    fn from(b: YearBody) -> YearInput {
        YearInput {
            confirmed: b.confirmed,
            note: b.note.into(),
            days_off: b.days_off.into_iter().map(day).collect(),
            working_days: b.working_days.into_iter().map(day).collect(),
        }
    }
}

/// One year of the working calendar in use: listed, or computed from the statutory holidays.
#[utoipa::path(get, path = "/api/v1/admin/calendar/{year}", tag = "admin", params(("year" = i16, Path)),
    responses((status = 200, body = CalendarYearDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto)))]
pub async fn calendar_year(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<String>,
) -> Result<Json<CalendarYearDto>, WebError> {
    let year = kandas_app::calendar::parse_year(&year)?;
    let year = kandas_app::calendar::year(&state.service, &actor, year)?;
    Ok(Json((&year).into()))
}

/// Replaces a year of the working calendar (checked like the shipped file; audited; in use at
/// once). Cases registered before keep their due dates.
#[utoipa::path(put, path = "/api/v1/admin/calendar/{year}", tag = "admin", params(("year" = i16, Path)),
    request_body = YearBody,
    responses((status = 200, body = CalendarYearDto), (status = 403, body = ErrorDto), (status = 404, body = ErrorDto), (status = 422, body = ErrorDto)))]
pub async fn edit_calendar_year(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(year): Path<String>,
    Body(body): Body<YearBody>,
) -> Result<Json<CalendarYearDto>, WebError> {
    let year = kandas_app::calendar::parse_year(&year)?;
    let input = YearInput::from(body);
    let saved = kandas_app::calendar::edit_year(&state.service, &actor, year, &input).await?;
    Ok(Json((&saved).into()))
}
