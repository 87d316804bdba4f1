//! The public status of a kandas certificate, as a verifier sees it.

use jiff::civil::Date;
use serde::Serialize;

/// What a certificate check answers (API.md's vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// Within its first term.
    Valid,
    /// Extended, and within the extended term.
    Extended,
    /// Past its last day.
    Expired,
    /// Ended early: the holder became a citizen of Kazakhstan.
    Terminated,
    /// Withdrawn: the decision that granted it was annulled.
    Revoked,
}

/// How a status was ended early, as an officer records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateEnding {
    /// The holder became a citizen of Kazakhstan.
    Terminated,
    /// The decision was annulled (e.g. the documents proved unreliable).
    Revoked,
}

impl CertificateEnding {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            CertificateEnding::Terminated => "terminated",
            CertificateEnding::Revoked => "revoked",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<CertificateEnding> {
        [CertificateEnding::Terminated, CertificateEnding::Revoked]
            .into_iter()
            .find(|e| e.code() == s)
    }
}

impl CertificateStatus {
    /// The stable code (API.md's vocabulary).
    pub fn code(self) -> &'static str {
        match self {
            CertificateStatus::Valid => "valid",
            CertificateStatus::Extended => "extended",
            CertificateStatus::Expired => "expired",
            CertificateStatus::Terminated => "terminated",
            CertificateStatus::Revoked => "revoked",
        }
    }

    /// The status on `today` of a certificate valid until `valid_until` (inclusive).
    pub fn on(valid_until: Date, extended: bool, today: Date) -> CertificateStatus {
        match (today <= valid_until, extended) {
            (false, _) => CertificateStatus::Expired,
            (true, true) => CertificateStatus::Extended,
            (true, false) => CertificateStatus::Valid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_day_is_still_valid() {
        let until = Date::constant(2027, 11, 24);
        assert_eq!(
            CertificateStatus::on(until, false, until),
            CertificateStatus::Valid
        );
        assert_eq!(
            CertificateStatus::on(until, true, until),
            CertificateStatus::Extended
        );
        assert_eq!(
            CertificateStatus::on(until, false, Date::constant(2027, 11, 25)),
            CertificateStatus::Expired
        );
        assert_eq!(
            CertificateStatus::on(until, true, Date::constant(2028, 1, 1)),
            CertificateStatus::Expired
        );
    }
}
