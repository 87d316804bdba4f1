//! What the population registry holds next to what the applicant typed: the applicant's
//! record, and for each family member with an IIN the registry's record and the fields where
//! the form says something else (the officer checks them before deciding).

use kandas_domain::application::Application;
use kandas_domain::application::member::FamilyMember;
use kandas_domain::ids::MemberId;
use kandas_domain::person::Person;

use crate::error::AppError;
use crate::service::Service;

/// A field of a family member that the registry also holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Surname in Cyrillic.
    Surname,
    /// Given name in Cyrillic.
    GivenName,
    /// Patronymic in Cyrillic.
    Patronymic,
    /// Surname in Latin letters.
    SurnameLatin,
    /// Given name in Latin letters.
    GivenNameLatin,
    /// Date of birth.
    BirthDate,
    /// Current citizenship.
    Citizenship,
}

impl Field {
    /// The stable code (message ids `case-field-…`).
    pub fn code(self) -> &'static str {
        match self {
            Field::Surname => "surname",
            Field::GivenName => "given_name",
            Field::Patronymic => "patronymic",
            Field::SurnameLatin => "surname_latin",
            Field::GivenNameLatin => "given_name_latin",
            Field::BirthDate => "birth_date",
            Field::Citizenship => "citizenship",
        }
    }
}

/// What the registry says about one family member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberLookup {
    /// The form gives no IIN: nothing to look up.
    NoIin,
    /// The registry has no one with the IIN given.
    NotFound,
    /// The registry's record, and the fields the form gives otherwise (empty: all agree).
    Found {
        /// The record.
        person: Box<Person>,
        /// Where the form differs.
        differences: Vec<Field>,
    },
}

/// One family member's check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberCheck {
    /// Which member.
    pub member: MemberId,
    /// What the registry says.
    pub lookup: MemberLookup,
}

/// The registry next to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryCheck {
    /// The applicant as the registry holds them (names, birth date and citizenship come from
    /// here; the form does not ask for them).
    pub applicant: Option<Person>,
    /// Each family member, in the form's order.
    pub members: Vec<MemberCheck>,
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The fields where `member` as typed differs from the registry's `person` (names compared
/// without regard to letter case).
pub fn differences(member: &FamilyMember, person: &Person) -> Vec<Field> {
    let typed = &member.name;
    let held = &person.name;
    let latin = &member.name_latin;
    let held_latin = &person.name_latin;
    let patronymic = |p: Option<&kandas_domain::person::CyrillicName>| {
        p.map(|n| n.as_str().to_owned()).unwrap_or_default()
    };
    let checks = [
        (
            Field::Surname,
            same_text(typed.surname.as_str(), held.surname.as_str()),
        ),
        (
            Field::GivenName,
            same_text(typed.given.as_str(), held.given.as_str()),
        ),
        (
            Field::Patronymic,
            same_text(
                &patronymic(typed.patronymic.as_ref()),
                &patronymic(held.patronymic.as_ref()),
            ),
        ),
        (
            Field::SurnameLatin,
            same_text(latin.surname.as_str(), held_latin.surname.as_str()),
        ),
        (
            Field::GivenNameLatin,
            same_text(latin.given.as_str(), held_latin.given.as_str()),
        ),
        (Field::BirthDate, member.birth_date == person.birth_date),
        (Field::Citizenship, member.citizenship == person.citizenship),
    ];
    checks
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(field, _)| field)
        .collect()
}

/// Looks the applicant and every family member with an IIN up in the population registry (the
/// caller has authorized and audited the read of the case).
pub async fn registry_check(
    service: &Service,
    application: &Application,
) -> Result<RegistryCheck, AppError> {
    let registry = &service.registry;
    let mut members = Vec::new();
    for member in &application.form.members {
        let lookup = match &member.iin {
            None => MemberLookup::NoIin,
            Some(iin) => match registry.person(iin).await? {
                None => MemberLookup::NotFound,
                Some(person) => MemberLookup::Found {
                    differences: differences(member, &person),
                    person: Box::new(person),
                },
            },
        };
        members.push(MemberCheck {
            member: member.id.clone(),
            lookup,
        });
    }
    Ok(RegistryCheck {
        applicant: registry.person(&application.applicant).await?,
        members,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use kandas_domain::application::member::{DocumentKind, IdentityDocument, Kinship};
    use kandas_domain::iin::{Iin, Sex};
    use kandas_domain::person::{Country, CyrillicName, FullName, LatinName, Line};

    fn cyr(s: &str) -> CyrillicName {
        CyrillicName::parse(s).unwrap()
    }
    fn lat(s: &str) -> LatinName {
        LatinName::parse(s).unwrap()
    }

    fn person() -> Person {
        Person {
            iin: Iin::parse("920305400125").unwrap(),
            name: FullName {
                surname: cyr("Серікбаева"),
                given: cyr("Айгүл"),
                patronymic: Some(cyr("Нұрланқызы")),
            },
            name_latin: FullName {
                surname: lat("SERIKBAYEVA"),
                given: lat("AIGUL"),
                patronymic: None,
            },
            birth_date: jiff::civil::date(1992, 3, 5),
            sex: Sex::Female,
            citizenship: Country::parse("CHN").unwrap(),
            nationality: "kazakh".into(),
        }
    }

    fn member() -> FamilyMember {
        FamilyMember {
            id: MemberId::from_random([7; 16]),
            kinship: Kinship::Spouse,
            name: FullName {
                surname: cyr("серікбаева"),
                given: cyr("Айгүл"),
                patronymic: Some(cyr("Нұрланқызы")),
            },
            name_latin: FullName {
                surname: lat("Serikbayeva"),
                given: lat("AIGUL"),
                patronymic: None,
            },
            birth_date: jiff::civil::date(1992, 3, 5),
            citizenship: Country::parse("CHN").unwrap(),
            iin: Some(Iin::parse("920305400125").unwrap()),
            identity_document: IdentityDocument {
                kind: DocumentKind::Passport,
                number: Line::parse("E1234567").unwrap(),
                issued_by: Line::parse("PRC").unwrap(),
                expires_on: None,
            },
        }
    }

    #[test]
    fn the_same_person_in_another_letter_case_agrees() {
        assert_eq!(differences(&member(), &person()), vec![]);
    }

    #[test]
    fn each_field_typed_otherwise_is_named() {
        let mut m = member();
        m.name.given = cyr("Айгуль");
        m.name.patronymic = None;
        m.birth_date = jiff::civil::date(1992, 5, 3);
        m.citizenship = Country::parse("MNG").unwrap();
        m.name_latin.surname = lat("SERIKBAEVA");
        assert_eq!(
            differences(&m, &person()),
            vec![
                Field::GivenName,
                Field::Patronymic,
                Field::SurnameLatin,
                Field::BirthDate,
                Field::Citizenship
            ]
        );
    }
}
