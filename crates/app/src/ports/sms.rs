//! Sending text messages to a phone.

use async_trait::async_trait;
use kandas_domain::phone::PhoneNumber;
use thiserror::Error;

/// Why a message was not sent.
#[derive(Debug, Error)]
pub enum SmsError {
    /// Worth trying again later (timeouts, 5xx, rate limits).
    #[error("SMS gateway unavailable: {0}")]
    Temporary(String),
    /// Will not work on retry (rejected number, bad credentials).
    #[error("SMS rejected: {0}")]
    Permanent(String),
}

/// A channel that sends SMS.
#[async_trait]
pub trait Sms: Send + Sync {
    /// Sends `text` to `phone`.
    async fn send(&self, phone: &PhoneNumber, text: &str) -> Result<(), SmsError>;
}
