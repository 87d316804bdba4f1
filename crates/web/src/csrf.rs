//! Cross-site request forgery protection for the HTML forms: a double-submit token (a random
//! value in the `kandas_csrf` cookie and the same value in the hidden `csrf` field of every
//! form) plus a same-origin check of the `Origin` and `Sec-Fetch-Site` headers.

use axum::http::HeaderMap;
use axum::http::header::{COOKIE, HOST, ORIGIN};
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;

/// The name of the cookie that holds the token (over plain HTTP in development).
pub const CSRF_COOKIE: &str = "kandas_csrf";

/// The cookie's name: behind HTTPS with the `__Host-` prefix, so that no subdomain or plain-HTTP
/// page can set or shadow it.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-kandas_csrf"
    } else {
        CSRF_COOKIE
    }
}

/// The name of the hidden form field that repeats it.
pub const CSRF_FIELD: &str = "csrf";

/// A fresh random token (32 bytes, URL-safe base64).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The value of a non-empty cookie in the request headers.
pub fn header_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

/// The token in the request's cookie, if any.
pub fn cookie_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    header_cookie(headers, cookie_name(secure))
}

/// The `Set-Cookie` value that stores `token`.
pub fn set_cookie(token: &str, secure: bool) -> String {
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

/// The token a page with a form uses: the cookie's, or a new one with the cookie to set.
pub fn token_for_page(headers: &HeaderMap, secure: bool) -> (String, Option<String>) {
    match cookie_token(headers, secure) {
        Some(token) => (token, None),
        None => {
            let token = new_token();
            let cookie = set_cookie(&token, secure);
            (token, Some(cookie))
        }
    }
}

/// Whether the request comes from this site: `Origin` (if present) names the `Host`, and
/// `Sec-Fetch-Site` (if present) is `same-origin` or `none`.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let fetch_site_ok = match headers.get("sec-fetch-site") {
        None => true,
        Some(v) => matches!(v.to_str(), Ok("same-origin" | "none")),
    };
    let origin_ok = match headers.get(ORIGIN) {
        None => true,
        Some(origin) => {
            let host = headers.get(HOST).and_then(|h| h.to_str().ok());
            let origin_host = origin
                .to_str()
                .ok()
                .and_then(|o| o.split_once("://"))
                .map(|(_, rest)| rest.trim_end_matches('/'));
            matches!((host, origin_host), (Some(h), Some(o)) if h.eq_ignore_ascii_case(o))
        }
    };
    fetch_site_ok && origin_ok
}

/// Whether a form submission passes: same origin and the field equals the cookie.
pub fn verify(headers: &HeaderMap, field: &str, secure: bool) -> bool {
    let Some(cookie) = cookie_token(headers, secure) else {
        return false;
    };
    let equal: bool = cookie.as_bytes().ct_eq(field.as_bytes()).into();
    !field.is_empty() && equal && same_origin(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
    }

    #[test]
    fn matching_field_and_cookie_pass() {
        let h = headers(&[
            ("cookie", "kandas_lang=kk; kandas_csrf=abc123"),
            ("host", "kandas.kz"),
        ]);
        assert!(verify(&h, "abc123", false));
    }

    #[test]
    fn mismatch_missing_or_empty_fail() {
        let h = headers(&[("cookie", "kandas_csrf=abc123")]);
        assert!(!verify(&h, "abc124", false));
        assert!(!verify(&h, "", false));
        assert!(!verify(&headers(&[]), "abc123", false));
        assert!(!verify(&headers(&[("cookie", "kandas_csrf=")]), "", false));
    }

    #[test]
    fn foreign_origin_fails() {
        let h = headers(&[
            ("cookie", "kandas_csrf=t"),
            ("host", "kandas.kz"),
            ("origin", "https://evil.example"),
        ]);
        assert!(!verify(&h, "t", false));
        let h = headers(&[
            ("cookie", "kandas_csrf=t"),
            ("host", "kandas.kz"),
            ("origin", "https://kandas.kz"),
        ]);
        assert!(verify(&h, "t", false));
        let h = headers(&[
            ("cookie", "kandas_csrf=t"),
            ("host", "kandas.kz"),
            ("origin", "null"),
        ]);
        assert!(!verify(&h, "t", false));
    }

    #[test]
    fn cross_site_fetch_fails() {
        let h = headers(&[
            ("cookie", "kandas_csrf=t"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(!verify(&h, "t", false));
        let h = headers(&[("cookie", "kandas_csrf=t"), ("sec-fetch-site", "same-site")]);
        assert!(!verify(&h, "t", false));
        let h = headers(&[
            ("cookie", "kandas_csrf=t"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(verify(&h, "t", false));
        let h = headers(&[("cookie", "kandas_csrf=t"), ("sec-fetch-site", "none")]);
        assert!(verify(&h, "t", false));
    }

    #[test]
    fn page_token_reuses_cookie_or_sets_one() {
        let (t, set) = token_for_page(&headers(&[("cookie", "kandas_csrf=keep")]), false);
        assert_eq!((t.as_str(), set), ("keep", None));
        let (t, set) = token_for_page(&headers(&[]), true);
        let set = set.unwrap_or_default();
        assert!(
            set.contains(&t)
                && set.contains("HttpOnly")
                && set.contains("SameSite=Strict")
                && set.contains("Secure")
        );
    }
}
