//! The JSON shapes of an application's form: as stored (checked values, `null` where not filled
//! in yet) and as a client sends it (raw strings, empty where not filled in; every problem is
//! answered at once in `error.fields`).

use jiff::civil::Date;
use kandas_domain::application::Form;
use kandas_domain::application::form::{DocumentInput, FormInput, MemberInput};
use kandas_domain::application::member::{FamilyMember, IdentityDocument};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::{DocumentKindCode, EducationCode, Id, IinText, KinshipCode};
use super::person_dto::NameDto;

/// An identity document.
#[derive(Serialize, ToSchema)]
pub struct IdentityDocumentDto {
    /// Its kind.
    #[schema(value_type = DocumentKindCode)]
    pub kind: &'static str,
    /// Its number.
    pub number: String,
    /// Who issued it.
    pub issued_by: String,
    /// Valid until, if it expires.
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<Date>,
}

impl From<&IdentityDocument> for IdentityDocumentDto {
    fn from(d: &IdentityDocument) -> Self {
        IdentityDocumentDto {
            kind: d.kind.code(),
            number: d.number.to_string(),
            issued_by: d.issued_by.to_string(),
            expires_on: d.expires_on,
        }
    }
}

/// A family member in the form.
#[derive(Serialize, ToSchema)]
pub struct FamilyMemberDto {
    /// The member's id.
    #[schema(value_type = Id)]
    pub id: String,
    /// Kinship to the applicant.
    #[schema(value_type = KinshipCode)]
    pub kinship: &'static str,
    /// The name in Cyrillic.
    pub name: NameDto,
    /// The name in Latin letters.
    pub name_latin: NameDto,
    /// Birth date.
    #[schema(value_type = String, format = Date)]
    pub birth_date: Date,
    /// Citizenship: an ISO 3166 alpha-3 code or `stateless`.
    pub citizenship: String,
    /// The member's IIN, if they have one.
    #[schema(value_type = Option<IinText>)]
    pub iin: Option<String>,
    /// The member's identity document.
    pub identity_document: IdentityDocumentDto,
}

impl From<&FamilyMember> for FamilyMemberDto {
    fn from(m: &FamilyMember) -> Self {
        FamilyMemberDto {
            id: m.id.to_string(),
            kinship: m.kinship.code(),
            name: (&m.name).into(),
            name_latin: (&m.name_latin).into(),
            birth_date: m.birth_date,
            citizenship: m.citizenship.to_string(),
            iin: m.iin.as_ref().map(ToString::to_string),
            identity_document: (&m.identity_document).into(),
        }
    }
}

/// The form as stored: what the applicant filled in (names, birth date and citizenship come
/// from the registry); `null` where not filled in yet.
#[derive(Serialize, ToSchema)]
pub struct FormDto {
    /// The region of settlement's code: it decides the responsible office.
    pub region: Option<String>,
    /// The country the applicant comes from (ISO 3166 alpha-3 or `stateless`).
    pub country_of_origin: Option<String>,
    /// The applicant's identity document of the country of origin.
    pub identity_document: Option<IdentityDocumentDto>,
    /// Education.
    #[schema(value_type = Option<EducationCode>)]
    pub education: Option<&'static str>,
    /// Profession.
    pub profession: Option<String>,
    /// Address of residence in Kazakhstan.
    pub address: Option<String>,
    /// The consent of a local executive body was obtained through a foreign mission.
    pub consent_via_foreign_mission: bool,
    /// Family members.
    pub members: Vec<FamilyMemberDto>,
}

impl From<&Form> for FormDto {
    fn from(f: &Form) -> Self {
        FormDto {
            region: f.region.as_ref().map(|r| r.as_str().to_owned()),
            country_of_origin: f.country_of_origin.as_ref().map(ToString::to_string),
            identity_document: f.identity_document.as_ref().map(Into::into),
            education: f.education.map(|e| e.code()),
            profession: f.profession.as_ref().map(ToString::to_string),
            address: f.address.as_ref().map(ToString::to_string),
            consent_via_foreign_mission: f.consent_via_foreign_mission,
            members: f.members.iter().map(Into::into).collect(),
        }
    }
}

/// An identity document as typed (every field may be empty in a draft).
#[derive(Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct DocumentInputDto {
    /// `passport`, `birth_certificate`, `stateless_certificate` or `other`.
    pub kind: String,
    /// Its number.
    pub number: String,
    /// Who issued it.
    pub issued_by: String,
    /// Valid until, `YYYY-MM-DD` (empty when it does not expire).
    pub expires_on: String,
}

impl From<DocumentInputDto> for DocumentInput {
    fn from(d: DocumentInputDto) -> Self {
        DocumentInput {
            kind: d.kind,
            number: d.number,
            issued_by: d.issued_by,
            expires_on: d.expires_on,
        }
    }
}

/// A family member as typed.
#[derive(Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct MemberInputDto {
    /// The member's id when editing an existing member; empty for a new one.
    pub id: String,
    /// `spouse`, `child`, `parent`, `sibling` or `grandchild`.
    pub kinship: String,
    /// Surname in Cyrillic.
    pub surname: String,
    /// Given name in Cyrillic.
    pub given_name: String,
    /// Patronymic in Cyrillic, if any.
    pub patronymic: String,
    /// Surname in Latin letters.
    pub surname_latin: String,
    /// Given name in Latin letters.
    pub given_name_latin: String,
    /// Birth date, `YYYY-MM-DD`.
    pub birth_date: String,
    /// Citizenship: ISO 3166 alpha-3 or `stateless`.
    pub citizenship: String,
    /// The member's IIN (12 digits), if any.
    pub iin: String,
    /// The member's identity document.
    pub document: DocumentInputDto,
}

impl From<MemberInputDto> for MemberInput {
    fn from(m: MemberInputDto) -> Self {
        MemberInput {
            id: m.id,
            kinship: m.kinship,
            surname: m.surname,
            given_name: m.given_name,
            patronymic: m.patronymic,
            surname_latin: m.surname_latin,
            given_name_latin: m.given_name_latin,
            birth_date: m.birth_date,
            citizenship: m.citizenship,
            iin: m.iin,
            document: m.document.into(),
        }
    }
}

/// The editable form as a client sends it: raw strings, empty where not filled in yet.
#[derive(Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct FormInputDto {
    /// The region of settlement's code.
    pub region: String,
    /// The country of origin: ISO 3166 alpha-3 or `stateless`.
    pub country_of_origin: String,
    /// The applicant's identity document of the country of origin.
    pub identity_document: DocumentInputDto,
    /// `secondary`, `vocational`, `higher`, `postgraduate` or `no_formal`.
    pub education: String,
    /// Profession.
    pub profession: String,
    /// Address of residence in Kazakhstan.
    pub address: String,
    /// The consent of a local executive body was obtained through a foreign mission.
    pub consent_via_foreign_mission: bool,
    /// Family members, any number.
    pub members: Vec<MemberInputDto>,
}

impl From<FormInputDto> for FormInput {
    fn from(f: FormInputDto) -> Self {
        FormInput {
            region: f.region,
            country_of_origin: f.country_of_origin,
            identity_document: f.identity_document.into(),
            education: f.education,
            profession: f.profession,
            address: f.address,
            consent_via_foreign_mission: f.consent_via_foreign_mission,
            members: f.members.into_iter().map(Into::into).collect(),
        }
    }
}
