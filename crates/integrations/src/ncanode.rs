//! An external EDS verification service with NCANode 3.x's contract (`POST {base}/cms/verify`),
//! used for what `kandas_pki` does not verify itself (GOST keys) when one is configured. Its
//! answer is normalised to our verdict and `eds.*` reason codes; the raw answer is kept as the
//! evidence. Anything short of a clear answer (unreachable, timed out, 5xx, unreadable JSON)
//! is `INDETERMINATE` `eds.revocation-unavailable`: fail closed, the person may try again.

mod contract;
mod judge;

use std::fmt;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jiff::Timestamp;
use kandas_app::ports::Clock;
use kandas_pki::{Purpose, Reason, Verdict};
use serde::{Deserialize, Serialize};

pub use contract::RevocationCheck;
use contract::{VerifyRequest, VerifyResponse};
use judge::{Expectation, judge};

/// Settings of the verification service.
#[derive(Clone, Deserialize)]
pub struct NcaNodeConfig {
    /// Where NCANode listens, such as `http://ncanode:14579`.
    pub base_url: String,
    /// Timeout of a whole verification request in milliseconds.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u64,
    /// Bearer token, when the service sits behind an authenticating proxy.
    #[serde(default)]
    pub token: Option<String>,
    /// The revocation checks asked for (`revocationCheck`); each must be answered.
    #[serde(default = "default_checks")]
    pub revocation_check: Vec<RevocationCheck>,
}

fn default_timeout() -> u64 {
    10_000
}

fn default_checks() -> Vec<RevocationCheck> {
    vec![RevocationCheck::Ocsp, RevocationCheck::Crl]
}

impl fmt::Debug for NcaNodeConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NcaNodeConfig")
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("revocation_check", &self.revocation_check)
            .finish()
    }
}

/// What the service said about one signature, normalised.
#[derive(Debug, Clone, Serialize)]
pub struct ExternalVerification {
    /// `TOTAL_PASSED`, `TOTAL_FAILED` or `INDETERMINATE`.
    pub verdict: Verdict,
    /// Why, when not valid and one of our codes applies (`eds.revoked`, …).
    pub reason: Option<Reason>,
    /// What exactly was found (English, for officers and logs).
    pub detail: String,
    /// The IIN in the signer's certificate, as the service read it.
    pub iin: Option<String>,
    /// When we asked.
    pub checked_at: Timestamp,
    /// The service's answer as received (JSON), when there was one: the evidence.
    pub raw: Option<String>,
}

impl ExternalVerification {
    /// The reason code, the message id of the translated text.
    pub fn code(&self) -> Option<&'static str> {
        self.reason.map(Reason::code)
    }
}

/// Setting up the client failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the HTTP client for the verification service: {0}")]
pub struct NcaNodeSetupError(#[from] reqwest::Error);

/// The client of an NCANode-compatible verification service.
pub struct NcaNodeVerifier {
    client: reqwest::Client,
    config: NcaNodeConfig,
    clock: Arc<dyn Clock>,
}

impl NcaNodeVerifier {
    /// A client for the service of `config`.
    pub fn new(config: NcaNodeConfig, clock: Arc<dyn Clock>) -> Result<Self, NcaNodeSetupError> {
        let client = crate::http::client(config.timeout_ms.min(2_000), config.timeout_ms)?;
        Ok(NcaNodeVerifier {
            client,
            config,
            clock,
        })
    }

    /// Verifies `cms` (DER; `detached` is the signed content when the CMS does not carry it)
    /// for `purpose`; `expected_iin`, when given, must be the signer's.
    pub async fn verify(
        &self,
        cms: &[u8],
        detached: Option<&[u8]>,
        purpose: Purpose,
        expected_iin: Option<&str>,
    ) -> ExternalVerification {
        let checked_at = self.clock.now();
        let (status, raw) = match self.ask(cms, detached).await {
            Ok(answer) => answer,
            Err(why) => return unavailable(checked_at, why, None),
        };
        if status == reqwest::StatusCode::BAD_REQUEST {
            // NCANode answers 400 when it cannot read the CMS or the data.
            let detail = format!(
                "the service could not read the signature: {}",
                message(&raw)
            );
            return outcome(checked_at, Reason::Malformed, detail, raw);
        }
        if !status.is_success() {
            let why = format!("the service answered {status}: {}", message(&raw));
            return unavailable(checked_at, why, Some(raw));
        }
        let answer: VerifyResponse = match serde_json::from_str(&raw) {
            Ok(answer) => answer,
            Err(e) => {
                let why = format!("the service's answer is not the expected JSON: {e}");
                return unavailable(checked_at, why, Some(raw));
            }
        };
        let expect = Expectation {
            purpose,
            iin: expected_iin,
            checks: &self.config.revocation_check,
            now: checked_at,
        };
        let judgement = judge(&answer, &expect);
        ExternalVerification {
            verdict: judgement.verdict,
            reason: judgement.reason,
            detail: judgement.detail,
            iin: judgement.iin,
            checked_at,
            raw: Some(raw),
        }
    }

    /// Posts the request; the status and the body, or why there is none.
    async fn ask(
        &self,
        cms: &[u8],
        detached: Option<&[u8]>,
    ) -> Result<(reqwest::StatusCode, String), String> {
        let url = format!("{}/cms/verify", self.config.base_url.trim_end_matches('/'));
        let body = VerifyRequest {
            cms: STANDARD.encode(cms),
            revocation_check: &self.config.revocation_check,
            data: detached.map(|data| STANDARD.encode(data)),
        };
        let mut request = self.client.post(&url).json(&body);
        if let Some(token) = &self.config.token {
            request = request.bearer_auth(token);
        }
        let unreachable = |e: reqwest::Error| {
            let how = if e.is_timeout() {
                "timed out"
            } else {
                "failed"
            };
            format!("the verification service at {url} {how}: {e}")
        };
        let response = request.send().await.map_err(unreachable)?;
        let status = response.status();
        let text = response.text().await.map_err(unreachable)?;
        Ok((status, text))
    }
}

fn unavailable(at: Timestamp, why: String, raw: Option<String>) -> ExternalVerification {
    ExternalVerification {
        verdict: Reason::RevocationUnavailable.verdict(),
        reason: Some(Reason::RevocationUnavailable),
        detail: why,
        iin: None,
        checked_at: at,
        raw,
    }
}

fn outcome(at: Timestamp, reason: Reason, detail: String, raw: String) -> ExternalVerification {
    ExternalVerification {
        verdict: reason.verdict(),
        reason: Some(reason),
        detail,
        iin: None,
        checked_at: at,
        raw: Some(raw),
    }
}

/// NCANode's error `message`, or the start of the body.
fn message(raw: &str) -> String {
    serde_json::from_str::<serde_json::Value>(raw)
        .ok()
        .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_owned))
        .unwrap_or_else(|| raw.chars().take(200).collect())
}
