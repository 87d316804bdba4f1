//! What is asked for (assignment or extension) and through which channel the application came.

use serde::{Deserialize, Serialize};

/// The two kinds of application the service takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Assignment of kandas status: the result is a kandas certificate.
    Assignment,
    /// Extension of the status (once, for up to 6 months): the result is a decision.
    Extension,
}

impl Kind {
    /// The stable code used in the API, the database and message ids.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Assignment => "assignment",
            Kind::Extension => "extension",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "assignment" => Some(Kind::Assignment),
            "extension" => Some(Kind::Extension),
            _ => None,
        }
    }
}

/// Where the application was made; every channel feeds the same case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The applicant's own online application on the portal.
    Portal,
    /// Paper intake at a State Corporation office.
    StateCorporation,
    /// Paper intake at the local executive body's own desk.
    LocalExecutiveBody,
    /// A foreign mission of Kazakhstan.
    ForeignMission,
}

impl Channel {
    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::StateCorporation => "state_corporation",
            Channel::LocalExecutiveBody => "local_executive_body",
            Channel::ForeignMission => "foreign_mission",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Channel> {
        [
            Channel::Portal,
            Channel::StateCorporation,
            Channel::LocalExecutiveBody,
            Channel::ForeignMission,
        ]
        .into_iter()
        .find(|c| c.code() == s)
    }
}
