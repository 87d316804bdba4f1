//! The serialized shape of the working calendar: one entry per covered year, listing only the
//! deviations from the Monday–Friday week, each with its reason and where it comes from.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The whole calendar file (`data/calendar.json`), as an administrator edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFile {
    /// Free text: what the file is and how its entries were obtained.
    #[serde(default)]
    pub description: String,
    /// The covered years. A year missing here is not covered: nothing is guessed for it.
    pub years: Vec<YearCalendar>,
}

/// The deviations from the five-day week in one calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCalendar {
    /// The year this entry covers.
    pub year: i16,
    /// Free text: the acts the year is based on, open questions.
    #[serde(default)]
    pub note: String,
    /// Weekdays (Monday–Friday) that are days off: public holidays, holidays moved off a weekend,
    /// religious holidays, days off moved by a transfer act.
    #[serde(default)]
    pub days_off: Vec<DayEntry>,
    /// Saturdays or Sundays made working days by a transfer act.
    #[serde(default)]
    pub working_days: Vec<DayEntry>,
}

/// One listed day with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayEntry {
    /// The day.
    pub date: Date,
    /// A short reason, e.g. "For Victory Day, Saturday 9 May".
    pub reason: String,
    /// Where the entry comes from.
    #[serde(default)]
    pub basis: Basis,
}

/// Where a calendar entry comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Taken from a published act or the official calendar.
    #[default]
    Published,
    /// Derived by the rules of the Law "On holidays" and the Labour Code; to be checked against the
    /// act once it is published.
    Derived,
}
