//! The outbox's delivery log: each attempt of a job on one channel, and how it ended.

use jiff::Timestamp;
use kandas_domain::ids::ApplicationId;

/// One delivery attempt of an outbox job on one channel, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Id.
    pub id: String,
    /// The job (its id is the message's id at the gateway).
    pub job: String,
    /// The case it is about, if any.
    pub application: Option<ApplicationId>,
    /// Where it went.
    pub channel: DeliveryChannel,
    /// To whom, as staff may see it (a masked phone; the personal account).
    pub recipient: String,
    /// The job's attempt, from 1.
    pub attempt: i64,
    /// When the attempt started.
    pub started_at: Timestamp,
    /// When it ended.
    pub finished_at: Timestamp,
    /// How it ended.
    pub outcome: DeliveryOutcome,
    /// The gateway's answer or why it was dropped.
    pub detail: String,
}

/// A channel of the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryChannel {
    /// A text message.
    Sms,
    /// The personal account's notifications.
    Account,
}

impl DeliveryChannel {
    /// The stored code (`sms`, `account`).
    pub fn code(self) -> &'static str {
        match self {
            DeliveryChannel::Sms => "sms",
            DeliveryChannel::Account => "account",
        }
    }

    /// The channel of a stored code.
    pub fn parse(code: &str) -> Option<DeliveryChannel> {
        [DeliveryChannel::Sms, DeliveryChannel::Account]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// How a delivery attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryOutcome {
    /// Handed to the gateway (or written to the account).
    Sent,
    /// Not delivered; the job is retried or given up.
    Failed,
    /// Not sent on purpose: a one-time code that expired before it could go.
    Dropped,
}

impl DeliveryOutcome {
    /// The stored code (`sent`, `failed`, `dropped`).
    pub fn code(self) -> &'static str {
        match self {
            DeliveryOutcome::Sent => "sent",
            DeliveryOutcome::Failed => "failed",
            DeliveryOutcome::Dropped => "dropped",
        }
    }

    /// The outcome of a stored code.
    pub fn parse(code: &str) -> Option<DeliveryOutcome> {
        [
            DeliveryOutcome::Sent,
            DeliveryOutcome::Failed,
            DeliveryOutcome::Dropped,
        ]
        .into_iter()
        .find(|o| o.code() == code)
    }
}
