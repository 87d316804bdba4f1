//! The auditor's search as typed (the page's form, the API's query) and checked: each value
//! that is not what its field takes is an error naming the field, all of them at once.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_domain::application::form::FieldError;
use kandas_domain::audit::{AuditAction, AuditError};
use kandas_domain::codes::{ErrorCode, InputError};
use kandas_domain::deadline::almaty_start_of;
use kandas_domain::iin::Iin;
use kandas_domain::numbers::ApplicationNumber;
use kandas_domain::office::OfficeCode;

use crate::error::AppError;
use crate::ports::store::AuditCursor;

/// A search of the trail as typed: every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrailQuery {
    /// The IIN of the person the rows are about.
    pub subject: Option<String>,
    /// The IIN of the official (or person) who acted.
    pub actor: Option<String>,
    /// An action code (`staff.read-case`, …).
    pub action: Option<String>,
    /// An office code: rows by that office's accounts.
    pub office: Option<String>,
    /// An application's number: that case's rows.
    pub number: Option<String>,
    /// The period's first day (`YYYY-MM-DD`, Asia/Almaty).
    pub from: Option<String>,
    /// The period's last day.
    pub to: Option<String>,
    /// Where the previous page ended ([`cursor_text`]).
    pub before: Option<String>,
}

/// A search checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrailFilter {
    /// About this person.
    pub subject: Option<Iin>,
    /// Done by this person.
    pub actor: Option<Iin>,
    /// This action.
    pub action: Option<AuditAction>,
    /// By this office's accounts.
    pub office: Option<OfficeCode>,
    /// That case's rows (resolved from its number by the use case).
    pub number: Option<ApplicationNumber>,
    /// From this day.
    pub from: Option<Date>,
    /// To this day, inclusive.
    pub to: Option<Date>,
    /// Older than this row.
    pub before: Option<AuditCursor>,
}

fn blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn error(field: &str, code: impl Into<ErrorCode>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.into(),
    }
}

/// The text of a cursor, for the next page's link: the row's time and `seq`.
pub fn cursor_text(c: &AuditCursor) -> String {
    format!("{}_{}", c.at, c.seq)
}

fn cursor(text: &str) -> Option<AuditCursor> {
    let (at, seq) = text.rsplit_once('_')?;
    Some(AuditCursor {
        at: at.parse().ok()?,
        seq: seq.parse().ok()?,
    })
}

fn choice<E>(_: E) -> ErrorCode {
    InputError::Choice.into()
}

fn date<E>(_: E) -> ErrorCode {
    InputError::Date.into()
}

/// The years a period may name: the service's, not the calendar's whole range (whose ends have
/// no instant to start or end at).
const YEARS: std::ops::RangeInclusive<i16> = 2000..=2100;

/// A day of a period, `YYYY-MM-DD`, in [`YEARS`].
fn day(s: &str) -> Result<Date, ()> {
    s.parse::<Date>()
        .ok()
        .filter(|d| YEARS.contains(&d.year()))
        .ok_or(())
}

/// Parses one field with `parse`, or records `code` against it.
fn field<T, E>(
    errors: &mut Vec<FieldError>,
    name: &str,
    value: &Option<String>,
    parse: impl FnOnce(&str) -> Result<T, E>,
    code: impl FnOnce(E) -> ErrorCode,
) -> Option<T> {
    let raw = blank(value)?;
    match parse(raw) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(error(name, code(e)));
            None
        }
    }
}

impl TrailQuery {
    /// Checks every field; all the mistakes together.
    pub fn checked(&self) -> Result<TrailFilter, AppError> {
        let mut errors = Vec::new();
        let e = &mut errors;
        let filter = TrailFilter {
            subject: field(e, "subject", &self.subject, Iin::parse, ErrorCode::from),
            actor: field(e, "actor", &self.actor, Iin::parse, ErrorCode::from),
            action: field(
                e,
                "action",
                &self.action,
                |s| AuditAction::parse(s).ok_or(()),
                choice,
            ),
            office: field(e, "office", &self.office, OfficeCode::parse, choice),
            number: field(e, "number", &self.number, ApplicationNumber::parse, choice),
            from: field(e, "from", &self.from, day, date),
            to: field(e, "to", &self.to, day, date),
            before: field(
                e,
                "before",
                &self.before,
                |s| cursor(s).ok_or(()),
                |_| AuditError::Cursor.into(),
            ),
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            errors.push(error("to", AuditError::Period));
        }
        if errors.is_empty() {
            Ok(filter)
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

/// The start of an Asia/Almaty day.
pub(crate) fn start_of(day: Date) -> Result<Timestamp, AppError> {
    almaty_start_of(day).map_err(|e| AppError::internal_in(format!("the start of {day}"), e))
}

/// The start of the day after `day` (the end of a period that includes `day`).
pub(crate) fn end_of(day: Date) -> Result<Timestamp, AppError> {
    let next = day
        .tomorrow()
        .map_err(|e| AppError::internal_in(format!("the day after {day}"), e))?;
    start_of(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(q: &TrailQuery) -> Vec<(String, &'static str)> {
        match q.checked() {
            Err(AppError::Invalid(errors)) => errors
                .into_iter()
                .map(|e| (e.field, e.code.code()))
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_wrong_field_is_named_with_its_reason() {
        let q = TrailQuery {
            subject: Some("123".into()),
            actor: Some("900101300811".into()),
            action: Some("staff.read-cases".into()),
            office: Some("nowhere".into()),
            from: Some("2026-13-01".into()),
            number: Some("KND-1".into()),
            to: Some("2026-12-01".into()),
            before: Some("yesterday".into()),
        };
        let got = fields(&q);
        let names: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            names,
            ["subject", "action", "office", "number", "from", "before"]
        );
        assert_eq!(got[0].1, "iin.format");
        assert_eq!(got[1].1, "field.choice");
        assert_eq!(got[4].1, "field.date");
        assert_eq!(got[5].1, "audit.cursor");
    }

    #[test]
    fn a_day_outside_the_service_years_is_refused() {
        for far in ["1999-12-31", "2101-01-01", "-009999-01-01", "9999-12-31"] {
            let q = TrailQuery {
                to: Some(far.into()),
                ..TrailQuery::default()
            };
            assert_eq!(fields(&q), [("to".to_owned(), "field.date")], "{far}");
        }
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused() {
        let q = TrailQuery {
            from: Some("2026-12-02".into()),
            to: Some("2026-12-01".into()),
            ..TrailQuery::default()
        };
        assert_eq!(fields(&q), [("to".to_owned(), "audit.period")]);
    }

    #[test]
    fn a_cursor_reads_back_and_blanks_are_no_filter() {
        let c = AuditCursor {
            at: "2026-12-04T10:00:00.5Z".parse().unwrap(),
            seq: 42,
        };
        let q = TrailQuery {
            subject: Some("  ".into()),
            before: Some(cursor_text(&c)),
            ..TrailQuery::default()
        };
        let f = q.checked().unwrap();
        assert_eq!(f.before, Some(c));
        assert_eq!(f.subject, None);
    }
}
