//! The closed list of grounds for a refusal on the merits, each with its legal basis.
//!
//! The list is data (`data/grounds.json`, or a file of the same shape a deployment configures);
//! the titles people read are message ids `ground-<code>` and `ground-basis-<code>`.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::application::kind::Kind;

/// One ground for refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ground {
    /// Stable code, also the message id suffix.
    pub code: String,
    /// The kinds of application this ground can refuse.
    pub kinds: Vec<Kind>,
    /// The provision of law it rests on.
    pub legal_basis: String,
}

/// Why a set of grounds cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GroundError {
    /// A refusal names no ground.
    #[error("a refusal must name at least one ground")]
    None,
    /// A code that is not in the list.
    #[error("`{0}` is not a ground for refusal")]
    Unknown(String),
    /// A ground that does not apply to this kind of application.
    #[error("`{0}` does not apply to this kind of application")]
    WrongKind(String),
    /// The shipped list does not parse.
    #[error("the list of grounds is malformed: {0}")]
    Data(String),
}

/// A ground's code as someone chose it: well formed (lowercase letters, digits and hyphens), not
/// yet checked against the list in force (see [`Grounds::select`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroundCode(String);

impl GroundCode {
    /// The code, if it is one: 1 to 64 lowercase letters, digits and hyphens.
    pub fn parse(raw: &str) -> Option<GroundCode> {
        well_formed(raw).then(|| GroundCode(raw.to_owned()))
    }

    /// Each of `codes` as a ground code (surrounding spaces ignored), or none if one is not.
    pub fn parse_all<'a>(codes: impl IntoIterator<Item = &'a str>) -> Option<Vec<GroundCode>> {
        codes
            .into_iter()
            .map(|c| GroundCode::parse(c.trim()))
            .collect()
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn well_formed(code: &str) -> bool {
    (1..=64).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The closed list.
#[derive(Debug, Clone)]
pub struct Grounds(Vec<Ground>);

impl Grounds {
    /// The list shipped with the service.
    pub fn shipped() -> Result<Grounds, GroundError> {
        Grounds::from_json(include_str!("../data/grounds.json"))
    }

    /// Reads and checks a list of grounds (see [`Grounds::new`]).
    pub fn from_json(json: &str) -> Result<Grounds, GroundError> {
        let list: Vec<Ground> =
            serde_json::from_str(json).map_err(|e| GroundError::Data(e.to_string()))?;
        Grounds::new(list)
    }

    /// Checks a list: codes of lowercase letters, digits and hyphens, each once; every ground
    /// for at least one kind and with its legal basis; each kind refusable on some ground.
    pub fn new(list: Vec<Ground>) -> Result<Grounds, GroundError> {
        let bad = |what: String| Err(GroundError::Data(what));
        for (i, g) in list.iter().enumerate() {
            if !well_formed(&g.code) {
                return bad(format!(
                    "the code {:?} must be lowercase letters, digits and hyphens",
                    g.code
                ));
            }
            if list[..i].iter().any(|other| other.code == g.code) {
                return bad(format!("the ground `{}` is listed twice", g.code));
            }
            if g.kinds.is_empty() {
                return bad(format!("the ground `{}` applies to no kind", g.code));
            }
            if g.legal_basis.trim().is_empty() {
                return bad(format!("the ground `{}` has no legal basis", g.code));
            }
        }
        for kind in [Kind::Assignment, Kind::Extension] {
            if !list.iter().any(|g| g.kinds.contains(&kind)) {
                return bad(format!("no ground refuses an {} application", kind.code()));
            }
        }
        Ok(Grounds(list))
    }

    /// Every ground.
    pub fn all(&self) -> &[Ground] {
        &self.0
    }

    /// The grounds that can refuse an application of `kind`.
    pub fn for_kind(&self, kind: Kind) -> impl Iterator<Item = &Ground> {
        self.0.iter().filter(move |g| g.kinds.contains(&kind))
    }

    /// Checks that `codes` are known grounds applicable to `kind`, without repeats.
    pub fn select(&self, kind: Kind, codes: &[GroundCode]) -> Result<Vec<Ground>, GroundError> {
        if codes.is_empty() {
            return Err(GroundError::None);
        }
        let mut chosen: Vec<Ground> = Vec::new();
        for code in codes {
            let ground = self
                .0
                .iter()
                .find(|g| g.code == code.0)
                .ok_or_else(|| GroundError::Unknown(code.0.clone()))?;
            if !ground.kinds.contains(&kind) {
                return Err(GroundError::WrongKind(code.0.clone()));
            }
            if !chosen.contains(ground) {
                chosen.push(ground.clone());
            }
        }
        Ok(chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> GroundCode {
        GroundCode::parse(s).unwrap()
    }

    #[test]
    fn only_well_formed_codes_are_ground_codes() {
        assert_eq!(code("was-citizen").as_str(), "was-citizen");
        for bad in ["", "Was-Citizen", "was citizen", "../x", &"a".repeat(65)] {
            assert_eq!(GroundCode::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn grounds_are_checked_against_the_kind() {
        let g = Grounds::shipped().unwrap();
        assert!(g.all().iter().all(|g| !g.legal_basis.is_empty()));
        let chosen = g
            .select(
                Kind::Assignment,
                &[code("was-citizen"), code("was-citizen")],
            )
            .unwrap();
        assert_eq!(chosen.len(), 1);
        assert_eq!(g.select(Kind::Assignment, &[]), Err(GroundError::None));
        assert_eq!(
            g.select(Kind::Assignment, &[code("already-extended")]),
            Err(GroundError::WrongKind("already-extended".into()))
        );
        assert_eq!(
            g.select(Kind::Extension, &[code("nope")]),
            Err(GroundError::Unknown("nope".into()))
        );
    }

    #[test]
    fn a_list_of_grounds_is_checked() {
        let ground = |code: &str, kinds: &str, basis: &str| {
            format!(r#"{{"code": "{code}", "kinds": [{kinds}], "legal_basis": "{basis}"}}"#)
        };
        let both = r#""assignment", "extension""#;
        let cases = [
            (ground("Bad Code", both, "x"), "lowercase"),
            (
                format!("{},{}", ground("a", both, "x"), ground("a", both, "y")),
                "twice",
            ),
            (
                format!("{},{}", ground("a", both, "x"), ground("b", "", "y")),
                "no kind",
            ),
            (ground("a", both, " "), "no legal basis"),
            (ground("a", r#""assignment""#, "x"), "extension"),
        ];
        for (list, expected) in cases {
            match Grounds::from_json(&format!("[{list}]")) {
                Err(GroundError::Data(why)) => assert!(why.contains(expected), "{why}"),
                other => panic!("{list}: {other:?}"),
            }
        }
        assert!(matches!(Grounds::from_json("{"), Err(GroundError::Data(_))));
        assert!(Grounds::from_json(&format!("[{}]", ground("a", both, "x"))).is_ok());
    }
}
