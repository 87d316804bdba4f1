//! A time-stamping authority (RFC 3161): a token from it over some data, and the check of a
//! token over data against the trust anchors. The audit trail's hourly seals are timestamped
//! when a TSA is configured, so that a seal's time rests on a third party, not on the clock of
//! the server that signed it.

use async_trait::async_trait;
use jiff::Timestamp;

/// A token could not be had or checked here, or does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimestampError {
    /// The TSA cannot be asked, or nothing here can check a token (no trust anchors).
    #[error("{0}")]
    Unavailable(String),
    /// The token does not hold: its signature, its TSA or its imprint.
    #[error("{0}")]
    Invalid(String),
}

/// What a verified token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The TSA, as its certificate names it.
    pub tsa: String,
    /// The time the TSA vouches for.
    pub gen_time: Timestamp,
}

/// The TSA and the check of its tokens.
#[async_trait]
pub trait TimeStamps: Send + Sync {
    /// A DER token over `data` from the configured TSA; `Ok(None)` when none is configured.
    async fn stamp(&self, data: &[u8]) -> Result<Option<Vec<u8>>, TimestampError>;
    /// Checks the DER `token` over `data`: the TSA's signature, its certificate's path to the
    /// trust anchors, the imprint.
    fn check(&self, token: &[u8], data: &[u8]) -> Result<Stamp, TimestampError>;
}

/// No TSA and no trust anchors: nothing is timestamped, and a token cannot be checked.
pub struct NoTimeStamps;

#[async_trait]
impl TimeStamps for NoTimeStamps {
    async fn stamp(&self, _data: &[u8]) -> Result<Option<Vec<u8>>, TimestampError> {
        Ok(None)
    }

    fn check(&self, _token: &[u8], _data: &[u8]) -> Result<Stamp, TimestampError> {
        Err(TimestampError::Unavailable(
            "no trust anchors are configured to check it ([eds] anchors)".into(),
        ))
    }
}
