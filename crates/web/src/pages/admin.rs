//! The administrator's back office: the working calendar, a year at a time.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::calendar::{self, YearInput};
use kandas_domain::calendar::DayEntry;
use kandas_domain::deadline::almaty_date;
use serde::Deserialize;

use super::layout::{ErrorLine, Posted, SignedCtx, Texts, problem_lines, see_other};
use crate::AppState;

/// One year of the working calendar, to edit.
#[derive(Template)]
#[template(path = "admin/calendar.html")]
pub struct CalendarPage {
    /// Texts.
    pub t: Texts,
    /// CSRF token.
    pub csrf: String,
    /// Signed in.
    pub signed_in: bool,
    /// The year shown.
    pub year: i16,
    /// The years the calendar covers, for the switch.
    pub years: Vec<i16>,
    /// Weekdays that are days off, one per line.
    pub days_off: String,
    /// Weekend days that are working days, one per line.
    pub working_days: String,
    /// The acts the year follows.
    pub note: String,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// Just saved.
    pub saved: bool,
}

/// `?year=` and `?saved=1`.
#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<i16>,
    #[serde(default)]
    saved: Option<u8>,
}

fn lines(entries: &[DayEntry]) -> String {
    entries
        .iter()
        .map(|e| format!("{} {}", e.date, e.reason))
        .collect::<Vec<_>>()
        .join("\n")
}

fn page(
    ctx: &SignedCtx,
    state: &AppState,
    year: i16,
    input: &YearInput,
    errors: Vec<ErrorLine>,
    saved: bool,
) -> CalendarPage {
    CalendarPage {
        t: ctx.t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        year,
        years: state.service.calendar.current().years().collect(),
        days_off: input.days_off.clone(),
        working_days: input.working_days.clone(),
        note: input.note.clone(),
        errors,
        saved,
    }
}

/// `GET /admin/calendar?year=`: the year as in use (this year by default).
pub async fn show(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(q): Query<YearQuery>,
) -> Response {
    let year = q
        .year
        .unwrap_or_else(|| almaty_date(state.service.now()).year());
    match calendar::year(&state.service, &ctx.actor, year) {
        Ok(y) => {
            let input = YearInput {
                days_off: lines(&y.days_off),
                working_days: lines(&y.working_days),
                note: y.note.clone(),
            };
            ctx.page(
                StatusCode::OK,
                &page(&ctx, &state, year, &input, Vec::new(), q.saved == Some(1)),
            )
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /admin/calendar/{year}`: saves the year; mistakes come back with what was typed.
pub async fn save(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path(year): Path<i16>,
    Posted(f): Posted<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| f.get(k).cloned().unwrap_or_default();
    let input = YearInput {
        days_off: field("days_off"),
        working_days: field("working_days"),
        note: field("note"),
    };
    match calendar::edit_year(&state.service, &ctx.actor, year, &input).await {
        Ok(_) => see_other(&format!("/admin/calendar?year={year}&saved=1")),
        Err(e @ AppError::Invalid(_)) => {
            let errors = problem_lines(ctx.t, &e);
            ctx.form_page(true, &page(&ctx, &state, year, &input, errors, false))
        }
        Err(e) => ctx.failure(&e),
    }
}
