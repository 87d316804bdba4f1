//! Sample documents with Kazakh names, as the web crate will fill them.

use jiff::civil::{Date, date};
use kandas_documents::{
    AppealLine, Bilingual, Certificate, Decision, DecisionOutcome, Holder, IntakeReceipt,
    MemberRefusalLine, MissingLine, ReceiptDocument, RefusalGround, RefusalReceipt, RefusedPerson,
    Registered, RegistryDocument,
};
use kandas_domain::appeal::AppealRoutes;
use kandas_domain::application::Kind;
use kandas_domain::application::custody::Shortfall;
use kandas_domain::application::document::DocumentType;
use kandas_domain::office::OfficeKind;
use kandas_domain::person::Source;
use kandas_domain::rules::AppealRules;

pub const STATUS_URL: &str = "https://kandas.egov.kz/status/KND-2026-000001";
pub const VERIFY_URL: &str = "https://kandas.egov.kz/verify/KC-2026-000001";
/// A real sealed address (COSE_Sign1 of 251 bytes, `kandas-seal`), as the certificate's QR
/// code carries it.
pub const SEALED_URL: &str = concat!(
    "https://kandas.egov.kz/verify/KC-2026-000001#",
    "0oRQogEnBEtVRERSZU9abDFpb6BYo6oAAQFuS0MtMjAyNi0wMDAwMDECeDzTmNCx0ZbQu9Kb0LDRgdGL",
    "0LzQvtCy0LAg0JPSr9C70L3SsdGAINOo0LzRltGA0LfQsNKb0pvRi9C30YsDdEFCSUxLQVNTWU1PVkEg",
    "R1VMTlVSBGoxOTg1LTAzLTA4BWoyMDI3LTEyLTAxBvQHbWxlYi10dXJraXN0YW4IajIwMjYtMTItMDEJ",
    "GmsOVFBYQHH2Fb4_7GjT17TvZhGwVFXLB5tYEcSlA8_tJsub3AJToNAKuhnu8WSdgRTI7faaeQbCtJ18",
    "zcyU2DOGWe-0lgU",
);
/// The check code printed under it.
pub const CODE: &str = "31300 10566";

pub fn leb() -> Bilingual {
    Bilingual::new(
        "Түркістан облысы әкімдігінің Көші-қон бөлімі",
        "Отдел миграции акимата Туркестанской области",
    )
}

pub fn state_corporation() -> Bilingual {
    Bilingual::new(
        "«Азаматтарға арналған үкімет» мемлекеттік корпорациясының Шымкент қаласы бойынша филиалы",
        "Филиал Государственной корпорации «Правительство для граждан» по городу Шымкент",
    )
}

pub fn mongolia() -> Bilingual {
    Bilingual::new("Моңғолия", "Монголия")
}

pub fn holder() -> Holder {
    Holder {
        name_cyrillic: "Әбілқасымова Гүлнұр Өмірзаққызы".into(),
        name_latin: "ABILKASSYMOVA GULNUR".into(),
        birth_date: date(1985, 3, 8),
        iin: Some("850308400123".into()),
        country: mongolia(),
    }
}

pub fn member(n: usize) -> Holder {
    const NAMES: [&str; 12] = [
        "Әбілқасымов Ерғали Серікұлы",
        "Әбілқасымова Һадиса Ерғалиқызы",
        "Әбілқасымов Нұрсұлтан Ерғалиұлы",
        "Әбілқасымова Айгүл Ерғалиқызы",
        "Әбілқасымов Ілияс Ерғалиұлы",
        "Әбілқасымова Өркен Ерғалиқызы",
        "Әбілқасымов Бағдат Ерғалиұлы",
        "Әбілқасымова Ләззат Ерғалиқызы",
        "Әбілқасымов Қуаныш Ерғалиұлы",
        "Әбілқасымова Жаңыл Ерғалиқызы",
        "Әбілқасымов Үмбетәлі Ерғалиұлы",
        "Әбілқасымова Ёлкин Ерғалиқызы",
    ];
    Holder {
        name_cyrillic: NAMES[n % NAMES.len()].into(),
        name_latin: format!("ABILKASSYMOV MEMBER {}", n + 1),
        birth_date: date(2001, 1, 1 + n as i8),
        iin: n
            .is_multiple_of(2)
            .then(|| format!("0101{:02}50012{}", n + 1, n % 10)),
        country: mongolia(),
    }
}

pub fn intake() -> IntakeReceipt {
    IntakeReceipt {
        number: "KND-2026-000001".into(),
        kind: Kind::Assignment,
        accepted_on: date(2026, 11, 26),
        due: date(2027, 1, 14),
        intake_office: state_corporation(),
        deciding_office: leb(),
        applicant_name: "Әбілқасымова Гүлнұр Өмірзаққызы".into(),
        applicant_iin: "850308400123".into(),
        operator: "Сейітқазиева Ақбөпе".into(),
        documents: vec![
            ReceiptDocument {
                document: DocumentType::PersonalHistory,
                member: None,
                original_kept: true,
            },
            ReceiptDocument {
                document: DocumentType::NationalityProof,
                member: Some("Әбілқасымова Һадиса Ерғалиқызы".into()),
                original_kept: false,
            },
        ],
        registry_documents: vec![RegistryDocument {
            document: DocumentType::IdentityDocument,
            member: None,
            source: Source::PopulationRegistry,
        }],
        status_url: STATUS_URL.into(),
    }
}

