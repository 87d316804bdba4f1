//! The documents an application needs, attachments, and the checklist for one case.
//!
//! Once-only: a document that a state registry already holds is shown as obtained from that
//! registry and never asked for (DOMAIN.md).

use serde::{Deserialize, Serialize};

use super::form::Form;
use super::kind::Kind;
use crate::ids::{AttachmentId, MemberId};
use crate::person::Source;

/// A kind of supporting document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// Personal history (autobiography), in any form.
    PersonalHistory,
    /// Identity document with a notarized translation into Kazakh or Russian.
    IdentityDocument,
    /// Documents proving Kazakh nationality (subclause 3 of clause 2 of the Rules).
    NationalityProof,
    /// The local executive body's decision on consent, obtained through a foreign mission.
    ConsentDecision,
    /// The previously issued kandas certificate (extension).
    PreviousCertificate,
}

impl DocumentType {
    /// Every type.
    pub const ALL: [DocumentType; 5] = [
        DocumentType::PersonalHistory,
        DocumentType::IdentityDocument,
        DocumentType::NationalityProof,
        DocumentType::ConsentDecision,
        DocumentType::PreviousCertificate,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            DocumentType::PersonalHistory => "personal_history",
            DocumentType::IdentityDocument => "identity_document",
            DocumentType::NationalityProof => "nationality_proof",
            DocumentType::ConsentDecision => "consent_decision",
            DocumentType::PreviousCertificate => "previous_certificate",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<DocumentType> {
        DocumentType::ALL.into_iter().find(|d| d.code() == s)
    }
}

/// The file types an attachment may have, recognised by content, never by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileType {
    /// `application/pdf`.
    Pdf,
    /// `image/jpeg`.
    Jpeg,
}

impl FileType {
    /// The media type.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
        }
    }

    /// From a sniffed media type; anything else is not allowed.
    pub fn from_mime(mime: &str) -> Option<FileType> {
        match mime {
            "application/pdf" => Some(FileType::Pdf),
            "image/jpeg" => Some(FileType::Jpeg),
            _ => None,
        }
    }
}

/// A stored attachment of an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// Id.
    pub id: AttachmentId,
    /// What it is.
    pub document_type: DocumentType,
    /// The family member it concerns, if any.
    pub member: Option<MemberId>,
    /// The name the applicant gave the file (shown, never used as a path).
    pub file_name: String,
    /// The type recognised from the content.
    pub file_type: FileType,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

/// What the registries already hold for this applicant and family.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryHoldings {
    /// The applicant's identity data is in the population registry.
    pub applicant_identity: bool,
    /// Members whose identity data is in the population registry (they have an IIN there).
    pub member_identity: Vec<MemberId>,
    /// The register holds the applicant's kandas certificate.
    pub certificate: bool,
    /// The register holds a consent decision issued through a foreign mission.
    pub consent_decision: bool,
}

/// How a checklist item is provided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "source")]
pub enum Provision {
    /// The applicant attaches it.
    Upload,
    /// The service obtains it from a registry; the applicant is not asked.
    Registry(Source),
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// The document.
    pub document: DocumentType,
    /// The family member it concerns (`None`: the applicant).
    pub member: Option<MemberId>,
    /// How it is provided.
    pub provision: Provision,
    /// Whether it is there: obtained, or attached.
    pub satisfied: bool,
}

