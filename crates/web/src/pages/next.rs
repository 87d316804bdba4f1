//! Where a person was going when they were sent to sign in (`/login?next=…`): only a path on
//! this site is followed, never another site (`//evil.example`, `/\evil.example`, `https://…`).

/// The pages a person is never sent back to after signing in: the sign-in itself and its kin.
const NOT_AFTER_SIGN_IN: [&str; 4] = ["/login", "/logout", "/register", "/password"];

/// `raw` when it is a path on this site worth coming back to; anything else is `None`.
pub fn local_next(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let mut chars = raw.chars();
    let first = chars.next()?;
    let second = chars.next();
    let local = first == '/'
        && !matches!(second, Some('/' | '\\'))
        && raw.len() <= 1024
        && !raw
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    let path = raw.split(['?', '#']).next().unwrap_or_default();
    let sign_in = NOT_AFTER_SIGN_IN
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    (local && !sign_in).then(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::local_next;

    #[test]
    fn only_local_paths_are_followed() {
        for good in ["/order", "/applications/abc?x=1", "/staff", "/"] {
            assert_eq!(local_next(good).as_deref(), Some(good), "{good}");
        }
        for bad in [
            "",
            "order",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "/\t/evil.example",
            "/a\\b",
            "/login",
            "/login/confirm?c=1",
            "/logout",
            "javascript:alert(1)",
        ] {
            assert_eq!(local_next(bad), None, "{bad:?}");
        }
    }
}
