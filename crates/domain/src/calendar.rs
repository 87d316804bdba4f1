//! Kazakhstan's working calendar (five-day week) as data.
//!
//! A day is a working day when it is Monday–Friday and not a day off, or a Saturday/Sunday
//! made a transfer working day. The listed years come from `data/calendar.json` (each confirmed
//! once the government's transfer act for it is known; editable by an administrator); every
//! other year is computed from the statutory holidays (`data/holidays.json`, see
//! [`Statutory`]) and is never confirmed. Any date has an answer: a request never fails for
//! want of a year.

mod data;
mod statutory;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_statutory;
#[cfg(test)]
mod tests_validation;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::codes::{CalendarCode, ErrorCode};

pub use data::{CalendarFile, DayEntry, Trilingual, YearCalendar};
pub use statutory::{ExpectedDate, Holiday, HolidayKind, HolidaysFile, MovedRule, Statutory};

/// The calendar shipped with the service.
const SHIPPED: &str = include_str!("../data/calendar.json");

/// What went wrong loading or using the working calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The calendar JSON could not be read.
    #[error("the calendar JSON is malformed: {0}")]
    Json(String),
    /// The statutory holidays could not be read or are inconsistent.
    #[error("the statutory holidays are invalid: {0}")]
    Holidays(String),
    /// A year appears twice in the data.
    #[error("the calendar lists the year {0} twice")]
    DuplicateYear(i16),
    /// An entry sits in another year than the one it is listed under.
    #[error("{date} is listed under the year {year} but belongs to another year")]
    DateOutsideYear {
        /// The year the entry is listed under.
        year: i16,
        /// The misplaced date.
        date: Date,
    },
    /// The same date is listed twice in one list.
    #[error("{0} is listed twice")]
    DuplicateDate(Date),
    /// A date is listed both as a day off and as a working day.
    #[error("{0} is listed both as a day off and as a working day")]
    DayOffAndWorkingDay(Date),
    /// A listed day off falls on a weekend, where it changes nothing (list the moved day instead).
    #[error(
        "{0} is listed as a day off but is a Saturday or Sunday already; list the weekday it moves to"
    )]
    DayOffOnWeekend(Date),
    /// A listed transfer working day is a weekday, which works anyway.
    #[error("{0} is listed as a transfer working day but is not a Saturday or Sunday")]
    WorkingDayNotOnWeekend(Date),
    /// Date arithmetic left the range of supported dates.
    #[error("no date after {0} can be represented")]
    DateOutOfRange(Date),
}

/// The statutory holidays shipped with the service, read once per process.
fn shipped_statutory() -> Result<Arc<Statutory>, CalendarError> {
    static SHIPPED_HOLIDAYS: OnceLock<Result<Arc<Statutory>, CalendarError>> = OnceLock::new();
    SHIPPED_HOLIDAYS
        .get_or_init(|| {
            Statutory::from_json(statutory::SHIPPED)
                .map(Arc::new)
                .map_err(CalendarError::Holidays)
        })
        .clone()
}

/// The days that deviate from the five-day week in one listed year, indexed for lookups.
#[derive(Debug, Clone, Default)]
struct YearIndex {
    confirmed: bool,
    days_off: BTreeSet<Date>,
    working_days: BTreeSet<Date>,
}

/// Kazakhstan's working calendar: the listed years over the statutory holidays. Built only
/// through validation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "CalendarFile", into = "CalendarFile")]
pub struct WorkingCalendar {
    file: CalendarFile,
    index: BTreeMap<i16, YearIndex>,
    statutory: Arc<Statutory>,
}

impl PartialEq for WorkingCalendar {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file && self.statutory == other.statutory
    }
}

impl Eq for WorkingCalendar {}

impl TryFrom<CalendarFile> for WorkingCalendar {
    type Error = CalendarError;

    fn try_from(file: CalendarFile) -> Result<Self, CalendarError> {
        WorkingCalendar::new(file, shipped_statutory()?)
    }
}

impl From<WorkingCalendar> for CalendarFile {
    fn from(calendar: WorkingCalendar) -> CalendarFile {
        calendar.file
    }
}

/// Checks one year's lists and indexes them. Conflicts are reported before the weekday checks so
/// that a date listed on both sides is named as such.
fn index_year(year: &YearCalendar) -> Result<YearIndex, CalendarError> {
    let mut index = YearIndex {
        confirmed: year.confirmed,
        ..YearIndex::default()
    };
    for entry in &year.days_off {
        check_in_year(year.year, entry.date)?;
        if !index.days_off.insert(entry.date) {
            return Err(CalendarError::DuplicateDate(entry.date));
        }
    }
    for entry in &year.working_days {
        check_in_year(year.year, entry.date)?;
        if index.days_off.contains(&entry.date) {
            return Err(CalendarError::DayOffAndWorkingDay(entry.date));
        }
        if !index.working_days.insert(entry.date) {
            return Err(CalendarError::DuplicateDate(entry.date));
        }
    }
    if let Some(&date) = index.days_off.iter().find(|d| is_weekend(**d)) {
        return Err(CalendarError::DayOffOnWeekend(date));
    }
    if let Some(&date) = index.working_days.iter().find(|d| !is_weekend(**d)) {
        return Err(CalendarError::WorkingDayNotOnWeekend(date));
    }
    Ok(index)
}

