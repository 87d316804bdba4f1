//! Fixed statuses and notices, one of each variant, for the golden bytes.

use jiff::civil::date;
use kandas_domain::application::Kind;
use kandas_domain::application::custody::{MissingItem, Shortfall};
use kandas_domain::application::document::DocumentType;
use kandas_domain::application::member::Kinship;
use kandas_domain::application::notice::{DecidedRefusal, MissingNotice, Notice, NoticeRefusal};
use kandas_domain::application::review::{
    Check, Commission, Hearing, HearingOutcome, HearingRecord, PersonRecommendation,
    PlannedRefusal, Recommendation, Reschedule, RescheduleRequest, Review, VideoRecord,
};
use kandas_domain::application::status::{
    Decision, MemberRefusal, Outcome, Registration, SignatureMethod, Status,
};
use kandas_domain::deadline::{Deadline, Suspension};
use kandas_domain::grounds::Ground;
use kandas_domain::ids::UserId;
use kandas_domain::numbers::CertificateNumber;

use super::{USER, member, t};

fn user() -> UserId {
    UserId::parse(USER).unwrap()
}

fn check(at: &str) -> Check {
    Check {
        at: t(at),
        by: user(),
    }
}

fn ground() -> Ground {
    Ground {
        code: "not-kazakh".into(),
        kinds: vec![Kind::Assignment, Kind::Extension],
        legal_basis: "п. 5 Правил".into(),
    }
}

fn registration(suspended: bool) -> Registration {
    Registration {
        registered_at: t("2026-11-23T05:00:00Z"),
        deadline: Deadline {
            accepted: date(2026, 11, 23),
            due: date(2026, 12, 21),
            rule_set: "2025-10".into(),
            suspension: suspended.then_some(Suspension {
                from: date(2026, 12, 1),
                to: date(2026, 12, 3),
                working_days: 2,
                original_due: date(2026, 12, 17),
            }),
        },
        signed_by: SignatureMethod::Eds,
        document_sha256: "cd".repeat(32),
    }
}

fn hearing(record: Option<HearingOutcome>) -> Hearing {
    Hearing {
        at: t("2026-12-03T06:00:00Z"),
        place: "https://meet.example/kandas".into(),
        online: true,
        scheduled: check("2026-12-01T04:00:00Z"),
        planned: vec![
            PlannedRefusal {
                member: Some(member()),
                grounds: vec![ground()],
            },
            PlannedRefusal {
                member: None,
                grounds: Vec::new(),
            },
        ],
        reschedules: vec![Reschedule {
            asked_at: t("2026-12-02T04:00:00Z"),
            reason: "болезнь".into(),
            previous: t("2026-12-02T06:00:00Z"),
        }],
        requests: vec![RescheduleRequest {
            asked_at: t("2026-12-01T09:00:00.5Z"),
            reason: "в пути".into(),
        }],
        record: record.map(|outcome| HearingRecord {
            held_at: t("2026-12-03T06:30:00Z"),
            recorded_by: user(),
            outcome,
        }),
    }
}

fn review(record: Option<HearingOutcome>) -> Review {
    Review {
        completeness: Some(check("2026-11-24T04:00:00Z")),
        commission: Some(Commission {
            sat_at: t("2026-11-27T05:00:00Z"),
            recorded_by: user(),
            protocol_number: "П-17".into(),
            members: vec!["Ахметов А.".into(), "Иванова И.".into()],
            recommendations: vec![
                PersonRecommendation {
                    member: None,
                    recommendation: Recommendation::Assign,
                    reason: String::new(),
                },
                PersonRecommendation {
                    member: Some(member()),
                    recommendation: Recommendation::Refuse,
                    reason: "нет документов".into(),
                },
            ],
            video: VideoRecord {
                reference: "archive://2026/17".into(),
                sha256: "ef".repeat(32),
            },
        }),
        hearing: Some(hearing(record)),
        proposal: None,
    }
}

fn assigned() -> Decision {
    Decision {
        decided_at: t("2026-12-10T05:00:00Z"),
        decided_by: user(),
        outcome: Outcome::Assigned {
            certificate: CertificateNumber::parse("KC-2026-000007").unwrap(),
            valid_until: date(2027, 12, 10),
            members: Vec::new(),
            refused_members: vec![MemberRefusal {
                member: member(),
                grounds: vec![ground()],
                comment: "не подтверждено".into(),
            }],
        },
        signed_off: Some(check("2026-12-11T05:00:00Z")),
    }
}

