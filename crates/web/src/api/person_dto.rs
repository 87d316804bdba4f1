//! The JSON shapes of people: a person as the population registry holds them, and the profile
//! of what the registries know about someone, each value with its source.

use jiff::civil::Date;
use kandas_app::applicant::profile::Profile;
use kandas_app::ports::registry::RegisteredCertificate;
use kandas_domain::person::{FullName, Person, Source};
use serde::Serialize;
use utoipa::ToSchema;

use super::codes::{CertificateNumberText, IinText, SexCode, SourceCode};

/// A full name in one script.
#[derive(Serialize, ToSchema)]
pub struct NameDto {
    /// Family name.
    pub surname: String,
    /// Given name.
    pub given: String,
    /// Patronymic, if any.
    pub patronymic: Option<String>,
}

impl<N: std::fmt::Display> From<&FullName<N>> for NameDto {
    fn from(n: &FullName<N>) -> Self {
        NameDto {
            surname: n.surname.to_string(),
            given: n.given.to_string(),
            patronymic: n.patronymic.as_ref().map(ToString::to_string),
        }
    }
}

/// A person as the population registry holds them.
#[derive(Serialize, ToSchema)]
pub struct PersonDto {
    /// The IIN.
    #[schema(value_type = IinText)]
    pub iin: String,
    /// The name in Cyrillic.
    pub name: NameDto,
    /// The name in Latin letters.
    pub name_latin: NameDto,
    /// Birth date.
    #[schema(value_type = String, format = Date)]
    pub birth_date: Date,
    /// Sex.
    #[schema(value_type = SexCode)]
    pub sex: &'static str,
    /// Citizenship: an ISO 3166 alpha-3 code or `stateless`.
    pub citizenship: String,
    /// Nationality as recorded (e.g. `kazakh`).
    pub nationality: String,
}

impl From<&Person> for PersonDto {
    fn from(p: &Person) -> Self {
        PersonDto {
            iin: p.iin.to_string(),
            name: (&p.name).into(),
            name_latin: (&p.name_latin).into(),
            birth_date: p.birth_date,
            sex: p.sex.code(),
            citizenship: p.citizenship.to_string(),
            nationality: p.nationality.clone(),
        }
    }
}

/// A person with their source.
#[derive(Serialize, ToSchema)]
pub struct SourcedPersonDto {
    /// The person.
    pub value: PersonDto,
    /// Where it came from.
    #[schema(value_type = SourceCode)]
    pub source: &'static str,
}

/// A text with its source.
#[derive(Serialize, ToSchema)]
pub struct SourcedTextDto {
    /// The value.
    pub value: String,
    /// Where it came from.
    #[schema(value_type = SourceCode)]
    pub source: &'static str,
}

/// A kandas certificate as the register holds it.
#[derive(Serialize, ToSchema)]
pub struct RegisteredCertificateDto {
    /// Its number.
    #[schema(value_type = CertificateNumberText)]
    pub number: String,
    /// The holder's IIN.
    #[schema(value_type = IinText)]
    pub holder: String,
    /// Issued on.
    #[schema(value_type = String, format = Date)]
    pub issued_on: Date,
    /// Last day of validity.
    #[schema(value_type = String, format = Date)]
    pub valid_until: Date,
    /// How many times its status was extended.
    pub extensions: u32,
    /// The issuing local executive body.
    pub issuer: String,
}

impl From<&RegisteredCertificate> for RegisteredCertificateDto {
    fn from(c: &RegisteredCertificate) -> Self {
        RegisteredCertificateDto {
            number: c.number.to_string(),
            holder: c.holder.to_string(),
            issued_on: c.issued_on,
            valid_until: c.valid_until,
            extensions: c.extensions,
            issuer: c.issuer.clone(),
        }
    }
}

/// A certificate with its source.
#[derive(Serialize, ToSchema)]
pub struct SourcedCertificateDto {
    /// The certificate.
    pub value: RegisteredCertificateDto,
    /// Where it came from.
    #[schema(value_type = SourceCode)]
    pub source: &'static str,
}

/// The person as the registries know them: the IIN, and each registry value with its source.
#[derive(Serialize, ToSchema)]
pub struct ProfileDto {
    /// The IIN.
    #[schema(value_type = IinText)]
    pub iin: String,
    /// The population registry's record.
    pub person: Option<SourcedPersonDto>,
    /// The phone of the Mobile Citizens Database, masked.
    pub phone_masked: Option<SourcedTextDto>,
    /// The kandas certificate held.
    pub certificate: Option<SourcedCertificateDto>,
}

fn source(s: Source) -> &'static str {
    s.code()
}

impl ProfileDto {
    /// Wraps the use case's answer.
    pub fn of(p: &Profile) -> Self {
        ProfileDto {
            iin: p.iin.to_string(),
            person: p.person.as_ref().map(|s| SourcedPersonDto {
                value: (&s.value).into(),
                source: source(s.source),
            }),
            phone_masked: p.phone_masked.as_ref().map(|s| SourcedTextDto {
                value: s.value.clone(),
                source: source(s.source),
            }),
            certificate: p.certificate.as_ref().map(|s| SourcedCertificateDto {
                value: (&s.value).into(),
                source: source(s.source),
            }),
        }
    }
}
