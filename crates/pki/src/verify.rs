//! The entry point: every step in order, each recorded in the report, stopping at the first
//! failure. Order matters for the reason given: the structure, then the signer, then the
//! cryptography, then the path and its validity, the signer's claimed time, key usage,
//! revocation and finally the person.
//!
//! Time: the path is judged at the moment the server received the signature (`now`), or at the
//! genTime of a verified RFC 3161 timestamp token, which proves the signature existed then. The
//! CMS signingTime is the signer's own claim: it is recorded and must lie within
//! [`SIGNING_TIME_LAG`] before and [`SIGNING_TIME_SKEW`] after that reference time, and it never
//! decides validity (a back-dated signingTime cannot revive an expired certificate).

use jiff::{SignedDuration, Timestamp};

use crate::algorithm::{self, Hash, SigError};
use crate::name;
use crate::oid;
use crate::path;
use crate::report::{Failure, Reason, ValidationReport, ValidityBasis};
use crate::revocation::{self, Revocation};
use crate::signed_data::{self, Parsed};
use crate::trust::{Cert, TrustStore};
use crate::tsp;
use crate::usage::{self, Purpose};

/// How far signingTime may be ahead of the reference time (the time of receipt, or a
/// timestamp's genTime): the clocks of citizens' computers run fast by a few minutes.
pub const SIGNING_TIME_SKEW: SignedDuration = SignedDuration::from_mins(5);

/// How far signingTime may be behind the reference time. NCALayer signs seconds before the
/// browser submits (and a sign-in nonce lives five minutes), and asks for a timestamp right
/// after signing; the hour leaves room for a computer whose clock is slow. An older claim is a
/// wrong clock or a back-dated signature, and is refused. Validity never depends on it.
pub const SIGNING_TIME_LAG: SignedDuration = SignedDuration::from_hours(1);

/// Verifies a DER CMS SignedData for `purpose`, received at `now`. Never panics, whatever the
/// bytes. Certificates must be valid at `now` or at a trusted timestamp's genTime (the report's
/// `validity_time` and `validity_basis` say which); a caller that re-verifies a stored signature
/// passes the time it was received, not the time of the re-verification.
///
/// `detached` is the signed content when the CMS does not carry it (NCALayer's detached mode);
/// when it carries it too, both must be equal. `expected_iin` is the applicant's IIN, compared with
/// the signer's `SERIALNUMBER=IIN…`.
pub fn verify_cms(
    cms: &[u8],
    detached: Option<&[u8]>,
    purpose: Purpose,
    expected_iin: Option<&str>,
    trust: &TrustStore,
    revocation: &Revocation,
    now: Timestamp,
) -> ValidationReport {
    let mut report = ValidationReport::new(now);
    let input = Input {
        detached,
        purpose,
        expected_iin,
        trust,
        revocation,
        now,
    };
    if let Err((step, failure)) = run(cms, &input, &mut report) {
        report.fail(step, failure);
    }
    report
}

struct Input<'a> {
    detached: Option<&'a [u8]>,
    purpose: Purpose,
    expected_iin: Option<&'a str>,
    trust: &'a TrustStore,
    revocation: &'a Revocation,
    now: Timestamp,
}

