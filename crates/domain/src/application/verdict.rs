//! What an officer decides, as chosen on the decision form, before it becomes an
//! [`Outcome`](super::status::Outcome) with its certificate number, dates and grounds.

use super::kind::Kind;

/// The decision an officer chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Assign the status (an assignment application).
    Assign,
    /// Extend it (an extension application).
    Extend,
    /// Refuse, on grounds from the closed list.
    Refuse,
}

impl Verdict {
    /// Every verdict, in the order the form offers them.
    pub const ALL: [Verdict; 3] = [Verdict::Assign, Verdict::Extend, Verdict::Refuse];

    /// The stable code (`assign`, `extend`, `refuse`), as forms and the API send it.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Assign => "assign",
            Verdict::Extend => "extend",
            Verdict::Refuse => "refuse",
        }
    }

    /// The verdict a code names.
    pub fn parse(code: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.code() == code)
    }

    /// Whether this verdict can decide an application of `kind`: assign an assignment, extend
    /// an extension, refuse either.
    pub fn fits(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Verdict::Assign, Kind::Assignment)
                | (Verdict::Extend, Kind::Extension)
                | (Verdict::Refuse, _)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_fit_their_kind() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.code()), Some(v));
        }
        assert_eq!(Verdict::parse("Assign"), None);
        assert!(Verdict::Assign.fits(Kind::Assignment));
        assert!(!Verdict::Assign.fits(Kind::Extension));
        assert!(!Verdict::Extend.fits(Kind::Assignment));
        assert!(Verdict::Refuse.fits(Kind::Extension));
    }
}
