//! The applicant's level of education, as the form asks it.

use serde::{Deserialize, Serialize};

/// The applicant's level of education.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// General secondary.
    Secondary,
    /// Technical and vocational.
    Vocational,
    /// Higher.
    Higher,
    /// Postgraduate.
    Postgraduate,
    /// No formal education.
    NoFormal,
}

impl Education {
    /// Every level, in the order a form lists them.
    pub const ALL: [Education; 5] = [
        Education::Secondary,
        Education::Vocational,
        Education::Higher,
        Education::Postgraduate,
        Education::NoFormal,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Education::Secondary => "secondary",
            Education::Vocational => "vocational",
            Education::Higher => "higher",
            Education::Postgraduate => "postgraduate",
            Education::NoFormal => "no_formal",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Education> {
        Education::ALL.into_iter().find(|e| e.code() == s)
    }
}
