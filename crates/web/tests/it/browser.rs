//! A browser without JavaScript: a cookie jar, plain and multipart form posts carrying the
//! headers a same-origin form post has, and value extraction from the HTML by string search.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Request, StatusCode};
use kandas_testkit::TestApp;

/// One person's browser: its own cookies.
pub struct Browser<'a> {
    app: &'a TestApp,
    cookies: BTreeMap<String, String>,
    /// The `Origin` header of posts (set another to forge one).
    pub origin: &'static str,
}

impl<'a> Browser<'a> {
    /// A browser with no cookies yet.
    pub fn new(app: &'a TestApp) -> Self {
        Browser {
            app,
            cookies: BTreeMap::new(),
            origin: "http://localhost",
        }
    }

    /// A cookie the browser holds.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    fn keep(&mut self, headers: &HeaderMap) {
        for set in headers.get_all(SET_COOKIE).iter() {
            let set = set.to_str().unwrap();
            let (name, value) = set.split(';').next().unwrap().split_once('=').unwrap();
            if value.is_empty() || set.split("; ").any(|a| a == "Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        content_type: Option<String>,
        body: Vec<u8>,
    ) -> (StatusCode, String, String) {
        let path = path.split('#').next().unwrap();
        let cookies: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "localhost");
        if !cookies.is_empty() {
            request = request.header(COOKIE, cookies.join("; "));
        }
        if let Some(content_type) = content_type {
            request = request
                .header("content-type", content_type)
                .header("origin", self.origin)
                .header("sec-fetch-site", "same-origin");
        }
        let (status, headers, bytes) = self.app.send(request.body(Body::from(body)).unwrap()).await;
        self.keep(&headers);
        let location = headers
            .get(LOCATION)
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, String::from_utf8(bytes).unwrap())
    }

    /// `GET path`: status and HTML.
    pub async fn get(&mut self, path: &str) -> (StatusCode, String) {
        let (status, _, html) = self.send("GET", path, None, Vec::new()).await;
        (status, html)
    }

    /// `GET path`: status, `Location` and HTML (to follow a redirect by hand).
    pub async fn get_raw(&mut self, path: &str) -> (StatusCode, String, String) {
        self.send("GET", path, None, Vec::new()).await
    }

    /// Posts a URL-encoded form: status, `Location` and HTML.
    pub async fn post_form(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String, String) {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let content_type = "application/x-www-form-urlencoded".to_owned();
        self.send(
            "POST",
            path,
            Some(content_type),
            body.join("&").into_bytes(),
        )
        .await
    }

    /// Submits the page's form that posts to `action`: its hidden fields (the CSRF token among
    /// them) and what the person filled in.
    pub async fn submit(
        &mut self,
        html: &str,
        action: &str,
        fill: &[(&str, &str)],
    ) -> (StatusCode, String, String) {
        let hidden = form_fields(html, action);
        let mut fields: Vec<(&str, &str)> = hidden
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        fields.extend_from_slice(fill);
        self.post_form(action, &fields).await
    }

    /// Posts a multipart form with one PDF in the field `file`: status, `Location` and HTML.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        pdf: &[u8],
    ) -> (StatusCode, String, String) {
        let boundary = "browser-boundary-7MA4YWxk";
        let mut body = Vec::new();
        for (name, value) in fields {
            let part = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            );
            body.extend_from_slice(part.as_bytes());
        }
        let head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
             filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        );
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(pdf);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        self.send("POST", path, Some(content_type), body).await
    }
}

/// `application/x-www-form-urlencoded` encoding of one name or value.
pub fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                char::from(b).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The entities askama writes (both spellings), the ampersand last.
const ENTITIES: [(&str, &str); 9] = [
    ("&quot;", "\""),
    ("&#34;", "\""),
    ("&#39;", "'"),
    ("&lt;", "<"),
    ("&#60;", "<"),
    ("&gt;", ">"),
    ("&#62;", ">"),
    ("&#38;", "&"),
    ("&amp;", "&"),
];

/// Undoes askama's HTML escaping.
pub fn unescape(raw: &str) -> String {
    ENTITIES
        .iter()
        .fold(raw.to_owned(), |s, (from, to)| s.replace(from, to))
}

/// The text after `start` up to the next quote, unescaped.
fn quoted(html: &str, start: &str) -> Option<String> {
    let rest = &html[html.find(start)? + start.len()..];
    Some(unescape(&rest[..rest.find('"')?]))
}

/// The `href` of the first link whose tag contains `marker`.
pub fn link(html: &str, marker: &str) -> Option<String> {
    let at = html.find(marker)?;
    quoted(&html[html[..at].rfind("<a ")?..at], "href=\"")
}

/// The `prefix…` number of `len` characters first on the page.
pub fn number_in(html: &str, prefix: &str, len: usize) -> String {
    let at = html
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {html}"));
    html[at..at + len].to_owned()
}

/// The table row that mentions `needle`.
pub fn row_of<'h>(html: &'h str, needle: &str) -> &'h str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {html}"));
    let start = html[..at].rfind("<tr>").unwrap();
    &html[start..at + html[at..].find("</tr>").unwrap()]
}

/// The value of the first input named `name` (hidden or not).
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!(" name=\"{name}\""))?;
    let tag = &html[at..at + html[at..].find('>')?];
    quoted(tag, "value=\"")
}

/// The hidden fields of the first form in `html` that posts to `action`.
pub fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let open = format!("<form method=\"post\" action=\"{action}\"");
    let at = html
        .find(&open)
        .unwrap_or_else(|| panic!("no form posting to {action} in {html}"));
    let form = &html[at..at + html[at..].find("</form>").unwrap()];
    form.split("<input type=\"hidden\" ")
        .skip(1)
        .map(|input| {
            let name = quoted(input, "name=\"").unwrap();
            (name, quoted(input, "value=\"").unwrap())
        })
        .collect()
}

/// The CSRF token of the page's forms.
pub fn csrf(html: &str) -> String {
    hidden(html, "csrf").unwrap_or_else(|| panic!("no csrf field in {html}"))
}

/// The `Location` of a 303 answer; any other answer fails the test, showing its page.
pub fn see_other(answer: &(StatusCode, String, String)) -> &str {
    let (status, location, html) = answer;
    assert_eq!(*status, StatusCode::SEE_OTHER, "{html}");
    location
}
