//! From a form back to what is edited: the input that reproduces a saved form, and what of a
//! refused input can be kept.

use super::{DocumentInput, FieldError, Form, FormInput, MemberInput};
use crate::application::member::IdentityDocument;

impl FormInput {
    /// This input without the answers `errors` name, so that what is valid of a refused save can
    /// still be kept: each named answer is emptied, and the identity document goes as a whole
    /// when any of its fields is wrong (a document is kept only complete). Family members are
    /// left as they are: each is saved on its own page, whole or not at all.
    pub fn keeping_valid(&self, errors: &[FieldError]) -> FormInput {
        let mut kept = self.clone();
        for e in errors {
            match e.field.as_str() {
                "region" => kept.region.clear(),
                "country_of_origin" => kept.country_of_origin.clear(),
                "education" => kept.education.clear(),
                "profession" => kept.profession.clear(),
                "address" => kept.address.clear(),
                f if f.starts_with("identity_document.") => {
                    kept.identity_document = DocumentInput::default();
                }
                _ => {}
            }
        }
        kept
    }
}

impl Form {
    /// The input that reproduces this form, for editing it again.
    pub fn to_input(&self) -> FormInput {
        let doc = |d: &IdentityDocument| DocumentInput {
            kind: d.kind.code().into(),
            number: d.number.to_string(),
            issued_by: d.issued_by.to_string(),
            expires_on: d.expires_on.map(|d| d.to_string()).unwrap_or_default(),
        };
        FormInput {
            region: self
                .region
                .as_ref()
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            country_of_origin: self
                .country_of_origin
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            identity_document: self.identity_document.as_ref().map(doc).unwrap_or_default(),
            education: self
                .education
                .map(|e| e.code().to_owned())
                .unwrap_or_default(),
            profession: self
                .profession
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            address: self
                .address
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            consent_via_foreign_mission: self.consent_via_foreign_mission,
            members: self
                .members
                .iter()
                .map(|m| MemberInput {
                    id: m.id.to_string(),
                    kinship: m.kinship.code().into(),
                    surname: m.name.surname.to_string(),
                    given_name: m.name.given.to_string(),
                    patronymic: m
                        .name
                        .patronymic
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    surname_latin: m.name_latin.surname.to_string(),
                    given_name_latin: m.name_latin.given.to_string(),
                    birth_date: m.birth_date.to_string(),
                    citizenship: m.citizenship.to_string(),
                    iin: m.iin.as_ref().map(ToString::to_string).unwrap_or_default(),
                    document: doc(&m.identity_document),
                })
                .collect(),
        }
    }
}