fn check_in_year(year: i16, date: Date) -> Result<(), CalendarError> {
    if date.year() == year {
        Ok(())
    } else {
        Err(CalendarError::DateOutsideYear { year, date })
    }
}

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl WorkingCalendar {
    /// Checks the listed years (every date belongs to the year it is listed under, no date is
    /// listed twice or both as a day off and a working day, days off are weekdays and transfer
    /// working days are weekends, no year appears twice) over `statutory` for the other years.
    pub fn new(file: CalendarFile, statutory: Arc<Statutory>) -> Result<Self, CalendarError> {
        let mut index = BTreeMap::new();
        for year in &file.years {
            let built = index_year(year)?;
            if index.insert(year.year, built).is_some() {
                return Err(CalendarError::DuplicateYear(year.year));
            }
        }
        Ok(WorkingCalendar {
            file,
            index,
            statutory,
        })
    }

    /// This calendar with `year` replaced (or added), checked like a loaded file.
    pub fn with_year(&self, year: YearCalendar) -> Result<WorkingCalendar, CalendarError> {
        let mut file = self.file.clone();
        file.years.retain(|y| y.year != year.year);
        file.years.push(year);
        file.years.sort_by_key(|y| y.year);
        WorkingCalendar::new(file, self.statutory.clone())
    }

    /// The stable message id of a calendar error (the date it names goes with it).
    pub fn error_code(error: &CalendarError) -> ErrorCode {
        match error {
            CalendarError::DuplicateDate(_) | CalendarError::DuplicateYear(_) => {
                CalendarCode::Duplicate
            }
            CalendarError::DayOffAndWorkingDay(_) => CalendarCode::Both,
            CalendarError::DayOffOnWeekend(_) => CalendarCode::DayOffOnWeekend,
            CalendarError::WorkingDayNotOnWeekend(_) => CalendarCode::WorkingDayOnWeekday,
            CalendarError::DateOutsideYear { .. } => CalendarCode::OutsideYear,
            CalendarError::Json(_)
            | CalendarError::Holidays(_)
            | CalendarError::DateOutOfRange(_) => CalendarCode::Invalid,
        }
        .into()
    }

    /// The calendar shipped with the service (`data/calendar.json` over `data/holidays.json`).
    pub fn shipped() -> Result<Self, CalendarError> {
        Self::from_json(SHIPPED)
    }

    /// Reads and validates a calendar (see [`WorkingCalendar::new`]) over the shipped
    /// statutory holidays.
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        let file: CalendarFile =
            serde_json::from_str(json).map_err(|e| CalendarError::Json(e.to_string()))?;
        Self::try_from(file)
    }

    /// The calendar as pretty-printed JSON, in the shape `from_json` reads.
    pub fn to_json(&self) -> String {
        // Serializing plain strings, dates and enums cannot fail; fall back to an empty string
        // rather than panic should that ever change.
        serde_json::to_string_pretty(&self.file).unwrap_or_default()
    }

    /// The statutory holidays the unlisted years are computed from.
    pub fn statutory(&self) -> &Statutory {
        &self.statutory
    }

    /// The listed years, ascending.
    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.index.keys().copied()
    }

    /// Whether `year` is listed (rather than computed from the statutory holidays).
    pub fn is_listed(&self, year: i16) -> bool {
        self.index.contains_key(&year)
    }

    /// Whether `year` is listed and confirmed.
    pub fn is_confirmed(&self, year: i16) -> bool {
        self.index.get(&year).is_some_and(|y| y.confirmed)
    }

    /// Whether every year from `from`'s to `to`'s is listed and confirmed.
    pub fn confirmed_between(&self, from: Date, to: Date) -> bool {
        (from.year().min(to.year())..=from.year().max(to.year())).all(|y| self.is_confirmed(y))
    }

    /// The entries of any year: as listed, or computed from the statutory holidays (then not
    /// confirmed, and without transfers).
    pub fn year(&self, year: i16) -> Cow<'_, YearCalendar> {
        match self.file.years.iter().find(|y| y.year == year) {
            Some(listed) => Cow::Borrowed(listed),
            None => Cow::Owned(self.statutory.year(year)),
        }
    }

    /// Whether `date` is a working day: Monday–Friday unless a day off, Saturday or Sunday only
    /// when listed as a transfer working day. Unlisted years follow the statutory holidays.
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.index.get(&date.year()) {
            Some(year) if is_weekend(date) => year.working_days.contains(&date),
            Some(year) => !year.days_off.contains(&date),
            None => !is_weekend(date) && !self.statutory.is_day_off(date),
        }
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day_after(&self, date: Date) -> Result<Date, CalendarError> {
        let mut day = date;
        loop {
            day = day
                .tomorrow()
                .map_err(|_| CalendarError::DateOutOfRange(day))?;
            if self.is_working_day(day) {
                return Ok(day);
            }
        }
    }

    /// The `n`-th working day strictly after `start` (`start` itself is not counted, whether it is
    /// a working day or not). With `n == 0` it returns `start`.
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Date, CalendarError> {
        let mut day = start;
        for _ in 0..n {
            day = self.next_working_day_after(day)?;
        }
        Ok(day)
    }

    /// The number of working days in `(after, up_to]`: after `after`, up to and including
    /// `up_to`. Zero when `up_to <= after`.
    pub fn count_working_days(&self, after: Date, up_to: Date) -> Result<u32, CalendarError> {
        let mut count = 0;
        let mut day = after;
        while day < up_to {
            day = day
                .tomorrow()
                .map_err(|_| CalendarError::DateOutOfRange(day))?;
            if self.is_working_day(day) {
                count += 1;
            }
        }
        Ok(count)
    }
}
