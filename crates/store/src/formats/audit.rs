//! `audit.details_json` and `evidence.detail_json`: the free-form detail the use cases record,
//! wrapped in version 1 (`{"v":1,"details":…}`, `{"v":1,"detail":…}`). Rows written before
//! carry the bare value; they read as that value.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::V1;

/// The stored details of an audit row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct StoredAuditDetails(Wrapped<DetailsV1>);

/// The stored detail of signature evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct StoredEvidenceDetail(Wrapped<DetailV1>);

/// Version 1 of audit details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DetailsV1 {
    #[serde(rename = "v")]
    v: V1,
    #[serde(rename = "details")]
    details: Value,
}

/// Version 1 of evidence detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DetailV1 {
    #[serde(rename = "v")]
    v: V1,
    #[serde(rename = "detail")]
    detail: Value,
}

/// A versioned value, or a bare one written before formats were versioned: an object with a
/// `v` is versioned (and a version other than 1 is refused); anything else is bare. No use case
/// wrote details with a `v` of their own.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub(super) enum Wrapped<T> {
    Versioned(T),
    Bare(Value),
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Wrapped<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Wrapped<T>, D::Error> {
        let value = Value::deserialize(d)?;
        if value.as_object().is_some_and(|o| o.contains_key("v")) {
            T::deserialize(value)
                .map(Wrapped::Versioned)
                .map_err(D::Error::custom)
        } else {
            Ok(Wrapped::Bare(value))
        }
    }
}

impl From<&Value> for StoredAuditDetails {
    fn from(details: &Value) -> Self {
        StoredAuditDetails(Wrapped::Versioned(DetailsV1 {
            v: V1,
            details: details.clone(),
        }))
    }
}

impl From<StoredAuditDetails> for Value {
    fn from(stored: StoredAuditDetails) -> Self {
        match stored.0 {
            Wrapped::Versioned(d) => d.details,
            Wrapped::Bare(v) => v,
        }
    }
}

impl From<&Value> for StoredEvidenceDetail {
    fn from(detail: &Value) -> Self {
        StoredEvidenceDetail(Wrapped::Versioned(DetailV1 {
            v: V1,
            detail: detail.clone(),
        }))
    }
}

impl From<StoredEvidenceDetail> for Value {
    fn from(stored: StoredEvidenceDetail) -> Self {
        match stored.0 {
            Wrapped::Versioned(d) => d.detail,
            Wrapped::Bare(v) => v,
        }
    }
}
