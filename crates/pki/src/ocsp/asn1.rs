//! The RFC 6960 structures we read and write, with `der` derive: the RustCrypto `x509-ocsp`
//! crate is still on der 0.7. Only what a client needs: the response chain down to
//! SingleResponse and CertID, and an unsigned OCSPRequest.

use der::asn1::{Any, BitString, GeneralizedTime, Null, OctetString};
use der::{Choice, Enumerated, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::ext::Extensions;
use x509_cert::ext::pkix::crl::CrlReason;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;

/// OCSPResponseStatus. A value outside the list fails decoding, which is as good as malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enumerated)]
#[repr(u32)]
pub(super) enum ResponseStatus {
    Successful = 0,
    MalformedRequest = 1,
    InternalError = 2,
    TryLater = 3,
    SigRequired = 5,
    Unauthorized = 6,
}

/// OCSPResponse.
#[derive(Debug, Sequence)]
pub(super) struct OcspResponse {
    pub(super) status: ResponseStatus,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) bytes: Option<ResponseBytes>,
}

/// ResponseBytes: the type (id-pkix-ocsp-basic) and the DER of the response.
#[derive(Debug, Sequence)]
pub(super) struct ResponseBytes {
    pub(super) response_type: der::asn1::ObjectIdentifier,
    pub(super) response: OctetString,
}

/// BasicOCSPResponse. `tbs_response_data` is kept as read, so the signature is checked over the
/// exact bytes the responder signed.
#[derive(Debug, Sequence)]
pub(super) struct BasicOcspResponse {
    pub(super) tbs_response_data: Any,
    pub(super) signature_algorithm: AlgorithmIdentifierOwned,
    pub(super) signature: BitString,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) certs: Option<Vec<Certificate>>,
}

/// ResponseData.
#[derive(Debug, Sequence)]
pub(super) struct ResponseData {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) version: Option<u8>,
    pub(super) responder_id: ResponderId,
    pub(super) produced_at: GeneralizedTime,
    pub(super) responses: Vec<SingleResponse>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) response_extensions: Option<Extensions>,
}

/// ResponderID: by name or by the SHA-1 of the responder's key.
#[derive(Debug, Choice)]
pub(super) enum ResponderId {
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    ByName(Name),
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    ByKey(OctetString),
}

/// SingleResponse.
#[derive(Debug, Sequence)]
pub(super) struct SingleResponse {
    pub(super) cert_id: CertId,
    pub(super) cert_status: CertStatus,
    pub(super) this_update: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) next_update: Option<GeneralizedTime>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) single_extensions: Option<Extensions>,
}

/// CertID: the hash algorithm, the issuer's name and key hashes, the serial.
#[derive(Debug, Clone, Sequence)]
pub(super) struct CertId {
    pub(super) hash_algorithm: AlgorithmIdentifierOwned,
    pub(super) issuer_name_hash: OctetString,
    pub(super) issuer_key_hash: OctetString,
    pub(super) serial_number: SerialNumber,
}

/// CertStatus.
#[derive(Debug, Choice)]
pub(super) enum CertStatus {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    Good(Null),
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Revoked(RevokedInfo),
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT")]
    Unknown(Null),
}

/// RevokedInfo.
#[derive(Debug, Sequence)]
pub(super) struct RevokedInfo {
    pub(super) revocation_time: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) revocation_reason: Option<CrlReason>,
}

/// OCSPRequest without the optional signature.
#[derive(Debug, Sequence)]
pub(super) struct OcspRequest {
    pub(super) tbs_request: TbsRequest,
}

/// TBSRequest: version v1 (the default, so not encoded), no requestor name.
#[derive(Debug, Sequence)]
pub(super) struct TbsRequest {
    pub(super) request_list: Vec<Request>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) request_extensions: Option<Extensions>,
}

/// Request: one CertID, no single request extensions.
#[derive(Debug, Sequence)]
pub(super) struct Request {
    pub(super) req_cert: CertId,
}
