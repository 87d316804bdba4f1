//! From NCANode's answer to our verdict and reason code. NCANode says `valid` and lists what it
//! saw; the precision (revoked, expired, whose IIN, which key) is read from the signer's
//! certificate, and anything it does not explain fails closed.

use jiff::Timestamp;
use kandas_pki::{Purpose, Reason, Verdict};

use super::contract::{CertificateInfo, RevocationCheck, VerifyResponse};

/// The judgement of one answer.
#[derive(Debug)]
pub(super) struct Judgement {
    pub(super) verdict: Verdict,
    pub(super) reason: Option<Reason>,
    pub(super) detail: String,
    pub(super) iin: Option<String>,
}

impl Judgement {
    fn fail(reason: Reason, detail: impl Into<String>, iin: Option<String>) -> Judgement {
        Judgement {
            verdict: reason.verdict(),
            reason: Some(reason),
            detail: detail.into(),
            iin,
        }
    }
}

/// What the caller asked: the purpose of the key, the IIN expected, the checks requested.
pub(super) struct Expectation<'a> {
    pub(super) purpose: Purpose,
    pub(super) iin: Option<&'a str>,
    pub(super) checks: &'a [RevocationCheck],
    pub(super) now: Timestamp,
}

pub(super) fn judge(answer: &VerifyResponse, expect: &Expectation<'_>) -> Judgement {
    let signer = match answer.signers.as_slice() {
        [] => return Judgement::fail(Reason::NoSigner, "the service found no signer", None),
        [one] => one,
        more => {
            return Judgement::fail(
                Reason::MultipleSigners,
                format!(
                    "the service found {} signers; exactly one is accepted",
                    more.len()
                ),
                None,
            );
        }
    };
    let Some(cert) = signer.certificates.first() else {
        return Judgement::fail(
            Reason::NoSigner,
            "the service found no certificate for the signer",
            None,
        );
    };
    let iin = cert
        .subject
        .as_ref()
        .and_then(|s| s.iin.as_deref())
        .map(|iin| iin.trim_start_matches("IIN").to_owned());
    let subject = describe(cert);
    if let Some(revoked) = cert.revocations.iter().find(|r| r.revoked) {
        let when = revoked.revocation_time.as_ref().and_then(|w| w.timestamp());
        let detail = format!(
            "{subject} is revoked (by {}{}{})",
            revoked.by.as_deref().unwrap_or("an unnamed check"),
            when.map(|t| format!(", at {t}")).unwrap_or_default(),
            revoked
                .reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default(),
        );
        return Judgement::fail(Reason::Revoked, detail, iin);
    }
    if let Some(failure) = validity(cert, &subject, expect.now) {
        return Judgement::fail(failure.0, failure.1, iin);
    }
    if let Some(expected) = expect.iin
        && iin.as_deref() != Some(expected)
    {
        let found = iin.as_deref().unwrap_or("none");
        let detail = format!("{subject} carries IIN {found}, not the expected {expected}");
        return Judgement::fail(Reason::IinMismatch, detail, iin);
    }
    let wanted = match expect.purpose {
        Purpose::SignDocument => "SIGN",
        Purpose::Authenticate => "AUTH",
    };
    let usage = cert.key_usage.as_deref().unwrap_or("not given");
    if usage != wanted {
        let detail = format!("{subject} is a key for {usage}, this needs {wanted}");
        return Judgement::fail(Reason::WrongKeyUsage, detail, iin);
    }
    let unchecked: Vec<&str> = expect
        .checks
        .iter()
        .map(|check| match check {
            RevocationCheck::Ocsp => "OCSP",
            RevocationCheck::Crl => "CRL",
        })
        .filter(|by| !cert.revocations.iter().any(|r| r.by.as_deref() == Some(by)))
        .collect();
    if !unchecked.is_empty() {
        let detail = format!(
            "the service reported no {} status for {subject}",
            unchecked.join(" or ")
        );
        return Judgement::fail(Reason::RevocationUnavailable, detail, iin);
    }
    if !cert.valid {
        // Neither revoked nor out of date, yet invalid: an unknown chain, or an OCSP "unknown"
        // that NCANode reports as not revoked. No code of ours names it precisely.
        return Judgement {
            verdict: Verdict::Invalid,
            reason: None,
            detail: format!("the service judged {subject} invalid without a cause we recognise"),
            iin,
        };
    }
    if !answer.valid {
        let detail = format!("the signature does not verify with the key of {subject}");
        return Judgement::fail(Reason::SignatureInvalid, detail, iin);
    }
    Judgement {
        verdict: Verdict::Valid,
        reason: None,
        detail: format!("the service verified the signature of {subject}"),
        iin,
    }
}

/// Expired or not yet valid at `now`, the time we asked (the time of receipt), as `kandas_pki`
/// judges. NCANode's own `valid` and any signing or timestamp time in its answer never widen
/// this: a certificate past its notAfter is expired whatever NCANode says, and an answer without
/// both dates cannot show the certificate valid now, so it is not accepted.
fn validity(cert: &CertificateInfo, subject: &str, now: Timestamp) -> Option<(Reason, String)> {
    let not_after = cert.not_after.as_ref().and_then(|w| w.timestamp());
    let not_before = cert.not_before.as_ref().and_then(|w| w.timestamp());
    let (Some(start), Some(end)) = (not_before, not_after) else {
        return Some((
            Reason::PathInvalid,
            format!(
                "the service gave no readable notBefore and notAfter for {subject}: its validity at {now} cannot be checked"
            ),
        ));
    };
    if end < now {
        return Some((
            Reason::Expired,
            format!("{subject} expired at {end}, judged at {now}"),
        ));
    }
    if now < start {
        return Some((
            Reason::NotYetValid,
            format!("{subject} is valid from {start}, judged at {now}"),
        ));
    }
    None
}

/// "the certificate CN (serial …)" for messages.
fn describe(cert: &CertificateInfo) -> String {
    let name = cert
        .subject
        .as_ref()
        .and_then(|s| s.common_name.as_deref())
        .unwrap_or("the signer's certificate");
    match &cert.serial_number {
        Some(serial) => format!("\"{name}\" (serial {serial})"),
        None => format!("\"{name}\""),
    }
}
