//! The validation report: what was checked, against what, at which time, and the verdict with a
//! stable reason code. Codes double as translation message ids, so they never change meaning.

use jiff::Timestamp;
use serde::{Serialize, Serializer};

/// The overall outcome, after EU DSS: `TOTAL_PASSED`, `TOTAL_FAILED` or `INDETERMINATE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// Every check passed (DSS `TOTAL_PASSED`).
    #[serde(rename = "TOTAL_PASSED")]
    Valid,
    /// A check failed for good: retrying with the same signature cannot help (DSS `TOTAL_FAILED`).
    #[serde(rename = "TOTAL_FAILED")]
    Invalid,
    /// The checks could not be completed (revocation data missing, an algorithm we cannot verify):
    /// the signature is neither accepted nor proven bad (DSS `INDETERMINATE`).
    #[serde(rename = "INDETERMINATE")]
    Indeterminate,
}

macro_rules! reasons {
    ($($variant:ident => $code:literal, $verdict:ident, $doc:literal;)*) => {
        /// Why a signature is not valid. Each has a stable dotted code (see [`CODES`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Reason {
            $(#[doc = $doc] $variant,)*
        }

        impl Reason {
            /// Every reason, in the order they are declared.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant,)*];

            /// The stable code, also the message id of the translated text.
            pub fn code(self) -> &'static str {
                match self { $(Reason::$variant => $code,)* }
            }

            /// The verdict a failure for this reason gives.
            pub fn verdict(self) -> Verdict {
                match self { $(Reason::$variant => Verdict::$verdict,)* }
            }
        }

        /// Every reason code this crate can return.
        pub const CODES: &[&str] = &[$($code,)*];
    };
}

reasons! {
    Malformed => "eds.malformed", Invalid, "The input is not a DER CMS SignedData we can read.";
    NoSigner => "eds.no-signer", Invalid, "No SignerInfo, or its certificate is not in the CMS.";
    MultipleSigners => "eds.multiple-signers", Invalid, "More than one signer: exactly one is accepted.";
    ContentMissing => "eds.content-missing", Invalid, "Detached signature and no content was given.";
    SignedAttributesMissing => "eds.signed-attributes-missing", Invalid, "No signed attributes, or contentType/messageDigest missing or wrong.";
    SigningTimeMissing => "eds.signing-time-missing", Invalid, "No signingTime signed attribute.";
    SigningTimeInFuture => "eds.signing-time-in-future", Invalid, "signingTime is later than the reference time (receipt or timestamp) plus the allowed skew.";
    SigningTimeInPast => "eds.signing-time-in-past", Invalid, "signingTime is earlier than the reference time (receipt or timestamp) minus the allowed lag: back-dated or a wrong clock.";
    DigestMismatch => "eds.digest-mismatch", Invalid, "The content does not match the signed message digest.";
    SignatureInvalid => "eds.signature-invalid", Invalid, "The signature over the signed attributes does not verify.";
    UnsupportedAlgorithm => "eds.unsupported-algorithm", Indeterminate, "A digest, signature or key algorithm we do not verify.";
    GostUnsupported => "eds.gost-unsupported", Indeterminate, "A GOST key: sign again with the RSA key.";
    UntrustedRoot => "eds.untrusted-root", Invalid, "No path from the signer to a configured trust anchor.";
    PathInvalid => "eds.path-invalid", Invalid, "A certificate on the path breaks a CA constraint or has an unknown critical extension.";
    Expired => "eds.expired", Invalid, "A certificate on the path had expired at the validity time (receipt, or a trusted timestamp's genTime).";
    NotYetValid => "eds.not-yet-valid", Invalid, "A certificate on the path was not yet valid at the validity time.";
    WrongKeyUsage => "eds.wrong-key-usage", Invalid, "The signer's key is not for this purpose (document signing vs sign-in).";
    Revoked => "eds.revoked", Invalid, "A certificate on the path is revoked.";
    RevocationUnavailable => "eds.revocation-unavailable", Indeterminate, "Revocation could not be checked: fail closed, try again later.";
    IinMismatch => "eds.iin-mismatch", Invalid, "The IIN in the certificate is not the expected person's.";
    TimestampInvalid => "eds.timestamp-invalid", Invalid, "The RFC 3161 timestamp token on the signature does not verify.";
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// The result of one step of the validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The step passed.
    Passed,
    /// The step failed; the report's reason says why.
    Failed,
}

/// One step of the validation, in the order performed.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// A stable step name, such as `cms.parse`, `signature`, `path`, `revocation`.
    pub name: &'static str,
    /// Passed or failed.
    pub outcome: Outcome,
    /// What was looked at (English, for officers and logs; not shown to applicants).
    pub detail: String,
}

/// The fields of a certificate a person needs to recognise it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CertificateSummary {
    /// The subject, decoded (`CN=…, SURNAME=…, SERIALNUMBER=IIN…, C=KZ`).
    pub subject: String,
    /// The issuer, decoded the same way.
    pub issuer: String,
    /// The serial number in upper-case hex.
    pub serial: String,
    /// Start of validity.
    pub not_before: Timestamp,
    /// End of validity.
    pub not_after: Timestamp,
}

/// The CRL that decided the revocation status of one certificate.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CrlEvidence {
    /// Subject of the certificate the CRL was checked for.
    pub certificate: String,
    /// The CRL's issuer, decoded.
    pub issuer: String,
    /// The CRL's thisUpdate.
    pub this_update: Timestamp,
    /// The CRL's nextUpdate.
    pub next_update: Timestamp,
    /// Whether the certificate's serial is listed.
    pub revoked: bool,
}