/// The documents this case needs, marked as obtained, attached or missing.
pub fn checklist(
    kind: Kind,
    form: &Form,
    holdings: &RegistryHoldings,
    attachments: &[Attachment],
) -> Vec<ChecklistItem> {
    let item = |document: DocumentType, member: Option<MemberId>, held: Option<Source>| {
        let provision = held.map_or(Provision::Upload, Provision::Registry);
        let satisfied = held.is_some()
            || attachments
                .iter()
                .any(|a| a.document_type == document && a.member == member);
        ChecklistItem {
            document,
            member,
            provision,
            satisfied,
        }
    };
    let population = |held: bool| held.then_some(Source::PopulationRegistry);
    match kind {
        Kind::Assignment => {
            let mut items = vec![
                item(DocumentType::PersonalHistory, None, None),
                item(
                    DocumentType::IdentityDocument,
                    None,
                    population(holdings.applicant_identity),
                ),
            ];
            items.extend(form.members.iter().map(|m| {
                item(
                    DocumentType::IdentityDocument,
                    Some(m.id.clone()),
                    population(holdings.member_identity.contains(&m.id)),
                )
            }));
            items.push(item(DocumentType::NationalityProof, None, None));
            if form.consent_via_foreign_mission {
                let held = holdings.consent_decision.then_some(Source::KandasRegister);
                items.push(item(DocumentType::ConsentDecision, None, held));
            }
            items
        }
        Kind::Extension => {
            let held = holdings.certificate.then_some(Source::KandasRegister);
            vec![item(DocumentType::PreviousCertificate, None, held)]
        }
    }
}

/// The items that still have to be attached.
pub fn missing(items: &[ChecklistItem]) -> Vec<&ChecklistItem> {
    items.iter().filter(|i| !i.satisfied).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachment(document_type: DocumentType) -> Attachment {
        Attachment {
            id: AttachmentId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
            document_type,
            member: None,
            file_name: "a.pdf".into(),
            file_type: FileType::Pdf,
            size: 10,
            sha256: String::new(),
        }
    }

    #[test]
    fn what_the_registry_holds_is_not_asked_for() {
        let holdings = RegistryHoldings {
            applicant_identity: true,
            ..RegistryHoldings::default()
        };
        let items = checklist(Kind::Assignment, &Form::default(), &holdings, &[]);
        let identity = items
            .iter()
            .find(|i| i.document == DocumentType::IdentityDocument)
            .unwrap();
        assert_eq!(
            identity.provision,
            Provision::Registry(Source::PopulationRegistry)
        );
        assert!(identity.satisfied);
        let missing: Vec<_> = missing(&items).iter().map(|i| i.document).collect();
        assert_eq!(
            missing,
            vec![
                DocumentType::PersonalHistory,
                DocumentType::NationalityProof
            ]
        );
    }

    #[test]
    fn attachments_satisfy_their_lines() {
        let items = checklist(
            Kind::Assignment,
            &Form::default(),
            &RegistryHoldings::default(),
            &[
                attachment(DocumentType::PersonalHistory),
                attachment(DocumentType::NationalityProof),
            ],
        );
        let missing: Vec<_> = missing(&items).iter().map(|i| i.document).collect();
        assert_eq!(missing, vec![DocumentType::IdentityDocument]);
    }

    #[test]
    fn an_extension_with_a_registered_certificate_needs_nothing() {
        let holdings = RegistryHoldings {
            certificate: true,
            ..RegistryHoldings::default()
        };
        let items = checklist(Kind::Extension, &Form::default(), &holdings, &[]);
        assert_eq!(items.len(), 1);
        assert!(missing(&items).is_empty());
        let items = checklist(
            Kind::Extension,
            &Form::default(),
            &RegistryHoldings::default(),
            &[],
        );
        assert_eq!(missing(&items).len(), 1);
    }

    #[test]
    fn the_consent_decision_is_asked_only_when_claimed_and_not_held() {
        let form = Form {
            consent_via_foreign_mission: true,
            ..Form::default()
        };
        let items = checklist(Kind::Assignment, &form, &RegistryHoldings::default(), &[]);
        assert!(
            items
                .iter()
                .any(|i| i.document == DocumentType::ConsentDecision && !i.satisfied)
        );
        let held = RegistryHoldings {
            consent_decision: true,
            ..RegistryHoldings::default()
        };
        let items = checklist(Kind::Assignment, &form, &held, &[]);
        assert!(
            items
                .iter()
                .any(|i| i.document == DocumentType::ConsentDecision && i.satisfied)
        );
    }
}
