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

/// One message to send.
#[derive(Debug, Clone, Copy)]
pub struct SmsMessage<'a> {
    /// The message's id, the same on every attempt: a gateway that takes ids delivers a
    /// message it has seen once only.
    pub id: &'a str,
    /// To.
    pub phone: &'a PhoneNumber,
    /// Text.
    pub text: &'a str,
}

/// A channel that sends SMS. An attempt must end (sent or failed) within
/// [`crate::jobs::ATTEMPT_TIMEOUT`]; the outbox gives up on it then.
#[async_trait]
pub trait Sms: Send + Sync {
    /// Sends the message.
    async fn send(&self, message: &SmsMessage<'_>) -> Result<(), SmsError>;
}
