//! The public status of a kandas certificate, as a verifier sees it.

use jiff::civil::Date;
use serde::Serialize;

use crate::rules::Duties;

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

/// A check by an official: who, and when.
pub use crate::application::review::Check;

/// An early end of a certificate's status as the office records it: recorded by one official,
/// in effect once a head (another official) confirms it, and annulled by a head with a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    /// Terminated or revoked.
    pub kind: CertificateEnding,
    /// The day it ends (the day it was recorded).
    pub ended_on: Date,
    /// Why: e.g. the citizenship decision's or the annulment's number and date.
    pub reason: String,
    /// Who recorded it, and when.
    pub recorded: Check,
    /// The head's confirmation: from then on it is in effect.
    pub confirmed: Option<Check>,
    /// The head's annulment, with the reason: it is void.
    pub annulled: Option<Annulment>,
}

/// A recorded ending annulled by a head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annulment {
    /// Who annulled it, and when.
    pub by: Check,
    /// Why.
    pub reason: String,
}

/// Where an ending stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndingState {
    /// Recorded, awaiting a head's confirmation: not in effect.
    Recorded,
    /// Confirmed: in effect.
    Confirmed,
    /// Annulled: void.
    Annulled,
}

impl EndingState {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            EndingState::Recorded => "recorded",
            EndingState::Confirmed => "confirmed",
            EndingState::Annulled => "annulled",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<EndingState> {
        [
            EndingState::Recorded,
            EndingState::Confirmed,
            EndingState::Annulled,
        ]
        .into_iter()
        .find(|e| e.code() == s)
    }
}

/// Why an ending cannot change so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EndingError {
    /// It was confirmed or annulled already.
    #[error("the ending is {0:?} already")]
    WrongState(EndingState),
    /// The official who recorded it cannot also confirm it.
    #[error("the official who recorded the ending cannot confirm it")]
    SameOfficial,
}

impl EndingError {
    /// The message id.
    pub fn code(self) -> &'static str {
        self.error_code().code()
    }

    /// The typed error code.
    pub fn error_code(self) -> crate::codes::ErrorCode {
        match self {
            EndingError::WrongState(_) => crate::codes::CertificateError::EndingState.into(),
            EndingError::SameOfficial => crate::duties::DutyError::SameOfficial.into(),
        }
    }
}

impl Ending {
    /// A new ending recorded by `recorded`; in effect at once when the duties ask for no
    /// confirmation.
    pub fn record(
        kind: CertificateEnding,
        reason: String,
        recorded: Check,
        ended_on: Date,
        duties: &Duties,
    ) -> Ending {
        let confirmed = (!duties.endings_confirmed).then(|| recorded.clone());
        Ending {
            kind,
            ended_on,
            reason,
            recorded,
            confirmed,
            annulled: None,
        }
    }

    /// Where it stands.
    pub fn state(&self) -> EndingState {
        match (&self.annulled, &self.confirmed) {
            (Some(_), _) => EndingState::Annulled,
            (None, Some(_)) => EndingState::Confirmed,
            (None, None) => EndingState::Recorded,
        }
    }

    /// The kind, if it is in effect (confirmed, not annulled).
    pub fn in_effect(&self) -> Option<CertificateEnding> {
        (self.state() == EndingState::Confirmed).then_some(self.kind)
    }

    /// A head confirms it: in effect from now; never by the official who recorded it.
    pub fn confirm(&self, by: Check, duties: &Duties) -> Result<Ending, EndingError> {
        if self.state() != EndingState::Recorded {
            return Err(EndingError::WrongState(self.state()));
        }
        if crate::duties::may_confirm(duties, &self.recorded.by, &by.by).is_err() {
            return Err(EndingError::SameOfficial);
        }
        Ok(Ending {
            confirmed: Some(by),
            ..self.clone()
        })
    }

    /// A head annuls it, recorded or confirmed, with a reason: the certificate stands again.
    pub fn annul(&self, by: Check, reason: String) -> Result<Ending, EndingError> {
        if self.state() == EndingState::Annulled {
            return Err(EndingError::WrongState(self.state()));
        }
        Ok(Ending {
            annulled: Some(Annulment { by, reason }),
            ..self.clone()
        })
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
    use crate::ids::UserId;

    fn check(n: u8) -> Check {
        Check {
            at: "2026-11-24T05:00:00Z".parse().unwrap(),
            by: UserId::parse(&format!("00000000-0000-4000-8000-0000000000{n:02}")).unwrap(),
        }
    }

    #[test]
    fn an_ending_takes_effect_when_another_official_confirms_it() {
        let duties = Duties {
            sign_off_by_another: true,
            no_own_cases: true,
            endings_confirmed: true,
        };
        let on = Date::constant(2026, 11, 24);
        let kind = CertificateEnding::Terminated;
        let e = Ending::record(kind, "citizenship".into(), check(1), on, &duties);
        assert_eq!((e.state(), e.in_effect()), (EndingState::Recorded, None));
        assert_eq!(e.confirm(check(1), &duties), Err(EndingError::SameOfficial));
        let confirmed = e.confirm(check(2), &duties).unwrap();
        assert_eq!(confirmed.in_effect(), Some(kind));
        assert_eq!(
            confirmed.confirm(check(3), &duties),
            Err(EndingError::WrongState(EndingState::Confirmed))
        );
        let annulled = confirmed.annul(check(2), "mistake".into()).unwrap();
        assert_eq!(
            (annulled.state(), annulled.in_effect()),
            (EndingState::Annulled, None)
        );
        assert!(annulled.annul(check(2), "again".into()).is_err());
        let at_once = Duties {
            endings_confirmed: false,
            ..duties
        };
        let e = Ending::record(kind, "x".into(), check(1), on, &at_once);
        assert_eq!(e.in_effect(), Some(kind));
    }

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
