//! A development PKI shaped like NCA RK's, so EDS can be tried without real keys: a root and an
//! intermediate (both marked DEV), for each person an authentication key (digitalSignature +
//! keyEncipherment, EKU clientAuth) and a signing key (digitalSignature + nonRepudiation), one
//! revoked and one expired signing key of the first person, and the CRLs of both CAs. It signs
//! CMS the way NCALayer's `sign` with format `cms` does, and saves to / loads from a directory.
//!
//! Behind the `dev` feature: production builds that leave it out cannot mint a certificate.
//! Time is a parameter, like everywhere else; randomness comes from the operating system.

mod cms;
mod crl;
mod error;
mod files;
mod issue;
mod x509;

use jiff::{SignedDuration, Timestamp};
use rsa::PrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::EncodePrivateKey;
use rsa::pkcs8::der::zeroize::Zeroizing;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use x509_cert::Certificate;

use crate::name;
use crate::revocation::Revocation;
use crate::trust::TrustStore;

pub use error::DevPkiError;
pub use files::MANIFEST;
pub use issue::{INTERMEDIATE_CN, ROOT_CN};

/// Default URL of the intermediate's CRL, as the dev server publishes it.
pub const DEFAULT_INTERMEDIATE_CRL_URL: &str = "http://127.0.0.1:8080/dev/pki/intermediate.crl";
/// Default URL of the root's CRL (which covers the intermediate).
pub const DEFAULT_ROOT_CRL_URL: &str = "http://127.0.0.1:8080/dev/pki/root.crl";
/// How long a CRL is current after it is issued.
pub const CRL_VALIDITY: SignedDuration = SignedDuration::from_hours(30 * 24);

/// A person to issue keys for, as the demo data knows them. Names are upper-cased in the
/// certificate as NCA RK writes them; `given` goes into `G=` (NCA puts the patronymic there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevPerson {
    /// Twelve digits.
    pub iin: String,
    /// Surname, in Kazakh or Russian.
    pub surname: String,
    /// Given name.
    pub given: String,
}

/// Where the issued certificates say their CRLs are published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevPkiOptions {
    /// The intermediate's CRL, in the people's certificates.
    pub intermediate_crl_url: String,
    /// The root's CRL, in the intermediate's certificate.
    pub root_crl_url: String,
}

impl Default for DevPkiOptions {
    fn default() -> Self {
        Self {
            intermediate_crl_url: DEFAULT_INTERMEDIATE_CRL_URL.to_owned(),
            root_crl_url: DEFAULT_ROOT_CRL_URL.to_owned(),
        }
    }
}

/// A private key with its certificate.
#[derive(Clone)]
pub struct KeyCert {
    key: PrivateKey,
    cert: Certificate,
    der: Vec<u8>,
}

impl std::fmt::Debug for KeyCert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyCert")
            .field("subject", &self.subject())
            .field("serial", &self.serial_hex())
            .finish_non_exhaustive()
    }
}

impl KeyCert {
    fn new(key: PrivateKey, cert: Certificate) -> Result<Self, DevPkiError> {
        let der = der::Encode::to_der(&cert)?;
        Ok(Self { key, cert, der })
    }

    /// The certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.cert
    }

    /// The certificate, DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.der
    }

    /// The certificate, PEM.
    pub fn certificate_pem(&self) -> Result<String, DevPkiError> {
        Ok(der::EncodePem::to_pem(
            &self.cert,
            der::pem::LineEnding::LF,
        )?)
    }

    /// The private key, PKCS#8 PEM (unencrypted: development only).
    pub fn private_key_pem(&self) -> Result<Zeroizing<String>, DevPkiError> {
        Ok(self.key.to_pkcs8_pem(der::pem::LineEnding::LF)?)
    }

    /// The subject, decoded (`CN=…, SURNAME=…, SERIALNUMBER=IIN…, C=KZ, G=…`).
    pub fn subject(&self) -> String {
        name::render(self.cert.tbs_certificate().subject())
    }

    /// The twelve digits of `SERIALNUMBER=IIN…`, when the subject has them.
    pub fn iin(&self) -> Option<String> {
        name::iin(self.cert.tbs_certificate().subject())
    }

    /// The serial number in upper-case hex.
    pub fn serial_hex(&self) -> String {
        name::hex_upper(self.cert.tbs_certificate().serial_number().as_bytes())
    }

    /// The PKCS#1 v1.5 SHA-256 signer of this key (what NCA RK's RSA keys do).
    pub(crate) fn signing_key(&self) -> SigningKey<Sha256> {
        SigningKey::new(self.key.clone())
    }
}

