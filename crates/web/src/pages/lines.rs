//! Posted forms whose input names carry a line number or a code (`line-3-expired`,
//! `member-1-ground-G1`): no derive can name such fields, so they are read pair by pair into a
//! typed struct. A single-valued input posted twice is refused (the 422 page), never last-wins,
//! and names the form does not know are ignored, as a derived form ignores them.

use std::collections::BTreeSet;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{self, MapAccess, Visitor};

/// Lines a form takes at most (far more than any checklist or family has).
pub const MAX_LINES: usize = 100;

/// The version a form posts back when it posts none: never a version, so the save is refused
/// as stale rather than overwriting.
pub fn no_version() -> i64 {
    -1
}

/// A form read pair by pair.
pub trait Pairs: Default {
    /// Takes one posted pair; an error refuses the whole form.
    fn take(&mut self, name: &str, value: String) -> Result<(), String>;
}

/// Deserializes a [`Pairs`] form (its `Deserialize` impl calls this).
pub fn deserialize<'de, D: Deserializer<'de>, T: Pairs>(d: D) -> Result<T, D::Error> {
    struct Reader<T>(PhantomData<T>);
    impl<'de, T: Pairs> Visitor<'de> for Reader<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a posted form")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut form = T::default();
            let mut seen = BTreeSet::new();
            while let Some((name, value)) = map.next_entry::<String, String>()? {
                form.take(&name, value).map_err(de::Error::custom)?;
                if !seen.insert(name) {
                    return Err(de::Error::custom("an input was posted twice"));
                }
            }
            Ok(form)
        }
    }
    d.deserialize_map(Reader(PhantomData))
}

/// Implements `Deserialize` for forms read pair by pair.
macro_rules! pairs_form {
    ($($form:ty),+ $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $form {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::pages::lines::deserialize(d)
            }
        }
    )+};
}
pub(crate) use pairs_form;

/// Sets a single-valued input; a second value for it refuses the form.
pub fn once(slot: &mut Option<String>, name: &str, value: String) -> Result<(), String> {
    if slot.replace(value).is_some() {
        return Err(format!("`{name}` was posted twice"));
    }
    Ok(())
}

/// The same for a checkbox: ticked when its value is `on` (or `true`).
pub fn tick(slot: &mut Option<bool>, name: &str, value: &str) -> Result<(), String> {
    if slot.replace(checked(value)).is_some() {
        return Err(format!("`{name}` was posted twice"));
    }
    Ok(())
}

/// The version field, a number.
pub fn version(slot: &mut Option<i64>, value: &str) -> Result<(), String> {
    let v = value
        .trim()
        .parse()
        .map_err(|_| "`version` is not a number".to_owned())?;
    if slot.replace(v).is_some() {
        return Err("`version` was posted twice".to_owned());
    }
    Ok(())
}

/// Whether a checkbox's value means ticked.
pub fn checked(value: &str) -> bool {
    value == "on" || value == "true"
}

/// `{prefix}{n}` or `{prefix}{n}-{rest}` as the line number and the rest (empty for the first),
/// for a line below [`MAX_LINES`].
pub fn numbered<'k>(name: &'k str, prefix: &str) -> Option<(usize, &'k str)> {
    let rest = name.strip_prefix(prefix)?;
    let (n, rest) = rest.split_once('-').unwrap_or((rest, ""));
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = n.parse().ok()?;
    (n < MAX_LINES).then_some((n, rest))
}

/// A checkbox posted as a field of a derived form (`#[serde(default, deserialize_with)]`).
pub fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let value: String = serde::Deserialize::deserialize(d)?;
    Ok(checked(&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_names_give_their_line() {
        assert_eq!(numbered("line-3-expired", "line-"), Some((3, "expired")));
        assert_eq!(numbered("rec-0", "rec-"), Some((0, "")));
        assert_eq!(
            numbered("member-1-ground-G-1", "member-"),
            Some((1, "ground-G-1"))
        );
        assert_eq!(numbered("line-+3-expired", "line-"), None);
        assert_eq!(numbered("line--expired", "line-"), None);
        assert_eq!(numbered("line-100-expired", "line-"), None);
        assert_eq!(numbered("plan-1-refuse", "line-"), None);
    }

    #[test]
    fn a_second_value_is_refused() {
        let mut slot = None;
        assert!(once(&mut slot, "q", "a".to_owned()).is_ok());
        assert!(once(&mut slot, "q", "b".to_owned()).is_err());
        let mut v = None;
        assert!(version(&mut v, "x").is_err());
        assert!(version(&mut v, "3").is_ok() && v == Some(3));
        assert!(version(&mut v, "3").is_err());
    }
}
