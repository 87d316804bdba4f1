//! An administrator replaces a year of the calendar: each day with its names in kk/ru/en and
//! the act it comes from, and whether the year is confirmed. The year is checked like the
//! shipped file, stored with its audit, and in use at once.

use jiff::civil::Date;
use kandas_domain::application::form::FieldError;
use kandas_domain::audit::AuditAction;
use kandas_domain::calendar::{CalendarError, DayEntry, Trilingual, WorkingCalendar, YearCalendar};
use kandas_domain::codes::CalendarCode;
use serde::Deserialize;

use super::{EDITABLE_YEARS, YearView, admin, internal};
use crate::actor::Actor;
use crate::error::AppError;
use crate::service::Service;

/// The longest name of a day.
const NAME_MAX: usize = 200;
/// The longest title of an act.
const ACT_MAX: usize = 500;
/// The longest note.
const NOTE_MAX: usize = 2000;

/// One day as the administrator enters it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DayInput {
    /// The date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    /// What the day is, in kk, ru and en.
    #[serde(default)]
    pub names: Trilingual,
    /// The act it comes from, in kk, ru and en.
    #[serde(default)]
    pub act: Trilingual,
}

impl DayInput {
    /// A day as listed, to edit.
    pub fn of(entry: &DayEntry) -> DayInput {
        DayInput {
            date: entry.date.to_string(),
            names: entry.names.clone(),
            act: entry.act.clone(),
        }
    }

    fn is_blank(&self) -> bool {
        self.date.trim().is_empty() && self.names.is_empty() && self.act.is_empty()
    }
}

/// A year as the administrator enters it (the page's form and the API's body).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct YearInput {
    /// Whether the government's transfer act for the year is known and the lists follow it.
    #[serde(default)]
    pub confirmed: bool,
    /// The acts the year follows, open questions.
    #[serde(default)]
    pub note: Trilingual,
    /// Weekdays that are days off. Rows left wholly blank are skipped.
    #[serde(default)]
    pub days_off: Vec<DayInput>,
    /// Saturdays and Sundays that are working days (transfers).
    #[serde(default)]
    pub working_days: Vec<DayInput>,
}

impl YearInput {
    /// A year as in use, to edit.
    pub fn of(year: &YearCalendar) -> YearInput {
        YearInput {
            confirmed: year.confirmed,
            note: year.note.clone(),
            days_off: year.days_off.iter().map(DayInput::of).collect(),
            working_days: year.working_days.iter().map(DayInput::of).collect(),
        }
    }
}

fn texts(path: &str, text: &Trilingual, max: usize, code: CalendarCode) -> Vec<FieldError> {
    [("kk", &text.kk), ("ru", &text.ru), ("en", &text.en)]
        .into_iter()
        .filter(|(_, t)| t.trim().is_empty() || t.chars().count() > max)
        .map(|(lang, _)| FieldError {
            field: format!("{path}.{lang}"),
            code: code.into(),
        })
        .collect()
}

/// The days of one list that are not blank, each with its path, checked field by field.
fn days(list: &'static str, input: &[DayInput], problems: &mut Vec<FieldError>) -> Vec<DayEntry> {
    let mut entries = Vec::new();
    for (i, day) in input.iter().enumerate().filter(|(_, d)| !d.is_blank()) {
        let path = format!("{list}[{i}]");
        let date = day.date.trim().parse::<Date>();
        if date.is_err() {
            problems.push(FieldError {
                field: format!("{path}.date"),
                code: CalendarCode::Date.into(),
            });
        }
        let mut wrong = texts(
            &format!("{path}.names"),
            &day.names,
            NAME_MAX,
            CalendarCode::Name,
        );
        wrong.extend(texts(
            &format!("{path}.act"),
            &day.act,
            ACT_MAX,
            CalendarCode::Act,
        ));
        let fine = wrong.is_empty();
        problems.extend(wrong);
        if let (Ok(date), true) = (date, fine) {
            let trimmed = |t: &Trilingual| t.map(|_, s| s.trim().to_owned());
            entries.push(DayEntry {
                date,
                names: trimmed(&day.names),
                act: trimmed(&day.act),
            });
        }
    }
    entries
}

/// Where the calendar's own check found the fault: the row of the date it names.
fn located(e: &CalendarError, input: &YearInput) -> FieldError {
    let (list, rows, date, nth) = match e {
        CalendarError::DayOffAndWorkingDay(d) | CalendarError::WorkingDayNotOnWeekend(d) => {
            ("working_days", &input.working_days, Some(*d), 0)
        }
        CalendarError::DuplicateDate(d) => {
            let in_days_off = input.days_off.iter().filter(|r| same(r, *d)).count() > 1;
            let (list, rows) = if in_days_off {
                ("days_off", &input.days_off)
            } else {
                ("working_days", &input.working_days)
            };
            (list, rows, Some(*d), 1)
        }
        CalendarError::DateOutsideYear { date, .. } => {
            let in_days_off = input.days_off.iter().any(|r| same(r, *date));
            let (list, rows) = if in_days_off {
                ("days_off", &input.days_off)
            } else {
                ("working_days", &input.working_days)
            };
            (list, rows, Some(*date), 0)
        }
        CalendarError::DayOffOnWeekend(d) => ("days_off", &input.days_off, Some(*d), 0),
        _ => ("days_off", &input.days_off, None, 0),
    };
    let row = date.and_then(|d| {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| same(r, d))
            .nth(nth)
            .map(|(i, _)| i)
    });
    FieldError {
        field: match row {
            Some(i) => format!("{list}[{i}].date"),
            None => list.to_owned(),
        },
        code: WorkingCalendar::error_code(e),
    }
}

fn same(row: &DayInput, date: Date) -> bool {
    row.date.trim().parse::<Date>().is_ok_and(|d| d == date)
}

/// Replaces a year of the calendar, checked like the shipped file (every day in the year, days
/// off on weekdays, transfer working days on weekends, no date twice) and every day with its
/// names and act in kk, ru and en; the edit is audited and in use at once. Cases registered
/// before keep the due dates they were given.
pub async fn edit_year(
    service: &Service,
    actor: &Actor,
    year: i16,
    input: &YearInput,
) -> Result<YearView, AppError> {
    admin(actor)?;
    if !EDITABLE_YEARS.contains(&year) {
        return Err(AppError::NotFound);
    }
    let mut problems = Vec::new();
    let note = input
        .note
        .map(|_, t| t.trim().chars().take(NOTE_MAX).collect());
    let edited = YearCalendar {
        year,
        confirmed: input.confirmed,
        note,
        days_off: days("days_off", &input.days_off, &mut problems),
        working_days: days("working_days", &input.working_days, &mut problems),
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let calendar = service
        .calendar
        .current()
        .with_year(edited.clone())
        .map_err(|e| AppError::Invalid(vec![located(&e, input)]))?;
    let json = serde_json::to_string(&edited).map_err(internal)?;
    let mut audit = service.audit_by(actor, AuditAction::CalendarEdit);
    audit.details = serde_json::json!({ "year": year, "confirmed": edited.confirmed,
        "days_off": edited.days_off.len(), "working_days": edited.working_days.len() });
    service
        .store
        .save_calendar_year(year, &json, &audit)
        .await?;
    service.calendar.replace(calendar);
    Ok(YearView {
        calendar: edited,
        computed: false,
    })
}
