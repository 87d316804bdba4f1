//! Golden bytes of the stored formats: fixed values are exactly the bytes of
//! `tests/golden/*.jsonl` (one value per line), and those bytes read back as the same values.
//! A failure here means stored data would change: make a new version instead.

use jiff::Timestamp;
use jiff::civil::date;
use kandas_app::ports::store::{JobKind, Purpose};
use kandas_domain::application::custody::{Custody, CustodyLine, CustodyMarks};
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::events::{DecidedAs, EventFacts, EventKind};
use kandas_domain::application::form::{Education, Form};
use kandas_domain::application::member::{DocumentKind, FamilyMember, IdentityDocument, Kinship};
use kandas_domain::application::notice::Notice;
use kandas_domain::application::status::Status;
use kandas_domain::ids::{ApplicationId, MemberId};
use kandas_domain::iin::Iin;
use kandas_domain::office::RegionCode;
use kandas_domain::person::{Country, CyrillicName, FullName, LatinName, Line};
use kandas_domain::phone::PhoneNumber;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::*;

mod fixtures;

pub(super) const MEMBER: &str = "00000000-0000-4000-8000-0000000000b1";
pub(super) const USER: &str = "00000000-0000-4000-8000-0000000000c1";

pub(super) fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

pub(super) fn member() -> MemberId {
    MemberId::parse(MEMBER).unwrap()
}

fn form() -> Form {
    let name = |s: &str, g: &str| FullName {
        surname: CyrillicName::parse(s).unwrap(),
        given: CyrillicName::parse(g).unwrap(),
        patronymic: None,
    };
    Form {
        region: Some(RegionCode::parse("astana").unwrap()),
        country_of_origin: Some(Country::parse("UZB").unwrap()),
        identity_document: Some(IdentityDocument {
            kind: DocumentKind::Passport,
            number: Line::parse("FA1234567").unwrap(),
            issued_by: Line::parse("МВД \"Өзбекстан\"").unwrap(),
            expires_on: Some(date(2030, 1, 31)),
        }),
        education: Some(Education::NoFormal),
        profession: None,
        address: Some(Line::parse("Астана, Мәңгілік Ел 8").unwrap()),
        consent_via_foreign_mission: true,
        members: vec![FamilyMember {
            id: member(),
            kinship: Kinship::Spouse,
            name: name("Серікова", "Әйгерім"),
            name_latin: FullName {
                surname: LatinName::parse("SERIKOVA").unwrap(),
                given: LatinName::parse("Aigerim").unwrap(),
                patronymic: Some(LatinName::parse("Ali").unwrap()),
            },
            birth_date: date(1992, 2, 29),
            citizenship: Country::parse("stateless").unwrap(),
            iin: Some(Iin::parse("931002451325").unwrap()),
            identity_document: IdentityDocument {
                kind: DocumentKind::StatelessCertificate,
                number: Line::parse("S-1").unwrap(),
                issued_by: Line::parse("МВД").unwrap(),
                expires_on: None,
            },
        }],
    }
}

fn custody() -> Custody {
    Custody {
        lines: vec![
            CustodyLine {
                document: DocumentType::IdentityDocument,
                member: None,
                marks: CustodyMarks {
                    original_shown: true,
                    copy_taken: true,
                    translation: true,
                    expired: false,
                    original_returned: true,
                },
            },
            CustodyLine {
                document: DocumentType::NationalityProof,
                member: Some(member()),
                marks: CustodyMarks::default(),
            },
        ],
    }
}

fn jobs() -> Vec<JobKind> {
    vec![
        JobKind::Sms {
            phone: PhoneNumber::parse("+77011234567").unwrap(),
            text: "Код: 123456".into(),
            application: None,
            expires_at: None,
        },
        JobKind::Sms {
            phone: PhoneNumber::parse("+77011234567").unwrap(),
            text: "Код: 654321".into(),
            application: Some(
                ApplicationId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
            ),
            expires_at: Some("2026-11-23T05:05:00Z".parse().unwrap()),
        },
        JobKind::Notify {
            iin: Iin::parse("900101300811").unwrap(),
            application: ApplicationId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
            notice: fixtures::notices().remove(0),
        },
    ]
}

fn purposes() -> Vec<Purpose> {
    vec![
        Purpose::Login,
        Purpose::Register {
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        },
        Purpose::ResetPassword {
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$bmV3".into(),
        },
        Purpose::Sign {
            application: ApplicationId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
            document_sha256: "ab".repeat(32),
        },
    ]
}

fn details() -> Vec<serde_json::Value> {
    vec![
        serde_json::Value::Null,
        json!({ "kind": "assignment", "purpose": "start", "n": 3, "ok": true, "z": null }),
    ]
}

