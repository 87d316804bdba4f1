//! The password policy: 10 to 128 characters, not one people choose most often (a shipped data
//! file, `data/common-passwords.txt`), not a run of one character, a sequence or a keyboard row,
//! and not the person's own IIN or birth date. Every refusal names its reason.

use std::collections::HashSet;
use std::sync::OnceLock;

use kandas_domain::application::form::FieldError;
use kandas_domain::codes::AuthError;
use kandas_domain::iin::Iin;

use crate::error::AppError;

const COMMON: &str = include_str!("../../data/common-passwords.txt");

/// Runs that a keyboard or an alphabet makes (checked both ways).
const SEQUENCES: [&str; 6] = [
    "01234567890",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "йцукенгшщзхъфывапролджэячсмитьбю",
];

fn common() -> &'static HashSet<String> {
    static LIST: OnceLock<HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        COMMON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// Whether the password is on the list as a guesser's list has it: lowercased, with or without
/// letter-for-digit swaps undone, digits and symbols stripped from both ends.
fn listed(password: &str) -> bool {
    let lower = password.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let undone: String = core
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            other => other,
        })
        .collect();
    core.is_empty() || common().contains(core) || common().contains(&undone)
}

/// A shorter unit repeated (`aaaa`, `abcabc`), or a run along the digits, an alphabet or a
/// keyboard row, either way round.
fn simple(password: &str) -> bool {
    let chars: Vec<char> = password.to_lowercase().chars().collect();
    let n = chars.len();
    if (1..=n / 2).any(|u| n.is_multiple_of(u) && chars.chunks(u).all(|c| c == &chars[..u])) {
        return true;
    }
    let text: String = chars.iter().collect();
    SEQUENCES.iter().any(|s| {
        let reversed: String = s.chars().rev().collect();
        s.contains(&text) || reversed.contains(&text)
    })
}

fn refused(code: AuthError) -> AppError {
    AppError::Invalid(vec![FieldError {
        field: "password".into(),
        code: code.into(),
    }])
}

/// Checks a new password for the person with `iin` (when known).
pub fn check(password: &str, iin: Option<&Iin>) -> Result<(), AppError> {
    let length = password.chars().count();
    if !(10..=128).contains(&length) {
        return Err(refused(AuthError::PasswordLength));
    }
    if simple(password) {
        return Err(refused(AuthError::PasswordSimple));
    }
    if listed(password) {
        return Err(refused(AuthError::PasswordCommon));
    }
    if let Some(iin) = iin {
        let digits: String = password.chars().filter(char::is_ascii_digit).collect();
        if digits.contains(&iin.as_str()[..6]) {
            return Err(refused(AuthError::PasswordPersonal));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(password: &str) -> Option<&'static str> {
        let iin = Iin::parse("900101300811").unwrap();
        match check(password, Some(&iin)) {
            Ok(()) => None,
            Err(AppError::Invalid(f)) => Some(f[0].code.code()),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn weak_passwords_are_refused_with_their_reason() {
        for (password, expected) in [
            ("12345678", "auth.password-length"),
            ("kandas-demo", "auth.password-common"),
            ("1234567890", "auth.password-simple"),
            ("0987654321", "auth.password-simple"),
            ("qwertyuiop", "auth.password-simple"),
            ("aaaaaaaaaaaa", "auth.password-simple"),
            ("abcabcabcabc", "auth.password-simple"),
            ("Password2024!", "auth.password-common"),
            ("P@ssw0rd1234", "auth.password-common"),
            ("Qazaqstan2026", "auth.password-common"),
            ("Kazakhstan!!", "auth.password-common"),
            ("пароль123456", "auth.password-common"),
            ("my900101secret", "auth.password-personal"),
        ] {
            assert_eq!(code(password), Some(expected), "{password}");
        }
        for good in [
            "Жұлдыз жарық түн",
            "correct horse battery",
            "tundik-9-Shanyraq",
        ] {
            assert_eq!(code(good), None, "{good}");
        }
        assert_eq!(code(&"x1".repeat(65)), Some("auth.password-length"));
    }
}
