//! NCANode 3.x's `POST /cms/verify` JSON, as far as we read it. Unknown fields are ignored and
//! every field we do not strictly need is optional, so a newer NCANode still parses; the raw
//! answer is kept as evidence anyway.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The revocation checks NCANode is asked to make (its `revocationCheck` set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RevocationCheck {
    /// Ask NCA RK's OCSP responder.
    Ocsp,
    /// Look the serial up in the CRLs NCANode keeps.
    Crl,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct VerifyRequest<'a> {
    pub(super) cms: String,
    pub(super) revocation_check: &'a [RevocationCheck],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) data: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct VerifyResponse {
    pub(super) valid: bool,
    #[serde(default)]
    pub(super) signers: Vec<SignerInfo>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SignerInfo {
    #[serde(default)]
    pub(super) certificates: Vec<CertificateInfo>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CertificateInfo {
    pub(super) valid: bool,
    #[serde(default)]
    pub(super) revocations: Vec<RevocationStatus>,
    #[serde(default)]
    pub(super) not_before: Option<When>,
    #[serde(default)]
    pub(super) not_after: Option<When>,
    /// `SIGN`, `AUTH` or `UNKNOWN` (NCANode derives it from the keyUsage bits).
    #[serde(default)]
    pub(super) key_usage: Option<String>,
    #[serde(default)]
    pub(super) serial_number: Option<String>,
    #[serde(default)]
    pub(super) subject: Option<Subject>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RevocationStatus {
    #[serde(default)]
    pub(super) revoked: bool,
    /// `OCSP` or `CRL`.
    #[serde(default)]
    pub(super) by: Option<String>,
    #[serde(default)]
    pub(super) revocation_time: Option<When>,
    #[serde(default)]
    pub(super) reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Subject {
    /// The IIN without its `IIN` prefix.
    #[serde(default)]
    pub(super) iin: Option<String>,
    #[serde(default)]
    pub(super) common_name: Option<String>,
}

/// A date as Jackson writes `java.util.Date`: an ISO 8601 string with an offset (Spring Boot's
/// default) or epoch milliseconds (`WRITE_DATES_AS_TIMESTAMPS`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum When {
    Millis(i64),
    Text(String),
}

impl When {
    /// The instant, when it can be read.
    pub(super) fn timestamp(&self) -> Option<Timestamp> {
        match self {
            When::Millis(ms) => Timestamp::from_millisecond(*ms).ok(),
            When::Text(text) => text.parse().ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::When;

    #[test]
    fn jackson_dates_are_read_as_text_or_millis() {
        let text = When::Text("2019-08-22T12:11:36.000+00:00".into());
        let compact = When::Text("2019-08-22T18:11:36.000+0600".into());
        let millis = When::Millis(1_566_475_896_000);
        let expected = "2019-08-22T12:11:36Z".parse().ok();
        assert_eq!(text.timestamp(), expected);
        assert_eq!(compact.timestamp(), expected);
        assert_eq!(millis.timestamp(), expected);
        assert_eq!(When::Text("yesterday".into()).timestamp(), None);
    }
}