pub fn refusal() -> RefusalReceipt {
    RefusalReceipt {
        number: "KND-2026-000002".into(),
        kind: Kind::Extension,
        refused_on: date(2026, 5, 4),
        intake_office: state_corporation(),
        applicant_name: "Әбілқасымова Гүлнұр Өмірзаққызы".into(),
        applicant_iin: "850308400123".into(),
        operator: "Сейітқазиева Ақбөпе".into(),
        missing: Shortfall::ALL
            .into_iter()
            .enumerate()
            .map(|(i, shortfall)| MissingLine {
                document: DocumentType::ALL[i % DocumentType::ALL.len()],
                member: (i == 1).then(|| "Әбілқасымов Ерғали Серікұлы".into()),
                shortfall,
            })
            .collect(),
        registered: None,
        appeal: appeal(
            OfficeKind::StateCorporation,
            date(2026, 5, 4),
            &state_corporation(),
        ),
        status_url: "https://kandas.egov.kz/status/KND-2026-000002".into(),
    }
}

/// The local executive body's refusal to accept a registered online application.
pub fn refusal_at_check() -> RefusalReceipt {
    RefusalReceipt {
        intake_office: leb(),
        operator: String::new(),
        registered: Some(Registered {
            on: date(2026, 5, 4),
            due: date(2026, 5, 8),
        }),
        appeal: appeal(OfficeKind::LocalExecutiveBody, date(2026, 5, 5), &leb()),
        refused_on: date(2026, 5, 5),
        ..refusal()
    }
}

/// The shipped appeal routes against a decision of `by` on `on`, worded as the app words them.
pub fn appeal(by: OfficeKind, on: Date, office: &Bilingual) -> Vec<AppealLine> {
    let rules = AppealRules {
        complaint_months: 3,
    };
    let routes = AppealRoutes::shipped().unwrap();
    routes
        .for_decision(by, on, &rules)
        .unwrap()
        .iter()
        .map(|a| {
            let kk = kandas_i18n::appeal_text("kk", a, &office.kk);
            let ru = kandas_i18n::appeal_text("ru", a, &office.ru);
            AppealLine {
                title: Bilingual::new(kk.title, ru.title),
                text: Bilingual::new(kk.text, ru.text),
                legal_basis: Bilingual::new(kk.legal_basis, ru.legal_basis),
            }
        })
        .collect()
}

pub fn certificate(members: usize) -> Certificate {
    Certificate {
        number: "KC-2026-000001".into(),
        issued_on: date(2026, 12, 1),
        valid_until: date(2027, 12, 1),
        holder: holder(),
        members: (0..members).map(member).collect(),
        issuer: leb(),
        verify_url: SEALED_URL.into(),
        code: CODE.into(),
    }
}

pub fn extension() -> Decision {
    Decision {
        application_number: "KND-2026-000003".into(),
        kind: Kind::Extension,
        decided_on: date(2026, 8, 17),
        holder: holder(),
        issuer: leb(),
        outcome: DecisionOutcome::Extended {
            certificate: "KC-2025-000417".into(),
            valid_until: date(2027, 2, 17),
        },
        appeal: Vec::new(),
        status_url: "https://kandas.egov.kz/status/KND-2026-000003".into(),
    }
}

pub fn refusal_decision(comment: &str) -> Decision {
    Decision {
        application_number: "KND-2026-000004".into(),
        kind: Kind::Assignment,
        decided_on: Date::constant(2026, 9, 30),
        holder: holder(),
        issuer: leb(),
        outcome: DecisionOutcome::Refused {
            persons: vec![
                RefusedPerson {
                    name: "Әбілқасымова Гүлнұр Өмірзаққызы".into(),
                    role: Bilingual::new("Өтініш беруші", "Заявитель"),
                },
                RefusedPerson {
                    name: "Әбілқасымов Нұрсұлтан Ерғалиұлы".into(),
                    role: Bilingual::new("Баласы", "Ребёнок"),
                },
            ],
            grounds: vec![RefusalGround {
                text: Bilingual::new(
                    "Ұсынылған құжаттардың дәйексіздігі анықталды",
                    "Установлена недостоверность представленных документов",
                ),
                legal_basis: Bilingual::new(
                    "Мемлекеттік көрсетілетін қызмет қағидаларының 9-тармағы",
                    "Пункт 9 Правил оказания государственной услуги",
                ),
            }],
            comment: comment.into(),
        },
        appeal: appeal(OfficeKind::LocalExecutiveBody, date(2026, 9, 30), &leb()),
        status_url: "https://kandas.egov.kz/status/KND-2026-000004".into(),
    }
}

/// Two children refused while the applicant and the spouse are assigned.
pub fn member_refusal() -> Decision {
    let child = |name: &str, comment: &str| MemberRefusalLine {
        person: RefusedPerson {
            name: name.into(),
            role: Bilingual::new("Баласы", "Ребёнок"),
        },
        grounds: vec![RefusalGround {
            text: Bilingual::new(
                "Өтініш беруші этникалық қазақ емес",
                "Не является этническим казахом",
            ),
            legal_basis: Bilingual::new(
                "«Халықтың көші-қоны туралы» Заң, 1-бап",
                "Закон «О миграции населения», статья 1",
            ),
        }],
        comment: comment.into(),
    };
    Decision {
        outcome: DecisionOutcome::MembersRefused {
            certificate: "KC-2026-000001".into(),
            members: vec![
                child("Әбілқасымов Нұрсұлтан Ерғалиұлы", "Ұлты расталмады."),
                child(
                    "Әбілқасымова Һадиса Ерғалиқызы",
                    "Национальность не подтверждена.",
                ),
            ],
        },
        ..refusal_decision("")
    }
}