type Step<T> = Result<T, (&'static str, Failure)>;

fn at<T>(step: &'static str, result: Result<T, Failure>) -> Step<T> {
    result.map_err(|f| (step, f))
}

fn run(cms: &[u8], input: &Input<'_>, report: &mut ValidationReport) -> Step<()> {
    let parsed = at("cms.parse", signed_data::parse(cms))?;
    report.passed(
        "cms.parse",
        format!(
            "SignedData with one signer and {} certificate(s)",
            parsed.certs.len()
        ),
    );
    at("algorithm", refuse_gost_algorithms(&parsed))?;
    let content = at("content", signed_data::content(&parsed, input.detached))?;
    report.passed(
        "content",
        if parsed.attached.is_some() {
            "attached"
        } else {
            "detached"
        },
    );
    let signer = at("signer", signed_data::signer_cert(&parsed))?;
    report.signer = Some(signer.summary());
    report.signer_der = der::Encode::to_der(&signer.cert).ok();
    report.iin = name::iin(signer.cert.tbs_certificate().subject());
    report.passed(
        "signer",
        format!("found \"{}\" in the CMS", signer.subject()),
    );
    let key_alg = signer
        .cert
        .tbs_certificate()
        .subject_public_key_info()
        .algorithm
        .oid;
    if oid::is_gost(&key_alg) {
        return Err(("algorithm", gost(&key_alg)));
    }
    let signing_time = check_attributes(&parsed, content, report)?;
    check_signature(&parsed, signer, report)?;
    let timestamp = at("timestamp", tsp::check(&parsed, input.trust, input.now))?;
    if let Some(ts) = &timestamp {
        let detail = format!(
            "token {} of \"{}\" at {} over the signature value verifies ({}, policy {})",
            ts.serial, ts.tsa, ts.gen_time, ts.hash_algorithm, ts.policy
        );
        report.passed("timestamp", detail);
        report.validity_time = ts.gen_time;
        report.validity_basis = ValidityBasis::Timestamp;
    }
    report.timestamp = timestamp;
    check_path(&parsed, signer, signing_time, input, report)
}

fn gost(oid: &der::asn1::ObjectIdentifier) -> Failure {
    Failure::new(
        Reason::GostUnsupported,
        format!("GOST algorithm {oid}: sign with the RSA key instead"),
    )
}

/// GOST in the SignerInfo's digest or signature algorithm: refused before anything is computed.
fn refuse_gost_algorithms(parsed: &Parsed) -> Result<(), Failure> {
    let si = &parsed.signer_info;
    [&si.digest_alg.oid, &si.signature_algorithm.oid]
        .into_iter()
        .find(|o| oid::is_gost(o))
        .map_or(Ok(()), |o| Err(gost(o)))
}

fn check_attributes(
    parsed: &Parsed,
    content: &[u8],
    report: &mut ValidationReport,
) -> Step<Timestamp> {
    let si = &parsed.signer_info;
    let hash = Hash::from_oid(&si.digest_alg.oid).ok_or_else(|| {
        (
            "algorithm",
            Failure::new(
                Reason::UnsupportedAlgorithm,
                format!("digest algorithm {}", si.digest_alg.oid),
            ),
        )
    })?;
    report.digest_algorithm = Some(hash.name());
    let attrs = at("signed-attributes", signed_data::signed_attrs(parsed))?;
    if hash.digest(content) != attrs.message_digest {
        return Err((
            "message-digest",
            Failure::new(
                Reason::DigestMismatch,
                "the content's digest differs from messageDigest",
            ),
        ));
    }
    report.passed(
        "message-digest",
        format!(
            "{} of {} content bytes matches messageDigest",
            hash.name(),
            content.len()
        ),
    );
    let time = attrs.signing_time.ok_or_else(|| {
        (
            "signing-time",
            Failure::new(Reason::SigningTimeMissing, "no signingTime attribute"),
        )
    })?;
    report.signing_time = Some(time);
    Ok(time)
}

fn check_signature(parsed: &Parsed, signer: &Cert, report: &mut ValidationReport) -> Step<()> {
    let si = &parsed.signer_info;
    let failed = |e: SigError| match e {
        SigError::Unsupported(d) => ("signature", Failure::new(Reason::UnsupportedAlgorithm, d)),
        SigError::Invalid(d) => ("signature", Failure::new(Reason::SignatureInvalid, d)),
    };
    let digest = Hash::from_oid(&si.digest_alg.oid);
    let scheme = algorithm::scheme_with_digest(&si.signature_algorithm, digest).map_err(failed)?;
    report.signature_algorithm = Some(scheme.describe());
    let attrs = at("signed-attributes", signed_data::signed_attrs(parsed))?;
    let spki = signer.cert.tbs_certificate().subject_public_key_info();
    algorithm::verify(spki, scheme, &attrs.der, si.signature.as_bytes()).map_err(failed)?;
    report.passed(
        "signature",
        format!("{} over the signed attributes verifies", scheme.describe()),
    );
    Ok(())
}

/// Where the reference time comes from, for the details of the checks.
fn basis_text(basis: ValidityBasis) -> &'static str {
    match basis {
        ValidityBasis::Received => "the time of receipt",
        ValidityBasis::Timestamp => "the timestamp's genTime",
    }
}

