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
    /// The `Origin` header of posts (a foreign one to play a cross-site form).
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
        let cookies: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
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
        self.send("POST", path, Some(content_type), body.join("&").into_bytes())
            .await
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
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
        body.extend_from_slice(pdf);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        self.send("POST", path, Some(content_type), body).await
    }
}

/// `application/x-www-form-urlencoded` encoding of one name or value.
fn encode(v: &str) -> String {
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

/// The value of the first `<input name="{name}" value="…">` (hidden or not), unescaped.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let start = format!("name=\"{name}\" value=\"");
    let rest = &html[html.find(&start)? + start.len()..];
    let raw = &rest[..rest.find('"')?];
    let unescaped = raw
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    Some(unescaped)
}

/// The CSRF token of the page's forms.
pub fn csrf(html: &str) -> String {
    hidden(html, "csrf").unwrap_or_else(|| panic!("no csrf field in {html}"))
}
