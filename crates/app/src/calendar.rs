//! The working calendar as the service uses it: the shipped (or configured) calendar with the
//! years an administrator edited in the back office laid over it. Edits are stored, take effect
//! on the node that saved them at once, and on the other nodes when the worker reloads them.

use std::sync::{Arc, RwLock};

use jiff::civil::Date;
use kandas_domain::application::form::FieldError;
use kandas_domain::calendar::{Basis, DayEntry, WorkingCalendar, YearCalendar};
use serde::Deserialize;

use crate::actor::{Actor, Role};
use crate::error::AppError;
use crate::service::Service;

/// The calendar in use, replaceable while the service runs.
#[derive(Debug)]
pub struct CalendarCell {
    base: WorkingCalendar,
    current: RwLock<Arc<WorkingCalendar>>,
}

impl CalendarCell {
    /// A cell holding `base` until edits are laid over it.
    pub fn new(base: WorkingCalendar) -> CalendarCell {
        CalendarCell {
            current: RwLock::new(Arc::new(base.clone())),
            base,
        }
    }

    /// The calendar in use now.
    pub fn current(&self) -> Arc<WorkingCalendar> {
        match self.current.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn replace(&self, calendar: WorkingCalendar) {
        let mut slot = match self.current.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        *slot = Arc::new(calendar);
    }
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("the working calendar: {e}"))
}

/// Lays the stored edits over the base calendar (at start, and by the worker now and then).
pub async fn reload(service: &Service) -> Result<usize, AppError> {
    let mut calendar = service.calendar.base.clone();
    let years = service.store.calendar_years().await?;
    for json in &years {
        let year: YearCalendar = serde_json::from_str(json).map_err(internal)?;
        calendar = calendar.with_year(year).map_err(internal)?;
    }
    service.calendar.replace(calendar);
    Ok(years.len())
}

fn admin(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Admin) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// One year of the calendar as in use.
pub fn year(service: &Service, actor: &Actor, year: i16) -> Result<YearCalendar, AppError> {
    admin(actor)?;
    let calendar = service.calendar.current();
    calendar.year(year).cloned().map_err(|_| AppError::NotFound)
}

/// A year as the administrator types it: one day per line, `YYYY-MM-DD reason`.
#[derive(Debug, Clone, Deserialize)]
pub struct YearInput {
    /// Weekdays that are days off.
    #[serde(default)]
    pub days_off: String,
    /// Saturdays and Sundays that are working days (transfers).
    #[serde(default)]
    pub working_days: String,
    /// The acts it follows.
    #[serde(default)]
    pub note: String,
}

fn lines(field: &'static str, raw: &str, problems: &mut Vec<FieldError>) -> Vec<DayEntry> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter_map(|line| {
            let (date, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            match date.parse::<Date>() {
                Ok(date) if reason.trim().chars().count() <= 200 => Some(DayEntry {
                    date,
                    reason: reason.trim().to_owned(),
                    basis: Basis::Published,
                }),
                _ => {
                    problems.push(FieldError {
                        field: field.to_owned(),
                        code: "calendar.line",
                    });
                    None
                }
            }
        })
        .collect()
}

/// Replaces a year of the calendar, checked like the shipped file; the edit is audited and in
/// use at once. Cases registered before keep the due dates they were given.
pub async fn edit_year(
    service: &Service,
    actor: &Actor,
    year: i16,
    input: &YearInput,
) -> Result<YearCalendar, AppError> {
    admin(actor)?;
    let mut problems = Vec::new();
    let edited = YearCalendar {
        year,
        note: input.note.trim().chars().take(2000).collect(),
        days_off: lines("days_off", &input.days_off, &mut problems),
        working_days: lines("working_days", &input.working_days, &mut problems),
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let calendar = service
        .calendar
        .current()
        .with_year(edited.clone())
        .map_err(|e| {
            let field = match e {
                kandas_domain::calendar::CalendarError::WorkingDayNotOnWeekend(_) => "working_days",
                _ => "days_off",
            };
            AppError::Invalid(vec![FieldError {
                field: field.to_owned(),
                code: WorkingCalendar::error_code(&e),
            }])
        })?;
    let json = serde_json::to_string(&edited).map_err(internal)?;
    let mut audit = service.audit_by(actor, "calendar.edit");
    audit.details = serde_json::json!({ "year": year, "days_off": edited.days_off.len(),
        "working_days": edited.working_days.len() });
    service
        .store
        .save_calendar_year(year, &json, &audit)
        .await?;
    service.calendar.replace(calendar);
    Ok(edited)
}