/// An OCSP certificate status that decides: `unknown` never does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OcspStatus {
    /// Not revoked.
    Good,
    /// Revoked (on hold included).
    Revoked,
}

/// The OCSP response that decided the revocation status of one certificate.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OcspEvidence {
    /// Subject of the certificate the response answers for.
    pub certificate: String,
    /// That certificate's serial, upper-case hex.
    pub serial: String,
    /// Subject of whoever signed the response: the issuer or its delegated responder.
    pub responder: String,
    /// The response's producedAt.
    pub produced_at: Timestamp,
    /// The SingleResponse's thisUpdate.
    pub this_update: Timestamp,
    /// The SingleResponse's nextUpdate, when given.
    pub next_update: Option<Timestamp>,
    /// Good or revoked.
    pub status: OcspStatus,
    /// When revoked, the revocation time.
    pub revoked_at: Option<Timestamp>,
    /// When revoked and given, the reason (`KeyCompromise`, …).
    pub reason: Option<String>,
}

/// Which moment the certificates' validity was judged at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValidityBasis {
    /// When the server received the signature (the caller's `now`): no timestamp token.
    Received,
    /// The genTime of the verified RFC 3161 timestamp token on the signature.
    Timestamp,
}

/// The RFC 3161 timestamp token that proved when the signature existed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TimestampEvidence {
    /// Subject of the TSA's certificate.
    pub tsa: String,
    /// The TSTInfo's genTime: validity of the signer's path is judged at this moment.
    pub gen_time: Timestamp,
    /// The TSTInfo's serial number, upper-case hex.
    pub serial: String,
    /// The TSA policy under which the token was issued.
    pub policy: String,
    /// The messageImprint's hash algorithm (`sha256`, …).
    pub hash_algorithm: &'static str,
}

/// What `verify_cms` found. Stored with the application, so it stays readable without the code.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationReport {
    /// The overall outcome.
    pub verdict: Verdict,
    /// Why, when the verdict is not `Valid`.
    pub reason: Option<Reason>,
    /// The steps performed, in order; the failing one last.
    pub checks: Vec<Check>,
    /// The time the validation was made at (the caller's `now`).
    pub validated_at: Timestamp,
    /// The signingTime signed attribute: the signer's own claim, recorded and compared with
    /// `validity_time`, never the moment validity is judged at.
    pub signing_time: Option<Timestamp>,
    /// The moment every certificate on the path was judged valid at: `validated_at` (the time of
    /// receipt) or a verified timestamp's genTime.
    pub validity_time: Timestamp,
    /// Where `validity_time` comes from: `received` or `timestamp`.
    pub validity_basis: ValidityBasis,
    /// The verified timestamp token, when the signature carries one (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<TimestampEvidence>,
    /// The signer's certificate.
    pub signer: Option<CertificateSummary>,
    /// The signer's certificate, DER (kept as evidence next to the report, not inside it).
    #[serde(skip)]
    pub signer_der: Option<Vec<u8>>,
    /// The path above the signer, up to and including the trust anchor.
    pub path: Vec<CertificateSummary>,
    /// The trust anchor's subject.
    pub anchor: Option<String>,
    /// The CRLs used, one per certificate checked.
    pub crls: Vec<CrlEvidence>,
    /// The OCSP responses used, one per certificate they decided (absent when none was).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ocsp: Vec<OcspEvidence>,
    /// The IIN from the signer's `SERIALNUMBER=IIN…`.
    pub iin: Option<String>,
    /// The digest algorithm of the signature (`sha256`, …).
    pub digest_algorithm: Option<&'static str>,
    /// The signature scheme (`rsa-pkcs1v15`, `rsa-pss`, `ecdsa-p256`, …).
    pub signature_algorithm: Option<String>,
}

impl ValidationReport {
    pub(crate) fn new(now: Timestamp) -> Self {
        Self {
            verdict: Verdict::Indeterminate,
            reason: None,
            checks: Vec::new(),
            validated_at: now,
            signing_time: None,
            validity_time: now,
            validity_basis: ValidityBasis::Received,
            timestamp: None,
            signer: None,
            signer_der: None,
            path: Vec::new(),
            anchor: None,
            crls: Vec::new(),
            ocsp: Vec::new(),
            iin: None,
            digest_algorithm: None,
            signature_algorithm: None,
        }
    }

    pub(crate) fn passed(&mut self, name: &'static str, detail: impl Into<String>) {
        self.checks.push(Check {
            name,
            outcome: Outcome::Passed,
            detail: detail.into(),
        });
    }

    pub(crate) fn fail(&mut self, name: &'static str, failure: Failure) {
        self.checks.push(Check {
            name,
            outcome: Outcome::Failed,
            detail: failure.detail,
        });
        self.reason = Some(failure.reason);
        self.verdict = failure.reason.verdict();
    }

    /// The reason code when not valid, for callers that only need the message id.
    pub fn code(&self) -> Option<&'static str> {
        self.reason.map(Reason::code)
    }
}

/// A failed step: the reason and what exactly went wrong.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub(crate) reason: Reason,
    pub(crate) detail: String,
}

impl Failure {
    pub(crate) fn new(reason: Reason, detail: impl Into<String>) -> Self {
        Self {
            reason,
            detail: detail.into(),
        }
    }
}
