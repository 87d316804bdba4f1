//! What the edge believes and shows: which proxies' `X-Forwarded-For` names the client, whose
//! request id is ours to log, who may read `/metrics`, and whether browsers are told to keep to
//! HTTPS (HSTS).

use std::net::IpAddr;
use std::time::Duration;

use axum::http::{Extensions, HeaderMap};

/// The edge's policy, from the configuration (`[web]`).
#[derive(Debug, Clone)]
pub struct EdgePolicy {
    /// The reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// SHA-256 (hex) of the bearer token that may read `/metrics`.
    pub metrics_token_sha256: Option<String>,
    /// Addresses that may read `/metrics` without a token.
    pub metrics_addresses: Vec<IpAddr>,
    /// `/metrics` is open to anyone (development only).
    pub metrics_open: bool,
    /// Send `Strict-Transport-Security` (production, behind HTTPS).
    pub hsts: bool,
    /// How long a request may take before it is answered 503 (`[web] request_timeout_secs`).
    pub request_timeout: Duration,
    /// The same for uploads (multipart bodies), which a slow phone needs longer to send
    /// (`[web] upload_timeout_secs`).
    pub upload_timeout: Duration,
}

/// A request's time by default: long enough for a registry or an OCSP responder that is slow
/// but answers, short enough that a stuck one frees the worker.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// An upload's time by default (a 10 MB scan over a slow mobile link).
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(300);

impl Default for EdgePolicy {
    fn default() -> Self {
        EdgePolicy {
            trusted_proxies: Vec::new(),
            metrics_token_sha256: None,
            metrics_addresses: Vec::new(),
            metrics_open: false,
            hsts: false,
            request_timeout: REQUEST_TIMEOUT,
            upload_timeout: UPLOAD_TIMEOUT,
        }
    }
}

/// The client's address as the middleware found it (for limits and the audit trail).
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

fn peer_ip(extensions: &Extensions) -> Option<IpAddr> {
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// The connection's peer, or `unknown` without connection info.
pub fn peer(extensions: &Extensions) -> String {
    peer_ip(extensions).map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

impl EdgePolicy {
    /// The client: the peer, unless the peer is a trusted proxy — then the right-most address
    /// of `X-Forwarded-For` that is not itself a trusted proxy (entries to its left are the
    /// client's own word and not believed).
    pub fn client(&self, headers: &HeaderMap, extensions: &Extensions) -> String {
        let Some(peer) = peer_ip(extensions) else {
            return "unknown".to_owned();
        };
        if !self.trusted_proxies.contains(&peer) {
            return peer.to_string();
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map_while(|a| a.trim().parse::<IpAddr>().ok())
            .collect();
        forwarded
            .iter()
            .rev()
            .find(|ip| !self.trusted_proxies.contains(ip))
            .map_or_else(|| peer.to_string(), ToString::to_string)
    }

    /// Whether the caller may read `/metrics`.
    pub fn may_read_metrics(&self, headers: &HeaderMap, client: &str) -> bool {
        if self.metrics_open {
            return true;
        }
        let by_address = client
            .parse::<IpAddr>()
            .is_ok_and(|ip| self.metrics_addresses.contains(&ip));
        let by_token = self.metrics_token_sha256.as_ref().is_some_and(|expected| {
            headers
                .get(axum::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .is_some_and(|token| {
                    let got = kandas_app::secrets::sha256_hex(token.trim().as_bytes());
                    subtle::ConstantTimeEq::ct_eq(got.as_bytes(), expected.as_bytes()).into()
                })
        });
        by_address || by_token
    }
}

/// The request's id: ours, unless the client sent a well-formed UUID (a proxy or a program
/// tracing its own calls); answers it and what the client sent otherwise, to be logged apart.
pub fn request_id(headers: &HeaderMap) -> (String, Option<String>) {
    let sent = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    match sent {
        Some(v) if uuid_like(v) => (v.to_ascii_lowercase(), None),
        Some(other) => (
            kandas_app::secrets::new_id(),
            Some(other.chars().take(64).collect()),
        ),
        None => (kandas_app::secrets::new_id(), None),
    }
}

fn uuid_like(v: &str) -> bool {
    let groups: Vec<&str> = v.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_peer(ip: &str) -> Extensions {
        let mut e = Extensions::new();
        let addr: std::net::SocketAddr = format!("{ip}:4000").parse().unwrap();
        e.insert(axum::extract::ConnectInfo(addr));
        e
    }

    #[test]
    fn only_a_trusted_proxy_is_believed_and_only_for_its_own_entry() {
        let policy = EdgePolicy {
            trusted_proxies: vec!["10.0.0.1".parse().unwrap()],
            ..EdgePolicy::default()
        };
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 203.0.113.7"),
        );
        assert_eq!(policy.client(&h, &with_peer("10.0.0.1")), "203.0.113.7");
        assert_eq!(
            policy.client(&h, &with_peer("198.51.100.2")),
            "198.51.100.2"
        );
        assert_eq!(
            policy.client(&HeaderMap::new(), &with_peer("10.0.0.1")),
            "10.0.0.1"
        );
        assert_eq!(policy.client(&h, &Extensions::new()), "unknown");
    }

    #[test]
    fn a_client_request_id_is_kept_only_when_it_is_a_uuid() {
        let mut h = HeaderMap::new();
        h.insert("x-request-id", HeaderValue::from_static("cli"));
        let (id, sent) = request_id(&h);
        assert_ne!(id, "cli");
        assert_eq!(sent.as_deref(), Some("cli"));
        let uuid = "0F8FAD5B-D9CB-469F-A165-70867728950E";
        h.insert("x-request-id", HeaderValue::from_static(uuid));
        assert_eq!(request_id(&h), (uuid.to_ascii_lowercase(), None));
    }

    #[test]
    fn metrics_need_an_address_or_the_token() {
        let policy = EdgePolicy {
            metrics_addresses: vec!["127.0.0.1".parse().unwrap()],
            metrics_token_sha256: Some(kandas_app::secrets::sha256_hex(b"s3cret")),
            ..EdgePolicy::default()
        };
        let none = HeaderMap::new();
        assert!(policy.may_read_metrics(&none, "127.0.0.1"));
        assert!(!policy.may_read_metrics(&none, "203.0.113.7"));
        let mut h = HeaderMap::new();
        h.insert("authorization", HeaderValue::from_static("Bearer s3cret"));
        assert!(policy.may_read_metrics(&h, "203.0.113.7"));
        h.insert("authorization", HeaderValue::from_static("Bearer wrong"));
        assert!(!policy.may_read_metrics(&h, "203.0.113.7"));
    }
}
