//! Golden bytes of the signing document: a fixed document is exactly these bytes, and they read
//! back as the same document. A failure here means signed bytes changed: make a new version.

use jiff::civil::date;
use kandas_domain::application::custody::Custody;
use kandas_domain::application::document::{Attachment, DocumentType, FileType};
use kandas_domain::application::form::{Education, Form};
use kandas_domain::application::member::{DocumentKind, FamilyMember, IdentityDocument, Kinship};
use kandas_domain::application::{Application, Channel, Kind, Status};
use kandas_domain::ids::{ApplicationId, AttachmentId, MemberId};
use kandas_domain::iin::{Iin, Sex};
use kandas_domain::numbers::ApplicationNumber;
use kandas_domain::office::RegionCode;
use kandas_domain::person::{Country, CyrillicName, FullName, LatinName, Line, Person};

use super::*;

const MEMBER: &str = "00000000-0000-4000-8000-0000000000b1";

fn cyrillic(surname: &str, given: &str, patronymic: Option<&str>) -> FullName<CyrillicName> {
    FullName {
        surname: CyrillicName::parse(surname).unwrap(),
        given: CyrillicName::parse(given).unwrap(),
        patronymic: patronymic.map(|p| CyrillicName::parse(p).unwrap()),
    }
}

fn latin(surname: &str, given: &str) -> FullName<LatinName> {
    FullName {
        surname: LatinName::parse(surname).unwrap(),
        given: LatinName::parse(given).unwrap(),
        patronymic: None,
    }
}

fn document(
    kind: DocumentKind,
    number: &str,
    expires: Option<jiff::civil::Date>,
) -> IdentityDocument {
    IdentityDocument {
        kind,
        number: Line::parse(number).unwrap(),
        issued_by: Line::parse("МВД \"Өзбекстан\" \\ Ташкент").unwrap(),
        expires_on: expires,
    }
}

fn application() -> Application {
    let at = "2026-11-23T05:00:00Z".parse().unwrap();
    Application {
        id: ApplicationId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
        number: ApplicationNumber::parse("KND-2026-000001").unwrap(),
        kind: Kind::Assignment,
        channel: Channel::Portal,
        applicant: Iin::parse("900101300811").unwrap(),
        office: None,
        intake_office: None,
        custody: Custody::default(),
        form: Form {
            region: Some(RegionCode::parse("astana").unwrap()),
            country_of_origin: Some(Country::parse("UZB").unwrap()),
            identity_document: Some(document(
                DocumentKind::Passport,
                "FA1234567",
                Some(date(2030, 1, 31)),
            )),
            education: Some(Education::Higher),
            profession: Some(Line::parse("Инженер").unwrap()),
            address: None,
            consent_via_foreign_mission: false,
            members: vec![FamilyMember {
                id: MemberId::parse(MEMBER).unwrap(),
                kinship: Kinship::Child,
                name: cyrillic("Серікова", "Әйгерім", None),
                name_latin: latin("SERIKOVA", "Aigerim"),
                birth_date: date(2015, 6, 1),
                citizenship: Country::parse("UZB").unwrap(),
                iin: None,
                identity_document: document(DocumentKind::BirthCertificate, "I-TN 123", None),
            }],
        },
        status: Status::Draft,
        version: 1,
        created_at: at,
        updated_at: at,
    }
}

fn person() -> Person {
    Person {
        iin: Iin::parse("900101300811").unwrap(),
        name: cyrillic("Серіков", "Нұрлан", Some("Әлиұлы")),
        name_latin: latin("SERIKOV", "Nurlan"),
        birth_date: date(1990, 1, 1),
        sex: Sex::Male,
        citizenship: Country::parse("UZB").unwrap(),
        nationality: "kazakh".into(),
    }
}

fn attachments() -> Vec<Attachment> {
    let file = |n: u8, document_type, member: Option<&str>, name: &str| Attachment {
        id: AttachmentId::parse(&format!("00000000-0000-4000-8000-0000000000a{n}")).unwrap(),
        document_type,
        member: member.map(|m| MemberId::parse(m).unwrap()),
        file_name: name.into(),
        file_type: FileType::Pdf,
        size: 1024,
        sha256: format!("{n}").repeat(64),
    };
    vec![
        file(
            1,
            DocumentType::PersonalHistory,
            None,
            "өмірбаян \"1\"\n\u{1}.pdf",
        ),
        file(
            2,
            DocumentType::IdentityDocument,
            Some(MEMBER),
            "passport.pdf",
        ),
    ]
}

const GOLDEN: &[u8] = include_bytes!("../../../tests/golden/signing-document-v1.json");

#[test]
fn version_1_is_exactly_the_golden_bytes() {
    let doc = SigningDocumentV1::of(&application(), Some(&person()), &attachments());
    let bytes = doc.canonical().unwrap();
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        String::from_utf8(GOLDEN.to_vec()).unwrap()
    );
    assert_eq!(bytes, GOLDEN);
}

#[test]
fn the_golden_bytes_read_back_as_the_same_document() {
    let doc = SigningDocumentV1::of(&application(), Some(&person()), &attachments());
    let read: SigningDocumentV1 = serde_json::from_slice(GOLDEN).unwrap();
    assert_eq!(read, doc);
}

#[test]
fn an_absent_person_and_empty_lists_are_written_not_left_out() {
    let mut app = application();
    app.form = Form::default();
    let bytes = SigningDocumentV1::of(&app, None, &[]).canonical().unwrap();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        "{\"v\":1,\"service\":\"kandas-status\",\"number\":\"KND-2026-000001\",\
         \"kind\":\"assignment\",\"applicant\":\"900101300811\",\"person\":null,\
         \"form\":{\"region\":null,\"country_of_origin\":null,\"identity_document\":null,\
         \"education\":null,\"profession\":null,\"address\":null,\
         \"consent_via_foreign_mission\":false,\"members\":[]},\"attachments\":[]}"
    );
}

#[test]
fn another_version_does_not_read_as_version_1() {
    let text = String::from_utf8(GOLDEN.to_vec())
        .unwrap()
        .replacen("{\"v\":1,", "{\"v\":2,", 1);
    assert!(serde_json::from_str::<SigningDocumentV1>(&text).is_err());
}
