//! Family members covered by an application, and identity documents.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::ids::MemberId;
use crate::iin::Iin;
use crate::person::{Country, CyrillicName, FullName, LatinName, Line};

/// How a family member is related to the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kinship {
    /// Husband or wife.
    Spouse,
    /// Son or daughter.
    Child,
    /// Father or mother.
    Parent,
    /// Brother or sister.
    Sibling,
    /// Grandchild.
    Grandchild,
}

impl Kinship {
    /// Every kinship, in the order a form lists them.
    pub const ALL: [Kinship; 5] = [
        Kinship::Spouse,
        Kinship::Child,
        Kinship::Parent,
        Kinship::Sibling,
        Kinship::Grandchild,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Kinship::Spouse => "spouse",
            Kinship::Child => "child",
            Kinship::Parent => "parent",
            Kinship::Sibling => "sibling",
            Kinship::Grandchild => "grandchild",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Kinship> {
        Kinship::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// The kind of identity document of the country of origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A foreign passport.
    Passport,
    /// A birth certificate (children).
    BirthCertificate,
    /// A stateless person's certificate.
    StatelessCertificate,
    /// Another official document of the country of origin.
    Other,
}

impl DocumentKind {
    /// Every kind, in the order a form lists them.
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::Passport,
        DocumentKind::BirthCertificate,
        DocumentKind::StatelessCertificate,
        DocumentKind::Other,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Passport => "passport",
            DocumentKind::BirthCertificate => "birth_certificate",
            DocumentKind::StatelessCertificate => "stateless_certificate",
            DocumentKind::Other => "other",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// An identity document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityDocument {
    /// What it is.
    pub kind: DocumentKind,
    /// Its number.
    pub number: Line,
    /// Who issued it.
    pub issued_by: Line,
    /// When it expires, if it does.
    pub expires_on: Option<Date>,
}

/// One family member of Kazakh nationality who moves with the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyMember {
    /// Stable id within the application (attachments refer to it).
    pub id: MemberId,
    /// Relation to the applicant.
    pub kinship: Kinship,
    /// Name in Cyrillic.
    pub name: FullName<CyrillicName>,
    /// Name in Latin letters, as in the passport.
    pub name_latin: FullName<LatinName>,
    /// Birth date.
    pub birth_date: Date,
    /// Current citizenship.
    pub citizenship: Country,
    /// The member's IIN, if one was issued.
    pub iin: Option<Iin>,
    /// Identity document of the country of origin.
    pub identity_document: IdentityDocument,
}
