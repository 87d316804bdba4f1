//! The closed list of grounds for a refusal on the merits, each with its legal basis.
//!
//! The list is data (`data/grounds.json`); the titles people read are message ids `ground-<code>`.

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

/// The closed list.
#[derive(Debug, Clone)]
pub struct Grounds(Vec<Ground>);

impl Grounds {
    /// The list shipped with the service.
    pub fn shipped() -> Result<Grounds, GroundError> {
        serde_json::from_str(include_str!("../data/grounds.json"))
            .map(Grounds)
            .map_err(|e| GroundError::Data(e.to_string()))
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
    pub fn select(&self, kind: Kind, codes: &[String]) -> Result<Vec<Ground>, GroundError> {
        if codes.is_empty() {
            return Err(GroundError::None);
        }
        let mut chosen: Vec<Ground> = Vec::new();
        for code in codes {
            let ground = self
                .0
                .iter()
                .find(|g| &g.code == code)
                .ok_or_else(|| GroundError::Unknown(code.clone()))?;
            if !ground.kinds.contains(&kind) {
                return Err(GroundError::WrongKind(code.clone()));
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

    #[test]
    fn grounds_are_checked_against_the_kind() {
        let g = Grounds::shipped().unwrap();
        assert!(g.all().iter().all(|g| !g.legal_basis.is_empty()));
        let chosen = g
            .select(
                Kind::Assignment,
                &["was-citizen".into(), "was-citizen".into()],
            )
            .unwrap();
        assert_eq!(chosen.len(), 1);
        assert_eq!(g.select(Kind::Assignment, &[]), Err(GroundError::None));
        assert_eq!(
            g.select(Kind::Assignment, &["already-extended".into()]),
            Err(GroundError::WrongKind("already-extended".into()))
        );
        assert_eq!(
            g.select(Kind::Extension, &["nope".into()]),
            Err(GroundError::Unknown("nope".into()))
        );
    }
}
