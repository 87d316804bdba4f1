//! The administrator's back office: the working calendar, a year at a time — the year as in
//! use in the page's language (confirmed or not, listed or computed), and the form that edits
//! it with each day's names and act in kk/ru/en.

mod rows;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kandas_app::AppError;
use kandas_app::calendar::{self, YearInput, YearView, unconfirmed_year};
use kandas_domain::deadline::almaty_date;
use serde::Deserialize;

use self::rows::{CalendarForm, Cell, Listed, Row, languages, listed};
use super::layout::{ErrorLine, Posted, SignedCtx, Texts, problem_lines, see_other};
use crate::AppState;

/// One year of the working calendar, to read and edit.
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
    /// The years to switch to: the listed ones, this year and the next.
    pub years: Vec<i16>,
    /// The year as in use is confirmed.
    pub confirmed: bool,
    /// The year as in use is computed from the statutory holidays.
    pub computed: bool,
    /// The year that should be confirmed by now and is not, for the banner.
    pub banner: Option<i16>,
    /// The days off as in use, in the page's language.
    pub listed_days_off: Vec<Listed>,
    /// The transfer working days as in use, in the page's language.
    pub listed_working_days: Vec<Listed>,
    /// The form's days off.
    pub days_off: Vec<Row>,
    /// The form's working days.
    pub working_days: Vec<Row>,
    /// The form's note, kk/ru/en.
    pub note: Vec<Cell>,
    /// The form's confirmation box.
    pub confirm: bool,
    /// Error summary.
    pub errors: Vec<ErrorLine>,
    /// Just saved.
    pub saved: bool,
}

/// `?year=` and `?saved=1`.
#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<String>,
    #[serde(default)]
    saved: Option<u8>,
}

fn page(
    ctx: &SignedCtx,
    state: &AppState,
    current: &YearView,
    input: &YearInput,
    errors: Vec<ErrorLine>,
) -> CalendarPage {
    let t = ctx.t;
    let in_use = state.service.calendar.current();
    let this = almaty_date(state.service.now()).year();
    let year = current.calendar.year;
    let mut years: Vec<i16> = in_use.years().chain([this, this + 1, year]).collect();
    years.sort_unstable();
    years.dedup();
    CalendarPage {
        t,
        csrf: ctx.csrf.clone(),
        signed_in: true,
        year,
        years,
        confirmed: current.calendar.confirmed,
        computed: current.computed,
        banner: unconfirmed_year(&in_use, almaty_date(state.service.now())),
        listed_days_off: listed(t, &current.calendar.days_off),
        listed_working_days: listed(t, &current.calendar.working_days),
        days_off: rows::rows(t, &errors, "days_off", &input.days_off),
        working_days: rows::rows(t, &errors, "working_days", &input.working_days),
        note: languages(
            t,
            &errors,
            "note",
            &input.note,
            &t.get("admin-calendar-note"),
        ),
        confirm: input.confirmed,
        errors,
        saved: false,
    }
}

/// `GET /admin/calendar?year=`: the year as in use (this year by default).
pub async fn show(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Query(q): Query<YearQuery>,
) -> Response {
    let this = almaty_date(state.service.now()).year();
    let year = q.year.as_deref().map_or(Ok(this), calendar::parse_year);
    match year.and_then(|y| calendar::year(&state.service, &ctx.actor, y)) {
        Ok(current) => {
            let input = YearInput::of(&current.calendar);
            let mut shown = page(&ctx, &state, &current, &input, Vec::new());
            shown.saved = q.saved == Some(1);
            ctx.page(StatusCode::OK, &shown)
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /admin/calendar/{year}`: saves the year; mistakes come back with what was typed.
pub async fn save(
    ctx: SignedCtx,
    State(state): State<AppState>,
    Path(year): Path<String>,
    Posted(f): Posted<CalendarForm>,
) -> Response {
    let year = match calendar::parse_year(&year) {
        Ok(year) => year,
        Err(e) => return ctx.failure(&e),
    };
    let input = f.year();
    match calendar::edit_year(&state.service, &ctx.actor, year, &input).await {
        Ok(_) => see_other(&format!("/admin/calendar?year={year}&saved=1")),
        Err(e @ AppError::Invalid(_)) => match calendar::year(&state.service, &ctx.actor, year) {
            Ok(current) => {
                let errors = problem_lines(ctx.t, &e);
                ctx.form_page(true, &page(&ctx, &state, &current, &input, errors))
            }
            Err(e) => ctx.failure(&e),
        },
        Err(e) => ctx.failure(&e),
    }
}
