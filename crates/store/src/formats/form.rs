//! `applications.form_json`: the form as the applicant filled it in, version 1.

use jiff::civil::Date;
use kandas_domain::application::Form;
use kandas_domain::application::member::{FamilyMember, IdentityDocument};
use kandas_domain::ids::MemberId;
use kandas_domain::iin::Iin;
use kandas_domain::office::RegionCode;
use kandas_domain::person::{Country, CyrillicName, FullName, LatinName, Line};
use serde::{Deserialize, Serialize};

use super::Versioned;
use super::codes::{StoredDocumentKind, StoredEducation, StoredKinship};

/// The stored form.
pub(crate) type StoredForm = Versioned<FormV1>;

/// Version 1 of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FormV1 {
    #[serde(rename = "region")]
    region: Option<RegionCode>,
    #[serde(rename = "country_of_origin")]
    country_of_origin: Option<Country>,
    #[serde(rename = "identity_document")]
    identity_document: Option<DocumentV1>,
    #[serde(rename = "education")]
    education: Option<StoredEducation>,
    #[serde(rename = "profession")]
    profession: Option<Line>,
    #[serde(rename = "address")]
    address: Option<Line>,
    #[serde(rename = "consent_via_foreign_mission", default)]
    consent_via_foreign_mission: bool,
    #[serde(rename = "members", default)]
    members: Vec<MemberV1>,
}

/// An identity document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DocumentV1 {
    #[serde(rename = "kind")]
    kind: StoredDocumentKind,
    #[serde(rename = "number")]
    number: Line,
    #[serde(rename = "issued_by")]
    issued_by: Line,
    #[serde(rename = "expires_on")]
    expires_on: Option<Date>,
}

/// A full name in one script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct NameV1<N> {
    #[serde(rename = "surname")]
    surname: N,
    #[serde(rename = "given")]
    given: N,
    #[serde(rename = "patronymic")]
    patronymic: Option<N>,
}

/// A family member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct MemberV1 {
    #[serde(rename = "id")]
    id: MemberId,
    #[serde(rename = "kinship")]
    kinship: StoredKinship,
    #[serde(rename = "name")]
    name: NameV1<CyrillicName>,
    #[serde(rename = "name_latin")]
    name_latin: NameV1<LatinName>,
    #[serde(rename = "birth_date")]
    birth_date: Date,
    #[serde(rename = "citizenship")]
    citizenship: Country,
    #[serde(rename = "iin")]
    iin: Option<Iin>,
    #[serde(rename = "identity_document")]
    identity_document: DocumentV1,
}

impl<N: Clone> From<&FullName<N>> for NameV1<N> {
    fn from(n: &FullName<N>) -> Self {
        NameV1 {
            surname: n.surname.clone(),
            given: n.given.clone(),
            patronymic: n.patronymic.clone(),
        }
    }
}

impl<N> From<NameV1<N>> for FullName<N> {
    fn from(n: NameV1<N>) -> Self {
        FullName {
            surname: n.surname,
            given: n.given,
            patronymic: n.patronymic,
        }
    }
}

impl From<&IdentityDocument> for DocumentV1 {
    fn from(d: &IdentityDocument) -> Self {
        DocumentV1 {
            kind: d.kind.into(),
            number: d.number.clone(),
            issued_by: d.issued_by.clone(),
            expires_on: d.expires_on,
        }
    }
}

impl From<DocumentV1> for IdentityDocument {
    fn from(d: DocumentV1) -> Self {
        IdentityDocument {
            kind: d.kind.into(),
            number: d.number,
            issued_by: d.issued_by,
            expires_on: d.expires_on,
        }
    }
}

impl From<&FamilyMember> for MemberV1 {
    fn from(m: &FamilyMember) -> Self {
        MemberV1 {
            id: m.id.clone(),
            kinship: m.kinship.into(),
            name: (&m.name).into(),
            name_latin: (&m.name_latin).into(),
            birth_date: m.birth_date,
            citizenship: m.citizenship.clone(),
            iin: m.iin.clone(),
            identity_document: (&m.identity_document).into(),
        }
    }
}

impl From<MemberV1> for FamilyMember {
    fn from(m: MemberV1) -> Self {
        FamilyMember {
            id: m.id,
            kinship: m.kinship.into(),
            name: m.name.into(),
            name_latin: m.name_latin.into(),
            birth_date: m.birth_date,
            citizenship: m.citizenship,
            iin: m.iin,
            identity_document: m.identity_document.into(),
        }
    }
}

impl From<&Form> for StoredForm {
    fn from(f: &Form) -> Self {
        Versioned::new(FormV1 {
            region: f.region.clone(),
            country_of_origin: f.country_of_origin.clone(),
            identity_document: f.identity_document.as_ref().map(Into::into),
            education: f.education.map(Into::into),
            profession: f.profession.clone(),
            address: f.address.clone(),
            consent_via_foreign_mission: f.consent_via_foreign_mission,
            members: f.members.iter().map(Into::into).collect(),
        })
    }
}

impl From<StoredForm> for Form {
    fn from(stored: StoredForm) -> Self {
        let f = stored.into_body();
        Form {
            region: f.region,
            country_of_origin: f.country_of_origin,
            identity_document: f.identity_document.map(Into::into),
            education: f.education.map(Into::into),
            profession: f.profession,
            address: f.address,
            consent_via_foreign_mission: f.consent_via_foreign_mission,
            members: f.members.into_iter().map(Into::into).collect(),
        }
    }
}
