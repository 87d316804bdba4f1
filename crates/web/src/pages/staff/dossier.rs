//! The people of a case as the officer and the head check them: the applicant's registry record
//! and identity document, each family member with their data, the registry's record next to
//! what was typed (each difference marked in words), and every file with a link that opens it.

use std::collections::HashMap;

use kandas_app::applicant::view::ApplicationView;
use kandas_app::staff::registry_check::{Field, MemberLookup, RegistryCheck};
use kandas_domain::application::Application;
use kandas_domain::application::document::{Attachment, FileType};
use kandas_domain::application::member::{FamilyMember, IdentityDocument};
use kandas_domain::ids::MemberId;
use kandas_domain::person::Person;

use super::country_name;
use crate::pages::layout::Texts;

/// One file of the case.
pub struct FileLine {
    /// The attachment's id (its address).
    pub id: String,
    /// What document it is.
    pub title: String,
    /// The file's name.
    pub name: String,
    /// `PDF` or `JPEG`.
    pub kind: &'static str,
    /// Its media type, for the link's `type`.
    pub mime: &'static str,
    /// Its size, written out.
    pub size: String,
    /// Its SHA-256.
    pub sha256: String,
    /// When the file was disposed of after retention (it cannot be opened then).
    pub disposed: Option<String>,
}

/// One field typed in the form next to the registry's value.
pub struct CompareLine {
    /// The field.
    pub label: String,
    /// As typed.
    pub typed: String,
    /// As the registry holds it.
    pub registry: String,
    /// They differ.
    pub differs: bool,
}

/// One family member.
pub struct MemberCard {
    /// Position from 1, for the anchor.
    pub n: usize,
    /// The name in Cyrillic.
    pub name: String,
    /// Relationship.
    pub kinship: String,
    /// Their data as typed: label, value.
    pub facts: Vec<(String, String)>,
    /// `no-iin`, `not-found`, `agrees` or `differs`.
    pub registry: &'static str,
    /// The registry's record next to the form (empty unless found).
    pub compare: Vec<CompareLine>,
    /// Their files.
    pub files: Vec<FileLine>,
}

/// The applicant.
pub struct ApplicantCard {
    /// The registry's record: label, value (empty when the registry has none).
    pub registry: Vec<(String, String)>,
    /// The identity document as typed: label, value (empty when none was given).
    pub document: Vec<(String, String)>,
    /// The applicant's own files (not a family member's).
    pub files: Vec<FileLine>,
}

fn size(t: Texts, bytes: u64) -> String {
    let kib = bytes.div_ceil(1024).max(1);
    t.arg("case-file-size", "number", &kib.to_string())
}

fn file_line(t: Texts, v: &ApplicationView, a: &Attachment) -> FileLine {
    let disposed = v
        .disposed
        .iter()
        .find(|d| d.attachment == a.id)
        .map(|d| t.when(&d.at));
    FileLine {
        id: a.id.to_string(),
        title: t.pre("doc-", a.document_type.code()),
        name: a.file_name.clone(),
        kind: match a.file_type {
            FileType::Pdf => "PDF",
            FileType::Jpeg => "JPEG",
        },
        mime: a.file_type.mime(),
        size: size(t, a.size),
        sha256: a.sha256.clone(),
        disposed,
    }
}

fn files_of(t: Texts, v: &ApplicationView, member: Option<&MemberId>) -> Vec<FileLine> {
    v.attachments
        .iter()
        .filter(|a| a.member.as_ref() == member)
        .map(|a| file_line(t, v, a))
        .collect()
}

fn document_facts(t: Texts, d: &IdentityDocument) -> Vec<(String, String)> {
    let mut facts = vec![
        (
            t.get("case-document-kind"),
            t.pre("dockind-", d.kind.code()),
        ),
        (t.get("case-document-number"), d.number.to_string()),
        (t.get("case-document-issued-by"), d.issued_by.to_string()),
    ];
    if let Some(until) = &d.expires_on {
        facts.push((t.get("case-document-valid-until"), t.date(until)));
    }
    facts
}

