//! X.509 building blocks of the development PKI: extensions, key identifiers, serial numbers,
//! times, and certificates signed with SHA-256/RSA through the x509-cert builder.

use std::time::Duration;

use const_oid::AssociatedOid;
use der::Encode;
use der::asn1::{GeneralizedTime, Ia5String, OctetString, UtcTime};
use der::referenced::OwnedToRef;
use jiff::{SignedDuration, Timestamp};
use rsa::PrivateKey;
use spki::{SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use x509_cert::Certificate;
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, CrlDistributionPoints,
    SubjectKeyIdentifier,
};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};

use crate::{DevPkiError, KeyCert};

pub(crate) fn spki_of(key: &PrivateKey) -> Result<SubjectPublicKeyInfoOwned, DevPkiError> {
    SubjectPublicKeyInfoOwned::from_key(key.as_public_key())
        .map_err(|e| DevPkiError::Build(x509_cert::builder::Error::PublicKey(e)))
}

pub(crate) fn ext<T: AssociatedOid + Encode>(
    critical: bool,
    value: &T,
) -> Result<Extension, DevPkiError> {
    Ok(Extension {
        extn_id: T::OID,
        critical,
        extn_value: OctetString::new(value.to_der()?)?,
    })
}

/// RFC 5280 method 1 (SHA-1 of the key bits), as OpenSSL's `subjectKeyIdentifier = hash`.
pub(crate) fn key_id(
    spki: &SubjectPublicKeyInfoOwned,
) -> Result<SubjectKeyIdentifier, DevPkiError> {
    let spki: SubjectPublicKeyInfoRef<'_> = spki.owned_to_ref();
    Ok(SubjectKeyIdentifier::try_from(spki)?)
}

pub(crate) fn authority_key_id(issuer: &KeyCert) -> Result<AuthorityKeyIdentifier, DevPkiError> {
    let ski = key_id(issuer.cert.tbs_certificate().subject_public_key_info())?;
    Ok(AuthorityKeyIdentifier {
        key_identifier: Some(ski.0),
        ..Default::default()
    })
}

pub(crate) fn crl_points(url: &str) -> Result<CrlDistributionPoints, DevPkiError> {
    let uri = GeneralName::UniformResourceIdentifier(Ia5String::new(url)?);
    Ok(CrlDistributionPoints(vec![DistributionPoint {
        distribution_point: Some(DistributionPointName::FullName(vec![uri])),
        reasons: None,
        crl_issuer: None,
    }]))
}

/// authorityInfoAccess naming the OCSP responder at `url` (id-ad-ocsp).
pub(crate) fn ocsp_access(url: &str) -> Result<AuthorityInfoAccessSyntax, DevPkiError> {
    Ok(AuthorityInfoAccessSyntax(vec![AccessDescription {
        access_method: const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1"),
        access_location: GeneralName::UniformResourceIdentifier(Ia5String::new(url)?),
    }]))
}

/// A random positive 16-byte serial number.
pub(crate) fn serial() -> Result<SerialNumber, DevPkiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| DevPkiError::Random(e.to_string()))?;
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    Ok(SerialNumber::new(&bytes)?)
}

/// An X.509 time: UTCTime before 2050, GeneralizedTime after (RFC 5280 §4.1.2.5).
pub(crate) fn x509_time(at: Timestamp) -> Result<Time, DevPkiError> {
    let secs = u64::try_from(at.as_second()).map_err(|_| DevPkiError::Time(at))?;
    let date = der::DateTime::from_unix_duration(Duration::from_secs(secs))?;
    Ok(if date.year() < 2050 {
        Time::UtcTime(UtcTime::from_date_time(date)?)
    } else {
        Time::GeneralTime(GeneralizedTime::from_date_time(date))
    })
}

pub(crate) fn validity(from: Timestamp, to: Timestamp) -> Result<Validity, DevPkiError> {
    Ok(Validity::new(x509_time(from)?, x509_time(to)?))
}

pub(crate) fn add(at: Timestamp, by: SignedDuration) -> Result<Timestamp, DevPkiError> {
    at.checked_add(by).map_err(|_| DevPkiError::Time(at))
}

pub(crate) fn sub(at: Timestamp, by: SignedDuration) -> Result<Timestamp, DevPkiError> {
    at.checked_sub(by).map_err(|_| DevPkiError::Time(at))
}

/// The builder profile: the names and extensions are decided here, not by the builder.
struct Fixed {
    subject: Name,
    issuer: Name,
    extensions: Vec<Extension>,
}

impl BuilderProfile for Fixed {
    fn get_issuer(&self, _subject: &Name) -> Name {
        self.issuer.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        _spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        _tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        Ok(self.extensions.clone())
    }
}

pub(crate) fn build(
    subject: Name,
    issuer: Name,
    spki: SubjectPublicKeyInfoOwned,
    validity: Validity,
    extensions: Vec<Extension>,
    issuer_key: &PrivateKey,
) -> Result<Certificate, DevPkiError> {
    let profile = Fixed {
        subject,
        issuer,
        extensions,
    };
    let builder = CertificateBuilder::new(profile, serial()?, validity, spki)?;
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(issuer_key.clone());
    Ok(builder.build::<_, rsa::pkcs1v15::Signature>(&signer)?)
}
