//! The editable part of an application and how raw input becomes it.
//!
//! A draft may be incomplete: empty fields are `None`. Every non-empty value is checked, and all
//! problems are reported at once with the path of the field (`members[1].birth_date`).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use super::education::Education;
use super::member::{DocumentKind, FamilyMember, IdentityDocument, Kinship};
use crate::codes::{ErrorCode, InputError};
use crate::ids::MemberId;
use crate::iin::Iin;
use crate::office::RegionCode;
use crate::person::{Country, CyrillicName, FullName, LatinName, Line, TextError};

/// What the applicant fills in; names, birth date and citizenship come from the registry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// Region of settlement: decides which local executive body is responsible.
    pub region: Option<RegionCode>,
    /// Country the applicant comes from.
    pub country_of_origin: Option<Country>,
    /// The applicant's identity document of the country of origin.
    pub identity_document: Option<IdentityDocument>,
    /// Education.
    pub education: Option<Education>,
    /// Profession.
    pub profession: Option<Line>,
    /// Address of residence in Kazakhstan.
    pub address: Option<Line>,
    /// Whether the consent of a local executive body was obtained through a foreign mission.
    pub consent_via_foreign_mission: bool,
    /// Family members, any number.
    pub members: Vec<FamilyMember>,
}

/// A problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The path of the field, e.g. `members[0].name.surname`.
    pub field: String,
    /// The message id.
    pub code: ErrorCode,
}

/// Raw input of an identity document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentInput {
    pub kind: String,
    pub number: String,
    pub issued_by: String,
    pub expires_on: String,
}

/// Raw input of one family member.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberInput {
    /// The member's id when editing an existing member; empty for a new one.
    pub id: String,
    pub kinship: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub surname_latin: String,
    pub given_name_latin: String,
    pub birth_date: String,
    pub citizenship: String,
    pub iin: String,
    pub document: DocumentInput,
}

/// Raw input of the whole editable form, as a page or the API sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormInput {
    pub region: String,
    pub country_of_origin: String,
    pub identity_document: DocumentInput,
    pub education: String,
    pub profession: String,
    pub address: String,
    pub consent_via_foreign_mission: bool,
    pub members: Vec<MemberInput>,
}

struct Check(Vec<FieldError>);

impl Check {
    fn fail(&mut self, field: impl Into<String>, code: impl Into<ErrorCode>) {
        self.0.push(FieldError {
            field: field.into(),
            code: code.into(),
        });
    }

    /// `None` for empty input, the parsed value, or `None` with an error recorded.
    fn optional<T>(
        &mut self,
        field: &str,
        raw: &str,
        parse: impl Fn(&str) -> Result<T, ErrorCode>,
    ) -> Option<T> {
        if raw.trim().is_empty() {
            return None;
        }
        parse(raw.trim())
            .map_err(|code| self.fail(field, code))
            .ok()
    }

    fn required<T>(
        &mut self,
        field: &str,
        raw: &str,
        parse: impl Fn(&str) -> Result<T, ErrorCode>,
    ) -> Option<T> {
        if raw.trim().is_empty() {
            self.fail(field, TextError::Required);
            return None;
        }
        self.optional(field, raw, parse)
    }
}

fn date(s: &str) -> Result<Date, ErrorCode> {
    s.parse::<Date>().map_err(|_| InputError::Date.into())
}

/// The oldest a living person is taken to be: a date of birth further back is a typing mistake.
pub const OLDEST_AGE_YEARS: i16 = 130;

/// A date of birth: a date, not after `today` and not more than [`OLDEST_AGE_YEARS`] before it.
fn birth_date(today: Date) -> impl Fn(&str) -> Result<Date, ErrorCode> {
    move |s| {
        let d = date(s)?;
        if d > today {
            return Err(InputError::BirthFuture.into());
        }
        if d.year() < today.year() - OLDEST_AGE_YEARS {
            return Err(InputError::BirthTooEarly.into());
        }
        Ok(d)
    }
}

fn text<T>(parse: fn(&str) -> Result<T, TextError>) -> impl Fn(&str) -> Result<T, ErrorCode> {
    move |s| parse(s).map_err(ErrorCode::from)
}

fn code_of<T>(parse: fn(&str) -> Option<T>) -> impl Fn(&str) -> Result<T, ErrorCode> {
    move |s| parse(s).ok_or(InputError::Choice.into())
}

fn document(c: &mut Check, at: &str, d: &DocumentInput) -> Option<IdentityDocument> {
    let kind = c.required(&format!("{at}.kind"), &d.kind, code_of(DocumentKind::parse));
    let number = c.required(&format!("{at}.number"), &d.number, text(Line::parse));
    let issued_by = c.required(&format!("{at}.issued_by"), &d.issued_by, text(Line::parse));
    let expires_on = c.optional(&format!("{at}.expires_on"), &d.expires_on, date);
    Some(IdentityDocument {
        kind: kind?,
        number: number?,
        issued_by: issued_by?,
        expires_on,
    })
}