/// A person's two keys.
#[derive(Debug, Clone)]
pub struct PersonKeys {
    /// Who.
    pub person: DevPerson,
    /// The authentication key (sign-in): EKU clientAuth.
    pub auth: KeyCert,
    /// The signing key (documents): nonRepudiation.
    pub sign: KeyCert,
}

/// The whole development hierarchy; see the module documentation.
#[derive(Debug, Clone)]
pub struct DevPki {
    options: DevPkiOptions,
    generated_at: Timestamp,
    root: KeyCert,
    intermediate: KeyCert,
    people: Vec<PersonKeys>,
    revoked: KeyCert,
    expired: KeyCert,
    root_crl: Vec<u8>,
    intermediate_crl: Vec<u8>,
}

impl DevPki {
    /// Generates the hierarchy at `now` with the default CRL URLs.
    pub fn generate(now: Timestamp, people: &[DevPerson]) -> Result<Self, DevPkiError> {
        Self::generate_with(now, people, DevPkiOptions::default())
    }

    /// Generates the hierarchy at `now`: 2 + 2 × people + 2 RSA-2048 keys.
    pub fn generate_with(
        now: Timestamp,
        people: &[DevPerson],
        options: DevPkiOptions,
    ) -> Result<Self, DevPkiError> {
        let first = people.first().ok_or(DevPkiError::NoPeople)?;
        for p in people {
            if p.iin.len() != 12 || !p.iin.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DevPkiError::BadIin(p.iin.clone()));
            }
        }
        let issuer = issue::Issuer::new(now, &options)?;
        let mut keys = Vec::with_capacity(people.len());
        for person in people {
            keys.push(PersonKeys {
                person: person.clone(),
                auth: issuer.person(person, issue::Kind::Auth, issue::Period::Current)?,
                sign: issuer.person(person, issue::Kind::Sign, issue::Period::Current)?,
            });
        }
        let revoked = issuer.person(first, issue::Kind::Sign, issue::Period::Current)?;
        let expired = issuer.person(first, issue::Kind::Sign, issue::Period::Expired)?;
        let (root, intermediate) = issuer.into_cas();
        let mut pki = Self {
            options,
            generated_at: now,
            root,
            intermediate,
            people: keys,
            revoked,
            expired,
            root_crl: Vec::new(),
            intermediate_crl: Vec::new(),
        };
        pki.reissue_crls(now)?;
        Ok(pki)
    }

    /// Issues both CRLs anew at `now` (current for [`CRL_VALIDITY`]): the intermediate's lists
    /// the revoked key, the root's lists nothing. The dev server calls this when they grow old.
    pub fn reissue_crls(&mut self, now: Timestamp) -> Result<(), DevPkiError> {
        let revoked = [(self.revoked.cert.tbs_certificate().serial_number(), now)];
        self.intermediate_crl = crl::issue(&self.intermediate, &revoked, now)?;
        self.root_crl = crl::issue(&self.root, &[], now)?;
        Ok(())
    }

    /// The anchors (the root) and intermediates for [`crate::verify_cms`].
    pub fn trust_store(&self) -> Result<TrustStore, DevPkiError> {
        Ok(TrustStore::from_pem_or_der(
            &[self.root.certificate_der()],
            &[self.intermediate.certificate_der()],
        )?)
    }

    /// Both CRLs, as the fetching adapter would hand them in.
    pub fn revocation(&self) -> Revocation {
        Revocation::new()
            .with_crl(self.intermediate_crl.clone())
            .with_crl(self.root_crl.clone())
    }

    /// When it was generated.
    pub fn generated_at(&self) -> Timestamp {
        self.generated_at
    }

    /// The CRL URLs written in the certificates.
    pub fn options(&self) -> &DevPkiOptions {
        &self.options
    }

    /// The self-signed root (the trust anchor).
    pub fn root(&self) -> &KeyCert {
        &self.root
    }

    /// The intermediate that issues people's keys.
    pub fn intermediate(&self) -> &KeyCert {
        &self.intermediate
    }

    /// Everyone's keys, in the order given.
    pub fn people(&self) -> &[PersonKeys] {
        &self.people
    }

    /// The keys of the person with this IIN.
    pub fn person(&self, iin: &str) -> Option<&PersonKeys> {
        self.people.iter().find(|p| p.person.iin == iin)
    }

    /// A signing key of the first person, listed in the intermediate's CRL.
    pub fn revoked(&self) -> &KeyCert {
        &self.revoked
    }

    /// A signing key of the first person that expired a year before generation.
    pub fn expired(&self) -> &KeyCert {
        &self.expired
    }

    /// The intermediate's CRL, DER.
    pub fn intermediate_crl_der(&self) -> &[u8] {
        &self.intermediate_crl
    }

    /// The root's CRL, DER.
    pub fn root_crl_der(&self) -> &[u8] {
        &self.root_crl
    }
}
