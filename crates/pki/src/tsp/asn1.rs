//! The RFC 3161 TSTInfo, with `der` derive. genTime is kept as read: RFC 3161 allows fractional
//! seconds, which `der`'s GeneralizedTime refuses, so `super::gen_time` parses it.

use der::Sequence;
use der::asn1::{Any, Int, ObjectIdentifier, OctetString};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::Extensions;
use x509_cert::ext::pkix::name::GeneralName;

/// TSTInfo (RFC 3161 §2.4.2).
#[derive(Debug, Sequence)]
pub struct TstInfo {
    pub version: u8,
    pub policy: ObjectIdentifier,
    pub message_imprint: MessageImprint,
    pub serial_number: Int,
    pub gen_time: Any,
    #[asn1(optional = "true")]
    pub accuracy: Option<Accuracy>,
    #[asn1(default = "Default::default")]
    pub ordering: bool,
    #[asn1(optional = "true")]
    pub nonce: Option<Int>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub tsa: Option<GeneralName>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub extensions: Option<Extensions>,
}

/// MessageImprint: the hash algorithm and the hash of the time-stamped data.
#[derive(Debug, Sequence)]
pub struct MessageImprint {
    pub hash_algorithm: AlgorithmIdentifierOwned,
    pub hashed_message: OctetString,
}

/// Accuracy: read so the structure decodes; not used.
#[derive(Debug, Sequence)]
pub struct Accuracy {
    #[asn1(optional = "true")]
    pub seconds: Option<Int>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub millis: Option<Int>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub micros: Option<Int>,
}

/// TimeStampReq (RFC 3161 §2.4.1).
#[derive(Debug, Sequence)]
pub struct TimeStampReq {
    pub version: u8,
    pub message_imprint: MessageImprint,
    #[asn1(optional = "true")]
    pub req_policy: Option<ObjectIdentifier>,
    #[asn1(optional = "true")]
    pub nonce: Option<Int>,
    #[asn1(default = "Default::default")]
    pub cert_req: bool,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub extensions: Option<Extensions>,
}

/// TimeStampResp (RFC 3161 §2.4.2): the status, and the token (a ContentInfo) when granted.
#[derive(Debug, Sequence)]
pub struct TimeStampResp {
    pub status: PkiStatusInfo,
    #[asn1(optional = "true")]
    pub time_stamp_token: Option<Any>,
}

/// PKIStatusInfo (RFC 3161 §2.4.2): 0 granted, 1 granted with modifications, 2 rejection,
/// 3 waiting, 4 revocation warning, 5 revocation notification.
#[derive(Debug, Sequence)]
pub struct PkiStatusInfo {
    pub status: u8,
    /// PKIFreeText: a SEQUENCE OF UTF8String, kept as read.
    #[asn1(optional = "true")]
    pub status_string: Option<Any>,
    #[asn1(optional = "true")]
    pub fail_info: Option<der::asn1::BitString>,
}
