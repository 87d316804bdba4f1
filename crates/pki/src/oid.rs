//! Object identifiers this crate recognises, in one place so every module names them alike.

use const_oid::ObjectIdentifier as Oid;

pub(crate) const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub(crate) const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// id-aa-signatureTimeStampToken: an RFC 3161 token over the signature value (unsigned attribute).
pub(crate) const SIGNATURE_TIME_STAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// id-ct-TSTInfo, the eContentType of a timestamp token.
pub(crate) const TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");

pub(crate) const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub(crate) const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub(crate) const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

pub(crate) const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const MGF1: Oid = Oid::new_unwrap("1.2.840.113549.1.1.8");
pub(crate) const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
pub(crate) const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub(crate) const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub(crate) const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");

pub(crate) const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub(crate) const ECDSA_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub(crate) const ECDSA_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
pub(crate) const ECDSA_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
pub(crate) const SECP256R1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const SECP384R1: Oid = Oid::new_unwrap("1.3.132.0.34");

/// GOST 34.310-2004 keys (with GOST 34.311-95 hashing), issued by NCA RK.
pub(crate) const GOST_34_310_2004: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.1.2");
/// GOST R 34.10-2015, 512-bit keys as NCA RK issues them.
pub(crate) const GOST_2015_512: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.1");
/// GOST R 34.10-2015, the second parameter set NCA RK issues.
pub(crate) const GOST_2015_512_B: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.2");
/// The Kazakh national cryptography arc: every GOST key, hash and signature OID lives under it.
const KZ_CRYPTO_ARC: &[u8] = &[0x2a, 0x83, 0x0e, 0x03, 0x0a, 0x01];

pub(crate) const CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
/// id-kp-timeStamping: a TSA's certificate (critical, per RFC 3161).
pub(crate) const TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
/// id-kp-OCSPSigning: a certificate its CA authorises to sign OCSP responses for it.
pub(crate) const OCSP_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.9");
/// id-pkix-ocsp-basic, the only response type there is.
pub const OCSP_BASIC: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.1");
/// id-pkix-ocsp-nonce.
pub const OCSP_NONCE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.2");
/// id-pkix-ocsp-nocheck: the responder's certificate is not itself checked for revocation.
pub(crate) const OCSP_NOCHECK: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.5");

pub(crate) const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
pub(crate) const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub(crate) const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");

/// Extensions this crate understands, so they may be critical without refusing the certificate.
pub(crate) const UNDERSTOOD_EXTENSIONS: &[Oid] = &[
    BASIC_CONSTRAINTS,
    KEY_USAGE,
    EXT_KEY_USAGE,
    Oid::new_unwrap("2.5.29.14"),         // subjectKeyIdentifier
    Oid::new_unwrap("2.5.29.35"),         // authorityKeyIdentifier
    Oid::new_unwrap("2.5.29.17"),         // subjectAltName (informational)
    Oid::new_unwrap("2.5.29.31"),         // cRLDistributionPoints (used by the fetching adapter)
    Oid::new_unwrap("2.5.29.46"),         // freshestCRL
    Oid::new_unwrap("1.3.6.1.5.5.7.1.1"), // authorityInfoAccess
    Oid::new_unwrap("2.5.29.32"), // certificatePolicies: NCA marks them; trust is by anchor here
];

/// CRL extensions understood; a CRL with any other critical extension is not used.
pub(crate) const UNDERSTOOD_CRL_EXTENSIONS: &[Oid] = &[
    Oid::new_unwrap("2.5.29.35"), // authorityKeyIdentifier
    Oid::new_unwrap("2.5.29.20"), // cRLNumber
];

/// True for the GOST key algorithms NCA RK issues and for anything under the Kazakh GOST arc.
pub(crate) fn is_gost(oid: &Oid) -> bool {
    [GOST_34_310_2004, GOST_2015_512, GOST_2015_512_B].contains(oid)
        || oid.as_bytes().starts_with(KZ_CRYPTO_ARC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gost_oids_are_recognised_and_rsa_is_not() {
        assert!(is_gost(&GOST_34_310_2004));
        assert!(is_gost(&GOST_2015_512));
        assert!(is_gost(&GOST_2015_512_B));
        assert!(is_gost(&Oid::new_unwrap("1.2.398.3.10.1.3.1")));
        assert!(!is_gost(&RSA_ENCRYPTION));
        assert!(!is_gost(&Oid::new_unwrap("1.2.398.3.3.4.1.1")));
    }
}
