//! The separation of duties on a case, as the rule set demands it: nobody on the staff acts on a
//! case in which they are the applicant or a family member, and the official who records a step
//! is never the one who confirms it (a head's sign-off of a proposal, a head's confirmation of a
//! certificate's ending). Enforced here, so that no page or API call can bend it.

use thiserror::Error;

use crate::application::Application;
use crate::ids::UserId;
use crate::iin::Iin;
use crate::rules::Duties;

crate::codes::codes! {
    /// Why an official may not do this.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
    pub enum DutyError {
        /// The official is the applicant or one of the family members of the case.
        #[error("the official is the applicant or a family member in this case")]
        OwnCase => "duty.own-case",
        /// The official who recorded or proposed it cannot also confirm or sign it off.
        #[error("the official who proposed or recorded it cannot also confirm it")]
        SameOfficial => "duty.same-official",
    }
}

impl DutyError {
    /// What the audit trail records as the rule that refused it.
    pub fn rule(self) -> &'static str {
        match self {
            DutyError::OwnCase => "no_own_cases",
            DutyError::SameOfficial => "sign_off_by_another",
        }
    }
}

impl Application {
    /// Whether `iin` is the applicant's or a family member's of this case.
    pub fn involves(&self, iin: &Iin) -> bool {
        &self.applicant == iin
            || self
                .form
                .members
                .iter()
                .any(|m| m.iin.as_ref() == Some(iin))
    }
}

/// An official with the IIN `official` may act on `application` (no conflict of interest).
pub fn may_act_on(
    duties: &Duties,
    application: &Application,
    official: &Iin,
) -> Result<(), DutyError> {
    if duties.no_own_cases && application.involves(official) {
        Err(DutyError::OwnCase)
    } else {
        Ok(())
    }
}

/// An official with the IIN `official` may act on a certificate held by `holder` (or covering
/// the family of `application`, when it came from one).
pub fn may_act_for(
    duties: &Duties,
    holder: &Iin,
    application: Option<&Application>,
    official: &Iin,
) -> Result<(), DutyError> {
    let involved = holder == official || application.is_some_and(|a| a.involves(official));
    if duties.no_own_cases && involved {
        Err(DutyError::OwnCase)
    } else {
        Ok(())
    }
}

/// `confirming` may confirm (sign off) what `recorded` proposed or recorded.
pub fn may_confirm(
    duties: &Duties,
    recorded: &UserId,
    confirming: &UserId,
) -> Result<(), DutyError> {
    if duties.sign_off_by_another && recorded == confirming {
        Err(DutyError::SameOfficial)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duties(on: bool) -> Duties {
        Duties {
            sign_off_by_another: on,
            no_own_cases: on,
            endings_confirmed: on,
        }
    }

    #[test]
    fn the_same_official_cannot_confirm_what_they_recorded() {
        let a = UserId::parse("00000000-0000-4000-8000-000000000001").unwrap();
        let b = UserId::parse("00000000-0000-4000-8000-000000000002").unwrap();
        assert_eq!(
            may_confirm(&duties(true), &a, &a),
            Err(DutyError::SameOfficial)
        );
        assert_eq!(may_confirm(&duties(true), &a, &b), Ok(()));
        assert_eq!(may_confirm(&duties(false), &a, &a), Ok(()));
    }

    #[test]
    fn the_holder_cannot_end_their_own_certificate() {
        let holder = Iin::parse("931002451325").unwrap();
        let other = Iin::parse("850302400014").unwrap();
        assert_eq!(
            may_act_for(&duties(true), &holder, None, &holder),
            Err(DutyError::OwnCase)
        );
        assert_eq!(may_act_for(&duties(true), &holder, None, &other), Ok(()));
        assert_eq!(may_act_for(&duties(false), &holder, None, &holder), Ok(()));
    }
}
