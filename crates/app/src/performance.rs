//! The public performance figures (issue 13): per local executive body and in total, by month,
//! the applications received and decided, the share decided on time, the median working days
//! to a decision, the refusals by ground, the refusals to accept and the extensions — computed
//! from the case events alone (no personal data), every cell of fewer than
//! [`SMALL_CELL`] cases suppressed. Public: no sign-in, nothing audited.

mod tally;
#[cfg(test)]
mod tests;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use kandas_domain::application::events::EventKind;
use kandas_domain::deadline::{almaty_date, almaty_start_of};
use kandas_domain::office::OfficeCode;

pub use tally::{SMALL_CELL, tally};

use crate::error::AppError;
use crate::service::Service;

/// How many months the figures cover, the current one included.
pub const MONTHS: i32 = 12;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i16,
    /// The month, 1–12.
    pub month: i8,
}

impl Month {
    /// The month `date` lies in.
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Its first day.
    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).unwrap_or(Date::MIN)
    }

    /// `YYYY-MM`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// A count, or "fewer than [`SMALL_CELL`]" (suppressed so that no case can be told apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// The number of cases.
    Shown(u32),
    /// Fewer than [`SMALL_CELL`] cases.
    Suppressed,
}

impl Count {
    /// The count as shown: suppressed under [`SMALL_CELL`].
    pub fn of(n: u32) -> Count {
        if n < SMALL_CELL {
            Count::Suppressed
        } else {
            Count::Shown(n)
        }
    }

    /// The number, unless suppressed.
    pub fn shown(self) -> Option<u32> {
        match self {
            Count::Shown(n) => Some(n),
            Count::Suppressed => None,
        }
    }
}

/// The refusals on one ground in a month.
#[derive(Debug, Clone, PartialEq)]
pub struct GroundCount {
    /// The ground's code (message id `ground-<code>`).
    pub ground: String,
    /// The cases refused on it (one case may be refused on several grounds).
    pub count: Count,
}

/// One month's figures of one office (or of all).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthFigures {
    /// Which month.
    pub month: Month,
    /// Applications registered (received) in the month.
    pub received: Count,
    /// Applications decided in the month.
    pub decided: Count,
    /// Of those, the share decided by their due day, in per cent (one decimal); none when the
    /// decided count is suppressed.
    pub on_time_percent: Option<f64>,
    /// The median of the working days from acceptance to the decision; none when the decided
    /// count is suppressed.
    pub median_working_days: Option<f64>,
    /// Refusals by ground (of the whole application or of family members), by ground code.
    pub refusals_by_ground: Vec<GroundCount>,
    /// Packages refused to accept (at a desk or by the completeness check).
    pub refused_to_accept: Count,
    /// Extensions granted.
    pub extensions: Count,
}

/// One office's figures (or the total), month by month, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeFigures {
    /// The local executive body; `None` for the total of all offices.
    pub office: Option<OfficeCode>,
    /// Every month of the period.
    pub months: Vec<MonthFigures>,
}

/// The figures of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Performance {
    /// The first month.
    pub from: Month,
    /// The last month (the current one).
    pub to: Month,
    /// The total first, then each office that had a case in the period, by code.
    pub offices: Vec<OfficeFigures>,
}

/// The kinds of events the figures are computed from.
pub const COUNTED: [EventKind; 3] = [
    EventKind::Submitted,
    EventKind::Decided,
    EventKind::RefusedToAccept,
];

/// The figures of the last [`MONTHS`] months (Almaty time), the current one included.
pub async fn figures(service: &Service) -> Result<Performance, AppError> {
    let now = service.now();
    let to = Month::of(almaty_date(now));
    let first = to
        .first_day()
        .checked_sub((MONTHS - 1).months())
        .map_err(|e| AppError::internal_in("the performance period", e))?;
    let after = to
        .first_day()
        .checked_add(1.month())
        .map_err(|e| AppError::internal_in("the performance period", e))?;
    let events = service
        .store
        .office_events(&COUNTED, start_of(first)?, start_of(after)?)
        .await?;
    let calendar = service.calendar.current();
    tally(&events, Month::of(first), to, &calendar)
        .map_err(|e| AppError::internal_in("counting working days to decisions", e))
}

/// The moment `day` begins in Almaty.
fn start_of(day: Date) -> Result<Timestamp, AppError> {
    almaty_start_of(day).map_err(|e| AppError::internal_in("the performance period", e))
}
