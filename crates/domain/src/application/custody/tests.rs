use super::*;
use crate::application::Form;
use crate::application::document::{Attachment, FileType, RegistryHoldings, checklist};
use crate::application::kind::Kind;
use crate::ids::AttachmentId;

fn scan(document_type: DocumentType) -> Attachment {
    Attachment {
        id: AttachmentId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
        document_type,
        member: None,
        file_name: "scan.pdf".into(),
        file_type: FileType::Pdf,
        size: 10,
        sha256: String::new(),
    }
}

fn shown(document: DocumentType) -> CustodyLine {
    CustodyLine {
        document,
        member: None,
        marks: CustodyMarks {
            original_shown: true,
            copy_taken: true,
            translation: true,
            expired: false,
            original_returned: !original_is_kept(document),
        },
    }
}

fn full_checklist() -> Vec<ChecklistItem> {
    let scans = [
        scan(DocumentType::PersonalHistory),
        scan(DocumentType::IdentityDocument),
        scan(DocumentType::NationalityProof),
    ];
    checklist(
        Kind::Assignment,
        &Form::default(),
        &RegistryHoldings::default(),
        &scans,
    )
}

#[test]
fn a_complete_package_has_no_shortfalls() {
    let custody = Custody {
        lines: vec![
            shown(DocumentType::PersonalHistory),
            shown(DocumentType::IdentityDocument),
            shown(DocumentType::NationalityProof),
        ],
    };
    let items = full_checklist();
    assert!(custody.shortfalls(&items).is_empty());
    assert!(custody.unreturned(&items).is_empty());
    assert!(custody.wrongly_returned().is_empty());
}

#[test]
fn a_missing_translation_is_a_shortfall_of_identity_documents_only() {
    let mut identity = shown(DocumentType::IdentityDocument);
    identity.marks.translation = false;
    let mut history = shown(DocumentType::PersonalHistory);
    history.marks.translation = false;
    let custody = Custody {
        lines: vec![history, identity, shown(DocumentType::NationalityProof)],
    };
    assert_eq!(
        custody.shortfalls(&full_checklist()),
        vec![MissingItem {
            document: DocumentType::IdentityDocument,
            member: None,
            shortfall: Shortfall::NoTranslation,
        }]
    );
}

#[test]
fn an_unshown_document_is_not_presented_and_an_expired_one_says_so() {
    let mut identity = shown(DocumentType::IdentityDocument);
    identity.marks.expired = true;
    let custody = Custody {
        lines: vec![shown(DocumentType::PersonalHistory), identity],
    };
    let shortfalls: Vec<_> = custody
        .shortfalls(&full_checklist())
        .into_iter()
        .map(|m| (m.document, m.shortfall))
        .collect();
    assert_eq!(
        shortfalls,
        vec![
            (DocumentType::IdentityDocument, Shortfall::Expired),
            (DocumentType::NationalityProof, Shortfall::NotPresented),
        ]
    );
}

#[test]
fn a_line_without_a_scan_is_short_of_one() {
    let items = checklist(
        Kind::Assignment,
        &Form::default(),
        &RegistryHoldings::default(),
        &[scan(DocumentType::IdentityDocument)],
    );
    let custody = Custody {
        lines: vec![
            shown(DocumentType::PersonalHistory),
            shown(DocumentType::IdentityDocument),
            shown(DocumentType::NationalityProof),
        ],
    };
    let missing: Vec<_> = custody
        .shortfalls(&items)
        .into_iter()
        .map(|m| (m.document, m.shortfall))
        .collect();
    assert_eq!(
        missing,
        vec![
            (DocumentType::PersonalHistory, Shortfall::NoScan),
            (DocumentType::NationalityProof, Shortfall::NoScan),
        ]
    );
}

#[test]
fn originals_go_back_except_the_personal_history() {
    let mut identity = shown(DocumentType::IdentityDocument);
    identity.marks.original_returned = false;
    let mut history = shown(DocumentType::PersonalHistory);
    history.marks.original_returned = true;
    let custody = Custody {
        lines: vec![history, identity, shown(DocumentType::NationalityProof)],
    };
    assert_eq!(
        custody.unreturned(&full_checklist()),
        vec![(DocumentType::IdentityDocument, None)]
    );
    assert_eq!(
        custody.wrongly_returned(),
        vec![DocumentType::PersonalHistory]
    );
    let refused = custody.all_returned();
    assert!(refused.lines.iter().all(|l| l.marks.original_returned));
}

#[test]
fn registry_documents_never_appear_in_custody() {
    let holdings = RegistryHoldings {
        applicant_identity: true,
        ..RegistryHoldings::default()
    };
    let items = checklist(Kind::Assignment, &Form::default(), &holdings, &[]);
    let custody = Custody {
        lines: vec![shown(DocumentType::IdentityDocument)],
    }
    .fitted_to(&items);
    let documents: Vec<_> = custody.lines.iter().map(|l| l.document).collect();
    assert_eq!(
        documents,
        vec![
            DocumentType::PersonalHistory,
            DocumentType::NationalityProof
        ]
    );
}
