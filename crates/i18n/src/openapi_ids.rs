//! The message ids of the JSON API's own errors (`openapi.ftl`); a test checks each exists in
//! kk, ru and en.

/// The ids of the API's request errors.
pub const OPENAPI_IDS: &[&str] = &["query.invalid"];
