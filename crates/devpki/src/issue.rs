//! Issuing the development certificates: RSA-2048 keys, NCA RK-style names (UTF8String, with
//! `SERIALNUMBER` and `C` as PrintableString, in the order `CN, SURNAME, SERIALNUMBER, C, G`) and
//! the extensions of `crates/pki/tests/corpus/make.sh`, plus CRL distribution points and the OCSP responder
//! (authorityInfoAccess), the responder's own certificate and, on demand, a time-stamping
//! authority's.

use const_oid::ObjectIdentifier as Oid;
use der::asn1::{Any, PrintableStringRef};
use der::{Decode, Encode};
use jiff::{SignedDuration, Timestamp};
use rsa::PrivateKey;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use crate::x509::{
    add, authority_key_id, build, crl_points, ext, key_id, ocsp_access, spki_of, sub, validity,
};
use crate::{DevPerson, DevPkiError, DevPkiOptions, KeyCert};

/// The root's common name: NCA RK's root, marked DEV.
pub const ROOT_CN: &str = "ҚР ТҮБІРЛІК КУӘЛАНДЫРУШЫ ОРТАЛЫҒЫ (RSA) DEV";
/// The intermediate's common name: NCA RK's issuing CA, marked DEV.
pub const INTERMEDIATE_CN: &str = "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) DEV";
/// The OCSP responder's common name, marked DEV.
pub const OCSP_CN: &str = "OCSP RESPONDER (RSA) DEV";
/// The time-stamping authority's common name, marked DEV.
pub const TSA_CN: &str = "TSA ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ DEV";

const RSA_BITS: usize = 2048;
const DAY: SignedDuration = SignedDuration::from_hours(24);

const CN: Oid = Oid::new_unwrap("2.5.4.3");
const SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
const COUNTRY: Oid = Oid::new_unwrap("2.5.4.6");
const GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");
const CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
const EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
const OCSP_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.9");
const TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
const OCSP_NOCHECK: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.5");
/// The policy-like OID NCA RK writes into the EKU of an individual's keys.
const NCA_INDIVIDUAL: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.1");

/// Which of a person's two keys.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Auth,
    Sign,
}

/// When a person's certificate is valid.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Period {
    /// From a day before `now` for a year.
    Current,
    /// From two years before `now` to one year before.
    Expired,
}

/// The two CAs, ready to issue people's certificates.
pub(crate) struct Issuer<'a> {
    now: Timestamp,
    options: &'a DevPkiOptions,
    root: KeyCert,
    intermediate: KeyCert,
}

impl<'a> Issuer<'a> {
    /// Makes the root and the intermediate, each valid ten years from a day before `now`.
    pub(crate) fn new(now: Timestamp, options: &'a DevPkiOptions) -> Result<Self, DevPkiError> {
        let from = sub(now, DAY)?;
        let validity = validity(from, add(from, DAY * 3652)?)?;
        let ca_usage = KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign);

        let root_name = name(&[(CN, ROOT_CN), (COUNTRY, "KZ")])?;
        let root_key = new_key()?;
        let root_spki = spki_of(&root_key)?;
        let mut extensions = vec![
            ext(
                true,
                &BasicConstraints {
                    ca: true,
                    path_len_constraint: None,
                },
            )?,
            ext(true, &ca_usage)?,
        ];
        extensions.push(ext(false, &key_id(&root_spki)?)?);
        let root_cert = build(
            root_name.clone(),
            root_name.clone(),
            root_spki,
            validity,
            extensions,
            &root_key,
        )?;
        let root = KeyCert::new(root_key, root_cert)?;

