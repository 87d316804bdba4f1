//! The working calendar as the service uses it: the shipped (or configured) calendar with the
//! years an administrator edited in the back office laid over it. Edits are stored, take effect
//! on the node that saved them at once, and on the other nodes when the worker reloads them;
//! `kandas calendar due` lays the same stored edits over the same base with [`lay_over`].

mod edit;
mod reminder;

use std::ops::RangeInclusive;
use std::sync::{Arc, RwLock};

use kandas_domain::calendar::{WorkingCalendar, YearCalendar};
use serde::Serialize;

use crate::actor::{Actor, Role};
use crate::error::AppError;
use crate::service::Service;

pub use edit::{DayInput, YearInput, edit_year};
pub use reminder::{remind_unconfirmed, unconfirmed_year};

/// The years an administrator may look at and edit: from the Law "On holidays" (2001) for a
/// century. Any other year still has a computed calendar for deadlines.
pub const EDITABLE_YEARS: RangeInclusive<i16> = 2001..=2100;

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

/// A year as given in an address: one of [`EDITABLE_YEARS`], else not found.
pub fn parse_year(text: &str) -> Result<i16, AppError> {
    text.trim()
        .parse::<i16>()
        .ok()
        .filter(|y| EDITABLE_YEARS.contains(y))
        .ok_or(AppError::NotFound)
}

fn internal(e: impl Into<crate::error::BoxError>) -> AppError {
    AppError::internal_in("the working calendar", e)
}

/// Lays stored edits (JSON of [`YearCalendar`], as [`edit_year`] saves them) over `base`, each
/// checked like the shipped file. An edit saved before years could be confirmed is as confirmed
/// as the year it replaced.
pub fn lay_over(base: &WorkingCalendar, stored: &[String]) -> Result<WorkingCalendar, AppError> {
    let mut calendar = base.clone();
    for json in stored {
        let value: serde_json::Value = serde_json::from_str(json).map_err(internal)?;
        let mut year: YearCalendar = serde_json::from_value(value.clone()).map_err(internal)?;
        if value.get("confirmed").is_none() {
            year.confirmed = base.is_confirmed(year.year);
        }
        calendar = calendar.with_year(year).map_err(internal)?;
    }
    Ok(calendar)
}

/// Lays the stored edits over the base calendar (at start, and by the worker now and then).
pub async fn reload(service: &Service) -> Result<usize, AppError> {
    let years = service.store.calendar_years().await?;
    let calendar = lay_over(&service.calendar.base, &years)?;
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

/// One year of the calendar in use, and whether it is computed from the statutory holidays
/// (not listed; then never confirmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearView {
    /// The year's days as in use (`year`, `confirmed`, `note`, `days_off`, `working_days`).
    #[serde(flatten)]
    pub calendar: YearCalendar,
    /// Computed from the statutory holidays rather than listed.
    pub computed: bool,
}

/// One year of the calendar as in use (any year in [`EDITABLE_YEARS`]).
pub fn year(service: &Service, actor: &Actor, year: i16) -> Result<YearView, AppError> {
    admin(actor)?;
    if !EDITABLE_YEARS.contains(&year) {
        return Err(AppError::NotFound);
    }
    let calendar = service.calendar.current();
    Ok(YearView {
        calendar: calendar.year(year).into_owned(),
        computed: !calendar.is_listed(year),
    })
}
