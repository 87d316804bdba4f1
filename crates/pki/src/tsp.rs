//! RFC 3161 timestamp tokens: the unsigned attribute id-aa-signatureTimeStampToken of the
//! SignerInfo is itself a CMS SignedData over a TSTInfo. Checked: its signer (the TSA) signs the
//! signed attributes and messageDigest is the TSTInfo's; the TSA certificate chains to the trust
//! anchors, satisfies the CA constraints and is valid both at genTime and at `now` (a TSA key
//! that has since expired could otherwise vouch for any genTime in its old lifetime), with a
//! critical EKU id-kp-timeStamping (and keyUsage, when present, for signatures); the TSTInfo has
//! version 1 and no critical extension, its messageImprint is the hash of the SignerInfo's
//! signature value, and genTime is not after `now` (+ the skew). Then genTime is the trusted time
//! the signer's path is judged at. Not checked: the TSA certificate's revocation and the ESS
//! signingCertificate attribute.

pub mod asn1;
mod exchange;

pub use exchange::{StampError, timestamp_request, token_of_response, verify_timestamp};

use der::asn1::Any;
use der::{Decode, Encode, Tag, Tagged};
use jiff::Timestamp;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage};

use crate::algorithm::{self, Hash, SigError};
use crate::name;
use crate::oid;
use crate::path;
use crate::report::{Failure, Reason, TimestampEvidence};
use crate::signed_data::{self, Parsed};
use crate::trust::{Cert, TrustStore};
use crate::verify::SIGNING_TIME_SKEW;
use asn1::TstInfo;

fn invalid(detail: impl std::fmt::Display) -> Failure {
    Failure::new(
        Reason::TimestampInvalid,
        format!("timestamp token: {detail}"),
    )
}

/// Any failure inside the token makes the token invalid, whatever it would be for a signature.
fn remap(failure: Failure) -> Failure {
    invalid(failure.detail)
}

/// The timestamp token of `parsed`'s SignerInfo, verified over its signature value; `None` when
/// the SignerInfo carries none.
pub(crate) fn check(
    parsed: &Parsed,
    trust: &TrustStore,
    now: Timestamp,
) -> Result<Option<TimestampEvidence>, Failure> {
    let Some(attrs) = parsed.signer_info.unsigned_attrs.as_ref() else {
        return Ok(None);
    };
    let mut found = attrs
        .iter()
        .filter(|a| a.oid == oid::SIGNATURE_TIME_STAMP_TOKEN);
    let value = match (found.next(), found.next()) {
        (None, _) => return Ok(None),
        (Some(a), None) if a.values.len() == 1 => a.values.get(0),
        _ => return Err(invalid("the attribute must appear once, with one value")),
    };
    let token = value
        .ok_or_else(|| invalid("no value"))?
        .to_der()
        .map_err(invalid)?;
    verify_token(&token, parsed.signer_info.signature.as_bytes(), trust, now).map(Some)
}

/// Verifies a DER timestamp token (ContentInfo → SignedData → TSTInfo) over `signature`.
pub(crate) fn verify_token(
    token: &[u8],
    signature: &[u8],
    trust: &TrustStore,
    now: Timestamp,
) -> Result<TimestampEvidence, Failure> {
    let tst = signed_data::parse(token).map_err(remap)?;
    if tst.econtent_type != oid::TST_INFO {
        return Err(invalid(format!(
            "eContentType {} is not id-ct-TSTInfo",
            tst.econtent_type
        )));
    }
    let content = tst
        .attached
        .as_deref()
        .ok_or_else(|| invalid("no TSTInfo inside"))?;
    let tsa = signed_data::signer_cert(&tst).map_err(remap)?;
    check_tsa_signature(&tst, content, tsa)?;
    let info = TstInfo::from_der(content).map_err(|e| invalid(format!("TSTInfo: {e}")))?;
    if info.version != 1 {
        return Err(invalid(format!("TSTInfo version {}", info.version)));
    }
    if let Some(ext) = info.extensions.iter().flatten().find(|e| e.critical) {
        return Err(invalid(format!(
            "TSTInfo has the critical extension {}",
            ext.extn_id
        )));
    }
    let imprint = &info.message_imprint;
    let hash = Hash::from_oid(&imprint.hash_algorithm.oid).ok_or_else(|| {
        invalid(format!(
            "messageImprint hash algorithm {}",
            imprint.hash_algorithm.oid
        ))
    })?;
    if hash.digest(signature) != imprint.hashed_message.as_bytes() {
        return Err(invalid(
            "messageImprint is not the hash of this signature value",
        ));
    }
    let gen_time = gen_time(&info.gen_time)?;
    if gen_time > now.saturating_add(SIGNING_TIME_SKEW).unwrap_or(now) {
        return Err(invalid(format!("genTime {gen_time} is after now {now}")));
    }
    check_tsa_cert(tsa, &tst.certs, trust, gen_time, now)?;
    Ok(TimestampEvidence {
        tsa: tsa.subject(),
        gen_time,
        serial: name::hex_upper(info.serial_number.as_bytes()),
        policy: info.policy.to_string(),
        hash_algorithm: hash.name(),
    })
}

