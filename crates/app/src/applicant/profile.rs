//! "What the state knows about me": the person from the registries, each value with its source.

use kandas_domain::iin::Iin;
use kandas_domain::person::{Person, Source, Sourced};
use serde::Serialize;

use crate::actor::Actor;
use crate::error::AppError;
use crate::ports::registry::RegisteredCertificate;
use crate::service::Service;

/// The person as the registries know them.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// IIN.
    pub iin: Iin,
    /// The population registry's record.
    pub person: Option<Sourced<Person>>,
    /// The phone in the Mobile Citizens Database, masked.
    pub phone_masked: Option<Sourced<String>>,
    /// The kandas certificate in the register.
    pub certificate: Option<Sourced<RegisteredCertificate>>,
}

/// Reads the actor's own data from the registries.
pub async fn profile(service: &Service, actor: &Actor) -> Result<Profile, AppError> {
    profile_of(service, &actor.iin).await
}

/// What the registries hold about the person with `iin` (the caller audits the read).
pub async fn profile_of(service: &Service, iin: &Iin) -> Result<Profile, AppError> {
    let registry = &service.registry;
    Ok(Profile {
        iin: iin.clone(),
        person: registry.person(iin).await?.map(|value| Sourced {
            value,
            source: Source::PopulationRegistry,
        }),
        phone_masked: registry.mobile_phone(iin).await?.map(|p| Sourced {
            value: p.masked(),
            source: Source::MobileCitizens,
        }),
        certificate: registry.certificate(iin).await?.map(|value| Sourced {
            value,
            source: Source::KandasRegister,
        }),
    })
}
