//! SMS senders: `console` for development (prints and feeds `GET /dev/sms`) and `http` for a
//! real gateway (JSON POST with a bearer token, with a timeout; the outbox worker retries
//! temporary failures with backoff).

use std::sync::Arc;

use async_trait::async_trait;
use kandas_app::ports::sms::{Sms, SmsError, SmsMessage};
use kandas_app::ports::store::DevSms;
use kandas_app::ports::{Clock, Store};
use serde::Deserialize;

/// Development sender: writes the message to the log (phone masked) and to the dev inbox.
pub struct ConsoleSms {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
}

impl ConsoleSms {
    /// A console sender recording into `store`'s dev inbox.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> ConsoleSms {
        ConsoleSms { store, clock }
    }
}

#[async_trait]
impl Sms for ConsoleSms {
    async fn send(&self, message: &SmsMessage<'_>) -> Result<(), SmsError> {
        tracing::info!(to = %message.phone.masked(), "development SMS recorded in /dev/sms");
        let sms = DevSms {
            id: message.id.to_owned(),
            phone: message.phone.to_string(),
            text: message.text.to_owned(),
            sent_at: self.clock.now(),
        };
        self.store
            .record_dev_sms(&sms)
            .await
            .map_err(|e| SmsError::Temporary(e.to_string()))
    }
}

/// Settings of an HTTP SMS gateway. `Debug` leaves the token out.
#[derive(Clone, Deserialize)]
pub struct HttpSmsConfig {
    /// The gateway's send endpoint.
    pub url: String,
    /// Bearer token.
    pub token: String,
    /// Sender name shown on the phone.
    #[serde(default = "default_sender")]
    pub sender: String,
    /// Request timeout in milliseconds.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u64,
}

impl std::fmt::Debug for HttpSmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpSmsConfig")
            .field("url", &self.url)
            .field("token", &"[redacted]")
            .field("sender", &self.sender)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

fn default_sender() -> String {
    "KANDAS".into()
}

fn default_timeout() -> u64 {
    5000
}

/// Sends through an HTTP gateway: `POST url` with `{"id", "to", "text", "sender"}`, a bearer
/// token and an `Idempotency-Key` header equal to `id`.
///
/// The contract with the gateway: `id` is the message's own (the outbox job's), the same on
/// every attempt, so a gateway that keeps the ids it has seen delivers each message once even
/// when an answer is lost and the attempt repeated; a 2xx answer means accepted; 408, 429 and
/// 5xx, a timeout or no connection are tried again later with backoff; any other answer is
/// given up. An attempt waits at most `timeout_ms`, which must be under the outbox's attempt
/// timeout ([`kandas_app::jobs::ATTEMPT_TIMEOUT`]).
pub struct HttpSms {
    client: reqwest::Client,
    config: HttpSmsConfig,
}

impl HttpSms {
    /// A client for the gateway.
    pub fn new(config: HttpSmsConfig) -> Result<HttpSms, SmsError> {
        let most = kandas_app::jobs::ATTEMPT_TIMEOUT.as_millis();
        if u128::from(config.timeout_ms) >= most {
            return Err(SmsError::Permanent(format!(
                "sms.timeout_ms is {}: it must be under {most}, the outbox's attempt timeout",
                config.timeout_ms
            )));
        }
        let client = crate::http::client(config.timeout_ms.min(3000), config.timeout_ms)
            .map_err(|e| SmsError::Permanent(format!("cannot build the HTTP client: {e}")))?;
        Ok(HttpSms { client, config })
    }
}

#[async_trait]
impl Sms for HttpSms {
    async fn send(&self, message: &SmsMessage<'_>) -> Result<(), SmsError> {
        let body = serde_json::json!({
            "id": message.id,
            "to": message.phone.as_str(),
            "text": message.text,
            "sender": self.config.sender,
        });
        let response = self
            .client
            .post(&self.config.url)
            .bearer_auth(&self.config.token)
            .header("idempotency-key", message.id)
            .json(&body)
            .send()
            .await
            .map_err(|e| SmsError::Temporary(format!("gateway unreachable: {e}")))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let detail = format!("gateway answered {status}");
        if status.is_server_error() || status.as_u16() == 429 || status.as_u16() == 408 {
            Err(SmsError::Temporary(detail))
        } else {
            Err(SmsError::Permanent(detail))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HttpSmsConfig;

    #[test]
    fn a_printed_gateway_configuration_shows_no_token() {
        let config = HttpSmsConfig {
            url: "https://sms.example/send".into(),
            token: "sms-token".into(),
            sender: "KANDAS".into(),
            timeout_ms: 5000,
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("sms-token"), "{printed}");
        assert!(printed.contains("[redacted]") && printed.contains("sms.example"));
    }
}
