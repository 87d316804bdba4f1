//! A configured secret (a token, a database URL that may hold a password): read and written as
//! the plain string it is in `kandas.toml` and `KANDAS_*`, but never shown by `Debug`, so that
//! a logged or printed configuration carries no credential.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A secret value; `{:?}` prints `"[redacted]"`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// The value itself, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"[redacted]\"")
    }
}