/// The TSA's signature over the token's signed attributes, whose messageDigest must be the
/// TSTInfo's (contentType = id-ct-TSTInfo is checked by `signed_attrs`).
fn check_tsa_signature(tst: &Parsed, content: &[u8], tsa: &Cert) -> Result<(), Failure> {
    let si = &tst.signer_info;
    let digest = Hash::from_oid(&si.digest_alg.oid)
        .ok_or_else(|| invalid(format!("digest algorithm {}", si.digest_alg.oid)))?;
    let attrs = signed_data::signed_attrs(tst).map_err(remap)?;
    if digest.digest(content) != attrs.message_digest {
        return Err(invalid("the TSTInfo's digest differs from messageDigest"));
    }
    let scheme =
        algorithm::scheme_with_digest(&si.signature_algorithm, Some(digest)).map_err(sig_error)?;
    let spki = tsa.cert.tbs_certificate().subject_public_key_info();
    algorithm::verify(spki, scheme, &attrs.der, si.signature.as_bytes()).map_err(sig_error)
}

fn sig_error(e: SigError) -> Failure {
    match e {
        SigError::Unsupported(d) | SigError::Invalid(d) => invalid(format!("TSA signature: {d}")),
    }
}

/// The TSA certificate: a path to an anchor, valid at genTime and still at `now`, for
/// time-stamping only.
fn check_tsa_cert(
    tsa: &Cert,
    extra: &[Cert],
    trust: &TrustStore,
    gen_time: Timestamp,
    now: Timestamp,
) -> Result<(), Failure> {
    let path = path::build(tsa, extra, trust).map_err(remap)?;
    path::check_constraints(&path).map_err(remap)?;
    path::check_validity(&path, gen_time)
        .map_err(|f| invalid(format!("at genTime {gen_time}: {}", f.detail)))?;
    path::check_validity(&path, now)
        .map_err(|f| invalid(format!("at the time of receipt {now}: {}", f.detail)))?;
    let tbs = tsa.cert.tbs_certificate();
    match tbs.get_extension::<ExtendedKeyUsage>() {
        Ok(Some((true, eku))) if eku.0.contains(&oid::TIME_STAMPING) => {}
        Ok(Some((false, eku))) if eku.0.contains(&oid::TIME_STAMPING) => {
            return Err(invalid("the TSA's extendedKeyUsage is not critical"));
        }
        Ok(_) => {
            return Err(invalid(format!(
                "\"{}\" has no EKU id-kp-timeStamping",
                tsa.subject()
            )));
        }
        Err(e) => return Err(invalid(format!("extendedKeyUsage: {e}"))),
    }
    match tbs.get_extension::<KeyUsage>() {
        Ok(Some((_, ku))) if !ku.digital_signature() && !ku.non_repudiation() => {
            Err(invalid("the TSA's keyUsage does not allow signatures"))
        }
        Ok(_) => Ok(()),
        Err(e) => Err(invalid(format!("keyUsage: {e}"))),
    }
}

/// GeneralizedTime `YYYYMMDDHHMMSS[.f…]Z`, fractional seconds allowed (RFC 3161 §2.4.2).
fn gen_time(any: &Any) -> Result<Timestamp, Failure> {
    let text = std::str::from_utf8(any.value()).unwrap_or("");
    let bad = || invalid(format!("genTime {text:?} is not a GeneralizedTime in UTC"));
    if any.tag() != Tag::GeneralizedTime {
        return Err(bad());
    }
    let body = text.strip_suffix('Z').ok_or_else(bad)?;
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() != 14
        || !digits(whole)
        || !digits(frac)
        || (body.contains('.') && (frac.is_empty() || frac.ends_with('0')))
    {
        return Err(bad());
    }
    let part = |r: std::ops::Range<usize>| whole.get(r).unwrap_or("");
    let dot = if frac.is_empty() { "" } else { "." };
    format!(
        "{}-{}-{}T{}:{}:{}{dot}{frac}Z",
        part(0..4),
        part(4..6),
        part(6..8),
        part(8..10),
        part(10..12),
        part(12..14)
    )
    .parse()
    .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(s: &str) -> Result<Timestamp, Failure> {
        gen_time(&Any::new(Tag::GeneralizedTime, s.as_bytes()).map_err(invalid)?)
    }

    #[test]
    fn gen_time_reads_whole_and_fractional_seconds() {
        assert_eq!(
            time("20261125005037Z").map_err(|f| f.detail).ok(),
            "2026-11-25T00:50:37Z".parse().ok()
        );
        assert_eq!(
            time("20261125005037.125Z").map_err(|f| f.detail).ok(),
            "2026-11-25T00:50:37.125Z".parse().ok()
        );
        for bad in [
            "20261125005037",
            "20261125005037.Z",
            "20261125005037.10Z",
            "2026112500503Z",
            "20261325005037Z",
            "2026112500503xZ",
            "",
        ] {
            assert!(time(bad).is_err(), "{bad}");
        }
        let utc = Any::new(Tag::UtcTime, b"261125005037Z".as_slice());
        assert!(utc.map_err(invalid).and_then(|a| gen_time(&a)).is_err());
    }
}