fn person_facts(t: Texts, p: &Person) -> Vec<(String, String)> {
    vec![
        (t.get("case-field-name"), p.name.display()),
        (t.get("case-field-name-latin"), p.name_latin.display()),
        (t.get("case-field-birth-date"), t.date(&p.birth_date)),
        (t.get("case-field-sex"), t.pre("case-sex-", p.sex.code())),
        (
            t.get("case-field-citizenship"),
            country_name(t, p.citizenship.as_str()),
        ),
    ]
}

/// The applicant's card.
pub fn applicant(t: Texts, v: &ApplicationView, check: &RegistryCheck) -> ApplicantCard {
    ApplicantCard {
        registry: check
            .applicant
            .as_ref()
            .map(|p| person_facts(t, p))
            .unwrap_or_default(),
        document: v
            .application
            .form
            .identity_document
            .as_ref()
            .map(|d| document_facts(t, d))
            .unwrap_or_default(),
        files: files_of(t, v, None),
    }
}

fn compare(t: Texts, m: &FamilyMember, p: &Person, differences: &[Field]) -> Vec<CompareLine> {
    let patronymic = |n: Option<&kandas_domain::person::CyrillicName>| {
        n.map_or_else(|| "—".to_owned(), |n| n.as_str().to_owned())
    };
    let rows = [
        (
            Field::Surname,
            m.name.surname.to_string(),
            p.name.surname.to_string(),
        ),
        (
            Field::GivenName,
            m.name.given.to_string(),
            p.name.given.to_string(),
        ),
        (
            Field::Patronymic,
            patronymic(m.name.patronymic.as_ref()),
            patronymic(p.name.patronymic.as_ref()),
        ),
        (
            Field::SurnameLatin,
            m.name_latin.surname.to_string(),
            p.name_latin.surname.to_string(),
        ),
        (
            Field::GivenNameLatin,
            m.name_latin.given.to_string(),
            p.name_latin.given.to_string(),
        ),
        (
            Field::BirthDate,
            t.date(&m.birth_date),
            t.date(&p.birth_date),
        ),
        (
            Field::Citizenship,
            country_name(t, m.citizenship.as_str()),
            country_name(t, p.citizenship.as_str()),
        ),
    ];
    rows.into_iter()
        .map(|(field, typed, registry)| CompareLine {
            label: t.pre("case-field-", field.code()),
            typed,
            registry,
            differs: differences.contains(&field),
        })
        .collect()
}

fn member_card(
    t: Texts,
    v: &ApplicationView,
    n: usize,
    m: &FamilyMember,
    lookup: Option<&MemberLookup>,
) -> MemberCard {
    let mut facts = vec![
        (t.get("case-field-name-latin"), m.name_latin.display()),
        (t.get("case-field-birth-date"), t.date(&m.birth_date)),
        (
            t.get("case-field-citizenship"),
            country_name(t, m.citizenship.as_str()),
        ),
        (
            t.get("case-field-iin"),
            m.iin
                .as_ref()
                .map_or_else(|| t.get("case-iin-none"), |i| i.as_str().to_owned()),
        ),
    ];
    facts.extend(document_facts(t, &m.identity_document));
    let (registry, compare) = match lookup {
        Some(MemberLookup::Found {
            person,
            differences,
        }) => {
            let word = if differences.is_empty() {
                "agrees"
            } else {
                "differs"
            };
            (word, compare(t, m, person, differences))
        }
        Some(MemberLookup::NotFound) => ("not-found", Vec::new()),
        Some(MemberLookup::NoIin) | None => ("no-iin", Vec::new()),
    };
    MemberCard {
        n,
        name: m.name.display(),
        kinship: t.pre("kinship-", m.kinship.code()),
        facts,
        registry,
        compare,
        files: files_of(t, v, Some(&m.id)),
    }
}

/// Each family member's card, in the form's order.
pub fn members(t: Texts, v: &ApplicationView, check: &RegistryCheck) -> Vec<MemberCard> {
    let lookups: HashMap<&MemberId, &MemberLookup> = check
        .members
        .iter()
        .map(|c| (&c.member, &c.lookup))
        .collect();
    let a: &Application = &v.application;
    a.form
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| member_card(t, v, i + 1, m, lookups.get(&m.id).copied()))
        .collect()
}
