//! The local registry adapter: persons, phones, consent decisions and the kandas register read
//! from tables, and the import of a registry extract (`REGISTRY-FORMAT.md`).

use async_trait::async_trait;
use jiff::civil::Date;
use kandas_app::ports::registry::{RegisteredCertificate, Registry, RegistryError};
use kandas_app::ports::store::StoreError;
use kandas_domain::iin::{Iin, Sex};
use kandas_domain::numbers::CertificateNumber;
use kandas_domain::person::{Country, CyrillicName, FullName, LatinName, Person};
use kandas_domain::phone::PhoneNumber;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::error::db;
use crate::rows::{code, date, day, parsed, parsed_opt, text};

mod import;

pub use import::ImportSummary;

/// A registry extract to import: every list may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryImport {
    /// Population registry entries.
    #[serde(default)]
    pub persons: Vec<ImportPerson>,
    /// Kandas register entries.
    #[serde(default)]
    pub certificates: Vec<ImportCertificate>,
    /// Consent decisions issued through foreign missions.
    #[serde(default)]
    pub consents: Vec<ImportConsent>,
}

/// A person of the population registry, with their phone from the Mobile Citizens Database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportPerson {
    /// IIN.
    pub iin: String,
    /// Surname in Cyrillic.
    pub surname: String,
    /// Given name in Cyrillic.
    pub given_name: String,
    /// Patronymic in Cyrillic.
    #[serde(default)]
    pub patronymic: Option<String>,
    /// Surname in Latin letters.
    pub surname_latin: String,
    /// Given name in Latin letters.
    pub given_name_latin: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// `male` or `female`.
    pub sex: String,
    /// ISO 3166 alpha-3 or `STATELESS`.
    pub citizenship: String,
    /// Nationality as recorded.
    pub nationality: String,
    /// Mobile phone.
    #[serde(default)]
    pub phone: Option<String>,
}

/// A kandas certificate of the register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportCertificate {
    /// `KC-YYYY-NNNNNN`.
    pub number: String,
    /// The holder's IIN.
    pub holder: String,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    /// `YYYY-MM-DD`.
    pub valid_until: String,
    /// Already extended (once).
    #[serde(default)]
    pub extended: bool,
    /// How many times it was extended (overrides `extended` when given).
    #[serde(default)]
    pub extensions: Option<u32>,
    /// The issuing local executive body.
    pub issuer: String,
}

/// A consent decision issued through a foreign mission.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConsent {
    /// The person's IIN.
    pub iin: String,
    /// Decision number.
    pub number: String,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
}

/// A person of the population registry.
pub(crate) const PERSON: &str = "SELECT iin, surname, given_name, patronymic, surname_latin, \
     given_name_latin, birth_date, sex, citizenship, nationality FROM registry_persons \
     WHERE iin = $1";
/// Many people at once: [`PERSON`] with `iin IN ($1, … $n)`.
pub(crate) fn persons(n: usize) -> String {
    let marks: Vec<String> = (1..=n).map(|k| format!("${k}")).collect();
    PERSON.replace("iin = $1", &format!("iin IN ({})", marks.join(", ")))
}

/// IINs a statement of [`persons`] asks about at most.
const PERSONS_AT_ONCE: usize = 500;

/// A person's mobile phone.
pub(crate) const PHONE: &str = "SELECT phone FROM registry_phones WHERE iin = $1";
/// A holder's latest certificate.
pub(crate) const CERTIFICATE_OF: &str = "SELECT number, holder, issued_on, valid_until, \
     extensions, issuer FROM certificates WHERE holder = $1 \
     ORDER BY issued_on DESC, number DESC LIMIT 1";
/// A certificate by number.
pub(crate) const CERTIFICATE: &str = "SELECT number, holder, issued_on, valid_until, \
     extensions, issuer FROM certificates WHERE number = $1";
/// A person's consent decisions.
pub(crate) const CONSENTS: &str = "SELECT COUNT(*) FROM registry_consents WHERE iin = $1";

fn person(row: &AnyRow) -> Result<Person, StoreError> {
    Ok(Person {
        iin: parsed(row, "iin", Iin::parse)?,
        name: FullName {
            surname: parsed(row, "surname", CyrillicName::parse)?,
            given: parsed(row, "given_name", CyrillicName::parse)?,
            patronymic: parsed_opt(row, "patronymic", CyrillicName::parse)?,
        },
        name_latin: FullName {
            surname: parsed(row, "surname_latin", LatinName::parse)?,
            given: parsed(row, "given_name_latin", LatinName::parse)?,
            patronymic: None,
        },
        birth_date: day(row, "birth_date")?,
        sex: code(row, "sex", Sex::parse)?,
        citizenship: parsed(row, "citizenship", Country::parse)?,
        nationality: text(row, "nationality")?,
    })
}

