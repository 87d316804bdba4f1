//! Asking a time-stamping authority for a token over some data (RFC 3161 §3.4: the DER
//! TimeStampReq posted as `application/timestamp-query`, a TimeStampResp answered), taking the
//! token out of the answer, and checking a token over data later, as `super::verify_token`
//! checks the tokens inside signatures.

use der::asn1::{Any, Int, OctetString};
use der::{Decode, Encode};
use jiff::Timestamp;
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;

use super::asn1::{MessageImprint, TimeStampReq, TimeStampResp, TstInfo};
use crate::oid;
use crate::report::TimestampEvidence;
use crate::signed_data;
use crate::trust::TrustStore;

/// Why a token could not be had or does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("time-stamping: {0}")]
pub struct StampError(pub String);

fn error(detail: impl std::fmt::Display) -> StampError {
    StampError(detail.to_string())
}

/// SHA-256, as the request names it.
fn sha256() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: oid::SHA256,
        parameters: None,
    }
}

/// A nonce as a positive INTEGER: the top bit cleared, the first byte never zero.
fn nonce_int(nonce: &[u8; 8]) -> Result<Int, StampError> {
    let mut bytes = *nonce;
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    Int::new(&bytes).map_err(error)
}

/// The DER TimeStampReq for a token over `data` (its SHA-256), with `nonce` and asking for
/// the TSA's certificate in the token.
pub fn timestamp_request(data: &[u8], nonce: &[u8; 8]) -> Result<Vec<u8>, StampError> {
    TimeStampReq {
        version: 1,
        message_imprint: MessageImprint {
            hash_algorithm: sha256(),
            hashed_message: OctetString::new(Sha256::digest(data).as_slice()).map_err(error)?,
        },
        req_policy: None,
        nonce: Some(nonce_int(nonce)?),
        cert_req: true,
        extensions: None,
    }
    .to_der()
    .map_err(error)
}

/// The token of a TimeStampResp to [`timestamp_request`]`(data, nonce)`: granted, and its
/// TSTInfo over that data's SHA-256 with that nonce (the token's signature and its TSA are
/// [`verify_timestamp`]'s business).
pub fn token_of_response(
    response: &[u8],
    data: &[u8],
    nonce: &[u8; 8],
) -> Result<Vec<u8>, StampError> {
    let answer =
        TimeStampResp::from_der(response).map_err(|e| error(format!("the answer: {e}")))?;
    if answer.status.status > 1 {
        return Err(error(format!(
            "the TSA refused (status {})",
            answer.status.status
        )));
    }
    let token: Any = answer
        .time_stamp_token
        .ok_or_else(|| error("the TSA granted no token"))?;
    let token = token.to_der().map_err(error)?;
    let parsed = signed_data::parse(&token).map_err(|f| error(f.detail))?;
    if parsed.econtent_type != oid::TST_INFO {
        return Err(error("the token holds no TSTInfo"));
    }
    let content = parsed
        .attached
        .as_deref()
        .ok_or_else(|| error("the token holds no TSTInfo"))?;
    let info = TstInfo::from_der(content).map_err(|e| error(format!("TSTInfo: {e}")))?;
    let imprint = &info.message_imprint;
    if imprint.hash_algorithm.oid != oid::SHA256
        || imprint.hashed_message.as_bytes() != Sha256::digest(data).as_slice()
    {
        return Err(error("the token is over other data"));
    }
    if info.nonce.as_ref().map(Int::as_bytes) != Some(nonce_int(nonce)?.as_bytes()) {
        return Err(error("the token's nonce is not the request's"));
    }
    Ok(token)
}

/// Checks a DER token over `data` against `trust` at `now`, as a timestamp inside a signature
/// is checked: the TSA's signature, its certificate's path and EKU, the imprint; answers what
/// the token says (the TSA, genTime).
pub fn verify_timestamp(
    token: &[u8],
    data: &[u8],
    trust: &TrustStore,
    now: Timestamp,
) -> Result<TimestampEvidence, StampError> {
    super::verify_token(token, data, trust, now).map_err(|f| error(f.detail))
}