/// signingTime against the reference time: at most [`SIGNING_TIME_SKEW`] after it and at most
/// [`SIGNING_TIME_LAG`] before it.
fn check_signing_time(signing_time: Timestamp, report: &mut ValidationReport) -> Step<()> {
    let reference = report.validity_time;
    let what = basis_text(report.validity_basis);
    let latest = reference
        .saturating_add(SIGNING_TIME_SKEW)
        .unwrap_or(reference);
    let earliest = reference
        .saturating_sub(SIGNING_TIME_LAG)
        .unwrap_or(reference);
    if signing_time > latest {
        let detail = format!(
            "signingTime {signing_time} is more than {SIGNING_TIME_SKEW:#} after {what} {reference}"
        );
        return Err((
            "signing-time",
            Failure::new(Reason::SigningTimeInFuture, detail),
        ));
    }
    if signing_time < earliest {
        let detail = format!(
            "signingTime {signing_time} is more than {SIGNING_TIME_LAG:#} before {what} {reference}"
        );
        return Err((
            "signing-time",
            Failure::new(Reason::SigningTimeInPast, detail),
        ));
    }
    report.passed(
        "signing-time",
        format!(
            "signed at {signing_time}, within {SIGNING_TIME_LAG:#} before and {SIGNING_TIME_SKEW:#} \
             after {what} {reference}; validity is not judged at it"
        ),
    );
    Ok(())
}

fn check_path(
    parsed: &Parsed,
    signer: &Cert,
    signing_time: Timestamp,
    input: &Input<'_>,
    report: &mut ValidationReport,
) -> Step<()> {
    let validity_time = report.validity_time;
    let path = at("path", path::build(signer, &parsed.certs, input.trust))?;
    report.path = path.chain.iter().skip(1).map(|c| c.summary()).collect();
    report.anchor = path.anchor().map(Cert::subject);
    report.passed(
        "path",
        format!(
            "{} certificate(s) to the anchor, each signature verified",
            path.chain.len()
        ),
    );
    at("path", path::check_constraints(&path))?;
    report.passed(
        "path-constraints",
        "basicConstraints, pathLen, keyCertSign, critical extensions",
    );
    at("validity", path::check_validity(&path, validity_time))?;
    report.passed(
        "validity",
        format!(
            "every certificate valid at {} {validity_time}",
            basis_text(report.validity_basis)
        ),
    );
    check_signing_time(signing_time, report)?;
    let usage = at("key-usage", usage::check(signer, input.purpose))?;
    report.passed("key-usage", usage);
    at(
        "revocation",
        revocation::check(
            &path.chain,
            input.revocation,
            input.now,
            &mut report.crls,
            &mut report.ocsp,
        ),
    )?;
    let detail = if report.ocsp.is_empty() {
        format!(
            "{} certificate(s) not revoked per current CRLs",
            report.crls.len()
        )
    } else {
        format!(
            "{} certificate(s) checked: not revoked per {} current CRL(s) and {} OCSP response(s)",
            path.chain.len().saturating_sub(1),
            report.crls.len(),
            report.ocsp.len()
        )
    };
    report.passed("revocation", detail);
    check_iin(input.expected_iin, report)
}

fn check_iin(expected: Option<&str>, report: &mut ValidationReport) -> Step<()> {
    if let Some(expected) = expected {
        match report.iin.as_deref() {
            Some(found) if found == expected => {}
            Some(_) => {
                return Err((
                    "iin",
                    Failure::new(Reason::IinMismatch, "the certificate is another person's"),
                ));
            }
            None => {
                return Err((
                    "iin",
                    Failure::new(Reason::IinMismatch, "the certificate carries no IIN"),
                ));
            }
        }
        report.passed("iin", "the certificate's IIN is the expected one");
    }
    report.verdict = crate::Verdict::Valid;
    Ok(())
}
