//! Cases and records at each point of the staged review, for the domain's tests.

use jiff::Timestamp;
use jiff::civil::Date;

use super::*;
use crate::application::hearing::HearingClock;
use crate::application::member::{DocumentKind, FamilyMember, IdentityDocument, Kinship};
use crate::application::review::{
    Hearing, HearingOutcome, HearingRecord, PersonRecommendation, PlannedRefusal, Recommendation,
    VideoRecord,
};
use crate::application::status::{MemberRefusal, Outcome, SignatureMethod};
use crate::application::{Channel, Custody, Form};
use crate::calendar::WorkingCalendar;
use crate::deadline::Deadline;
use crate::grounds::Grounds;
use crate::ids::{ApplicationId, MemberId, UserId};
use crate::iin::Iin;
use crate::numbers::{ApplicationNumber, CertificateNumber};
use crate::person::{Country, CyrillicName, FullName, LatinName, Line};
use crate::rules::{RuleBook, RuleSet};

pub(crate) const STAGED: Workflow = Workflow::Staged { hearing: true };

pub(crate) fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

pub(crate) fn officer() -> Check {
    Check {
        at: at("2026-11-24T05:00:00Z"),
        by: UserId::parse("00000000-0000-4000-8000-000000000009").unwrap(),
    }
}

pub(crate) fn member(n: u8) -> FamilyMember {
    FamilyMember {
        id: MemberId::parse(&format!("00000000-0000-4000-8000-0000000000{n:02}")).unwrap(),
        kinship: Kinship::Child,
        name: FullName {
            surname: CyrillicName::parse("Ерланұлы").unwrap(),
            given: CyrillicName::parse("Алихан").unwrap(),
            patronymic: None,
        },
        name_latin: FullName {
            surname: LatinName::parse("YERLANULY").unwrap(),
            given: LatinName::parse("ALIKHAN").unwrap(),
            patronymic: None,
        },
        birth_date: Date::constant(2019, 4, 1),
        citizenship: Country::parse("CHN").unwrap(),
        iin: None,
        identity_document: IdentityDocument {
            kind: DocumentKind::BirthCertificate,
            number: Line::parse("B1").unwrap(),
            issued_by: Line::parse("PRC").unwrap(),
            expires_on: None,
        },
    }
}

pub(crate) fn registered(kind: Kind) -> Application {
    let registration = Registration {
        registered_at: at("2026-11-23T05:00:00Z"),
        deadline: Deadline {
            accepted: Date::constant(2026, 11, 23),
            due: Date::constant(2026, 11, 26),
            rule_set: "2025-10".into(),
            suspension: None,
        },
        signed_by: SignatureMethod::Sms,
        document_sha256: "ab".repeat(32),
    };
    Application {
        id: ApplicationId::parse("00000000-0000-4000-8000-000000000001").unwrap(),
        number: ApplicationNumber::new(2026, 1),
        kind,
        channel: Channel::Portal,
        applicant: Iin::parse("900101300811").unwrap(),
        office: None,
        intake_office: None,
        form: Form {
            members: vec![member(1), member(2)],
            ..Form::default()
        },
        custody: Custody::default(),
        status: Status::Registered(registration),
        version: 1,
        created_at: at("2026-11-23T05:00:00Z"),
        updated_at: at("2026-11-23T05:00:00Z"),
    }
}

pub(crate) fn step(app: &Application, t: Transition) -> Application {
    Application {
        status: t.status,
        ..app.clone()
    }
}

pub(crate) fn commission(app: &Application, refuse_second: bool) -> Commission {
    let mut recommendations = vec![PersonRecommendation {
        member: None,
        recommendation: Recommendation::Assign,
        reason: String::new(),
    }];
    for (i, m) in app.form.members.iter().enumerate() {
        let refuse = refuse_second && i == 1;
        recommendations.push(PersonRecommendation {
            member: Some(m.id.clone()),
            recommendation: if refuse {
                Recommendation::Refuse
            } else {
                Recommendation::Assign
            },
            reason: if refuse {
                "не казахской национальности".into()
            } else {
                String::new()
            },
        });
    }
    Commission {
        sat_at: at("2026-11-25T05:00:00Z"),
        recorded_by: officer().by,
        protocol_number: "П-1".into(),
        members: vec!["Сейтқазиева Ақбөпе".into(), "Жұмабеков Ерлан".into()],
        recommendations,
        video: VideoRecord {
            reference: "video://leb-astana/2026/11/25/1".into(),
            sha256: "cd".repeat(32),
        },
    }
}

pub(crate) fn assign(app: &Application, refused: bool) -> Decision {
    let grounds = Grounds::shipped().unwrap();
    let refused_members = if refused {
        vec![MemberRefusal {
            member: app.form.members[1].id.clone(),
            grounds: grounds
                .select(
                    Kind::Assignment,
                    &[crate::grounds::GroundCode::parse("not-kazakh-nationality").unwrap()],
                )
                .unwrap(),
            comment: "не подтверждена национальность".into(),
        }]
    } else {
        Vec::new()
    };
    Decision {
        decided_at: at("2026-11-26T05:00:00Z"),
        decided_by: officer().by,
        outcome: Outcome::Assigned {
            certificate: CertificateNumber::new(2026, 1),
            valid_until: Date::constant(2027, 11, 26),
            members: vec![app.form.members[0].id.clone()],
            refused_members,
        },
        signed_off: None,
    }
}

pub(crate) fn rules() -> RuleSet {
    RuleBook::shipped()
        .unwrap()
        .by_id("2025-10")
        .unwrap()
        .clone()
}

pub(crate) fn calendar() -> WorkingCalendar {
    WorkingCalendar::shipped().unwrap()
}

pub(crate) fn clock<'a>(
    now: &str,
    calendar: &'a WorkingCalendar,
    rules: &'a RuleSet,
) -> HearingClock<'a> {
    HearingClock {
        now: at(now),
        calendar,
        rules,
    }
}

pub(crate) fn head() -> Check {
    Check {
        at: at("2026-11-27T09:00:00Z"),
        by: UserId::parse("00000000-0000-4000-8000-000000000010").unwrap(),
    }
}

/// A planned refusal of the family member at `index` on `ground`.
pub(crate) fn planned(app: &Application, index: usize, ground: &str) -> PlannedRefusal {
    PlannedRefusal {
        member: Some(app.form.members[index].id.clone()),
        grounds: Grounds::shipped()
            .unwrap()
            .select(
                Kind::Assignment,
                &[crate::grounds::GroundCode::parse(ground).unwrap()],
            )
            .unwrap(),
    }
}

/// Scheduled by the officer on Tuesday 24 November 2026, 10:00, for Wednesday 11:00.
pub(crate) fn hearing(planned: Vec<PlannedRefusal>) -> Hearing {
    Hearing {
        at: at("2026-11-25T06:00:00Z"),
        place: "https://meet.example/kandas-1".into(),
        online: true,
        scheduled: officer(),
        planned,
        reschedules: Vec::new(),
        requests: Vec::new(),
        record: None,
    }
}

pub(crate) fn held(when: &str) -> HearingRecord {
    HearingRecord {
        held_at: at(when),
        recorded_by: officer().by,
        outcome: HearingOutcome::Held {
            statement: "Заявитель возражает.".into(),
        },
    }
}

pub(crate) fn due(app: &Application) -> Date {
    app.status.registration().unwrap().deadline.due
}
