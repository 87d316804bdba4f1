//! The deadline of an application: when it counts as accepted and the last day of its term.
//!
//! An application that arrives within working hours on a working day (or before opening on one)
//! is accepted that day; one that arrives after closing or on a non-working day is accepted on the
//! next working day. The rule set in force on the day of acceptance (the registration day) sets
//! the term and governs the case: an application received on Friday evening before a new rule
//! set takes effect on Monday runs under the new set. The day of acceptance is not counted: the
//! term's first day is the first working day after it, and the deadline is the term's last day.
//! All days are Asia/Almaty civil dates. Any year has a calendar (listed or computed from the
//! statutory holidays), so a deadline can always be computed.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};
use serde::{Deserialize, Serialize};

use crate::application::kind::Kind;
use crate::calendar::{CalendarError, WorkingCalendar};
use crate::rules::{RuleBook, RulesError};

/// The IANA name of the service's time zone.
const ALMATY: &str = "Asia/Almaty";

/// When an application was accepted, its deadline, and the rule set that governs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The day of acceptance (registration day); not counted in the term.
    pub accepted: Date,
    /// The last day of the term: the decision is due by the end of this day.
    pub due: Date,
    /// The id of the rule set in force on `accepted`.
    pub rule_set: String,
    /// The term stood still for a hearing (when the rule set says so); `due` includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspension: Option<Suspension>,
}

/// The decision term standing still while the applicant is heard: for the working days after
/// the day of the (first) notice of the hearing up to and including the hearing's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    /// The day the applicant was first notified of the hearing.
    pub from: Date,
    /// The hearing's day.
    pub to: Date,
    /// The working days in `(from, to]`, by which the due date moves.
    pub working_days: u32,
    /// The due date before the suspension.
    pub original_due: Date,
}

impl Deadline {
    /// The due date before any suspension.
    pub fn original_due(&self) -> Date {
        self.suspension.map_or(self.due, |s| s.original_due)
    }

    /// This deadline with the term suspended from the notice day `from` to the hearing day
    /// `to` (replacing any earlier suspension: a moved hearing counts from its first notice).
    pub fn suspended(
        &self,
        calendar: &WorkingCalendar,
        from: Date,
        to: Date,
    ) -> Result<Deadline, CalendarError> {
        let original_due = self.original_due();
        let working_days = calendar.count_working_days(from, to)?;
        Ok(Deadline {
            due: calendar.add_working_days(original_due, working_days)?,
            suspension: Some(Suspension {
                from,
                to,
                working_days,
                original_due,
            }),
            ..self.clone()
        })
    }
}

/// What went wrong computing a deadline.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The working calendar could not answer (only past the last representable date).
    #[error("working calendar: {0}")]
    Calendar(#[from] CalendarError),
    /// No rule set applies.
    #[error("rule sets: {0}")]
    Rules(#[from] RulesError),
}

/// Asia/Almaty from the bundled time zone database. Should the lookup ever fail, UTC+05:00 is
/// used, which is Almaty's offset since 2024-03-01 and so for every year the calendar covers.
pub fn almaty() -> TimeZone {
    TimeZone::get(ALMATY).unwrap_or_else(|_| TimeZone::fixed(Offset::constant(5)))
}

/// The Asia/Almaty civil date of an instant.
pub fn almaty_date(ts: Timestamp) -> Date {
    almaty().to_datetime(ts).date()
}

/// The instant the Asia/Almaty day `day` begins (fails only outside jiff's range of instants).
pub fn almaty_start_of(day: Date) -> Result<Timestamp, jiff::Error> {
    almaty().to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
}

/// Computes when an application of `kind` received at `received` is accepted and when it is due.
///
/// The working hours are those of the rule set in force on the day of receipt (they decide
/// whether it was received in hours); the term, and the rule set that governs the case, come
/// from the rule set in force on the day of acceptance.
pub fn compute(
    calendar: &WorkingCalendar,
    rules: &RuleBook,
    kind: Kind,
    received: Timestamp,
) -> Result<Deadline, DeadlineError> {
    let local = almaty().to_datetime(received);
    let day = local.date();
    let same_day =
        calendar.is_working_day(day) && local.time() < rules.in_force(day)?.working_hours.closes;
    let accepted = if same_day {
        day
    } else {
        calendar.next_working_day_after(day)?
    };
    let set = rules.in_force(accepted)?;
    let due = calendar.add_working_days(accepted, set.term_days(kind))?;
    Ok(Deadline {
        accepted,
        due,
        rule_set: set.id.clone(),
        suspension: None,
    })
}

/// Whether a decision made on `today` meets the deadline `due` (the due day itself is on time).
pub fn is_on_time(due: Date, today: Date) -> bool {
    today <= due
}

/// How pressing an open case is on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// The due date is still ahead.
    OnTime,
    /// Today is the last day.
    DueToday,
    /// The due date has passed.
    Overdue,
}

impl Urgency {
    /// The stable code (`on_time`, `due_today`, `overdue`).
    pub fn code(self) -> &'static str {
        match self {
            Urgency::OnTime => "on_time",
            Urgency::DueToday => "due_today",
            Urgency::Overdue => "overdue",
        }
    }

    /// The urgency of a case due on `due`, seen on `today`.
    pub fn of(due: Date, today: Date) -> Urgency {
        match today.cmp(&due) {
            std::cmp::Ordering::Less => Urgency::OnTime,
            std::cmp::Ordering::Equal => Urgency::DueToday,
            std::cmp::Ordering::Greater => Urgency::Overdue,
        }
    }
}

/// Working days left until `due`, seen on `today`: the working days after `today` up to and
/// including `due`; 0 when due today; negative when overdue (minus the working days after `due`
/// up to and including `today`, and at least -1 so that the sign always matches [`is_on_time`]).
pub fn working_days_left(
    calendar: &WorkingCalendar,
    today: Date,
    due: Date,
) -> Result<i64, CalendarError> {
    if today <= due {
        Ok(i64::from(calendar.count_working_days(today, due)?))
    } else {
        let late = i64::from(calendar.count_working_days(due, today)?);
        Ok(-late.max(1))
    }
}

#[cfg(test)]
mod tests;
