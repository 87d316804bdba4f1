//! A development PKI shaped like NCA RK's, so EDS can be tried without real keys: a root and an
//! intermediate (both marked DEV), for each person an authentication key (digitalSignature +
//! keyEncipherment, EKU clientAuth) and a signing key (digitalSignature + nonRepudiation), one
//! revoked and one expired signing key of the first person, the CRLs of both CAs and an OCSP
//! responder (see `ocsp`). It signs CMS the way NCALayer's `sign` with format `cms` does, issues a
//! time-stamping authority and timestamps a CMS with it on demand (see `tsp`), and saves to /
//! loads from a directory.
//!
//! A crate of its own, which only the `kandas` binary's `dev` feature and tests depend on: a
//! production build (`--no-default-features`) cannot mint a certificate. `kandas-pki` keeps
//! only verification. Time is a parameter, like everywhere else; randomness comes from the
//! operating system. [`ncalayer`] is the stand-in for NCALayer that signs with these keys.

mod cms;
mod crl;
mod error;
mod files;
mod issue;
mod key_cert;
pub mod ncalayer;
mod ocsp;
mod tsp;
mod x509;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use kandas_pki::Revocation;
use kandas_pki::TrustStore;

pub use error::DevPkiError;
pub use files::MANIFEST;
pub use issue::{INTERMEDIATE_CN, OCSP_CN, ROOT_CN, TSA_CN};
pub use key_cert::KeyCert;
pub use ocsp::OCSP_VALIDITY;
pub use tsp::timestamp_response;

/// Default URL of the intermediate's CRL, as the dev server publishes it.
pub const DEFAULT_INTERMEDIATE_CRL_URL: &str = "http://127.0.0.1:8080/dev/pki/intermediate.crl";
/// Default URL of the root's CRL (which covers the intermediate).
pub const DEFAULT_ROOT_CRL_URL: &str = "http://127.0.0.1:8080/dev/pki/root.crl";
/// Default URL of the OCSP responder, as the dev server answers it.
pub const DEFAULT_OCSP_URL: &str = "http://127.0.0.1:8080/dev/pki/ocsp";
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

/// Where the issued certificates say their CRLs are published and their OCSP responder answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevPkiOptions {
    /// The intermediate's CRL, in the people's certificates.
    pub intermediate_crl_url: String,
    /// The root's CRL, in the intermediate's certificate.
    pub root_crl_url: String,
    /// The OCSP responder, in the people's certificates (authorityInfoAccess, id-ad-ocsp).
    /// Manifests written before it existed load with the default.
    #[serde(default = "default_ocsp_url")]
    pub ocsp_url: String,
}

fn default_ocsp_url() -> String {
    DEFAULT_OCSP_URL.to_owned()
}

impl Default for DevPkiOptions {
    fn default() -> Self {
        Self {
            intermediate_crl_url: DEFAULT_INTERMEDIATE_CRL_URL.to_owned(),
            root_crl_url: DEFAULT_ROOT_CRL_URL.to_owned(),
            ocsp_url: default_ocsp_url(),
        }
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
    /// The delegated OCSP responder; `None` in a PKI saved before it existed, whose responses
    /// the intermediate then signs itself.
    ocsp: Option<KeyCert>,
    root_crl: Vec<u8>,
    intermediate_crl: Vec<u8>,
}

impl DevPki {
    /// Generates the hierarchy at `now` with the default CRL URLs.
    pub fn generate(now: Timestamp, people: &[DevPerson]) -> Result<Self, DevPkiError> {
        Self::generate_with(now, people, DevPkiOptions::default())
    }

    /// Generates the hierarchy at `now`: 2 + 2 × people + 3 RSA-2048 keys.
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
        let ocsp = issuer.responder()?;
        let (root, intermediate) = issuer.into_cas();
        let mut pki = Self {
            options,
            generated_at: now,
            root,
            intermediate,
            people: keys,
            revoked,
            expired,
            ocsp: Some(ocsp),
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

    /// The anchors (the root) and intermediates for [`kandas_pki::verify_cms`].
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

    /// The OCSP responder's key and certificate (issued by the intermediate), when it has one.
    pub fn ocsp_responder(&self) -> Option<&KeyCert> {
        self.ocsp.as_ref()
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
