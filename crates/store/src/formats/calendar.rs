//! `calendar_years.year_json`: a year of the working calendar as an administrator edited it,
//! wrapped in version 1 (`{"v":1,"calendar":…}`). The year inside is in the calendar file's
//! own documented format (`domain/data/calendar.json`, one entry of `years`), which the
//! calendar reads with its own rules for older shapes; the store neither reads nor changes it.
//! Rows written before carry the bare year; they read as that year.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::V1;
use super::audit::Wrapped;

/// The stored edited year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct StoredCalendarYear(Wrapped<CalendarYearV1>);

/// Version 1 of an edited year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CalendarYearV1 {
    #[serde(rename = "v")]
    v: V1,
    #[serde(rename = "calendar")]
    calendar: Value,
}

impl From<&Value> for StoredCalendarYear {
    fn from(calendar: &Value) -> Self {
        StoredCalendarYear(Wrapped::Versioned(CalendarYearV1 {
            v: V1,
            calendar: calendar.clone(),
        }))
    }
}

impl From<StoredCalendarYear> for Value {
    fn from(stored: StoredCalendarYear) -> Self {
        match stored.0 {
            Wrapped::Versioned(y) => y.calendar,
            Wrapped::Bare(v) => v,
        }
    }
}
