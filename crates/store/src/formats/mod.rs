//! The stored JSON formats: each JSON column holds a versioned type of the store's own, with
//! explicit names, converted from and to the domain's types. Renaming a field of a domain type
//! changes neither stored data nor the reading of old rows; a change of a stored format is a new
//! version beside the old one.
//!
//! Every stored value is an object that opens with its version, `{"v":1,…}`. Rows written before
//! the formats were versioned carry no `v`; where their shape is that of version 1 (the form,
//! the custody record, the status, jobs, notices and code purposes) they read as version 1.
//! The facts of a case's events (`case_events.facts_json`) were versioned from the start. The
//! free-form audit details, signature evidence details and edited calendar years are wrapped
//! (`{"v":1,"details":…}`),
//! so a row without `v` is one of theirs written before, whose whole text is the value.
//!
//! Leaf values keep the text forms their domain types parse: ids, IINs, numbers, codes of
//! offices and regions, names and lines as their checked text; dates `YYYY-MM-DD`; times
//! RFC 3339 UTC (as `jiff` writes them). A stored value the domain refuses reads as
//! `StoreError::Corrupt` naming the column.

mod audit;
mod calendar;
mod codes;
mod custody;
mod decision;
mod event;
mod form;
mod job;
mod notice;
mod review;
mod status;
#[cfg(test)]
mod tests;

use kandas_app::ports::store::StoreError;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub(crate) use audit::{StoredAuditDetails, StoredEvidenceDetail};
pub(crate) use calendar::StoredCalendarYear;
pub(crate) use custody::StoredCustody;
pub(crate) use event::{StoredEventFacts, kind_code, kind_parse};
pub(crate) use form::StoredForm;
pub(crate) use job::{REDACTED_SMS, StoredJob, StoredPurpose};
pub(crate) use notice::StoredNotice;
pub(crate) use status::StoredStatus;

use crate::error::corrupt;

/// Version 1 of a format: written as `1`, read from `1` or from its absence (rows written
/// before formats were versioned); any other number is refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct V1;

impl Serialize for V1 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(1)
    }
}

impl<'de> Deserialize<'de> for V1 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<V1, D::Error> {
        match u64::deserialize(d)? {
            1 => Ok(V1),
            n => Err(D::Error::custom(format!("unknown format version {n}"))),
        }
    }
}

/// A body of version 1 with its version in front: `{"v":1,…body's fields}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Versioned<T> {
    #[serde(default)]
    v: V1,
    #[serde(flatten)]
    body: T,
}

impl<T> Versioned<T> {
    pub(crate) fn new(body: T) -> Versioned<T> {
        Versioned { v: V1, body }
    }

    pub(crate) fn into_body(self) -> T {
        self.body
    }
}

/// A domain value as the JSON text of its stored format `S`.
pub(crate) fn to_column<S, D>(value: &D) -> Result<String, StoreError>
where
    S: Serialize + for<'a> From<&'a D>,
{
    serde_json::to_string(&S::from(value)).map_err(|e| crate::error::backend("serialize", e))
}

/// The domain value stored as `text` in `column` in the format `S`.
pub(crate) fn from_column<S, D>(column: &str, text: &str) -> Result<D, StoreError>
where
    S: DeserializeOwned + TryInto<D>,
    S::Error: Into<kandas_app::error::BoxError>,
{
    let stored: S = serde_json::from_str(text).map_err(|e| corrupt(column, e))?;
    stored.try_into().map_err(|e| corrupt(column, e))
}
