//! The state registries the service reads instead of asking the applicant (once-only).

use async_trait::async_trait;
use jiff::civil::Date;
use kandas_domain::iin::Iin;
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::person::Person;
use kandas_domain::phone::PhoneNumber;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::error::BoxError;

/// A registry did not answer; the source says why.
#[derive(Debug, Error)]
#[error("registry unavailable")]
pub struct RegistryError(#[source] pub BoxError);

/// A kandas certificate as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredCertificate {
    /// Its number.
    pub number: CertificateNumber,
    /// The holder.
    pub holder: Iin,
    /// Issue date.
    pub issued_on: Date,
    /// Last day of validity.
    pub valid_until: Date,
    /// How many times its status was extended.
    pub extensions: u32,
    /// The issuing local executive body.
    pub issuer: String,
}

impl RegisteredCertificate {
    /// Whether its status was extended.
    pub fn extended(&self) -> bool {
        self.extensions > 0
    }
}

/// Read access to the population registry, the Mobile Citizens Database and the kandas register.
#[async_trait]
pub trait Registry: Send + Sync {
    /// The person with this IIN, if the population registry has them.
    async fn person(&self, iin: &Iin) -> Result<Option<Person>, RegistryError>;
    /// The people with these IINs whom the population registry has, in no particular order: one
    /// question for a whole list (a queue) instead of one per line.
    async fn persons(&self, iins: &[Iin]) -> Result<Vec<Person>, RegistryError> {
        let mut found = Vec::with_capacity(iins.len());
        for iin in iins {
            found.extend(self.person(iin).await?);
        }
        Ok(found)
    }
    /// The phone registered for this IIN in the Mobile Citizens Database.
    async fn mobile_phone(&self, iin: &Iin) -> Result<Option<PhoneNumber>, RegistryError>;
    /// The latest kandas certificate held by this person.
    async fn certificate(&self, iin: &Iin) -> Result<Option<RegisteredCertificate>, RegistryError>;
    /// The certificate with this number, whoever holds it (public verification).
    async fn certificate_by_number(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<RegisteredCertificate>, RegistryError>;
    /// Whether a consent decision issued through a foreign mission is registered for this IIN.
    async fn consent_decision(&self, iin: &Iin) -> Result<bool, RegistryError>;
}