/// Checks that `values` in the format `S` are exactly the lines of `golden`, and that each line
/// reads back as its value.
fn golden<S, D>(values: &[D], golden: &str)
where
    S: Serialize + DeserializeOwned + for<'a> From<&'a D> + TryInto<D>,
    S::Error: Into<kandas_app::error::BoxError>,
    D: PartialEq + std::fmt::Debug,
{
    let lines: Vec<&str> = golden.lines().collect();
    assert_eq!(lines.len(), values.len(), "one golden line per value");
    assert!(golden.ends_with('\n') && !golden.contains('\r'));
    for (value, line) in values.iter().zip(lines) {
        assert_eq!(to_column::<S, D>(value).unwrap(), line);
        assert_eq!(&from_column::<S, D>("test", line).unwrap(), value);
    }
}

/// Checks that the rows written before formats were versioned — the golden lines without their
/// leading `"v":1,` — read as the same values.
fn unversioned<S, D>(values: &[D], golden: &str)
where
    S: DeserializeOwned + TryInto<D>,
    S::Error: Into<kandas_app::error::BoxError>,
    D: PartialEq + std::fmt::Debug,
{
    for (value, line) in values.iter().zip(golden.lines()) {
        let old = line.replacen("{\"v\":1,", "{", 1);
        assert_ne!(old, line);
        assert_eq!(&from_column::<S, D>("test", &old).unwrap(), value, "{old}");
    }
}

const FORM: &str = include_str!("../../tests/golden/form-v1.jsonl");
const CUSTODY: &str = include_str!("../../tests/golden/custody-v1.jsonl");
const STATUS: &str = include_str!("../../tests/golden/status-v1.jsonl");
const NOTICE: &str = include_str!("../../tests/golden/notice-v1.jsonl");
const JOB: &str = include_str!("../../tests/golden/job-v1.jsonl");
const PURPOSE: &str = include_str!("../../tests/golden/purpose-v1.jsonl");
const AUDIT: &str = include_str!("../../tests/golden/audit-details-v1.jsonl");
const EVIDENCE: &str = include_str!("../../tests/golden/evidence-detail-v1.jsonl");
const CALENDAR: &str = include_str!("../../tests/golden/calendar-year-v1.jsonl");
const EVENT: &str = include_str!("../../tests/golden/event-facts-v1.jsonl");

#[test]
fn form_v1_is_exactly_the_golden_bytes() {
    golden::<StoredForm, _>(&[form(), Form::default()], FORM);
    unversioned::<StoredForm, _>(&[form(), Form::default()], FORM);
}

#[test]
fn custody_v1_is_exactly_the_golden_bytes() {
    golden::<StoredCustody, _>(&[custody(), Custody::default()], CUSTODY);
    unversioned::<StoredCustody, _>(&[custody(), Custody::default()], CUSTODY);
}

#[test]
fn status_v1_is_exactly_the_golden_bytes() {
    golden::<StoredStatus, Status>(&fixtures::statuses(), STATUS);
    unversioned::<StoredStatus, Status>(&fixtures::statuses(), STATUS);
}

#[test]
fn notice_v1_is_exactly_the_golden_bytes() {
    golden::<StoredNotice, Notice>(&fixtures::notices(), NOTICE);
    unversioned::<StoredNotice, Notice>(&fixtures::notices(), NOTICE);
}

#[test]
fn job_v1_is_exactly_the_golden_bytes() {
    golden::<StoredJob, JobKind>(&jobs(), JOB);
    unversioned::<StoredJob, JobKind>(&jobs(), JOB);
}

#[test]
fn purpose_v1_is_exactly_the_golden_bytes() {
    golden::<StoredPurpose, Purpose>(&purposes(), PURPOSE);
    unversioned::<StoredPurpose, Purpose>(&purposes(), PURPOSE);
}

#[test]
fn audit_details_v1_are_exactly_the_golden_bytes() {
    golden::<StoredAuditDetails, serde_json::Value>(&details(), AUDIT);
}

#[test]
fn evidence_detail_v1_is_exactly_the_golden_bytes() {
    golden::<StoredEvidenceDetail, serde_json::Value>(&details(), EVIDENCE);
}

fn event_facts() -> Vec<EventFacts> {
    vec![
        EventFacts::default(),
        EventFacts {
            accepted: Some(date(2026, 11, 23)),
            due: Some(date(2026, 12, 1)),
            outcome: Some(DecidedAs::Refused),
            grounds: vec!["not-kazakh-nationality".into(), "was-citizen".into()],
            missing: 0,
        },
        EventFacts {
            accepted: None,
            due: None,
            outcome: None,
            grounds: Vec::new(),
            missing: 2,
        },
    ]
}

