//! Between rows and domain types: the text forms of times and dates, JSON columns, the
//! application row, and the conditions and parameters of statements built at run time.

use jiff::Timestamp;
use jiff::civil::Date;
use kandas_app::ports::store::StoreError;
use kandas_domain::application::{Application, Channel, Kind};
use kandas_domain::ids::ApplicationId;
use kandas_domain::iin::Iin;
use kandas_domain::numbers::ApplicationNumber;
use kandas_domain::office::OfficeCode;
use serde::de::DeserializeOwned;
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::error::corrupt;
use crate::formats::{StoredCustody, StoredForm, StoredStatus, from_column, to_column};

/// A domain value as the JSON text of its stored format `S` (named by the writer).
pub(crate) fn json<S, D>(value: &D) -> Result<String, StoreError>
where
    S: serde::Serialize + for<'a> From<&'a D>,
{
    to_column::<S, D>(value)
}

/// A time as stored: RFC 3339 UTC with nine fractional digits, so text order is time order.
pub(crate) fn ts(t: Timestamp) -> String {
    format!("{t:.9}")
}

/// An optional time as stored.
pub(crate) fn ts_opt(t: Option<Timestamp>) -> Option<String> {
    t.map(ts)
}

/// A date as stored.
pub(crate) fn date(d: Date) -> String {
    d.to_string()
}

/// Reads a text column.
pub(crate) fn text(row: &AnyRow, col: &str) -> Result<String, StoreError> {
    row.try_get::<String, _>(col).map_err(|e| corrupt(col, e))
}

/// Reads a nullable text column.
pub(crate) fn text_opt(row: &AnyRow, col: &str) -> Result<Option<String>, StoreError> {
    row.try_get::<Option<String>, _>(col)
        .map_err(|e| corrupt(col, e))
}

/// Reads an integer column.
pub(crate) fn int(row: &AnyRow, col: &str) -> Result<i64, StoreError> {
    row.try_get::<i64, _>(col).map_err(|e| corrupt(col, e))
}

/// Reads a time column.
pub(crate) fn time(row: &AnyRow, col: &str) -> Result<Timestamp, StoreError> {
    text(row, col)?.parse().map_err(|e| corrupt(col, e))
}

/// Reads a nullable time column.
pub(crate) fn time_opt(row: &AnyRow, col: &str) -> Result<Option<Timestamp>, StoreError> {
    text_opt(row, col)?
        .map(|s| s.parse().map_err(|e| corrupt(col, e)))
        .transpose()
}

/// Reads a date column.
pub(crate) fn day(row: &AnyRow, col: &str) -> Result<Date, StoreError> {
    text(row, col)?.parse().map_err(|e| corrupt(col, e))
}

/// Reads a JSON column in its stored format `S` into a domain type.
pub(crate) fn from_json<S, D>(row: &AnyRow, col: &str) -> Result<D, StoreError>
where
    S: DeserializeOwned + TryInto<D>,
    S::Error: Into<kandas_app::error::BoxError>,
{
    from_column::<S, D>(col, &text(row, col)?)
}

/// Parses a column with a domain parser.
pub(crate) fn parsed<T, E: Into<kandas_app::error::BoxError>>(
    row: &AnyRow,
    col: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, StoreError> {
    parse(&text(row, col)?).map_err(|e| corrupt(col, e))
}

/// Parses a nullable column with a domain parser.
pub(crate) fn parsed_opt<T, E: Into<kandas_app::error::BoxError>>(
    row: &AnyRow,
    col: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, StoreError> {
    text_opt(row, col)?
        .map(|s| parse(&s).map_err(|e| corrupt(col, e)))
        .transpose()
}

/// A code that is not one of the known codes.
pub(crate) fn code<T>(
    row: &AnyRow,
    col: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, StoreError> {
    let s = text(row, col)?;
    parse(&s).ok_or_else(|| corrupt(col, format!("unknown code `{s}`")))
}

/// A parameter of a statement whose text is built from what is asked (the queue's filters, the
/// audit search's): only the conditions asked for are in the text, so each can use its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    /// Text: ids, codes, times and dates as stored.
    Text(String),
    /// A 64-bit integer.
    Int(i64),
}

/// A statement built at run time: its text and its parameters, `$1` first.
pub(crate) type Built = (String, Vec<Param>);

/// The conditions of a statement built at run time and their parameters, numbered in order.
#[derive(Debug, Default)]
pub(crate) struct Conditions {
    all: Vec<String>,
    params: Vec<Param>,
}

impl Conditions {
    /// The placeholder of a new parameter.
    pub(crate) fn param(&mut self, p: Param) -> String {
        self.params.push(p);
        format!("${}", self.params.len())
    }

    /// Adds a condition.
    pub(crate) fn and(&mut self, condition: String) {
        self.all.push(condition);
    }

    /// Adds `<left> <placeholder of p>`, e.g. `subject =` and the subject.
    pub(crate) fn compare(&mut self, left: &str, p: Param) {
        let placeholder = self.param(p);
        self.and(format!("{left} {placeholder}"));
    }

    /// `WHERE` and the conditions, or nothing when there are none.
    pub(crate) fn clause(&self) -> String {
        if self.all.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.all.join(" AND "))
        }
    }

    /// The parameters.
    pub(crate) fn into_params(self) -> Vec<Param> {
        self.params
    }
}

/// Binds `params` in order.
pub(crate) fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    params: &[Param],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for p in params {
        query = match p {
            Param::Text(s) => query.bind(s.clone()),
            Param::Int(n) => query.bind(*n),
        };
    }
    query
}

/// The columns [`application`] reads.
pub(crate) const APPLICATION_COLUMNS: &str = "id, number, kind, channel, applicant, office, \
     intake_office, form_json, custody_json, status_json, version, created_at, updated_at";

/// An application row.
pub(crate) fn application(row: &AnyRow) -> Result<Application, StoreError> {
    Ok(Application {
        id: parsed(row, "id", ApplicationId::parse)?,
        number: parsed(row, "number", ApplicationNumber::parse)?,
        kind: code(row, "kind", Kind::parse)?,
        channel: code(row, "channel", Channel::parse)?,
        applicant: parsed(row, "applicant", Iin::parse)?,
        office: parsed_opt(row, "office", OfficeCode::parse)?,
        intake_office: parsed_opt(row, "intake_office", OfficeCode::parse)?,
        form: from_json::<StoredForm, _>(row, "form_json")?,
        custody: from_json::<StoredCustody, _>(row, "custody_json")?,
        status: from_json::<StoredStatus, _>(row, "status_json")?,
        version: int(row, "version")?,
        created_at: time(row, "created_at")?,
        updated_at: time(row, "updated_at")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_sort_as_text() {
        let a: Timestamp = "2026-11-23T05:00:00Z".parse().unwrap();
        let b: Timestamp = "2026-11-23T05:00:00.5Z".parse().unwrap();
        assert_eq!(ts(a), "2026-11-23T05:00:00.000000000Z");
        assert!(ts(a) < ts(b));
        assert_eq!(ts(b).parse::<Timestamp>().unwrap(), b);
    }
}