/// One status of each variant, and the variants' optional parts both present and absent.
pub(super) fn statuses() -> Vec<Status> {
    let mut proposed = review(Some(HearingOutcome::Held {
        statement: "возражаю \"полностью\"".into(),
    }));
    proposed.proposal = Some(assigned());
    vec![
        Status::Draft,
        Status::Registered(registration(false)),
        Status::InReview {
            registration: registration(true),
            review: review(None),
        },
        Status::InReview {
            registration: registration(true),
            review: proposed,
        },
        Status::Decided {
            registration: registration(true),
            decision: assigned(),
            review: review(Some(HearingOutcome::NoShow)),
        },
        Status::Decided {
            registration: registration(false),
            decision: Decision {
                decided_at: t("2026-12-10T05:00:00Z"),
                decided_by: user(),
                outcome: Outcome::Refused {
                    grounds: vec![ground()],
                    comment: "отказ".into(),
                },
                signed_off: None,
            },
            review: Review::default(),
        },
        Status::Decided {
            registration: registration(false),
            decision: Decision {
                decided_at: t("2026-12-10T05:00:00Z"),
                decided_by: user(),
                outcome: Outcome::Extended {
                    valid_until: date(2027, 6, 10),
                },
                signed_off: None,
            },
            review: Review::default(),
        },
        Status::RejectedAtIntake {
            at: t("2026-11-23T06:00:00Z"),
            by: user(),
            missing: vec![
                MissingItem {
                    document: DocumentType::PersonalHistory,
                    member: None,
                    shortfall: Shortfall::NotPresented,
                },
                MissingItem {
                    document: DocumentType::IdentityDocument,
                    member: Some(member()),
                    shortfall: Shortfall::NoTranslation,
                },
            ],
            registration: None,
        },
        Status::RejectedAtIntake {
            at: t("2026-11-24T06:00:00Z"),
            by: user(),
            missing: vec![MissingItem {
                document: DocumentType::ConsentDecision,
                member: None,
                shortfall: Shortfall::NoScan,
            }],
            registration: Some(registration(false)),
        },
        Status::Withdrawn {
            at: t("2026-11-25T06:00:00Z"),
            registration: None,
        },
        Status::Withdrawn {
            at: t("2026-11-25T06:00:00Z"),
            registration: Some(registration(false)),
        },
    ]
}

/// One notice of each variant, and the variants' optional parts both present and absent.
pub(super) fn notices() -> Vec<Notice> {
    let number = || "KND-2026-000001".to_owned();
    vec![
        Notice::Registered {
            number: number(),
            due: date(2026, 12, 21),
        },
        Notice::RejectedAtIntake {
            number: number(),
            missing: 2,
            items: vec![
                MissingNotice {
                    document: DocumentType::IdentityDocument,
                    member: Some("Серікова Әйгерім".into()),
                    shortfall: Shortfall::Expired,
                },
                MissingNotice {
                    document: DocumentType::PreviousCertificate,
                    member: None,
                    shortfall: Shortfall::NoCopy,
                },
            ],
            registered_on: Some(date(2026, 11, 23)),
        },
        Notice::RejectedAtIntake {
            number: number(),
            missing: 1,
            items: Vec::new(),
            registered_on: None,
        },
        Notice::ResultIssued { number: number() },
        Notice::Withdrawn { number: number() },
        Notice::Accepted { number: number() },
        Notice::HearingScheduled {
            number: number(),
            at: t("2026-12-03T06:00:00Z"),
            place: "Астана, каб. 5".into(),
            online: false,
            refusals: vec![
                NoticeRefusal {
                    member: None,
                    grounds: vec!["not-kazakh".into()],
                },
                NoticeRefusal {
                    member: Some("Серікова Әйгерім".into()),
                    grounds: Vec::new(),
                },
            ],
            due: Some(date(2026, 12, 23)),
        },
        Notice::HearingScheduled {
            number: number(),
            at: t("2026-12-03T06:00:00Z"),
            place: "https://meet.example/kandas".into(),
            online: true,
            refusals: Vec::new(),
            due: None,
        },
        Notice::DeadlineWarning {
            number: number(),
            due: date(2026, 12, 21),
        },
        Notice::ExpiryReminder {
            certificate: "KC-2026-000007".into(),
            valid_until: date(2027, 12, 10),
        },
        Notice::Decided {
            number: number(),
            outcome: "assigned".into(),
            certificate: Some("KC-2026-000007".into()),
            grounds: Vec::new(),
            refused_members: vec![DecidedRefusal {
                member: "Серікова Әйгерім".into(),
                kinship: Kinship::Grandchild,
                grounds: vec!["not-kazakh".into()],
            }],
        },
        Notice::Decided {
            number: number(),
            outcome: "refused".into(),
            certificate: None,
            grounds: vec!["not-kazakh".into()],
            refused_members: Vec::new(),
        },
    ]
}