#[test]
fn event_facts_v1_are_exactly_the_golden_bytes() {
    golden::<StoredEventFacts, EventFacts>(&event_facts(), EVENT);
    for kind in EventKind::ALL {
        assert_eq!(kind_parse(kind_code(kind)), Some(kind));
    }
    // The stored codes are the store's own, and equal to the domain's today.
    assert_eq!(kind_code(EventKind::RefusedToAccept), "refused_to_accept");
    let unknown = EVENT.lines().nth(1).unwrap().replace("refused", "annulled");
    assert!(from_column::<StoredEventFacts, EventFacts>("facts_json", &unknown).is_err());
}

#[test]
fn bare_details_written_before_read_as_themselves() {
    for value in details() {
        let old = serde_json::to_string(&value).unwrap();
        assert_eq!(
            from_column::<StoredAuditDetails, serde_json::Value>("details_json", &old).unwrap(),
            value
        );
        assert_eq!(
            from_column::<StoredEvidenceDetail, serde_json::Value>("detail_json", &old).unwrap(),
            value
        );
    }
}

#[test]
fn another_version_is_corrupt_naming_the_column() {
    for (column, text) in [
        ("form_json", FORM.lines().next().unwrap()),
        ("status_json", STATUS.lines().next().unwrap()),
        ("details_json", AUDIT.lines().next().unwrap()),
    ] {
        let text = text.replacen("{\"v\":1,", "{\"v\":2,", 1);
        let err = match column {
            "form_json" => from_column::<StoredForm, Form>(column, &text).map(drop),
            "status_json" => from_column::<StoredStatus, Status>(column, &text).map(drop),
            _ => from_column::<StoredAuditDetails, serde_json::Value>(column, &text).map(drop),
        }
        .unwrap_err();
        let StoreError::Corrupt(source) = err else {
            panic!("{err:?}")
        };
        let message = kandas_app::error::Chain(&*source).to_string();
        assert!(
            message.starts_with(column) && message.contains("version 2"),
            "{message}"
        );
    }
}

#[test]
fn a_value_the_domain_refuses_is_corrupt_naming_the_column() {
    let text = FORM
        .lines()
        .next()
        .unwrap()
        .replace("\"UZB\"", "\"Uzbekistan\"");
    let err = from_column::<StoredForm, Form>("form_json", &text).unwrap_err();
    let StoreError::Corrupt(source) = err else {
        panic!("{err:?}")
    };
    let message = kandas_app::error::Chain(&*source).to_string();
    assert!(message.starts_with("form_json"), "{message}");
}

#[test]
fn notices_stored_before_their_items_and_grounds_still_read() {
    let old = r#"{"notice": "rejected_at_intake", "number": "KND-2026-000001", "missing": 2}"#;
    let old = from_column::<StoredNotice, Notice>("notice_json", old).unwrap();
    assert_eq!(old.message_id(), "notice-rejected_at_intake");
    assert!(
        matches!(old, Notice::RejectedAtIntake { missing: 2, ref items, .. } if items.is_empty())
    );
    let old = r#"{"notice": "decided", "number": "KND-2026-000001", "outcome": "refused",
                  "certificate": null}"#;
    assert!(matches!(
        from_column::<StoredNotice, Notice>("notice_json", old).unwrap(),
        Notice::Decided { grounds, .. } if grounds.is_empty()
    ));
}

/// An edited year in the calendar file's format: a day off with its names and act, a
/// confirmed flag, and one from the older shape with a single reason.
fn years() -> Vec<serde_json::Value> {
    vec![
        json!({
            "year": 2027,
            "confirmed": true,
            "days_off": [{ "date": "2027-03-15",
                "names": { "kk": "Конституция күні", "ru": "День Конституции", "en": "Constitution Day" },
                "act": "Конституция РК от 15.03.2026" }],
            "working_days": []
        }),
        json!({ "year": 2025, "days_off": [{ "date": "2025-01-02", "reason": "перенос" }] }),
    ]
}

#[test]
fn calendar_year_v1_is_exactly_the_golden_bytes() {
    golden::<StoredCalendarYear, serde_json::Value>(&years(), CALENDAR);
    for year in years() {
        let old = year.to_string();
        let read = from_column::<StoredCalendarYear, serde_json::Value>("year_json", &old);
        assert_eq!(read.unwrap(), year, "a year stored before reads as itself");
    }
    let future = CALENDAR
        .lines()
        .next()
        .unwrap()
        .replacen("\"v\":1", "\"v\":2", 1);
    assert!(matches!(
        from_column::<StoredCalendarYear, serde_json::Value>("year_json", &future),
        Err(StoreError::Corrupt(_))
    ));
}
