//! What every HTTP client of ours shares: building a client (ring as the TLS provider, the
//! timeouts), reading a body with a size cap, and saying what went wrong in words.

use std::time::Duration;

/// reqwest is built without a default TLS provider; ring is the one we ship, installed once for
/// the process before any client is built (ours, and object_store's).
pub fn install_tls_provider() {
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
}

/// An HTTP client with these timeouts.
pub fn client(connect_timeout_ms: u64, timeout_ms: u64) -> Result<reqwest::Client, reqwest::Error> {
    install_tls_provider();
    reqwest::Client::builder()
        .connect_timeout(Duration::from_millis(connect_timeout_ms))
        .timeout(Duration::from_millis(timeout_ms))
        .build()
}

/// A reqwest error in words, naming timeouts and refused connections.
pub fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        format!("timed out ({e})")
    } else if e.is_connect() {
        format!("unreachable ({e})")
    } else {
        e.to_string()
    }
}

/// The body of a successful answer, at most `max_bytes`; otherwise why not.
pub async fn body(mut response: reqwest::Response, max_bytes: usize) -> Result<Vec<u8>, String> {
    let status = response.status();
    if !status.is_success() {
        return Err(format!("the server answered {status}"));
    }
    let too_large = || format!("the body is larger than {max_bytes} bytes");
    let announced = response.content_length().unwrap_or(0);
    if usize::try_from(announced).map_or(true, |n| n > max_bytes) {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("reading the body failed: {}", describe(&e)))?
    {
        if body.len() + chunk.len() > max_bytes {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
