//! The JSON shape of how a submitted application was signed, with its evidence: the masked phone
//! and challenge of an SMS code, the CMS, certificate and validation report of an EDS, or the
//! desk that recorded a handwritten signature.

use std::collections::BTreeMap;

use kandas_app::applicant::view::SignatureView;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::codes::{Sha256Hex, SignatureMethodCode};
use super::record_dto::method;

/// The validation report of an electronic digital signature (the national PKI's checks). The
/// fields below are the verdict and what it rests on; the report's further evidence (`checks`,
/// `path`, `crls`, `ocsp`, …) follows as the verifier wrote it.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ValidationReportDto {
    /// `TOTAL_PASSED`, `TOTAL_FAILED` or `INDETERMINATE`.
    pub verdict: String,
    /// When the report was made.
    #[schema(value_type = String, format = DateTime)]
    pub validated_at: String,
    /// The time the signature was judged at.
    #[schema(value_type = String, format = DateTime)]
    pub validity_time: String,
    /// What that time is (`received`, `timestamp`, …).
    pub validity_basis: String,
    /// The rest of the evidence.
    #[serde(flatten)]
    #[schema(additional_properties)]
    pub evidence: BTreeMap<String, Value>,
}

/// The evidence kept with a signature; which fields are present depends on the method.
#[derive(Default, Serialize, Deserialize, ToSchema)]
pub struct SignatureDetailDto {
    /// SMS: the challenge the code answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub challenge: Option<String>,
    /// SMS: the phone, masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub phone: Option<String>,
    /// EDS: the CMS, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub cms: Option<String>,
    /// EDS: the signer's certificate, base64 DER.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub certificate: Option<String>,
    /// EDS: the signer's subject, readable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub signer: Option<String>,
    /// EDS: the validation report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub report: Option<ValidationReportDto>,
    /// Paper: the desk employee's account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub recorded_by: Option<String>,
    /// Paper: the desk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub desk: Option<String>,
}

/// How the application was signed.
#[derive(Serialize, ToSchema)]
pub struct SignatureDto {
    /// The method.
    #[schema(value_type = SignatureMethodCode)]
    pub method: &'static str,
    /// SHA-256 of the signed document.
    #[schema(value_type = Sha256Hex)]
    pub sha256: String,
    /// The evidence.
    pub detail: SignatureDetailDto,
}

impl From<&SignatureView> for SignatureDto {
    fn from(s: &SignatureView) -> Self {
        // The evidence is stored as the signing use case wrote it; a field of another shape
        // (none is written today) is left out rather than shown untyped.
        let detail = serde_json::from_value(s.detail.clone()).unwrap_or_default();
        SignatureDto {
            method: method(s.method),
            sha256: s.sha256.clone(),
            detail,
        }
    }
}