        let inter_key = new_key()?;
        let inter_spki = spki_of(&inter_key)?;
        let extensions = vec![
            ext(
                true,
                &BasicConstraints {
                    ca: true,
                    path_len_constraint: Some(0),
                },
            )?,
            ext(true, &ca_usage)?,
            ext(false, &key_id(&inter_spki)?)?,
            ext(false, &authority_key_id(&root)?)?,
            ext(false, &crl_points(&options.root_crl_url)?)?,
        ];
        let inter_cert = build(
            name(&[(CN, INTERMEDIATE_CN), (COUNTRY, "KZ")])?,
            root_name,
            inter_spki,
            validity,
            extensions,
            &root.key,
        )?;
        let intermediate = KeyCert::new(inter_key, inter_cert)?;
        Ok(Self {
            now,
            options,
            root,
            intermediate,
        })
    }

    /// Issues one of a person's keys.
    pub(crate) fn person(
        &self,
        person: &DevPerson,
        kind: Kind,
        period: Period,
    ) -> Result<KeyCert, DevPkiError> {
        let surname = person.surname.to_uppercase();
        let given = person.given.to_uppercase();
        let subject = name(&[
            (CN, &format!("{surname} {given}")),
            (SURNAME, &surname),
            (SERIAL_NUMBER, &format!("IIN{}", person.iin)),
            (COUNTRY, "KZ"),
            (GIVEN_NAME, &given),
        ])?;
        let (from, to) = match period {
            Period::Current => (sub(self.now, DAY)?, add(self.now, DAY * 365)?),
            Period::Expired => (sub(self.now, DAY * 730)?, sub(self.now, DAY * 365)?),
        };
        let (usage, eku) = match kind {
            Kind::Sign => (
                KeyUsages::DigitalSignature | KeyUsages::NonRepudiation,
                vec![EMAIL_PROTECTION, NCA_INDIVIDUAL],
            ),
            Kind::Auth => (
                KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment,
                vec![CLIENT_AUTH, NCA_INDIVIDUAL],
            ),
        };
        let key = new_key()?;
        let spki = spki_of(&key)?;
        let extensions = vec![
            ext(
                true,
                &BasicConstraints {
                    ca: false,
                    path_len_constraint: None,
                },
            )?,
            ext(true, &KeyUsage(usage))?,
            ext(false, &ExtendedKeyUsage(eku))?,
            ext(false, &key_id(&spki)?)?,
            ext(false, &authority_key_id(&self.intermediate)?)?,
            ext(false, &crl_points(&self.options.intermediate_crl_url)?)?,
            ext(false, &ocsp_access(&self.options.ocsp_url)?)?,
        ];
        let issuer = self.intermediate.cert.tbs_certificate().subject().clone();
        let cert = build(
            subject,
            issuer,
            spki,
            validity(from, to)?,
            extensions,
            &self.intermediate.key,
        )?;
        KeyCert::new(key, cert)
    }

    /// The intermediate's delegated OCSP responder, valid as a person's current key: EKU
    /// id-kp-OCSPSigning and id-pkix-ocsp-nocheck (its own status is not asked).
    pub(crate) fn responder(&self) -> Result<KeyCert, DevPkiError> {
        let key = new_key()?;
        let spki = spki_of(&key)?;
        let no_check = x509_cert::ext::Extension {
            extn_id: OCSP_NOCHECK,
            critical: false,
            extn_value: der::asn1::OctetString::new(der::asn1::Null.to_der()?)?,
        };
        let extensions = vec![
            ext(
                true,
                &BasicConstraints {
                    ca: false,
                    path_len_constraint: None,
                },
            )?,
            ext(true, &KeyUsage(KeyUsages::DigitalSignature.into()))?,
            ext(false, &ExtendedKeyUsage(vec![OCSP_SIGNING]))?,
            ext(false, &key_id(&spki)?)?,
            ext(false, &authority_key_id(&self.intermediate)?)?,
            no_check,
        ];
        let cert = build(
            name(&[(CN, OCSP_CN), (COUNTRY, "KZ")])?,
            self.intermediate.cert.tbs_certificate().subject().clone(),
            spki,
            validity(sub(self.now, DAY)?, add(self.now, DAY * 365)?)?,
            extensions,
            &self.intermediate.key,
        )?;
        KeyCert::new(key, cert)
    }

    /// The root and the intermediate, once everyone's keys are issued.
    pub(crate) fn into_cas(self) -> (KeyCert, KeyCert) {
        (self.root, self.intermediate)
    }
}

/// A time-stamping authority issued by `intermediate`, valid from `from` to `until`: keyUsage
/// digitalSignature + nonRepudiation and the critical EKU id-kp-timeStamping RFC 3161 requires.
pub(crate) fn tsa(
    intermediate: &KeyCert,
    from: Timestamp,
    until: Timestamp,
) -> Result<KeyCert, DevPkiError> {
    let key = new_key()?;
    let spki = spki_of(&key)?;
    let extensions = vec![
        ext(
            true,
            &BasicConstraints {
                ca: false,
                path_len_constraint: None,
            },
        )?,
        ext(
            true,
            &KeyUsage(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation),
        )?,
        ext(true, &ExtendedKeyUsage(vec![TIME_STAMPING]))?,
        ext(false, &key_id(&spki)?)?,
        ext(false, &authority_key_id(intermediate)?)?,
    ];
    let cert = build(
        name(&[(CN, TSA_CN), (COUNTRY, "KZ")])?,
        intermediate.cert.tbs_certificate().subject().clone(),
        spki,
        validity(from, until)?,
        extensions,
        &intermediate.key,
    )?;
    KeyCert::new(key, cert)
}

/// A fresh RSA-2048 key from the operating system's randomness.
fn new_key() -> Result<PrivateKey, DevPkiError> {
    Ok(PrivateKey::new(&mut getrandom::SysRng, RSA_BITS)?)
}

/// A name of single-valued RDNs in the order given; `SERIALNUMBER` and `C` as PrintableString
/// (as OpenSSL and NCA RK write them), everything else UTF8String.
fn name(parts: &[(Oid, &str)]) -> Result<Name, DevPkiError> {
    let mut rdns = RdnSequence::default();
    for (oid, value) in parts {
        let value = if *oid == SERIAL_NUMBER || *oid == COUNTRY {
            Any::encode_from(&PrintableStringRef::new(value)?)?
        } else {
            Any::encode_from(&der::asn1::Utf8StringRef::new(value)?)?
        };
        let atv = AttributeTypeAndValue { oid: *oid, value };
        rdns.push(RelativeDistinguishedName::try_from(vec![atv])?);
    }
    Ok(Name::from_der(&rdns.to_der()?)?)
}