fn member(
    c: &mut Check,
    at: &str,
    m: &MemberInput,
    today: Date,
    new_id: &mut dyn FnMut() -> MemberId,
) -> Option<FamilyMember> {
    let id = if m.id.trim().is_empty() {
        Some(new_id())
    } else {
        c.required(&format!("{at}.id"), &m.id, |s| {
            MemberId::parse(s).map_err(|_| InputError::Choice.into())
        })
    };
    let kinship = c.required(
        &format!("{at}.kinship"),
        &m.kinship,
        code_of(Kinship::parse),
    );
    let surname = c.required(
        &format!("{at}.surname"),
        &m.surname,
        text(CyrillicName::parse),
    );
    let given = c.required(
        &format!("{at}.given_name"),
        &m.given_name,
        text(CyrillicName::parse),
    );
    let patronymic = c.optional(
        &format!("{at}.patronymic"),
        &m.patronymic,
        text(CyrillicName::parse),
    );
    let surname_latin = c.required(
        &format!("{at}.surname_latin"),
        &m.surname_latin,
        text(LatinName::parse),
    );
    let given_latin = c.required(
        &format!("{at}.given_name_latin"),
        &m.given_name_latin,
        text(LatinName::parse),
    );
    let birth_date = c.required(
        &format!("{at}.birth_date"),
        &m.birth_date,
        birth_date(today),
    );
    let citizenship = c.required(
        &format!("{at}.citizenship"),
        &m.citizenship,
        text(Country::parse),
    );
    let iin = c.optional(&format!("{at}.iin"), &m.iin, |s| {
        Iin::parse(s).map_err(ErrorCode::from)
    });
    let identity_document = document(c, &format!("{at}.document"), &m.document);
    Some(FamilyMember {
        id: id?,
        kinship: kinship?,
        name: FullName {
            surname: surname?,
            given: given?,
            patronymic,
        },
        name_latin: FullName {
            surname: surname_latin?,
            given: given_latin?,
            patronymic: None,
        },
        birth_date: birth_date?,
        citizenship: citizenship?,
        iin,
        identity_document: identity_document?,
    })
}

fn document_is_empty(d: &DocumentInput) -> bool {
    [&d.kind, &d.number, &d.issued_by, &d.expires_on]
        .iter()
        .all(|s| s.trim().is_empty())
}

impl FormInput {
    /// Checks every field; `today` (in Kazakhstan) bounds the dates of birth, `new_id` names
    /// members that have no id yet.
    pub fn parse(
        &self,
        today: Date,
        new_id: &mut dyn FnMut() -> MemberId,
    ) -> Result<Form, Vec<FieldError>> {
        let mut c = Check(Vec::new());
        let region = c.optional("region", &self.region, |s| {
            RegionCode::parse(s).map_err(|_| InputError::Choice.into())
        });
        let country_of_origin = c.optional(
            "country_of_origin",
            &self.country_of_origin,
            text(Country::parse),
        );
        if country_of_origin
            .as_ref()
            .is_some_and(Country::is_kazakhstan)
        {
            c.fail("country_of_origin", InputError::OriginKazakhstan);
        }
        let identity_document = if document_is_empty(&self.identity_document) {
            None
        } else {
            document(&mut c, "identity_document", &self.identity_document)
        };
        let education = c.optional("education", &self.education, code_of(Education::parse));
        let profession = c.optional("profession", &self.profession, text(Line::parse));
        let address = c.optional("address", &self.address, text(Line::parse));
        let members: Vec<Option<FamilyMember>> = self
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| member(&mut c, &format!("members[{i}]"), m, today, new_id))
            .collect();
        if !c.0.is_empty() {
            return Err(c.0);
        }
        Ok(Form {
            region,
            country_of_origin,
            identity_document,
            education,
            profession,
            address,
            consent_via_foreign_mission: self.consent_via_foreign_mission,
            members: members.into_iter().flatten().collect(),
        })
    }
}

impl Form {
    /// What is still missing before the form can be signed (empty when complete).
    pub fn missing_for_signing(&self) -> Vec<FieldError> {
        let mut c = Check(Vec::new());
        if self.region.is_none() {
            c.fail("region", TextError::Required);
        }
        if self.country_of_origin.is_none() {
            c.fail("country_of_origin", TextError::Required);
        }
        if self.education.is_none() {
            c.fail("education", TextError::Required);
        }
        if self.address.is_none() {
            c.fail("address", TextError::Required);
        }
        c.0
    }
}

mod editing;
#[cfg(test)]
mod tests;
