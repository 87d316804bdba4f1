//! The RFC 6960 structures we read and write, with `der` derive: the RustCrypto `x509-ocsp`
//! crate is still on der 0.7: the response chain down to SingleResponse and CertID, and the
//! OCSPRequest (written unsigned here; read, signature and all, by the development responder).

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
pub(crate) enum ResponseStatus {
    Successful = 0,
    MalformedRequest = 1,
    InternalError = 2,
    TryLater = 3,
    SigRequired = 5,
    Unauthorized = 6,
}

/// OCSPResponse.
#[derive(Debug, Sequence)]
pub(crate) struct OcspResponse {
    pub(crate) status: ResponseStatus,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) bytes: Option<ResponseBytes>,
}

/// ResponseBytes: the type (id-pkix-ocsp-basic) and the DER of the response.
#[derive(Debug, Sequence)]
pub(crate) struct ResponseBytes {
    pub(crate) response_type: der::asn1::ObjectIdentifier,
    pub(crate) response: OctetString,
}

/// BasicOCSPResponse. `tbs_response_data` is kept as read, so the signature is checked over the
/// exact bytes the responder signed.
#[derive(Debug, Sequence)]
pub(crate) struct BasicOcspResponse {
    pub(crate) tbs_response_data: Any,
    pub(crate) signature_algorithm: AlgorithmIdentifierOwned,
    pub(crate) signature: BitString,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) certs: Option<Vec<Certificate>>,
}

/// ResponseData.
#[derive(Debug, Sequence)]
pub(crate) struct ResponseData {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) version: Option<u8>,
    pub(crate) responder_id: ResponderId,
    pub(crate) produced_at: GeneralizedTime,
    pub(crate) responses: Vec<SingleResponse>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) response_extensions: Option<Extensions>,
}

/// ResponderID: by name or by the SHA-1 of the responder's key.
#[derive(Debug, Choice)]
pub(crate) enum ResponderId {
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    ByName(Name),
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    ByKey(OctetString),
}

/// SingleResponse.
#[derive(Debug, Sequence)]
pub(crate) struct SingleResponse {
    pub(crate) cert_id: CertId,
    pub(crate) cert_status: CertStatus,
    pub(crate) this_update: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) next_update: Option<GeneralizedTime>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) single_extensions: Option<Extensions>,
}

/// CertID: the hash algorithm, the issuer's name and key hashes, the serial.
#[derive(Debug, Clone, Sequence)]
pub(crate) struct CertId {
    pub(crate) hash_algorithm: AlgorithmIdentifierOwned,
    pub(crate) issuer_name_hash: OctetString,
    pub(crate) issuer_key_hash: OctetString,
    pub(crate) serial_number: SerialNumber,
}

/// CertStatus.
#[derive(Debug, Choice)]
pub(crate) enum CertStatus {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    Good(Null),
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Revoked(RevokedInfo),
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT")]
    Unknown(Null),
}

/// RevokedInfo.
#[derive(Debug, Sequence)]
pub(crate) struct RevokedInfo {
    pub(crate) revocation_time: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) revocation_reason: Option<CrlReason>,
}

/// OCSPRequest; the optional signature is read but never checked or written.
#[derive(Debug, Sequence)]
pub(crate) struct OcspRequest {
    pub(crate) tbs_request: TbsRequest,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) optional_signature: Option<Any>,
}

/// TBSRequest: we write version v1 (the default, so not encoded) and no requestor name.
#[derive(Debug, Sequence)]
pub(crate) struct TbsRequest {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) version: Option<u8>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) requestor_name: Option<Any>,
    pub(crate) request_list: Vec<Request>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) request_extensions: Option<Extensions>,
}

/// Request: one CertID; we write no single request extensions.
#[derive(Debug, Sequence)]
pub(crate) struct Request {
    pub(crate) req_cert: CertId,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) single_request_extensions: Option<Extensions>,
}
