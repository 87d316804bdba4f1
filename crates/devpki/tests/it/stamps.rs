//! A timestamp asked of the development TSA as an information system asks a real one: the
//! request (`kandas_pki::timestamp_request`), the TSA's answer, the token taken out of it (the
//! imprint and the nonce checked) and verified later against the trust anchors; another
//! request's nonce, other data, a changed byte or a TSA outside the PKI are each refused.

use jiff::SignedDuration;
use kandas_devpki::timestamp_response;
use kandas_pki::{timestamp_request, token_of_response, verify_timestamp};

use super::{now, pki};

const SEAL: &[u8] = b"the COSE_Sign1 bytes of an hourly seal";

#[test]
fn a_token_is_asked_for_taken_and_verified() {
    let tsa = pki()
        .issue_tsa(
            now() - SignedDuration::from_hours(24),
            now() + SignedDuration::from_hours(24 * 365),
        )
        .unwrap();
    let nonce = [7u8; 8];
    let request = timestamp_request(SEAL, &nonce).unwrap();
    let at = now() + SignedDuration::from_mins(1);
    let answer = timestamp_response(&tsa, &request, at).unwrap();
    let token = token_of_response(&answer, SEAL, &nonce).unwrap();
    let trust = pki().trust_store().unwrap();
    let later = at + SignedDuration::from_hours(1);
    let evidence = verify_timestamp(&token, SEAL, &trust, later).unwrap();
    assert_eq!(evidence.gen_time, at);
    assert!(
        evidence.tsa.contains(kandas_devpki::TSA_CN),
        "{}",
        evidence.tsa
    );

    // The answer to another request, or over other data, is not this request's token.
    assert!(
        token_of_response(&answer, SEAL, &[8u8; 8])
            .unwrap_err()
            .0
            .contains("nonce")
    );
    assert!(
        token_of_response(&answer, b"other", &nonce)
            .unwrap_err()
            .0
            .contains("other data")
    );
    // A token is only good for its data, and only whole.
    assert!(verify_timestamp(&token, b"other", &trust, later).is_err());
    let mut changed = token.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 1;
    assert!(verify_timestamp(&changed, SEAL, &trust, later).is_err());
    // A request that does not decode is refused, with no token.
    let refused = timestamp_response(&tsa, b"not a request", at).unwrap();
    let why = token_of_response(&refused, SEAL, &nonce).unwrap_err();
    assert!(why.0.contains("refused (status 2)"), "{why}");
    // A TSA of another PKI is not trusted.
    let stranger = kandas_devpki::DevPki::generate(now(), &super::people()).unwrap();
    let other_tsa = stranger
        .issue_tsa(
            now() - SignedDuration::from_hours(24),
            now() + SignedDuration::from_hours(24),
        )
        .unwrap();
    let foreign = timestamp_response(&other_tsa, &request, at).unwrap();
    let foreign = token_of_response(&foreign, SEAL, &nonce).unwrap();
    assert!(verify_timestamp(&foreign, SEAL, &trust, later).is_err());
}
