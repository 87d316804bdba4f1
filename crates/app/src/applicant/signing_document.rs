//! The signing document: what a citizen signs (by EDS or by SMS code), as a versioned type of
//! its own, built from the domain, so that renaming a field of the domain changes no byte a
//! signature covers.
//!
//! # Canonical form, version 1
//!
//! The bytes are one JSON object (RFC 8259) in UTF-8, without a byte order mark and without
//! insignificant whitespace (no space, no line break, none at the end). Members appear in
//! exactly the order below, each always present: an absent value is `null`, an empty list `[]`;
//! nothing is left out. Strings are written as they are (non-ASCII characters as UTF-8, not
//! escaped); only `"`, `\` and control characters are escaped: `\"`, `\\`, `\b`, `\f`, `\n`,
//! `\r`, `\t`, and `\u00XX` (lower-case hex) for the other controls below U+0020. The only
//! number is `v`, the integer `1`. Dates are ISO 8601 calendar dates `YYYY-MM-DD`; booleans are
//! `true` / `false`; codes are the domain's stable codes.
//!
//! ```text
//! {"v":1,"service":"kandas-status","number":…,"kind":…,"applicant":…,
//!  "person":null | {"iin","name","name_latin","birth_date","sex","citizenship","nationality"},
//!  "form":{"region","country_of_origin","identity_document","education","profession",
//!          "address","consent_via_foreign_mission","members"},
//!  "attachments":[{"document_type","member","file_name","sha256"},…]}
//! ```
//!
//! where a name is `{"surname","given","patronymic"}`, an identity document
//! `{"kind","number","issued_by","expires_on"}` and a member `{"id","kinship","name",
//! "name_latin","birth_date","citizenship","iin","identity_document"}`. Members and attachments
//! keep the order the application holds them in.
//!
//! Any change of this form — a member added, renamed, moved or written differently — is a new
//! version with a new `v`; the documents already signed are kept as their exact bytes with the
//! signature evidence and are never rebuilt.

use kandas_domain::application::Application;
use kandas_domain::application::document::Attachment;
use kandas_domain::application::form::Form;
use kandas_domain::application::member::{FamilyMember, IdentityDocument};
use kandas_domain::person::{FullName, Person};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::AppError;

/// The version member of version 1: written `1`, and only `1` reads back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Version1;

impl Serialize for Version1 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(1)
    }
}

impl<'de> Deserialize<'de> for Version1 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Version1, D::Error> {
        match u64::deserialize(d)? {
            1 => Ok(Version1),
            n => Err(D::Error::custom(format!(
                "not version 1 of the signing document: {n}"
            ))),
        }
    }
}

/// The name of the service, the second member of every signing document.
pub const SERVICE: &str = "kandas-status";

/// Version 1 of the signing document (see the module's canonical form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningDocumentV1 {
    /// The version, 1.
    pub v: Version1,
    /// Always [`SERVICE`].
    pub service: String,
    /// The application's number.
    pub number: String,
    /// The kind's code.
    pub kind: String,
    /// The applicant's IIN.
    pub applicant: String,
    /// The applicant as the population registry holds them, if it does.
    pub person: Option<PersonV1>,
    /// The form.
    pub form: FormV1,
    /// The attached files.
    pub attachments: Vec<AttachmentV1>,
}

/// The applicant from the population registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonV1 {
    /// IIN.
    pub iin: String,
    /// Name in Cyrillic.
    pub name: NameV1,
    /// Name in Latin letters.
    pub name_latin: NameV1,
    /// Birth date.
    pub birth_date: String,
    /// Sex code.
    pub sex: String,
    /// Citizenship.
    pub citizenship: String,
    /// Nationality as recorded.
    pub nationality: String,
}

/// A full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameV1 {
    /// Family name.
    pub surname: String,
    /// Given name.
    pub given: String,
    /// Patronymic.
    pub patronymic: Option<String>,
}

/// The form as filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormV1 {
    /// Region code.
    pub region: Option<String>,
    /// Country of origin.
    pub country_of_origin: Option<String>,
    /// The applicant's identity document.
    pub identity_document: Option<DocumentV1>,
    /// Education code.
    pub education: Option<String>,
    /// Profession.
    pub profession: Option<String>,
    /// Address in Kazakhstan.
    pub address: Option<String>,
    /// Consent obtained through a foreign mission.
    pub consent_via_foreign_mission: bool,
    /// Family members.
    pub members: Vec<MemberV1>,
}

/// An identity document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentV1 {
    /// Kind code.
    pub kind: String,
    /// Number.
    pub number: String,
    /// Issuer.
    pub issued_by: String,
    /// Expiry date.
    pub expires_on: Option<String>,
}

