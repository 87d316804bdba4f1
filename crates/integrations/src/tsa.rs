//! The time-stamping authority over HTTP (RFC 3161 §3.4): the DER TimeStampReq posted as
//! `application/timestamp-query` with a fresh nonce, the token taken out of the answer (granted,
//! over the data's SHA-256, with that nonce) and checked at once against the trust anchors; and
//! the check of a stored token, which needs only the anchors (`kandas audit verify` on another
//! machine). NCA RK's TSA is `http://tsp.pki.gov.kz`; in development the server's own
//! `/dev/tsa` answers with the development PKI.

use std::sync::Arc;

use async_trait::async_trait;
use kandas_app::ports::Clock;
use kandas_app::ports::timestamps::{Stamp, TimeStamps, TimestampError};
use kandas_pki::{TrustStore, timestamp_request, token_of_response, verify_timestamp};

/// The largest answer accepted from a TSA.
const MAX_ANSWER: usize = 64 * 1024;

/// Where the TSA is and how long to wait for it.
#[derive(Debug, Clone)]
pub struct TsaConfig {
    /// The TSA's URL.
    pub url: String,
    /// Timeout of the whole request, milliseconds.
    pub timeout_ms: u64,
}

/// A TSA over HTTP (when configured) and the check of tokens against trust anchors (when
/// there are any).
pub struct HttpTimeStamps {
    tsa: Option<(TsaConfig, reqwest::Client)>,
    trust: Option<Arc<TrustStore>>,
    clock: Arc<dyn Clock>,
}

impl HttpTimeStamps {
    /// Timestamps from `tsa` (none: seals are not timestamped), checked against `trust`.
    pub fn new(
        tsa: Option<TsaConfig>,
        trust: Option<Arc<TrustStore>>,
        clock: Arc<dyn Clock>,
    ) -> Result<HttpTimeStamps, reqwest::Error> {
        let tsa = match tsa {
            Some(config) => {
                let client = crate::http::client(config.timeout_ms.min(5_000), config.timeout_ms)?;
                Some((config, client))
            }
            None => None,
        };
        Ok(HttpTimeStamps { tsa, trust, clock })
    }
}

fn unavailable(why: impl std::fmt::Display) -> TimestampError {
    TimestampError::Unavailable(why.to_string())
}

#[async_trait]
impl TimeStamps for HttpTimeStamps {
    async fn stamp(&self, data: &[u8]) -> Result<Option<Vec<u8>>, TimestampError> {
        let Some((config, client)) = &self.tsa else {
            return Ok(None);
        };
        let failed = |why: String| unavailable(format!("the TSA at {}: {why}", config.url));
        let mut nonce = [0u8; 8];
        getrandom::fill(&mut nonce)
            .map_err(|e| failed(format!("no randomness for the nonce: {e}")))?;
        let request = timestamp_request(data, &nonce).map_err(|e| failed(e.to_string()))?;
        let response = client
            .post(&config.url)
            .header("content-type", "application/timestamp-query")
            .header("accept", "application/timestamp-reply")
            .body(request)
            .send()
            .await
            .map_err(|e| failed(crate::http::describe(&e)))?;
        let answer = crate::http::body(response, MAX_ANSWER)
            .await
            .map_err(failed)?;
        let token = token_of_response(&answer, data, &nonce).map_err(|e| failed(e.0))?;
        if self.trust.is_some() {
            self.check(&token, data)
                .map_err(|e| failed(format!("its token does not verify: {e}")))?;
        }
        Ok(Some(token))
    }

    fn check(&self, token: &[u8], data: &[u8]) -> Result<Stamp, TimestampError> {
        let trust = self.trust.as_deref().ok_or_else(|| {
            unavailable("no trust anchors are configured to check it ([eds] anchors)")
        })?;
        let evidence = verify_timestamp(token, data, trust, self.clock.now())
            .map_err(|e| TimestampError::Invalid(e.0))?;
        Ok(Stamp {
            tsa: evidence.tsa,
            gen_time: evidence.gen_time,
        })
    }
}
