//! Signing in through the API as a person would (password, then the SMS code read from the
//! development inbox `/dev/sms`), and what `kandas bench seed` hands over.

use std::net::SocketAddr;

use hyper::Method;
use serde::Deserialize;
use serde_json::json;

use crate::http::{Conn, Req};

/// A seeded applicant's live session and their application.
#[derive(Debug, Clone, Deserialize)]
pub struct Owned {
    /// The bearer token.
    pub token: String,
    /// Their application.
    pub application_id: String,
}

/// What `kandas bench seed` printed.
#[derive(Debug, Clone, Deserialize)]
pub struct Seed {
    /// Applicants with a live session each, and their application.
    pub applicants: Vec<Owned>,
    /// Applications in the demo officer's office.
    pub office_cases: Vec<String>,
    /// Numbers of valid certificates.
    pub certificates: Vec<String>,
}

impl Seed {
    /// Adds `other`'s sessions, cases and certificates after these.
    pub fn extend(&mut self, other: &Seed) {
        self.applicants.extend(other.applicants.iter().cloned());
        self.office_cases.extend(other.office_cases.iter().cloned());
        self.certificates.extend(other.certificates.iter().cloned());
    }
}

/// The six-digit one-time code in an SMS text ("… code 123456. Valid …"), not a number such as
/// KND-2026-000123 in a notice.
fn code_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(7)).find_map(|i| {
        let digits = &bytes[i..i + 6];
        let before_ok = i == 0 || !(bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'-');
        let after_ok = bytes[i + 6] == b'.' && bytes[i + 7] == b' ';
        (before_ok && after_ok && digits.iter().all(u8::is_ascii_digit))
            .then(|| String::from_utf8_lossy(digits).into_owned())
    })
}

/// Every message of the development inbox, newest first.
async fn inbox(conn: &mut Conn) -> Result<Vec<String>, String> {
    let answer = conn
        .send(&Req::get("/dev/sms"))
        .await?
        .expect(200, "/dev/sms")?;
    let messages = answer.json()?;
    Ok(messages
        .as_array()
        .map(|all| {
            all.iter()
                .map(|m| {
                    format!(
                        "{}|{}",
                        m["sent_at"].as_str().unwrap_or(""),
                        m["text"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}

/// The first code that arrives in the inbox after `before` (SMS go out through the worker, so
/// the code comes a moment after the request that sends it).
pub async fn next_code(conn: &mut Conn, before: &[String]) -> Result<String, String> {
    for _ in 0..300 {
        let now = inbox(conn).await?;
        if let Some(code) = now
            .iter()
            .filter(|m| !before.contains(m))
            .find_map(|m| code_in(m.split_once('|').map_or(m.as_str(), |(_, t)| t)))
        {
            return Ok(code);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err("no new code in /dev/sms within 30 s".into())
}

/// Signs `iin` in with `password` and the SMS code: the bearer token.
pub async fn sign_in(addr: SocketAddr, iin: &str, password: &str) -> Result<String, String> {
    let mut conn = Conn::new(addr);
    let before = inbox(&mut conn).await?;
    let body = json!({ "iin": iin, "password": password });
    let started = conn
        .send(&Req::json(Method::POST, "/api/v1/auth/login", &body))
        .await?
        .expect(200, "sign in")?
        .json()?;
    let challenge = started["challenge_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let code = next_code(&mut conn, &before).await?;
    let body = json!({ "challenge_id": challenge, "code": code });
    let done = conn
        .send(&Req::json(
            Method::POST,
            "/api/v1/auth/login/confirm",
            &body,
        ))
        .await?
        .expect(200, "confirm the sign-in code")?
        .json()?;
    done["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("no token in {done}"))
}

#[cfg(test)]
mod tests {
    use super::code_in;

    #[test]
    fn the_code_is_found_and_numbers_are_not() {
        assert_eq!(
            code_in("Kandas: your code 123456. Valid 5 minutes.").as_deref(),
            Some("123456")
        );
        assert_eq!(code_in("Application KND-2026-000123. Registered."), None);
        assert_eq!(code_in("no code here"), None);
    }
}