pub(crate) fn certificate(row: &AnyRow) -> Result<RegisteredCertificate, StoreError> {
    Ok(RegisteredCertificate {
        number: parsed(row, "number", CertificateNumber::parse)?,
        holder: parsed(row, "holder", Iin::parse)?,
        issued_on: day(row, "issued_on")?,
        valid_until: day(row, "valid_until")?,
        extensions: u32::try_from(crate::rows::int(row, "extensions")?)
            .map_err(|e| crate::error::corrupt("extensions", e))?,
        issuer: text(row, "issuer")?,
    })
}

impl SqlStore {
    pub(crate) async fn registry_person(&self, iin: &Iin) -> Result<Option<Person>, StoreError> {
        sqlx::query(PERSON)
            .bind(iin.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(person)
            .transpose()
    }

    pub(crate) async fn registry_persons(&self, iins: &[Iin]) -> Result<Vec<Person>, StoreError> {
        let mut found = Vec::with_capacity(iins.len());
        for chunk in iins.chunks(PERSONS_AT_ONCE) {
            let mut query = sqlx::query(sqlx::AssertSqlSafe(persons(chunk.len())));
            for iin in chunk {
                query = query.bind(iin.as_str());
            }
            for row in query.fetch_all(&self.read).await.map_err(db)? {
                found.push(person(&row)?);
            }
        }
        Ok(found)
    }

    pub(crate) async fn registry_phone(
        &self,
        iin: &Iin,
    ) -> Result<Option<PhoneNumber>, StoreError> {
        sqlx::query(PHONE)
            .bind(iin.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(|r| parsed(r, "phone", PhoneNumber::parse))
            .transpose()
    }

    pub(crate) async fn registry_certificate(
        &self,
        iin: &Iin,
    ) -> Result<Option<RegisteredCertificate>, StoreError> {
        sqlx::query(CERTIFICATE_OF)
            .bind(iin.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(certificate)
            .transpose()
    }

    pub(crate) async fn registry_certificate_by_number(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<RegisteredCertificate>, StoreError> {
        sqlx::query(CERTIFICATE)
            .bind(number.as_str())
            .fetch_optional(&self.read)
            .await
            .map_err(db)?
            .as_ref()
            .map(certificate)
            .transpose()
    }

    pub(crate) async fn registry_consent(&self, iin: &Iin) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(CONSENTS)
            .bind(iin.as_str())
            .fetch_one(&self.read)
            .await
            .map_err(db)?;
        Ok(n > 0)
    }
}

/// Parses a `YYYY-MM-DD` date of an import record.
fn import_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string()).and_then(|d| {
        (date(d) == s)
            .then_some(d)
            .ok_or_else(|| "expected YYYY-MM-DD".to_owned())
    })
}

fn unavailable(e: StoreError) -> RegistryError {
    RegistryError(Box::new(e))
}

#[async_trait]
impl Registry for SqlStore {
    async fn person(&self, iin: &Iin) -> Result<Option<Person>, RegistryError> {
        self.registry_person(iin).await.map_err(unavailable)
    }
    async fn persons(&self, iins: &[Iin]) -> Result<Vec<Person>, RegistryError> {
        self.registry_persons(iins).await.map_err(unavailable)
    }
    async fn mobile_phone(&self, iin: &Iin) -> Result<Option<PhoneNumber>, RegistryError> {
        self.registry_phone(iin).await.map_err(unavailable)
    }
    async fn certificate(&self, iin: &Iin) -> Result<Option<RegisteredCertificate>, RegistryError> {
        self.registry_certificate(iin).await.map_err(unavailable)
    }
    async fn certificate_by_number(
        &self,
        number: &CertificateNumber,
    ) -> Result<Option<RegisteredCertificate>, RegistryError> {
        self.registry_certificate_by_number(number)
            .await
            .map_err(unavailable)
    }
    async fn consent_decision(&self, iin: &Iin) -> Result<bool, RegistryError> {
        self.registry_consent(iin).await.map_err(unavailable)
    }
}