/// A family member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberV1 {
    /// Id within the application.
    pub id: String,
    /// Kinship code.
    pub kinship: String,
    /// Name in Cyrillic.
    pub name: NameV1,
    /// Name in Latin letters.
    pub name_latin: NameV1,
    /// Birth date.
    pub birth_date: String,
    /// Citizenship.
    pub citizenship: String,
    /// IIN.
    pub iin: Option<String>,
    /// Identity document.
    pub identity_document: DocumentV1,
}

/// An attached file, by its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentV1 {
    /// Document type code.
    pub document_type: String,
    /// The family member's id, if it concerns one.
    pub member: Option<String>,
    /// The file's name as given.
    pub file_name: String,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

impl SigningDocumentV1 {
    /// The document of `application` with the registry's `person` and its `attachments`.
    pub fn of(
        application: &Application,
        person: Option<&Person>,
        attachments: &[Attachment],
    ) -> SigningDocumentV1 {
        SigningDocumentV1 {
            v: Version1,
            service: SERVICE.to_owned(),
            number: application.number.as_str().to_owned(),
            kind: application.kind.code().to_owned(),
            applicant: application.applicant.as_str().to_owned(),
            person: person.map(PersonV1::of),
            form: FormV1::of(&application.form),
            attachments: attachments.iter().map(AttachmentV1::of).collect(),
        }
    }

    /// The canonical bytes.
    pub fn canonical(&self) -> Result<Vec<u8>, AppError> {
        serde_json::to_vec(self).map_err(|e| AppError::Internal(e.to_string()))
    }
}

impl PersonV1 {
    fn of(p: &Person) -> PersonV1 {
        PersonV1 {
            iin: p.iin.as_str().to_owned(),
            name: NameV1::of(&p.name, |n| n.as_str()),
            name_latin: NameV1::of(&p.name_latin, |n| n.as_str()),
            birth_date: p.birth_date.to_string(),
            sex: p.sex.code().to_owned(),
            citizenship: p.citizenship.as_str().to_owned(),
            nationality: p.nationality.clone(),
        }
    }
}

impl NameV1 {
    fn of<N>(n: &FullName<N>, text: impl Fn(&N) -> &str) -> NameV1 {
        NameV1 {
            surname: text(&n.surname).to_owned(),
            given: text(&n.given).to_owned(),
            patronymic: n.patronymic.as_ref().map(|p| text(p).to_owned()),
        }
    }
}

impl FormV1 {
    fn of(f: &Form) -> FormV1 {
        FormV1 {
            region: f.region.as_ref().map(|r| r.as_str().to_owned()),
            country_of_origin: f.country_of_origin.as_ref().map(|c| c.as_str().to_owned()),
            identity_document: f.identity_document.as_ref().map(DocumentV1::of),
            education: f.education.map(|e| e.code().to_owned()),
            profession: f.profession.as_ref().map(|p| p.as_str().to_owned()),
            address: f.address.as_ref().map(|a| a.as_str().to_owned()),
            consent_via_foreign_mission: f.consent_via_foreign_mission,
            members: f.members.iter().map(MemberV1::of).collect(),
        }
    }
}

impl DocumentV1 {
    fn of(d: &IdentityDocument) -> DocumentV1 {
        DocumentV1 {
            kind: d.kind.code().to_owned(),
            number: d.number.as_str().to_owned(),
            issued_by: d.issued_by.as_str().to_owned(),
            expires_on: d.expires_on.map(|e| e.to_string()),
        }
    }
}

impl MemberV1 {
    fn of(m: &FamilyMember) -> MemberV1 {
        MemberV1 {
            id: m.id.as_str().to_owned(),
            kinship: m.kinship.code().to_owned(),
            name: NameV1::of(&m.name, |n| n.as_str()),
            name_latin: NameV1::of(&m.name_latin, |n| n.as_str()),
            birth_date: m.birth_date.to_string(),
            citizenship: m.citizenship.as_str().to_owned(),
            iin: m.iin.as_ref().map(|i| i.as_str().to_owned()),
            identity_document: DocumentV1::of(&m.identity_document),
        }
    }
}

impl AttachmentV1 {
    fn of(a: &Attachment) -> AttachmentV1 {
        AttachmentV1 {
            document_type: a.document_type.code().to_owned(),
            member: a.member.as_ref().map(|m| m.as_str().to_owned()),
            file_name: a.file_name.clone(),
            sha256: a.sha256.clone(),
        }
    }
}

#[cfg(test)]
#[path = "signing_document/tests.rs"]
mod tests;
